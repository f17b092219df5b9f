#!/usr/bin/env python
"""Editors publish while visitors read (not a test; bench/load.sh runs it).

Every INTERVAL seconds for DURATION seconds, publishes a new revision of the charter's
introduction the way the admin does (a revision, then publish(), which purges Varnish when
the transaction commits), then asks Varnish for the charter and the home page as the first
visitor right after that publish would (under the soak's traffic, another visitor may have
been first: then Varnish answers). Prints how long the publishes took, those visits' times,
and whether each already showed the new text (it must, every time).

    python bench/publish_during_traffic.py VARNISH_URL DURATION INTERVAL

Runs with the environment bench/load.sh sets (production settings, its database,
NEC_VARNISH_URLS pointing at its Varnish).
"""

import http.client
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nec_cms.settings.production")

HEADERS = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}


def first_visit(url):
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    started = time.perf_counter()
    try:
        connection.request("GET", parts.path or "/", headers=HEADERS)
        response = connection.getresponse()
        body = response.read().decode()
        age = response.getheader("Age", "?")
    finally:
        connection.close()
    return (time.perf_counter() - started) * 1000, body, age


def main():
    varnish, duration, interval = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
    import django

    django.setup()
    from home.models import CharterPage

    charter = CharterPage.objects.get(locale__language_code="fr")
    charter_url = varnish + charter.url
    publishes, visits, stale = [], {"charte": [], "accueil": []}, 0
    deadline = time.monotonic() + duration
    number = 0
    while time.monotonic() < deadline:
        number += 1
        marker = f"Banc d’essai : révision {number} ({time.time():.0f})."
        charter.refresh_from_db()
        charter.intro = f"<p>{marker}</p>"
        started = time.perf_counter()
        charter.save_revision().publish()
        publishes.append((time.perf_counter() - started) * 1000)
        spent, body, age = first_visit(charter_url)
        visits["charte"].append(spent)
        if marker not in body:
            stale += 1
            print(f"  publish {number}: the first visit showed the old charter (Age {age})")
        spent, _body, _age = first_visit(varnish + "/")
        visits["accueil"].append(spent)
        time.sleep(max(0.0, interval - (time.perf_counter() - started)))

    def line(label, values):
        return (
            f"{label:<38} median {statistics.median(values):7.1f} ms, "
            f"max {max(values):7.1f} ms ({len(values)})"
        )

    print(line("publish (revision + publish + purge)", publishes))
    print(line("a visit right after it, the charter", visits["charte"]))
    print(line("a visit right after it, the home page", visits["accueil"]))
    print(f"visits right after a publish that showed the old text: {stale} of {len(publishes)}")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
