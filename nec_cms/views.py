import logging

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_safe
from django.views.defaults import page_not_found as django_page_not_found

logger = logging.getLogger(__name__)


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = ["User-agent: *"]
    if settings.NEC_ADMIN_PATH == "admin/":
        # A custom admin path (NEC_ADMIN_PATH) is not advertised here.
        lines.append("Disallow: /admin/")
    lines += ["Allow: /", f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def page_not_found(request, exception, template_name="404.html"):
    return django_page_not_found(request, exception, template_name=template_name)


def server_error(request, template_name="500.html"):
    """Render the 500 page without touching the database or context processors."""
    template = loader.get_template(template_name)
    return HttpResponseServerError(template.render({}))


@require_safe
@never_cache
def healthz(request):
    """200 when the database answers, 503 otherwise; the details only go to the log."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001 - any failure means "not healthy"
        logger.error("Health check failed: %r", error)
        return HttpResponse("indisponible\n", status=503, content_type="text/plain; charset=utf-8")
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
