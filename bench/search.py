#!/usr/bin/env python
"""Search benchmark (not a test): the library, the site search and the suggestions at
10 000 and 100 000 resources on PostgreSQL, measured from outside.

    .venv/bin/python bench/search.py                          # sizes 10000,100000, about 40 min
    .venv/bin/python bench/search.py --sizes 10000 --seconds 5
    .venv/bin/python bench/search.py --in-process --sizes 1000 --runs 20

It (re)creates the database `nec_bench` (BENCH_DATABASE_URL to change it), loads the seed,
adds example resources in bulk, then for each size starts gunicorn with the production
settings (2 workers) and sends varied queries with wrk (bench/http_load.py): words of the
example catalogue, some with a typo, some with filters; no URL asked twice in a run.
Printed beside a static file served by the same gunicorn (the ceiling), with the targets:
one client p95 ≤ 100 ms at 10 000 and ≤ 200 ms at 100 000 (library and site search);
16 connections ≥ 150 req/s at 10 000 and ≥ 50 req/s at 100 000, with no timeout; a publish
every 5 s raises p99 by at most 50 %; suggestions p95 ≤ 20 ms.

`--in-process` times the same scenarios through Django's test client instead (routing,
queries, templates; no network, no concurrency), to see where server time goes.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/nec_bench")
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ["DJANGO_SETTINGS_MODULE"] = "nec_cms.settings.test"
# Production's shared cache: the app processes and this one (which publishes) share what
# caching.memory shares. Without Redis here, each process builds its own.
BENCH_REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
# Publishing here does not measure page weights in this process (the task worker's job).
os.environ["NEC_BACKGROUND_TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"

# Words of the example catalogue (ressources/demo.py) and words it does not hold: every run
# of a scenario asks something else, so that no cache answers a repeated URL.
WORDS_TEXT = (
    "numérique médiation inclusion seniors données ouvertes territoires sobriété communs "
    "accessibilité services publics éthique algorithmes souveraineté outils collaboratifs "
    "égalité démarches administratives tiers-lieux cybersécurité collectivités émancipation "
    "réparation réemploi équipements logiciels libres administration jeunes formation aidants "
    "guide fiche atelier étude méthodes terrain médiateurs indicateurs exemples professionnels "
    "parentalité santé emploi bibliothèque wifi cartographie élus usagers"
)
WORDS = WORDS_TEXT.split()


def typo(word, rng):
    """The word with one inner letter dropped (« numérque »)."""
    if len(word) < 5:
        return word
    position = rng.randrange(1, len(word) - 1)
    return word[:position] + word[position + 1 :]


def words(rng, count):
    return " ".join(rng.sample(WORDS, count))


def facet_values():
    from editions.models import EditionPage
    from ressources.licences import LICENCES
    from ressources.models import Audience, ResourceType, Theme

    french = {"locale__language_code": "fr"}
    return {
        "theme": list(Theme.objects.filter(**french).values_list("slug", flat=True)),
        "type": list(ResourceType.objects.filter(**french).values_list("slug", flat=True)),
        "audience": list(Audience.objects.filter(**french).values_list("slug", flat=True)),
        "edition": list(EditionPage.objects.filter(**french).values_list("slug", flat=True)),
        "licence": list(LICENCES),
    }


def library_search(rng, values):
    """What visitors type in the library: one to three words, sometimes with a typo,
    sometimes with one or two filters."""
    text = words(rng, rng.choice((1, 1, 2, 3)))
    if rng.random() < 0.2:
        text = " ".join(typo(word, rng) if len(word) > 5 else word for word in text.split())
    url = f"/ressources/?q={quote(text)}"
    if rng.random() < 0.3:
        for param in rng.sample(["theme", "type", "audience", "licence"], rng.choice((1, 2))):
            url += f"&{param}={rng.choice(values[param])}"
    return url


def facet_browsing(rng, values):
    """Filters without words, on the first pages."""
    params = rng.sample(["theme", "type", "audience", "licence", "edition"], rng.choice((1, 2, 3)))
    url = "/ressources/?" + "&".join(f"{param}={rng.choice(values[param])}" for param in params)
    return url + f"&page={rng.randint(1, 3)}"


def suggestion(rng):
    """A word being typed, sometimes after a first word."""
    word = words(rng, 1)
    typed = word[: rng.randint(3, min(6, len(word)))]
    if rng.random() < 0.5:
        typed = f"{words(rng, 1)} {typed}"
    return f"/recherche/suggestions/?q={quote(typed)}"


def http_scenarios(values, rng, count):
    """(name, URLs, one-client p95 target, whether 16 connections have a req/s target)."""
    return [
        (
            "library search",
            varied_urls(lambda r: library_search(r, values), count, rng),
            "one_client",
            True,
        ),
        (
            "site search",
            varied_urls(lambda r: f"/recherche/?q={quote(words(r, 2))}", count, rng),
            "one_client",
            True,
        ),
        (
            "facet browsing",
            varied_urls(lambda r: facet_browsing(r, values), count, rng),
            None,
            False,
        ),
        ("suggestions", varied_urls(suggestion, count, rng), 20, False),
    ]


def scenarios(values):
    """(name, a function of a random generator giving the next URL, p95 target in ms)."""
    return [
        ("un mot", lambda rng: f"/ressources/?q={quote(words(rng, 1))}", 150),
        ("trois mots", lambda rng: f"/ressources/?q={quote(words(rng, 3))}", 150),
        ("faute de frappe", lambda rng: f"/ressources/?q={quote(typo(words(rng, 1), rng))}", 150),
        (
            "recherche + filtres",
            lambda rng: (
                f"/ressources/?q={quote(words(rng, 1))}"
                f"&theme={rng.choice(values['theme'])}&type={rng.choice(values['type'])}"
            ),
            150,
        ),
        ("facettes, sans recherche", lambda rng: facet_browsing(rng, values), 150),
        ("recherche du site", lambda rng: f"/recherche/?q={quote(words(rng, 2))}", 150),
        ("suggestions", suggestion, 30),
    ]


def varied_urls(make_url, count, rng):
    """`count` URLs from `make_url`, none repeated while the generator can still vary."""
    urls, seen = [], set()
    for _ in range(count):
        for _attempt in range(50):
            url = make_url(rng)
            if url not in seen:
                break
        seen.add(url)
        urls.append(url)
    return urls


# What the figures above reuse, timed apart: the library's facet index, rebuilt by the first
# visit after a publish.


def forget_everything():
    from caching.purge import request_purge

    request_purge("bench: a publish")


COLD_SCENARIOS = [
    ("un mot, après publication", "/ressources/?q=numérique", forget_everything, "1 per publish"),
]


def recreate_database():
    import psycopg

    base, name = DATABASE_URL.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--seconds", type=int, default=10, help="of each wrk run")
    parser.add_argument(
        "--in-process", action="store_true", help="Django's test client instead of gunicorn"
    )
    parser.add_argument("--runs", type=int, default=40, help="per scenario, --in-process")
    parser.add_argument(
        "--reuse", action="store_true", help="keep the resources already in the database"
    )
    args = parser.parse_args()
    from bench import http_load

    sizes = [int(size) for size in args.sizes.split(",")]

    if not args.reuse:
        recreate_database()
    redis_url = http_load.usable_redis(BENCH_REDIS_URL)
    if redis_url:
        os.environ["REDIS_URL"] = redis_url
    import django

    django.setup()  # after REDIS_URL: the settings read it
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from bench.bulk_resources import grow_library
    from ressources.models import ResourceIndexPage

    call_command("migrate", verbosity=0)
    call_command("load_nec_content", verbosity=0)
    library = ResourceIndexPage.objects.get(locale__language_code="fr")
    client = Client()
    print(
        f"PostgreSQL: {connection.pg_version}, {os.cpu_count()} cores, shared cache: "
        + (redis_url or "none (Redis unreachable)")
    )
    if args.in_process:
        print(f"{args.runs} runs per scenario\n")
        print(
            f"{'resources':>10}  {'scenario':<26} {'p50 ms':>8} {'p95 ms':>8} {'target':>7}  status"
        )
    for size in sizes:
        print(f"{'':>10}  (loaded {size:,} resources in {grow_library(library, size):.0f} s)")
        rng = random.Random(size)
        if not args.in_process:
            # Enough different URLs for the fastest run (suggestions) not to wrap around.
            urls = http_scenarios(facet_values(), rng, count=8000)
            http_load.measure(DATABASE_URL, size, urls, args.seconds, redis_url)
            continue
        for name, make_url, target in scenarios(facet_values()):
            urls = varied_urls(make_url, args.runs + 3, rng)
            for url in urls[:3]:  # warm up, with other queries than those timed
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)
            timings = []
            for url in urls[3:]:
                start = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, (url, response.status_code)
            p50, p95 = statistics.median(timings), percentile(timings, 0.95)
            verdict = "ok" if p95 <= target else "OVER"
            distinct = len(set(urls[3:]))
            print(
                f"{size:>10,}  {name:<26} {p50:>8.1f} {p95:>8.1f} {target:>7}  {verdict}"
                f"  ({distinct} different queries)"
            )
        for name, url, forget, note in COLD_SCENARIOS:
            timings = []
            for _ in range(max(3, args.runs // 4)):
                forget()
                start = time.perf_counter()
                client.get(url)
                timings.append((time.perf_counter() - start) * 1000)
            p50, p95 = statistics.median(timings), percentile(timings, 0.95)
            print(f"{size:>10,}  {name:<26} {p50:>8.1f} {p95:>8.1f} {'-':>7}  ({note})")


if __name__ == "__main__":
    main()
