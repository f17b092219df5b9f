"""The translators' admin: « État des traductions » (every French source and its state in
a target language, see home.translation_work), and the « Traduire » and « Synchroniser »
actions it offers, each a confirmation page that leads to wagtail-localize's translation
editor. Translators need no right on the French tree: the wagtail-localize right and the
right to write in the target language (checked here, as for snippets in nec_cms.snippets).
"""

import contextlib

import django_filters
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, Page
from wagtail_localize.models import SourceDeletedError, Translation
from wagtail_localize.operations import TranslationCreator
from wagtail_localize.views.submit_translations import SubmitPageTranslationView
from wagtail_localize.views.update_translations import UpdateTranslationsView

from home.translation_work import (
    SUBMIT_PERMISSION,
    TO_DO,
    TO_DO_STATES,
    State,
    editor_url,
    may_edit_translation,
    may_publish_translation,
    may_translate_into,
    translatable_snippet_models,
    translated_parent,
    work_items,
    work_rows,
)

PAGES = "pages"


def target_locales():
    return Locale.objects.exclude(pk=Locale.get_default().pk).order_by("language_code")


def kind_choices():
    choices = [(PAGES, gettext("Pages"))]
    for model in translatable_snippet_models():
        choices.append((model._meta.label_lower, model._meta.verbose_name_plural.capitalize()))
    return choices


class TranslationWorkFilterSet(WagtailFilterSet):
    """The filters of the list. They choose what work_rows() builds: the rows are a UNION,
    which the database filters part by part (see TranslationStatusReportView.get_queryset)."""

    langue = django_filters.ChoiceFilter(label=_("Traduction en"), empty_label=None)
    etat = django_filters.ChoiceFilter(label=_("État"), empty_label=_("Tous les états"))
    type = django_filters.ChoiceFilter(label=_("Contenu"), empty_label=_("Tous les contenus"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["langue"].extra["choices"] = [
            (locale.language_code, locale.get_display_name()) for locale in target_locales()
        ]
        self.filters["etat"].extra["choices"] = [
            (TO_DO, gettext("À faire (non traduit, en cours, source modifiée)")),
            *State.choices,
        ]
        self.filters["type"].extra["choices"] = kind_choices()

    def filter_queryset(self, queryset):
        return queryset


class ActionsColumn(Column):
    cell_template_name = "home/admin/translation_actions_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["item"] = instance
        return context


class TranslationStatusReportView(ReportView):
    page_title = _("État des traductions")
    header_icon = "globe"
    index_url_name = "translation_status"
    index_results_url_name = "translation_status_results"
    filterset_class = TranslationWorkFilterSet
    no_results_message = _("Rien à traduire ici : tout est à jour.")
    columns = [
        TitleColumn(
            "title", label=_("Contenu source"), accessor="title", get_url=lambda i: i.editor_url
        ),
        Column("type", label=_("Type"), accessor="type_name"),
        Column("locale", label=_("Langue"), accessor=lambda item: item.locale.get_display_name()),
        Column("state", label=_("État"), accessor="state_label"),
        ActionsColumn("actions", label=_("Actions")),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(SUBMIT_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "queryset": Page.objects.none()}

    def get_queryset(self):
        data = self.filters.form.cleaned_data if self.filters.is_valid() else {}
        locales = target_locales()
        self.target_locale = locales.filter(language_code=data.get("langue")).first()
        self.target_locale = self.target_locale or locales.first()
        state = data.get("etat")
        states = TO_DO_STATES if state == TO_DO else [state] if state else None
        kind = data.get("type")
        kinds = None
        if kind == PAGES:
            kinds = [Page]
        elif kind:
            kinds = [m for m in translatable_snippet_models() if m._meta.label_lower == kind]
        if self.target_locale is None:  # one language only: nothing to translate into
            return Page.objects.none()
        return work_rows(Locale.get_default(), self.target_locale, states=states, kinds=kinds)

    def paginate_queryset(self, queryset, page_size):
        """The rows of the page shown become WorkItems before the table is built."""
        paginator, page, rows, is_paginated = super().paginate_queryset(queryset, page_size)
        items = []
        if self.target_locale is not None:
            items = work_items(list(rows), self.target_locale, self.request.user)
        page.object_list = items
        return paginator, page, items, is_paginated


def list_url():
    return reverse("translation_status") + f"?etat={TO_DO}"


class ConfirmationView(WagtailAdminTemplateMixin, TemplateView):
    """GET shows what will happen; POST does it (perform()) and opens the editor."""

    template_name = "home/admin/translation_confirm.html"
    header_icon = "globe"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(SUBMIT_PERMISSION):
            raise PermissionDenied
        refusal = self.refusal()
        if refusal:
            messages.error(request, refusal)
            return redirect(list_url())
        return super().dispatch(request, *args, **kwargs)

    def refusal(self):
        """Why the user may not do it (a French sentence), else ""."""
        return ""

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": list_url(), "label": TranslationStatusReportView.page_title},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            explanation=self.explanation, submit_label=self.submit_label, back_url=list_url()
        )

    def post(self, request, *args, **kwargs):
        return self.perform()


def translation_refusal(user, instance, locale):
    """Why `user` may not start the translation of `instance` into `locale` (a French
    sentence), else "". A page goes under the translation of its parent: wagtail-localize
    would otherwise publish a copy of the French parent (an alias) in that language."""
    parent = None
    if isinstance(instance, Page):
        parent = translated_parent(instance, locale)
        if parent is None:
            return gettext(
                "Traduisez d’abord la page parente « %(parent)s » en %(language)s : la "
                "traduction de « %(title)s » se range sous elle."
            ) % {
                "parent": instance.get_parent().title,
                "language": locale.get_display_name(),
                "title": instance.title,
            }
    if not may_translate_into(user, instance, locale, parent):
        return gettext("Vous n’avez pas le droit de créer des contenus en %(language)s.") % {
            "language": locale.get_display_name()
        }
    return ""


def source_or_404(content_type_id, object_id):
    """A live French page (the root excepted) or a French translatable snippet."""
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
    except ContentType.DoesNotExist:
        raise Http404 from None
    if model is None or not (issubclass(model, Page) or model in translatable_snippet_models()):
        raise Http404
    try:
        pk = model._meta.pk.to_python(unquote(object_id))
    except ValidationError:
        raise Http404 from None
    default = Locale.get_default()
    if issubclass(model, Page):
        pages = Page.objects.live().filter(depth__gt=1, locale=default)
        return get_object_or_404(pages, pk=pk).specific
    return get_object_or_404(model, pk=pk, locale=default)


class StartTranslationView(ConfirmationView):
    """« Traduire »: creates the translation as an unpublished draft (wagtail-localize's
    TranslationCreator; see WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE)."""

    submit_label = _("Traduire")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.source = source_or_404(kwargs["content_type_id"], kwargs["object_id"])
        self.locale = get_object_or_404(
            Locale.objects.exclude(pk=self.source.locale_id), language_code=kwargs["language_code"]
        )
        self.language = self.locale.get_display_name()
        self.existing = self.source.get_translation_or_none(self.locale)
        if isinstance(self.existing, Page) and self.existing.alias_of_id:
            self.existing = None  # an alias is converted into the translation

    @property
    def title(self):
        if isinstance(self.source, Page):
            return self.source.get_admin_display_title()
        return str(self.source)

    def get_page_title(self):
        return gettext("Traduire « %(title)s » en %(language)s") % {
            "title": self.title,
            "language": self.language,
        }

    @property
    def explanation(self):
        return gettext(
            "Une version en %(language)s est créée, non publiée : les visiteurs ne la verront "
            "qu’une fois que vous l’aurez publiée depuis l’éditeur de traduction, qui s’ouvre "
            "ensuite. Le contenu en français ne change pas."
        ) % {"language": self.language}

    def refusal(self):
        if self.existing is not None:
            return ""  # perform() opens it
        return translation_refusal(self.request.user, self.source, self.locale)

    def get(self, request, *args, **kwargs):
        if self.existing is not None:
            return self.perform()
        return super().get(request, *args, **kwargs)

    def perform(self):
        if self.existing is None:
            with transaction.atomic():
                TranslationCreator(self.request.user, [self.locale]).create_translations(
                    self.source
                )
            self.existing = self.source.get_translation_or_none(self.locale)
            if self.existing is None:
                messages.error(
                    self.request,
                    gettext("La traduction de « %(title)s » n’a pas pu être créée.")
                    % {"title": self.title},
                )
                return redirect(list_url())
            messages.success(
                self.request,
                gettext(
                    "« %(title)s » : la version en %(language)s est créée, non publiée. "
                    "Traduisez-la ici, puis publiez-la."
                )
                % {"title": self.title, "language": self.language},
            )
        if not may_edit_translation(self.request.user, self.existing):
            return redirect(list_url())
        return redirect(editor_url(self.existing))


class SyncTranslationView(ConfirmationView):
    """« Synchroniser »: brings the source's current content into the translation (new
    sentences to translate; those already translated are kept). Nothing is published."""

    submit_label = _("Synchroniser")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.translation = get_object_or_404(
            Translation.objects.select_related("source", "target_locale"),
            pk=kwargs["translation_id"],
            enabled=True,
        )
        try:
            self.target = self.translation.get_target_instance()
        except ObjectDoesNotExist:
            raise Http404 from None
        self.language = self.translation.target_locale.get_display_name()

    def get_page_title(self):
        return gettext("Synchroniser la traduction de « %(title)s »") % {
            "title": self.translation.source.object_repr
        }

    @property
    def explanation(self):
        return gettext(
            "Le contenu source a changé depuis la dernière synchronisation (%(date)s). "
            "Synchroniser ajoute ses nouvelles phrases à traduire et garde toutes celles déjà "
            "traduites. Rien n’est publié : la version en %(language)s en ligne ne change "
            "qu’à votre prochaine publication."
        ) % {
            "date": date_format(localtime(self.translation.source.last_updated_at)),
            "language": self.language,
        }

    def refusal(self):
        if may_edit_translation(self.request.user, self.target):
            return ""
        return gettext("Vous n’avez pas le droit de modifier les contenus en %(language)s.") % {
            "language": self.language
        }

    def perform(self):
        source = self.translation.source
        try:
            # The new segments and the view restrictions land together, or not at all.
            with transaction.atomic():
                source.update_from_db()
                with contextlib.suppress(ValidationError):
                    source.update_target_view_restrictions(self.translation.target_locale)
        except (SourceDeletedError, ObjectDoesNotExist):
            messages.error(self.request, gettext("Le contenu source a été supprimé."))
            return redirect(list_url())
        messages.success(
            self.request,
            gettext(
                "Synchronisé : les nouvelles phrases attendent leur traduction, les autres "
                "sont gardées. Publiez quand vous avez fini."
            ),
        )
        return redirect(editor_url(self.target))


class GuardedUpdateTranslationsView(UpdateTranslationsView):
    """wagtail-localize's « Synchroniser les pages traduites » (menu of the source), whose
    « Publier immédiatement » publishes every translation of the source with only the
    translation right checked: an Éditeur could publish without review, and a translation
    nobody has published yet would go public half-translated. Here that option is refused
    unless the user may publish every translation and each is already live."""

    def form_valid(self, form):
        if form.cleaned_data["publish_translations"]:
            refusal = self.publish_refusal()
            if refusal:
                messages.error(self.request, refusal)
                return self.render_to_response(self.get_context_data())
        return super().form_valid(form)

    def publish_refusal(self):
        for translation in self.object.translations.filter(enabled=True).select_related(
            "target_locale"
        ):
            try:
                target = translation.get_target_instance()
            except ObjectDoesNotExist:
                continue
            if not may_publish_translation(self.request.user, target):
                return gettext(
                    "Vous n’avez pas le droit de publier la version en %(language)s : "
                    "synchronisez sans cocher « Publier immédiatement »."
                ) % {"language": translation.target_locale.get_display_name()}
            if not getattr(target, "live", True):
                return gettext(
                    "La version en %(language)s est une traduction que personne n’a encore "
                    "publiée : synchronisez sans cocher « Publier immédiatement », puis "
                    "publiez-la depuis l’éditeur de traduction une fois traduite."
                ) % {"language": translation.target_locale.get_display_name()}
        return ""


class GuardedSubmitPageTranslationView(SubmitPageTranslationView):
    """wagtail-localize's « Traduire cette page » (menu of the French page). Upstream, a
    page whose parent is not translated is placed under a copy of that parent, an alias,
    published at once with the French content (and republished with every change of the
    French parent). Here the parent must be translated first, and the user must be allowed
    to create pages where the translation goes."""

    def form_valid(self, form):
        for locale in form.cleaned_data["locales"]:
            refusal = translation_refusal(self.request.user, self.object, locale)
            if refusal:
                messages.error(self.request, refusal)
                return self.render_to_response(self.get_context_data())
        return super().form_valid(form)
