"""Weak passwords are refused wherever an account gets one: the admin's forms (Django's
validators and French common passwords), `ensure_admin` and `createsuperuser --noinput`."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from operations.passwords import base_of

pytestmark = pytest.mark.django_db

WEAK = [
    "password",
    "motdepasse123",
    "Azerty123456",
    "MotDePasse2024!",
    "Marseille13013",
    "Soleil-2025!",
]
STRONG = "tartine-velo-nuage-42"


@pytest.mark.parametrize("password", WEAK)
def test_common_passwords_french_ones_included_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_passphrase_is_accepted():
    validate_password(STRONG)  # raises if refused


@pytest.mark.parametrize(
    ("password", "base"),
    [("Azerty123456", "azerty"), ("ÉtéSoleil!!", "etesoleil"), ("2024-chouchou-2024", "chouchou")],
)
def test_the_base_is_what_is_left_once_the_usual_decorations_are_gone(password, base):
    assert base_of(password) == base


@pytest.mark.parametrize("password", ["password", "motdepasse123", "Azerty123456"])
def test_ensure_admin_refuses_a_weak_password_and_creates_nobody(monkeypatch, password):
    monkeypatch.setenv("NEC_ADMIN_PASSWORD", password)
    with pytest.raises(CommandError, match="NEC_ADMIN_PASSWORD est refusé"):
        call_command("ensure_admin", "--username", "chef")
    assert not get_user_model().objects.filter(username="chef").exists()


def test_ensure_admin_takes_a_strong_password(monkeypatch):
    monkeypatch.setenv("NEC_ADMIN_PASSWORD", STRONG)
    call_command("ensure_admin", "--username", "chef")
    assert get_user_model().objects.get(username="chef").check_password(STRONG)


@pytest.mark.parametrize("password", ["password", "motdepasse123"])
def test_createsuperuser_without_input_refuses_a_weak_password(monkeypatch, password):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", password)
    with pytest.raises(CommandError, match="DJANGO_SUPERUSER_PASSWORD est refusé"):
        call_command("createsuperuser", interactive=False, username="cheffe", email="c@example.org")
    assert not get_user_model().objects.filter(username="cheffe").exists()
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", STRONG)
    call_command(
        "createsuperuser", interactive=False, username="cheffe", email="c@example.org", verbosity=0
    )
    assert get_user_model().objects.get(username="cheffe").check_password(STRONG)
