"""What the programme and speaker pages serve: the programme one day at a time, filtered by
format, theme and audience in the query string; the speakers by name; and what a session's,
a speaker's and an edition's page show beside their fields.

editions.models imports this module (its routes and contexts), so the models are reached
through the app registry rather than imported: no import cycle forms.

wagtail-localize leaves a translated session pointing to the source language's pages (the
people on stage, the resources): they are shown in the page's language wherever their
translation is live (`localized`)."""

import datetime
import re
import unicodedata
from dataclasses import dataclass
from itertools import groupby

from django.apps import apps
from django.db.models import Exists, OuterRef, Q
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Page

from blocks import describe_document
from blocks.media import url_host
from editions.choices import SessionFormat, SpeakerRole
from nec_cms.listing import Filter, FilterableList, Option
from nec_cms.pages import localized, public_only
from nec_cms.querystrings import querystring
from ressources.licences import LICENCES
from ressources.models import Audience, Theme

DAY_PARAM = "jour"
FILTER_PARAMS = ("format", "theme", "audience")
PROGRAMME_PARAMS = (DAY_PARAM, *FILTER_PARAMS)
DAY_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Light pages (EcoIndex A): the speakers' index shows this many names at a time.
SPEAKERS_PER_PAGE = 48


def model(name):
    return apps.get_model("editions", name)


def name_key(title):
    """Alphabetical order as people read it, whatever the database's collation: accents
    and case left aside (« Élodie » among the E)."""
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return (plain.casefold(), title)


def by_name(terms):
    return sorted(terms, key=lambda term: name_key(term.name))


def ancestor_path(page, generations):
    return page.path[: -generations * page.steplen]


# --------------------------------------------------------------------------------------
# The programme
# --------------------------------------------------------------------------------------


def parse_day(raw):
    """A day from the query string, or None if it is not one."""
    if not raw or not DAY_RE.fullmatch(raw):
        return None
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        return None


@dataclass
class Day:
    date: datetime.date
    url: str
    current: bool


@dataclass
class Slot:
    """The sessions that start at the same time."""

    start: datetime.time
    sessions: list


def term_filter(param, label, all_label, terms, relation):
    """A filter on taxonomy terms by slug (the terms the programme's sessions carry)."""
    ids = {term.slug: term.pk for term in terms}
    options = [Option(term.slug, term.name) for term in terms]
    return Filter(param, label, all_label, options, lambda slug: Q(**{relation: ids[slug]}))


def programme_filters(programme, listing, formats):
    """The programme's filters, read from the query string: the formats it holds, and the
    themes and audiences its sessions carry (in its language, by name)."""
    sessions = programme.sessions()
    filters = [
        Filter(
            "format",
            _("Format"),
            _("Tous les formats"),
            [Option(value, label) for value, label in SessionFormat.choices if value in formats],
            lambda value: Q(format=value),
        ),
        term_filter(
            "theme",
            _("Thématique"),
            _("Toutes les thématiques"),
            by_name(Theme.objects.filter(sessions__in=sessions).distinct()),
            "themes",
        ),
        term_filter(
            "audience",
            _("Public"),
            _("Tous les publics"),
            by_name(Audience.objects.filter(sessions__in=sessions).distinct()),
            "audiences",
        ),
    ]
    return [item.read(listing) for item in filters]


def day_sessions(programme, day, filters):
    """The sessions of `day` that pass `filters`, with the people on stage in the
    programme's language (`session.on_stage`, each with its `person`): four queries at most,
    whatever the number of sessions and people."""
    sessions = programme.sessions().filter(date=day)
    for item in filters:
        sessions = item.apply(sessions)
    sessions = list(sessions.distinct().prefetch_related("speakers__speaker", "themes"))
    for session in sessions:
        session.on_stage = list(session.speakers.all())
    with_people([item for session in sessions for item in session.on_stage], programme.locale_id)
    return sessions


def with_people(appearances, locale_id):
    """Each appearance on stage gets `person`: its speaker in the language `locale_id`."""
    people = localized([item.speaker for item in appearances], locale_id)
    for appearance, person in zip(appearances, people, strict=True):
        appearance.person = person
    return appearances


def serve_programme(request, programme):
    template = programme.get_template(request)
    context = programme.get_context(request)
    # One day at a time keeps the page light: there is no page number to read.
    listing = FilterableList(request.GET, PROGRAMME_PARAMS, per_page=1, first_page_label="")
    listing.params.pop("page", None)
    # The days and formats the programme holds, in one query.
    held = set(programme.sessions().order_by().values_list("date", "format").distinct())
    dates = sorted({date for date, _format in held})
    wanted = parse_day(listing.params.get(DAY_PARAM, ""))
    day = wanted if wanted in dates else (dates[0] if dates else None)
    keep_day = {DAY_PARAM: day.isoformat()} if day else {}
    filters = programme_filters(programme, listing, {value for _date, value in held})
    sessions = day_sessions(programme, day, filters) if day else []
    active = [item for item in filters if item.chosen]
    context.update(
        {
            "edition": programme.get_parent(),
            "days": [
                Day(date, listing.link(set_values={DAY_PARAM: date.isoformat()}), date == day)
                for date in dates
            ],
            "day": day,
            "filters": filters,
            "active_filters": [
                (item, listing.link(drop=(item.param,), set_values=keep_day)) for item in active
            ],
            "clear_filters_url": listing.link(drop=FILTER_PARAMS, set_values=keep_day),
            "session_count": len(sessions),
            "slots": [
                Slot(start, list(group))
                for start, group in groupby(sessions, key=lambda session: session.start_time)
            ],
            "speaker_index": speaker_index_of(programme),
            # The exports (editions.exports), announced in the head: their routes by name.
            "json_url": programme.url + programme.reverse_subpage("schedule_json"),
            "calendar_url": programme.url + programme.reverse_subpage("calendar"),
        }
    )
    return TemplateResponse(request, template, context)


def speaker_index_of(page):
    """The live speakers' index in the page's language, or None."""
    return public_only(
        model("SpeakerIndexPage").objects.live().filter(locale_id=page.locale_id)
    ).first()


def filtered_programme_url(programme, day, **filters):
    """The programme on `day` filtered by `filters`, e.g. theme="communs"."""
    return programme.url + querystring(
        {}, set_values={DAY_PARAM: day.isoformat() if day else "", **filters}
    )


# --------------------------------------------------------------------------------------
# The speakers' index and a speaker
# --------------------------------------------------------------------------------------


def serve_speaker_index(page, request):
    """The live speakers of the index (its language), by name, a page at a time: two
    queries whatever their number (the names to sort, then the page's speakers). A page
    number that is not one is answered, as in the other lists, with a 400 that says so and
    links to the first page."""
    template = page.get_template(request)
    context = page.get_context(request)
    listing = FilterableList(
        request.GET,
        (),
        per_page=SPEAKERS_PER_PAGE,
        first_page_label=_("Revenir à la première page de la liste"),
    )
    if listing.page_number is None:
        return listing.bad_page_response(request, template, context)
    speakers = public_only(model("SpeakerPage").objects.live().child_of(page))
    names = sorted(speakers.values_list("title", "pk"), key=lambda row: name_key(row[0]))
    page_obj, pagination = listing.paginate([pk for _title, pk in names])
    by_pk = {speaker.pk: speaker for speaker in speakers.filter(pk__in=page_obj.object_list)}
    context.update(
        {
            "speakers": [by_pk[pk] for pk in page_obj.object_list if pk in by_pk],
            **pagination,
        }
    )
    return TemplateResponse(request, template, context)


@dataclass
class Appearance:
    session: object
    edition: object
    role: str


def speaker_context(speaker):
    """A speaker's live sessions in the page's language across editions, newest first,
    with their edition and the person's role there: three queries.

    A translated session keeps the source language's speaker (wagtail-localize), so the
    sessions are found by the speaker's translation key, not by this very page."""
    sessions = public_only(model("SessionPage").objects.live().filter(locale_id=speaker.locale_id))
    rows = (
        model("SessionSpeaker")
        .objects.filter(page__in=sessions, speaker__translation_key=speaker.translation_key)
        .select_related("page")
        .order_by("-page__date", "-page__start_time", "page__title", "sort_order")
    )
    seen, found = set(), []
    for row in rows:
        if row.page_id not in seen:
            seen.add(row.page_id)
            found.append(row)
    editions = {
        edition.path: edition
        for edition in model("EditionPage").objects.filter(
            path__in={ancestor_path(row.page, 2) for row in found}
        )
    }
    roles = dict(SpeakerRole.choices)
    return {
        "appearances": [
            Appearance(row.page, editions.get(ancestor_path(row.page, 2)), roles.get(row.role, ""))
            for row in found
        ]
    }


# --------------------------------------------------------------------------------------
# A session
# --------------------------------------------------------------------------------------


@dataclass
class Term:
    name: str
    url: str


def session_context(session):
    """What a session's page shows beside its fields: its programme and edition, the people
    on stage and the resources in its language, its documents described, its replay's
    host and licence."""
    parents = {
        page.depth: page
        for page in Page.objects.filter(
            path__in=[ancestor_path(session, 1), ancestor_path(session, 2)]
        )
    }
    programme = parents.get(session.depth - 1)
    edition = parents.get(session.depth - 2)
    appearances = with_people(list(session.speakers.select_related("speaker")), session.locale_id)
    resources = [block.value for block in session.resources if block.value is not None]
    resources = [page for page in localized(resources, session.locale_id) if page.live]

    def terms(queryset, param):
        return [
            Term(
                term.name,
                filtered_programme_url(programme, session.date, **{param: term.slug})
                if programme
                else "",
            )
            for term in queryset
        ]

    return {
        "programme": programme,
        "edition": edition,
        "appearances": appearances,
        "resources": resources,
        "themes": terms(session.themes.all(), "theme"),
        "audiences": terms(session.audiences.all(), "audience"),
        "slides_label": describe_document(session.slides) if session.slides else "",
        "captions_label": (
            describe_document(session.replay_captions) if session.replay_captions else ""
        ),
        "replay_host": url_host(session.replay_url),
        "licence": LICENCES.get(session.replay_licence),
        "programme_url": filtered_programme_url(programme, session.date) if programme else "",
    }


# --------------------------------------------------------------------------------------
# An edition
# --------------------------------------------------------------------------------------


def edition_programme(edition):
    """The edition's live, public programme once it shows a live session, or None (an
    empty programme would be a dead end): one query, none for an edition without children."""
    if not edition.numchild:
        return None
    sessions = model("SessionPage").objects.live().filter(path__startswith=OuterRef("path"))
    programmes = model("ProgrammePage").objects.live().child_of(edition)
    return public_only(programmes).filter(Exists(sessions)).first()
