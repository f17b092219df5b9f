"""PostgreSQL: the search indexes are updated at once rather than through GIN's pending list.

With `fastupdate` on (PostgreSQL's default), each published page's words wait in a pending
list that every search reads through in full until a vacuum merges it (up to 4 MB). On
10 000 resources after a bulk load, a search of two words took 3 ms in the index with a
pending list of 8 600 documents, 0.05 ms without (EXPLAIN ANALYZE; bench/search.py).
Pages are published a few times an hour and searched far more often: each publish pays
the update instead.
"""

from django.db import migrations

INDEXES = ("search_document_vector_gin", "search_document_title_trgm", "search_term_trgm")


def set_fastupdate(value):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for index in INDEXES:
            schema_editor.execute(f"ALTER INDEX IF EXISTS {index} SET (fastupdate = {value})")
            if value == "off":
                # Leaving the pending list as it was would keep it until the next vacuum.
                schema_editor.execute(f"SELECT gin_clean_pending_list('{index}'::regclass)")

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0003_english_configuration_and_analysis_version")]

    operations = [migrations.RunPython(set_fastupdate("off"), set_fastupdate("on"))]
