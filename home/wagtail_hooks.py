from django.utils.translation import gettext_lazy as _

from home.translation_status import TranslationStatusReportView
from nec_cms.reports import register_report

register_report(
    TranslationStatusReportView,
    url_path="etat-des-traductions",
    name="translation_status",
    label=_("État des traductions"),
    icon="globe",
    order=1250,
)
