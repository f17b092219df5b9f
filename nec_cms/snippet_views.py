"""The admin views of translatable snippets: writing is refused in a language the user may
not write (see nec_cms.snippets), with a French message, and the listings offer no edit,
copy or delete link there."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Locale
from wagtail.snippets.views import snippets as snippet_views

from nec_cms.snippets import LocalePermissionPolicy, editable_locale_ids, may_write_locale


def refusal(view, request):
    """Back to the listing, in a language the user may write if any, with why."""
    locale = view.locale
    if locale == Locale.get_default():
        messages.error(
            request,
            _(
                "Les contenus en %(language)s sont la source des traductions : vous pouvez les "
                "traduire, pas les modifier."
            )
            % {"language": locale.get_display_name()},
        )
    else:
        messages.error(
            request,
            _("Vous n’avez pas le droit de modifier les contenus en %(language)s.")
            % {"language": locale.get_display_name()},
        )
    url = reverse(view.index_url_name)
    writable = Locale.objects.filter(pk__in=editable_locale_ids(request.user)).first()
    if writable is not None:
        url += f"?locale={writable.language_code}"
    return redirect(url)


class LocaleWriteMixin:
    """Create, edit and delete views: refuse a language the user may not write. The
    model-level check comes first (PermissionCheckedMixin, Wagtail's own refusal)."""

    def dispatch(self, request, *args, **kwargs):
        if self.user_has_permission(self.permission_required) and not may_write_locale(
            request.user, self.locale
        ):
            return refusal(self, request)
        return super().dispatch(request, *args, **kwargs)


class IndexView(snippet_views.IndexView):
    """No edit, copy or delete link on the rows of a language the user may not write."""

    def get_edit_url(self, instance):
        if self.user_has_permission_for_instance("change", instance):
            return super().get_edit_url(instance)

    def get_copy_url(self, instance):
        if self.user_has_permission_for_instance("add", instance):
            return super().get_copy_url(instance)

    def get_delete_url(self, instance):
        if self.user_has_permission_for_instance("delete", instance):
            return super().get_delete_url(instance)

    def get_add_url(self):
        if self.locale is None or may_write_locale(self.request.user, self.locale):
            return super().get_add_url()


class CreateView(LocaleWriteMixin, snippet_views.CreateView):
    pass


class CopyView(LocaleWriteMixin, snippet_views.CopyView):
    pass


class EditView(LocaleWriteMixin, snippet_views.EditView):
    pass


class DeleteView(LocaleWriteMixin, snippet_views.DeleteView):
    pass


class TranslatableSnippetViewSet(snippet_views.SnippetViewSet):
    """The admin of a translatable snippet, with rights per language (see above)."""

    index_view_class = IndexView
    add_view_class = CreateView
    copy_view_class = CopyView
    edit_view_class = EditView
    delete_view_class = DeleteView

    @property
    def permission_policy(self):
        return LocalePermissionPolicy(self.model)


def refuse_bulk_writes(request, action_type, objects, action_class_instance):
    """Snippet bulk actions (delete) check the model permission only: check each object's
    language too (a ``before_bulk_action`` hook)."""
    for instance in objects:
        viewset = getattr(type(instance), "snippet_viewset", None)
        if isinstance(viewset, TranslatableSnippetViewSet) and not may_write_locale(
            request.user, instance.locale_id
        ):
            messages.error(
                request,
                _("Vous n’avez pas le droit de modifier les contenus en %(language)s.")
                % {"language": instance.locale.get_display_name()},
            )
            return redirect(request.META.get("HTTP_REFERER") or reverse("wagtailadmin_home"))
