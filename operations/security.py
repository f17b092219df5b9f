"""HTTP security headers shared by every response, and the client address used by the login
throttling (axes).

The public site gets a strict Content-Security-Policy (no inline script or style, nothing
from another host). The Wagtail admin still needs inline scripts and styles, so responses
under the admin path get the relaxed policy of NEC_ADMIN_CONTENT_SECURITY_POLICY instead.
"""

import math

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.shortcuts import render


def admin_prefix():
    """The admin URL prefix, e.g. "/admin/" (configurable with NEC_ADMIN_PATH)."""
    return "/" + settings.NEC_ADMIN_PATH


def is_admin_path(path):
    return path.startswith(admin_prefix())


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with one policy for the public site and a relaxed one for the admin.

    A view decorated with django-csp's decorators (@csp, @csp_update…) keeps control.
    frame-ancestors follows X-Frame-Options: only views that allow same-origin framing
    (Wagtail's page and block previews) may be framed, and only by the site itself.
    """

    def process_response(self, request, response):
        response = super().process_response(request, response)
        policy = response.get("Content-Security-Policy")
        if policy:
            directives = policy.split("; ")
            if response.get("X-Frame-Options", "").upper() == "SAMEORIGIN":
                # Wagtail's previews run the page through the middleware first (public
                # policy), then mark the response as frameable by the admin.
                directives = [d for d in directives if not d.startswith("frame-ancestors")]
                directives.append("frame-ancestors 'self'")
            # django-csp joins directives in set order: a stable order reads and tests better.
            directives.sort(key=lambda d: (not d.startswith("default-src"), d))
            response["Content-Security-Policy"] = "; ".join(directives)
        return response

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts = PolicyParts(
                config=settings.NEC_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"],
                update=parts.update,
                replace=parts.replace,
                nonce=parts.nonce,
            )
        return parts


class SecurityHeadersMiddleware:
    """The header Django 5.2 does not set itself: Permissions-Policy (no camera, microphone,
    geolocation… for the site or anything it embeds). Django's SecurityMiddleware sets
    nosniff, Referrer-Policy, Cross-Origin-Opener-Policy and, over HTTPS, HSTS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "NEC_PERMISSIONS_POLICY", "")
        if policy:
            response.headers.setdefault("Permissions-Policy", policy)
        return response


def client_ip(request):
    """The visitor's address for login throttling.

    Behind NEC_TRUSTED_PROXY_COUNT reverse proxies (default 0), the address is read from
    X-Forwarded-For, counting from the right, so that a client cannot forge it; otherwise
    REMOTE_ADDR.
    """
    proxies = getattr(settings, "NEC_TRUSTED_PROXY_COUNT", 0)
    remote = request.META.get("REMOTE_ADDR", "")
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]


def lockout_response(request, original_response=None, credentials=None):
    """The French page shown once axes locks a login out (AXES_LOCKOUT_CALLABLE)."""
    from axes.helpers import get_cool_off, get_failure_limit

    from operations.login_limits import SCOPES, limits

    cool_off = get_cool_off(request)
    scope = getattr(request, "nec_lockout_scope", "pair")
    context = {
        "scope": scope,
        "failure_limit": dict(zip(SCOPES, limits(), strict=True)).get(
            scope, get_failure_limit(request, credentials)
        ),
        "cooloff_minutes": math.ceil(cool_off.total_seconds() / 60) if cool_off else 0,
    }
    response = render(
        request, settings.AXES_LOCKOUT_TEMPLATE, context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
