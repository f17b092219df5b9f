from django.apps import AppConfig


class NecCmsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "nec_cms"
    verbose_name = "Socle du site NEC"

    def ready(self):
        from nec_cms import upstream_fixes

        upstream_fixes.apply()
