"""Editors create events in the admin: the form offers official departments and accessibility
as choices, and says what is wrong without losing what was typed."""

import datetime
import re

import pytest

from agenda.models import EventPage
from tests.factories import agenda_index, make_user

pytestmark = pytest.mark.django_db

NEXT_MONTH = datetime.date.today() + datetime.timedelta(days=30)


@pytest.fixture
def editor_client(client):
    client.force_login(make_user("editrice", ["Éditeurs"]))
    return client


def add_url():
    return f"/admin/pages/add/agenda/eventpage/{agenda_index().pk}/"


def form_data(**changes):
    data = {
        "title": "Atelier à Saint-Denis",
        "slug": "atelier-a-saint-denis",
        "kind": "workshop",
        "start_date": NEXT_MONTH.isoformat(),
        "start_time": "14:00",
        "end_date": "",
        "end_time": "16:00",
        "time_zone": "",
        "status": "announced",
        "format": "in_person",
        "venue": "Médiathèque",
        "address": "1 rue de Paris",
        "postcode": "97400",
        "commune": "Saint-Denis",
        "region": "04",
        "departments": ["974"],
        "accessibility": ["lsf", "step_free"],
        "body-count": "0",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_the_add_form_offers_departments_and_accessibility_as_choices(editor_client):
    html = editor_client.get(add_url()).content.decode()
    assert '<option value="974">La Réunion (974)</option>' in html
    assert 'value="2A"' in html
    assert 'name="accessibility" value="lsf"' in html
    assert "heure de La Réunion" in html  # the time zone choices


def test_an_editor_creates_an_event_in_reunion_time(editor_client):
    response = editor_client.post(add_url(), form_data())
    assert response.status_code == 302, re.findall(
        r'class="error-message"[^>]*>(.*?)<', response.content.decode()
    )
    page = EventPage.objects.get(slug="atelier-a-saint-denis")
    assert page.departments == ["974"] and page.accessibility == ["lsf", "step_free"]
    assert page.zone == "Indian/Reunion"
    assert page.starts_at == datetime.datetime.combine(
        NEXT_MONTH, datetime.time(10, 0), datetime.UTC
    )


def test_a_department_of_another_region_is_refused_with_what_was_typed_kept(editor_client):
    response = editor_client.post(add_url(), form_data(departments=["33"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ces départements ne sont pas dans la région choisie : Gironde." in html
    assert 'value="Médiathèque"' in html
    assert not EventPage.objects.filter(slug="atelier-a-saint-denis").exists()
