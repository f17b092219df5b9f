"""Delete the proposals to organise a local NEC kept longer than the consent wording says
(NEC_PROPOSAL_RETENTION_DAYS, a year by default). Run daily
(deploy/systemd/nec-delete-old-proposals.timer)."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from agenda.models import OrganiserFormPage


class Command(BaseCommand):
    help = "Supprime les propositions de NEC local plus anciennes que la durée de conservation."

    def handle(self, *args, **options):
        days = settings.NEC_PROPOSAL_RETENTION_DAYS
        limit = timezone.now() - datetime.timedelta(days=days)
        pages = OrganiserFormPage.objects.values_list("pk", flat=True)
        deleted, _details = FormSubmission.objects.filter(
            page_id__in=pages, submit_time__lt=limit
        ).delete()
        if options["verbosity"]:
            self.stdout.write(f"{deleted} proposition(s) de plus de {days} jours supprimée(s).")
