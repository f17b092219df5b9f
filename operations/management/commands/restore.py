"""`manage.py restore FOLDER`: replace the database and add the media of a backup folder."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from operations.backup import BackupError, read_manifest, restore_backup, summary


class Command(BaseCommand):
    help = "Restaure une sauvegarde (base de données et médias) créée par « backup »."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="Dossier nec-backup-… créé par « manage.py backup ».")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Ne demande pas de confirmation.",
        )
        parser.add_argument(
            "--no-media", action="store_false", dest="media", help="Ne restaure que la base."
        )

    def handle(self, *args, **options):
        try:
            manifest = read_manifest(options["folder"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        if options["interactive"]:
            answer = input(
                f"La base « {connection.settings_dict['NAME']} » va être remplacée par la "
                f"sauvegarde du {manifest['created_at']}. Tapez « oui » pour continuer : "
            )
            if answer.strip().lower() != "oui":
                raise CommandError("Restauration annulée.")
        try:
            found = restore_backup(options["folder"], media=options["media"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        counts = summary(found)
        self.stdout.write(self.style.SUCCESS("Sauvegarde restaurée et vérifiée."))
        if options["verbosity"]:
            self.stdout.write(
                "  pages : {pages}, révisions : {revisions}, traductions : {translations}, "
                "documents : {documents}, images : {images}".format(**counts)
            )
