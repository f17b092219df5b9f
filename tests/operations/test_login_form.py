"""The admin's login page speaks French to a French visitor."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_login_page_labels_are_french(client):
    html = client.get("/admin/login/").content.decode()
    label = re.search(r'<label[^>]*for="id_password"[^>]*>(.*?)</label>', html, re.S)
    assert label is not None
    assert " ".join(re.sub(r"<[^>]+>", " ", label.group(1)).split()) == "Mot de passe *"
    assert 'placeholder="Saisissez votre mot de passe"' in html
