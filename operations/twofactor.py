"""Staff log in with two factors: their password, then a code from an authenticator app
(TOTP), or one of their single-use recovery codes.

django-otp keeps the devices and checks the codes (with its own throttling);
`django_otp.middleware.OTPMiddleware` says whether this session passed the second factor
(`request.user.is_verified()`). What this module adds is who must pass it, and where:

- Modérateurs and administrators must, and are sent to enrol a device first if they have
  none; anyone else who enrolled (optional for Éditeurs and Traducteurs) must too;
- only in the admin: the public site, and anonymous visitors anywhere, are left alone (no
  cookie, no query), and logging in or out, the password reset and the two-factor pages
  themselves stay reachable.

NEC_2FA_REQUIRED=0 turns the enforcement off, for a development setup.
"""

from base64 import b32encode

import segno
from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from nec_cms.roles import is_moderator
from operations.security import is_admin_path

RECOVERY_CODE_COUNT = 10

# Admin views a person may reach before the second factor: logging in and out, the password
# reset (its four steps), what every admin page loads (the icons, the JavaScript catalogue)
# and the two-factor pages themselves.
OPEN_VIEWS = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
    "nec_two_factor_enrol",
    "nec_two_factor_verify",
}
OPEN_VIEW_PREFIX = "wagtailadmin_password_reset"


def is_required(user):
    """Whether this person may not use the admin without a second factor, enrolled or not."""
    return is_moderator(user)


def confirmed_devices(user):
    return list(devices_for_user(user, confirmed=True))


def totp_device(user, confirmed=True):
    return TOTPDevice.objects.devices_for_user(user, confirmed=confirmed).first()


def recovery_device(user):
    return StaticDevice.objects.devices_for_user(user, confirmed=True).first()


def recovery_codes_left(user):
    device = recovery_device(user)
    return device.token_set.count() if device else 0


def pending_totp_device(user):
    """The device being enrolled: the same key until it is confirmed, so that reloading the
    page does not make a code already scanned useless."""
    device = totp_device(user, confirmed=False)
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name=gettext("Application d’authentification"), confirmed=False
        )
    return device


@transaction.atomic
def confirm_enrolment(device):
    """The device is confirmed; the person's recovery codes are made anew. Returns them, to
    be shown once."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return new_recovery_codes(device.user)


@transaction.atomic
def new_recovery_codes(user):
    """Replaces the person's recovery codes with RECOVERY_CODE_COUNT new ones."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(
        user=user, name=gettext("Codes de secours"), confirmed=True
    )
    codes = []
    while len(codes) < RECOVERY_CODE_COUNT:
        code = StaticToken.random_token()
        if code not in codes:
            codes.append(code)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def reset(user):
    """Forgets every device of the person (a lost phone): they enrol again at next login.
    Returns how many devices were deleted."""
    count = 0
    for device in list(devices_for_user(user, confirmed=None)):
        device.delete()
        count += 1
    return count


def secret_for_typing(device):
    """The key in base32, as authenticator apps want it typed, in groups of four."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device):
    """The device's otpauth:// address as an inline SVG QR code: drawn here, so nothing is
    asked of another host and no script is needed. Dark on white whatever the admin's theme,
    with its quiet zone, so that any phone reads it."""
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=5,
        border=4,
        dark="#000",
        light="#fff",
        svgclass="nec-two-factor__qr",
        title=gettext("Code QR à scanner avec votre application d’authentification"),
    )
    # segno writes no role: say it is one picture, named by its <title>.
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))


def safe_next(request, default=None):
    """Where to go once the second factor is passed: an address of this site only."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default or reverse("wagtailadmin_home")


def redirect_with_next(view_name, request):
    """To a two-factor page, coming back to this address afterwards (a GET only: a form
    sent without the second factor is not sent again)."""
    target = request.get_full_path() if request.method in ("GET", "HEAD") else ""
    url = reverse(view_name)
    return redirect(f"{url}?{urlencode({'next': target})}" if target else url)


class TwoFactorMiddleware:
    """Sends staff who must pass the second factor to it, for every admin view but the open
    ones. Placed after django-otp's middleware, which tells whether the session passed it.

    Works in process_view, once the URL is resolved (its name says whether the view is
    open), and first looks at the path: outside the admin, nothing is read, not even the
    session, so public pages keep their cookies and queries as they were."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.NEC_2FA_REQUIRED or not is_admin_path(request.path_info):
            return None
        name = request.resolver_match.url_name if request.resolver_match else ""
        if name in OPEN_VIEWS or (name or "").startswith(OPEN_VIEW_PREFIX):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if confirmed_devices(user):
            return redirect_with_next("nec_two_factor_verify", request)
        if is_required(user):
            return redirect_with_next("nec_two_factor_enrol", request)
        return None
