from django.apps import AppConfig


class CachingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "caching"
    verbose_name = "Cache HTTP"

    def ready(self):
        from caching import purge

        purge.connect_signals()
