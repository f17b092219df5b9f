"""Say, on every response, who may keep it and for how long (RFC 9111).

Public pages seen by anonymous visitors may be shared by the proxy for
NEC_PAGE_CACHE_SECONDS (`s-maxage`: Varnish keeps them until a purge or until then) and kept
by browsers for NEC_BROWSER_CACHE_SECONDS (`max-age`, short: a browser cannot be purged).
Everything personal says `private, no-store`: the admin, previews, logged-in visitors (or
anyone carrying a session cookie), any response that sets a cookie (a form with its CSRF
token), and anything but GET and HEAD. A view that chose its own Cache-Control keeps it
unless the response is personal.
"""

from django.conf import settings
from django.utils.cache import patch_vary_headers

from operations.security import is_admin_path

PRIVATE = "private, no-store"
SHAREABLE_STATUSES = frozenset({200, 301, 404, 410})


def is_personal(request, response):
    if request.method not in ("GET", "HEAD"):
        return True
    if is_admin_path(request.path_info):
        return True
    if response.cookies or response.has_header("Set-Cookie"):
        return True
    if getattr(request, "is_preview", False):
        return True
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class CacheControlMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_personal(request, response):
            response["Cache-Control"] = PRIVATE
            patch_vary_headers(response, ("Cookie",))
        elif "Cache-Control" not in response:
            response["Cache-Control"] = self.public_policy(response)
        return response

    @staticmethod
    def public_policy(response):
        shared = settings.NEC_PAGE_CACHE_SECONDS
        if shared <= 0 or response.status_code not in SHAREABLE_STATUSES:
            return "no-cache"
        browser = min(settings.NEC_BROWSER_CACHE_SECONDS, shared)
        return f"public, max-age={browser}, s-maxage={shared}"
