"""Passwords that French speakers choose first, refused as Django refuses English ones.

Django's CommonPasswordValidator knows 20 000 passwords, mostly English: « motdepasse123 »
or « Azerty123456 » pass it. This validator compares what is left of a password once
lower-cased, stripped of accents, and rid of the digits and signs people add at either
end, with the words of french_passwords.txt (the most frequent French bases in published
password leaks: keyboard rows, « motdepasse », first names, places, endearments, clubs)."""

import re
import unicodedata
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

FRENCH_BASES = frozenset(
    word
    for line in (Path(__file__).parent / "french_passwords.txt").read_text().splitlines()
    if not line.startswith("#")
    for word in line.split()
)
EDGES = re.compile(r"^[\W\d_]+|[\W\d_]+$")


def base_of(password):
    """« Azerty123456! » → « azerty »: lower case, no accents, no digits or signs at the ends."""
    plain = unicodedata.normalize("NFKD", password).encode("ascii", "ignore").decode()
    return EDGES.sub("", plain.lower())


class FrenchCommonPasswordValidator:
    def validate(self, password, user=None):
        base = base_of(password)
        if base in FRENCH_BASES:
            raise ValidationError(
                _("Ce mot de passe est trop courant : ajoutez des mots que l’on ne devine pas."),
                code="password_too_common",
            )

    def get_help_text(self):
        return _("Votre mot de passe ne peut pas être un mot de passe courant en français.")
