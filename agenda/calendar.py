"""Events as iCalendar (RFC 5545), built with the `icalendar` library.

An event keeps one UID in every language and through every edit (its translation key), and
its SEQUENCE grows each time its schedule, place or status changes once published
(`CalendarSequence`). Times carry their time zone, with the VTIMEZONE it needs; a day
without a time is a date. Cancelled events stay, with STATUS:CANCELLED, so that calendars
that subscribed remove them.
"""

import datetime
import html

from django.utils.html import strip_tags
from icalendar import Calendar, Event

from agenda.choices import EventStatus

UID_DOMAIN = "numerique-en-communs.fr"
PRODID = "-//Numérique en Commun[s]//Agenda//FR"
CONTENT_TYPE = "text/calendar; charset=utf-8"
STATUSES = {
    EventStatus.CONFIRMED: "CONFIRMED",
    EventStatus.CANCELLED: "CANCELLED",
    EventStatus.ANNOUNCED: "TENTATIVE",
    EventStatus.POSTPONED: "TENTATIVE",
}


def uid(page):
    return f"{page.translation_key}@{UID_DOMAIN}"


def plain_text(markup):
    return " ".join(html.unescape(strip_tags(markup or "")).split())


def location(page):
    """Where, in one line: venue, address, commune; the online link for an online event."""
    parts = []
    if page.is_in_person:
        postcode_commune = " ".join(part for part in (page.postcode, page.commune) if part)
        parts = [part for part in (page.venue, page.address, postcode_commune) if part]
    if page.is_online and page.online_url:
        parts.append(page.online_url)
    return ", ".join(parts)


def event_component(page, url, sequence):
    start, end = page.local_bounds()
    event = Event()
    event.add("uid", uid(page))
    stamp = page.last_published_at or datetime.datetime.now(datetime.UTC)
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    event.add("sequence", sequence)
    event.add("summary", page.title)
    if page.is_all_day:
        event.add("dtstart", start.date())
        event.add("dtend", end.date())
    else:
        event.add("dtstart", start)
        event.add("dtend", end)
    event.add("status", STATUSES.get(page.status, "TENTATIVE"))
    event.add("url", url)
    where = location(page)
    if where:
        event.add("location", where)
    description = " ".join(part for part in (plain_text(page.intro), url) if part)
    event.add("description", description)
    return event


def calendar_bytes(name, events):
    """The calendar named `name` holding `events`: [(page, absolute URL, sequence)]."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for page, url, sequence in events:
        calendar.add_component(event_component(page, url, sequence))
    calendar.add_missing_timezones()
    return calendar.to_ical()
