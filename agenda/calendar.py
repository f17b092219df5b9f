"""Events as iCalendar (RFC 5545), with what every calendar of the site shares
(nec_cms.ical).

An event keeps one UID in every language and through every edit (its translation key), and
its SEQUENCE grows each time its schedule, place or status changes once published
(`CalendarSequence`). Times carry their time zone, with the VTIMEZONE it needs; a day
without a time is a date. Cancelled events stay, with STATUS:CANCELLED, so that calendars
that subscribed remove them.
"""

from agenda.choices import EventStatus
from nec_cms import ical

PRODID = "-//Numérique en Commun[s]//Agenda//FR"
STATUSES = {
    EventStatus.CONFIRMED: "CONFIRMED",
    EventStatus.CANCELLED: "CANCELLED",
    EventStatus.ANNOUNCED: "TENTATIVE",
    EventStatus.POSTPONED: "TENTATIVE",
}


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
    if page.is_all_day:
        start, end = start.date(), end.date()
    return ical.page_event(
        page,
        url,
        start=start,
        end=end,
        status=STATUSES.get(page.status, "TENTATIVE"),
        location=location(page),
        sequence=sequence,
    )


def calendar_bytes(name, events):
    """The calendar named `name` holding `events`: [(page, absolute URL, sequence)]."""
    return ical.calendar_bytes(name, [event_component(*event) for event in events], prodid=PRODID)
