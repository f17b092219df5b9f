"""Editors upload through the admin: a file that is not what its name says, too big, or
broken is refused with a French message, in the single and the multiple upload views."""

import html as htmllib
import io
import struct
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(make_user("mediatheque", superuser=True))
    return client


# --- Files, real or bogus ----------------------------------------------------------------


def pdf_bytes():
    return b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def elf_bytes():
    return b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56 + b"\x02\x00\x3e\x00" * 16


def pe_bytes():
    header = bytearray(b"MZ" + b"\x90\x00" * 29)
    header += b"\x00" * (60 - len(header)) + struct.pack("<I", 64)
    return bytes(header) + b"PE\x00\x00" + b"\x4c\x01" + b"\x00" * 200


def zip_bytes(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries:
            compress = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, content, compress_type=compress)
    return buffer.getvalue()


def docx_bytes(extra=()):
    return zip_bytes(
        [("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>"), *extra]
    )


def odt_bytes(mimetype="application/vnd.oasis.opendocument.text"):
    return zip_bytes([("mimetype", mimetype), ("content.xml", "<office:document-content/>")])


def png_bytes(size=(64, 48)):
    image = PILImage.effect_noise(size, 64).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def bomb_png(width, height):
    """A real, valid 1-bit PNG of width × height black pixels: a few KB on disk, hundreds of
    megabytes once decoded."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    row = b"\x00" * (1 + (width + 7) // 8)
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def upload(name, content):
    return SimpleUploadedFile(name, content)


def root_collection():
    return Collection.get_first_root_node().pk


# --- Documents ------------------------------------------------------------------------------


def add_file(client, view, name, content):
    """Upload through the admin's add view of documents or images."""
    return client.post(
        reverse(view),
        {"title": name, "file": upload(name, content), "collection": root_collection()},
    )


def assert_refused(response, message, model):
    assert response.status_code == 200, "the form is shown again"
    html = htmllib.unescape(response.content.decode())
    assert message in html, html[html.find("error-message") : html.find("error-message") + 800]
    assert not model.objects.exists()


def add_document(client, name, content):
    return add_file(client, "wagtaildocs:add", name, content)


def assert_document_refused(response, message):
    assert_refused(response, message, Document)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("rapport.pdf", pdf_bytes()),
        ("guide.docx", docx_bytes()),
        ("compte-rendu.odt", odt_bytes()),
        ("kit.zip", zip_bytes([("lisez-moi.txt", "Bonjour"), ("affiche.pdf", pdf_bytes())])),
        ("participants.csv", "nom;ville\nÉlodie;Besançon\n".encode("cp1252")),
        ("notes.txt", "Numérique en Commun[s] — notes\n".encode()),
        ("sous-titres.vtt", b"WEBVTT\n\n00:00.000 --> 00:01.000\nBonjour\n"),
        ("captation.mp4", b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64),
        ("podcast.ogg", b"OggS\x00\x02" + b"\x00" * 64),
    ],
)
def test_genuine_documents_are_accepted(admin_client, name, content):
    response = add_document(admin_client, name, content)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Document.objects.get().title == name


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("rapport.pdf", elf_bytes(), "est un programme exécutable"),
        ("rapport.pdf", pe_bytes(), "est un programme exécutable"),
        ("rapport.pdf", b"<html><script>alert(1)</script></html>", "ce n’est pas un document PDF"),
        ("guide.docx", zip_bytes([("a.txt", "x")]), "ce n’est pas un document Word"),
        ("guide.docx", docx_bytes([("word/vbaProject.bin", "x")]), "contient des macros"),
        ("bilan.xlsx", docx_bytes(), "ce n’est pas un classeur Excel"),
        (
            "compte-rendu.odt",
            odt_bytes("application/x-autre"),
            "ce n’est pas un texte OpenDocument",
        ),
        ("compte-rendu.odt", pdf_bytes(), "ce n’est pas un texte OpenDocument"),
        ("kit.zip", zip_bytes([("installer.exe", pe_bytes())]), "contient un programme"),
        ("kit.zip", b"PK\x03\x04 tronque", "ce n’est pas une archive ZIP"),
        ("participants.csv", png_bytes(), "ce n’est pas un fichier texte CSV"),
        ("sous-titres.vtt", b"1\n00:00:00,000 --> 00:00:01,000\n", "des sous-titres WebVTT"),
        ("captation.mp4", b"not a video at all" * 10, "ce n’est pas une vidéo MP4"),
        ("vide.pdf", b"", "vide"),
    ],
)
def test_documents_that_are_not_what_they_claim_are_refused(admin_client, name, content, message):
    assert_document_refused(add_document(admin_client, name, content), message)


def test_a_forbidden_extension_is_refused_in_french(admin_client):
    response = add_document(admin_client, "outil.exe", pe_bytes())
    assert_document_refused(response, "n’est pas autorisée. Les extensions autorisées sont")


def test_an_oversized_document_is_refused(admin_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = add_document(admin_client, "gros.pdf", pdf_bytes() + b"0" * 2048)
    assert_document_refused(response, "Ce fichier est trop gros")


def test_the_multiple_uploader_refuses_a_renamed_executable(admin_client):
    response = admin_client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": upload("programme.pdf", elf_bytes()), "collection": root_collection()},
    )
    data = response.json()
    assert data["success"] is False
    assert "est un programme exécutable" in data["error_message"]
    assert not Document.objects.exists()


# --- Images ---------------------------------------------------------------------------------


def add_image(client, name, content):
    return add_file(client, "wagtailimages:add", name, content)


def assert_image_refused(response, message):
    assert_refused(response, message, Image)


def test_a_genuine_image_is_accepted(admin_client):
    response = add_image(admin_client, "pleniere.png", png_bytes())
    assert response.status_code == 302
    assert Image.objects.get().width == 64


def test_a_truncated_image_is_refused(admin_client):
    content = png_bytes((300, 200))
    response = add_image(admin_client, "tronquee.png", content[: len(content) * 2 // 3])
    assert_image_refused(response, "Cette image est endommagée ou incomplète")


def test_a_decompression_bomb_is_refused(admin_client):
    content = bomb_png(12_000, 12_000)  # 144 million pixels in ~20 KB
    assert len(content) < 100_000
    response = add_image(admin_client, "bombe.png", content)
    assert_image_refused(response, "Ce fichier a un trop grand nombre de pixels (144000000)")


def test_a_huge_decompression_bomb_is_refused_not_a_server_error(admin_client):
    # Beyond twice Pillow's own limit, Pillow raises instead of warning.
    response = add_image(admin_client, "bombe.png", bomb_png(20_000, 20_000))
    assert_image_refused(response, "dimensions démesurées")


def test_an_image_whose_content_does_not_match_its_extension_is_refused(admin_client):
    response = add_image(admin_client, "photo.jpg", png_bytes())
    assert_image_refused(response, "ne correspond pas format du fichier (png)")


def test_svg_is_not_accepted(admin_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    assert_image_refused(add_image(admin_client, "logo.svg", svg), "Format d'image non supporté")


def test_an_executable_named_as_an_image_is_refused(admin_client):
    assert_image_refused(add_image(admin_client, "photo.png", elf_bytes()), "image valide")


def test_an_oversized_image_is_refused(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1000
    response = add_image(admin_client, "grande.png", png_bytes((200, 200)))
    assert_image_refused(response, "Ce fichier est trop gros")


def test_the_multiple_uploader_refuses_a_truncated_image(admin_client):
    content = png_bytes((300, 200))
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": upload("tronquee.png", content[:1500]), "collection": root_collection()},
    )
    data = response.json()
    assert data["success"] is False
    assert "Cette image est endommagée ou incomplète" in data["error_message"]
    assert not Image.objects.exists()


# --- One clear reason per refusal, in every upload view ----------------------------------


def form_errors(response):
    """Every error of the upload form the response shows (Wagtail joins a field's errors in
    one paragraph: count them on the form)."""
    form = response.context["form"]
    return [str(error) for errors in form.errors.values() for error in errors]


def refusal_reasons(client, kind, view, name, content):
    """What an editor reads when ``view`` refuses the file: a list of reasons."""
    prefix = {"documents": "document-chooser-upload-", "images": "image-chooser-upload-"}[kind]
    app = {"documents": "wagtaildocs", "images": "wagtailimages"}[kind]
    if view == "add":
        response = client.post(
            reverse(f"{app}:add"),
            {"title": name, "file": upload(name, content), "collection": root_collection()},
        )
        assert response.status_code == 200
        return form_errors(response)
    if view == "add_multiple":
        response = client.post(
            reverse(f"{app}:add_multiple"),
            {"files[]": upload(name, content), "collection": root_collection()},
        )
        data = response.json()
        assert data["success"] is False
        return [line for line in data["error_message"].splitlines() if line.strip()]
    response = client.post(
        reverse(f"{app}_chooser:create"),
        {
            f"{prefix}title": name,
            f"{prefix}file": upload(name, content),
            f"{prefix}collection": root_collection(),
        },
    )
    data = response.json()
    assert data["step"] == "reshow_creation_form"
    return form_errors(response)


UPLOAD_VIEWS = ["add", "add_multiple", "chooser"]


@pytest.mark.parametrize("view", UPLOAD_VIEWS)
@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("rapport.pdf", elf_bytes(), "Ce fichier est un programme exécutable"),
        ("rapport.pdf", b"<html></html>", "ce n’est pas un document PDF"),
        ("outil.exe", pe_bytes(), "L'extension de fichier « exe » n’est pas autorisée"),
        ("vide.pdf", b"", "Le fichier soumis est vide"),
    ],
)
def test_a_refused_document_gets_exactly_one_reason(admin_client, view, name, content, reason):
    reasons = refusal_reasons(admin_client, "documents", view, name, content)
    assert len(reasons) == 1, reasons
    assert reason in htmllib.unescape(reasons[0]).replace("\xa0", " "), reasons
    assert not Document.objects.exists()


@pytest.mark.parametrize("view", UPLOAD_VIEWS)
@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("tronquee.png", png_bytes((300, 200))[:1500], "Cette image est endommagée"),
        ("photo.png", elf_bytes(), "image valide"),
        ("photo.jpg", png_bytes(), "ne correspond pas format du fichier (png)"),
        ("bombe.png", bomb_png(12_000, 12_000), "trop grand nombre de pixels (144000000)"),
        (
            "bombe.png",
            bomb_png(20_000, 20_000),
            "dimensions démesurées (400 000 000 pixels)",
        ),
    ],
)
def test_a_refused_image_gets_exactly_one_reason(admin_client, view, name, content, reason):
    reasons = refusal_reasons(admin_client, "images", view, name, content)
    assert len(reasons) == 1, reasons
    assert reason in reasons[0].replace("\xa0", " "), reasons
    assert "?" not in reasons[0]
    assert not Image.objects.exists()
