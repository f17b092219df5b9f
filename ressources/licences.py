"""The open licences a resource can carry (charter n°3: CC BY-SA 4.0 FR by default).

`LICENCES` is the one table: the model field's choices, the library's facet, the resource
page and its cards all read it.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Licence:
    code: str
    name: str  # translated
    short_name: str  # the licence's own abbreviation, the same in every language
    url: str
    url_language: str = "fr"  # the language of the page at `url` (its link's hreflang)
    # The licence's page in other languages, as (language, url): visitors are sent to the
    # one in their language when it exists. Data and exports keep `url`.
    other_urls: tuple = ()

    @property
    def page(self):
        """(url, its language) of the licence's page for the active language."""
        language = (get_language() or self.url_language).split("-")[0]
        return next(
            ((url, code) for code, url in self.other_urls if code == language),
            (self.url, self.url_language),
        )

    @property
    def page_url(self):
        return self.page[0]

    @property
    def page_language(self):
        return self.page[1]

    @property
    def label(self):
        """« CC BY 4.0 — Creative Commons Attribution 4.0 »: what editors choose from."""
        return format_lazy("{} — {}", self.short_name, self.name)


LICENCES = {
    licence.code: licence
    for licence in (
        Licence(
            "cc-by-sa-4.0",
            _("Creative Commons Attribution – Partage dans les mêmes conditions 4.0"),
            "CC BY-SA 4.0",
            "https://creativecommons.org/licenses/by-sa/4.0/deed.fr",
            other_urls=(("en", "https://creativecommons.org/licenses/by-sa/4.0/deed.en"),),
        ),
        Licence(
            "cc-by-4.0",
            _("Creative Commons Attribution 4.0"),
            "CC BY 4.0",
            "https://creativecommons.org/licenses/by/4.0/deed.fr",
            other_urls=(("en", "https://creativecommons.org/licenses/by/4.0/deed.en"),),
        ),
        Licence(
            "cc0-1.0",
            _("Creative Commons Zéro 1.0 (domaine public)"),
            "CC0 1.0",
            "https://creativecommons.org/publicdomain/zero/1.0/deed.fr",
            other_urls=(("en", "https://creativecommons.org/publicdomain/zero/1.0/deed.en"),),
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
            url_language="en",
        ),
    )
}
DEFAULT_LICENCE = "cc-by-sa-4.0"
LICENCE_CHOICES = [(licence.code, licence.label) for licence in LICENCES.values()]


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
