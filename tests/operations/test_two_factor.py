"""Staff log in with two factors (operations.twofactor): Modérateurs and administrators must,
others may; a code from an authenticator app or a single-use recovery code; wrong codes
slow down; the public site does not notice."""

import datetime
import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from nec_cms.roles import EDITORS, MODERATORS, TRANSLATORS
from operations import twofactor
from tests.factories import home_page, make_user

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-9"


@pytest.fixture(autouse=True)
def enforced(settings):
    settings.NEC_2FA_REQUIRED = True


def admin_pages():
    """Admin pages of every kind a moderator opens."""
    return [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore_root"),
        reverse("wagtailadmin_pages:edit", args=[home_page().pk]),
        reverse("wagtailimages:index"),
        reverse("wagtaildocs:index"),
        reverse("wagtailsnippets:index"),
        reverse("wagtailusers_users:index"),
        reverse("wagtailadmin_account"),
        reverse("nec_guide"),
        reverse("nec_two_factor"),
    ]


def logged_in(client, user):
    client.force_login(user)
    return client


def enrolled(user):
    """A confirmed authenticator app and ten recovery codes, as enrolment leaves them."""
    device = TOTPDevice.objects.create(user=user, name="Téléphone", confirmed=True)
    return device, twofactor.new_recovery_codes(user)


def code_now(device, steps=0):
    """What the person's app shows now (or `steps` periods later)."""
    value = totp(device.bin_key, device.step, device.t0, device.digits, device.drift + steps)
    return f"{value:0{device.digits}d}"


def wrong_code(device):
    """Six digits the device refuses: none of the codes around now."""
    near = {code_now(device, steps) for steps in (-2, -1, 0, 1, 2)}
    return next(f"{n:06d}" for n in range(100_000, 1_000_000, 7919) if f"{n:06d}" not in near)


def goes_to(response, view_name):
    return response.status_code == 302 and urlsplit(response.url).path == reverse(view_name)


def next_of(response):
    return parse_qs(urlsplit(response.url).query).get("next", [""])[0]


def text(response):
    """What a person reads: the page without its tags."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def wait_as_if(device, seconds):
    """As if the last wrong code had been typed `seconds` ago."""
    device.refresh_from_db()
    device.throttling_failure_timestamp -= datetime.timedelta(seconds=seconds)
    device.save(update_fields=["throttling_failure_timestamp"])


# --- Who must pass it ---------------------------------------------------------------------


def test_a_moderator_without_a_device_is_sent_to_enrol_from_every_admin_page(client):
    logged_in(client, make_user("maurice", [MODERATORS]))
    for url in admin_pages():
        response = client.get(url)
        assert goes_to(response, "nec_two_factor_enrol"), url
        assert next_of(response) == url


def test_an_administrator_without_a_device_is_sent_to_enrol(client):
    logged_in(client, make_user("direction", superuser=True))
    assert goes_to(client.get(reverse("wagtailadmin_home")), "nec_two_factor_enrol")


def test_an_administrator_with_a_device_must_verify(client):
    admin = make_user("direction", superuser=True)
    enrolled(admin)
    logged_in(client, admin)
    for url in admin_pages():
        response = client.get(url)
        assert goes_to(response, "nec_two_factor_verify"), url
        assert next_of(response) == url


@pytest.mark.parametrize("group", [EDITORS, TRANSLATORS])
def test_editors_and_translators_without_a_device_reach_the_admin(client, group):
    logged_in(client, make_user("edith", [group]))
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    # They may still enrol, from their account.
    assert client.get(reverse("nec_two_factor_enrol")).status_code == 200


def test_an_editor_who_enrolled_must_verify(client):
    editor = make_user("edith", [EDITORS])
    device, _codes = enrolled(editor)
    logged_in(client, editor)
    response = client.get(reverse("wagtailadmin_home"))
    assert goes_to(response, "nec_two_factor_verify")
    client.post(reverse("nec_two_factor_verify"), {"code": code_now(device)})
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_logging_out_and_the_two_factor_pages_stay_reachable(client):
    moderator = make_user("maurice", [MODERATORS])
    logged_in(client, moderator)
    assert client.get(reverse("nec_two_factor_enrol")).status_code == 200
    enrolled(moderator)
    assert client.get(reverse("nec_two_factor_verify")).status_code == 200
    # What every admin page loads: the icons and the JavaScript catalogue.
    assert client.get(reverse("wagtailadmin_sprite")).status_code == 200
    assert client.get(reverse("wagtailadmin_javascript_catalog")).status_code == 200
    response = client.post(reverse("wagtailadmin_logout"))
    assert goes_to(response, "wagtailadmin_login")
    assert "_auth_user_id" not in client.session


def test_a_form_sent_without_the_second_factor_is_not_sent_again(client):
    moderator = make_user("maurice", [MODERATORS])
    enrolled(moderator)
    logged_in(client, moderator)
    response = client.post(reverse("wagtailadmin_account"), {"first_name": "Pirate"})
    assert goes_to(response, "nec_two_factor_verify")
    assert next_of(response) == ""
    moderator.refresh_from_db()
    assert moderator.first_name == ""


def test_enforcement_can_be_turned_off_for_development(client, settings):
    settings.NEC_2FA_REQUIRED = False
    logged_in(client, make_user("maurice", [MODERATORS]))
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


# --- Enrolment ------------------------------------------------------------------------------


def test_the_enrolment_page_shows_the_qr_code_and_the_key_to_type(client):
    moderator = make_user("maurice", [MODERATORS])
    logged_in(client, moderator)
    response = client.get(reverse("nec_two_factor_enrol"))
    html = response.content.decode()
    device = TOTPDevice.objects.get(user=moderator)
    assert not device.confirmed
    # The QR code is drawn in the page: no image from another host, no script.
    assert re.search(r'<svg role="img"[^>]*class="nec-two-factor__qr"', html)
    assert "<title>Code QR à scanner avec votre application d’authentification</title>" in html
    # The same key in text, in groups of four for typing.
    secret = twofactor.secret_for_typing(device)
    assert re.fullmatch(r"([A-Z2-7]{4} )+[A-Z2-7]{4}", secret)
    assert secret in html
    # Reloading keeps the key already scanned.
    assert secret in client.get(reverse("nec_two_factor_enrol")).content.decode()
    assert TOTPDevice.objects.filter(user=moderator).count() == 1
    # The code field, for people and their tools.
    field = re.search(r"<input[^>]*name=\"code\"[^>]*>", html).group(0)
    assert 'autocomplete="one-time-code"' in field
    assert 'inputmode="numeric"' in field
    assert 'aria-describedby="id_code-help id_code-error"' in field
    assert re.search(r'<label[^>]*for="id_code"[^>]*>\s*Code à 6 chiffres', html)
    assert '<html lang="fr"' in html


def test_enrolment_refuses_a_wrong_code(client):
    moderator = make_user("maurice", [MODERATORS])
    logged_in(client, moderator)
    client.get(reverse("nec_two_factor_enrol"))
    device = TOTPDevice.objects.get(user=moderator)
    response = client.post(reverse("nec_two_factor_enrol"), {"code": wrong_code(device)})
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'id="id_code-error"[^>]*>.*Ce code n’est pas le bon', html, re.S)
    assert 'aria-invalid="true"' in html
    device.refresh_from_db()
    assert not device.confirmed
    assert not StaticDevice.objects.filter(user=moderator).exists()
    assert goes_to(client.get(reverse("wagtailadmin_home")), "nec_two_factor_enrol")


def test_enrolment_with_the_right_code_gives_ten_recovery_codes_once(client):
    moderator = make_user("maurice", [MODERATORS])
    logged_in(client, moderator)
    client.get(reverse("nec_two_factor_enrol"))
    device = TOTPDevice.objects.get(user=moderator)
    response = client.post(
        reverse("nec_two_factor_enrol"),
        {"code": code_now(device), "next": reverse("wagtailimages:index")},
    )
    assert response.status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    codes = list(StaticToken.objects.filter(device__user=moderator).values_list("token", flat=True))
    assert len(codes) == 10 == len(set(codes))
    page = text(response)
    assert "Vos codes de secours" in page
    assert all(code in page for code in codes)
    assert "gardez-les en lieu sûr" in page
    assert f'href="{reverse("wagtailimages:index")}"' in response.content.decode()
    # The session passed the second factor: the admin opens.
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    # Nobody can enrol a second device over the first.
    assert goes_to(client.get(reverse("nec_two_factor_enrol")), "nec_two_factor")


def test_someone_with_a_device_cannot_enrol_another_without_verifying(client):
    moderator = make_user("maurice", [MODERATORS])
    enrolled(moderator)
    logged_in(client, moderator)
    assert goes_to(client.get(reverse("nec_two_factor_enrol")), "nec_two_factor_verify")
    assert goes_to(
        client.post(reverse("nec_two_factor_enrol"), {"code": "123456"}), "nec_two_factor_verify"
    )
    assert TOTPDevice.objects.filter(user=moderator).count() == 1


# --- Verification ---------------------------------------------------------------------------


def test_a_moderator_logs_in_with_password_then_code(client):
    moderator = make_user("maurice", [MODERATORS], password=PASSWORD)
    device, _codes = enrolled(moderator)
    response = client.post(
        reverse("wagtailadmin_login"), {"username": "maurice", "password": PASSWORD}
    )
    response = client.get(response.url)
    assert goes_to(response, "nec_two_factor_verify")
    form = client.get(response.url)
    assert "Vérification en deux étapes" in text(form)
    response = client.post(
        reverse("nec_two_factor_verify"), {"code": code_now(device), "next": next_of(response)}
    )
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_passing_the_second_factor_gives_a_new_session_key(client):
    moderator = make_user("maurice", [MODERATORS])
    device, _codes = enrolled(moderator)
    logged_in(client, moderator)
    before = client.cookies["sessionid"].value
    client.post(reverse("nec_two_factor_verify"), {"code": code_now(device)})
    assert client.cookies["sessionid"].value != before


def test_verification_leads_back_to_the_page_asked_for_on_this_site_only(client):
    moderator = make_user("maurice", [MODERATORS])
    device, _codes = enrolled(moderator)
    logged_in(client, moderator)
    asked = reverse("wagtaildocs:index")
    response = client.post(
        reverse("nec_two_factor_verify"), {"code": code_now(device), "next": asked}
    )
    assert response.url == asked
    client.logout()
    logged_in(client, moderator)
    response = client.post(
        reverse("nec_two_factor_verify"),
        {"code": code_now(device, steps=1), "next": "https://example.org/"},
    )
    assert response.url == reverse("wagtailadmin_home")


def test_a_wrong_code_is_refused_in_french(client):
    moderator = make_user("maurice", [MODERATORS])
    device, _codes = enrolled(moderator)
    logged_in(client, moderator)
    response = client.post(reverse("nec_two_factor_verify"), {"code": wrong_code(device)})
    assert response.status_code == 200
    assert "Ce code n’est pas le bon" in text(response)
    response = client.post(reverse("nec_two_factor_verify"), {"code": "12ab"})
    assert "Le code compte 6 chiffres" in text(response)
    assert goes_to(client.get(reverse("wagtailadmin_home")), "nec_two_factor_verify")


def test_a_code_serves_once(client):
    moderator = make_user("maurice", [MODERATORS])
    device, _codes = enrolled(moderator)
    logged_in(client, moderator)
    code = code_now(device)
    assert client.post(reverse("nec_two_factor_verify"), {"code": code}).status_code == 302
    client.logout()
    logged_in(client, moderator)
    response = client.post(reverse("nec_two_factor_verify"), {"code": code})
    assert response.status_code == 200
    assert "Ce code n’est pas le bon" in text(response)


def test_a_recovery_code_works_once(client):
    moderator = make_user("maurice", [MODERATORS])
    _device, codes = enrolled(moderator)
    logged_in(client, moderator)
    response = client.post(
        reverse("nec_two_factor_verify"),
        # Typed as people type it: in capitals, with a space.
        {"recovery_code": codes[3].upper()[:4] + " " + codes[3][4:]},
    )
    assert response.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert StaticToken.objects.filter(device__user=moderator).count() == 9
    assert not StaticToken.objects.filter(device__user=moderator, token=codes[3]).exists()

    client.logout()
    logged_in(client, moderator)
    response = client.post(reverse("nec_two_factor_verify"), {"recovery_code": codes[3]})
    assert response.status_code == 200
    assert "Ce code de secours n’est pas valable" in text(response)
    assert goes_to(client.get(reverse("wagtailadmin_home")), "nec_two_factor_verify")


def test_the_page_says_how_many_recovery_codes_are_left(client):
    moderator = make_user("maurice", [MODERATORS])
    _device, codes = enrolled(moderator)
    logged_in(client, moderator)
    response = client.post(
        reverse("nec_two_factor_verify"), {"recovery_code": codes[0]}, follow=True
    )
    assert "il vous en reste 9" in text(response)


# --- Throttling -----------------------------------------------------------------------------


def test_after_a_wrong_code_even_the_right_one_waits(client):
    moderator = make_user("maurice", [MODERATORS])
    device, codes = enrolled(moderator)
    logged_in(client, moderator)
    client.post(reverse("nec_two_factor_verify"), {"code": wrong_code(device)})

    response = client.post(reverse("nec_two_factor_verify"), {"code": code_now(device)})
    assert response.status_code == 200
    assert "Trop de codes erronés : attendez 1 seconde avant de réessayer." in text(response)
    # A recovery code waits as well: the person waits for all their devices.
    response = client.post(reverse("nec_two_factor_verify"), {"recovery_code": codes[0]})
    assert "Trop de codes erronés" in text(response)
    assert StaticToken.objects.filter(device__user=moderator).count() == 10

    wait_as_if(device, 2)
    response = client.post(reverse("nec_two_factor_verify"), {"code": code_now(device)})
    assert response.status_code == 302


def test_each_wrong_code_doubles_the_wait(client):
    moderator = make_user("maurice", [MODERATORS])
    device, _codes = enrolled(moderator)
    logged_in(client, moderator)
    for attempt in range(1, 6):
        response = client.post(reverse("nec_two_factor_verify"), {"code": wrong_code(device)})
        assert "Ce code n’est pas le bon" in text(response)
        device.refresh_from_db()
        assert device.throttling_failure_count == attempt
        response = client.post(reverse("nec_two_factor_verify"), {"code": wrong_code(device)})
        assert f"attendez {2 ** (attempt - 1)} seconde" in text(response)
        # The code refused while waiting did not count.
        device.refresh_from_db()
        assert device.throttling_failure_count == attempt
        wait_as_if(device, 2**attempt)


def test_enrolment_is_throttled_too(client):
    moderator = make_user("maurice", [MODERATORS])
    logged_in(client, moderator)
    client.get(reverse("nec_two_factor_enrol"))
    device = TOTPDevice.objects.get(user=moderator)
    client.post(reverse("nec_two_factor_enrol"), {"code": wrong_code(device)})
    response = client.post(reverse("nec_two_factor_enrol"), {"code": code_now(device)})
    assert "Trop de codes erronés" in text(response)
    device.refresh_from_db()
    assert not device.confirmed


# --- The account page -----------------------------------------------------------------------


def test_the_account_offers_two_factor_and_new_recovery_codes(client):
    moderator = make_user("maurice", [MODERATORS])
    device, old_codes = enrolled(moderator)
    logged_in(client, moderator)
    client.post(reverse("nec_two_factor_verify"), {"code": code_now(device)})
    account = client.get(reverse("wagtailadmin_account")).content.decode()
    assert f'href="{reverse("nec_two_factor")}"' in account

    page = client.get(reverse("nec_two_factor"))
    assert "Il vous reste 10 codes de secours." in text(page)
    response = client.post(reverse("nec_two_factor"))
    new_codes = set(
        StaticToken.objects.filter(device__user=moderator).values_list("token", flat=True)
    )
    assert len(new_codes) == 10
    assert not new_codes & set(old_codes)
    assert all(code in text(response) for code in new_codes)


def test_an_editor_enrols_from_the_account_page(client):
    logged_in(client, make_user("edith", [EDITORS]))
    page = client.get(reverse("nec_two_factor"))
    assert "facultative pour votre rôle" in text(page)
    assert reverse("nec_two_factor_enrol") in page.content.decode()


# --- The public site ------------------------------------------------------------------------

PUBLIC_PAGES = ["/", "/charte/", "/en/", "/editions/"]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_anonymous_visitors_get_no_cookie(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert not response.cookies
    assert "public" in response["Cache-Control"]


def test_the_middlewares_add_no_query_to_public_pages(settings):
    def queries(url):
        visitor = Client()  # loads MIDDLEWARE as it is now
        visitor.get(url)  # what is remembered between visits, remembered
        with CaptureQueriesContext(connection) as ctx:
            assert visitor.get(url).status_code == 200
        return len(ctx.captured_queries)

    with_two_factor = [queries(url) for url in PUBLIC_PAGES]
    settings.MIDDLEWARE = [
        name
        for name in settings.MIDDLEWARE
        if name not in ("django_otp.middleware.OTPMiddleware", twofactor_middleware())
    ]
    assert with_two_factor == [queries(url) for url in PUBLIC_PAGES]


def twofactor_middleware():
    return f"{twofactor.TwoFactorMiddleware.__module__}.{twofactor.TwoFactorMiddleware.__name__}"


def test_staff_without_the_second_factor_still_read_the_public_site(client):
    logged_in(client, make_user("maurice", [MODERATORS]))
    response = client.get("/charte/")
    assert response.status_code == 200


def test_anonymous_visitors_to_the_admin_are_sent_to_log_in(client):
    assert goes_to(client.get(reverse("wagtailadmin_home")), "wagtailadmin_login")


# --- Lost device ----------------------------------------------------------------------------


def test_reset_two_factor_deletes_the_devices(client):
    moderator = make_user("maurice", [MODERATORS])
    device, _codes = enrolled(moderator)
    logged_in(client, moderator)
    client.post(reverse("nec_two_factor_verify"), {"code": code_now(device)})
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    out = io.StringIO()
    call_command("reset_two_factor", "maurice", stdout=out)
    assert "réinitialisée" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=moderator).exists()
    assert not StaticDevice.objects.filter(user=moderator).exists()
    # The session that passed with the lost phone no longer does: enrol again.
    assert goes_to(client.get(reverse("wagtailadmin_home")), "nec_two_factor_enrol")


def test_reset_two_factor_names_an_unknown_account():
    with pytest.raises(CommandError, match="Aucun compte « personne »"):
        call_command("reset_two_factor", "personne")
