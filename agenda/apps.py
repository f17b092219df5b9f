from django.apps import AppConfig


class AgendaConfig(AppConfig):
    name = "agenda"
    verbose_name = "Agenda et NEC locaux"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published

        from agenda.models import record_calendar_change

        page_published.connect(record_calendar_change, dispatch_uid="agenda-calendar-sequence")
