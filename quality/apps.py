from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "quality"
    verbose_name = _("Qualité des pages")

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from quality.tasks import enqueue_measurement, forget_measurement

        page_published.connect(enqueue_measurement, dispatch_uid="quality-measure-on-publish")
        page_unpublished.connect(forget_measurement, dispatch_uid="quality-forget-unpublished")
