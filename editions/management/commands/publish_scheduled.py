"""Wagtail's `publish_scheduled`, through which a refused publication cannot stop the others.

A session the parity rule refuses (nec_cms.publishing) raises in the middle of Wagtail's
loop, which would leave every later scheduled page unpublished. Here each refusal rolls back
its attempt, the refused page's schedule is cancelled (and logged, so that its editors see
why in its history), and the run starts again for the pages still due.
"""

from django.db import transaction
from wagtail.log_actions import log
from wagtail.management.commands.publish_scheduled import Command as WagtailCommand
from wagtail.models import Revision

from nec_cms.publishing import PublishRefused


class Command(WagtailCommand):
    help = "Publie les pages programmées (et dépublie les pages expirées) de Wagtail."

    def handle(self, *args, **options):
        refused = set()
        while True:
            try:
                with transaction.atomic():
                    return super().handle(*args, **options)
            except PublishRefused as refusal:
                page = refusal.page
                if page is None or page.pk in refused:
                    raise
                refused.add(page.pk)
                self.cancel_schedule(page, refusal)

    def cancel_schedule(self, page, refusal):
        Revision.page_revisions.filter(
            object_id=str(page.pk), approved_go_live_at__isnull=False
        ).update(approved_go_live_at=None)
        log(instance=page, action="wagtail.schedule.cancel", data={"reason": refusal.messages})
        for message in refusal.messages:
            self.stderr.write(f"« {page.title} » n’a pas été publiée : {message}")
