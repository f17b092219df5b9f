"""What the Varnish tests do to the site's database from another process, as an editor or
an operator would, through Wagtail's API and the real signals, so that the post-commit purge
reaches the real Varnish:

    python -m tests.caching.stack_tasks prepare
    python -m tests.caching.stack_tasks publish <slug> <title>

Run by tests/caching/stack.py with the server's environment (settings, DATABASE_URL,
NEC_VARNISH_URLS). Each prints one JSON line.
"""

import json
import sys

import django

PROTECTED_SLUG = "espace-partenaires"


def prepare():
    """An editor with a session (the cookie a browser would carry after logging in) and a
    password-protected page, whose form sets a CSRF cookie."""
    from django.test import Client
    from wagtail.models import PageViewRestriction

    from home.models import ContentPage
    from tests.factories import home_page, make_user

    page = ContentPage(
        title="Espace partenaires",
        slug=PROTECTED_SLUG,
        intro="<p>Réservé aux partenaires.</p>",
    )
    home_page().add_child(instance=page)
    page.save_revision().publish()
    PageViewRestriction.objects.create(
        page=page, restriction_type="password", password="partenaires-2026"
    )
    client = Client()
    client.force_login(make_user("redaction", ["Modérateurs"]))
    return {"session": client.cookies["sessionid"].value, "protected": page.url}


def publish(slug, title):
    from wagtail.models import Page

    from caching.purge import pending_purges

    page = Page.objects.get(slug=slug, locale__language_code="fr").specific
    page.title = title
    page.save_revision().publish()
    return {"url": page.url, "pending": pending_purges().count()}


def main(task, *args):
    django.setup()
    result = {"prepare": prepare, "publish": publish}[task](*args)
    print(json.dumps(result))


if __name__ == "__main__":
    main(*sys.argv[1:])
