"""Measure every live public page (weight, requests, HTML elements, EcoIndex) and keep the
last measurement of each for the « Poids des pages » report in the admin."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.http.request import validate_host
from django.test import Client
from django.utils import timezone
from wagtail.models import Page

from quality.measure import measure_html
from quality.models import PageMeasurement


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
            parts = page.get_url_parts()
            if parts is None:
                continue  # not routable (outside any site)
            _site_id, root_url, page_path = parts
            host = self.host_for(root_url)
            response = client.get(page_path, headers={"host": host})
            if response.status_code != 200:
                self.stderr.write(
                    f"{page_path} : réponse {response.status_code}, page non mesurée."
                )
                continue
            url = f"{urlsplit(root_url).scheme or 'http'}://{host}{page_path}"
            measurement = measure_html(response.content, url)
            ecoindex = measurement.ecoindex
            with transaction.atomic():
                record, _created = PageMeasurement.objects.update_or_create(
                    page=page,
                    defaults={
                        "url": page_path,
                        "measured_at": now,
                        "html_bytes": measurement.html_bytes,
                        "transfer_bytes": measurement.transfer_bytes,
                        "requests": measurement.requests,
                        "dom_elements": measurement.dom_elements,
                        "ecoindex_score": ecoindex.score,
                        "ecoindex_grade": ecoindex.grade,
                    },
                )
            measured_ids.append(page.pk)
            problems = record.budget_problems
            over_budget += bool(problems)
            if verbosity:
                line = (
                    f"{ecoindex.grade} {ecoindex.score:>3}  {record.weight_kb:>7.1f} Ko  "
                    f"{record.requests:>3} requêtes  {record.dom_elements:>4} éléments  "
                    f"{page_path}"
                )
                if problems:
                    line += "  — hors budget : " + ", ".join(problems)
                self.stdout.write(line)
            for missing in measurement.missing:
                self.stderr.write(f"{page_path} : fichier introuvable sur le site : {missing}")
        # Pages unpublished, deleted or made private since the last run leave the report.
        PageMeasurement.objects.exclude(page_id__in=measured_ids).delete()
        if verbosity:
            style = self.style.WARNING if over_budget else self.style.SUCCESS
            self.stdout.write(
                style(f"{len(measured_ids)} pages mesurées, {over_budget} hors budget.")
            )

    @staticmethod
    def host_for(root_url):
        """The site's host name when this server answers to it, else the first allowed host
        (a single-site install serves its default site whatever the host)."""
        host = urlsplit(root_url).netloc or "localhost"
        hostname = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        if validate_host(hostname, settings.ALLOWED_HOSTS):
            return host
        allowed = [h for h in settings.ALLOWED_HOSTS if h not in ("*",) and not h.startswith(".")]
        return allowed[0] if allowed else "localhost"
