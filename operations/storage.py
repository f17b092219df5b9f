"""Object storage for media, addressed through this site.

django-storages' S3Storage gives each file the store's own URL, signed for a few minutes.
Wagtail writes that URL into pages (`{% image %}`, `srcset_image`), so visitors' browsers
would ask another host (which the site never lets them do) with links that expire while
Varnish still serves the page. Here a file's URL is its path under MEDIA_URL instead:
images are served by operations/media.py, which reads the bucket, documents by Wagtail's
document view, which checks their collection's privacy. The bucket stays private.

A store that does not answer raises botocore's errors, which Wagtail does not expect:
reading a file turns them into OSError, as a missing disk would, so that a page whose
rendition is not made yet is served without the image rather than turned into an error.
"""

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage


class StorageUnavailable(OSError):
    """The object store did not answer (nec_cms.views.server_error answers 503 for it)."""


class SiteMediaStorage(S3Storage):
    def url(self, name, parameters=None, expire=None, http_method=None):
        return settings.MEDIA_URL + filepath_to_uri(name).lstrip("/")

    def _open(self, name, mode="rb"):
        try:
            return super()._open(name, mode)
        except (BotoCoreError, ClientError) as error:
            raise StorageUnavailable(f"Object storage unavailable for {name}: {error}") from error
