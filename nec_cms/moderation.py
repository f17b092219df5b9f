"""The review workflow « Relecture avant publication », as moderators see it.

Wagtail's workflow action view (the « Approuver » and « Demander des modifications »
buttons of the dashboard's « En attente de votre vérification » panel) acts and then returns
to the dashboard without a word. This view does the same and then says what happened.
"""

from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from wagtail.admin import messages
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.pages.workflow import WorkflowAction
from wagtail.models import TaskState


class WorkflowActionWithMessage(WorkflowAction):
    def post(self, request, *args, **kwargs):
        status_before = self.task_state.status
        response = super().post(request, *args, **kwargs)
        self.task_state.refresh_from_db()
        if self.task_state.status != status_before:
            self.say_what_happened()
        return response

    def say_what_happened(self):
        page = self.object.specific_deferred
        page.refresh_from_db()
        title = page.get_admin_display_title()
        if self.task_state.status == TaskState.STATUS_REJECTED:
            messages.warning(
                self.request,
                _(
                    "Des modifications ont été demandées pour la page « %(title)s » : elle "
                    "revient à la personne qui l’a soumise."
                )
                % {"title": title},
            )
        elif self.task_state.status == TaskState.STATUS_APPROVED:
            if page.workflow_in_progress:
                text = _(
                    "La page « %(title)s » a été approuvée ; elle passe à l’étape suivante "
                    "de la relecture."
                )
            elif page.live and not page.has_unpublished_changes:
                text = _("La page « %(title)s » a été approuvée et publiée.")
            else:
                text = _("La page « %(title)s » a été approuvée.")
            buttons = []
            if page.live and page.url:
                buttons.append(messages.button(page.url, _("Voir la page en ligne"), True))
            messages.success(self.request, text % {"title": title}, buttons=buttons)


# Served at Wagtail's own address for the action (nec_cms/urls.py, before the admin's URLs),
# with the admin's access check and caching rules.
workflow_action = require_admin_access(never_cache(WorkflowActionWithMessage.as_view()))
WORKFLOW_ACTION_ROUTE = (
    "pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/"
)
