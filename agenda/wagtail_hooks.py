"""Proposals to organise a local NEC hold people's names and contacts: only moderators (and
administrators) read, export and delete them; editors edit the form page, never the
answers."""

from wagtail import hooks

from nec_cms.roles import is_moderator


@hooks.register("filter_form_submissions_for_user")
def submissions_for_moderators_only(user, editable_forms):
    if is_moderator(user):
        return editable_forms
    return editable_forms.none()
