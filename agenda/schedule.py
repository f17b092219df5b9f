"""When an event happens, in its own time zone: what editors type (local dates and times)
turned into instants the database can sort and compare, and back into the words and
calendar values visitors read. Pure functions, no database."""

import datetime
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy as _

from agenda.territories import REGIONS_BY_CODE

PARIS = "Europe/Paris"
# The zones an NEC event can be held in: France's, overseas included. The label is what
# visitors read after a time (« 14 h 00, heure de La Réunion »).
TIME_ZONES = {
    PARIS: _("heure de Paris"),
    "America/Guadeloupe": _("heure de la Guadeloupe"),
    "America/Martinique": _("heure de la Martinique"),
    "America/Cayenne": _("heure de la Guyane"),
    "Indian/Reunion": _("heure de La Réunion"),
    "Indian/Mayotte": _("heure de Mayotte"),
    "America/Miquelon": _("heure de Saint-Pierre-et-Miquelon"),
    "Pacific/Noumea": _("heure de la Nouvelle-Calédonie"),
    "Pacific/Tahiti": _("heure de Tahiti"),
    "Pacific/Wallis": _("heure de Wallis-et-Futuna"),
}
TIME_ZONE_CHOICES = list(TIME_ZONES.items())


def zone_of(time_zone, region_code=""):
    """The zone an event keeps its times in: the one chosen, else its region's, else Paris."""
    if time_zone in TIME_ZONES:
        return time_zone
    region = REGIONS_BY_CODE.get(region_code or "")
    return region.time_zone if region else PARIS


def bounds(start_date, start_time, end_date, end_time, time_zone):
    """(start, end) as aware datetimes in `time_zone`. A day without a time covers the whole
    day; the end is exclusive, so an event without an end time ends at midnight after its
    last day."""
    zone = ZoneInfo(time_zone)
    end_date = end_date or start_date
    start = datetime.datetime.combine(start_date, start_time or datetime.time.min, zone)
    if end_time is not None:
        end = datetime.datetime.combine(end_date, end_time, zone)
    else:
        end = datetime.datetime.combine(
            end_date + datetime.timedelta(days=1), datetime.time.min, zone
        )
    return start, end


def is_all_day(start_time, end_time):
    return start_time is None and end_time is None
