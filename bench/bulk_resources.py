"""Insert many example resources fast, straight into PostgreSQL (benchmarks only).

Publishing 100 000 pages through Wagtail would take an hour; this writes the same rows
(page tree, resource, taxonomies, search document and vector, lexicon) in bulk. It is not
used by the site.
"""

import json
import random
import time
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Page

from editions.models import EditionPage
from ressources import demo
from ressources.models import Audience, ResourcePage, ResourceType, Theme
from search.index import ANALYSIS_VERSION, SEARCH_CONFIG, add_terms, flatten
from search.models import SearchDocument, SearchMatch
from search.text import index_terms, index_words, normalize

BATCH = 2000
BODY_FIELD = ResourcePage._meta.get_field("body")


def grow_library(library, size):
    """Bring `library` up to `size` resources, then VACUUM ANALYZE (statistics and the
    visibility map as autovacuum leaves a catalogue); the seconds it took."""
    from django.db import connection

    started = time.perf_counter()
    existing = ResourcePage.objects.count()
    if size > existing:
        add_resources(library, size - existing, existing + 1)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return time.perf_counter() - started


def add_resources(library, count, start_number):
    """Add `count` example resources numbered from `start_number` under `library`."""
    content_type = ContentType.objects.get_for_model(ResourcePage)
    locale_id = library.locale_id
    themes = list(Theme.objects.filter(locale_id=locale_id).values_list("pk", flat=True))
    types = list(ResourceType.objects.filter(locale_id=locale_id).values_list("pk", flat=True))
    audiences = list(Audience.objects.filter(locale_id=locale_id).values_list("pk", flat=True))
    editions = list(
        EditionPage.objects.filter(locale_id=locale_id).values_list("pk", flat=True)
    ) + [None, None]
    # Not get_last_child(): treebeard trusts numchild, which bulk inserts leave behind.
    children = Page.objects.filter(path__startswith=library.path, depth=library.depth + 1)
    last = children.order_by("-path").first()
    position = Page._str2int(last.path[-Page.steplen :]) if last else 0
    now = timezone.now()
    for offset in range(0, count, BATCH):
        numbers = range(start_number + offset, start_number + min(offset + BATCH, count))
        with transaction.atomic():
            position = insert_batch(
                library,
                numbers,
                position,
                content_type,
                now,
                (themes, types, audiences, editions),
            )
    Page.objects.filter(pk=library.pk).update(numchild=children.count())


def insert_batch(library, numbers, position, content_type, now, choices):
    themes, types, audiences, editions = choices
    pages, extras = [], []
    for number in numbers:
        position += 1
        fields = demo.example_resource(number)
        slug = f"bench-{number:07d}"
        key = Page._int2str(position)
        pages.append(
            Page(
                title=fields["title"],
                draft_title=fields["title"],
                slug=slug,
                content_type=content_type,
                path=library.path + key.rjust(Page.steplen, "0"),
                depth=library.depth + 1,
                numchild=0,
                url_path=f"{library.url_path}{slug}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                locale_id=library.locale_id,
                translation_key=uuid.uuid4(),
            )
        )
        extras.append(fields)
    Page.objects.bulk_create(pages)
    rows, through_rows, documents, matches, vectors, terms = (
        [],
        {"themes": [], "types": [], "audiences": []},
        [],
        [],
        [],
        set(),
    )
    for page, fields in zip(pages, extras, strict=True):
        rng = random.Random(fields["rng_state"])
        body = [{"type": "paragraph", "value": fields["body"][1][1], "id": str(uuid.uuid4())}]
        # The text search.index reads from the stored body (the paragraph, without its tags).
        body_text = " ".join(flatten(BODY_FIELD.get_searchable_content(BODY_FIELD.to_python(body))))
        rows.append(
            (
                page.pk,
                fields["excerpt"],
                json.dumps(body),
                "[]",
                fields["licence"],
                fields["authors"],
                fields["publication_date"],
                rng.choice(editions),
                fields["language"],
                True,
            )
        )
        for theme in rng.sample(themes, fields["theme_count"]):
            through_rows["themes"].append(
                ResourcePage.themes.through(resourcepage_id=page.pk, theme_id=theme)
            )
        for kind in rng.sample(types, fields["type_count"]):
            through_rows["types"].append(
                ResourcePage.resource_types.through(resourcepage_id=page.pk, resourcetype_id=kind)
            )
        for audience in rng.sample(audiences, fields["audience_count"]):
            through_rows["audiences"].append(
                ResourcePage.audiences.through(resourcepage_id=page.pk, audience_id=audience)
            )
        text = f"{page.title} {fields['excerpt']} {fields['authors']} {body_text}"
        # The same analysis as search.index, weighed the same way: title, lead (the excerpt),
        # body (authors and body: search.index.page_text puts unboosted fields there).
        weighed = [
            " ".join(index_words(part))
            for part in (page.title, fields["excerpt"], f"{fields['authors']} {body_text}")
        ]
        vectors.append((page.pk, *weighed))
        documents.append(
            SearchDocument(
                page_id=page.pk,
                title=normalize(page.title),
                summary=fields["excerpt"][:240],
                text=" ".join(weighed),
                analysis=ANALYSIS_VERSION,
            )
        )
        matches.append(
            SearchMatch(
                page_id=page.pk, locale_id=page.locale_id, published_at=page.first_published_at
            )
        )
        terms |= index_terms(text)
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO ressources_resourcepage (page_ptr_id, excerpt, body, documents, "
            "licence, authors, publication_date, edition_id, language, is_example) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            rows,
        )
    ResourcePage.themes.through.objects.bulk_create(through_rows["themes"])
    ResourcePage.resource_types.through.objects.bulk_create(through_rows["types"])
    ResourcePage.audiences.through.objects.bulk_create(through_rows["audiences"])
    SearchDocument.objects.bulk_create(documents)
    SearchMatch.objects.bulk_create(matches)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE search_searchmatch d SET vector =
                setweight(to_tsvector('{SEARCH_CONFIG}', v.title), 'A')
                || setweight(to_tsvector('{SEARCH_CONFIG}', v.lead), 'B')
                || setweight(to_tsvector('{SEARCH_CONFIG}', v.body), 'C')
            FROM unnest(%s::int[], %s::text[], %s::text[], %s::text[]) AS v(id, title, lead, body)
            WHERE d.page_id = v.id
            """,  # noqa: S608 (constant configuration name)
            [list(column) for column in zip(*vectors, strict=True)],
        )
    add_terms(terms)
    return position
