"""Prepare the database and files of the browser suite's server, in one process:

    python -m tests.browser.prepare

migrate, the seed content (with demo resources once ``load_nec_content --demo N`` exists),
a page showing every content block with a real image and document, then collectstatic.
Run by tests/browser/server.py with DJANGO_SETTINGS_MODULE=tests.browser.settings and a
throwaway DATABASE_URL, MEDIA_ROOT and NEC_BROWSER_STATIC_ROOT.
"""

import io
import os

import django

BLOCKS_PAGE_SLUG = "blocs-de-contenu"
DEMO_RESOURCES = int(os.environ.get("NEC_BROWSER_DEMO_RESOURCES", "24"))


def seed_command_options():
    """``--demo N`` when the seed loader offers it (the library is built in parallel)."""
    from django.core.management import get_commands, load_command_class

    command = load_command_class(get_commands()["load_nec_content"], "load_nec_content")
    parser = command.create_parser("manage.py", "load_nec_content")
    if any("--demo" in action.option_strings for action in parser._actions):
        return {"demo": DEMO_RESOURCES}
    return {}


def photo_file():
    """A 1600 × 1000 picture with soft gradients, about the weight of a photograph."""
    from django.core.files.images import ImageFile
    from PIL import Image

    size = (1600, 1000)
    red = Image.linear_gradient("L").resize(size)
    green = Image.radial_gradient("L").resize(size)
    blue = Image.linear_gradient("L").rotate(90).resize(size)
    buffer = io.BytesIO()
    Image.merge("RGB", (red, green, blue)).save(buffer, format="PNG")
    return ImageFile(buffer, name="atelier-mediation-numerique.png")


def make_blocks_page():
    """A content page with every body block at its preview value, an image and a document:
    the templates of the block library meet axe, the HTML checker and the budgets."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from blocks import BodyStreamBlock
    from home.models import ContentPage, HomePage

    home = HomePage.objects.get(locale__language_code="fr")
    if ContentPage.objects.filter(slug=BLOCKS_PAGE_SLUG).exists():
        return
    get_image_model().objects.create(title="Atelier de médiation numérique", file=photo_file())
    document = get_document_model()(title="Programme de l’édition 2025")
    document.file.save(
        "programme-2025.txt", ContentFile("Programme de l’édition 2025\n".encode()), save=False
    )
    document.save()

    stream = BodyStreamBlock()
    page = ContentPage(
        title="Tous les blocs de contenu",
        slug=BLOCKS_PAGE_SLUG,
        intro="<p>Chaque bloc de contenu, tel qu’il s’affiche sur le site.</p>",
        body=[(name, block.get_preview_value()) for name, block in stream.child_blocks.items()],
    )
    home.add_child(instance=page)
    page.save_revision().publish()


def main():
    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_nec_content", verbosity=0, **seed_command_options())
    make_blocks_page()
    call_command("collectstatic", interactive=False, verbosity=0)
    # Render the pages with images once, so that renditions (AVIF is slow to encode) exist
    # before the first measured visit.
    response = Client().get(f"/{BLOCKS_PAGE_SLUG}/", headers={"host": "127.0.0.1"})
    if response.status_code != 200:
        raise SystemExit(f"/{BLOCKS_PAGE_SLUG}/ answered {response.status_code}")


if __name__ == "__main__":
    main()
