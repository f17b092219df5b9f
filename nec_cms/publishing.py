"""Rules that refuse a publication, whichever path publishes.

Wagtail publishes from many places: the edit view, workflow approval (from the edit view
and from the dashboard), bulk actions, `publish_scheduled`, wagtail-localize's editor, and
`revision.publish()` in code. All of them end in the page's `save()` with `live` set and
the published revision as `live_revision` (`PublishRevisionAction._publish_revision`). A
page type that must refuse some publications checks `is_going_live(self)` in `save()` and
raises `PublishRefused`: no path can go round it.

`PublishRefusedMiddleware` turns the refusal into an error message on the admin page the
person came from, and rolls back what the request wrote before it (a workflow task marked
approved, a bulk action's earlier pages), so that nothing is half done.
"""

from django.conf import settings
from django.db import transaction
from django.http import HttpResponseRedirect, JsonResponse
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail.admin import messages


class PublishRefused(Exception):
    """A publication a rule refuses; its message says which rule and what to do.

    Not a ValidationError: callers that catch those (wagtail-localize's editor offers to
    « publish again to ignore » them) must not swallow a refusal."""

    def __init__(self, message, page=None):
        super().__init__(str(message))
        self.messages = [str(message)]
        self.page = page


def is_going_live(page):
    """Whether saving `page` now makes a new revision public: it is live and either new,
    not live until now, or showing another revision than the one stored."""
    if not page.live:
        return False
    if page.pk is None:
        return True
    stored = type(page).objects.filter(pk=page.pk).values_list("live", "live_revision_id")
    stored = stored.first()
    return stored is None or not stored[0] or stored[1] != page.live_revision_id


class PublishRefusedMiddleware:
    """Admin requests run in one transaction, so that a refused publication leaves nothing
    half written; the refusal becomes a message where the person was."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.NEC_ADMIN_PATH

    def __call__(self, request):
        if not request.path.startswith(self.admin_prefix) or request.method != "POST":
            return self.get_response(request)
        try:
            with transaction.atomic():
                return self.get_response(request)
        except PublishRefused as refusal:
            # Raised at commit: wagtail-localize publishes a translation in an on_commit
            # callback, once its draft is saved (and kept).
            return self.refused(request, refusal)

    def process_exception(self, request, exception):
        if not isinstance(exception, PublishRefused):
            return None
        if not request.path.startswith(self.admin_prefix):
            return None
        transaction.set_rollback(True)
        return self.refused(request, exception)

    def refused(self, request, exception):
        for message in exception.messages:
            messages.error(request, message)
        back = request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            back = self.admin_prefix
        if request.headers.get("Accept", "").startswith("application/json") or (
            request.headers.get("X-Requested-With") == "XMLHttpRequest"
        ):
            # Wagtail's modals post with fetch and follow a « redirect » they are given.
            return JsonResponse({"step": "success", "redirect": back})
        return HttpResponseRedirect(back)
