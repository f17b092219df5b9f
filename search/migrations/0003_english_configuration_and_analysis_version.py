"""PostgreSQL: `english_unaccent` (unaccent, then the English stemmer), so that English pages
are indexed and searched in English. Every database: each document records the version of
the analysis that produced it; those of an earlier one are analysed anew after migrating
(search.signals)."""

from django.db import migrations, models

FORWARDS = [
    """
    DO $$
    BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'english_unaccent') THEN
            CREATE TEXT SEARCH CONFIGURATION english_unaccent (COPY = english);
            ALTER TEXT SEARCH CONFIGURATION english_unaccent
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
        END IF;
    END
    $$
    """,
]
BACKWARDS = ["DROP TEXT SEARCH CONFIGURATION IF EXISTS english_unaccent"]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0002_french_search_configuration")]

    operations = [
        migrations.RunPython(run(FORWARDS), run(BACKWARDS)),
        migrations.AddField(
            model_name="searchdocument",
            name="analysis",
            field=models.PositiveSmallIntegerField(
                default=0,
                editable=False,
                help_text="La version de l’analyse du texte qui a produit ce document.",
                verbose_name="version de l’analyse",
            ),
        ),
    ]
