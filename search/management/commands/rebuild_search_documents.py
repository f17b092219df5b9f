from django.core.management.base import BaseCommand
from wagtail.models import Page

from search.index import index_page
from search.models import SearchDocument, SearchMatch


class Command(BaseCommand):
    help = "Reconstruit l’index de la recherche publique à partir des pages en ligne."

    def handle(self, *args, **options):
        live = Page.objects.live().filter(depth__gt=1)
        SearchMatch.objects.exclude(page__in=live).delete()
        SearchDocument.objects.exclude(page__in=live).delete()
        count = 0
        for page in live.specific().iterator(chunk_size=200):
            index_page(page)
            count += 1
        self.stdout.write(self.style.SUCCESS(f"{count} page(s) indexée(s)."))
