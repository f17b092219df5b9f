"""Erase the speakers' gender declarations twelve months after their edition, keeping only
the edition's overall figures (`EditionParity`), as the page « Données personnelles » says.
Run daily (deploy/systemd/nec-erase-gender-declarations.timer).

An edition ends on the day of its latest session, in any language, or on 31 December of its
year when it has no session. Its figures are counted once, from the answers, just before
they are erased: declarations added to an edition already erased are erased in turn without
changing its figures, since the answers they were counted from are gone.
"""

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from wagtail.models import Locale

from editions.models import (
    EditionPage,
    EditionParity,
    GenderDeclaration,
    SessionPage,
    count_answers,
)

RETENTION_DAYS = 365


def edition_end(editions):
    """The day the edition ended: its latest session in any of its pages, or 31 December."""
    latest = None
    for edition in editions:
        day = SessionPage.objects.descendant_of(edition).aggregate(day=Max("date"))["day"]
        if day is not None and (latest is None or day > latest):
            latest = day
    return latest or datetime.date(max(edition.year for edition in editions), 12, 31)


def editions_by_key():
    """Each edition's pages in every language, the default language's first."""
    default = Locale.get_default().pk
    grouped = {}
    for edition in EditionPage.objects.order_by("path"):
        grouped.setdefault(edition.translation_key, []).append(edition)
    for pages in grouped.values():
        pages.sort(key=lambda page: page.locale_id != default)
    return grouped


class Command(BaseCommand):
    help = (
        "Efface les déclarations de genre des intervenant·es douze mois après leur édition, "
        "en conservant seulement les chiffres d’ensemble de l’édition."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Affiche ce qui serait effacé, sans rien modifier.",
        )

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        dry_run = options["dry_run"]
        limit = timezone.localdate() - datetime.timedelta(days=RETENTION_DAYS)
        erased = 0
        for key, editions in editions_by_key().items():
            declarations = GenderDeclaration.objects.filter(edition__translation_key=key)
            count = declarations.count()
            if not count or edition_end(editions) >= limit:
                continue
            edition = editions[0]
            kept = EditionParity.objects.filter(
                edition_key=key, answers_erased_at__isnull=False
            ).first()
            share = None if kept else count_answers(edition)
            if not dry_run:
                with transaction.atomic():
                    if share is not None:
                        EditionParity.objects.update_or_create(
                            edition_key=key,
                            defaults={
                                "women": share.women,
                                "men": share.men,
                                "other": share.other,
                                "not_declared": share.not_declared,
                                "answers_erased_at": timezone.now(),
                            },
                        )
                    declarations.delete()
            erased += count
            self.report(edition, count, share, dry_run)
        if erased == 0:
            self.say("Aucune déclaration de genre à effacer.")

    def report(self, edition, count, share, dry_run):
        if share is None:
            figures = "chiffres d’ensemble déjà conservés, inchangés"
        else:
            figures = (
                f"chiffres d’ensemble {'à conserver' if dry_run else 'conservés'} : "
                f"{share.women} femme(s), {share.men} homme(s), {share.other} autre(s) "
                f"identité(s), {share.not_declared} sans réponse"
            )
        if dry_run:
            self.say(
                f"{edition.title} : {count} déclaration(s) de genre à effacer ; {figures} "
                "(simulation : rien n’est modifié)."
            )
        else:
            self.say(f"{edition.title} : {count} déclaration(s) de genre effacée(s) ; {figures}.")

    def say(self, message):
        if self.verbosity:
            self.stdout.write(message)
