"""The review workflow as editors and moderators live it: an editor submits a resource,
moderators are told by mail, a moderator approves it from the dashboard and reads what
happened, the author is told by mail. Mail settings come from the environment."""

import html as htmllib
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield
from wagtail.users.models import UserProfile

from ressources.models import ResourcePage, ResourceType, Theme
from tests.factories import library_page, make_user
from tests.mailbox import Mailbox
from tests.server import production_env

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)


@pytest.fixture
def editor():
    return make_user("editrice", ["Éditeurs"])


@pytest.fixture
def moderator():
    return make_user("moderateur", ["Modérateurs"])


def submit_new_resource(client, title="Guide des tiers-lieux"):
    """What the editor does in the admin: fill in a new resource and « Soumettre à
    Relecture avant publication »."""
    theme = Theme.objects.get(slug="inclusion-numerique", locale__language_code="fr")
    kind = ResourceType.objects.get(slug="guide", locale__language_code="fr")
    data = nested_form_data(
        {
            "title": title,
            "slug": "guide-des-tiers-lieux",
            "excerpt": "Ouvrir un tiers-lieu numérique, pas à pas.",
            "body": streamfield([]),
            "documents": streamfield([]),
            "licence": "cc-by-sa-4.0",
            "language": "fr",
            "authors": "Équipe NEC",
            "publication_date": "2024-05-01",
            "action-submit": "submit",
        }
    )
    url = reverse("wagtailadmin_pages:add", args=("ressources", "resourcepage", library_page().pk))
    response = client.post(url, {**data, "themes": [theme.pk], "resource_types": [kind.pk]})
    assert response.status_code == 302, response.content.decode()[:3000]
    return ResourcePage.objects.get(slug="guide-des-tiers-lieux")


def dashboard_actions(client):
    """The workflow buttons of the dashboard's « awaiting your review » panel: label → URL."""
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    return {
        htmllib.unescape(label.strip()): htmllib.unescape(url)
        for url, label in re.findall(
            r'<button data-workflow-action-url="([^"]+)"[^>]*>([^<]+)</button>', html
        )
    }


def shown_messages(response):
    html = htmllib.unescape(response.content.decode())
    return " ".join(
        " ".join(re.sub(r"<[^>]+>", " ", m).split())
        for m in re.findall(
            r'<li class="[^"]*(?:success|warning|error)[^"]*"[^>]*>(.*?)</li>', html, re.S
        )
    )


def test_moderators_are_told_of_a_submission_and_the_author_of_the_approval(
    client, editor, moderator
):
    client.force_login(editor)
    resource = submit_new_resource(client)
    assert not resource.live
    assert resource.current_workflow_state.status == "in_progress"

    submitted = [message for message in mail.outbox if moderator.email in message.to]
    assert len(submitted) == 1, [m.to for m in mail.outbox]
    assert "Guide des tiers-lieux" in submitted[0].subject
    assert "Relecture par les modérateurs" in submitted[0].body  # the task to do
    assert not [message for message in mail.outbox if editor.email in message.to]
    assert submitted[0].from_email == settings.DEFAULT_FROM_EMAIL
    mail.outbox.clear()

    client.force_login(moderator)
    actions = dashboard_actions(client)
    assert "Approuver" in actions, actions
    dashboard = reverse("wagtailadmin_home")
    response = client.post(actions["Approuver"], {"next": dashboard}, follow=True)
    assert response.redirect_chain[-1][0] == dashboard
    assert "La page « Guide des tiers-lieux » a été approuvée et publiée." in shown_messages(
        response
    )
    resource.refresh_from_db()
    assert resource.live
    approved = [message for message in mail.outbox if editor.email in message.to]
    assert len(approved) == 1
    assert "Guide des tiers-lieux" in approved[0].subject
    assert "approuv" in approved[0].subject.lower()


def test_the_author_is_told_when_changes_are_requested(client, editor, moderator):
    client.force_login(editor)
    resource = submit_new_resource(client)
    mail.outbox.clear()

    client.force_login(moderator)
    actions = dashboard_actions(client)
    assert "Demander des modifications" in actions, actions
    response = client.post(
        actions["Demander des modifications"],
        {"comment": "Ajoutez le programme en PDF.", "next": reverse("wagtailadmin_home")},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert json.loads(response.content)["step"] == "success"
    response = client.get(reverse("wagtailadmin_home"))
    assert "Des modifications ont été demandées pour la page « Guide des tiers-lieux »" in (
        shown_messages(response)
    )
    resource.refresh_from_db()
    assert not resource.live
    rejected = [message for message in mail.outbox if editor.email in message.to]
    assert len(rejected) == 1
    assert "Ajoutez le programme en PDF." in rejected[0].body


def test_an_editor_without_notifications_gets_no_mail(client, editor, moderator):
    profile = UserProfile.get_for_user(moderator)
    profile.submitted_notifications = False
    profile.save()
    client.force_login(editor)
    submit_new_resource(client)
    assert not [message for message in mail.outbox if moderator.email in message.to]


# --- A real SMTP server ---------------------------------------------------------------------


@pytest.fixture
def smtp_server():
    with Mailbox() as box:
        yield box


def wait_for(mailbox, count, timeout=5):
    """The messages received, once there are `count` of them (or the time is up)."""
    deadline = time.monotonic() + timeout
    while len(mailbox.messages) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return [message for _recipients, message in mailbox.messages]


def test_notifications_reach_a_real_smtp_server(client, editor, moderator, smtp_server, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_server.port
    client.force_login(editor)
    submit_new_resource(client)
    received = wait_for(smtp_server, 1)
    assert [message["To"] for message in received] == [moderator.email]
    assert "Guide des tiers-lieux" in received[0]["Subject"]


PRODUCTION_MAIL_SCRIPT = """
import django
django.setup()
from django.conf import settings
from wagtail.admin.mail import send_mail
send_mail("Essai", "Un courriel de la production.", ["moderation@example.org"])
print(settings.EMAIL_HOST, settings.EMAIL_PORT, settings.DEFAULT_FROM_EMAIL)
"""


def test_production_takes_its_mail_server_from_the_environment(tmp_path, smtp_server):
    env = production_env(
        tmp_path,
        host="numerique-en-communs.example.org",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp_server.port),
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", PRODUCTION_MAIL_SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    received = wait_for(smtp_server, 1)
    assert len(received) == 1
    assert received[0]["To"] == "moderation@example.org"
    sender = str(received[0]["From"])  # decoded: tests/mailbox.py reads with policy.default
    assert "Numérique en Commun[s]" in sender
    assert "<ne-pas-repondre@numerique-en-communs.example.org>" in sender
