from django.apps import AppConfig


class NecCmsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "nec_cms"
    verbose_name = "Socle du site NEC"

    def ready(self):
        # Issue #6: purge the page cache when published content changes.
        from nec_cms import page_cache

        page_cache.connect_signals()
