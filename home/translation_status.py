"""« État des traductions »: which translations are incomplete or out of date.

wagtail-localize's own report lists translations; translators also need to know when the
French source changed since the last sync (the known pitfall: nobody notices). A page
translation is out of date when its source page was published after the last sync.
"""

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import page_permission_policy
from wagtail_localize.models import Translation

from nec_cms.reports import EDITOR_PERMISSIONS


def source_of(translation):
    try:
        return translation.source.get_source_instance()
    except Exception:  # noqa: BLE001 — a deleted source simply shows as such
        return None


def is_out_of_date(translation):
    source = source_of(translation)
    published = getattr(source, "last_published_at", None)
    return bool(published and published > translation.source.last_updated_at)


def status_label(translation):
    total, done = translation.get_progress()
    parts = []
    if is_out_of_date(translation):
        parts.append(gettext("Source modifiée : à synchroniser"))
    if done < total:
        parts.append(
            gettext("%(done)d segments traduits sur %(total)d") % {"done": done, "total": total}
        )
    return " · ".join(parts) or gettext("À jour")


def title_of(translation):
    source = source_of(translation)
    return str(source) if source is not None else gettext("(source supprimée)")


def edit_url(translation):
    target = translation.get_target_instance() if translation.source else None
    if isinstance(target, Page):
        return reverse("wagtailadmin_pages:edit", args=[target.pk])
    return ""


class TranslationStatusReportView(ReportView):
    page_title = _("État des traductions")
    header_icon = "globe"
    index_url_name = "translation_status"
    index_results_url_name = "translation_status_results"
    permission_policy = page_permission_policy
    any_permission_required = EDITOR_PERMISSIONS
    columns = [
        TitleColumn("title", label=_("Contenu"), accessor=title_of, get_url=edit_url),
        Column("type", label=_("Type"), accessor=lambda t: t.source.specific_content_type.name),
        Column("locale", label=_("Langue"), accessor=lambda t: t.target_locale.get_display_name()),
        Column("status", label=_("État"), accessor=status_label),
    ]

    def get_queryset(self):
        self.queryset = (
            Translation.objects.filter(enabled=True)
            .select_related("source", "source__specific_content_type", "target_locale")
            .order_by("source__specific_content_type", "source_id")
        )
        return super().get_queryset()
