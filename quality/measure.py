"""Estimate what a first visit to a page transfers, without a browser.

The page is rendered through the Django test client (the whole middleware stack, as an
anonymous visitor); the files it references are read from the static and media storages and
counted compressed, as whitenoise (or any front server) sends them. The browser test suite
measures the same figures in Chromium; this estimate is what editors see in the admin.

What a browser would fetch, and so what is counted:
- the HTML, gzip-compressed;
- each stylesheet, script, icon and preloaded file (``<link>``, ``<script src>``);
- ``url(…)`` files inside local stylesheets (fonts, background images);
- each image: for ``<picture>`` the first ``<source>`` (the browser takes the first format
  it supports; current browsers support AVIF and WebP), and in a ``srcset`` the candidate a
  desktop browser picks for an 800 px wide column (``IMAGE_SLOT_PX``);
- ``<video poster>``, ``<audio>``/``<video>`` files are *not* counted: they load on demand.
Each distinct URL is one request. A file on another host counts as a request of unknown
size (it should not exist: the site makes no third-party request).
"""

import gzip
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage

from quality.ecoindex import EcoIndex

IMAGE_SLOT_PX = 800
# Formats that are already compressed: whitenoise does not gzip them (whitenoise.compress).
ALREADY_COMPRESSED = frozenset(
    {
        "jpg", "jpeg", "png", "gif", "webp", "avif", "heic", "zip", "gz", "tgz", "bz2", "tbz",
        "xz", "br", "swf", "flv", "woff", "woff2", "3gp", "3gpp", "asf", "avi", "m4v", "mov",
        "mp4", "mpeg", "mpg", "webm", "wmv", "mp3", "ogg", "oga", "opus", "m4a", "pdf",
    }
)  # fmt: skip
LINK_RELS_FETCHED = frozenset({"stylesheet", "icon", "preload", "modulepreload", "manifest"})
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


@dataclass
class Resource:
    url: str
    kind: str  # "css", "js", "image", "other"
    size: int | None  # compressed bytes; None when not found on this server


@dataclass
class Measurement:
    url: str
    html_bytes: int
    dom_elements: int
    ecoindex_dom: int
    resources: list = field(default_factory=list)

    @property
    def requests(self):
        return 1 + len(self.resources)

    @property
    def transfer_bytes(self):
        return self.html_bytes + sum(r.size or 0 for r in self.resources)

    @property
    def ecoindex(self):
        return EcoIndex.compute(self.ecoindex_dom, self.requests, self.transfer_bytes)

    def bytes_of(self, kind):
        return sum(r.size or 0 for r in self.resources if r.kind == kind)

    @property
    def missing(self):
        return [r.url for r in self.resources if r.size is None]


def compressed_size(data, name=""):
    """Bytes on the wire: gzip (level 9, like whitenoise) unless the format is already
    compressed or gzip saves less than 5 %."""
    extension = PurePosixPath(name).suffix.lower().lstrip(".")
    if extension in ALREADY_COMPRESSED:
        return len(data)
    compressed = len(gzip.compress(data, compresslevel=9, mtime=0))
    return compressed if compressed < len(data) * 0.95 else len(data)


def read_local_file(path):
    """The content of a static or media file served at ``path`` by this site, or None."""
    static_url = urlsplit(settings.STATIC_URL).path
    media_url = urlsplit(settings.MEDIA_URL).path
    if static_url and path.startswith(static_url):
        name = path[len(static_url) :]
        try:
            if staticfiles_storage.exists(name):
                with staticfiles_storage.open(name) as handle:
                    return handle.read()
        except (NotImplementedError, ValueError, OSError):
            pass
        found = finders.find(name)
        if found:
            with open(found, "rb") as handle:
                return handle.read()
        return None
    if media_url and path.startswith(media_url):
        name = path[len(media_url) :]
        try:
            with default_storage.open(name) as handle:
                return handle.read()
        except (FileNotFoundError, OSError, ValueError):
            return None
    return None


def pick_from_srcset(srcset):
    """The candidate a browser picks for an IMAGE_SLOT_PX wide slot: the narrowest at least
    that wide, else the widest."""
    candidates = []
    for item in srcset.split(","):
        parts = item.strip().split()
        if not parts:
            continue
        width = 0
        if len(parts) > 1 and parts[1].endswith("w") and parts[1][:-1].isdigit():
            width = int(parts[1][:-1])
        candidates.append((width, parts[0]))
    if not candidates:
        return None
    wide_enough = sorted(c for c in candidates if c[0] >= IMAGE_SLOT_PX)
    return (wide_enough[0] if wide_enough else max(candidates))[1]


def image_urls(soup):
    urls = []
    for img in soup.find_all("img"):
        picture = img.find_parent("picture")
        source = picture.find("source", srcset=True) if picture else None
        if source is not None:
            chosen = pick_from_srcset(source["srcset"])
        elif img.get("srcset"):
            chosen = pick_from_srcset(img["srcset"])
        else:
            chosen = img.get("src")
        if chosen:
            urls.append(chosen)
    return urls


def referenced_urls(soup):
    """(url, kind) of what a browser fetches after the HTML, in document order."""
    found = []
    for link in soup.find_all("link", href=True):
        rels = {rel.lower() for rel in link.get("rel", [])}
        if rels & LINK_RELS_FETCHED:
            found.append((link["href"], "css" if "stylesheet" in rels else "other"))
    found.extend((script["src"], "js") for script in soup.find_all("script", src=True))
    found.extend((url, "image") for url in image_urls(soup))
    return found


def count_elements(soup):
    """(all elements, elements outside any <svg>): the second is what the EcoIndex counts."""
    elements = soup.find_all(True)
    inside_svg = sum(len(svg.find_all(True)) for svg in soup.find_all("svg"))
    return len(elements), len(elements) - inside_svg


def measure_html(html, page_url):
    """Measure a rendered page: ``html`` as bytes, ``page_url`` its absolute URL."""
    soup = BeautifulSoup(html, "html.parser")
    dom_elements, ecoindex_dom = count_elements(soup)
    measurement = Measurement(
        url=page_url,
        html_bytes=compressed_size(html, "page.html"),
        dom_elements=dom_elements,
        ecoindex_dom=ecoindex_dom,
    )
    page_host = urlsplit(page_url).netloc
    seen = set()
    queue = list(referenced_urls(soup))
    while queue:
        url, kind = queue.pop(0)
        absolute = urljoin(page_url, url)
        if absolute in seen or absolute.startswith("data:"):
            continue
        seen.add(absolute)
        parts = urlsplit(absolute)
        data = read_local_file(parts.path) if parts.netloc == page_host else None
        size = compressed_size(data, parts.path) if data is not None else None
        measurement.resources.append(Resource(url=absolute, kind=kind, size=size))
        if kind == "css" and data is not None:
            css = data.decode("utf-8", errors="replace")
            queue.extend(
                (urljoin(absolute, match.group(2)), "other") for match in CSS_URL.finditer(css)
            )
    return measurement
