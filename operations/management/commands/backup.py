"""`manage.py backup [DESTINATION]`: database and media in one dated folder (operations.backup)."""

from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, create_backup, read_manifest


class Command(BaseCommand):
    help = "Sauvegarde la base de données et les médias dans un dossier daté."

    def add_arguments(self, parser):
        parser.add_argument(
            "destination", nargs="?", default="backups", help="Dossier où créer la sauvegarde."
        )

    def handle(self, *args, **options):
        try:
            folder = create_backup(options["destination"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        counts = read_manifest(folder)["inventory"]
        self.stdout.write(self.style.SUCCESS(f"Sauvegarde créée : {folder}"))
        if options["verbosity"]:
            self.stdout.write(
                "  pages : {pages}, révisions : {revisions}, traductions : {translations}, "
                "documents : {documents}, images : {images}".format(**counts)
            )
