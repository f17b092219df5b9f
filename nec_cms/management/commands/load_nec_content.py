"""Load the seed content every app declares in its `seed.py`, in French and English.
Idempotent: creates what is missing, never overwrites, never duplicates, never brings back
what editors deleted (nec_cms.seed_loader)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from nec_cms.seed_loader import SeedLoader, seed_modules
from nec_cms.seeding import SeedError


class Command(BaseCommand):
    help = "Charge le contenu initial de Numérique en Commun[s] (sans rien écraser)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo",
            type=int,
            default=0,
            metavar="N",
            help=(
                "Ajoute N ressources d’exemple (marquées comme telles), en français et en "
                "anglais. Jamais en production."
            ),
        )

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        count = options["demo"]
        if count > 0 and not settings.NEC_EXAMPLE_CONTENT_ALLOWED:
            raise CommandError(
                "Les ressources d’exemple ne se chargent pas avec les réglages de production "
                "(NEC_EXAMPLE_CONTENT_ALLOWED est désactivé) : lancez la commande sans --demo."
            )
        modules = list(seed_modules())
        items = [item for module in modules for item in getattr(module, "SEED", ())]
        if count > 0:
            for module in modules:
                if hasattr(module, "examples"):
                    items += module.examples(count)
        loader = SeedLoader(log=self.log)
        try:
            with transaction.atomic():
                loader.load(items)
                for module in modules:
                    if hasattr(module, "after_load"):
                        module.after_load()
        except SeedError as error:
            raise CommandError(str(error)) from error
        if loader.untranslated and self.verbosity > 1:
            self.stdout.write("Untranslated seed strings:\n" + "\n".join(loader.untranslated))
        if self.verbosity:
            self.stdout.write(
                self.style.SUCCESS(f"Contenu NEC en place ({loader.created} élément(s) ajouté(s)).")
            )

    def log(self, message):
        if self.verbosity > 1:
            self.stdout.write(message)
