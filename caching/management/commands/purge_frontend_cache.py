from django.core.management.base import BaseCommand, CommandError

from caching.purge import pending_purges, request_purge, send_pending


class Command(BaseCommand):
    help = (
        "Envoie au cache HTTP les purges en attente (à lancer chaque minute en production) ; "
        "--all purge tout le site."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Purge tout le site maintenant.")

    def handle(self, *args, **options):
        if options["all"]:
            request_purge("manage.py purge_frontend_cache --all")
        if not send_pending():
            error = pending_purges().order_by("-pk").values_list("last_error", flat=True).first()
            raise CommandError(f"Purge toujours en attente : {error}")
        if options["verbosity"]:
            self.stdout.write("Aucune purge en attente.")
