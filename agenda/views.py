"""The lists of events (upcoming first, then past; filters in the query string), the map of
local NECs per region, and the calendars: what the index and event pages serve."""

import datetime
import unicodedata

from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from agenda import calendar, map_shapes
from agenda.choices import EventKind
from agenda.territories import REGIONS, REGIONS_BY_CODE
from editions.models import EditionFormat
from nec_cms.ical import calendar_response
from nec_cms.listing import Filter, FilterableList, Option

CALENDAR_ROUTE = "calendrier/"
# A calendar feed carries what is to come and what ended within this time, so that a
# subscription keeps recent events and their cancellations without growing for ever.
FEED_PAST = datetime.timedelta(days=365)
FEED_LIMIT = 500


def region_filter():
    return Filter(
        "region",
        _("Région"),
        _("Toutes les régions"),
        [Option(region.code, region.name) for region in sorted(REGIONS, key=region_sort_key)],
        lambda code: Q(region=code),
    )


def region_sort_key(region):
    """Metropolitan regions by name (« Île-de-France » among the I), then overseas ones:
    how visitors look for them."""
    plain = unicodedata.normalize("NFKD", region.name).encode("ascii", "ignore").decode()
    return (region.overseas, plain.casefold())


def filters_for(index, listing):
    """The filters `index` offers, read from the query string."""
    filters = []
    if "kind" in index.filter_names:
        filters.append(
            Filter(
                "kind",
                _("Type"),
                _("Tous les types"),
                [Option(value, label) for value, label in EventKind.choices],
                lambda value: Q(kind=value),
            )
        )
    if "format" in index.filter_names:
        # Online includes hybrid events, and in person too: both can be joined that way.
        formats = {
            EditionFormat.IN_PERSON: [EditionFormat.IN_PERSON, EditionFormat.HYBRID],
            EditionFormat.ONLINE: [EditionFormat.ONLINE, EditionFormat.HYBRID],
            EditionFormat.HYBRID: [EditionFormat.HYBRID],
        }
        filters.append(
            Filter(
                "format",
                _("Format"),
                _("Tous les formats"),
                [Option(value, label) for value, label in EditionFormat.choices],
                lambda value: Q(format__in=formats[value]),
            )
        )
    if "region" in index.filter_names:
        filters.append(region_filter())
    if "audience" in index.filter_names:
        audiences = index.audience_terms()
        by_slug = {term.slug: term.pk for term in audiences}
        filters.append(
            Filter(
                "audience",
                _("Public"),
                _("Tous les publics"),
                [Option(term.slug, term.name) for term in audiences],
                lambda slug: Q(audiences=by_slug[slug]),
            )
        )
    return [item.read(listing) for item in filters]


class UpcomingThenPast:
    """Upcoming events (soonest first) followed by past ones (latest first), as one
    sequence the paginator can count and slice: two counts and at most two queries per
    page, whatever the number of events."""

    def __init__(self, events, now):
        self.upcoming = events.upcoming(now)
        self.past = events.past(now)
        self.counts = None

    def count(self):
        if self.counts is None:
            self.counts = (self.upcoming.count(), self.past.count())
        return sum(self.counts)

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        self.count()
        upcoming_count = self.counts[0]
        start, stop = window.start or 0, window.stop
        items = []
        if start < upcoming_count:
            items += [(event, False) for event in self.upcoming[start : min(stop, upcoming_count)]]
        if stop > upcoming_count:
            past_start = max(start - upcoming_count, 0)
            items += [(event, True) for event in self.past[past_start : stop - upcoming_count]]
        return items


def region_counts(events, now, selected, url_for):
    """One row per region, overseas included (zero where there is none): its code, name,
    upcoming and past counts, the link that filters the list on it; one query."""
    counted = {
        row["region"]: row
        for row in events.order_by()
        .values("region")
        .annotate(
            upcoming=Count("pk", filter=Q(ends_at__gt=now)),
            past=Count("pk", filter=Q(ends_at__lte=now)),
        )
    }
    rows = []
    for region in sorted(REGIONS, key=region_sort_key):
        row = counted.get(region.code, {"upcoming": 0, "past": 0})
        total = row["upcoming"] + row["past"]
        rows.append(
            {
                "region": region,
                "upcoming": row["upcoming"],
                "past": row["past"],
                "total": total,
                "selected": region.code == selected,
                "url": url_for(region.code),
                "shape": map_shapes.SHAPES[region.code],
                "label_point": map_shapes.LABEL_POINTS[region.code],
                "inset": map_shapes.INSETS.get(region.code),
                "shade": shade(total),
            }
        )
    return rows


def shade(total):
    """The map's colour step for a count: none, one, a few, many."""
    if total == 0:
        return 0
    if total == 1:
        return 1
    return 2 if total <= 3 else 3


def calendar_url(page, listing=None):
    query = listing.link(drop=("page",)) if listing is not None else ""
    return f"{page.url}{CALENDAR_ROUTE}{query if query != '?' else ''}"


def serve_listing(index, request):
    template = index.get_template(request)
    context = index.get_context(request)
    listing = FilterableList(
        request.GET,
        index.filter_names,
        per_page=index.page_size,
        first_page_label=_("Revenir à la première page de la liste"),
    )
    if listing.page_number is None:
        return listing.bad_page_response(request, template, context)
    now = timezone.now()
    filters = filters_for(index, listing)
    events = index.events()
    for item in filters:
        events = item.apply(events)
    page_obj, pagination = listing.paginate(UpcomingThenPast(events, now))
    sequence = page_obj.paginator.object_list
    active = [item for item in filters if item.chosen]
    context.update(
        {
            "filters": filters,
            "active_filters": [(item, listing.link(drop=(item.param, "page"))) for item in active],
            "clear_filters_url": listing.link(drop=(*index.filter_names, "page")),
            "upcoming": [event for event, past in page_obj.object_list if not past],
            "past": [event for event, past in page_obj.object_list if past],
            "upcoming_count": sequence.counts[0],
            "past_count": sequence.counts[1],
            "calendar_url": calendar_url(index, listing),
            **pagination,
        }
    )
    if index.shows_map:
        selected = next((item.chosen.value for item in active if item.param == "region"), "")
        context["regions"] = region_counts(
            index.events(),
            now,
            selected,
            lambda code: listing.link(drop=("page",), set_values={"region": code}),
        )
        context["map"] = {"view_box": map_shapes.VIEW_BOX, "attribution": map_shapes.ATTRIBUTION}
    return TemplateResponse(request, template, context)


def serve_listing_calendar(index, request):
    """The list's calendar feed, with the visitor's filters."""
    listing = FilterableList(
        request.GET, index.filter_names, per_page=FEED_LIMIT, first_page_label=""
    )
    now = timezone.now()
    events = index.events().filter(ends_at__gt=now - FEED_PAST)
    for item in filters_for(index, listing):
        events = item.apply(events)
    events = list(events.order_by("starts_at", "pk")[:FEED_LIMIT])
    sequences = index.calendar_sequences(events)
    site_url = request.build_absolute_uri("/").rstrip("/")
    content = calendar.calendar_bytes(
        f"{index.title} — Numérique en Commun[s]",
        [(event, site_url + event.url, sequences[event.translation_key]) for event in events],
    )
    return calendar_response(content, f"{index.slug}.ics")


def serve_event_calendar(page, request):
    sequence = page.calendar_sequences([page])[page.translation_key]
    url = request.build_absolute_uri(page.url)
    content = calendar.calendar_bytes(page.title, [(page, url, sequence)])
    return calendar_response(content, f"{page.slug}.ics")


def event_context(page, request):
    """What an event's page shows beside its fields."""
    now = timezone.now()
    region = REGIONS_BY_CODE.get(page.region)
    return {
        "is_past": page.is_past(now),
        "calendar_url": calendar_url(page),
        "listing_url": page.get_parent().url,
        "region": region,
    }
