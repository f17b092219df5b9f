from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Charge le contenu initial de Numérique en Commun[s] (placeholder, being written)."

    def handle(self, *args, **options):
        pass
