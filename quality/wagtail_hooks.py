from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import page_permission_policy

from quality.views import PageWeightReportView


class PageWeightMenuItem(MenuItem):
    def is_shown(self, request):
        return page_permission_policy.user_has_any_permission(
            request.user, ["add", "change", "publish"]
        )


@hooks.register("register_admin_urls")
def register_page_weight_report_urls():
    return [
        path(
            "reports/poids-des-pages/",
            PageWeightReportView.as_view(),
            name="quality_page_weight",
        ),
        path(
            "reports/poids-des-pages/resultats/",
            PageWeightReportView.as_view(results_only=True),
            name="quality_page_weight_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_page_weight_report_menu_item():
    return PageWeightMenuItem(
        _("Poids des pages"),
        reverse("quality_page_weight"),
        name="page-weight",
        icon_name="pick",
        order=1300,
    )
