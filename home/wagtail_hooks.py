from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import page_permission_policy

from home.translation_status import TranslationStatusReportView


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return page_permission_policy.user_has_any_permission(
            request.user, ["add", "change", "publish"]
        )


@hooks.register("register_admin_urls")
def register_translation_status_urls():
    return [
        path(
            "reports/etat-des-traductions/",
            TranslationStatusReportView.as_view(),
            name="translation_status",
        ),
        path(
            "reports/etat-des-traductions/resultats/",
            TranslationStatusReportView.as_view(results_only=True),
            name="translation_status_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return TranslationStatusMenuItem(
        _("État des traductions"),
        reverse("translation_status"),
        name="translation-status",
        icon_name="globe",
        order=1250,
    )
