"""The durable purge queue (caching.purge): a `Purge` row is written in the same transaction
as a change visitors can see, the purge goes out after the commit through the real
VarnishBackend, and one the proxy did not acknowledge stays pending until a later change or
`manage.py purge_frontend_cache` gets it through."""

import datetime
from contextlib import contextmanager

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import Query
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

from caching.backends import PurgeError, VarnishBackend
from caching.models import Purge
from caching.purge import failed_purges, pending_purges, send_pending
from editions.models import EditionParity, GenderDeclaration
from nec_cms.models import KeyPages, Navigation
from ressources.models import Theme
from tests.caching.conftest import unreachable_url
from tests.factories import home_page, make_edition, make_speaker

pytestmark = pytest.mark.django_db


@contextmanager
def committed():
    """Run the block as a transaction that commits. The test's own transaction never does:
    here the on-commit callbacks registered by the block run at its end and are forgotten,
    as Django does after a real commit, so that the next block starts a new transaction."""
    connection = transaction.get_connection()
    start = len(connection.run_on_commit)
    with transaction.atomic():
        yield
    callbacks = connection.run_on_commit[start:]
    del connection.run_on_commit[start:]
    for _savepoints, callback, _robust in callbacks:
        callback()


def publish(page, title):
    page.title = title
    page.save_revision().publish()


def new_purges(before):
    return Purge.objects.filter(pk__gt=before).order_by("pk")


def latest_id():
    return Purge.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_a_publish_is_recorded_in_its_transaction_and_sent_after_the_commit(varnish_purges):
    before = latest_id()
    with committed():
        publish(home_page(), "La démarche, revue")
        assert new_purges(before).filter(done_at=None).count() == 1, "recorded with the change"
        assert varnish_purges.received == [], "never sent before the commit"
    assert varnish_purges.received == [("/", "localhost")], "the site's root, its own Host"
    purge = new_purges(before).get()
    assert purge.done_at is not None
    assert purge.attempts == 1
    assert purge.last_error == ""


def test_a_rolled_back_change_leaves_no_purge(varnish_purges):
    before = latest_id()
    with pytest.raises(RuntimeError), committed():
        publish(home_page(), "Titre jamais publié")
        raise RuntimeError("the editor's transaction fails")
    assert not new_purges(before).exists()
    assert varnish_purges.received == []


def test_one_purge_per_transaction(varnish_purges):
    before = latest_id()
    with committed():
        publish(home_page(), "Un")
        make_edition(2031, "Brest")
        Theme.objects.filter(locale__language_code="fr").first().save()
    assert new_purges(before).count() == 1
    assert len(varnish_purges.received) == 1


def test_a_failed_purge_stays_pending_and_the_next_change_sends_it(varnish_purges):
    before = latest_id()
    varnish_purges.down()
    with committed():
        publish(home_page(), "Publié pendant que Varnish est injoignable")
    failed = new_purges(before).get()
    assert failed.done_at is None
    assert failed.attempts == 1
    assert "varnish-1" in failed.last_error
    assert list(failed_purges()) == [failed]

    varnish_purges.up()
    with committed():
        make_edition(2032, "Nancy")
    assert not pending_purges().exists(), "the next change sent both"
    assert Purge.objects.get(pk=failed.pk).attempts == 2
    assert varnish_purges.received == [("/", "localhost")], "one purge covers both"


def test_a_refused_purge_stays_pending(varnish_purges):
    varnish_purges.status = 405  # outside Varnish's ACL
    with committed():
        publish(home_page(), "Refusé")
    purge = pending_purges().get()
    assert "HTTP 405" in purge.last_error


def test_the_command_retries_and_says_so_in_french_while_it_fails(varnish_purges):
    varnish_purges.down()
    with committed():
        publish(home_page(), "Varnish en panne")
    with pytest.raises(CommandError, match="Purge toujours en attente : varnish-1"):
        call_command("purge_frontend_cache", verbosity=0)
    assert pending_purges().get().attempts == 2

    varnish_purges.up()
    call_command("purge_frontend_cache", verbosity=0)
    assert not pending_purges().exists()
    assert varnish_purges.received == [("/", "localhost")]


def test_the_command_can_purge_everything_at_once(varnish_purges):
    before = latest_id()
    call_command("purge_frontend_cache", "--all", verbosity=0)
    assert new_purges(before).get().done_at is not None
    assert varnish_purges.received == [("/", "localhost")]


def test_purges_done_more_than_a_week_ago_are_pruned(varnish_purges):
    Purge.objects.all().delete()
    long_ago = timezone.now() - datetime.timedelta(days=8)
    Purge.objects.create(reason="ancienne", done_at=long_ago)
    recent = Purge.objects.create(reason="récente", done_at=timezone.now())
    stuck = Purge.objects.create(reason="en attente depuis longtemps")
    Purge.objects.filter(pk=stuck.pk).update(requested_at=long_ago)
    assert send_pending()
    assert set(Purge.objects.values_list("pk", flat=True)) == {recent.pk, stuck.pk}, (
        "an old purge still pending is sent, not forgotten"
    )
    assert Purge.objects.get(pk=stuck.pk).done_at is not None


def test_a_draft_saved_on_a_live_page_purges_nothing(varnish_purges):
    before = latest_id()
    page = home_page()
    page.title = "Brouillon"
    with committed():
        page.save_revision()
    assert not new_purges(before).exists()
    assert varnish_purges.received == []


PAGE_CHANGES = {
    "unpublish": lambda edition: edition.unpublish(),
    "move": lambda edition: edition.move(home_page(), pos="last-child"),
    "delete": lambda edition: edition.delete(),
    "restrict": lambda edition: PageViewRestriction.objects.create(
        page=edition, restriction_type="password", password="partenaires"
    ),
}


@pytest.mark.parametrize("change", sorted(PAGE_CHANGES))
def test_every_page_change_visitors_can_see_purges(varnish_purges, change):
    with committed():
        edition = make_edition(2034, "Pau")
    before = latest_id()
    varnish_purges.received.clear()
    with committed():
        PAGE_CHANGES[change](edition)
    assert new_purges(before).count() == 1
    assert varnish_purges.received == [("/", "localhost")]


def snippet_and_setting_changes():
    def navigation():
        Navigation.objects.filter(locale__language_code="fr").first().save()

    def theme_deleted():
        Theme.objects.filter(locale__language_code="fr").last().delete()

    def key_pages():
        KeyPages.for_site(home_page().get_site()).save()

    def image():
        Image.objects.create(title="Plénière", file=get_test_image_file())

    def document():
        from django.core.files.base import ContentFile

        document = Document(title="Programme")
        document.file.save("programme.txt", ContentFile(b"Programme\n"), save=False)
        document.save()

    def redirect():
        Redirect.add_redirect("/ancienne-page", redirect_to=home_page())

    return {
        "navigation": navigation,
        "theme deleted": theme_deleted,
        "key pages setting": key_pages,
        "image": image,
        "document": document,
        "redirect": redirect,
    }


@pytest.mark.parametrize("change", sorted(snippet_and_setting_changes()))
def test_snippets_settings_and_media_purge(varnish_purges, change):
    before = latest_id()
    with committed():
        snippet_and_setting_changes()[change]()
    assert new_purges(before).count() == 1
    assert varnish_purges.received == [("/", "localhost")]


def test_what_the_parity_share_counts_purges(varnish_purges):
    """The edition's page shows its parity share: a declaration recorded, changed or
    deleted, and the figures kept after erasure, change it."""
    with committed():
        edition = make_edition(2031, "Lille")
        speaker = make_speaker("Claire Dupont")
    changes = [
        lambda: GenderDeclaration.objects.create(speaker=speaker, edition=edition, answer="femme"),
        lambda: GenderDeclaration.objects.update_or_create(
            speaker=speaker, edition=edition, defaults={"answer": "autre"}
        ),
        lambda: GenderDeclaration.objects.get(speaker=speaker).delete(),
        lambda: EditionParity.objects.create(edition_key=edition.translation_key, women=12),
    ]
    for change in changes:
        before = latest_id()
        with committed():
            change()
        assert new_purges(before).count() == 1


def test_search_statistics_purge_nothing(varnish_purges):
    before = latest_id()
    with committed():
        Query.get("numérique").add_hit()
    assert not new_purges(before).exists()


def test_the_backend_raises_when_varnish_is_unreachable_or_refuses():
    backend = VarnishBackend({"LOCATION": unreachable_url()})
    with pytest.raises(PurgeError):
        backend.purge("http://localhost/")


def test_the_backend_sends_purge_to_varnish_with_the_site_host(varnish_purges):
    VarnishBackend({"LOCATION": varnish_purges.url}).purge("https://nec.example.org/editions/")
    assert varnish_purges.received == [("/editions/", "nec.example.org")]
    varnish_purges.status = 405
    with pytest.raises(PurgeError, match="HTTP 405"):
        VarnishBackend({"LOCATION": varnish_purges.url}).purge("https://nec.example.org/")


def test_without_a_frontend_cache_nothing_is_left_pending(settings):
    settings.WAGTAILFRONTENDCACHE = {}
    before = latest_id()
    with committed():
        publish(home_page(), "Sans Varnish")
    assert new_purges(before).get().done_at is not None, "development: nothing to purge"
