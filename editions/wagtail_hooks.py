"""The programme's admin: moderators' declarations and attestations (editions.admin)."""

from django.urls import path
from wagtail import hooks

from editions.admin import AttestationView, GenderDeclarationViewSet
from editions.panels import ATTEST_URL_NAME


@hooks.register("register_admin_viewset")
def register_declarations():
    return GenderDeclarationViewSet("gender_declarations")


@hooks.register("register_admin_urls")
def attestation_urls():
    return [
        path(
            "editions/sessions/<int:page_id>/diversite/",
            AttestationView.as_view(),
            name=ATTEST_URL_NAME,
        )
    ]
