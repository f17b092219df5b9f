"""What there is to translate: every French source a translator may translate (live pages
and translatable snippets), its state in a target language, and what a user may do with it.

wagtail-localize only knows the translations already started, so a new French page shows
nowhere for a translator; it detects no change of the source either. Here rows come from
the sources themselves, in SQL (one UNION over the page tree and each snippet model), so
that filtering by state and pagination stay in the database whatever the size of the site.

A translation is out of date when its source changed after the last sync: a page published
since, a snippet saved in the admin since (its « wagtail.edit » log entry).
"""

from dataclasses import dataclass

from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat, LPad
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import ModelLogEntry, Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models
from wagtail.snippets.permissions import get_permission_name
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from nec_cms.snippets import may_write_locale

SUBMIT_PERMISSION = "wagtail_localize.submit_translation"


class State(models.TextChoices):
    MISSING = "non_traduit", _("Non traduit")
    IN_PROGRESS = "en_cours", _("En cours")
    OUTDATED = "a_synchroniser", _("Source modifiée")
    UP_TO_DATE = "a_jour", _("À jour")
    UNMANAGED = "hors_synchro", _("Traduit hors synchronisation")


TO_DO = "a_faire"  # every state that asks something of a translator
TO_DO_STATES = (State.MISSING, State.IN_PROGRESS, State.OUTDATED)
COLUMNS = ("row_type", "row_id", "row_order", "row_state", "row_total", "row_done")
COLUMNS += ("row_target", "row_translation")


def translatable_snippet_models():
    return [model for model in get_snippet_models() if issubclass(model, TranslatableMixin)]


def _count(segments):
    return Coalesce(
        Subquery(segments.order_by().values("source_id").annotate(n=Count("pk")).values("n")),
        0,
        output_field=IntegerField(),
    )


def _rows(model, source_locale, target_locale):
    """The sources of `model` in `source_locale`, annotated with their state in
    `target_locale`, as the COLUMNS of the union."""
    key = OuterRef("translation_key")
    sources = model._default_manager.filter(locale=source_locale)
    targets = model._default_manager.filter(translation_key=key, locale=target_locale)
    if model is Page:
        sources = sources.filter(live=True, depth__gt=1)
        targets = targets.filter(alias_of__isnull=True)  # an alias mirrors, it translates nothing
        row_type = F("content_type_id")
        changed_at = F("last_published_at")
        target_live = Subquery(targets.values("live")[:1])
        order = Concat(Value("0"), "path", output_field=CharField())
    else:
        content_type = ContentType.objects.get_for_model(model)
        row_type = Value(content_type.pk, output_field=IntegerField())
        edits = ModelLogEntry.objects.filter(
            content_type=content_type,
            object_id=Cast(OuterRef("pk"), CharField()),
            action="wagtail.edit",
        )
        changed_at = Subquery(edits.order_by("-timestamp").values("timestamp")[:1])
        target_live = Value(True)
        order = Concat(
            Value(f"1{content_type.pk:09d}"),
            LPad(Cast("pk", CharField()), 12, Value("0")),
            output_field=CharField(),
        )
    translations = Translation.objects.filter(
        source__object_id=key,
        source__locale=source_locale,
        target_locale=target_locale,
        enabled=True,
    )
    segments = StringSegment.objects.filter(source_id=OuterRef("row_source"))
    translated = segments.filter(
        Exists(
            StringTranslation.objects.filter(
                translation_of_id=OuterRef("string_id"),
                context_id=OuterRef("context_id"),
                locale=target_locale,
                has_error=False,
            )
        )
    )
    return (
        sources.order_by()
        .annotate(
            row_type=row_type,
            row_id=F("pk"),
            row_order=order,
            row_target=Subquery(targets.values("pk")[:1]),
            row_target_live=target_live,
            row_translation=Subquery(translations.values("pk")[:1]),
            row_source=Subquery(translations.values("source_id")[:1]),
            row_synced_at=Subquery(translations.values("source__last_updated_at")[:1]),
            row_changed_at=changed_at,
        )
        .annotate(row_total=_count(segments), row_done=_count(translated))
        .annotate(
            row_state=Case(
                When(row_target__isnull=True, then=Value(State.MISSING)),
                When(row_translation__isnull=True, then=Value(State.UNMANAGED)),
                When(row_changed_at__gt=F("row_synced_at"), then=Value(State.OUTDATED)),
                When(
                    Q(row_done__lt=F("row_total")) | Q(row_target_live=False),
                    then=Value(State.IN_PROGRESS),
                ),
                default=Value(State.UP_TO_DATE),
                output_field=CharField(),
            )
        )
    )


def work_rows(source_locale, target_locale, *, states=None, kinds=None):
    """One dict per source (COLUMNS), pages in tree order then snippets, optionally only in
    `states` and of `kinds` (models: Page for every page type, or snippet models)."""
    parts = []
    for model in [Page, *translatable_snippet_models()]:
        if kinds and model not in kinds:
            continue
        rows = _rows(model, source_locale, target_locale)
        if states:
            rows = rows.filter(row_state__in=states)
        parts.append(rows.values(*COLUMNS))
    if not parts:
        return Page.objects.none().values(*COLUMNS)
    return parts[0].union(*parts[1:], all=True).order_by("row_order")


# --- What a user may do ---------------------------------------------------------------------


def may_translate_into(user, instance, locale, parent=None):
    """Whether `user` may create the translation of `instance` into `locale`: the
    wagtail-localize right and the right to write there (under the translated parent for a
    page, in that language for a snippet)."""
    if not user.has_perm(SUBMIT_PERMISSION):
        return False
    if isinstance(instance, Page):
        return parent is not None and parent.permissions_for_user(user).can_add_subpage()
    return user.has_perm(get_permission_name("change", type(instance))) and may_write_locale(
        user, locale
    )


def may_edit_translation(user, target):
    """What the edit view of `target` enforces: the page's rights, or the snippet's
    permission policy (nec_cms.snippets: the model's right and the right to its language)."""
    if isinstance(target, Page):
        return target.permissions_for_user(user).can_edit()
    policy = target.snippet_viewset.permission_policy
    return policy.user_has_permission_for_instance(user, "change", target)


def may_publish_translation(user, target):
    if isinstance(target, Page):
        return target.permissions_for_user(user).can_publish()
    return may_edit_translation(user, target)  # snippets without draft state: saving publishes


def editor_url(target):
    """The edit view of a translation: wagtail-localize's translation editor."""
    if isinstance(target, Page):
        return reverse("wagtailadmin_pages:edit", args=[target.pk])
    return reverse(target.snippet_viewset.get_url_name("edit"), args=[quote(target.pk)])


def start_url(instance, locale):
    content_type = ContentType.objects.get_for_model(type(instance))
    return reverse(
        "translation_start", args=[content_type.pk, quote(instance.pk), locale.language_code]
    )


@dataclass
class Action:
    label: str
    url: str = ""
    primary: bool = False


@dataclass
class WorkItem:
    """One row of the list: a source, its state in the target language, what to do."""

    source: models.Model
    locale: object
    state: str
    total: int
    done: int
    target: models.Model | None = None
    translation_id: int | None = None
    actions: list = None
    editor_url: str = ""

    @property
    def title(self):
        if isinstance(self.source, Page):
            return self.source.get_admin_display_title()
        return str(self.source)

    @property
    def type_name(self):
        model = type(self.source)
        return model._meta.verbose_name.capitalize()

    @property
    def state_label(self):
        if self.state == State.OUTDATED:
            return gettext("Source modifiée : à synchroniser")
        if self.state == State.IN_PROGRESS:
            if self.done < self.total:
                return ngettext(
                    "En cours : %(done)d segment traduit sur %(total)d",
                    "En cours : %(done)d segments traduits sur %(total)d",
                    self.done,
                ) % {"done": self.done, "total": self.total}
            return gettext("Traduit, pas encore publié")
        return State(self.state).label


def work_items(rows, locale, user):
    """The WorkItems of a page of `rows`, in a bounded number of queries whatever their
    number: one per model shown, two for the parents of the untranslated pages."""
    wanted = {}
    for row in rows:
        wanted.setdefault(row["row_type"], set()).update({row["row_id"], row["row_target"]})
    instances = {}
    for type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:  # a page type whose code is gone
            continue
        for instance in model._default_manager.filter(pk__in=ids - {None}):
            instances[(type_id, instance.pk)] = instance
    items = []
    for row in rows:
        source = instances.get((row["row_type"], row["row_id"]))
        if source is None:  # deleted meanwhile
            continue
        items.append(
            WorkItem(
                source=source,
                locale=locale,
                state=row["row_state"],
                total=row["row_total"],
                done=row["row_done"],
                target=instances.get((row["row_type"], row["row_target"])),
                translation_id=row["row_translation"],
            )
        )
    parents = translated_parents(
        [item.source for item in items if item.target is None and isinstance(item.source, Page)],
        locale,
    )
    for item in items:
        item.actions = actions_for(item, user, parents)
    return items


def translated_parents(pages, locale):
    """{page id: the translation of its parent in `locale`, None when missing or a mere
    alias; the root page itself for a site's home page}, in two queries."""
    parent_paths = {page.pk: page.path[: -Page.steplen] for page in pages}
    parents = {
        parent.path: parent
        for parent in Page.objects.filter(path__in=set(parent_paths.values())).only(
            "path", "depth", "translation_key"
        )
    }
    keys = [parent.translation_key for parent in parents.values() if not parent.is_root()]
    translated = {
        page.translation_key: page
        for page in Page.objects.filter(
            translation_key__in=keys, locale=locale, alias_of__isnull=True
        ).defer_streamfields()
    }
    result = {}
    for page_id, path in parent_paths.items():
        parent = parents.get(path)
        if parent is None:
            result[page_id] = None
        elif parent.is_root():
            result[page_id] = parent
        else:
            result[page_id] = translated.get(parent.translation_key)
    return result


def translated_parent(page, locale):
    return translated_parents([page], locale)[page.pk]


def actions_for(item, user, parents):
    if item.target is None:
        parent = None
        if isinstance(item.source, Page):
            parent = parents.get(item.source.pk)
            if parent is None:
                return [Action(gettext("Traduisez d’abord la page parente"))]
        if may_translate_into(user, item.source, item.locale, parent):
            return [Action(gettext("Traduire"), start_url(item.source, item.locale), True)]
        return []
    if not may_edit_translation(user, item.target):
        return []
    item.editor_url = editor_url(item.target)
    actions = []
    if item.state == State.OUTDATED:
        url = reverse("translation_sync", args=[item.translation_id])
        actions.append(Action(gettext("Synchroniser"), url, True))
    if item.state == State.IN_PROGRESS:
        actions.append(Action(gettext("Continuer la traduction"), item.editor_url, True))
    else:
        actions.append(Action(gettext("Ouvrir"), item.editor_url))
    return actions


def out_of_date_translation(instance):
    """The enabled translation that made `instance` out of step with its changed source,
    else None (the translation editor then offers the sync). Out of date as the list says
    it: the row of the source, in the target's language, is in the OUTDATED state."""
    translation = (
        Translation.objects.filter(
            source__object_id=instance.translation_key,
            target_locale_id=instance.locale_id,
            enabled=True,
        )
        .select_related("source__locale")
        .first()
    )
    if translation is None:
        return None
    model = Page if isinstance(instance, Page) else type(instance)
    rows = _rows(model, translation.source.locale_id, instance.locale_id)
    if rows.filter(translation_key=instance.translation_key, row_state=State.OUTDATED).exists():
        return translation
    return None
