"""Build and drop search documents from Wagtail pages.

What a page contributes comes from its own `search_fields` (Wagtail's declaration): the
title weighs most (A), lead fields next (B: `intro`, `excerpt`, or any field boosted),
the rest after (C). Each field is analysed in the page's language (search.text), then
stemmed by PostgreSQL with that language's configuration: an English page is never read
with the French stemmer and stop words (« AI » is a French stop word, « ai »).
"""

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import Value
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.search import index

from search.models import SearchDocument, SearchMatch, SearchTerm
from search.text import index_terms, index_words, normalize

# Created by the migrations: unaccent, then the language's Snowball stemmer.
SEARCH_CONFIGS = {"fr": "french_unaccent", "en": "english_unaccent"}
SEARCH_CONFIG = SEARCH_CONFIGS["fr"]


# Raise it whenever search.text analyses text differently: documents of an earlier version
# are analysed anew after the next migrate (search.signals).
ANALYSIS_VERSION = 2


def search_config(language):
    return SEARCH_CONFIGS.get(language, SEARCH_CONFIG)


LEAD_FIELDS = {"intro", "excerpt", "summary"}
SUMMARY_LENGTH = 240


def flatten(value):
    """Text out of whatever a search field gives: strings, lists, rich text, numbers."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in flatten(item)]
    text = " ".join(strip_tags(str(value)).split())
    return [text] if text else []


def page_text(page):
    """(title, lead, body) of a page, from its declared search fields."""
    lead, body = [], []
    for field in page.get_search_fields():
        if not isinstance(field, index.SearchField) or field.field_name == "title":
            continue
        try:
            value = field.get_value(page)
        except (AttributeError, LookupError):
            continue
        boost = getattr(field, "boost", None) or 1
        target = lead if field.field_name in LEAD_FIELDS or boost > 1 else body
        target.extend(flatten(value))
    return page.title, " ".join(lead), " ".join(body)


def index_page(page):
    """Create or refresh the search document of a live page."""
    page = page.specific
    if not page.live:
        unindex_page(page)
        return None
    title, lead, body = page_text(page)
    language = page.locale.language_code
    words = {name: " ".join(index_words(text, language)) for name, text in
             (("title", title), ("lead", lead), ("body", body))}  # fmt: skip
    document, _created = SearchDocument.objects.update_or_create(
        page_id=page.pk,
        defaults={
            "title": normalize(title),
            "summary": Truncator(lead or body).chars(SUMMARY_LENGTH),
            "text": " ".join(words.values()),
            "analysis": ANALYSIS_VERSION,
        },
    )
    SearchMatch.objects.update_or_create(
        page_id=page.pk,
        defaults={"locale_id": page.locale_id, "published_at": page.first_published_at},
    )
    if connection.vendor == "postgresql":
        config = search_config(language)
        SearchMatch.objects.filter(pk=page.pk).update(
            vector=SearchVector(Value(words["title"]), weight="A", config=config)
            + SearchVector(Value(words["lead"]), weight="B", config=config)
            + SearchVector(Value(words["body"]), weight="C", config=config)
        )
    add_terms(index_terms(f"{title} {lead} {body}", language))
    return document


def add_terms(terms):
    SearchTerm.objects.bulk_create(
        [SearchTerm(term=term) for term in sorted(terms)], ignore_conflicts=True, batch_size=500
    )


def unindex_page(page):
    SearchMatch.objects.filter(page_id=page.pk).delete()
    SearchDocument.objects.filter(page_id=page.pk).delete()


def reindex_outdated(using="default"):
    """Index anew the pages whose document an earlier analysis produced; their count."""
    from wagtail.models import Page

    outdated = SearchDocument.objects.using(using).filter(analysis__lt=ANALYSIS_VERSION)
    pages = Page.objects.using(using).filter(search_document__in=outdated).specific()
    count = 0
    for page in pages.iterator(chunk_size=200):
        index_page(page)
        count += 1
    return count
