"""The frontend cache backend for the site's Varnish (deploy/varnish/nec.vcl).

Wagtail's HTTPBackend sends `PURGE <url>` and only logs a failure; the durable purge queue
(caching.purge) needs to know whether the proxy acknowledged, so this backend raises.
The VCL answers a PURGE by banning every page of the site: a change can show on any page.
"""

from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from wagtail import __version__
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest

TIMEOUT_SECONDS = 3


class PurgeError(Exception):
    """The proxy did not acknowledge a purge."""


class VarnishBackend(HTTPBackend):
    def purge(self, url):
        parts = urlsplit(url)
        request = PurgeRequest(
            url=urlunsplit((self.cache_scheme, self.cache_netloc, parts.path or "/", "", "")),
            headers={"Host": parts.netloc, "User-Agent": f"Wagtail-frontendcache/{__version__}"},
        )
        try:
            with urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
                status = response.status
        except HTTPError as error:
            raise PurgeError(f"{self.cache_netloc}: HTTP {error.code} {error.reason}") from error
        except (URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise PurgeError(f"{self.cache_netloc}: {reason}") from error
        if status != 200:
            raise PurgeError(f"{self.cache_netloc}: HTTP {status}")
