import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.defaults import page_not_found as django_page_not_found


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


# Seconds a visitor, a crawler or the proxy is asked to wait when the database is away.
RETRY_AFTER = 30


def server_error(request, template_name="500.html"):
    """Render the 500 page without touching the database or context processors. When the
    database cannot be reached (stopped, restarting, out of connections), the site is not
    broken but away for a moment: a 503 that says so, with Retry-After. The same when the
    object store holding the media does not answer (a document asked for)."""
    from operations.storage import StorageUnavailable  # botocore loaded only on an error

    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError, StorageUnavailable)):
        template = loader.get_template("503.html")
        response = HttpResponse(template.render({}), status=503)
        response["Retry-After"] = str(RETRY_AFTER)
        response["Cache-Control"] = "no-store"
        return response
    template = loader.get_template(template_name)
    return HttpResponseServerError(template.render({}))
