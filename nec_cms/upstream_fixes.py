"""French for upstream texts that no catalogue can translate (each is reported upstream,
see docs/upstream-translations.md; remove the fix once upstream ships it):

* Wagtail's link dialog forms declare some fields without a label: Django then shows the
  field name in English (« Link text », « Email address »…).
* wagtail-localize dates the segments of its editor with ``strftime("%-d %B %Y")``: the
  month is in the server's C locale, English (« 30 November 2026 »), whatever the language.
* wagtail-localize's editor writes two texts in JavaScript without gettext: the heading
  « {source} to {target} translation » and « More actions ». A small script in the editor
  (static/nec_cms/js/translation-editor.js) puts the admin's words in their place.
"""

from django.templatetags.static import static
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# wagtail-localize's own msgids, translated by its catalogues (held in variables so that
# makemessages does not copy them into ours).
TRANSLATED_WITH = "Translated with {tool_name} on {date}"
TRANSLATED_MANUALLY = "Translated manually on {date}"
MACHINE_TRANSLATED = "Machine translated on {date}"


def label_link_dialog_fields():
    from wagtail.admin.forms import choosers

    labels = {
        "link_text": _("Texte du lien"),
        "email_address": _("Adresse électronique"),
        "subject": _("Objet"),
        "body": _("Message"),
        "phone_number": _("Numéro de téléphone"),
    }
    for form in (
        choosers.ExternalLinkChooserForm,
        choosers.AnchorLinkChooserForm,
        choosers.EmailLinkChooserForm,
        choosers.PhoneLinkChooserForm,
    ):
        for name, field in form.base_fields.items():
            if name in labels and field.label is None:
                field.label = labels[name]


def segment_comment(string_translation):
    """StringTranslation.get_comment, with the date in the admin's language."""
    date = date_format(localtime(string_translation.updated_at))
    if string_translation.tool_name:
        return gettext(TRANSLATED_WITH).format(tool_name=string_translation.tool_name, date=date)
    if string_translation.translation_type == string_translation.TRANSLATION_TYPE_MANUAL:
        return gettext(TRANSLATED_MANUALLY).format(date=date)
    if string_translation.translation_type == string_translation.TRANSLATION_TYPE_MACHINE:
        return gettext(MACHINE_TRANSLATED).format(date=date)
    return None


def date_translation_editor_segments():
    from wagtail_localize.models import StringTranslation

    StringTranslation.get_comment = segment_comment


def translation_editor_script():
    """For the ``insert_editor_js`` hook: the script that translates the editor's two
    JavaScript-only texts, with their French (or English) given here."""
    return format_html(
        '<script src="{}" data-heading="{}" data-more-actions="{}"></script>',
        static("nec_cms/js/translation-editor.js"),
        gettext("Traduction %(source)s → %(target)s"),
        gettext("Plus d’actions"),
    )


def apply():
    label_link_dialog_fields()
    date_translation_editor_segments()
