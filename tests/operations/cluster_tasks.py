"""What tests/operations/test_two_app_servers.py does to the shared database from a process of
its own, with the app servers' environment (PostgreSQL, object storage, Redis):

    python -m tests.operations.cluster_tasks prepare
    python -m tests.operations.cluster_tasks draft <slug> <title>
    python -m tests.operations.cluster_tasks image <id>
    python -m tests.operations.cluster_tasks state <slug>

Each prints one JSON line.
"""

import json
import sys

import django


def prepare():
    """An administrator's session as a browser holds it after logging in with both factors
    (the second factor's device recorded in the session, as django-otp does on success)."""
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp.plugins.otp_totp.models import TOTPDevice

    staff = get_user_model().objects.create_superuser(
        "exploitation", "exploitation@example.org", "mot-de-passe-exploitation-9"
    )
    device = TOTPDevice.objects.create(user=staff, name="Téléphone", confirmed=True)
    session = SessionStore()
    session["_auth_user_id"] = str(staff.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = staff.get_session_auth_hash()
    session["otp_device_id"] = device.persistent_id
    session.save()
    return {"session": session.session_key}


def draft(slug, title):
    """A new title saved as a draft (not published: visitors do not see it yet)."""
    from wagtail.models import Page

    page = Page.objects.get(slug=slug, locale__language_code="fr").specific
    page.title = title
    revision = page.save_revision()
    return {"page": page.pk, "revision": revision.pk, "url": page.url}


def image(pk):
    """The file of image `pk` and a rendition of it, made here (another process than the
    server that received the upload)."""
    from wagtail.images.models import Image

    found = Image.objects.get(pk=pk)
    rendition = found.get_rendition("fill-160x120|format-webp")
    return {"file": found.file.name, "url": found.file.url, "rendition": rendition.url}


def state(slug):
    from wagtail.images.models import Image
    from wagtail.models import Page

    page = Page.objects.get(slug=slug, locale__language_code="fr")
    return {"title": page.title, "live": page.live, "images": Image.objects.count()}


def main(task, *args):
    django.setup()
    result = {"prepare": prepare, "draft": draft, "image": image, "state": state}[task](*args)
    print(json.dumps(result))


if __name__ == "__main__":
    main(*sys.argv[1:])
