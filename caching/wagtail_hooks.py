"""Tell editors when the HTTP cache has not forgotten their changes yet.

A change is committed even when its purge fails (caching.purge keeps it pending and retries
it every minute): the editor who just published is warned at once, and the dashboard says
so to everyone while any purge is pending.
"""

from django.contrib import messages
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from caching.purge import failed_purges

STALE_WARNING = _(
    "Modification enregistrée, mais le cache du site n’a pas pu être vidé : des visiteurs "
    "voient peut-être encore l’ancienne version. Un nouvel essai est fait chaque minute ; "
    "le tableau de bord indique quand c’est réglé."
)

# Every admin action that changes what visitors see and that Wagtail follows with a hook.
AFTER_VISIBLE_CHANGE = (
    "after_create_page",
    "after_publish_page",
    "after_unpublish_page",
    "after_move_page",
    "after_delete_page",
    "after_copy_page",
    "after_create_snippet",
    "after_edit_snippet",
    "after_delete_snippet",
    "after_publish",
    "after_unpublish",
    "after_edit_setting",
)


def warn_if_purge_failed(request, *args, **kwargs):
    """Runs once the change is committed and its purge has been tried (autocommit: Wagtail's
    views call these hooks outside their transaction)."""
    if getattr(request, "_nec_purge_warned", False) or not failed_purges().exists():
        return
    request._nec_purge_warned = True
    messages.warning(request, STALE_WARNING)


for hook_name in AFTER_VISIBLE_CHANGE:
    hooks.register(hook_name, warn_if_purge_failed)


class PendingPurgesPanel(Component):
    """On the dashboard, above everything else, while a purge is pending."""

    name = "pending_purges"
    template_name = "caching/pending_purges_panel.html"
    order = 10

    def __init__(self, purges):
        self.purges = purges

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        first = self.purges.order_by("requested_at").first()
        last_error = ""
        if request.user.is_superuser:
            last_error = self.purges.order_by("-pk").values_list("last_error", flat=True).first()
        return {
            "count": self.purges.count(),
            "since": first.requested_at if first else None,
            "last_error": last_error,
        }


@hooks.register("construct_homepage_panels")
def add_pending_purges_panel(request, panels):
    purges = failed_purges()
    if purges.exists():
        panels.append(PendingPurgesPanel(purges))
