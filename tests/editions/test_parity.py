"""Charter engagement n°2 — no all-male panel — on every path that publishes a session.

Each path test publishes the same refused line-up (two people declared « homme ») the way
that path does, and checks the session stayed unpublished with the rule's message; without
the guard in `SessionPage.save()` (or the session form, for the edit view) each would
publish it."""

import datetime
import html as htmllib
import re
from io import StringIO
from unittest import mock

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, Workflow
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from editions import parity
from editions.choices import GenderAnswer
from editions.models import (
    GenderDeclaration,
    ParityAttestation,
    SessionPage,
    parity_verdict,
)
from nec_cms.publishing import PublishRefused
from tests.factories import (
    make_edition,
    make_programme,
    make_session,
    make_speaker,
    make_user,
    speaker_index,
)

pytestmark = pytest.mark.django_db

REFUSED = "L’engagement n°2 de la charte"


# -- building a programme -----------------------------------------------------------------


@pytest.fixture
def edition():
    return make_edition(2031, "Testville")


@pytest.fixture
def programme(edition):
    return make_programme(edition)


def person(name, answer=None, edition=None):
    page = make_speaker(name)
    if answer is not None:
        GenderDeclaration.objects.create(speaker=page, edition=edition, answer=answer)
    return page


def draft_session(programme, people, title="Table ronde sur les communs"):
    return make_session(
        programme,
        title,
        people,
        publish=False,
        format="round_table",
        date=datetime.date(2031, 10, 1),
    )


@pytest.fixture
def two_men(edition):
    return [
        person("Paul Martin", GenderAnswer.MAN, edition),
        person("Jean Durand", GenderAnswer.MAN, edition),
    ]


def is_live(page):
    return SessionPage.objects.get(pk=page.pk).live


def page_text(response):
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


# -- the rule ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "answers, expected",
    [
        ([], parity.OK),
        (["man"], parity.OK),
        (["man", "man"], parity.REFUSED),
        (["man", "man", "man", "man"], parity.REFUSED),
        (["man", "woman"], parity.OK),
        (["man", "other"], parity.OK),
        (["man", ""], parity.NEEDS_ATTESTATION),
        (["man", "declined"], parity.NEEDS_ATTESTATION),
        (["", ""], parity.NEEDS_ATTESTATION),
        (["woman", "woman"], parity.OK),
        (["", "woman"], parity.OK),
    ],
)
def test_the_rule(answers, expected):
    assert parity.judge(answers) == expected


def test_answers_of_another_edition_do_not_count(programme, edition):
    other = make_edition(2030, "Ailleurs")
    women_elsewhere = [person("Ana Lopez", GenderAnswer.WOMAN, other), person("Zoé Roy")]
    GenderDeclaration.objects.create(speaker=women_elsewhere[1], edition=other, answer="woman")
    session = draft_session(programme, women_elsewhere)
    assert session.parity_verdict().status == parity.NEEDS_ATTESTATION


def test_a_translation_shares_the_declarations_of_its_source(programme, two_men):
    """Declarations are made on the default language's pages; translations of the same
    people and edition read them through their translation keys."""
    session = draft_session(programme, two_men)
    assert session.parity_verdict().status == parity.REFUSED
    english = [
        speaker.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
        for speaker in two_men
    ]
    keys = [speaker.translation_key for speaker in english]
    edition_key = programme.get_parent().translation_key
    assert parity_verdict(session.translation_key, edition_key, keys).status == parity.REFUSED


# -- every path that publishes --------------------------------------------------------------


def test_a_revision_published_from_code_is_refused(programme, two_men):
    session = draft_session(programme, two_men)
    with pytest.raises(PublishRefused, match="engagement n°2"):
        session.get_latest_revision().publish()
    assert not is_live(session)


def test_a_page_saved_live_from_code_is_refused(programme, two_men):
    session = SessionPage(
        title="Plénière",
        slug="pleniere",
        format="plenary",
        date=datetime.date(2031, 10, 1),
        start_time=datetime.time(9),
        end_time=datetime.time(10),
        room="Amphi",
    )
    for speaker in two_men:
        session.speakers.add(session.speakers.model(speaker=speaker))
    with pytest.raises(PublishRefused):
        programme.add_child(instance=session)
    assert not SessionPage.objects.filter(slug="pleniere").exists()


def test_a_mixed_panel_is_published(programme, edition, two_men):
    panel = [*two_men, person("Awa Diallo", GenderAnswer.WOMAN, edition)]
    session = draft_session(programme, panel)
    session.get_latest_revision().publish()
    assert is_live(session)


def test_an_undeclared_panel_needs_a_moderators_attestation(programme, edition):
    panel = [person("Paul Martin", GenderAnswer.MAN, edition), person("Camille Petit")]
    session = draft_session(programme, panel)
    with pytest.raises(PublishRefused, match="attest"):
        session.get_latest_revision().publish()
    moderator = make_user("moderatrice", ["Modérateurs"])
    ParityAttestation.objects.create(
        session_key=session.translation_key,
        lineup=parity.lineup_key(session.speaker_keys()),
        attested_by=moderator,
        attested_by_name="Modératrice",
    )
    session.get_latest_revision().publish()
    assert is_live(session)


def test_an_attestation_holds_for_its_line_up_only(programme, edition):
    first = [person("Paul Martin", GenderAnswer.MAN, edition), person("Camille Petit")]
    session = draft_session(programme, first)
    ParityAttestation.objects.create(
        session_key=session.translation_key,
        lineup=parity.lineup_key(session.speaker_keys()),
        attested_by_name="Modératrice",
    )
    session.speakers.add(session.speakers.model(speaker=person("Louis Blanc")))
    session.save_revision()
    with pytest.raises(PublishRefused):
        session.get_latest_revision().publish()


def session_form_data(session, speakers, **actions):
    return nested_form_data(
        {
            "title": session.title,
            "slug": session.slug,
            "format": session.format,
            "language": "fr",
            "date": "2031-10-01",
            "start_time": "10:00",
            "end_time": "11:00",
            "room": "Salle 1",
            "intro": rich_text("<p>Un résumé saisi juste avant de publier.</p>"),
            "speakers": inline_formset(
                [{"speaker": speaker.pk, "role": "speaker"} for speaker in speakers]
            ),
            "resources": streamfield([]),
            "replay_licence": "cc-by-sa-4.0",
            "transcript": rich_text(""),
            **actions,
        }
    )


def test_the_edit_view_refuses_and_keeps_what_was_typed(client, programme, two_men):
    session = draft_session(programme, two_men)
    client.force_login(make_user("moderateur", ["Modérateurs"]))
    url = reverse("wagtailadmin_pages:edit", args=(session.pk,))
    response = client.post(url, session_form_data(session, two_men, **{"action-publish": "1"}))
    assert response.status_code == 200
    text = page_text(response)
    assert REFUSED in text
    # The abstract typed comes back in the form (Draftail's JSON escapes the accents).
    assert "saisi juste avant de publier" in htmllib.unescape(response.content.decode())
    assert not is_live(session)


def test_the_edit_view_saves_the_draft_without_judging_it(client, programme, two_men):
    session = draft_session(programme, two_men)
    client.force_login(make_user("moderateur", ["Modérateurs"]))
    url = reverse("wagtailadmin_pages:edit", args=(session.pk,))
    response = client.post(url, session_form_data(session, two_men))
    assert response.status_code == 302
    assert not is_live(session)


def submitted_for_review(session):
    editor = make_user("editrice", ["Éditeurs"])
    workflow = Workflow.objects.get(name="Relecture avant publication")
    workflow.start(session, editor)
    return editor


def test_approval_from_the_edit_view_is_refused(client, programme, two_men):
    session = draft_session(programme, two_men)
    submitted_for_review(session)
    client.force_login(make_user("moderateur", ["Modérateurs"]))
    url = reverse("wagtailadmin_pages:edit", args=(session.pk,))
    data = session_form_data(
        session, two_men, **{"action-workflow-action": "1", "workflow-action-name": "approve"}
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert REFUSED in page_text(response)
    assert not is_live(session)
    assert SessionPage.objects.get(pk=session.pk).current_workflow_state.status == "in_progress"


def test_approval_from_the_dashboard_is_refused_and_nothing_is_half_done(
    client, programme, two_men
):
    session = draft_session(programme, two_men)
    submitted_for_review(session)
    client.force_login(make_user("moderateur", ["Modérateurs"]))
    dashboard = reverse("wagtailadmin_home")
    html = htmllib.unescape(client.get(dashboard).content.decode())
    approve = re.search(
        r'<button data-workflow-action-url="([^"]+)"[^>]*>\s*Approuver\s*</button>', html
    )
    assert approve, "the dashboard offers to approve the session"
    response = client.post(approve.group(1), {"next": dashboard}, follow=True)
    assert response.status_code == 200
    assert REFUSED in page_text(response)
    session = SessionPage.objects.get(pk=session.pk)
    assert not session.live
    # The approval was rolled back with the publication: the review is still to do.
    assert session.current_workflow_state.status == "in_progress"
    assert session.current_workflow_state.current_task_state.status == "in_progress"


def test_bulk_publish_is_refused(client, programme, two_men):
    session = draft_session(programme, two_men)
    client.force_login(make_user("moderateur", ["Modérateurs"]))
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    response = client.post(f"{url}?id={session.pk}", {"include_descendants": ""}, follow=True)
    assert response.status_code == 200
    assert REFUSED in page_text(response)
    assert not is_live(session)


def test_scheduled_publishing_refuses_it_and_publishes_the_others(programme, edition, two_men):
    refused = draft_session(programme, two_men, title="Panel refusé")
    fine = draft_session(
        programme,
        [person("Awa Diallo", GenderAnswer.WOMAN, edition), person("Luc Moreau")],
        title="Panel accepté",
    )
    past = timezone.now() - datetime.timedelta(minutes=5)
    for session in (refused, fine):
        session.get_latest_revision().__class__.objects.filter(
            pk=session.get_latest_revision().pk
        ).update(approved_go_live_at=past)
    errors = StringIO()
    call_command("publish_scheduled", stdout=StringIO(), stderr=errors)
    assert not is_live(refused)
    assert is_live(fine)
    assert "Panel refusé" in errors.getvalue()
    assert REFUSED in errors.getvalue()
    # Its schedule is cancelled: the next run does not try again.
    assert not refused.revisions.filter(approved_go_live_at__isnull=False).exists()


def test_a_translation_published_with_wagtail_localize_is_refused(client, programme, edition):
    """The French session was published with a woman declared; the declaration was then
    corrected. The translator's publication of the English session is refused."""
    from wagtail_localize.models import Translation, TranslationSource

    awa = person("Awa Diallo", GenderAnswer.WOMAN, edition)
    paul = person("Paul Martin", GenderAnswer.MAN, edition)
    session = draft_session(programme, [awa, paul])
    session.get_latest_revision().publish()
    english = Locale.objects.get(language_code="en")
    for page in (edition.get_parent(), edition, programme, speaker_index(), awa, paul):
        if not page.specific.has_translation(english):
            source, _created = TranslationSource.get_or_create_from_instance(page.specific)
            Translation.objects.create(source=source, target_locale=english).save_target(
                publish=True
            )
    source, _created = TranslationSource.get_or_create_from_instance(session)
    translation = Translation.objects.create(source=source, target_locale=english)
    translation.save_target(publish=False)
    GenderDeclaration.objects.filter(speaker=awa).update(answer=GenderAnswer.MAN)

    client.force_login(make_user("traductrice", ["Traducteurs"], superuser=True))
    target = session.get_translation(english)
    url = reverse("wagtailadmin_pages:edit", args=(target.pk,))
    # wagtail-localize publishes once its transaction commits; the test's transaction never
    # does, so the callback runs at once, as it would at the end of the request.
    with mock.patch("wagtail_localize.models.transaction.on_commit", lambda callback: callback()):
        response = client.post(url, {"action": "publish"}, HTTP_REFERER=f"http://testserver{url}")
    assert response.status_code == 302
    assert any(REFUSED in str(message) for message in get_messages(response.wsgi_request))
    assert not SessionPage.objects.get(pk=target.pk).live


def test_a_refusal_raised_when_the_request_commits_becomes_a_message(rf, settings):
    """wagtail-localize publishes in an on_commit callback, after the view returned: the
    refusal then comes out of the middleware's transaction."""
    from django.contrib.messages.storage.fallback import FallbackStorage

    from nec_cms.publishing import PublishRefusedMiddleware

    def publishes_at_commit(request):
        raise PublishRefused("Refusée à la validation.")

    url = "/" + settings.NEC_ADMIN_PATH + "localize/translate/1/"
    request = rf.post(url, HTTP_REFERER=f"http://testserver{url}")
    request.session = {}
    request._messages = FallbackStorage(request)
    response = PublishRefusedMiddleware(publishes_at_commit)(request)
    assert response.status_code == 302
    assert response["Location"] == f"http://testserver{url}"
    assert [str(message).strip() for message in request._messages] == ["Refusée à la validation."]
