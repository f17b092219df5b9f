"""Remember, per process and for a minute, which Wagtail Site answers a host.

Wagtail looks the Site up in the database on every request; it changes only when an admin
edits the sites, which clears this memory in the process that saved it (other workers
catch up within SITE_CACHE_SECONDS).
"""

import threading
import time

from django.db.models.signals import post_delete, post_save
from wagtail.models import Site

SITE_CACHE_SECONDS = 60
MAX_HOSTS = 64

_sites = {}
_lock = threading.Lock()


class SiteCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Nothing is looked up here: a request that needs no Site (robots.txt, /healthz
        # with the database down) must not touch the database. The Site Wagtail found while
        # serving is remembered afterwards.
        key = (request._get_raw_host(), request.get_port())
        now = time.monotonic()
        remembered = _sites.get(key)
        fresh = remembered is not None and remembered[0] > now
        if fresh:
            request._wagtail_site = remembered[1]
        response = self.get_response(request)
        site = getattr(request, "_wagtail_site", None)
        if not fresh and site is not None:
            with _lock:
                if len(_sites) >= MAX_HOSTS:
                    _sites.clear()
                _sites[key] = (now + SITE_CACHE_SECONDS, site)
        return response


def forget_sites(**kwargs):
    with _lock:
        _sites.clear()


post_save.connect(forget_sites, sender=Site, dispatch_uid="nec_forget_sites_on_save")
post_delete.connect(forget_sites, sender=Site, dispatch_uid="nec_forget_sites_on_delete")
