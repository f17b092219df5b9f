"""The public API at /api/v2/: live public pages only, the fields each type declares and no
other, rich text as public HTML, taxonomies, hostile parameters answered with a 400."""

import datetime

import pytest
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from home.models import CharterPage, ContentPage, HomePage
from tests.factories import (
    home_page,
    make_edition,
    make_event,
    make_programme,
    make_resource,
    make_session,
    make_speaker,
)
from tests.queries import committed_query_count

pytestmark = pytest.mark.django_db

# Every key a page's API detail may hold, by page type: a field added to `api_fields` must be
# added here on purpose, after checking it is public.
META = {"id", "meta", "title"}
INTRO = {"intro"}
EVENT = {
    "start_date", "start_time", "end_date", "end_time", "starts_at", "ends_at", "status",
    "format", "venue", "address", "postcode", "commune", "region", "departments",
    "online_url", "registration_url", "accessibility", "accessibility_details", "is_example",
    "zone", "themes", "intro", "body",
}  # fmt: skip
EXPOSED = {
    "home.HomePage": INTRO | {"history", "carrier_text", "activities_intro", "activities",
                              "values", "body", "carrier_title"},
    "home.ContentPage": INTRO | {"body"},
    "home.LegalPage": INTRO | {"facts", "body"},
    "home.CharterPage": INTRO | {"engagements", "body"},
    "home.SitemapPage": INTRO,
    "editions.EditionIndexPage": INTRO | {"body"},
    "editions.EditionPage": INTRO | {"year", "city", "venue", "format", "figures", "body"},
    "ressources.ResourceIndexPage": INTRO,
    "ressources.ResourcePage": {"excerpt", "body", "documents", "themes", "resource_types",
                                "audiences", "licence", "authors", "publication_date",
                                "language", "edition", "is_example"},
    "agenda.LocalNecIndexPage": INTRO | {"body"},
    "agenda.EventIndexPage": INTRO | {"body"},
    "agenda.LocalNecPage": EVENT | {"organisers", "partners", "documents", "resources",
                                    "figures"},
    "agenda.EventPage": EVENT | {"kind", "audiences"},
    "agenda.OrganiserFormPage": INTRO | {"consent_text", "body"},
    "opendata.DatasetsPage": INTRO,
    "editions.ProgrammePage": INTRO,
    "editions.SessionPage": INTRO | {"format", "date", "start_time", "end_time", "room",
                                     "language", "sign_language", "live_captions",
                                     "do_not_record", "replay_duration", "replay_licence",
                                     "is_example", "themes", "audiences", "people_on_stage",
                                     "public_replay_url", "transcript"},
    "editions.SpeakerIndexPage": INTRO,
    "editions.SpeakerPage": {"organisation", "job_title", "public_bio", "public_photo",
                             "public_photo_alt", "website", "mastodon", "linkedin",
                             "is_example"},
}  # fmt: skip
# Keys that must never appear anywhere in an answer, at any depth.
PRIVATE = {
    "email", "to_address", "from_address", "subject", "password", "owner", "locked_by",
    "latest_revision", "form_fields", "submissions", "gender", "user",
}  # fmt: skip


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.content[:300])
    assert response["Content-Type"] == "application/json"
    return response.json()


def all_keys(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from all_keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from all_keys(item)


@pytest.fixture
def content():
    resource = make_resource("Guide des communs", themes=["communs-souverainete"])
    event = make_event(
        "NEC Occitanie",
        datetime.date.today(),
        local=True,
        commune="Toulouse",
        region="76",
        departments=["31"],
    )
    meetup = make_event("Rencontre", datetime.date.today())
    page = ContentPage(title="À propos", slug="a-propos")
    home_page().add_child(instance=page)
    page.save_revision().publish()
    edition = make_edition(2031, "Testville")
    programme = make_programme(edition)
    speaker = make_speaker("Claire Dupont", email="claire.secrete@adresse-privee.example")
    session = make_session(programme, "Atelier des communs", [speaker])
    return {
        "resource": resource,
        "event": event,
        "meetup": meetup,
        "page": page,
        "session": session,
        "speaker": speaker,
    }


def test_every_page_type_exposes_exactly_its_declared_fields_and_nothing_private(client, content):
    listing = get(client, "/api/v2/pages/?limit=50")
    seen = set()
    for offset in range(0, listing["meta"]["total_count"], 50):
        for item in get(client, f"/api/v2/pages/?limit=50&offset={offset}")["items"]:
            detail = get(client, f"/api/v2/pages/{item['id']}/")
            kind = detail["meta"]["type"]
            seen.add(kind)
            assert set(detail) == META | EXPOSED[kind], kind
            leaked = set(all_keys(detail)) & PRIVATE
            assert not leaked, (kind, leaked)
    assert seen == set(EXPOSED)  # every public page type was looked at


def test_only_live_public_pages_are_listed(client, content):
    draft = make_resource("Brouillon secret", publish=False)
    hidden = ContentPage(title="Page réservée", slug="reservee")
    home_page().add_child(instance=hidden)
    hidden.save_revision().publish()
    PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="x")
    ids = {
        item["id"]
        for offset in (0, 50, 100)
        for item in get(client, f"/api/v2/pages/?limit=50&offset={offset}")["items"]
    }
    total = get(client, "/api/v2/pages/")["meta"]["total_count"]
    assert total <= 150, "read more pages of the listing in this test"
    assert content["resource"].pk in ids
    assert draft.pk not in ids and hidden.pk not in ids
    get(client, f"/api/v2/pages/{hidden.pk}/", status=404)
    get(client, f"/api/v2/pages/{draft.pk}/", status=404)


def test_both_languages_are_served_and_filtered_by_locale_and_translation(client):
    charter = CharterPage.objects.get(locale__language_code="fr")
    english = get(client, "/api/v2/pages/?locale=en&limit=50")["items"]
    assert english and all(item["meta"]["locale"] == "en" for item in english)
    translations = get(client, f"/api/v2/pages/?translation_of={charter.pk}")["items"]
    assert [(item["title"], item["meta"]["locale"]) for item in translations] == [
        ("The NEC charter", "en")
    ] or [item["meta"]["locale"] for item in translations] == ["en"]


def test_rich_text_is_public_html_with_absolute_links(client):
    charter = CharterPage.objects.get(locale__language_code="fr")
    page = ContentPage(
        title="Page avec lien",
        slug="page-avec-lien",
        intro=f'<p>Lire <a linktype="page" id="{charter.pk}">la charte</a>.</p>',
        body=[("paragraph", f'<p>Voir <a linktype="page" id="{charter.pk}">la charte</a>.</p>')],
    )
    home_page().add_child(instance=page)
    page.save_revision().publish()
    detail = get(client, f"/api/v2/pages/{page.pk}/")
    assert detail["intro"] == '<p>Lire <a href="http://testserver/charte/">la charte</a>.</p>'
    (paragraph,) = detail["body"]
    assert paragraph["type"] == "paragraph"
    assert 'href="http://testserver/charte/"' in paragraph["value"]
    assert "linktype" not in str(detail)


def test_rich_text_inside_struct_blocks_is_expanded_too(client):
    charter = CharterPage.objects.get(locale__language_code="fr")
    detail = get(client, f"/api/v2/pages/{charter.pk}/")
    engagements = detail["engagements"]
    assert engagements and all(item["value"]["text"].startswith("<p") for item in engagements)
    assert "linktype" not in str(detail)


def test_resources_show_their_terms_by_slug_and_name(client, content):
    detail = get(client, f"/api/v2/pages/{content['resource'].pk}/")
    assert detail["themes"] == [{"slug": "communs-souverainete", "name": "Communs & souveraineté"}]


def test_taxonomies_are_endpoints_of_their_own_in_both_languages(client):
    french = get(client, "/api/v2/themes/?locale=fr")["items"]
    english = get(client, "/api/v2/themes/?locale=en")["items"]
    assert len(french) == len(english) == 6
    assert {"name", "slug", "locale"} <= set(english[0])
    assert {item["locale"] for item in english} == {"en"}
    assert get(client, "/api/v2/types/")["meta"]["total_count"] == 16
    assert get(client, "/api/v2/audiences/?locale=fr")["meta"]["total_count"] == 7


def test_documents_of_restricted_collections_are_not_listed(client):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    Document = get_document_model()
    root = Collection.get_first_root_node()
    private = root.add_child(name="Interne")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type="password", password="x"
    )
    public = Document(title="Programme public")
    public.file.save("programme.txt", ContentFile(b"programme"), save=False)
    public.save()
    secret = Document(title="Compte rendu interne", collection=private)
    secret.file.save("interne.txt", ContentFile(b"interne"), save=False)
    secret.save()
    titles = {item["title"] for item in get(client, "/api/v2/documents/?fields=title")["items"]}
    assert "Programme public" in titles and "Compte rendu interne" not in titles
    get(client, f"/api/v2/documents/{secret.pk}/", status=404)


HOSTILE = [
    "?limit=51",
    "?limit=abc",
    "?limit=-1",
    "?offset=-5",
    "?offset=99999999999999999999999",
    "?locale=%00",
    "?locale=xx",
    "?type=nope.Nope",
    "?type=auth.User",
    "?fields=password",
    "?fields=*,owner",
    "?order=password",
    "?search=communs",
    "?translation_of=abc",
    "?translation_of=999999",
    "?child_of=%00",
    "?descendant_of=-1",
    "?unknown=1",
    "?title=%00",
    "?fields=" + "x" * 5000,
]


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents", "themes", "types"])
@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_parameters_get_a_4xx_with_a_message_never_a_500(client, endpoint, query):
    response = client.get(f"/api/v2/{endpoint}/{query}")
    assert response.status_code < 500, (query, response.content[:200])
    if response.status_code >= 400:
        assert response.json().get("message")


def test_a_limit_above_the_maximum_is_refused_with_a_message(client):
    assert get(client, "/api/v2/pages/?limit=51", status=400)["message"] == (
        "limit cannot be higher than 50"
    )


def test_listing_queries_do_not_grow_with_the_catalogue(client):
    url = "/api/v2/pages/?type=ressources.ResourcePage&fields=title,excerpt,themes,audiences"
    for number in range(3):
        make_resource(f"Ressource {number}", themes=["inclusion-numerique"])
    few = committed_query_count(client, url)
    for number in range(3, 30):
        make_resource(f"Ressource {number}", themes=["inclusion-numerique", "ethique-emancipation"])
    assert committed_query_count(client, url) == few
    assert few == 8


def test_the_api_sets_no_cookie_and_is_cached_like_a_public_page(client):
    response = client.get("/api/v2/pages/")
    assert not response.cookies
    assert "public" in response["Cache-Control"]


def test_the_home_page_is_listed_in_both_languages(client):
    homes = [
        item
        for item in get(client, "/api/v2/pages/?type=home.HomePage")["items"]
        if item["meta"]["type"] == "home.HomePage"
    ]
    assert {item["meta"]["locale"] for item in homes} == {"fr", "en"}
    assert HomePage.objects.count() == 2
    assert Page.objects.filter(depth=2).count() >= 2


def test_a_speakers_email_and_gender_never_reach_the_api(client, content):
    from editions.models import GenderDeclaration

    GenderDeclaration.objects.create(
        speaker=content["speaker"],
        edition=content["session"].get_parent().get_parent(),
        answer="woman",
    )
    for page in ("speaker", "session"):
        response = client.get(f"/api/v2/pages/{content[page].pk}/")
        assert response.status_code == 200
        body = response.content.decode()
        assert "adresse-privee" not in body
        assert "woman" not in body and "Femme" not in body
    speaker = get(client, f"/api/v2/pages/{content['speaker'].pk}/")
    assert speaker["public_bio"] == ""  # no consent recorded
    session = get(client, f"/api/v2/pages/{content['session'].pk}/")
    assert session["people_on_stage"] == [
        {"id": content["speaker"].pk, "name": "Claire Dupont", "role": "speaker"}
    ]
