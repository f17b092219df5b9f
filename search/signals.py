"""Keep the public search index in step with what is live."""

from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from search.index import index_page, unindex_page


@receiver(page_published)
def index_published_page(sender, instance, **kwargs):
    index_page(instance)


@receiver(page_unpublished)
def unindex_unpublished_page(sender, instance, **kwargs):
    unindex_page(instance)
