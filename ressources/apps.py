from django.apps import AppConfig


class RessourcesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ressources"
    verbose_name = "Ressources"
