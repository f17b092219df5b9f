"""Charter engagement n°2, speaker diversity: no all-male panel.

The rule reads the self-declared genders (`GenderDeclaration`, kept apart from speakers and
erased twelve months after the edition) of the people on stage in a session:

- two or more people, all declared « homme »: the session cannot be published;
- two or more people, none declared other than « homme » and some undeclared: it needs a
  moderator's attestation (`ParityAttestation`) for this very line-up;
- otherwise it may be published.

`SessionPage.save()` applies it on every path that publishes (nec_cms.publishing), and the
session's form applies it in the edit view so that nothing typed is lost. This module holds
the rule itself; what reads the answers from the database lives beside the models
(editions.models: `parity_verdict`, `edition_share`).
"""

import hashlib
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from editions.choices import GenderAnswer

REFUSED_MESSAGE = _(
    "Cette session ne peut pas être publiée : toutes les personnes sur scène sont des hommes. "
    "L’engagement n°2 de la charte Numérique en Commun[s] exclut les panels exclusivement "
    "masculins. Ajoutez une intervenante ou une personne d’une autre identité de genre."
)
ATTESTATION_MESSAGE = _(
    "Cette session ne peut pas encore être publiée : aucune personne sur scène n’a déclaré "
    "un genre autre que « homme » et certaines n’ont rien déclaré. L’engagement n°2 de la "
    "charte demande qu’une modératrice ou un modérateur atteste la diversité de ce panel "
    "(bouton « Attester la diversité » de la session)."
)

OK = "ok"
REFUSED = "refused"
NEEDS_ATTESTATION = "needs_attestation"


@dataclass(frozen=True)
class Verdict:
    status: str
    people: int
    attested: bool = False

    @property
    def publishable(self):
        return self.status == OK or (self.status == NEEDS_ATTESTATION and self.attested)

    @property
    def message(self):
        if self.status == REFUSED:
            return REFUSED_MESSAGE
        if self.status == NEEDS_ATTESTATION and not self.attested:
            return ATTESTATION_MESSAGE
        return ""


def judge(answers):
    """The rule on the answers of the people on stage (one per person, "" if undeclared)."""
    if len(answers) < 2:
        return OK
    if all(answer == GenderAnswer.MAN for answer in answers):
        return REFUSED
    declared_other = any(answer in (GenderAnswer.WOMAN, GenderAnswer.OTHER) for answer in answers)
    if not declared_other:
        return NEEDS_ATTESTATION
    return OK


def lineup_key(speaker_keys):
    """One fingerprint per set of people: an attestation holds for this line-up only."""
    joined = ",".join(sorted(str(key) for key in set(speaker_keys)))
    return hashlib.sha256(joined.encode()).hexdigest()


@dataclass(frozen=True)
class Share:
    """Women among the people who declared, and the share of people who did not."""

    women: int
    men: int
    other: int
    not_declared: int

    MIN_DECLARED = 10

    @property
    def declared(self):
        return self.women + self.men + self.other

    @property
    def people(self):
        return self.declared + self.not_declared

    @property
    def shown(self):
        """Figures are shown only when enough people declared that nobody is singled out."""
        return self.declared >= self.MIN_DECLARED

    @property
    def women_percent(self):
        return round(100 * self.women / self.declared) if self.declared else 0

    @property
    def not_declared_percent(self):
        return round(100 * self.not_declared / self.people) if self.people else 0
