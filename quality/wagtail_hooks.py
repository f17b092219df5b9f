from django.utils.translation import gettext_lazy as _

from nec_cms.reports import register_report
from quality.views import PageWeightReportView

register_report(
    PageWeightReportView,
    url_path="poids-des-pages",
    name="quality_page_weight",
    label=_("Poids des pages"),
    icon="pick",
    order=1300,
)
