"""The parity verdict shown in a session's form (editions.parity)."""

from django.urls import reverse
from wagtail.admin.panels import Panel

from nec_cms.roles import is_moderator

ATTEST_URL_NAME = "editions_attest_parity"


def session_draft(page):
    """The session as its latest revision says: what publishing would make public."""
    return page.get_latest_revision_as_object() if page.pk else page


class ParityPanel(Panel):
    """The parity verdict of the session's latest saved version, in its form: editors know
    before publishing, moderators get the button to attest."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "editions/admin/parity_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            context["saved"] = bool(page.pk)
            if page.pk:
                draft = session_draft(page)
                verdict = draft.parity_verdict()
                context.update(
                    verdict=verdict,
                    # Shown only for an attested line-up: otherwise no query for it.
                    attestation=draft.parity_attestation() if verdict.attested else None,
                    may_attest=is_moderator(self.request.user),
                    attest_url=reverse(ATTEST_URL_NAME, args=[page.pk]),
                )
            return context
