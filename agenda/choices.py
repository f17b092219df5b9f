"""The fixed choices of events, read by the models, the views and the calendars."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventStatus(models.TextChoices):
    ANNOUNCED = "announced", _("Annoncé")
    CONFIRMED = "confirmed", _("Confirmé")
    POSTPONED = "postponed", _("Reporté")
    CANCELLED = "cancelled", _("Annulé")


class EventKind(models.TextChoices):
    MEETUP = "meetup", _("Rencontre")
    WORKSHOP = "workshop", _("Atelier")
    WEBINAR = "webinar", _("Webinaire")


class AccessibilityFeature(models.TextChoices):
    LSF = "lsf", _("Interprétation en langue des signes française (LSF)")
    CAPTIONS = "captions", _("Sous-titrage en direct")
    STEP_FREE = "step_free", _("Lieu accessible en fauteuil roulant")
    HEARING_LOOP = "hearing_loop", _("Boucle à induction magnétique")
    EASY_READ = "easy_read", _("Supports en facile à lire et à comprendre (FALC)")
