"""Keep the public search index in step with what is live."""

from django.db.models.signals import post_migrate
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from search.index import index_page, reindex_outdated, unindex_page


@receiver(page_published)
def index_published_page(sender, instance, **kwargs):
    index_page(instance)


@receiver(page_unpublished)
def unindex_unpublished_page(sender, instance, **kwargs):
    unindex_page(instance)


def reindex_after_migrating(sender, using, verbosity=1, **kwargs):
    """Documents analysed by an earlier version of search.text are analysed anew once the
    migrations have run: an upgrade needs no extra command."""
    count = reindex_outdated(using)
    if count and verbosity:
        print(f"Recherche : {count} page(s) réindexée(s).")


def connect_post_migrate(app_config):
    post_migrate.connect(reindex_after_migrating, sender=app_config)
