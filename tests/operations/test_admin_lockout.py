"""Admin login throttling (django-axes through Wagtail's own login view): after five failures
for one account from one address, that pair is locked out with a French page; an
administrator unlocks it with `manage.py axes_reset`."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-9"


@pytest.fixture
def editor():
    return make_user("redactrice", ["Éditeurs"], password=PASSWORD)


def attempt(client, password, username="redactrice", address="203.0.113.7"):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_a_good_password_logs_in(client, editor):
    response = attempt(client, PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


def test_five_failures_lock_the_account_out_from_that_address(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = attempt(client, "mauvais-mot-de-passe")
        assert response.status_code == 200  # the login form again, with its error
    response = attempt(client, "mauvais-mot-de-passe")
    assert response.status_code == 429
    html = response.content.decode()
    assert '<html lang="fr"' in html
    assert "Connexion temporairement bloquée" in html
    assert "Après 5 essais infructueux" in html
    assert "Réessayez dans 30 minutes" in html
    assert response["Retry-After"] == "1800"

    # Even the right password is refused while the lockout lasts…
    assert attempt(client, PASSWORD).status_code == 429
    # …but only for that account from that address.
    assert attempt(client, PASSWORD, address="198.51.100.4").status_code == 302


def test_axes_reset_unlocks(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "mauvais-mot-de-passe")
    assert attempt(client, PASSWORD).status_code == 429
    call_command("axes_reset", verbosity=0)
    assert attempt(client, PASSWORD).status_code == 302


def test_a_success_resets_the_count(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "mauvais-mot-de-passe")
    assert attempt(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "mauvais-mot-de-passe").status_code == 200


def test_the_address_behind_a_trusted_proxy_is_the_one_the_proxy_saw(rf, settings):
    from operations.security import client_ip

    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    settings.NEC_TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.2"
    settings.NEC_TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.7"  # the forged first entry is ignored


def test_force_login_is_not_throttled(client, editor):
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert "Tableau de bord" in response.content.decode()


def test_anonymous_visitors_still_get_no_cookie(client):
    response = client.get("/")
    assert not response.cookies


def test_sessions_are_short_and_end_with_the_browser(settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"


def test_weak_passwords_are_refused():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    user = make_user("redactrice2024")
    for weak in ("court", "123456789012", "password1234", "redactrice2024"):
        with pytest.raises(ValidationError):
            validate_password(weak, user=user)
    validate_password("une phrase de passe assez longue", user=user)


def test_one_address_guessing_over_many_accounts_is_locked_out(client, editor, settings):
    """Password after password over twenty accounts from one address: that address is
    locked out, whatever the account; other addresses are not."""
    for number in range(settings.NEC_LOGIN_ADDRESS_LIMIT - 1):
        response = attempt(client, "motdepasse123", username=f"compte-{number}")
        assert response.status_code == 200, number  # never five on one account
    response = attempt(client, "motdepasse123", username="compte-dernier")
    assert response.status_code == 429
    assert "depuis votre adresse, sur un ou plusieurs comptes" in response.content.decode()
    assert "Après 20 essais infructueux" in response.content.decode()
    assert attempt(client, PASSWORD).status_code == 429  # the editor, from that address
    assert attempt(client, PASSWORD, address="198.51.100.4").status_code == 302


def test_one_account_guessed_from_many_addresses_is_locked_out(client, editor, settings):
    """Ten addresses, a few guesses each, on one account: the account is locked out for
    everyone until the cool-off ends or an administrator unlocks it."""
    for number in range(settings.NEC_LOGIN_ACCOUNT_LIMIT - 1):
        address = f"203.0.113.{10 + number // 4}"  # four guesses per address at most
        assert attempt(client, "mauvais-mot-de-passe", address=address).status_code == 200
    response = attempt(client, "mauvais-mot-de-passe", address="203.0.113.99")
    assert response.status_code == 429
    assert "sur ce compte, d’une ou plusieurs adresses" in response.content.decode()
    assert attempt(client, PASSWORD, address="198.51.100.4").status_code == 429
    call_command("axes_reset_username", "redactrice", verbosity=0)
    assert attempt(client, PASSWORD, address="198.51.100.4").status_code == 302


def test_logging_in_with_one_account_does_not_wipe_the_guesses_on_others(client, editor, settings):
    """Someone holding one valid account cannot reset their address's count by logging in
    between guesses on other accounts."""
    for number in range(settings.NEC_LOGIN_ADDRESS_LIMIT - 1):
        assert attempt(client, "motdepasse123", username=f"compte-{number}").status_code == 200
        if number == 10:
            assert attempt(client, PASSWORD).status_code == 302  # the editor logs in
            client.logout()
    assert attempt(client, "motdepasse123", username="compte-dernier").status_code == 429
