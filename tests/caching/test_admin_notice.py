"""Editors are told, in French, when their changes have not left the HTTP cache yet: a
message right after the change, and a dashboard panel while any purge is pending."""

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from caching.purge import pending_purges
from home.models import ContentPage
from ressources.models import Theme
from tests.caching.test_purge import committed, publish
from tests.factories import home_page, make_user

pytestmark = pytest.mark.django_db

STALE = "le cache du site n’a pas pu être vidé"
PANEL = "Cache du site : mise à jour en attente"


def publish_new_page(client, slug):
    url = reverse("wagtailadmin_pages:add", args=("home", "contentpage", home_page().pk))
    data = nested_form_data(
        {
            "title": "Appel à contributions",
            "slug": slug,
            "intro": rich_text("<p>Une nouvelle page.</p>"),
            "body": streamfield([]),
            "action-publish": "publish",
        }
    )
    return client.post(url, data)


def edit_theme(client):
    theme = Theme.objects.filter(locale__language_code="fr").first()
    url = reverse(theme.snippet_viewset.get_url_name("edit"), args=(theme.pk,))
    data = {"name": theme.name + " (revu)", "slug": theme.slug, "description": "Revu."}
    return client.post(url, data)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_no_warning_when_the_purge_goes_through(moderator_client, varnish_purges):
    with committed():
        response = publish_new_page(moderator_client, "appel-a-contributions")
    assert response.status_code == 302
    assert ContentPage.objects.get(slug="appel-a-contributions").live
    assert not any(STALE in message for message in messages_of(response))
    assert varnish_purges.received == [("/", "localhost")]
    dashboard = moderator_client.get(reverse("wagtailadmin_home")).content.decode()
    assert PANEL not in dashboard


def test_an_editor_is_warned_while_varnish_is_down_until_the_retry_succeeds(
    moderator_client, varnish_purges
):
    varnish_purges.down()
    # A change made while Varnish cannot be reached: committed, purge pending. (Here the
    # test's own transaction holds the commit back until after the view has answered; in
    # production the purge is tried before Wagtail's after-publish hooks run, so the editor
    # who made the change is warned at once.)
    with committed():
        publish(home_page(), "La démarche, mise à jour")
    assert pending_purges().count() == 1

    # The next change through the admin: a warning in French beside Wagtail's success message.
    response = publish_new_page(moderator_client, "appel-a-contributions")
    assert response.status_code == 302
    assert any(STALE in message for message in messages_of(response))
    response = edit_theme(moderator_client)
    assert response.status_code == 302
    assert any(STALE in message for message in messages_of(response)), "snippets too"

    # The dashboard says so to every editor while it lasts; the error is for administrators.
    dashboard = moderator_client.get(reverse("wagtailadmin_home")).content.decode()
    assert PANEL in dashboard
    assert "Un nouvel essai est fait chaque minute" in dashboard
    assert "Dernière erreur" not in dashboard
    admin = make_user("administratrice", superuser=True)
    moderator_client.force_login(admin)
    dashboard = moderator_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Dernière erreur" in dashboard
    assert "varnish-1" in dashboard

    # Varnish is back: the minute's retry sends everything, and the notice goes.
    varnish_purges.up()
    call_command("purge_frontend_cache", verbosity=0)
    assert not pending_purges().exists()
    assert varnish_purges.received == [("/", "localhost")]
    dashboard = moderator_client.get(reverse("wagtailadmin_home")).content.decode()
    assert PANEL not in dashboard
    response = edit_theme(moderator_client)
    assert not any(STALE in message for message in messages_of(response))
