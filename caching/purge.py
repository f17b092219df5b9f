"""Make the HTTP cache forget the site's pages whenever what visitors see changes.

A change here is a page published, unpublished, moved, deleted or saved live; a snippet
(menus, taxonomies), a model marked `shown_to_visitors`, a site setting, a Site, a Locale,
an image, a document, a redirect, a search promotion or a view restriction saved or
deleted. One change can show on many pages
(listings, the home page, the site map, sitemap.xml, feeds, the other language's switcher),
so every change purges the whole site rather than guessing which URLs it touched.

Purges go through Wagtail's frontend cache backends (WAGTAILFRONTENDCACHE). Each change
writes a `Purge` row in its own transaction; the purge is sent once that transaction
commits, never before (the proxy could otherwise store the old page again in between). A
purge the proxy did not acknowledge stays pending: the next change and
`manage.py purge_frontend_cache` (run every minute in production) send it again, and the
admin warns editors until it has gone through.

Why not wagtail.contrib.frontend_cache's own signal handlers: they purge only the published
page's URLs, from inside the publishing transaction, and a failure is only logged.
"""

import datetime
import logging
import threading
from functools import partial

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.contrib.frontend_cache.utils import get_backends

from caching.models import Purge
from nec_cms.db_router import wait_for_replica

logger = logging.getLogger(__name__)

# A live page saved with only these fields changed its draft, not what visitors see.
DRAFT_ONLY_FIELDS = frozenset(
    {
        "draft_title",
        "latest_revision",
        "latest_revision_created_at",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
    }
)
KEEP_DONE_FOR = datetime.timedelta(days=7)


def site_urls():
    from wagtail.models import Site

    return sorted({site.root_url for site in Site.objects.all()}) or ["http://localhost/"]


def send_pending():
    """Send the pending purges; True when none is left pending."""
    pending = list(Purge.objects.filter(done_at=None).values_list("pk", flat=True)[:1000])
    if not pending:
        return True
    error = ""
    backends = get_backends()
    if backends:
        # Once purged, pages are fetched again: from the read replica (if any) once it
        # holds the change, from the primary until then (nec_cms.db_router). Give it a
        # moment to replay it, so that they are not all rendered by the primary.
        wait_for_replica()
        urls = site_urls()
        for name, backend in backends.items():
            try:
                for url in urls:
                    backend.purge(url)
            except Exception as failure:  # noqa: BLE001 - whatever the backend, retry later
                error = f"{name}: {failure}"
                logger.error("Frontend cache purge failed, kept to retry: %s", error)
    rows = Purge.objects.filter(pk__in=pending)
    if error:
        rows.update(attempts=F("attempts") + 1, last_error=error[:1000])
        return False
    now = timezone.now()
    rows.update(attempts=F("attempts") + 1, last_error="", done_at=now)
    # Keep the latest row: its id is the content version (caching.memory).
    latest = Purge.objects.order_by("-pk").values_list("pk", flat=True).first()
    Purge.objects.filter(done_at__lt=now - KEEP_DONE_FOR).exclude(pk=latest).delete()
    return True


def pending_purges():
    return Purge.objects.filter(done_at=None)


def failed_purges():
    """Pending purges that the proxy already refused or did not answer: until they go
    through, visitors may see pages as they were before these changes."""
    return pending_purges().filter(attempts__gt=0)


def changed_in_this_transaction():
    """Whether the current transaction has changed what visitors see (not committed yet)."""
    connection = transaction.get_connection()
    return connection.in_atomic_block and any(
        callback is send_pending for _sids, callback, *_rest in connection.run_on_commit
    )


# What else runs once a change has committed, after its purge, as
# `function(purge_id, changes)` (caching.memory registers the values it shares between
# processes).
after_commit = []
# The changes of the transaction in progress on this thread (see request_purge).
_transaction = threading.local()


def request_purge(reason, change=None):
    """Record that visitors' pages changed; the purge is sent when the transaction commits
    (at once outside a transaction). One record per transaction is enough.

    `change` says what changed, (model label, primary key); what runs after the commit
    receives the transaction's purge id and the list of its changes, None standing for a
    change not told (what follows must then assume anything changed)."""
    if changed_in_this_transaction():
        changes = getattr(_transaction, "changes", None)
        if changes is not None:
            changes.append(change)
        return
    purge = Purge.objects.create(reason=reason[:200])
    _transaction.changes = changes = [change]
    # robust: the change is committed whatever happens to its purge (retried later).
    transaction.on_commit(send_pending, robust=True)
    for function in after_commit:
        transaction.on_commit(partial(function, purge.pk, changes), robust=True)


# --- What counts as a visible change ---------------------------------------------------------


def _visible_models():
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage
    from wagtail.models import BaseViewRestriction, Collection, Locale, Site

    bases = (
        BaseSiteSetting,
        BaseGenericSetting,
        Site,
        Locale,
        BaseViewRestriction,
        Collection,
        AbstractImage,
        AbstractDocument,
        Redirect,
        SearchPromotion,
    )
    return bases, (Query,)


def affects_visitors(sender):
    """Whether saving or deleting a `sender` changes a page. Other apps' models that feed
    pages without being pages or snippets say so with `shown_to_visitors = True` (so this
    module need not know them)."""
    from wagtail.snippets.models import get_snippet_models

    bases, ignored = _visible_models()
    if issubclass(sender, ignored):
        return False  # search statistics: counted on every search, shown to nobody
    return (
        issubclass(sender, bases)
        or sender in get_snippet_models()
        or getattr(sender, "shown_to_visitors", False)
    )


def told(instance):
    """The change of `instance`, as request_purge takes it."""
    return (instance._meta.label, instance.pk)


def _on_page_signal(sender, instance=None, **kwargs):
    request_purge(
        f"page {getattr(instance, 'pk', '')} ({sender.__name__})",
        told(instance) if instance is not None else None,
    )


def _on_saved(sender, instance, update_fields=None, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page):
        if instance.live and (update_fields is None or not set(update_fields) <= DRAFT_ONLY_FIELDS):
            request_purge(f"live page {instance.pk} saved", told(instance))
    elif affects_visitors(sender):
        request_purge(f"{sender.__name__} {instance.pk} saved", told(instance))


def _on_deleted(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page) or affects_visitors(sender):
        request_purge(f"{sender.__name__} {instance.pk} deleted", told(instance))


def connect_signals():
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_unpublished, post_page_move

    # Publishing saves the live page (post_save, above); unpublishing saves it no longer
    # live, and a move updates paths without saving: those two need their own signals.
    for signal in (page_unpublished, post_page_move):
        signal.connect(_on_page_signal, dispatch_uid=f"caching-purge-{id(signal)}")
    post_save.connect(_on_saved, dispatch_uid="caching-purge-save")
    post_delete.connect(_on_deleted, dispatch_uid="caching-purge-delete")
