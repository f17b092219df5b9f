from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_css")
def upload_messages_css():
    return format_html('<link rel="stylesheet" href="{}">', static("operations/admin-uploads.css"))


@hooks.register("register_admin_urls")
def two_factor_urls():
    from operations.urls import admin_urlpatterns

    return admin_urlpatterns


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    """« Double authentification » in the account's « Plus d’actions »: where each person
    enrols (optional for Éditeurs and Traducteurs) and renews their recovery codes."""
    from django.urls import reverse
    from django.utils.translation import gettext

    from operations import twofactor

    if twofactor.totp_device(request.user) is not None:
        help_text = gettext("Activée. Voir les codes de secours restants, en générer de nouveaux.")
    elif twofactor.is_required(request.user):
        help_text = gettext("Obligatoire pour votre rôle : activez-la.")
    else:
        help_text = gettext("Facultative pour votre rôle : protégez votre compte par un code.")
    return {
        "url": reverse("nec_two_factor"),
        "label": gettext("Double authentification"),
        "help_text": help_text,
    }
