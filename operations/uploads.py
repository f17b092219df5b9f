"""What editors may upload: a file must be what its extension says.

Wagtail checks the extension (WAGTAILDOCS_EXTENSIONS, WAGTAILIMAGES_EXTENSIONS), the size
and, for images, the header and the pixel count. These forms (WAGTAILDOCS_DOCUMENT_FORM_BASE,
WAGTAILIMAGES_IMAGE_FORM_BASE) add what the extension cannot tell:
- documents: the content matches the extension (magic bytes, the structure of zip-based
  office formats, text that really is text), no executable, no macros, no zip bomb;
- images: the whole image decodes (a truncated file would break every page showing it),
  and a decompression bomb is refused instead of exhausting memory.
Every refusal is a French message next to the file field, in the single and the multiple
upload views alike.
"""

import struct
import warnings
import zipfile
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageSequence
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

HEAD_SIZE = 64 * 1024
ZIP_MAX_UNCOMPRESSED = 1024**3
ZIP_MAX_MEMBERS = 10_000

# What each extension is, in words an editor understands.
FORMAT_NAMES = {
    "pdf": _("un document PDF"),
    "odt": _("un texte OpenDocument"),
    "ods": _("un tableur OpenDocument"),
    "odp": _("une présentation OpenDocument"),
    "docx": _("un document Word"),
    "xlsx": _("un classeur Excel"),
    "pptx": _("une présentation PowerPoint"),
    "epub": _("un livre numérique EPUB"),
    "zip": _("une archive ZIP"),
    "csv": _("un fichier texte CSV"),
    "txt": _("un fichier texte"),
    "vtt": _("des sous-titres WebVTT"),
    "mp4": _("une vidéo MP4"),
    "webm": _("une vidéo WebM"),
    "mp3": _("un fichier audio MP3"),
    "ogg": _("un fichier audio ou vidéo Ogg"),
}
OPENDOCUMENT_MIMETYPES = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "epub": "application/epub+zip",
}
OOXML_FOLDERS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
MEDIA_KINDS = {
    "mp4": {"mp4", "m4v", "m4a", "mov"},
    "webm": {"webm"},
    "mp3": {"mp3"},
    "ogg": {"ogg", "opus", "oga", "ogv"},
}
# Programs have no place in a resource library, even inside an archive.
EXECUTABLE_EXTENSIONS = {
    "apk", "app", "bat", "cmd", "com", "cpl", "dll", "exe", "hta", "jar", "js", "jse", "lnk",
    "msi", "msp", "ps1", "scr", "sh", "vbe", "vbs", "wsf",
}  # fmt: skip
MACHO_MAGICS = (
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
)


class Refused(Exception):
    """A check failed; the message is for the editor."""


def _read_head(fileobj, size=HEAD_SIZE):
    fileobj.seek(0)
    head = fileobj.read(size)
    fileobj.seek(0)
    return head


def looks_executable(head):
    if head.startswith((b"\x7fELF", *MACHO_MAGICS, b"#!/")):
        return True
    if head.startswith(b"MZ") and len(head) >= 64:
        offset = int.from_bytes(head[60:64], "little")
        return head[offset : offset + 4] == b"PE\0\0" or b"\0" in head[:64]
    return False


def _mismatch(extension):
    return Refused(
        _(
            "Le contenu de ce fichier ne correspond pas à son extension .%(extension)s : ce "
            "n’est pas %(format)s. Vérifiez le fichier, ou enregistrez-le de nouveau dans ce "
            "format avant de le déposer."
        )
        % {"extension": extension, "format": FORMAT_NAMES.get(extension, extension)}
    )


def _check_zip(fileobj, extension):
    fileobj.seek(0)
    try:
        archive = zipfile.ZipFile(fileobj)
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise _mismatch(extension) from error
    if len(members) > ZIP_MAX_MEMBERS or sum(m.file_size for m in members) > ZIP_MAX_UNCOMPRESSED:
        raise Refused(
            _(
                "Cette archive est trop volumineuse une fois décompressée (plus de "
                "%(limit)s ou plus de %(count)s fichiers)."
            )
            % {"limit": filesizeformat(ZIP_MAX_UNCOMPRESSED), "count": ZIP_MAX_MEMBERS}
        )
    names = [member.filename for member in members]
    for name in names:
        if PurePath(name).suffix.lower().lstrip(".") in EXECUTABLE_EXTENSIONS:
            raise Refused(
                _("Cette archive contient un programme (%(name)s), qui ne peut pas être déposé.")
                % {"name": name}
            )
    if extension in OPENDOCUMENT_MIMETYPES:
        try:
            mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
        except (KeyError, zipfile.BadZipFile, OSError, RuntimeError) as error:
            raise _mismatch(extension) from error
        if mimetype != OPENDOCUMENT_MIMETYPES[extension]:
            raise _mismatch(extension)
    elif extension in OOXML_FOLDERS:
        folder = OOXML_FOLDERS[extension]
        if "[Content_Types].xml" not in names or not any(n.startswith(folder) for n in names):
            raise _mismatch(extension)
    if any(PurePath(name).name.lower() == "vbaproject.bin" for name in names):
        raise Refused(
            _(
                "Ce document contient des macros, qui ne sont pas acceptées. Enregistrez-le "
                "sans macros, puis déposez-le de nouveau."
            )
        )


def _check_text(head, extension):
    if b"\0" in head:
        raise _mismatch(extension)
    sample = head.removeprefix(b"\xef\xbb\xbf")
    try:
        # The sample may end inside a multi-byte character.
        text = sample.decode("utf-8") if len(sample) < HEAD_SIZE else sample[:-3].decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = sample.decode("cp1252")  # spreadsheets exported on Windows
        except UnicodeDecodeError as error:
            raise _mismatch(extension) from error
    if extension == "vtt" and not text.startswith("WEBVTT"):
        raise _mismatch(extension)


def check_document(uploaded):
    """Raise Refused if the uploaded file is not what its allowed extension says."""
    extension = PurePath(uploaded.name or "").suffix.lower().lstrip(".")
    head = _read_head(uploaded)
    if not head:
        raise Refused(_("Ce fichier est vide."))
    if looks_executable(head):
        raise Refused(
            _(
                "Ce fichier est un programme exécutable, pas un document : il ne peut pas "
                "être déposé."
            )
        )
    if extension == "pdf":
        if b"%PDF-" not in head[:1024]:
            raise _mismatch(extension)
    elif extension in OPENDOCUMENT_MIMETYPES or extension in OOXML_FOLDERS or extension == "zip":
        if not head.startswith(b"PK\x03\x04"):
            raise _mismatch(extension)
        _check_zip(uploaded, extension)
    elif extension in {"csv", "txt", "vtt"}:
        _check_text(head, extension)
    elif extension in MEDIA_KINDS:
        kind = filetype.guess(head)
        if kind is None or kind.extension not in MEDIA_KINDS[extension]:
            raise _mismatch(extension)
    uploaded.seek(0)


class DocumentForm(BaseDocumentForm):
    def add_error(self, field, error):
        # Once the file is refused, Wagtail's model check of the extension sees no file at
        # all and would add « L'extension de fichier « » n'est pas autorisée » below the
        # real reason: one reason per refusal.
        if field is None and self.has_error("file") and hasattr(error, "error_dict"):
            error.error_dict.pop("file", None)
            if not error.error_dict:
                return
        super().add_error(field, error)

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if not isinstance(uploaded, UploadedFile):
            return uploaded  # unchanged file, or nothing uploaded
        extension = PurePath(uploaded.name or "").suffix.lower().lstrip(".")
        if extension not in getattr(settings, "WAGTAILDOCS_EXTENSIONS", [extension]):
            return uploaded  # Wagtail refuses the extension itself, with its own message
        try:
            check_document(uploaded)
        except Refused as refusal:
            raise ValidationError(str(refusal.args[0]), code="invalid_content") from refusal
        return uploaded


# --- Images ---------------------------------------------------------------------------------

IMAGE_UNREADABLE = _(
    "Cette image est endommagée ou incomplète : elle n’a pas pu être lue en entier. "
    "Exportez-la de nouveau depuis votre logiciel d’image, puis déposez-la."
)
IMAGE_BOMB = _(
    "Cette image déclare des dimensions démesurées (%(pixels)s pixels) pour un fichier si "
    "petit : elle est refusée. Réduisez ses dimensions, puis déposez-la de nouveau."
)
IMAGE_BOMB_UNKNOWN = _(
    "Cette image déclare des dimensions démesurées pour un fichier si petit : elle est "
    "refusée. Réduisez ses dimensions, puis déposez-la de nouveau."
)


def declared_pixels(uploaded):
    """The pixel count an image's header declares, read without Pillow's bomb check (which
    refuses to open the file at all), or None when no image format recognises it."""
    Image.init()
    uploaded.seek(0)
    prefix = uploaded.read(16)
    try:
        for format_id in Image.ID:
            factory, accept = Image.OPEN[format_id]
            if accept is not None and not accept(prefix):
                continue
            uploaded.seek(0)
            try:
                image = factory(uploaded, "")
            except (SyntaxError, OSError, ValueError, IndexError, TypeError, struct.error):
                continue
            width, height = image.size
            return width * height
        return None
    finally:
        uploaded.seek(0)


def bomb_refusal(uploaded):
    pixels = declared_pixels(uploaded)
    if pixels is None:
        return IMAGE_BOMB_UNKNOWN
    return IMAGE_BOMB % {"pixels": f"{pixels:,}".replace(",", " ")}


def check_image(uploaded, max_pixels):
    """Decode the whole image (every frame): a truncated or corrupt file is refused here
    rather than breaking every page that shows it later."""
    uploaded.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(uploaded) as image:
                width, height = image.size
                if max_pixels and width * height > max_pixels:
                    raise Refused(IMAGE_BOMB % {"pixels": f"{width * height:,}".replace(",", " ")})
                for frame in ImageSequence.Iterator(image):
                    frame.load()
    except Refused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise Refused(bomb_refusal(uploaded)) from error
    except Exception as error:  # noqa: BLE001 - Pillow raises many kinds for a bad file
        raise Refused(IMAGE_UNREADABLE) from error
    finally:
        uploaded.seek(0)


class SafeImageField(WagtailImageField):
    """Wagtail's image field, where no failure of the image library becomes a server error."""

    def to_python(self, data):
        try:
            with warnings.catch_warnings():
                # The pixel limit is enforced below, with a clear message.
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                uploaded = super().to_python(data)
        except ValidationError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise ValidationError(bomb_refusal(data), code="image_bomb") from error
        except Exception as error:  # noqa: BLE001 - any other failure: unreadable image
            raise ValidationError(IMAGE_UNREADABLE, code="invalid_image") from error
        if uploaded is None:
            return None
        try:
            check_image(uploaded, self.max_image_pixels)
        except Refused as refusal:
            raise ValidationError(str(refusal.args[0]), code="invalid_image") from refusal
        return uploaded


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None and not isinstance(field, SafeImageField):
            self.fields["file"] = SafeImageField(
                label=field.label,
                required=field.required,
                widget=field.widget,
                max_length=field.max_length,
            )
