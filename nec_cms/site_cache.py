"""Remember, per process and until the next purge, which Wagtail Site answers a host.

Wagtail looks the Site (and its root page) up in the database on every request. The Site is
remembered under the page cache's generation (nec_cms/memo.py): publishing a page, or
editing a site, makes a new generation, so the remembered root page is never staler than
the database.
"""

from nec_cms import memo
from nec_cms.memo import current_generation


class SiteCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Nothing is looked up in the database here: a request that needs no Site
        # (robots.txt, /healthz with the database down) must not touch it. The Site Wagtail
        # found while serving is remembered afterwards.
        name = f"site:{request._get_raw_host()}:{request.get_port()}"
        generation = current_generation(request)
        site = memo.lookup(name, generation)
        if site is not None:
            request._wagtail_site = site
        response = self.get_response(request)
        found = getattr(request, "_wagtail_site", None)
        if site is None and found is not None and generation is not None:
            memo.remember(name, generation, found)
        return response
