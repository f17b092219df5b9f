"""Uploaded images, served by the application under MEDIA_URL.

Production runs Varnish in front of gunicorn, and Varnish cannot read files: the app answers
for /media/ itself and Varnish keeps the answers. The files come from the default storage:
MEDIA_ROOT, or a private bucket of object storage shared by every app server, which visitors
never ask directly (no request to another host, no public object). Only image files are
served this way, from the two folders Wagtail writes them to: original_images/ (originals)
and images/ (renditions). Images are public by nature. Documents never are served from
/media/: they go through Wagtail's document view (/documents/<id>/<name>,
WAGTAILDOCS_SERVE_METHOD), which enforces the privacy of their collection. No directory
listing, nothing else under MEDIA_ROOT.
"""

import posixpath
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotModified
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


def _storage_errors():
    """What object storage raises when it cannot answer (botocore only with django-storages)."""
    try:
        from botocore.exceptions import BotoCoreError, ClientError
    except ImportError:  # pragma: no cover - botocore comes with the pinned requirements
        return ()
    return (BotoCoreError, ClientError)


def image_name(path):
    """``path`` (relative to MEDIA_URL) if it names an image Wagtail wrote, or Http404."""
    if not path or path != posixpath.normpath(path) or path.startswith(("/", "../")):
        raise Http404
    if not path.startswith(IMAGE_FOLDERS):
        raise Http404
    if PurePosixPath(path).suffix.lower() not in CONTENT_TYPES:
        raise Http404
    return path


def unavailable():
    response = HttpResponse(status=503, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def serve_image(request, path):
    name = image_name(path)
    storage = default_storage
    try:
        if not storage.exists(name):
            raise Http404
        modified = storage.get_modified_time(name).timestamp()
        if not was_modified_since(request.headers.get("if-modified-since"), modified):
            response = HttpResponseNotModified()
        else:
            content_type = CONTENT_TYPES[PurePosixPath(name).suffix.lower()]
            response = FileResponse(storage.open(name, "rb"), content_type=content_type)
    except (SuspiciousFileOperation, FileNotFoundError, IsADirectoryError) as error:
        raise Http404 from error
    except (OSError, *_storage_errors()):
        # The object store (or the disk) is away: a short answer Varnish does not keep (it
        # goes on serving the copies it holds), not a server error.
        return unavailable()
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
