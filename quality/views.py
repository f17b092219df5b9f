"""« Poids des pages »: the admin report of the last measurement of each public page."""

import datetime

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permissions import page_permission_policy

from nec_cms.reports import EDITOR_PERMISSIONS
from quality.models import PageMeasurement


def budget_summary(measurement):
    problems = measurement.budget_problems
    return gettext("Respecté") if not problems else "; ".join(problems)


class PageWeightReportView(ReportView):
    page_title = _("Poids des pages")
    header_icon = "pick"
    index_url_name = "quality_page_weight"
    index_results_url_name = "quality_page_weight_results"
    permission_policy = page_permission_policy
    any_permission_required = EDITOR_PERMISSIONS
    default_ordering = "ecoindex_score"  # the pages that need attention first
    columns = [
        TitleColumn(
            "page",
            label=_("Page"),
            accessor="page.title",
            get_url=lambda measurement: reverse(
                "wagtailadmin_pages:edit", args=[measurement.page_id]
            ),
        ),
        Column("url", label=_("Adresse")),
        NumberColumn("weight_kb", label=_("Poids (Ko)"), sort_key="transfer_bytes"),
        NumberColumn("requests", label=_("Requêtes"), sort_key="requests"),
        NumberColumn("dom_elements", label=_("Éléments HTML"), sort_key="dom_elements"),
        NumberColumn("ecoindex_score", label=_("Score EcoIndex"), sort_key="ecoindex_score"),
        Column("ecoindex_grade", label=_("Note")),
        Column("budget", label=_("Budget"), accessor=budget_summary),
        DateColumn("measured_at", label=_("Mesurée le"), sort_key="measured_at"),
    ]
    list_export = [
        "page.title",
        "url",
        "weight_kb",
        "requests",
        "dom_elements",
        "ecoindex_score",
        "ecoindex_grade",
        "measured_at",
    ]
    export_headings = {
        "page.title": _("Page"),
        "url": _("Adresse"),
        "weight_kb": _("Poids (Ko)"),
        "requests": _("Requêtes"),
        "dom_elements": _("Éléments HTML"),
        "ecoindex_score": _("Score EcoIndex"),
        "ecoindex_grade": _("Note"),
        "measured_at": _("Mesurée le"),
    }

    def get_queryset(self):
        self.queryset = PageMeasurement.objects.select_related("page")
        return super().get_queryset()

    def get_filename(self):
        return f"poids-des-pages-{datetime.date.today().isoformat()}"

    @cached_property
    def no_results_message(self):
        return _(
            "Aucune page n’a encore été mesurée. Chaque page est mesurée peu après sa "
            "publication : publiez une page, puis revenez ici."
        )
