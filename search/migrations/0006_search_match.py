"""The words, language and first publication of each page move to a narrow table of their
own, `SearchMatch` (search.models says why); the document keeps what results show.

PostgreSQL: the GIN index goes with the words, updated at once (0004 says why)."""

import django.db.models.deletion
from django.db import migrations, models

import search.models

COPY = """
INSERT INTO search_searchmatch (page_id, locale_id, published_at, vector)
SELECT d.page_id, p.locale_id, p.first_published_at, d.vector
FROM search_searchdocument d JOIN wagtailcore_page p ON p.id = d.page_id
"""


def copy_matches(apps, schema_editor):
    """Every document's words, with its page's language and first publication."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(COPY)
        schema_editor.execute(
            "CREATE INDEX search_match_vector_gin ON search_searchmatch "
            "USING gin (vector) WITH (fastupdate = off)"
        )
        return
    SearchDocument = apps.get_model("search", "SearchDocument")
    SearchMatch = apps.get_model("search", "SearchMatch")
    alias = schema_editor.connection.alias
    documents = SearchDocument.objects.using(alias).values_list(
        "page_id", "page__locale_id", "page__first_published_at"
    )
    SearchMatch.objects.using(alias).bulk_create(
        SearchMatch(page_id=page_id, locale_id=locale_id, published_at=published_at)
        for page_id, locale_id, published_at in documents.iterator()
    )


def restore_document_vectors(apps, schema_editor):
    """Backwards: the words back in the documents, with their index."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "UPDATE search_searchdocument d SET vector = m.vector "
            "FROM search_searchmatch m WHERE m.page_id = d.page_id"
        )
        schema_editor.execute(
            "CREATE INDEX search_document_vector_gin ON search_searchdocument "
            "USING gin (vector) WITH (fastupdate = off)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_match_vector_gin")


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0005_title_order_index'),
        ('wagtailcore', '0097_baselogentry_uuid_action_timestamp_indexes'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchMatch',
            fields=[
                ('page', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='search_match', serialize=False, to='wagtailcore.page')),
                ('published_at', models.DateTimeField(null=True, verbose_name='première publication')),
                ('vector', search.models.SearchVectorColumn(editable=False, null=True)),
                ('locale', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtailcore.locale', verbose_name='langue')),
            ],
            options={
                'verbose_name': 'correspondance de recherche',
                'verbose_name_plural': 'correspondances de recherche',
            },
        ),
        migrations.RunPython(copy_matches, drop_index),
        migrations.RunPython(migrations.RunPython.noop, restore_document_vectors),
        # Its GIN index (search_document_vector_gin) goes with the column.
        migrations.RemoveField(model_name='searchdocument', name='vector'),
    ]
