"""The admin as the NEC team meets it: a welcome panel with what each person can do, the
team's French guide in place of Wagtail's English one, snippets written per language, and
the translation editor in French."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.models import Page

from nec_cms.guide import GuidePageView, guide_image
from nec_cms.models import KeyPages
from nec_cms.snippet_views import refuse_bulk_writes
from nec_cms.upstream_fixes import translation_editor_script

hooks.register("before_bulk_action", refuse_bulk_writes)
hooks.register("insert_editor_js", translation_editor_script)

# Wagtail's help menu entries that lead to its English guide and release notes.
WAGTAIL_HELP_ITEMS = ("editor-guide", "whats-new-in-wagtail-")


@hooks.register("register_admin_urls")
def guide_urls():
    return [
        path("guide/", GuidePageView.as_view(), name="nec_guide"),
        path("guide/<slug:name>/", GuidePageView.as_view(), name="nec_guide_page"),
        path("guide/images/<str:name>", guide_image, name="nec_guide_image"),
    ]


@hooks.register("register_help_menu_item")
def guide_menu_item():
    return MenuItem(_("Guide de l’équipe NEC"), reverse("nec_guide"), icon_name="help", order=900)


@hooks.register("construct_help_menu")
def hide_wagtail_english_guide(request, items):
    items[:] = [item for item in items if not item.name.startswith(WAGTAIL_HELP_ITEMS)]


class WelcomePanel(Component):
    """What this person can start from the dashboard, and where the guide is."""

    name = "nec_welcome"
    template_name = "nec_cms/admin/welcome_panel.html"
    order = 50

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        user = self.request.user
        library = KeyPages.for_request(self.request).library_page
        can_add_resource = bool(
            library is not None and library.permissions_for_user(user).can_add_subpage()
        )
        home = Page.objects.filter(depth=2).order_by("path").first()
        return {
            "first_name": user.first_name or user.get_username(),
            "add_resource_url": (
                reverse("wagtailadmin_pages:add_subpage", args=[library.pk])
                if can_add_resource
                else ""
            ),
            "explorer_url": reverse("wagtailadmin_explore", args=[home.pk]) if home else "",
            "guide_url": reverse("nec_guide"),
        }


@hooks.register("construct_homepage_panels")
def welcome_panel(request, panels):
    panels.append(WelcomePanel(request))
