"""The last page-weight measurement of each public page, for the editors' report."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from quality import budgets


class PageMeasurement(models.Model):
    """What a first visit to a page costs: written by ``manage.py measure_pages`` so that
    editors see which pages grow heavy (large images, long listings) before visitors on old
    phones and slow connections do. One row per page: only the last measurement matters."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("page"),
    )
    url = models.CharField(_("adresse"), max_length=2000)
    measured_at = models.DateTimeField(_("mesurée le"))
    html_bytes = models.PositiveIntegerField(
        _("poids du HTML"), help_text=_("En octets, compressé comme le serveur l’envoie.")
    )
    transfer_bytes = models.PositiveIntegerField(
        _("poids total"),
        help_text=_("En octets, compressés : HTML, feuilles de style, scripts, images."),
    )
    requests = models.PositiveIntegerField(_("requêtes"))
    dom_elements = models.PositiveIntegerField(_("éléments HTML"))
    ecoindex_score = models.PositiveSmallIntegerField(_("score EcoIndex"))
    ecoindex_grade = models.CharField(_("note EcoIndex"), max_length=1)

    class Meta:
        verbose_name = _("mesure de page")
        verbose_name_plural = _("mesures de pages")
        ordering = ["ecoindex_score", "-transfer_bytes"]

    def __str__(self):
        return f"{self.url} — EcoIndex {self.ecoindex_score} ({self.ecoindex_grade})"

    @property
    def weight_kb(self):
        return round(self.transfer_bytes / 1000, 1)

    @property
    def budget_problems(self):
        return budgets.over_budget(
            requests=self.requests,
            transfer_bytes=self.transfer_bytes,
            dom_elements=self.dom_elements,
            score=self.ecoindex_score,
        )

    @property
    def within_budget(self):
        return not self.budget_problems
