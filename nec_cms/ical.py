"""What every calendar of the site shares (iCalendar, RFC 5545, written by the `icalendar`
library): the agenda's events and local NECs, an edition's programme.

A page keeps one UID in every language and through every edit: its translation key. Each
event carries the time zone of its times, and the calendar the VTIMEZONE they need.
"""

import datetime
import html

from django.http import HttpResponse
from django.utils.html import strip_tags
from icalendar import Calendar, Event

UID_DOMAIN = "numerique-en-communs.fr"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def uid(page):
    return f"{page.translation_key}@{UID_DOMAIN}"


def plain_text(markup):
    """Rich text as one line of plain text: tags dropped, entities decoded."""
    return " ".join(html.unescape(strip_tags(markup or "")).split())


def page_event(page, url, *, start, end, status, location="", sequence=None):
    """The VEVENT of `page`, seen at `url`: dates for a whole day, aware datetimes
    otherwise. Without a `sequence` the event has none (RFC 5545 then reads 0)."""
    event = Event()
    event.add("uid", uid(page))
    stamp = page.last_published_at or datetime.datetime.now(datetime.UTC)
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    if sequence is not None:
        event.add("sequence", sequence)
    event.add("summary", page.title)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("status", status)
    event.add("url", url)
    if location:
        event.add("location", location)
    description = " ".join(part for part in (plain_text(page.intro), url) if part)
    event.add("description", description)
    return event


def calendar_bytes(name, events, prodid):
    """The calendar named `name` holding the VEVENTs `events`, as RFC 5545 bytes."""
    calendar = Calendar()
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def calendar_response(content, filename):
    """Shown by the browser or handed to a calendar app, under a name worth keeping; the
    cache headers are the site's usual ones (caching.middleware)."""
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
