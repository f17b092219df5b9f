"""Registering an admin report (« Rapports » menu) for page editors, in one call."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import page_permission_policy

EDITOR_PERMISSIONS = ["add", "change", "publish"]


class EditorReportMenuItem(MenuItem):
    """Shown to anyone who can add, change or publish some page (translators included)."""

    def is_shown(self, request):
        return page_permission_policy.user_has_any_permission(request.user, EDITOR_PERMISSIONS)


def register_report(view_class, *, url_path, name, label, icon, order):
    """Admin URLs (page and results) and a « Rapports » menu entry for a ReportView whose
    `index_url_name` is `name` and `index_results_url_name` is `name + "_results"`."""

    @hooks.register("register_admin_urls")
    def urls():
        return [
            path(f"reports/{url_path}/", view_class.as_view(), name=name),
            path(
                f"reports/{url_path}/resultats/",
                view_class.as_view(results_only=True),
                name=f"{name}_results",
            ),
        ]

    @hooks.register("register_reports_menu_item")
    def menu_item():
        return EditorReportMenuItem(label, reverse(name), name=name, icon_name=icon, order=order)
