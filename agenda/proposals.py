"""The call for organisers' form: spam kept out without a third party, and moderators told.

- A honeypot: a field hidden from people (and from assistive technologies) that bots fill
  in. A submission with it filled gets the thank-you page and is never saved.
- A rate limit: at most NEC_PROPOSAL_LIMIT submissions per address and per hour, counted
  in Django's cache (Redis in production, shared by every worker).
- No CSRF cookie: anonymous visitors get no cookie anywhere on the site, and a form that
  only sends a proposal has no session to forge. The form posts to `agenda.urls`, which
  refuses cross-site posts by their Origin and Sec-Fetch-Site headers instead.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.template.response import TemplateResponse
from django.utils import formats
from django.utils.translation import gettext as _
from wagtail.admin.mail import send_mail
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from nec_cms.roles import MODERATORS
from operations.security import client_ip

HONEYPOT = "site_web"
RATE_WINDOW_SECONDS = 3600


class ProposalForm(BaseForm):
    """Each field in error points to its message (Django already links the help text and
    sets aria-invalid)."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                bound = self[name]
                ids = [f"{bound.auto_id}_error"]
                if self.fields[name].help_text:
                    ids.insert(0, f"{bound.auto_id}_helptext")
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)


class ProposalFormBuilder(FormBuilder):
    @property
    def formfields(self):
        # Browsers may fill in what each question asks for (WCAG 1.3.5).
        formfields = super().formfields
        for field in self.fields:
            purpose = field.autocomplete or ("email" if field.field_type == "email" else "")
            name = field.clean_name or field.get_field_clean_name()
            if purpose and name in formfields:
                formfields[name].widget.attrs["autocomplete"] = purpose
        return formfields

    # A field with a format says, when refused, what a valid answer looks like (RGAA 11.11).
    # The form is built for each request, in its language: dates follow that language's
    # first input format, the one its example is written in.

    def create_email_field(self, field, options):
        invalid = _("Saisissez une adresse électronique valide, par exemple nom@exemple.fr.")
        return super().create_email_field(field, with_invalid(options, invalid))

    def create_url_field(self, field, options):
        invalid = _("Saisissez une adresse web valide, par exemple https://exemple.fr.")
        return super().create_url_field(field, with_invalid(options, invalid))

    def create_date_field(self, field, options):
        example = date_example("DATE_INPUT_FORMATS")
        invalid = _("Saisissez une date valide, par exemple %(example)s.") % {"example": example}
        return super().create_date_field(field, with_invalid(options, invalid))

    def create_datetime_field(self, field, options):
        example = date_example("DATETIME_INPUT_FORMATS")
        invalid = _("Saisissez une date et une heure valides, par exemple %(example)s.") % {
            "example": example
        }
        return super().create_datetime_field(field, with_invalid(options, invalid))

    def get_form_class(self):
        return type("ProposalForm", (ProposalForm,), self.formfields)


def with_invalid(options, message):
    return {**options, "error_messages": {"invalid": message}}


def date_example(format_name):
    """12 October next year (or then at 14:30), written as the active language reads it."""
    example = datetime.datetime(datetime.date.today().year + 1, 10, 12, 14, 30)
    return example.strftime(formats.get_format(format_name)[0])


def over_limit(request):
    """Count this submission; True when the address sent too many this hour."""
    key = f"agenda:proposals:{client_ip(request)}"
    cache.add(key, 0, RATE_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RATE_WINDOW_SECONDS)
        count = 1
    # None: the cache is away (it misses rather than fails). The proposal is taken; the
    # honeypot still turns bots away.
    return (count or 0) > settings.NEC_PROPOSAL_LIMIT


def is_cross_site(request):
    """A post another site made the visitor's browser send."""
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        return True
    origin = request.headers.get("Origin")
    if origin and origin != "null":
        return origin.split("://", 1)[-1] != request.get_host()
    return False


def screen_submission(page, request):
    """The answer to a post the form must not process (a bot's, one too many), or None."""
    if request.method != "POST":
        return None
    if request.POST.get(HONEYPOT):
        return page.render_landing_page(request, None)
    if over_limit(request):
        context = page.get_context(request)
        context["form"] = page.get_form(request.POST, page=page, user=request.user)
        context["rate_limited"] = True
        return TemplateResponse(request, page.get_template(request), context, status=429)
    return None


def recipients(page):
    """Who hears of a proposal: the page's addresses, otherwise every active moderator."""
    addresses = [address.strip() for address in page.to_address.split(",") if address.strip()]
    if addresses:
        return addresses
    users = get_user_model().objects.filter(is_active=True, groups__name=MODERATORS)
    return sorted({user.email for user in users if user.email})


def notify(page, form):
    addresses = recipients(page)
    if not addresses:
        return
    subject = page.subject or _("Nouvelle proposition de NEC local")
    send_mail(
        subject,
        page.render_email(form),
        addresses,
        page.from_address or settings.DEFAULT_FROM_EMAIL,
    )
