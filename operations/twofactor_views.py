"""The two-factor pages of the admin (operations.twofactor says who must pass them):

- enrolment: a QR code and the same key in text, then the first code, which confirms the
  device and gives ten recovery codes, shown once;
- verification, after each login: a code from the app, or a recovery code (used up);
- « Double authentification » in the account: where it stands, new recovery codes.

Enrolment and verification look like the login page: they come right after it.
"""

import math
import re

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from django_otp import login as otp_login
from django_otp import verify_token
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from operations import twofactor

TOTP_CODE = re.compile(r"\d{6}")


def code_widget(field_id, numeric):
    """A text input for a code, tied to its help and its error message for screen readers."""
    attrs = {
        "autocomplete": "one-time-code" if numeric else "off",
        "autocapitalize": "none",
        "spellcheck": "false",
        "aria-describedby": f"{field_id}-help {field_id}-error",
        "class": "w-font-mono",
    }
    if numeric:
        attrs.update({"inputmode": "numeric", "maxlength": "7"})  # "123 456" is fine too
    else:
        attrs["maxlength"] = "20"
    return forms.TextInput(attrs=attrs)


class TotpCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code à 6 chiffres"),
        help_text=_("Le code que votre application affiche en ce moment pour ce site."),
        widget=code_widget("id_code", numeric=True),
        error_messages={"required": _("Saisissez les 6 chiffres affichés par votre application.")},
    )

    def clean_code(self):
        code = re.sub(r"\s", "", self.cleaned_data["code"])
        if not TOTP_CODE.fullmatch(code):
            raise forms.ValidationError(
                _("Le code compte 6 chiffres, sans lettre : saisissez celui de l’application.")
            )
        return code


class RecoveryCodeForm(forms.Form):
    recovery_code = forms.CharField(
        label=_("Code de secours"),
        help_text=_(
            "Un des dix codes de secours reçus lors de l’activation ; il ne sert qu’une fois."
        ),
        widget=code_widget("id_recovery_code", numeric=False),
        error_messages={"required": _("Saisissez un de vos codes de secours.")},
    )

    def clean_recovery_code(self):
        return re.sub(r"[\s-]", "", self.cleaned_data["recovery_code"]).lower()


def seconds_to_wait(devices):
    """How long before another code may be tried: django-otp doubles the wait after each
    wrong code (1 s, 2 s, 4 s…), on the device it was tried on; the person waits for all."""
    now = timezone.now()
    wait = 0
    for device in devices:
        allowed, details = device.verify_is_allowed()
        if not allowed and details and details.get("locked_until"):
            wait = max(wait, math.ceil((details["locked_until"] - now).total_seconds()))
    return wait


def wait_message(seconds):
    return ngettext(
        "Trop de codes erronés : attendez %(seconds)s seconde avant de réessayer.",
        "Trop de codes erronés : attendez %(seconds)s secondes avant de réessayer.",
        seconds,
    ) % {"seconds": seconds}


def check(request, form, field, device, wrong_message):
    """The device that accepts the form's code, or None with the error on the form."""
    if not form.is_valid():
        return None
    wait = seconds_to_wait(twofactor.confirmed_devices(request.user) + [device])
    if wait:
        form.add_error(field, wait_message(wait))
        return None
    verified = verify_token(request.user, device.persistent_id, form.cleaned_data[field])
    if verified is None:
        form.add_error(field, wrong_message)
    return verified


def passed(request, device):
    """The session has passed the second factor with `device`; a new session key, since the
    session now grants more."""
    request.session.cycle_key()
    otp_login(request, device)


@never_cache
def enrol(request):
    """Add an authenticator app. Only for someone with no device yet: a second device would
    let anyone who knows the password skip the first."""
    user = request.user
    if twofactor.confirmed_devices(user):
        if user.is_verified():
            return redirect("nec_two_factor")
        return twofactor.redirect_with_next("nec_two_factor_verify", request)
    device = twofactor.pending_totp_device(user)
    form = TotpCodeForm(request.POST or None)
    if request.method == "POST":
        accepted = check(
            request,
            form,
            "code",
            device,
            _(
                "Ce code n’est pas le bon. Vérifiez que l’heure de votre téléphone est juste, "
                "puis saisissez le code affiché maintenant."
            ),
        )
        if accepted is not None:
            codes = twofactor.confirm_enrolment(accepted)
            passed(request, accepted)
            return render(
                request,
                "operations/twofactor/recovery_codes.html",
                {"codes": codes, "next": twofactor.safe_next(request), "enrolled": True},
            )
    return render(
        request,
        "operations/twofactor/enrol.html",
        {
            "form": form,
            "qr_code": twofactor.qr_code_svg(device),
            "secret": twofactor.secret_for_typing(device),
            "next": twofactor.safe_next(request),
            "required": twofactor.is_required(user),
        },
    )


@never_cache
def verify(request):
    """The second step of each login: a code from the app, or a recovery code."""
    user = request.user
    next_url = twofactor.safe_next(request)
    if user.is_verified():
        return redirect(next_url)
    totp = twofactor.totp_device(user)
    recovery = twofactor.recovery_device(user)
    if totp is None and recovery is None:
        if twofactor.is_required(user):
            return twofactor.redirect_with_next("nec_two_factor_enrol", request)
        return redirect(next_url)

    totp_form = TotpCodeForm(request.POST if "code" in request.POST else None)
    recovery_form = RecoveryCodeForm(request.POST if "recovery_code" in request.POST else None)
    accepted = None
    if totp_form.is_bound and totp is not None:
        accepted = check(
            request,
            totp_form,
            "code",
            totp,
            _("Ce code n’est pas le bon. Saisissez le code affiché maintenant par l’application."),
        )
    elif recovery_form.is_bound and recovery is not None:
        accepted = check(
            request,
            recovery_form,
            "recovery_code",
            recovery,
            _("Ce code de secours n’est pas valable : il est erroné, ou il a déjà servi."),
        )
    if accepted is not None:
        passed(request, accepted)
        if accepted == recovery:
            left = twofactor.recovery_codes_left(user)
            messages.warning(
                request,
                gettext(
                    "Code de secours utilisé : il vous en reste %(count)s. Générez-en de "
                    "nouveaux depuis « Double authentification » dans votre compte."
                )
                % {"count": left},
            )
        return redirect(next_url)
    return render(
        request,
        "operations/twofactor/verify.html",
        {
            "totp_form": totp_form if totp is not None else None,
            "recovery_form": recovery_form if recovery is not None else None,
            "next": next_url,
        },
    )


class AccountView(WagtailAdminTemplateMixin, TemplateView):
    """« Double authentification » in the account: enrol (optional for Éditeurs and
    Traducteurs), see how many recovery codes are left, make new ones."""

    template_name = "operations/twofactor/account.html"
    page_title = _("Double authentification")
    header_icon = "key"

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("wagtailadmin_account"), "label": _("Compte")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        user = self.request.user
        return {
            **super().get_context_data(**kwargs),
            "enrolled": twofactor.totp_device(user) is not None,
            "required": twofactor.is_required(user),
            "codes_left": twofactor.recovery_codes_left(user),
        }

    def post(self, request):
        """New recovery codes, the old ones no longer valid; only in a session that passed
        the second factor, even with the enforcement off."""
        if twofactor.totp_device(request.user) is None:
            return redirect("nec_two_factor")
        if not request.user.is_verified():
            return twofactor.redirect_with_next("nec_two_factor_verify", request)
        codes = twofactor.new_recovery_codes(request.user)
        return self.render_to_response(self.get_context_data(codes=codes))


account = never_cache(AccountView.as_view())
