"""Measure every live public page (weight, requests, HTML elements, EcoIndex) and keep the
last measurement of each for the « Poids des pages » report in the admin.

Publishing a page measures it already (quality.tasks); this command measures everything at
once, e.g. after a change of style sheets or templates."""

from django.core.management.base import BaseCommand
from django.test import Client
from django.utils import timezone
from wagtail.models import Page

from quality.models import PageMeasurement
from quality.tasks import measure_page


class Command(BaseCommand):
    help = (
        "Mesure chaque page publique publiée (poids, requêtes, éléments HTML, EcoIndex) et "
        "enregistre la dernière mesure pour le rapport « Poids des pages »."
    )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        client = Client(raise_request_exception=False)
        now = timezone.now()
        measured_ids = []
        over_budget = 0
        pages = Page.objects.live().public().filter(depth__gt=1).specific().order_by("path")
        for page in pages:
            record, measurement = measure_page(page, client, now=now)
            if record is None:
                if measurement != "not routable":
                    self.stderr.write(f"{page.get_url()} : {measurement}, page non mesurée.")
                continue
            measured_ids.append(page.pk)
            problems = record.budget_problems
            over_budget += bool(problems)
            if verbosity:
                ecoindex = measurement.ecoindex
                line = (
                    f"{ecoindex.grade} {ecoindex.score:>3}  {record.weight_kb:>7.1f} Ko  "
                    f"{record.requests:>3} requêtes  {record.dom_elements:>4} éléments  "
                    f"{record.url}"
                )
                if problems:
                    line += "  — hors budget : " + ", ".join(problems)
                self.stdout.write(line)
            for missing in measurement.missing:
                self.stderr.write(f"{record.url} : fichier introuvable sur le site : {missing}")
        # Pages unpublished, deleted or made private since the last run leave the report.
        PageMeasurement.objects.exclude(page_id__in=measured_ids).delete()
        if verbosity:
            style = self.style.WARNING if over_budget else self.style.SUCCESS
            self.stdout.write(
                style(f"{len(measured_ids)} pages mesurées, {over_budget} hors budget.")
            )
