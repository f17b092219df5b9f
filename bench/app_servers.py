#!/usr/bin/env python
"""One app server or two, behind the repository's Varnish (benchmark, not a test).

Measures, in one run and through Varnish (deploy/varnish/, as in production), requests/s
and latency (p50, p99) with wrk (16 connections, bench/wrk_report.lua) for:

- the ceiling: a static file (`/static/css/nec.<hash>.css`, from staticfiles.json);
- cached pages: about 30 real pages of the site, warmed first, then served by Varnish;
- uncached pages: library searches (`/ressources/?q=…`, some with a filter, a sort or a
  page) and site searches (`/recherche/?q=…`) with words of the example content, every URL
  asked once in the whole run (Varnish stores each, nobody asks it again);
- the same uncached searches while an editor publishes a resource every 5 s (each publish
  purges Varnish through NEC_VARNISH_URLS and changes the content version);

in three layouts, each with a Varnish of its own: one gunicorn with 2 sync workers; two
gunicorns with 2 workers each; two gunicorns with 1 worker each (the same 2 workers as the
first, in two processes). The three are started together and each scenario runs in the
three back to back, so that the machine's load, which drifts, weighs on them alike; the
static file runs first and last, and ratios are to the mean of these two runs in the same
layout. Every gunicorn runs the production settings (`nec_cms.settings.production`),
without access log, on one shared PostgreSQL database made for the run (migrate, seed,
`load_nec_content --demo 200`, loaded with the test settings since production refuses
example content) and one shared Redis cache. Under the table, for each layout and run:
Varnish's hits and misses, each server's share of the fetches, the CPU time per request of
Varnish and of the gunicorns (PostgreSQL's not counted), which the shared machine's load
moves much less than requests/s; the time of one uncached search alone; the publishes.

On a 2-core machine the second server is no speed-up: wrk, Varnish, PostgreSQL, Redis and
every worker share the same two cores, so the two-server columns show what coordination
costs (more processes, round-robin, shared cache), not what a second machine would bring.

    .venv/bin/python bench/app_servers.py                    # 7 to 10 minutes
    BENCH_SECONDS=3 .venv/bin/python bench/app_servers.py    # a quick look, 5 to 7 minutes

Making the database takes 3 to 5 minutes of it on a busy 2-core machine (mostly the example
content); the measures take about 4 minutes (BENCH_SECONDS=10), 2 in a quick look.

Environment:
  BENCH_SECONDS          seconds of each wrk run (10)
  BENCH_PUBLISH_SECONDS  seconds of the run while publishing (twice BENCH_SECONDS, ≥ 10)
  BENCH_DEMO             example resources loaded (200)
  BENCH_POSTGRES_URL     the PostgreSQL server (postgres://postgres@127.0.0.1:5432); the
                         database nec_bench_servers_<pid> is created there, dropped at the end
  BENCH_REDIS_URL        the shared cache, emptied at the start and the end
                         (redis://127.0.0.1:6379/5); without an answer, each process keeps
                         its own cache and the output says so

Needs wrk, varnishd (Debian: apt-get install wrk varnish), PostgreSQL; only 127.0.0.1 is
contacted. Everything it starts or creates is removed at the end, on Ctrl-C or on an error.
"""

import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import http_load  # noqa: E402
from bench.http_load import cpu_ms, with_children  # noqa: E402
from tests.caching.stack import Varnish, tool, varnish_workdir  # noqa: E402
from tests.server import free_port  # noqa: E402

SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
PUBLISH_SECONDS = int(os.environ.get("BENCH_PUBLISH_SECONDS", str(max(10, 2 * SECONDS))))
DEMO = int(os.environ.get("BENCH_DEMO", "200"))
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
DATABASE_URL = f"{POSTGRES_URL}/nec_bench_servers_{os.getpid()}"
CONNECTIONS = http_load.CONNECTIONS  # 16
CACHED_PAGES = 30
PUBLISH_INTERVAL = 5
# The Host wrk sends (Varnish drops the port): warm-ups must use it to fill the same objects.
HOST = "127.0.0.1"

# (label, workers of each gunicorn)
LAYOUTS = [
    ("one server (2 workers)", (2,)),
    ("two servers (2+2 workers)", (2, 2)),
    ("two servers (1+1 workers)", (1, 1)),
]
SCENARIOS = [
    ("static", "static file (ceiling), first"),
    ("cached", f"cached pages ({CACHED_PAGES}, Varnish hits)"),
    ("uncached", "uncached searches"),
    ("publishing", f"uncached, publish every {PUBLISH_INTERVAL} s"),
    ("static_end", "static file (ceiling), again"),
]
ALONE_VISITS = 20  # uncached searches asked one after another: the time of one, unqueued


# --- The database ------------------------------------------------------------------------


def create_database():
    """The run's database, migrated, seeded and with DEMO example resources, loaded with the
    test settings in this process (which later publishes, as an editor would)."""
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1]
    with psycopg.connect(f"{POSTGRES_URL}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    import django

    django.setup()
    from django.core.management import call_command

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    migrated = time.monotonic()
    call_command("load_nec_content", demo=DEMO, verbosity=0)
    return migrated - started, time.monotonic() - migrated


def drop_database():
    import psycopg
    from django.db import connections

    connections.close_all()
    name = DATABASE_URL.rsplit("/", 1)[1]
    try:
        with psycopg.connect(f"{POSTGRES_URL}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    except psycopg.Error as error:
        print(f"!! the database {name} could not be dropped: {error}", file=sys.stderr)


def cached_page_candidates():
    """Paths of live public pages, every page type in turn, so that the cached scenario
    visits varied templates (home, editions, resources, agenda, content pages…)."""
    from wagtail.models import Page

    by_type = {}
    for page in Page.objects.live().public().filter(depth__gt=1).order_by("path").specific():
        path = quote(urlsplit(page.get_url() or "").path, safe="/%")
        if path:
            by_type.setdefault(page.content_type_id, []).append(path)
    paths = []
    while any(by_type.values()):
        for pages in by_type.values():
            if pages:
                paths.append(pages.pop(0))
    return paths


# --- Uncached URLs -----------------------------------------------------------------------


def search_words():
    """Words of the example resources' titles (ressources/demo.py), five letters or more."""
    from ressources import demo

    words = []
    for text in [*demo.SUBJECTS, *demo.FORMS]:
        for word in re.split(r"[\s’':,.{}]+", text.fr.lower()):
            if len(word) >= 5 and word not in words:
                words.append(word)
    return words


def filter_values():
    """(parameter, value) pairs of the library's filters, as its facets link them."""
    from ressources.licences import LICENCES
    from ressources.models import ResourceType, Theme

    pairs = [("licence", code) for code in LICENCES]
    pairs += [("language", code) for code in ("fr", "en")]
    for param, model in (("theme", Theme), ("type", ResourceType)):
        slugs = model.objects.filter(locale__language_code="fr").values_list("slug", flat=True)
        pairs += [(param, slug) for slug in slugs]
    return pairs


class SearchURLs:
    """Library and site searches that visitors might type, none given twice in a run."""

    def __init__(self, seed=2026):
        self.rng = random.Random(seed)
        self.words = search_words()
        self.filters = filter_values()
        self.seen = set()

    def library(self):
        rng = self.rng
        url = "/ressources/?q=" + quote(" ".join(rng.sample(self.words, rng.choice((1, 2, 2)))))
        if rng.random() < 0.5:
            url += "&{}={}".format(*rng.choice(self.filters))
        if rng.random() < 0.25:
            url += "&sort=date"
        return url, rng.choice((1, 1, 1, 2, 3))

    def site(self):
        rng = self.rng
        url = "/recherche/?q=" + quote(" ".join(rng.sample(self.words, rng.choice((1, 2, 2, 3)))))
        return url, rng.choice((1, 1, 1, 2))

    def take(self, count):
        """`count` new URLs, library and site searches in turn."""
        urls = []
        for number in range(count):
            make = self.library if number % 2 == 0 else self.site
            for _attempt in range(20):
                base, page = make()
                url = base if page == 1 else f"{base}&page={page}"
                if url not in self.seen:
                    break
            # Crowded: a later page of the same search (past the last, the last is shown).
            while url in self.seen:
                page += 1
                url = f"{base}&page={page}"
            self.seen.add(url)
            urls.append(url)
        return urls


# --- The layouts -------------------------------------------------------------------------


class AppServer(http_load.Server):
    """gunicorn (production settings, sync workers, no access log: http_load.Server) on
    a given port, purging `varnish_url`, with the static files collected once for all."""

    def __init__(self, workers, port, varnish_url, static_root, redis_url):
        super().__init__(DATABASE_URL, redis_url)
        self.workers = workers
        self.port = port
        self.env["NEC_VARNISH_URLS"] = varnish_url
        self.env["STATIC_ROOT"] = str(static_root)

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.__exit__(*sys.exc_info())
            raise
        return self


class ThroughVarnish:
    """wrk through Varnish (http_load.Server.wrk needs nothing but `base_url`), with what
    Varnish counted and the CPU time that Varnish and the app servers spent meanwhile."""

    wrk = http_load.Server.wrk

    def __init__(self, varnish, servers):
        self.varnish = varnish
        self.servers = servers
        self.base_url = varnish.url

    def varnish_pids(self):
        return with_children(int(self.varnish.pidfile.read_text()))

    def app_pids(self):
        return [pid for server in self.servers for pid in with_children(server.process.pid)]

    def counters(self):
        """Varnish's hits, misses and requests sent to each app server, so far."""
        output = subprocess.run(
            [tool("varnishstat"), "-1", "-n", str(self.varnish.instance),
             "-f", "MAIN.cache_hit", "-f", "MAIN.cache_miss", "-f", "VBE.*.req"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        values = {}
        for line in output.splitlines():
            name, value = line.split()[:2]
            values[re.sub(r"^VBE\.[^.]+\.(nec_app\d+)\..*", r"\1", name)] = int(value)
        return values

    def measure(self, paths, seconds, once_each=False):
        """wrk's figures over `paths`, with Varnish's hits and misses meanwhile and the app
        servers' share of the fetches; `once_each`: whether the list wrapped around."""
        varnish_pids, app_pids = self.varnish_pids(), self.app_pids()
        before = self.counters()
        varnish_cpu, app_cpu = cpu_ms(varnish_pids), cpu_ms(app_pids)
        result = self.wrk(paths, CONNECTIONS, seconds)
        time.sleep(1)  # Varnish's threads add their counts to the totals once idle
        after = self.counters()
        varnish_cpu, app_cpu = cpu_ms(varnish_pids) - varnish_cpu, cpu_ms(app_pids) - app_cpu
        result["hits"] = after["MAIN.cache_hit"] - before["MAIN.cache_hit"]
        result["misses"] = after["MAIN.cache_miss"] - before["MAIN.cache_miss"]
        result["wrapped"] = once_each and result["requests"] > len(paths)
        result["fetches"] = [
            after[name] - before.get(name, 0) for name in sorted(after) if name.startswith("nec_")
        ]
        result["varnish_cpu_ms"] = varnish_cpu / max(result["requests"], 1)
        result["app_cpu_ms"] = app_cpu / max(sum(result["fetches"]), 1)
        return result


def warm_cached_pages(varnish, candidates):
    """Ask each candidate twice through Varnish; the first CACHED_PAGES that answer 200 and
    come from Varnish's cache the second time (a page with a form sets a cookie and is
    never stored)."""
    headers = {"Accept-Encoding": "gzip"}
    pages = []
    for path in candidates:
        if varnish.request(path, host=HOST, headers=headers).status != 200:
            continue
        again = varnish.request(path, host=HOST, headers=headers)
        if again.status == 200 and again.header("X-Cache") == "hit":
            pages.append(path)
            if len(pages) == CACHED_PAGES:
                break
    return pages


class Layout:
    """One layout: its gunicorns (`workers` each) behind a Varnish of its own, started in
    `stack` (stopped and removed when it closes)."""

    def __init__(self, label, workers, stack, static_root, redis_url):
        self.label = label
        workdir = stack.enter_context(varnish_workdir())
        ports = [free_port() for _ in workers]
        self.varnish = Varnish(workdir, *ports)
        self.servers = [
            stack.enter_context(AppServer(count, port, self.varnish.url, static_root, redis_url))
            for count, port in zip(workers, ports, strict=True)
        ]
        stack.callback(self.varnish.stop)
        self.varnish.start()
        for number in range(1, len(self.servers) + 1):
            self.varnish.wait_for_app(number=number)
        self.front = ThroughVarnish(self.varnish, self.servers)
        self.pages = []
        self.results = {}

    def purged_by_publishes(self):
        """This process publishes: its purges go to this layout's Varnish."""
        from django.conf import settings

        backend = {"BACKEND": "caching.backends.VarnishBackend", "LOCATION": self.varnish.url}
        settings.WAGTAILFRONTENDCACHE = {"varnish-1": backend}

    def check_alive(self):
        for server in self.servers:
            if server.process.poll() is not None:
                raise RuntimeError(f"{self.label}: gunicorn stopped:\n{server.log_tail()}")


def run(layouts, urls, candidates, static):
    """The scenarios, each in every layout back to back: the machine's load drifts (it is
    shared), and a layout measured minutes after another would meet another load."""
    for layout in layouts:
        # Every worker builds what it remembers per content version and loads its templates.
        layout.front.wrk(urls.take(300), CONNECTIONS, 3)
        layout.pages = warm_cached_pages(layout.varnish, candidates)
        layout.results["load"] = load_average()
    for layout in layouts:
        layout.results["static"] = layout.front.measure([static["path"]], SECONDS)
    for layout in layouts:
        layout.results["cached"] = layout.front.measure(layout.pages, SECONDS)
        layout.results["cached"]["pages"] = len(layout.pages)
    for layout in layouts:
        layout.results["alone_ms"] = alone(layout.varnish, urls.take(ALONE_VISITS))
        # Uncached pages stay well under 1 000 req/s on 2 cores; a wrap would be reported.
        uncached_urls = urls.take(1500 * SECONDS)
        layout.results["uncached"] = layout.front.measure(uncached_urls, SECONDS, once_each=True)
    for layout in layouts:
        needed = max(layout.results["uncached"]["rps"] * 2, 300) * PUBLISH_SECONDS
        publish_urls = urls.take(int(needed))
        layout.purged_by_publishes()
        publisher = http_load.Publisher(PUBLISH_INTERVAL)
        publisher.start()
        try:
            layout.results["publishing"] = layout.front.measure(
                publish_urls, PUBLISH_SECONDS, once_each=True
            )
        finally:
            publisher.stop()
        layout.results["publishes"] = publisher.durations
        layout.results["pending_purges"] = pending_purges()
    for layout in layouts:
        figures = layout.results
        figures["static_end"] = layout.front.measure([static["path"]], SECONDS)
        figures["ceiling"] = (figures["static"]["rps"] + figures["static_end"]["rps"]) / 2
        layout.check_alive()
    return {layout.label: layout.results for layout in layouts}


def alone(varnish, paths):
    """Median milliseconds of uncached searches asked one after another (200 each)."""
    timings = []
    for path in paths:
        started = time.perf_counter()
        response = varnish.request(path, host=HOST, headers={"Accept-Encoding": "gzip"})
        timings.append((time.perf_counter() - started) * 1000)
        if response.status != 200:
            raise RuntimeError(f"{path}: {response.status}")
    return statistics.median(timings)


def pending_purges():
    from caching.models import Purge

    return Purge.objects.filter(done_at=None).count()


def load_average():
    return "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def collect_static(root, redis_url):
    """collectstatic once, into `root`; the hashed path of the site's stylesheet."""
    server = AppServer(1, None, "", root, redis_url)
    try:
        server.run("manage.py", "collectstatic", "--noinput", "--verbosity", "0")
    finally:
        server.tmp.cleanup()
    manifest = json.loads((Path(root) / "staticfiles.json").read_text())
    return {"root": root, "path": "/static/" + manifest["paths"]["css/nec.css"]}


# --- The report --------------------------------------------------------------------------


def cell(figures, ceiling):
    failed = figures["errors"] + figures["non2xx"]
    return (
        f"{figures['rps']:>8.1f} {figures['p50_ms']:>7.2f} {figures['p99_ms']:>7.2f} "
        f"{failed:>4.0f} {figures['rps'] / ceiling:>8.3g}"
    )


def report(results):
    width = 38
    print(
        f"\nwrk: {CONNECTIONS} connections, {SECONDS} s a run ({PUBLISH_SECONDS} s while "
        f"publishing), through Varnish; {os.cpu_count()} cores"
    )
    print(f"{'':<36}" + "".join(f" | {label:<{width}}" for label, _ in LAYOUTS))
    sub = f"{'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'err':>4} {'×static':>8}"
    print(f"{'scenario':<36}" + f" | {sub:<{width}}" * len(LAYOUTS))
    for key, name in SCENARIOS:
        row = "".join(
            f" | {cell(results[label][key], results[label]['ceiling']):<{width}}"
            for label, _ in LAYOUTS
        )
        print(f"{name:<36}{row}")
    print(
        "err: socket errors, timeouts (over 2 s) and non-2xx answers. ×static: req/s against\n"
        "the mean of the two static-file runs of the same layout (same Varnish).\n"
    )
    for label, _workers in LAYOUTS:
        figures = results[label]
        notes = [
            f"load average {figures['load']} at its start; one uncached search alone "
            f"(one after another): median {figures['alone_ms']:.0f} ms"
        ]
        for key, name in SCENARIOS:
            run = figures[key]
            line = (
                f"{name}: {run['requests']:.0f} requests, Varnish {run['hits']} hits / "
                f"{run['misses']} misses; CPU per request: Varnish "
                f"{run['varnish_cpu_ms']:.3f} ms"
            )
            if sum(run["fetches"]) > 10:
                line += f", app servers {run['app_cpu_ms']:.1f} ms per fetch"
            if len(run["fetches"]) > 1 and sum(run["fetches"]):
                line += ", fetches per server " + " / ".join(str(n) for n in run["fetches"])
            if run["errors"] or run["non2xx"]:
                line += (
                    f" — !! {run['timeouts']:.0f} timeouts, "
                    f"{run['errors'] - run['timeouts']:.0f} socket errors, "
                    f"{run['non2xx']:.0f} non-2xx"
                )
            if run["wrapped"]:
                line += " — !! the URL list wrapped around: some URLs were asked twice"
            notes.append(line)
        if figures["cached"]["pages"] < CACHED_PAGES:
            notes.append(f"!! only {figures['cached']['pages']} pages could be cached")
        uncached, during = figures["uncached"], figures["publishing"]
        publishes = figures["publishes"]
        notes.append(
            f"while publishing: p99 × {during['p99_ms'] / max(uncached['p99_ms'], 0.001):.2f}"
            f" of the uncached run, {len(publishes)} publishes "
            f"(at most {max(publishes, default=0):.0f} ms), "
            f"{figures['pending_purges']} purge(s) left pending"
        )
        print(f"{label}:\n  " + "\n  ".join(notes))
    print(
        f"\nOn these {os.cpu_count()} cores the second server is not a speed-up: wrk, Varnish, "
        "PostgreSQL, Redis\nand every gunicorn worker share the same cores. The two-server "
        "columns show what\ncoordination costs (more processes, round-robin, a shared cache), "
        "not what a second\nmachine would bring."
    )


# --- The run -----------------------------------------------------------------------------


def remove_test_media():
    """The empty media folder that the test settings make for this process."""
    from django.conf import settings

    if Path(settings.MEDIA_ROOT).name.startswith("nec-test-media-"):
        shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


def stop_on_sigterm(_signum, _frame):
    raise KeyboardInterrupt


def main():
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    for program in ("wrk", "varnishd", "varnishstat"):
        if tool(program) is None:
            sys.exit(f"{program} is missing: apt-get install wrk varnish")
    os.environ.update(
        DATABASE_URL=DATABASE_URL,
        DJANGO_SETTINGS_MODULE="nec_cms.settings.test",
        # Page weights are measured by the task worker in production, not by editors.
        NEC_BACKGROUND_TASKS_BACKEND="django_tasks.backends.dummy.DummyBackend",
    )
    os.environ.pop("NEC_VARNISH_URLS", None)
    redis_url = http_load.usable_redis(REDIS_URL)
    if redis_url:
        os.environ["REDIS_URL"] = redis_url  # this process's publishes share it too
    else:
        os.environ.pop("REDIS_URL", None)
    started = time.monotonic()
    print(f"{time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores;", end=" ")
    print(subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    print(
        "Shared cache: "
        + (redis_url or f"none ({REDIS_URL} does not answer): each process keeps its own")
    )
    with ExitStack() as stack:
        stack.callback(drop_database)
        stack.callback(lambda: redis_url and http_load.usable_redis(redis_url))
        stack.callback(remove_test_media)
        migrate_seconds, seed_seconds = create_database()
        print(
            f"Database {DATABASE_URL.rsplit('/', 1)[1]}: migrated in {migrate_seconds:.0f} s, "
            f"seed and {DEMO} example resources in {seed_seconds:.0f} s"
        )
        static_root = stack.enter_context(tempfile.TemporaryDirectory(prefix="nec-bench-static-"))
        static = collect_static(static_root, redis_url)
        urls = SearchURLs()
        candidates = cached_page_candidates()
        layouts = [
            Layout(label, workers, stack, static_root, redis_url) for label, workers in LAYOUTS
        ]
        print(f"Started: {', '.join(label for label, _ in LAYOUTS)}; measuring…", flush=True)
        report(run(layouts, urls, candidates, static))
        print(subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
        print(f"{len(urls.seen)} different search URLs; {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit("Interrupted: everything started was stopped and removed.")
