"""An edition's programme exported as frab schedule JSON (`programme.json`, validated
against the c3voc schema vendored in schemas/) and as iCalendar (`calendrier/`): what they
hold matches the sessions, only live public sessions appear, a biography only with consent,
an e-mail never, the same identifiers in French and English, and a query count that does
not grow with the programme."""

import datetime
import json
import uuid
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import jsonschema
import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from editions.choices import GenderAnswer
from editions.models import (
    GenderDeclaration,
    SessionPage,
)
from tests.factories import (
    make_edition,
    make_programme,
    make_resource,
    make_session,
    make_speaker,
    translate_page,
)
from tests.queries import committed_query_count

pytestmark = pytest.mark.django_db

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "schedule.schema.json").read_text())
PARIS = ZoneInfo("Europe/Paris")
SECRET_EMAIL = "claire.secrete@adresse-privee.example"
# Pinned for an anonymous visitor's second visit; update deliberately, never silently.
# Both: the content version, the locale, routing to the programme, its edition, the sessions;
# the JSON adds their themes, the people on stage, their pages, and the pages shown for them.
JSON_QUERIES = 13
CALENDAR_QUERIES = 9


# --- Building a programme ----------------------------------------------------------------


def session_at(programme, title, date, start, end, room, people=(), **fields):
    """A session at a day, time and room (tests.factories.make_session)."""
    return make_session(
        programme, title, people, date=date, start_time=start, end_time=end, room=room, **fields
    )


def day(number):
    """The 13th, 14th… of November 2031: Paris is then at UTC+1."""
    return datetime.date(2031, 11, 12 + number)


def at(hour, minute=0):
    return datetime.time(hour, minute)


@pytest.fixture
def edition():
    return make_edition(2031, "Testville", venue="Palais des communs")


@pytest.fixture
def programme(edition):
    return make_programme(edition)


@pytest.fixture
def claire():
    """On stage with her consent: her biography is public."""
    return make_speaker(
        "Claire Dupont",
        bio="<p>Médiatrice numérique &amp; formatrice.</p>",
        consent=True,
        email=SECRET_EMAIL,
        organisation="Hub du Sud",
    )


@pytest.fixture
def karim():
    """On stage without consent: his biography stays with the team."""
    return make_speaker(
        "Karim Benali",
        bio="<p>Biographie non consentie.</p>",
        consent=False,
        email="karim.prive@adresse-privee.example",
    )


@pytest.fixture
def sessions(edition, programme, claire, karim):
    """Three sessions on the 13th and the 15th, in two rooms: an empty day between."""
    GenderDeclaration.objects.create(speaker=claire, edition=edition, answer=GenderAnswer.WOMAN)
    slides = get_document_model().objects.create(
        title="Support de l’atelier", file=ContentFile(b"%PDF-1.4 test", name="support.pdf")
    )
    resource = make_resource("Guide des communs numériques")
    return {
        "opening": session_at(
            programme,
            "Plénière d’ouverture",
            day(1),
            at(9, 30),
            at(10, 45),
            "Grand amphithéâtre",
            [claire, karim],
            format="plenary",
            themes=["inclusion-numerique"],
            sign_language=True,
        ),
        "workshop": session_at(
            programme,
            "Atelier cartographie",
            day(1),
            at(11),
            at(12, 30),
            "Salle 2",
            [karim],
            slides=slides,
            resources=[("resource", resource)],
            replay_url="https://video.example.org/atelier",
            transcript="<p>Transcription de l’atelier.</p>",
            replay_licence="cc-by-4.0",
        ),
        "closing": session_at(
            programme,
            "Clôture",
            day(3),
            at(16),
            at(17),
            "Grand amphithéâtre",
            [claire],
            format="round_table",
            do_not_record=True,
        ),
    }


# --- Reading the exports -----------------------------------------------------------------


def check_date_time(value):
    """RFC 3339 with its offset, as the schema's « date-time » says."""
    return datetime.datetime.fromisoformat(value).tzinfo is not None


def check_uri(value):
    parts = urlsplit(value)
    return bool(parts.scheme and parts.netloc)


def format_checker():
    """jsonschema checks no format of draft 6 without optional packages: the formats the
    schema uses are checked here."""
    checker = jsonschema.FormatChecker()
    checker.checks("date", raises=ValueError)(datetime.date.fromisoformat)
    checker.checks("date-time", raises=ValueError)(check_date_time)
    checker.checks("uuid", raises=ValueError)(uuid.UUID)
    checker.checks("uri")(check_uri)
    return checker


def schema_errors(document):
    validator_class = jsonschema.validators.validator_for(SCHEMA)
    validator_class.check_schema(SCHEMA)
    validator = validator_class(SCHEMA, format_checker=format_checker())
    return [
        f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(document)
    ]


def schedule_url(programme):
    return programme.url + programme.reverse_subpage("schedule_json").lstrip("/")


def calendar_url(programme):
    return programme.url + programme.reverse_subpage("calendar").lstrip("/")


def schedule_response(client, programme):
    response = client.get(schedule_url(programme))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response


def schedule(client, programme):
    return schedule_response(client, programme).json()


def events_of(document):
    """{title: event} across days and rooms."""
    return {
        event["title"]: event
        for day_data in document["schedule"]["conference"]["days"]
        for events in day_data["rooms"].values()
        for event in events
    }


def calendar_response(client, programme):
    response = client.get(calendar_url(programme))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response


def vevents(client, programme):
    calendar = Calendar.from_ical(calendar_response(client, programme).content)
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


# --- frab schedule JSON ------------------------------------------------------------------


def test_the_schedule_validates_against_the_published_schema(client, programme, sessions):
    document = schedule(client, programme)
    assert schema_errors(document) == []
    # The validator does bite: a person in both the frab and the pretalx shapes is refused.
    person = events_of(document)["Clôture"]["persons"][0]
    person["public_name"] = person["name"]
    assert schema_errors(document)


def test_a_programme_without_sessions_is_still_a_valid_schedule(client, programme):
    document = schedule(client, programme)
    assert schema_errors(document) == []
    conference = document["schedule"]["conference"]
    assert (conference["daysCount"], conference["days"], conference["rooms"]) == (0, [], [])
    assert Calendar.from_ical(calendar_response(client, programme).content).walk("VEVENT") == []


def test_the_schedule_figures_match_the_sessions(client, edition, programme, sessions):
    document = schedule(client, programme)
    conference = document["schedule"]["conference"]
    assert conference["acronym"] == "nec2031"
    assert conference["time_zone_name"] == "Europe/Paris"
    assert (conference["start"], conference["end"]) == ("2031-11-13", "2031-11-15")
    assert conference["daysCount"] == 3
    assert [room["name"] for room in conference["rooms"]] == ["Grand amphithéâtre", "Salle 2"]
    days = conference["days"]
    assert [(d["index"], d["date"]) for d in days] == [
        (1, "2031-11-13"),
        (2, "2031-11-14"),
        (3, "2031-11-15"),
    ]
    assert {room: [e["title"] for e in events] for room, events in days[0]["rooms"].items()} == {
        "Grand amphithéâtre": ["Plénière d’ouverture"],
        "Salle 2": ["Atelier cartographie"],
    }
    assert days[1]["rooms"] == {}
    assert list(days[2]["rooms"]) == ["Grand amphithéâtre"]
    assert (days[0]["day_start"], days[0]["day_end"]) == (
        "2031-11-13T09:30:00+01:00",
        "2031-11-13T12:30:00+01:00",
    )

    opening = events_of(document)["Plénière d’ouverture"]
    session = sessions["opening"]
    assert opening["id"] == session.pk
    assert opening["guid"] == str(session.translation_key)
    assert opening["date"] == "2031-11-13T09:30:00+01:00"
    assert (opening["start"], opening["duration"]) == ("09:30", "01:15")
    assert opening["room"] == "Grand amphithéâtre"
    assert opening["url"] == "http://testserver" + session.url
    assert opening["type"] == "Plénière"
    assert opening["track"] == "Inclusion numérique"
    assert opening["language"] == "fr"
    assert opening["abstract"] == "Résumé de « Plénière d’ouverture »."
    assert "LSF" in opening["description"]
    assert [person["name"] for person in opening["persons"]] == ["Claire Dupont", "Karim Benali"]

    workshop = events_of(document)["Atelier cartographie"]
    assert (workshop["start"], workshop["duration"], workshop["track"]) == ("11:00", "01:30", "")
    assert workshop["recording_license"] == "CC BY 4.0"
    assert workshop["do_not_record"] is False
    assert [(link["type"], link["url"]) for link in workshop["links"]] == [
        ("media", "https://video.example.org/atelier"),
        ("related", "http://testserver/ressources/guide-des-communs-numeriques/"),
    ]
    (slides,) = workshop["attachments"]
    assert slides["type"] == "slides" and slides["url"].startswith("http://testserver/documents/")

    closing = events_of(document)["Clôture"]
    assert closing["do_not_record"] is True and closing["recording_license"] == ""
    assert closing["links"] == []


def test_the_schedule_is_served_as_the_sites_other_exports(client, programme, sessions):
    response = schedule_response(client, programme)
    assert response["Content-Disposition"] == 'inline; filename="2031-testville-programme.json"'
    assert response["Cache-Control"].startswith("public, ")
    calendar = calendar_response(client, programme)
    assert calendar["Content-Disposition"] == 'inline; filename="2031-testville-programme.ics"'
    assert calendar["Cache-Control"] == response["Cache-Control"]


def test_a_biography_is_exported_only_with_consent(client, programme, sessions, claire, karim):
    response = schedule_response(client, programme)
    persons = {
        person["name"]: person
        for person in events_of(response.json())["Plénière d’ouverture"]["persons"]
    }
    assert persons["Claire Dupont"]["biography"] == "Médiatrice numérique & formatrice."
    assert persons["Claire Dupont"]["guid"] == str(claire.translation_key)
    assert "biography" not in persons["Karim Benali"]
    assert "non consentie" not in response.content.decode()


def test_no_email_appears_in_any_export(client, programme, sessions):
    for read in (schedule_response, calendar_response):
        with CaptureQueriesContext(connection) as queries:
            response = read(client, programme)
        assert SECRET_EMAIL.encode() not in response.content
        assert b"adresse-privee" not in response.content
        assert b"claire.secrete" not in response.content
        # Not even read from the database.
        assert not [
            query["sql"]
            for query in queries.captured_queries
            if '"editions_speakerpage"."email"' in query["sql"]
        ]


def test_unpublished_and_restricted_sessions_are_left_out(
    client, edition, programme, sessions, claire
):
    session_at(
        programme,
        "Session en brouillon",
        day(1),
        at(14),
        at(15),
        "Salle 3",
        [claire],
        publish=False,
    )
    withdrawn = session_at(
        programme, "Session retirée", day(1), at(15), at(16), "Salle 3", [claire]
    )
    # The page as published (`revision.publish()` saved another instance).
    SessionPage.objects.get(pk=withdrawn.pk).unpublish()
    restricted = session_at(
        programme, "Session privée", day(1), at(16), at(17), "Salle 4", [claire]
    )
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    expected = {"Plénière d’ouverture", "Atelier cartographie", "Clôture"}
    document = schedule(client, programme)
    assert set(events_of(document)) == expected
    assert [room["name"] for room in document["schedule"]["conference"]["rooms"]] == [
        "Grand amphithéâtre",
        "Salle 2",
    ]
    assert set(vevents(client, programme)) == expected


def test_a_restricted_programme_exports_nothing(client, programme, sessions):
    PageViewRestriction.objects.create(
        page=programme, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    for url in (schedule_url(programme), calendar_url(programme)):
        response = client.get(url)
        # Wagtail asks for the password instead, as for the programme page itself.
        assert response.status_code == 200
        assert 'type="password"' in response.content.decode()
        assert "Plénière" not in response.content.decode()


def test_a_restricted_speaker_page_keeps_their_biography_out(client, programme, sessions, claire):
    PageViewRestriction.objects.create(
        page=claire, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    response = schedule_response(client, programme)
    persons = events_of(response.json())["Clôture"]["persons"]
    assert persons == [
        {"id": claire.pk, "guid": str(claire.translation_key), "name": "Claire Dupont"}
    ]


# --- iCalendar ---------------------------------------------------------------------------


def test_the_calendar_holds_one_event_per_session(client, edition, programme, sessions):
    response = calendar_response(client, programme)
    content = response.content
    assert content.endswith(b"\r\n")
    assert all(not line.endswith(b"\r") for line in content.split(b"\r\n"))
    assert b"\n" not in content.replace(b"\r\n", b"")
    calendar = Calendar.from_ical(content)
    assert [zone["TZID"] for zone in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    events = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {"Plénière d’ouverture", "Atelier cartographie", "Clôture"}
    assert {str(event["UID"]) for event in events.values()} == {
        f"{session.translation_key}@numerique-en-communs.fr" for session in sessions.values()
    }
    opening = events["Plénière d’ouverture"]
    assert opening["DTSTART"].params["TZID"] == "Europe/Paris"
    assert opening["DTEND"].params["TZID"] == "Europe/Paris"
    assert opening.decoded("DTSTART") == datetime.datetime(2031, 11, 13, 9, 30, tzinfo=PARIS)
    assert opening.decoded("DTEND") == datetime.datetime(2031, 11, 13, 10, 45, tzinfo=PARIS)
    assert str(opening["LOCATION"]) == "Grand amphithéâtre, Palais des communs, Testville"
    url = "http://testserver" + sessions["opening"].url
    assert str(opening["URL"]) == url
    assert str(opening["DESCRIPTION"]) == f"Résumé de « Plénière d’ouverture ». {url}"
    assert opening["STATUS"] == "CONFIRMED"


# --- Both languages ----------------------------------------------------------------------


def test_french_and_english_share_their_identifiers(client, edition, programme, sessions):
    translate_page(edition, title="2031 edition — Testville")
    english_programme = translate_page(programme, title="Programme")
    english = translate_page(sessions["closing"], title="Closing", intro="<p>The end.</p>")
    assert english_programme.url.startswith("/en/")

    french_uid = vevents(client, programme)["Clôture"]["UID"]
    english_event = vevents(client, english_programme)["Closing"]
    assert english_event["UID"] == french_uid
    assert str(english_event["URL"]) == "http://testserver" + english.url

    document = schedule(client, english_programme)
    assert schema_errors(document) == []
    (event,) = events_of(document).values()
    assert event["guid"] == events_of(schedule(client, programme))["Clôture"]["guid"]
    assert event["id"] == english.pk != sessions["closing"].pk
    assert event["abstract"] == "The end."
    # Claire has no English page yet: her French one stands in, biography included.
    assert event["persons"][0]["name"] == "Claire Dupont"
    assert event["persons"][0]["biography"] == "Médiatrice numérique & formatrice."


# --- Queries -----------------------------------------------------------------------------


def add_sessions(programme, edition, count, start_number):
    for number in range(start_number, start_number + count):
        speakers = [
            make_speaker(f"Personne {number} A", bio="<p>Bio.</p>", consent=True),
            make_speaker(f"Personne {number} B"),
        ]
        GenderDeclaration.objects.create(
            speaker=speakers[0], edition=edition, answer=GenderAnswer.WOMAN
        )
        session_at(
            programme,
            f"Session {number}",
            day(1 + number % 2),
            at(9 + number % 8),
            at(10 + number % 8),
            f"Salle {number % 3}",
            speakers,
            themes=["inclusion-numerique"],
        )


def test_the_query_count_does_not_grow_with_the_programme(client, edition, programme):
    add_sessions(programme, edition, 2, 1)
    urls = (schedule_url(programme), calendar_url(programme))
    with_two = tuple(committed_query_count(client, url) for url in urls)
    add_sessions(programme, edition, 8, 3)
    assert len(events_of(schedule(client, programme))) == 10
    with_ten = tuple(committed_query_count(client, url) for url in urls)
    assert with_two == with_ten == (JSON_QUERIES, CALENDAR_QUERIES)
