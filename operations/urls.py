from django.urls import path

from operations import twofactor_views, views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
]

# The two-factor pages live under the admin path, as every admin page does: registered by
# operations.wagtail_hooks (register_admin_urls), so that they follow NEC_ADMIN_PATH, get
# the admin's Content-Security-Policy and Varnish never stores them.
admin_urlpatterns = [
    path("double-authentification/", twofactor_views.account, name="nec_two_factor"),
    path("double-authentification/activer/", twofactor_views.enrol, name="nec_two_factor_enrol"),
    path("double-authentification/verifier/", twofactor_views.verify, name="nec_two_factor_verify"),
]
