from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.models import TranslatableMixin

from home.translation_status import (
    GuardedSubmitPageTranslationView,
    GuardedUpdateTranslationsView,
    StartTranslationView,
    SyncTranslationView,
    TranslationStatusReportView,
    list_url,
)
from home.translation_work import SUBMIT_PERMISSION, out_of_date_translation
from nec_cms.reports import register_report

register_report(
    TranslationStatusReportView,
    url_path="etat-des-traductions",
    name="translation_status",
    label=_("État des traductions"),
    icon="globe",
    order=1250,
)


# order=-1: before wagtail-localize's own URLs, so that the addresses of its submit and sync
# views (« Traduire cette page », « Synchroniser les pages traduites ») lead to the guarded ones.
@hooks.register("register_admin_urls", order=-1)
def translation_action_urls():
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            GuardedSubmitPageTranslationView.as_view(),
            name="translation_submit_page_guarded",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            GuardedUpdateTranslationsView.as_view(),
            name="translation_update_guarded",
        ),
        path(
            "traductions/traduire/<int:content_type_id>/<str:object_id>/<str:language_code>/",
            StartTranslationView.as_view(),
            name="translation_start",
        ),
        path(
            "traductions/synchroniser/<int:translation_id>/",
            SyncTranslationView.as_view(),
            name="translation_sync",
        ),
    ]


class TranslatorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(SUBMIT_PERMISSION)


@hooks.register("register_admin_menu_item")
def to_translate_menu_item():
    return TranslatorMenuItem(
        _("À traduire"), list_url(), name="a-traduire", icon_name="globe", order=250
    )


def offer_sync(request, instance):
    """In the translation editor: say when the source changed, with the sync at hand."""
    if request.method != "GET":
        return
    # Runs inside the edit view, which has already refused users who may not edit.
    translation = out_of_date_translation(instance)
    if translation is None:
        return
    messages.warning(
        request,
        gettext(
            "La version en %(language)s a été modifiée depuis la dernière synchronisation : "
            "synchronisez pour traduire ses nouvelles phrases."
        )
        % {"language": translation.source.locale.get_display_name()},
        buttons=[
            messages.button(
                reverse("translation_sync", args=[translation.pk]), gettext("Synchroniser")
            )
        ],
    )


# Before wagtail-localize's own hooks, which answer with the translation editor.
@hooks.register("before_edit_page", order=-1)
def offer_sync_for_pages(request, page):
    offer_sync(request, page)


@hooks.register("before_edit_snippet", order=-1)
def offer_sync_for_snippets(request, instance):
    if isinstance(instance, TranslatableMixin):
        offer_sync(request, instance)
