"""The programme as frab schedule JSON and as iCalendar, served by the programme page at
`json/` and `calendrier/` (editions.models.ProgrammePage).

The JSON follows the schedule format of the c3voc (https://c3voc.de/wiki/schedule) that
pretalx and frab export and that conference apps (Giggity, ConfClerk, EventFahrplan…)
read; tests/editions/schemas/ holds its published JSON schema, which the tests validate
against. The calendar gives one event per session, with the same UID in both languages.

Both hold live, public sessions only, and what the session page shows publicly: a
speaker's biography only with their consent, their e-mail never. Their query count does
not depend on the number of sessions or speakers.
"""

import datetime
import re
import uuid

from django.apps import apps
from django.db.models import Prefetch
from django.http import JsonResponse
from django.utils.text import capfirst
from wagtail.models import Page

from editions.choices import PARIS, TIME_ZONE
from nec_cms import ical
from nec_cms.pages import public_only
from nec_cms.seo import SITE_NAME
from ressources.licences import LICENCES

SCHEMA_URL = "https://c3voc.de/schedule/schema.json"
PRODID = "-//Numérique en Commun[s]//Programme//FR"
# The grid apps draw the schedule on; sessions start on any 5 minutes, as in pretalx.
TIMESLOT = "00:05"


# --- Reading the programme once --------------------------------------------------------


def speaker_pages():
    """Speaker pages without their e-mail: the exports never even read it."""
    # Looked up rather than imported: editions.models imports this module for its routes.
    return apps.get_model("editions", "SpeakerPage").objects.defer("email")


def programme_sessions(programme):
    """The programme's live, public sessions in programme order, with everything the
    exports read: a fixed number of queries whatever their number."""
    return list(
        programme.sessions()
        .select_related("slides")
        .prefetch_related("themes", Prefetch("speakers__speaker", queryset=speaker_pages()))
    )


def shown_speakers(programme, sessions):
    """{speaker's translation key: the speaker page to show}: the live, public page in the
    programme's language, else the linked one if it is live and public; one query.

    A session keeps the people of its source language until they are translated; a
    biography is only ever read from a published page."""
    linked = {item.speaker for session in sessions for item in session.speakers.all()}
    keys = {speaker.translation_key for speaker in linked}
    if not keys:
        return {}
    shown = {}
    live = public_only(speaker_pages().live().filter(translation_key__in=keys))
    linked_ids = {speaker.pk for speaker in linked}
    for speaker in live:
        if speaker.locale_id == programme.locale_id:
            shown[speaker.translation_key] = speaker
        elif speaker.pk in linked_ids:
            shown.setdefault(speaker.translation_key, speaker)
    return shown


def linked_resources(sessions):
    """{page id: live, public page} of the resources the sessions link to; one query (none
    without any), rather than one per session as reading each StreamField would."""
    ids = {
        block["value"]
        for session in sessions
        for block in session.resources.raw_data
        if block.get("type") == "resource" and block.get("value")
    }
    if not ids:
        return {}
    return {page.pk: page for page in public_only(Page.objects.live().filter(pk__in=ids))}


def duration_text(session):
    """« HH:MM », wall-clock time between start and end (never negative)."""
    start, end = session.local_bounds()
    minutes = max(int((end - start).total_seconds()) // 60, 0)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def absolute_url(request, page):
    return request.build_absolute_uri(page.get_url(request))


def schedule_slug(text):
    """A slug as the schema wants it: lowercase ASCII, digits, « - » and « _ », ending
    with a letter or a digit."""
    return re.sub(r"[^a-z0-9_-]+", "-", text.lower()).strip("-_")


def field_label(session, name):
    return str(capfirst(session._meta.get_field(name).verbose_name))


# --- frab schedule JSON --------------------------------------------------------------


def person_data(item, shown):
    """A person on stage as the schema's pretalx-style person: `name` and no
    `public_name`, since a person matching both the frab and the pretalx shapes is
    refused (`oneOf`). The guid is the speaker's translation key, the same in every
    language, and never derived from their e-mail (uuid5 of an address can be reversed
    by trying addresses)."""
    speaker = item.speaker
    page = shown.get(speaker.translation_key)
    data = {
        "id": (page or speaker).pk,
        "guid": str(speaker.translation_key),
        "name": (page or speaker).title,
    }
    if page is not None:
        biography = ical.plain_text(page.public_bio)
        if biography:
            data["biography"] = biography
    return data


def event_data(request, session, acronym, shown, resources):
    start, end = session.local_bounds()
    themes = list(session.themes.all())
    links = []
    if session.has_replay:
        links.append(
            {
                "type": "media",
                "url": session.replay_url,
                "title": field_label(session, "replay_url"),
            }
        )
    for block in session.resources.raw_data:
        resource = resources.get(block.get("value"))
        if resource is not None:
            links.append(
                {"type": "related", "url": absolute_url(request, resource), "title": resource.title}
            )
    attachments = []
    if session.slides is not None:
        attachments.append(
            {
                "type": "slides",
                "url": request.build_absolute_uri(session.slides.url),
                "title": session.slides.title,
            }
        )
    # What the abstract does not say and schedule apps have no field for.
    description = "\n".join(
        field_label(session, name)
        for name in ("sign_language", "live_captions")
        if getattr(session, name)
    )
    licence = LICENCES.get(session.replay_licence)
    return {
        "id": session.pk,
        "guid": str(session.translation_key),
        "logo": "",
        "date": start.isoformat(),
        "start": start.strftime("%H:%M"),
        "end": end.isoformat(),
        "duration": duration_text(session),
        "room": session.room,
        "slug": schedule_slug(f"{acronym}-{session.pk}-{session.slug}"),
        "url": absolute_url(request, session),
        "title": session.title,
        "subtitle": "",
        "track": themes[0].name if themes else "",
        "type": str(session.get_format_display()),
        "language": session.language,
        "abstract": ical.plain_text(session.intro),
        "description": description,
        "recording_license": ""
        if session.do_not_record
        else (licence.short_name if licence else session.replay_licence),
        "do_not_record": session.do_not_record,
        "persons": [person_data(item, shown) for item in session.speakers.all()],
        "links": links,
        "attachments": attachments,
    }


def room_names(sessions):
    """The rooms in the order the programme first uses them."""
    return list(dict.fromkeys(session.room for session in sessions))


def room_guid(programme, name):
    """A room's guid, stable as long as its name is: derived from the programme's
    translation key, so that two editions' « Grand amphithéâtre » differ."""
    return str(uuid.uuid5(programme.translation_key, name))


def days_data(request, sessions, acronym, shown, resources):
    """Every day from the first session's to the last one's, a day without session
    included (apps number days by their index), each with its rooms in programme order."""
    if not sessions:
        return []
    first, last = sessions[0].date, sessions[-1].date
    rooms = room_names(sessions)
    by_day = {}
    for session in sessions:
        by_day.setdefault(session.date, []).append(session)
    earliest = min(session.start_time for session in sessions)
    latest = max(session.end_time for session in sessions)
    days = []
    for index in range((last - first).days + 1):
        date = first + datetime.timedelta(days=index)
        of_day = by_day.get(date, [])
        day_start = min((s.local_bounds()[0] for s in of_day), default=None)
        day_end = max((s.local_bounds()[1] for s in of_day), default=None)
        by_room = {}
        for session in of_day:
            by_room.setdefault(session.room, []).append(
                event_data(request, session, acronym, shown, resources)
            )
        days.append(
            {
                "index": index + 1,
                "date": date.isoformat(),
                "day_start": (
                    day_start or datetime.datetime.combine(date, earliest, tzinfo=PARIS)
                ).isoformat(),
                "day_end": (
                    day_end or datetime.datetime.combine(date, latest, tzinfo=PARIS)
                ).isoformat(),
                "rooms": {room: by_room[room] for room in rooms if room in by_room},
            }
        )
    return days


def schedule_version(programme, sessions):
    """When the programme last changed for visitors: its latest publication or its
    sessions'."""
    stamps = [page.last_published_at for page in (programme, *sessions) if page.last_published_at]
    if not stamps:
        return ""
    return max(stamps).astimezone(PARIS).strftime("%Y-%m-%d %H:%M")


def schedule_data(request, programme, edition):
    sessions = programme_sessions(programme)
    shown = shown_speakers(programme, sessions)
    resources = linked_resources(sessions)
    # The schema's pattern: letters and digits, no dash before the year.
    acronym = f"nec{edition.year}"
    days = days_data(request, sessions, acronym, shown, resources)
    if sessions:
        start, end = sessions[0].date.isoformat(), sessions[-1].date.isoformat()
    else:
        # Nothing scheduled yet: the edition's year is all that is known.
        start, end = f"{edition.year}-01-01", f"{edition.year}-12-31"
    programme_url = absolute_url(request, programme)
    return {
        "$schema": SCHEMA_URL,
        "generator": {"name": "nec-cms", "url": request.build_absolute_uri("/")},
        "schedule": {
            "version": schedule_version(programme, sessions),
            "base_url": programme_url,
            "conference": {
                "acronym": acronym,
                "title": f"{SITE_NAME} — {edition.title}",
                "description": ical.plain_text(programme.intro),
                "url": programme_url,
                "start": start,
                "end": end,
                "daysCount": len(days),
                "timeslot_duration": TIMESLOT,
                "time_zone_name": TIME_ZONE,
                "rooms": [
                    {"name": name, "guid": room_guid(programme, name)}
                    for name in room_names(sessions)
                ],
                "days": days,
            },
        },
    }


def export_filename(edition, programme, extension):
    """« 2024-lyon-programme.json »: every edition's programme has the same slug."""
    return f"{edition.slug}-{programme.slug}.{extension}"


def serve_schedule_json(request, programme):
    edition = programme.edition
    response = JsonResponse(
        schedule_data(request, programme, edition),
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    filename = export_filename(edition, programme, "json")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


# --- iCalendar -----------------------------------------------------------------------


def session_location(session, edition):
    """The room, then the edition's venue and city: « Salle 2, Palais de la Bourse,
    Bordeaux »."""
    return ", ".join(part for part in (session.room, edition.venue, edition.city) if part)


def serve_programme_calendar(request, programme):
    edition = programme.edition
    events = [
        ical.page_event(
            session,
            absolute_url(request, session),
            start=session.local_bounds()[0],
            end=session.local_bounds()[1],
            status="CONFIRMED",
            location=session_location(session, edition),
        )
        # The calendar reads neither speakers nor themes: no need to prefetch them.
        for session in programme.sessions()
    ]
    content = ical.calendar_bytes(f"{programme.title} — {edition.title}", events, prodid=PRODID)
    return ical.calendar_response(content, export_filename(edition, programme, "ics"))
