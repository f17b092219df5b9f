"""How an event's dates read, in the event's own time zone, and the home page's next events."""

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.formats import time_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from agenda.choices import EventStatus
from agenda.models import EventPage, LocalNecPage

register = template.Library()


def day_element(day, pattern="j F Y"):
    return format_html('<time datetime="{}">{}</time>', day.isoformat(), date_format(day, pattern))


def time_element(moment):
    return format_html(
        '<time datetime="{}">{}</time>',
        moment.isoformat(timespec="minutes"),
        time_format(moment.timetz()),
    )


@register.simple_tag
def event_when(event):
    """« Le jeudi 3 décembre 2026, de 14:00 à 16:00 (heure de La Réunion) », « Du 3 au… »."""
    if event.last_day != event.start_date:
        text = format_html(
            _("Du {start} au {end}"),
            start=day_element(event.start_date),
            end=day_element(event.last_day),
        )
    else:
        text = format_html(_("Le {day}"), day=day_element(event.start_date, "l j F Y"))
    if event.start_time is None:
        return text
    start, end = event.local_bounds()
    if event.end_time is not None and event.last_day == event.start_date:
        hours = format_html(
            _("de {start} à {end}"), start=time_element(start), end=time_element(end)
        )
    else:
        hours = format_html(_("à partir de {start}"), start=time_element(start))
    text = format_html("{}, {}", text, hours)
    if event.shows_zone:
        text = format_html("{} ({})", text, event.zone_label)
    return text


@register.inclusion_tag("agenda/includes/next_events.html", takes_context=True)
def next_events(context, home, count=3):
    """The next local NECs and events of `home`'s language, soonest first, cancelled ones
    left out; nothing when none is to come."""
    now = timezone.now()
    found = []
    for model in (LocalNecPage, EventPage):
        events = model.objects.listed().descendant_of(home).upcoming(now)
        found += events.exclude(status=EventStatus.CANCELLED).defer("body")[:count]
    found.sort(key=lambda event: (event.starts_at, event.pk))
    return {"events": found[:count], "request": context.get("request")}
