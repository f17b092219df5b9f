"""Uploaded images, served by the application under MEDIA_URL.

Production runs Varnish in front of gunicorn, and Varnish cannot read files: the app answers
for /media/ itself and Varnish keeps the answers. Only image files are served this way,
from the two folders Wagtail writes them to: original_images/ (originals) and images/
(renditions). Images are public by nature. Documents never are served from /media/: they go
through Wagtail's document view (/documents/<id>/<name>, WAGTAILDOCS_SERVE_METHOD), which
enforces the privacy of their collection. No directory listing, nothing else under MEDIA_ROOT.
"""

import os
import posixpath
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404, HttpResponseNotModified
from django.utils._os import safe_join
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from django.views.static import was_modified_since

IMAGE_FOLDERS = ("images/", "original_images/")
# Set here rather than guessed: Python 3.11 does not know AVIF, and nothing else is served.
CONTENT_TYPES = {
    ".avif": "image/avif",
    ".gif": "image/gif",
    ".jpeg": "image/jpeg",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
}
# A file's name does not change while the file exists (a new upload or rendition gets a new
# name), so the proxy keeps it long; it is purged with the site whenever an image changes.
# Browsers keep it a day: a name can come back after its image was deleted.
CACHE_CONTROL = "public, max-age=86400, s-maxage=31536000"


def image_path(path):
    """The file on disk for ``path`` (relative to MEDIA_URL), or Http404."""
    if not path or path != posixpath.normpath(path) or path.startswith(("/", "../")):
        raise Http404
    if not path.startswith(IMAGE_FOLDERS):
        raise Http404
    if PurePosixPath(path).suffix.lower() not in CONTENT_TYPES:
        raise Http404
    try:
        full_path = safe_join(settings.MEDIA_ROOT, path)
    except SuspiciousFileOperation as error:
        raise Http404 from error
    if not os.path.isfile(full_path):
        raise Http404
    return full_path


@require_safe
def serve_image(request, path):
    full_path = image_path(path)
    modified = os.stat(full_path).st_mtime
    if not was_modified_since(request.headers.get("if-modified-since"), modified):
        response = HttpResponseNotModified()
    else:
        content_type = CONTENT_TYPES[PurePosixPath(path).suffix.lower()]
        response = FileResponse(open(full_path, "rb"), content_type=content_type)  # noqa: SIM115 - closed by the response
    response["Last-Modified"] = http_date(modified)
    response["Cache-Control"] = CACHE_CONTROL
    response["X-Content-Type-Options"] = "nosniff"
    return response


def media_urlpatterns():
    """The route for uploaded images, when media live on this server (MEDIA_URL a path)."""
    from django.urls import path

    prefix = settings.MEDIA_URL
    if not prefix.startswith("/") or prefix.startswith("//"):
        return []  # media on another host (object storage): nothing to serve here
    return [path(prefix.lstrip("/") + "<path:path>", serve_image, name="media_image")]
