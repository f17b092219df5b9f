"""iCalendar (RFC 5545): every event and local NEC, and each list's feed with its filters,
parsed back with the `icalendar` library."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from tests.factories import make_event, translate_page

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def days(count):
    return TODAY + datetime.timedelta(days=count)


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    return calendar


def vevents(calendar):
    return list(calendar.walk("VEVENT"))


def test_an_event_with_times_carries_its_time_zone_and_the_zone_definition(client):
    page = make_event(
        "Atelier à Saint-Denis",
        datetime.date(2027, 3, 4),
        start_time=datetime.time(14, 0),
        end_time=datetime.time(16, 30),
        commune="Saint-Denis",
        region="04",
        departments=["974"],
        status="confirmed",
    )
    calendar = parse(client.get(page.url + "calendrier/"))
    (event,) = vevents(calendar)
    start = event.decoded("DTSTART")
    assert start == datetime.datetime(2027, 3, 4, 14, 0, tzinfo=ZoneInfo("Indian/Reunion"))
    assert event["DTSTART"].params["TZID"] == "Indian/Reunion"
    assert event.decoded("DTEND") - start == datetime.timedelta(hours=2, minutes=30)
    assert [zone["TZID"] for zone in calendar.walk("VTIMEZONE")] == ["Indian/Reunion"]
    assert event["STATUS"] == "CONFIRMED"
    assert str(event["SUMMARY"]) == "Atelier à Saint-Denis"
    assert str(event["URL"]).endswith(page.url)
    assert "Saint-Denis" in str(event["LOCATION"])
    assert event["SEQUENCE"] == 0
    assert "DTSTAMP" in event


def test_a_day_without_times_is_a_date_and_its_end_is_exclusive(client):
    page = make_event(
        "NEC Bretagne",
        datetime.date(2027, 5, 10),
        local=True,
        end_date=datetime.date(2027, 5, 11),
        commune="Rennes",
        region="53",
        departments=["35"],
    )
    (event,) = vevents(parse(client.get(page.url + "calendrier/")))
    assert event.decoded("DTSTART") == datetime.date(2027, 5, 10)
    assert event.decoded("DTEND") == datetime.date(2027, 5, 12)
    assert event["DTSTART"].params.get("VALUE") == "DATE"


def test_the_uid_is_the_same_in_both_languages_and_after_edits(client):
    page = make_event("Atelier traduit", days(30))
    french_uid = vevents(parse(client.get(page.url + "calendrier/")))[0]["UID"]
    english = translate_page(page, title="Translated workshop")
    english_event = vevents(parse(client.get(english.url + "calendrier/")))[0]
    assert english_event["UID"] == french_uid
    assert str(english_event["SUMMARY"]) == "Translated workshop"
    page.title = "Atelier renommé"
    page.save_revision().publish()
    assert vevents(parse(client.get(page.url + "calendrier/")))[0]["UID"] == french_uid
    assert french_uid.endswith("@numerique-en-communs.fr")
    assert str(page.translation_key) in french_uid


def republish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()


def sequence_of(client, page):
    return vevents(parse(client.get(page.url + "calendrier/")))[0]["SEQUENCE"]


def test_the_sequence_grows_when_the_schedule_changes_and_only_then(client):
    page = make_event("Rencontre", days(30), start_time=datetime.time(10))
    assert sequence_of(client, page) == 0
    republish(page, intro="<p>Une précision sans changer l’horaire.</p>")
    assert sequence_of(client, page) == 0
    republish(page, start_time=datetime.time(11))
    assert sequence_of(client, page) == 1
    republish(page, commune="Villeurbanne")
    assert sequence_of(client, page) == 2
    # A draft changes nothing calendars see.
    page.start_date = days(31)
    page.save_revision()
    assert sequence_of(client, page) == 2


def test_a_cancelled_event_stays_in_the_feed_with_a_higher_sequence(client):
    page = make_event("Rencontre annulée", days(10))
    republish(page, status="cancelled")
    feed = parse(client.get("/agenda/calendrier/"))
    (event,) = [event for event in vevents(feed) if "annulée" in str(event["SUMMARY"])]
    assert event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] == 1


def test_the_translation_shares_the_sequence(client):
    page = make_event("Atelier", days(30))
    english = translate_page(page, title="Workshop")
    republish(page, start_date=days(32))
    assert sequence_of(client, page) == 1
    assert sequence_of(client, english) == 1


def test_the_agenda_feed_keeps_the_visitor_filters(client):
    make_event("Atelier à Lyon", days(5), kind="workshop")
    make_event("Rencontre à Lyon", days(6), kind="meetup")
    make_event(
        "Atelier à Rennes",
        days(7),
        kind="workshop",
        commune="Rennes",
        region="53",
        departments=["35"],
    )
    make_event("Atelier d’il y a deux ans", days(-800), kind="workshop")
    summaries = {
        str(event["SUMMARY"])
        for event in vevents(parse(client.get("/agenda/calendrier/?kind=workshop&region=84")))
    }
    assert summaries == {"Atelier à Lyon"}
    everything = {
        str(event["SUMMARY"]) for event in vevents(parse(client.get("/agenda/calendrier/")))
    }
    # What ended long ago has left the feed.
    assert everything == {"Atelier à Lyon", "Rencontre à Lyon", "Atelier à Rennes"}


def test_lists_and_events_announce_their_calendar(client):
    page = make_event("Atelier", days(5))
    html = client.get("/agenda/?kind=workshop").content.decode()
    assert (
        '<link rel="alternate" type="text/calendar" href="/agenda/calendrier/?kind=workshop"'
        in html
    )
    assert (
        f'<link rel="alternate" type="text/calendar" href="{page.url}calendrier/"'
        in client.get(page.url).content.decode()
    )
    assert '<link rel="alternate" type="text/calendar" href="/nec-locaux/calendrier/"' in (
        client.get("/nec-locaux/").content.decode()
    )


def test_no_third_party_calendar_link_is_offered(client):
    page = make_event("Atelier", days(5))
    html = client.get(page.url).content.decode()
    assert "google.com" not in html and "outlook" not in html.lower()


def test_the_calendar_is_written_as_rfc_5545_says(client):
    make_event(
        "Atelier au titre très long pour vérifier le pliage des lignes du calendrier "
        "à soixante-quinze octets, accents compris : éèàùç",
        days(5),
        start_time=datetime.time(9),
        end_time=datetime.time(12),
    )
    content = client.get("/agenda/calendrier/").content
    assert content.endswith(b"\r\n")
    lines = content.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert all(len(line) <= 75 for line in lines)  # folded at 75 octets, UTF-8 counted
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-1] == b"END:VCALENDAR"
    content.decode("utf-8")  # valid UTF-8, accents included
    (event,) = vevents(Calendar.from_ical(content))
    assert str(event["SUMMARY"]).endswith("éèàùç")
