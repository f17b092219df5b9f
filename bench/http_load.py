"""Search measured from outside (bench/search.py): gunicorn with the production settings
on the benchmark's database, wrk sending varied queries, a static file as the ceiling.

Each scenario is a list of different URLs (no URL asked twice while the list lasts, so no
cache answers a repeated query) and runs twice: one client (wrk -c1, for p50/p95/p99)
and 16 connections (requests/s, timeouts). The static file (whitenoise, through the same
gunicorn) runs in the same round as the ceiling. Then the library's searches again while
an editor publishes a resource every PUBLISH_INTERVAL seconds, and the first library visit
after a publish (each publish changes the content version: every worker rebuilds its
facet index at its next library request).
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.server import SiteServer, production_env  # noqa: E402

WORKERS = 2
CONNECTIONS = 16
# As in the measure and wrk's default: a request slower than this is a timeout.
TIMEOUT = "2s"
PUBLISH_INTERVAL = 5
RESULT = re.compile(r"(\w+)=([0-9.]+)")
HEADERS = {"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"}


def usable_redis(url):
    """`url` emptied first, or None when no Redis answers there."""
    try:
        import redis

        client = redis.Redis.from_url(url, socket_connect_timeout=0.5)
        client.flushdb()
    except Exception:  # noqa: BLE001 - then the benchmark runs without it
        return None
    return url


def with_children(pid):
    """`pid` and its children (gunicorn's workers, Varnish's cache process)."""
    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [pid, *(int(child) for child in children.split())]


def cpu_ms(pids):
    """CPU time (user and system) that these processes have used so far, in ms: requests/s
    move with whatever else the shared machine runs, CPU time per request much less."""
    tick_ms = 1000 / os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) * tick_ms  # utime, stime
    return total


def database_pids(database_url):
    """The PostgreSQL backends connected to the benchmark's database (gunicorn's workers
    keep theirs: CONN_MAX_AGE in production)."""
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    with psycopg.connect(database_url, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        ).fetchall()
    return [pid for (pid,) in rows]


class Server(SiteServer):
    """gunicorn (production settings, WORKERS sync workers, no access log) on
    `database_url`, with Redis as its cache when `redis_url` is given (production's shared
    cache)."""

    workers = WORKERS
    threads = 1  # sync workers, as production runs them
    access_log = False

    def __init__(self, database_url, redis_url=None):
        self.database_url = database_url
        self.tmp = tempfile.TemporaryDirectory(prefix="nec-bench-http-")
        workdir = Path(self.tmp.name)
        env = production_env(
            workdir,
            DATABASE_URL=database_url,
            # Page weights are measured by the task worker, not by these processes.
            NEC_BACKGROUND_TASKS_BACKEND="django_tasks.backends.dummy.DummyBackend",
        )
        super().__init__(workdir, env=env, ready_path="/healthz")
        if redis_url:  # SiteServer keeps its test servers off Redis; production uses it
            self.env["REDIS_URL"] = redis_url

    def __enter__(self):
        self.run("manage.py", "collectstatic", "--noinput", "--verbosity", "0")
        manifest = json.loads((self.workdir / "static" / "staticfiles.json").read_text())
        self.static_path = "/static/" + manifest["paths"]["css/nec.css"]
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()
        self.tmp.cleanup()

    def visit(self, path):
        """(status, milliseconds) of one visit."""
        started = time.perf_counter()
        response = self.get(path, headers=HEADERS)
        return response.status, (time.perf_counter() - started) * 1000

    def cpu(self):
        """{pid: CPU ms so far} of gunicorn's processes and of their database backends."""
        pids = with_children(self.process.pid) + database_pids(self.database_url)
        return {pid: cpu_ms([pid]) for pid in pids}

    def wrk(self, paths, connections, seconds):
        """wrk over `paths` in turn: a dict of the RESULT figures (rps, p50_ms, p95_ms,
        p99_ms, max_ms, requests, errors, timeouts, non2xx), and `cpu_ms`: the CPU that
        gunicorn and PostgreSQL spent per request (whatever else the machine runs, this
        moves far less than requests/s; 150 req/s on 2 cores leaves 13 ms, wrk included)."""
        before = self.cpu()
        result = self.run_wrk(paths, connections, seconds)
        after = self.cpu()
        spent = sum(after[pid] - before.get(pid, 0) for pid in after)
        result["cpu_ms"] = spent / max(result["requests"], 1)
        return result

    def run_wrk(self, paths, connections, seconds):
        threads = 1 if connections == 1 else 2
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
            listing.write("\n".join(paths) + "\n")
        env = {
            **os.environ,
            "WRK_PATHS_FILE": listing.name,
            "WRK_THREADS": str(threads),
            "WRK_COUNT_STATUS": "1",
        }
        headers = [item for name, value in HEADERS.items() for item in ("-H", f"{name}: {value}")]
        try:
            output = subprocess.run(  # noqa: S603
                [
                    "wrk",
                    f"-t{threads}",
                    f"-c{connections}",
                    f"-d{seconds}s",
                    "--timeout",
                    TIMEOUT,
                    *headers,
                    "-s",
                    str(ROOT / "bench" / "wrk_report.lua"),
                    self.base_url + "/",
                ],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        finally:
            os.unlink(listing.name)
        line = next(line for line in output.splitlines() if line.startswith("RESULT"))
        return {name: float(value) for name, value in RESULT.findall(line)}


class Publisher(threading.Thread):
    """Publishes a new revision of a resource every `interval` seconds, the way the admin
    does (its publish writes the content version and indexes the page), until stopped."""

    def __init__(self, interval):
        super().__init__(daemon=True)
        self.interval = interval
        self.stopped = threading.Event()
        self.durations = []
        self.error = None

    def run(self):
        from django.db import connection

        try:
            while not self.stopped.wait(self.interval):
                started = time.perf_counter()
                publish_a_resource()
                self.durations.append((time.perf_counter() - started) * 1000)
        except Exception as error:  # noqa: BLE001 - reported by the benchmark
            self.error = error
        finally:
            connection.close()

    def stop(self):
        self.stopped.set()
        self.join()
        if self.error:
            raise self.error


def publish_a_resource():
    from ressources.models import ResourcePage

    page = ResourcePage.objects.filter(live=True).order_by("pk").first()
    stamp = time.strftime("%H:%M:%S")
    page.excerpt = f"{page.excerpt.split(' · révisé')[0]} · révisé à {stamp}"
    page.save_revision().publish()


def check(value, target, higher_is_better=False):
    ok = value >= target if higher_is_better else value <= target
    return "ok" if ok else "OVER" if not higher_is_better else "UNDER"


def measure(database_url, size, scenarios, seconds, redis_url=None):
    """Print the table for one catalogue size. `scenarios`: (name, URL list, one-client
    p95 target in ms or None, 16-connection req/s target or None)."""
    one_client_target = 100 if size <= 10_000 else 200
    rps_target = 150 if size <= 10_000 else 50
    with Server(database_url, redis_url) as server:
        # Warm up: every worker builds its facet index and loads its templates.
        for _name, urls, _p95, _rps in scenarios:
            server.wrk(urls[-20:], 2, 2)
        ceiling = server.wrk([server.static_path], CONNECTIONS, seconds)
        print(
            f"\n{size:>10,} resources, gunicorn {WORKERS} workers (production settings), "
            f"wrk, {seconds} s a run, queries that do not repeat"
        )
        print(
            f"{'':>2}{'scenario':<28} {'1 client p50':>12} {'p95':>7} {'p99':>7}  "
            f"{'16 conn. req/s':>14} {'p50':>7} {'p99':>7} {'timeouts':>8} {'× static':>9} "
            f"{'CPU ms/req':>10}"
        )
        print(
            f"  {'static file (ceiling)':<28} {'':>12} {'':>7} {'':>7}  {ceiling['rps']:>14.1f} "
            f"{ceiling['p50_ms']:>7.1f} {ceiling['p99_ms']:>7.1f} {ceiling['timeouts']:>8.0f} "
            f"{1:>9.2f} {ceiling['cpu_ms']:>10.2f}"
        )
        verdicts = []
        loaded = {}
        for name, urls, p95_target, rps_wanted in scenarios:
            half = len(urls) // 2
            alone = server.wrk(urls[:half], 1, seconds)
            busy = server.wrk(urls[half:], CONNECTIONS, seconds)
            loaded[name] = busy
            bad = busy["non2xx"] + busy["errors"] - busy["timeouts"]
            print(
                f"  {name:<28} {alone['p50_ms']:>12.1f} {alone['p95_ms']:>7.1f} "
                f"{alone['p99_ms']:>7.1f}  {busy['rps']:>14.1f} {busy['p50_ms']:>7.1f} "
                f"{busy['p99_ms']:>7.1f} {busy['timeouts']:>8.0f} "
                f"{busy['rps'] / ceiling['rps']:>9.3f} {busy['cpu_ms']:>10.2f}"
                + (f"  !! {bad:.0f} failed" if bad else "")
            )
            if p95_target == "one_client":
                p95_target = one_client_target
            if p95_target:
                label = f"{name}, one client p95 ≤ {p95_target} ms"
                verdicts.append((label, alone["p95_ms"], p95_target, False))
            if rps_wanted:
                verdicts.append(
                    (f"{name}, 16 connections ≥ {rps_target} req/s", busy["rps"], rps_target, True)
                )
                verdicts.append((f"{name}, no timeout", busy["timeouts"], 0, False))
            if bad:
                verdicts.append((f"{name}, no failed request", bad, 0, False))

        library_name, library_urls = scenarios[0][0], scenarios[0][1]
        publisher = Publisher(PUBLISH_INTERVAL)
        publisher.start()
        try:
            during = server.wrk(list(reversed(library_urls)), CONNECTIONS, max(seconds, 20))
        finally:
            publisher.stop()
        ratio = during["p99_ms"] / max(loaded[library_name]["p99_ms"], 0.001)
        print(
            f"  {library_name + ', publish every 5 s':<28} {'':>12} {'':>7} {'':>7}  "
            f"{during['rps']:>14.1f} {during['p50_ms']:>7.1f} {during['p99_ms']:>7.1f} "
            f"{during['timeouts']:>8.0f}   p99 × {ratio:.2f} ({len(publisher.durations)} "
            f"publishes, {max(publisher.durations, default=0):.0f} ms at most)"
        )
        verdicts.append(("publish every 5 s: p99 at most × 1.5", ratio, 1.5, False))

        firsts, seconds_visits = [], []
        for number, url in enumerate(library_urls[:6]):
            publish_a_resource()
            first = server.visit(url)
            second = server.visit(library_urls[-1 - number])
            if first[0] != 200 or second[0] != 200:
                raise RuntimeError(f"after a publish: {first[0]}, {second[0]}")
            firsts.append(first[1])
            seconds_visits.append(second[1])
        print(
            f"  first library visit after a publish: {', '.join(f'{t:.0f}' for t in firsts)} ms; "
            f"the next visit (the other worker may build too): "
            f"{', '.join(f'{t:.0f}' for t in seconds_visits)} ms"
        )
        for label, value, target, higher in verdicts:
            print(f"    {check(value, target, higher):<5} {label}: {value:.1f}")
        return verdicts
