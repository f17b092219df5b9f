"""Proposals to organise a local NEC hold people's names and contacts: only moderators (and
administrators) read, export and delete them; editors edit the form page, never the
answers."""

from wagtail import hooks

from agenda.proposals import MODERATORS


@hooks.register("filter_form_submissions_for_user")
def submissions_for_moderators_only(user, editable_forms):
    if user.is_superuser or user.groups.filter(name=MODERATORS).exists():
        return editable_forms
    return editable_forms.none()
