"""Translatable snippets are edited per language.

Wagtail checks snippet permissions per model: a translator allowed to change themes (to
translate them) could also rename the French theme that every translation comes from. Here
a user writes the snippets of a language only where they may write pages: with the add or
change page permission on that language's tree (on the root page: every language). Éditeurs
and Modérateurs hold it on the root; Traducteurs only on the translated trees, so the French
source stays read-only for them. Reading and translating (wagtail-localize's « Traduire »,
which writes in the target language) are not affected.
"""

from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import page_permission_policy
from wagtail.snippets.models import register_snippet

WRITE_ACTIONS = frozenset({"add", "change", "delete", "publish", "lock", "unlock"})
PAGE_WRITE_CODENAMES = frozenset({"add_page", "change_page"})
CACHE_ATTRIBUTE = "_nec_editable_locale_ids"


def editable_locale_ids(user):
    """The ids of the locales whose content `user` may write, remembered on the user object
    for the rest of the request (as Wagtail does with page permissions)."""
    cached = getattr(user, CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    if not user.is_active or user.is_anonymous:
        ids = frozenset()
    elif user.is_superuser:
        ids = frozenset(Locale.objects.values_list("pk", flat=True))
    else:
        ids = set()
        for grant in page_permission_policy.get_cached_permissions_for_user(user):
            if grant.permission.codename not in PAGE_WRITE_CODENAMES:
                continue
            if grant.page.is_root():  # above every language's tree
                ids = set(Locale.objects.values_list("pk", flat=True))
                break
            ids.add(grant.page.locale_id)
        ids = frozenset(ids)
    setattr(user, CACHE_ATTRIBUTE, ids)
    return ids


def may_write_locale(user, locale):
    return getattr(locale, "pk", locale) in editable_locale_ids(user)


class LocalePermissionPolicy(ModelPermissionPolicy):
    """The model's permissions, and for writing an instance, the right to write its language."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and (
            action not in WRITE_ACTIONS or may_write_locale(user, instance.locale_id)
        )

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        if not set(actions) <= WRITE_ACTIONS:
            return instances
        return instances.filter(locale_id__in=editable_locale_ids(user))


def register_translatable_snippet(model):
    """``@register_snippet`` for a TranslatableMixin model: its admin checks the language."""
    register_snippet(model, viewset="nec_cms.snippet_views.TranslatableSnippetViewSet")
    return model
