"""Measure pages when they are published, away from the editor's request.

Publishing a page enqueues ``measure_published_page`` once the transaction commits. The
task runs on the « background » task backend (TASKS): in production the database queue,
worked by ``manage.py db_worker --backend background`` (docs/operations.md); in development
and tests it runs at once. The published page and the pages above it that list it (the
library, the home page…) are measured, so the « Poids des pages » report fills itself.
``manage.py measure_pages`` measures every page at once with the same function.
"""

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.http.request import validate_host
from django.test import Client
from django.utils import timezone, translation
from django_tasks import task
from wagtail.models import Page

from quality.measure import measure_html
from quality.models import PageMeasurement

logger = logging.getLogger(__name__)


def host_for(root_url):
    """The site's host name when this server answers to it, else the first allowed host
    (a single-site install serves its default site whatever the host)."""
    host = urlsplit(root_url).netloc or "localhost"
    hostname = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    if validate_host(hostname, settings.ALLOWED_HOSTS):
        return host
    allowed = [h for h in settings.ALLOWED_HOSTS if h not in ("*",) and not h.startswith(".")]
    return allowed[0] if allowed else "localhost"


def measure_page(page, client=None, now=None):
    """Render ``page`` as an anonymous visitor, measure it and keep the measurement.

    Returns (record, measurement), or (None, reason) when the page cannot be measured.
    """
    parts = page.get_url_parts()
    if parts is None:
        return None, "not routable"
    _site_id, root_url, page_path = parts
    host = host_for(root_url)
    scheme = urlsplit(root_url).scheme or "http"
    client = client or Client(raise_request_exception=False)
    # Behind the proxy production redirects plain HTTP to HTTPS: ask as the proxy would.
    secure = scheme == "https" or settings.SECURE_SSL_REDIRECT
    # Run at once (development), this is a request inside the editor's request: keep the
    # editor's language, which the visitor's request would switch.
    with translation.override(translation.get_language()):
        response = client.get(page_path, headers={"host": host}, secure=secure)
    if response.status_code != 200:
        return None, f"réponse {response.status_code}"
    measurement = measure_html(response.content, f"{scheme}://{host}{page_path}")
    ecoindex = measurement.ecoindex
    with transaction.atomic():
        record, _created = PageMeasurement.objects.update_or_create(
            page=page,
            defaults={
                "url": page_path,
                "measured_at": now or timezone.now(),
                "html_bytes": measurement.html_bytes,
                "transfer_bytes": measurement.transfer_bytes,
                "requests": measurement.requests,
                "dom_elements": measurement.dom_elements,
                "ecoindex_score": ecoindex.score,
                "ecoindex_grade": ecoindex.grade,
            },
        )
    return record, measurement


def pages_to_measure(page):
    """The page and the live public pages above it (listings that show it), home included."""
    pages = page.get_ancestors(inclusive=True).filter(depth__gt=1).live().public()
    return list(pages.specific().order_by("-depth"))


@task(backend="background")
def measure_published_page(page_id):
    page = Page.objects.filter(pk=page_id).first()
    if page is None or not page.live:
        return 0
    client = Client(raise_request_exception=False)
    measured = 0
    for target in pages_to_measure(page):
        record, _ = measure_page(target, client)
        if record is None:
            # A page that has become private or unreachable leaves the report.
            PageMeasurement.objects.filter(page=target).delete()
        else:
            measured += 1
    return measured


def enqueue_measurement(sender, instance, **kwargs):
    """page_published: measure once the publication is committed (the worker, or the
    immediate backend, must see the published page)."""
    page_id = instance.pk
    transaction.on_commit(lambda: measure_published_page.enqueue(page_id))


def forget_measurement(sender, instance, **kwargs):
    """page_unpublished: an unpublished page leaves the report."""
    PageMeasurement.objects.filter(page_id=instance.pk).delete()
