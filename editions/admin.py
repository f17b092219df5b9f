"""What moderators do for the parity rule in the admin: record speakers' declarations
(kept apart from the speaker pages, so never in their revisions) and attest a session's
line-up when some people on stage did not declare their gender.

Editors see a session's verdict in its form (`ParityPanel`), never the answers."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.models import Locale
from wagtail.permission_policies.base import BasePermissionPolicy

from editions import parity
from editions.models import (
    EditionPage,
    GenderDeclaration,
    ParityAttestation,
    SessionPage,
    SpeakerPage,
    answers_erased,
)
from editions.panels import session_draft
from nec_cms.roles import MODERATORS, is_moderator


class ModeratorsOnly(BasePermissionPolicy):
    """Moderators and administrators, whatever the action: declarations are personal data."""

    def user_has_permission(self, user, action):
        return is_moderator(user)

    def user_has_any_permission(self, user, actions):
        return is_moderator(user)

    def users_with_any_permission(self, actions):
        return (
            get_user_model()
            .objects.filter(Q(is_superuser=True) | Q(groups__name=MODERATORS), is_active=True)
            .distinct()
        )


class GenderDeclarationViewSet(ModelViewSet):
    model = GenderDeclaration
    icon = "user"
    menu_label = gettext_lazy("Déclarations de genre")
    menu_order = 290
    add_to_admin_menu = True
    url_prefix = "editions/declarations"
    list_display = ["speaker", "edition", "answer", "updated_at"]
    list_filter = ["edition", "answer"]
    form_fields = ["speaker", "edition", "answer"]
    copy_view_enabled = False
    inspect_view_enabled = False

    @property
    def permission_policy(self):
        return ModeratorsOnly(self.model)

    def get_form_class(self, for_update=False):
        form_class = super().get_form_class(for_update)

        class DeclarationForm(form_class):
            """Declarations are made on the pages of the default language: translations of
            a speaker or an edition share them through their translation key."""

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                default_locale = Locale.get_default()
                self.fields["speaker"].queryset = SpeakerPage.objects.filter(
                    locale=default_locale
                ).order_by("title")
                self.fields["edition"].queryset = EditionPage.objects.filter(
                    locale=default_locale
                ).order_by("-year")
                self.fields["answer"].help_text = _(
                    "Réponse facultative, donnée par la personne elle-même. Vide : pas de "
                    "réponse. Effacée automatiquement douze mois après l’édition."
                )

            def clean(self):
                cleaned = super().clean()
                edition = cleaned.get("edition")
                if edition is not None and answers_erased(edition.translation_key):
                    self.add_error(
                        "edition",
                        _(
                            "Les réponses de cette édition ont été effacées douze mois après "
                            "elle : on n’en enregistre plus."
                        ),
                    )
                return cleaned

        return DeclarationForm


class AttestationView(WagtailAdminTemplateMixin, TemplateView):
    """GET shows the line-up to attest; POST records who attests it, and when."""

    template_name = "editions/admin/attest_parity.html"
    header_icon = "user"
    page_title = gettext_lazy("Attester la diversité d’une session")

    def dispatch(self, request, page_id):
        if not is_moderator(request.user):
            raise PermissionDenied
        self.page = get_object_or_404(SessionPage, pk=page_id)
        self.draft = session_draft(self.page)
        self.verdict = self.draft.parity_verdict()
        if self.verdict.status != parity.NEEDS_ATTESTATION or self.verdict.attested:
            messages.warning(
                request,
                _("Cette session n’a pas besoin d’une attestation de diversité."),
            )
            return redirect(self.edit_url())
        return super().dispatch(request, page_id)

    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.page.pk])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            session=self.draft,
            people=[item.speaker for item in self.draft.speakers.all() if item.speaker],
            back_url=self.edit_url(),
            **kwargs,
        )

    def post(self, request, page_id):
        user = request.user
        attestation, _created = ParityAttestation.objects.get_or_create(
            session_key=self.page.translation_key,
            lineup=parity.lineup_key(self.draft.speaker_keys()),
            defaults={
                "attested_by": user,
                "attested_by_name": user.get_full_name() or user.get_username(),
            },
        )
        log(
            instance=self.page,
            action="wagtail.edit",
            user=user,
            data={"parity_attestation": attestation.pk},
        )
        messages.success(
            request,
            _("Diversité attestée pour « %(title)s » : la session peut être publiée.")
            % {"title": self.page.title},
        )
        return redirect(self.edit_url())
