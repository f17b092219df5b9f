"""The fixed choices of an edition's programme, read by the models, views and exports."""

import zoneinfo

from django.db import models
from django.utils.translation import gettext_lazy as _

# Every edition so far took place in metropolitan France: session times are Paris time.
TIME_ZONE = "Europe/Paris"
PARIS = zoneinfo.ZoneInfo(TIME_ZONE)


class SessionFormat(models.TextChoices):
    PLENARY = "plenary", _("Plénière")
    ROUND_TABLE = "round_table", _("Table ronde")
    WORKSHOP = "workshop", _("Atelier")
    MASTERCLASS = "masterclass", _("Masterclass")
    PITCH = "pitch", _("Pitch")
    FEEDBACK = "feedback", _("Retour d’expérience")


class SessionLanguage(models.TextChoices):
    FR = "fr", _("français")
    EN = "en", _("anglais")


class SpeakerRole(models.TextChoices):
    SPEAKER = "speaker", _("Intervenant·e")
    FACILITATOR = "facilitator", _("Animateur·rice")
    WITNESS = "witness", _("Grand témoin")


class GenderAnswer(models.TextChoices):
    """A self-declared, optional answer; empty means nobody asked or nobody answered."""

    WOMAN = "woman", _("Femme")
    MAN = "man", _("Homme")
    OTHER = "other", _("Autre identité")
    DECLINED = "declined", _("Ne souhaite pas répondre")
