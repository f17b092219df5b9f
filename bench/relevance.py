#!/usr/bin/env python
"""Search relevance (not a timing): how often the library puts the expected resource first,
in the first three, and its mean reciprocal rank, per class of query, beside a naive SQL
baseline. Corpus, queries and evaluator: tests/search/relevance/.

    .venv/bin/python bench/relevance.py            # PostgreSQL, database nec_relevance
    .venv/bin/python bench/relevance.py --sqlite   # a temporary SQLite file

The PostgreSQL database (RELEVANCE_DATABASE_URL to change it) is dropped and recreated on
each run, then migrated and seeded: the figures never depend on what an earlier run left.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/nec_relevance"


def recreate_database(url):
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sqlite", action="store_true", help="measure on a temporary SQLite file")
    parser.add_argument(
        "--failures",
        choices=("site", "baseline", "none"),
        default="site",
        help="whose misses to list after the table",
    )
    args = parser.parse_args()

    if args.sqlite:
        with tempfile.TemporaryDirectory(prefix="nec-relevance-") as workdir:
            measure(args, f"sqlite:///{workdir}/relevance.sqlite3")
    else:
        url = os.environ.get("RELEVANCE_DATABASE_URL", DEFAULT_URL)
        recreate_database(url)
        measure(args, url)


def measure(args, url):
    # Settings read the environment once, at django.setup(): set it before.
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "nec_cms.settings.test"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from caching.memory import clear_all
    from tests.search.relevance.evaluate import create_resources, evaluate, load_queries

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_nec_content", verbosity=0)
    pages = create_resources()
    clear_all()
    queries = load_queries()
    loaded = time.perf_counter() - started
    report = evaluate(queries=queries)
    vendor = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    print(
        f"{vendor}: {len(pages)} resources, {len(queries)} queries "
        f"(loaded in {loaded:.0f} s, measured in {time.perf_counter() - started - loaded:.0f} s)\n"
    )
    print(report.table())
    if args.failures != "none":
        print(f"\nNot first ({args.failures}; rank, « - » = not in the first ten):")
        print(report.failures(args.failures) or "  none")
    connection.close()


if __name__ == "__main__":
    main()
