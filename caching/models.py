from django.db import models
from django.utils.translation import gettext_lazy as _


class Purge(models.Model):
    """One change that visitors can see, and whether the HTTP cache has forgotten the pages
    it made stale.

    A row is written in the same transaction as the change, so a purge is never lost: it is
    sent once the transaction commits, and a purge that the proxy did not acknowledge stays
    pending until `manage.py purge_frontend_cache` (or the next change) succeeds. The
    highest id is also the site's content version (caching.memory)."""

    requested_at = models.DateTimeField(_("demandée le"), auto_now_add=True)
    reason = models.CharField(_("raison"), max_length=200)
    done_at = models.DateTimeField(_("effectuée le"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("tentatives"), default=0)
    last_error = models.TextField(_("dernière erreur"), blank=True)

    class Meta:
        verbose_name = _("purge du cache")
        verbose_name_plural = _("purges du cache")
        indexes = [
            models.Index(
                fields=["id"], name="caching_purge_pending_idx", condition=models.Q(done_at=None)
            )
        ]

    def __str__(self):
        return self.reason
