"""The open licences a resource can carry (charter n°3: CC BY-SA 4.0 FR by default)."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Licence:
    code: str
    name: str
    short_name: str
    url: str


LICENCES = {
    licence.code: licence
    for licence in (
        Licence(
            "cc-by-sa-4.0",
            _("Creative Commons Attribution – Partage dans les mêmes conditions 4.0"),
            "CC BY-SA 4.0",
            "https://creativecommons.org/licenses/by-sa/4.0/deed.fr",
        ),
        Licence(
            "cc-by-4.0",
            _("Creative Commons Attribution 4.0"),
            "CC BY 4.0",
            "https://creativecommons.org/licenses/by/4.0/deed.fr",
        ),
        Licence(
            "cc0-1.0",
            _("Creative Commons Zéro 1.0 (domaine public)"),
            "CC0 1.0",
            "https://creativecommons.org/publicdomain/zero/1.0/deed.fr",
        ),
        Licence(
            "etalab-2.0",
            _("Licence Ouverte / Open Licence Etalab 2.0"),
            "Etalab 2.0",
            "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
        ),
        Licence(
            "odbl-1.0",
            _("Open Database License (ODbL) 1.0"),
            "ODbL 1.0",
            "https://opendatacommons.org/licenses/odbl/1-0/",
        ),
    )
}
DEFAULT_LICENCE = "cc-by-sa-4.0"


class LicenceChoice(models.TextChoices):
    CC_BY_SA = "cc-by-sa-4.0", "CC BY-SA 4.0"
    CC_BY = "cc-by-4.0", "CC BY 4.0"
    CC0 = "cc0-1.0", "CC0 1.0"
    ETALAB = "etalab-2.0", "Licence Ouverte / Etalab 2.0"
    ODBL = "odbl-1.0", "ODbL 1.0"


class ResourceLanguage(models.TextChoices):
    """The language a resource is written in (not the page's locale)."""

    FR = "fr", _("français")
    EN = "en", _("anglais")
    ES = "es", _("espagnol")
    DE = "de", _("allemand")
    IT = "it", _("italien")
    OC = "oc", _("occitan")
    BR = "br", _("breton")
    OTHER = "mul", _("plusieurs langues")
