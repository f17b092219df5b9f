"""The library's feeds of new resources (Atom and RSS 2.0), read back the way a feed reader
reads them: with an XML parser."""

import datetime
import email.utils
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.documents import get_document_model

from ressources.feeds import FEED_SIZE
from ressources.models import ResourcePage
from tests.factories import library_page, make_resource, translate_page

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
RFC822 = re.compile(r"[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d [+-]\d{4}")
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")
ATOM_FEED = "/ressources/flux/atom/"
RSS_FEED = "/ressources/flux/rss/"


def read(client, url, content_type):
    response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    assert response["Content-Type"] == f"{content_type}; charset=utf-8"
    return parse(response.content)


def parse(content):
    return ET.fromstring(content)  # noqa: S314 - our own feed, read as a feed reader would


def atom(client, url=ATOM_FEED):
    return read(client, url, "application/atom+xml")


def rss(client, url=RSS_FEED):
    return read(client, url, "application/rss+xml").find("channel")


def atom_titles(feed):
    return [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]


def rss_titles(channel):
    return [item.findtext("title") for item in channel.iter("item")]


def make_document(title, name, content):
    document = get_document_model()(title=title)
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document


@pytest.fixture
def catalogue():
    """Three resources published one after the other, the oldest first."""
    return [
        make_resource(
            "Guide des données ouvertes",
            themes=["donnees-territoires"],
            types=["guide"],
            authors="Open Data France",
        ),
        make_resource(
            "Fiche inclusion et médiation",
            excerpt="Accueillir <tous> les publics & les accompagner.",
            themes=["inclusion-numerique", "mediation-competences"],
            types=["fiche-pratique"],
        ),
        make_resource(
            "Étude des communs",
            themes=["communs-souverainete", "donnees-territoires"],
            types=["etude", "guide"],
            licence="etalab-2.0",
        ),
    ]


def test_both_feeds_list_the_newest_resources_first(client, catalogue):
    newest_first = [resource.title for resource in reversed(catalogue)]
    assert atom_titles(atom(client)) == newest_first
    assert rss_titles(rss(client)) == newest_first


def test_order_is_by_first_publication_then_by_page(client, catalogue):
    guide, fiche, etude = catalogue
    # A resource republished later keeps its place; equal first publications go by page.
    moment = timezone.now() - datetime.timedelta(days=3)
    ResourcePage.objects.filter(pk__in=[guide.pk, etude.pk]).update(first_published_at=moment)
    guide.refresh_from_db()
    guide.save_revision().publish()
    assert atom_titles(atom(client)) == [fiche.title, etude.title, guide.title]


def test_an_atom_entry_carries_what_a_reader_needs(client, catalogue):
    feed = atom(client)
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    assert feed.findtext(f"{ATOM}title") == "Ressources — Numérique en Commun[s]"
    assert feed.findtext(f"{ATOM}subtitle").startswith("Les dernières ressources publiées")
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {
        "alternate": "http://testserver/ressources/",
        "self": "http://testserver/ressources/flux/atom/",
    }
    assert feed.findtext(f"{ATOM}id") == "http://testserver/ressources/flux/atom/"
    assert RFC3339.fullmatch(feed.findtext(f"{ATOM}updated"))

    guide = catalogue[0]
    guide.refresh_from_db()
    entry = list(feed.iter(f"{ATOM}entry"))[-1]
    assert entry.findtext(f"{ATOM}title") == "Guide des données ouvertes"
    (link,) = entry.findall(f"{ATOM}link")
    assert link.get("rel") == "alternate"
    assert link.get("href") == "http://testserver/ressources/guide-des-donnees-ouvertes/"
    assert entry.findtext(f"{ATOM}id") == (
        f"tag:numerique-en-communs.fr,2026:ressources/{guide.translation_key}/fr"
    )
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Open Data France"
    assert entry.find(f"{ATOM}summary").get("type") == "html"
    assert entry.findtext(f"{ATOM}summary") == "Une ressource de test."
    assert [category.get("term") for category in entry.findall(f"{ATOM}category")] == [
        "Données & territoires",
        "Guide",
    ]
    assert entry.findtext(f"{ATOM}rights") == (
        "CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/deed.fr)"
    )
    published = entry.findtext(f"{ATOM}published")
    updated = entry.findtext(f"{ATOM}updated")
    assert RFC3339.fullmatch(published) and RFC3339.fullmatch(updated)
    assert datetime.datetime.fromisoformat(published) == guide.first_published_at
    assert datetime.datetime.fromisoformat(updated) == guide.last_published_at
    # The excerpt is text: the HTML summary shows it as typed, markup characters included.
    fiche = next(
        entry
        for entry in feed.iter(f"{ATOM}entry")
        if entry.findtext(f"{ATOM}title") == "Fiche inclusion et médiation"
    )
    assert fiche.findtext(f"{ATOM}summary") == (
        "Accueillir &lt;tous&gt; les publics &amp; les accompagner."
    )


def test_an_rss_item_carries_what_a_reader_needs(client, catalogue):
    channel = rss(client)
    assert channel.findtext("title") == "Ressources — Numérique en Commun[s]"
    assert channel.findtext("link") == "http://testserver/ressources/"
    assert channel.findtext("language") == "fr"
    assert channel.findtext("description").startswith("Les dernières ressources publiées")
    email.utils.parsedate_to_datetime(channel.findtext("lastBuildDate"))

    guide = catalogue[0]
    guide.refresh_from_db()
    item = list(channel.iter("item"))[-1]
    assert item.findtext("link") == "http://testserver/ressources/guide-des-donnees-ouvertes/"
    guid = item.find("guid")
    assert guid.get("isPermaLink") == "false"
    assert guid.text == f"tag:numerique-en-communs.fr,2026:ressources/{guide.translation_key}/fr"
    assert item.findtext(DC_CREATOR) == "Open Data France"
    assert item.findtext("description") == "Une ressource de test."
    assert [category.text for category in item.findall("category")] == [
        "Données & territoires",
        "Guide",
    ]
    # RFC 822 (RFC 2822 with a numeric zone): « Mon, 30 Nov 2026 16:44:23 +0000 ».
    pub_date = item.findtext("pubDate")
    assert RFC822.fullmatch(pub_date)
    parsed = email.utils.parsedate_to_datetime(pub_date)
    assert parsed == guide.first_published_at.replace(microsecond=0)


def test_each_library_feeds_its_own_language(client, catalogue):
    english = translate_page(
        catalogue[0], title="Open data guide", slug="open-data-guide", excerpt="A test resource."
    )
    make_resource("Ressource du jour en français")
    french_titles = atom_titles(atom(client))
    assert "Open data guide" not in french_titles
    assert french_titles[0] == "Ressource du jour en français"

    feed = atom(client, "/en/resources/flux/atom/")
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert feed.findtext(f"{ATOM}title") == "Resources — Numérique en Commun[s]"
    assert atom_titles(feed) == ["Open data guide"]
    (entry,) = feed.iter(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}id").endswith(f"/{english.translation_key}/en")
    assert [category.get("term") for category in entry.findall(f"{ATOM}category")] == [
        "Data & territories",
        "Guide",
    ]
    channel = rss(client, "/en/resources/flux/rss/")
    assert channel.findtext("language") == "en"
    assert rss_titles(channel) == ["Open data guide"]
    assert channel.findtext("link") == "http://testserver/en/resources/"


def test_theme_and_type_feeds_follow_their_term(client, catalogue):
    url = ATOM_FEED + "?theme=donnees-territoires"
    feed = atom(client, url)
    assert atom_titles(feed) == ["Étude des communs", "Guide des données ouvertes"]
    assert feed.findtext(f"{ATOM}title") == (
        "Ressources : Données & territoires — Numérique en Commun[s]"
    )
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links["self"] == "http://testserver" + url
    assert links["alternate"] == "http://testserver/ressources/?theme=donnees-territoires"
    assert rss_titles(rss(client, RSS_FEED + "?type=fiche-pratique")) == [
        "Fiche inclusion et médiation"
    ]
    both = atom(client, ATOM_FEED + "?theme=donnees-territoires&type=etude")
    assert atom_titles(both) == ["Étude des communs"]
    assert both.findtext(f"{ATOM}title") == (
        "Ressources : Données & territoires · Étude — Numérique en Commun[s]"
    )
    # Parameters a feed does not follow (a tracker's) change nothing.
    assert atom_titles(atom(client, ATOM_FEED + "?utm_source=lettre&audience=elus")) == [
        "Étude des communs",
        "Fiche inclusion et médiation",
        "Guide des données ouvertes",
    ]
    assert atom_titles(atom(client, ATOM_FEED + "?theme=")) == atom_titles(atom(client))


def test_an_unknown_term_is_a_short_french_404(client, catalogue):
    for url in (
        ATOM_FEED + "?theme=pas-un-theme",
        RSS_FEED + "?type=pas-un-type",
        # A term of the other language is not one of this library's.
        "/en/resources/flux/atom/?theme=donnees-territoires",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = client.get(ATOM_FEED + "?theme=pas-un-theme").content.decode()
    assert text == (
        "Ce flux n’existe pas : aucune thématique de la bibliothèque n’a cet identifiant."
    )
    assert "aucun type de ressource" in client.get(RSS_FEED + "?type=x").content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "theme=%00",
        "theme=guide%00",
        "type=%00%00%00",
        "theme=%FF%FE",
        "theme=" + "a" * 5000,
        "theme=%E2%80%AEdonnees-territoires",
        "theme=donnees-territoires%0A",
        "theme[]=x",
        "%00=%00",
        "theme=a&theme=b",
        "type=guide&type=etude",
        "theme=<script>alert(1)</script>",
        "theme=donnees-territoires'--",
    ],
)
def test_hostile_parameters_never_fail(client, catalogue, query):
    for feed in (ATOM_FEED, RSS_FEED):
        response = client.get(f"{feed}?{query}")
        assert response.status_code in (200, 400, 404), query
        assert b"<script>" not in response.content


def test_several_values_of_one_filter_are_refused(client, catalogue):
    response = client.get(ATOM_FEED + "?theme=donnees-territoires&theme=inclusion-numerique")
    assert response.status_code == 400
    assert response.content.decode() == (
        "Un flux suit une seule thématique et un seul type à la fois."
    )
    # The same value twice is still one theme.
    twice = ATOM_FEED + "?theme=donnees-territoires&theme=donnees-territoires"
    assert len(atom_titles(atom(client, twice))) == 2


def test_documents_become_enclosures(client):
    programme = make_document(
        "Programme de l’atelier", "programme-atelier.txt", "Programme de l’atelier\n".encode()
    )
    kit = make_document("Kit complet", "kit-complet.pdf", b"%PDF-1.4\n" + b"x" * 12_345)
    resource = make_resource(
        "Kit de l’atelier",
        documents=[
            ("document", {"document": programme, "title": ""}),
            ("document", {"document": kit, "title": "Le kit"}),
        ],
    )
    make_resource("Ressource sans document")
    entry = next(
        entry
        for entry in atom(client).iter(f"{ATOM}entry")
        if entry.findtext(f"{ATOM}title") == resource.title
    )
    enclosures = [
        (link.get("href"), int(link.get("length")), link.get("type"))
        for link in entry.findall(f"{ATOM}link")
        if link.get("rel") == "enclosure"
    ]
    assert enclosures == [
        (
            f"http://testserver/documents/{programme.pk}/programme-atelier.txt",
            len("Programme de l’atelier\n".encode()),
            "text/plain",
        ),
        (f"http://testserver/documents/{kit.pk}/kit-complet.pdf", 9 + 12_345, "application/pdf"),
    ]
    # What the enclosure announces is what the site serves at that address.
    for url, length, content_type in enclosures:
        response = client.get(url.removeprefix("http://testserver"))
        assert response.status_code == 200
        assert len(b"".join(response.streaming_content)) == length
        assert response["Content-Type"].split(";")[0] == content_type

    items = {item.findtext("title"): item for item in rss(client).iter("item")}
    # RSS 2.0 allows one enclosure per item: the first document.
    (enclosure,) = items[resource.title].findall("enclosure")
    assert (enclosure.get("url"), int(enclosure.get("length")), enclosure.get("type")) == (
        enclosures[0]
    )
    assert items["Ressource sans document"].findall("enclosure") == []


def test_drafts_and_private_resources_stay_out_of_the_feeds(client, catalogue):
    from wagtail.models import PageViewRestriction

    make_resource("Brouillon secret", publish=False)
    private = make_resource("Ressource privée")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    for titles in (atom_titles(atom(client)), rss_titles(rss(client))):
        assert "Brouillon secret" not in titles
        assert "Ressource privée" not in titles
        assert len(titles) == len(catalogue)


def alternate_links(html):
    return re.findall(r'<link rel="alternate" type="application/(?:atom|rss)\+xml"[^>]*>', html)


def test_the_library_announces_its_feeds(client, catalogue):
    html = client.get("/ressources/").content.decode()
    assert alternate_links(html) == [
        '<link rel="alternate" type="application/atom+xml" '
        'title="Ressources — Numérique en Commun[s] (Atom)" href="/ressources/flux/atom/">',
        '<link rel="alternate" type="application/rss+xml" '
        'title="Ressources — Numérique en Commun[s] (RSS)" href="/ressources/flux/rss/">',
    ]
    assert html.index("/ressources/flux/atom/") < html.index("</head>")
    assert (
        '<a href="/ressources/flux/atom/" type="application/atom+xml">'
        "S’abonner aux nouvelles ressources (Atom)</a>"
    ) in html

    english = client.get("/en/resources/").content.decode()
    assert (
        '<link rel="alternate" type="application/atom+xml" '
        'title="Resources — Numérique en Commun[s] (Atom)" href="/en/resources/flux/atom/">'
    ) in english


def test_a_library_filtered_on_one_term_announces_its_feed_too(client, catalogue):
    html = client.get("/ressources/?theme=donnees-territoires&q=guide").content.decode()
    links = alternate_links(html)
    assert len(links) == 4
    assert (
        '<link rel="alternate" type="application/atom+xml" '
        'title="Ressources : Données &amp; territoires — Numérique en Commun[s] (Atom)" '
        'href="/ressources/flux/atom/?theme=donnees-territoires">'
    ) in links
    assert 'href="/ressources/flux/rss/?theme=donnees-territoires"' in links[3]
    assert "S’abonner aux nouvelles ressources : Données &amp; territoires (Atom)" in html

    by_type = alternate_links(client.get("/ressources/?type=guide").content.decode())
    assert 'href="/ressources/flux/atom/?type=guide"' in by_type[2]
    # Two themes, or an unknown one: no feed follows that.
    for query in ("?theme=donnees-territoires&theme=inclusion-numerique", "?theme=inconnu"):
        assert len(alternate_links(client.get("/ressources/" + query).content.decode())) == 2


def test_feeds_are_public_and_set_no_cookie(client, catalogue):
    for url in (ATOM_FEED, RSS_FEED, ATOM_FEED + "?theme=donnees-territoires"):
        response = client.get(url)
        assert not response.cookies
        assert not response.has_header("Set-Cookie")
        assert response["Cache-Control"].startswith("public, max-age=")
        assert response.has_header("Last-Modified")
    assert not client.get(ATOM_FEED + "?theme=inconnu").cookies


def test_the_library_is_still_served_at_its_own_address(client, catalogue):
    response = client.get("/ressources/")
    assert response.status_code == 200
    assert response.templates[0].name == "ressources/resource_index_page.html"
    assert client.get("/ressources/?page=x").status_code == 400
    assert client.get(catalogue[0].url).status_code == 200
    assert client.get("/ressources/flux/").status_code == 404
    assert client.get("/ressources/flux/atom.xml").status_code == 404


def test_query_count_is_pinned_and_independent_of_catalogue_size(client):
    documents = [make_document(f"Document {n}", f"document-{n}.txt", b"x" * n) for n in (1, 2)]

    def count(url):
        # As once the changes have committed (see test_library.py).
        connection.run_on_commit.clear()
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        return len(ctx.captured_queries), response

    def counts():
        return [
            count(url)[0] for url in (ATOM_FEED, RSS_FEED + "?theme=inclusion-numerique&type=guide")
        ]

    make_resource("Guide unique", documents=[("document", {"document": documents[0]})])
    small = counts()
    for number in range(FEED_SIZE + 5):
        make_resource(
            f"Guide numéro {number}",
            slug=f"guide-{number}",
            themes=["inclusion-numerique", "ethique-emancipation"],
            types=["guide", "etude"],
            documents=[("document", {"document": document}) for document in documents],
        )
    # The content version, Wagtail's routing (the active locale, the home page, the library),
    # the resources, their themes, their types, their documents: nothing per resource;
    # terms, locale and whether any page is restricted remembered.
    assert counts() == small == [8, 8]
    _queries, response = count(ATOM_FEED)
    assert len(atom_titles(parse(response.content))) == FEED_SIZE


def test_the_library_preview_still_shows_the_library(catalogue):
    response = library_page().make_preview_request()
    assert response.status_code == 200
    assert response.template_name == "ressources/resource_index_page.html"
    html = response.render().content.decode()
    assert "Guide des données ouvertes" in html
    assert 'href="/ressources/flux/atom/"' in html
