#!/usr/bin/env python
"""Datasets benchmark (not a test): the resources' CSV and JSON exports at 10 000 and
100 000 resources on PostgreSQL, to show that memory does not grow with the rows.

    .venv/bin/python bench/datasets.py                        # sizes 10000,100000
    .venv/bin/python bench/datasets.py --sizes 1000,10000 --reuse

It (re)creates the database `nec_bench_datasets` (BENCH_DATABASE_URL to change it), loads
the seed, adds example resources in bulk (bench/bulk_resources.py: themes, types and
audiences included), then for each size downloads /donnees/ressources.csv and .json through
Django's test client, reading the streamed body piece by piece as a client would, and
prints: rows, bytes, time, queries, and the peak of Python memory during the download
(tracemalloc, in a second download: tracing slows it down), beside the process's resident
memory. Peaks that stay flat from 10 000 to 100 000 rows are what streaming promises.
"""

import argparse
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/nec_bench_datasets"
)
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ["DJANGO_SETTINGS_MODULE"] = "nec_cms.settings.test"
os.environ["NEC_BACKGROUND_TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
URLS = ("/donnees/ressources.csv", "/donnees/ressources.json")


def recreate_database():
    import psycopg

    base, name = DATABASE_URL.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def resident_mb():
    """The process's resident memory now (Linux), in MB."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def download(client, url):
    """(bytes, rows, seconds) of one download, its body read piece by piece and dropped."""
    started = time.perf_counter()
    response = client.get(url)
    assert response.status_code == 200 and response.streaming, url
    size = newlines = 0
    for piece in response.streaming_content:
        size += len(piece)
        newlines += piece.count(b"\n")
    response.close()
    # CSV: one line per row after the header (no newline inside the bench's cells); JSON:
    # one line per row between the brackets.
    return size, newlines - (1 if url.endswith(".csv") else 2), time.perf_counter() - started


def measure(client, url):
    from django.db import connection

    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    download(client, url)  # what is remembered per content version, read once
    # A wrapper rather than CaptureQueriesContext: each request closes the connection.
    with connection.execute_wrapper(count):
        size, rows, seconds = download(client, url)
    tracemalloc.start()
    download(client, url)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return rows, size, seconds, len(queries), peak


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument(
        "--reuse", action="store_true", help="keep the resources already in the database"
    )
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    if not args.reuse:
        recreate_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from bench.bulk_resources import grow_library
    from opendata import datasets
    from ressources.models import ResourceIndexPage

    call_command("migrate", verbosity=0)
    call_command("load_nec_content", verbosity=0)
    library = ResourceIndexPage.objects.get(locale__language_code="fr")
    client = Client()
    print(
        f"PostgreSQL {connection.pg_version}, {os.cpu_count()} cores, "
        f"chunks of {datasets.CHUNK_SIZE} pages\n"
    )
    print(
        f"{'resources':>10}  {'file':<26} {'rows':>8} {'MB':>7} {'s':>6} {'rows/s':>8} "
        f"{'queries':>7} {'peak MB':>8} {'RSS MB':>7}"
    )
    for size in sizes:
        print(f"{'':>10}  (loaded {size:,} resources in {grow_library(library, size):.0f} s)")
        for url in URLS:
            rows, size_bytes, seconds, queries, peak = measure(client, url)
            print(
                f"{size:>10,}  {url:<26} {rows:>8,} {size_bytes / 1e6:>7.1f} {seconds:>6.2f} "
                f"{rows / seconds:>8,.0f} {queries:>7} {peak / 1e6:>8.1f} {resident_mb():>7.0f}"
            )
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    print(f"\nmaximum resident memory of the process (bulk loads included): {maxrss:.0f} MB")


if __name__ == "__main__":
    main()
