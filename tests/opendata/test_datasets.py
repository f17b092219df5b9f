"""The open datasets under /donnees/ (/en/data/): CSV valid against its Table Schema, JSON
holding the same rows, a DCAT catalogue a harvester can read, spreadsheet formulas
neutralised, exports streamed with a pinned number of queries, nothing private, hostile
addresses answered without a 500."""

import csv
import datetime
import io
import json
from urllib.parse import urlsplit

import pytest
import rdflib
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from frictionless import Resource, Schema
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from agenda.models import OrganiserFormPage
from opendata.datasets import DATASETS, csv_cell
from tests.factories import make_event, make_resource, make_user, translate_page
from tests.queries import committed_query_count

pytestmark = pytest.mark.django_db

NAMES = ["ressources", "editions", "nec_locaux", "evenements"]
FORMULA_TITLE = '=HYPERLINK("https://example.org/piege","Cliquez")'
TRICKY_EXCERPT = 'Un guide "pratique", en deux parties :\npréparer, puis animer.'


def download(client, url):
    """The body of a file, read through to the end as a visitor's download would."""
    response = client.get(url)
    assert response.status_code == 200, (url, response)
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def csv_rows(client, url):
    return list(csv.DictReader(io.StringIO(download(client, url).decode("utf-8"), newline="")))


def json_rows(client, url):
    return json.loads(download(client, url))


def by_title(rows):
    return {row["title"]: row for row in rows}


def local_path(url):
    """The path of an absolute address of the site (the test client's host differs)."""
    return urlsplit(url).path


def make_document(title, filename, collection=None):
    document = get_document_model()(
        title=title, collection=collection or Collection.get_first_root_node()
    )
    document.file.save(filename, ContentFile(b"contenu"), save=False)
    document.save()
    return document


@pytest.fixture
def content():
    """A resource of each hostile kind, its English translation, a local NEC and an event."""
    formula = make_resource(
        FORMULA_TITLE, slug="formule", excerpt="-2+3 fait 1", authors="@collectif"
    )
    tricky = make_resource(
        "Guide, « pratique » et complet",
        excerpt=TRICKY_EXCERPT,
        authors='Collectif "Communs", Lyon',
        publication_date=datetime.date(2024, 3, 5),
        themes=["inclusion-numerique", "ethique-emancipation"],
        types=["guide", "etude"],
        audiences=["elus"],
        licence="cc-by-4.0",
    )
    english = translate_page(tricky, title="A practical guide, in full")
    local = make_event(
        "NEC Occitanie",
        datetime.date(2026, 6, 10),
        local=True,
        start_time=datetime.time(9, 30),
        end_time=datetime.time(17, 0),
        commune="Toulouse",
        region="76",
        departments=["31"],
        accessibility=["lsf", "captions"],
    )
    meetup = make_event("Atelier @communs", datetime.date(2026, 7, 1), kind="workshop")
    return {
        "formula": formula,
        "tricky": tricky,
        "english": english,
        "local": local,
        "meetup": meetup,
    }


# --- The page -----------------------------------------------------------------------------


def test_the_datasets_page_lists_each_dataset_with_its_licence_size_date_and_files(client, content):
    html = client.get("/donnees/").content.decode()
    assert "<h1>Données ouvertes</h1>" in html
    assert list(DATASETS) == NAMES
    for name in NAMES:
        assert f'href="/donnees/{name}.csv"' in html
        assert f'href="/donnees/{name}.json"' in html
        assert f'href="/donnees/{name}.schema.json"' in html
    assert 'href="/donnees/catalogue.jsonld"' in html
    assert 'rel="license" href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/"' in html
    assert "Chaque ressource garde sa propre licence" in html
    # Six editions, each in both languages; the page says why each row has a language.
    assert "<dd>12</dd>" in html
    assert "<code>locale</code>" in html
    assert '<time datetime="' in html


def test_the_english_page_links_to_the_english_addresses(client, content):
    html = client.get("/en/data/").content.decode()
    assert "<h1>Open data</h1>" in html
    assert 'href="/en/data/ressources.csv"' in html
    assert 'href="/en/data/catalogue.jsonld"' in html
    assert "Open Licence" in html


# --- CSV and its schema --------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_each_csv_is_valid_against_its_table_schema(client, content, name):
    body = download(client, f"/donnees/{name}.csv")
    schema = json_rows(client, f"/donnees/{name}.schema.json")
    for field in schema["fields"]:
        assert {"name", "type", "format", "title", "description"} <= set(field), field
    assert schema["primaryKey"] == ["id"]
    resource = Resource(
        data=body, format="csv", encoding="utf-8", schema=Schema.from_descriptor(schema)
    )
    report = resource.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    header = next(csv.reader(io.StringIO(body.decode())))
    assert header == [field["name"] for field in schema["fields"]]
    assert all(name == name.lower() and " " not in name for name in header)


def test_a_formula_in_a_title_is_neutralised_in_csv_and_kept_in_json(client, content):
    rows = by_title(csv_rows(client, "/donnees/ressources.csv"))
    assert "'" + FORMULA_TITLE in rows
    assert rows["'" + FORMULA_TITLE]["excerpt"] == "'-2+3 fait 1"
    assert rows["'" + FORMULA_TITLE]["authors"] == "'@collectif"
    events = by_title(csv_rows(client, "/donnees/evenements.csv"))
    assert "'Atelier @communs" not in events and "Atelier @communs" in events
    items = by_title(json_rows(client, "/donnees/ressources.json"))
    assert items[FORMULA_TITLE]["excerpt"] == "-2+3 fait 1"


@pytest.mark.parametrize("text", ["=1+1", "+33 1 23 45 67 89", "-5", "@SUM(A1)", "\tcmd", "\rcmd"])
def test_every_start_of_a_formula_is_neutralised(text):
    assert csv_cell(text) == "'" + text
    assert csv_cell("Saint-Denis = 93") == "Saint-Denis = 93"


def test_commas_quotes_and_newlines_are_quoted_as_rfc_4180_says(client, content):
    body = download(client, "/donnees/ressources.csv").decode()
    assert '"Un guide ""pratique"", en deux parties :\npréparer, puis animer."' in body
    assert '"Collectif ""Communs"", Lyon"' in body
    assert body.endswith("\r\n") and body.count("\r\n") == 1 + len(
        csv_rows(client, "/donnees/ressources.csv")
    )
    row = by_title(csv_rows(client, "/donnees/ressources.csv"))["Guide, « pratique » et complet"]
    assert row["excerpt"] == TRICKY_EXCERPT
    assert row["authors"] == 'Collectif "Communs", Lyon'


def test_dates_and_times_are_iso_8601(client, content):
    resource = by_title(csv_rows(client, "/donnees/ressources.csv"))[
        "Guide, « pratique » et complet"
    ]
    assert resource["publication_date"] == "2024-03-05"
    assert resource["first_published_at"] and resource["last_published_at"]
    for value in (resource["first_published_at"], resource["last_published_at"]):
        assert datetime.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")
    local = by_title(csv_rows(client, "/donnees/nec_locaux.csv"))["NEC Occitanie"]
    assert (local["start_date"], local["start_time"], local["end_time"]) == (
        "2026-06-10",
        "09:30:00",
        "17:00:00",
    )
    # Toulouse keeps Paris time: 9 h 30 in June is 7 h 30 UTC.
    assert (local["starts_at"], local["ends_at"]) == (
        "2026-06-10T07:30:00Z",
        "2026-06-10T15:00:00Z",
    )
    assert local["time_zone"] == "Europe/Paris"
    assert local["end_date"] == ""


def test_rows_carry_codes_terms_and_both_languages(client, content):
    rows = csv_rows(client, "/donnees/ressources.csv")
    french = by_title(rows)["Guide, « pratique » et complet"]
    english = by_title(rows)["A practical guide, in full"]
    assert french["locale"] == "fr" and english["locale"] == "en"
    assert french["translation_key"] == english["translation_key"]
    assert french["themes"] == "ethique-emancipation;inclusion-numerique"
    assert english["themes"] == "digital-inclusion;ethics-empowerment"
    assert french["resource_types"] == "etude;guide" and french["audiences"] == "elus"
    assert (french["licence"], french["licence_url"]) == (
        "cc-by-4.0",
        "https://creativecommons.org/licenses/by/4.0/deed.fr",
    )
    local = by_title(csv_rows(client, "/donnees/nec_locaux.csv"))["NEC Occitanie"]
    assert (local["region"], local["region_name"], local["departments"]) == (
        "76",
        "Occitanie",
        "31",
    )
    assert local["accessibility"] == "lsf;captions"
    assert local["organisers"] == "Hub Auvergne-Rhône-Alpes"
    meetup = by_title(csv_rows(client, "/donnees/evenements.csv"))["Atelier @communs"]
    assert (meetup["kind"], meetup["status"], meetup["format"]) == (
        "workshop",
        "announced",
        "in_person",
    )


def test_page_addresses_are_wagtails_own(client, content):
    rows = {int(row["id"]): row for row in csv_rows(client, "/donnees/ressources.csv")}
    for page in (content["tricky"], content["english"]):
        assert rows[page.pk]["url"] == page.get_full_url()
    assert rows[content["english"].pk]["url"].endswith("/en/resources/guide-pratique-et-complet/")


def test_the_seeded_editions_have_their_exact_figures(client):
    figures = (
        "attendees", "speakers", "countries", "online_viewers", "online_registrations",
        "online_courses", "contributors",
    )  # fmt: skip
    expected = {
        "2023": ("2000", "260", "12", "", "", "", ""),
        "2022": ("1800", "228", "", "6000", "", "", ""),
        "2021": ("400", "60", "", "5000", "", "", ""),
        "2020": ("", "", "", "4000", "2600", "6", "62"),
        "2019": ("800", "80", "", "", "", "", ""),
        "2018": ("850", "120", "", "", "", "", ""),
    }
    rows = csv_rows(client, "/donnees/editions.csv")
    assert len(rows) == 12  # each edition in French and in English
    for row in rows:
        assert tuple(row[name] for name in figures) == expected[row["year"]], row["title"]
    bordeaux = next(row for row in rows if row["year"] == "2023" and row["locale"] == "fr")
    assert (bordeaux["city"], bordeaux["venue"], bordeaux["format"]) == (
        "Bordeaux",
        "Palais de la Bourse",
        "in_person",
    )
    lens = next(row for row in rows if row["year"] == "2022" and row["locale"] == "en")
    assert lens["venue"] == "Bollaert stadium"


@pytest.mark.parametrize("name", NAMES)
def test_the_json_holds_the_same_rows_as_the_csv(client, content, name):
    schema = Schema.from_descriptor(json_rows(client, f"/donnees/{name}.schema.json"))
    body = download(client, f"/donnees/{name}.csv")
    csv_typed = Resource(data=body, format="csv", encoding="utf-8", schema=schema).read_rows()
    items = json_rows(client, f"/donnees/{name}.json")
    assert len(items) == len(csv_typed) > 0
    for row, item in zip(csv_typed, items, strict=True):
        assert list(item) == schema.field_names
        for field in schema.fields:
            value, expected = row[field.name], item[field.name]
            if expected is not None and field.type in ("date", "datetime", "time"):
                expected = getattr(datetime, field.type).fromisoformat(expected)
                value = value.replace(tzinfo=datetime.UTC) if field.type == "datetime" else value
            if isinstance(expected, str) and expected.startswith(("=", "+", "-", "@", "\t", "\r")):
                expected = "'" + expected
            assert value == expected, (name, field.name)


# --- Documents, privacy, visibility ------------------------------------------------------


def test_documents_are_linked_unless_their_collection_is_restricted(client):
    private = Collection.get_first_root_node().add_child(name="Interne")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type="password", password="x"
    )
    public = make_document("Programme", "programme.txt")
    secret = make_document("Compte rendu", "interne.txt", collection=private)
    blocks = [("document", {"document": document, "title": ""}) for document in (public, secret)]
    make_resource("Ressource avec documents", documents=blocks)
    row = by_title(csv_rows(client, "/donnees/ressources.csv"))["Ressource avec documents"]
    assert local_path(row["documents"]) == public.url  # Wagtail's own address for it
    assert client.get(local_path(row["documents"])).status_code == 200


def test_only_live_public_pages_are_listed(client, content):
    make_resource("Brouillon", publish=False)
    hidden = make_resource("Ressource réservée")
    PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="x")
    titles = set(by_title(csv_rows(client, "/donnees/ressources.csv")))
    assert "Guide, « pratique » et complet" in titles
    assert not {"Brouillon", "Ressource réservée"} & titles


PRIVATE = {
    "email", "to_address", "from_address", "subject", "password", "owner", "locked_by",
    "user", "submission", "form_data", "latest_revision", "draft_title",
}  # fmt: skip


def test_no_file_holds_anything_private(client, content):
    # Someone proposed a local NEC; an editor owns a page; the form mails a moderator.
    form = OrganiserFormPage.objects.get(locale__language_code="fr")
    form.to_address = "moderation@secret.example"
    form.save_revision().publish()
    form.get_submission_class().objects.create(
        page=form, form_data={"adresse-electronique": "proposition@secret.example"}
    )
    owner = make_user("camille-proprietaire")
    make_resource("Ressource d’une rédactrice", owner=owner)
    for name in NAMES:
        schema = json_rows(client, f"/donnees/{name}.schema.json")
        assert not {field["name"] for field in schema["fields"]} & PRIVATE, name
        for url in (f"/donnees/{name}.csv", f"/donnees/{name}.json"):
            body = download(client, url).decode()
            assert "secret.example" not in body and "example.invalid" not in body, url
            assert "camille-proprietaire" not in body, url


# --- The DCAT catalogue -------------------------------------------------------------------


def catalogue_graph(client, url="/donnees/catalogue.jsonld"):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    return rdflib.Graph().parse(data=response.content, format="json-ld")


def test_the_catalogue_is_dcat_with_every_dataset_licensed_and_downloadable(client, content):
    graph = catalogue_graph(client)
    DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
    DCT = rdflib.Namespace("http://purl.org/dc/terms/")
    catalogues = list(graph.subjects(rdflib.RDF.type, DCAT.Catalog))
    assert len(catalogues) == 1
    catalogue = catalogues[0]
    assert str(graph.value(catalogue, DCT.title)) == "Données ouvertes de Numérique en Commun[s]"
    publisher = graph.value(catalogue, DCT.publisher)
    assert str(graph.value(publisher, rdflib.FOAF.name)) == (
        "Agence nationale de la cohésion des territoires"
    )
    assert graph.value(catalogue, rdflib.FOAF.homepage) is not None
    assert len(list(graph.objects(catalogue, DCT.language))) == 2
    rows = graph.query(
        """
        SELECT ?dataset ?identifier ?title ?license ?landing ?modified ?format ?download ?media
               ?schema
        WHERE {
            ?catalogue a dcat:Catalog ; dcat:dataset ?dataset .
            ?dataset a dcat:Dataset ; dct:identifier ?identifier ; dct:title ?title ;
                     dct:description ?description ; dcat:keyword ?keyword ;
                     dct:license ?license ; dcat:landingPage ?landing ;
                     dct:issued ?issued ; dct:modified ?modified ;
                     dcat:distribution ?distribution .
            ?distribution a dcat:Distribution ; dcat:downloadURL ?download ;
                          dcat:accessURL ?download ; dcat:mediaType ?media ;
                          dct:format ?format ; dct:license ?license .
            OPTIONAL { ?distribution dct:conformsTo ?schema }
        }
        """,
        initNs={"dcat": DCAT, "dct": DCT},
    )
    found = {}
    for row in rows:
        assert str(row.license) == "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
        assert local_path(str(row.landing)) == "/donnees/"
        assert row.modified.datatype == rdflib.XSD.dateTime
        found.setdefault(str(row.identifier), {})[str(row.media)] = (
            str(row.download),
            row.schema and str(row.schema),
        )
    assert len(found) == 4
    for name in NAMES:
        files = found[f"http://localhost/donnees/catalogue.jsonld#{name}"]
        csv_url, schema_url = files["https://www.iana.org/assignments/media-types/text/csv"]
        json_url, _ = files["https://www.iana.org/assignments/media-types/application/json"]
        assert local_path(csv_url) == f"/donnees/{name}.csv"
        assert local_path(schema_url) == f"/donnees/{name}.schema.json"
        assert local_path(json_url) == f"/donnees/{name}.json"
        for url in (csv_url, schema_url, json_url):
            assert url.startswith("http://localhost/")  # absolute
            assert client.get(local_path(url)).status_code == 200


def test_the_english_catalogue_has_english_titles_and_the_same_identifiers(client):
    DCT = rdflib.Namespace("http://purl.org/dc/terms/")
    french, english = catalogue_graph(client), catalogue_graph(client, "/en/data/catalogue.jsonld")
    identifiers = set(french.objects(None, DCT.identifier))
    assert identifiers == set(english.objects(None, DCT.identifier)) and len(identifiers) == 4
    titles = {title.language for title in english.objects(None, DCT.title) if title.language}
    assert titles == {"en"}
    assert "Open data of Numérique en Commun[s]" in {
        str(title) for title in english.objects(None, DCT.title)
    }
    landing = {
        local_path(str(url))
        for url in english.objects(None, rdflib.URIRef("http://www.w3.org/ns/dcat#landingPage"))
    }
    assert landing == {"/en/data/"}


# --- HTTP -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "content_type"),
    [
        ("/donnees/ressources.csv", "text/csv; charset=utf-8; header=present"),
        ("/donnees/ressources.json", "application/json"),
        ("/donnees/ressources.schema.json", "application/json"),
        ("/donnees/catalogue.jsonld", "application/ld+json"),
        ("/en/data/editions.csv", "text/csv; charset=utf-8; header=present"),
    ],
)
def test_files_say_what_they_are_set_no_cookie_and_are_cached_publicly(client, url, content_type):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert not response.cookies
    assert response["Cache-Control"].startswith("public")
    if url.endswith(".csv"):
        name = url.rsplit("/", 1)[1]
        assert response["Content-Disposition"] == f'attachment; filename="{name}"'


@pytest.mark.parametrize("url", ["/donnees/ressources.csv", "/donnees/evenements.json"])
def test_exports_are_streamed(client, url):
    response = client.get(url)
    assert response.streaming is True
    assert b"".join(response.streaming_content)


def test_english_addresses_serve_the_same_files(client, content):
    for name in NAMES:
        assert download(client, f"/en/data/{name}.csv") == download(client, f"/donnees/{name}.csv")
    schema = json_rows(client, "/en/data/editions.schema.json")
    titles = {field["name"]: field["title"] for field in schema["fields"]}
    assert titles["year"] == "Year" and titles["attendees"] == "Attendees"


def test_an_unknown_dataset_is_a_short_french_404(client):
    response = client.get("/donnees/inconnu.csv")
    assert response.status_code == 404
    assert response.content.decode() == "Ce jeu de données n’existe pas."
    assert client.get("/en/data/unknown.json").content.decode() == "This dataset does not exist."


HOSTILE = [
    "/donnees/ressources.csv?x=1",
    "/donnees/ressources.csv?%00",
    "/donnees/ressources.json?callback=alert(1)",
    "/donnees/ressources.schema.json?fields=" + "x" * 5000,
    "/donnees/catalogue.jsonld?page=2",
    "/donnees/RESSOURCES.csv",
    "/donnees/ressources.csv/",
    "/donnees/ressources.xml",
    "/donnees/ressources%00.csv",
    "/donnees/%2e%2e/settings.csv",
    "/donnees/..%2f..%2fetc%2fpasswd.json",
    "/donnees/" + "x" * 3000 + ".csv",
    "/donnees/ressources.schema.csv",
    "/donnees/catalogue.json",
    "/en/data/ressources.csv?locale=fr",
    "/donnees/évènements.csv",
]


@pytest.mark.parametrize("url", HOSTILE)
def test_hostile_addresses_and_query_strings_never_get_a_500(client, url):
    response = client.get(url)
    assert 400 <= response.status_code < 500, (url, response.status_code)
    if "?" in url:
        assert response.status_code == 400
        assert "aucun paramètre" in response.content.decode() or "no parameter" in (
            response.content.decode()
        )


def test_only_reading_is_allowed(client):
    assert client.post("/donnees/ressources.csv").status_code == 405
    assert client.head("/donnees/ressources.csv").status_code == 200


# --- Queries ----------------------------------------------------------------------------------


def add_resources(start, stop, document):
    for number in range(start, stop):
        make_resource(
            f"Ressource {number}",
            slug=f"ressource-{number}",
            themes=["inclusion-numerique", "ethique-emancipation"],
            types=["guide", "etude"],
            audiences=["elus", "associations"],
            documents=[("document", {"document": document, "title": ""})],
        )


# Pinned: update deliberately, never silently. Each file reads the content version, its
# pages in one query per chunk, and per chunk one query per many-to-many relation (and one
# for the documents, after the restricted collections).
PINNED = {
    "/donnees/ressources.csv": 7,
    "/donnees/ressources.json": 7,
    "/en/data/ressources.csv": 7,
}


@pytest.mark.parametrize("url", PINNED)
def test_resource_exports_query_count_is_pinned_and_independent_of_size(client, url):
    document = make_document("Programme", "programme.txt")
    add_resources(0, 3, document)
    few = committed_query_count(client, url, download)
    add_resources(3, 30, document)
    assert committed_query_count(client, url, download) == few == PINNED[url]


EVENTS_PINNED = {
    "/donnees/evenements.csv": 4,
    "/donnees/nec_locaux.csv": 3,
    "/donnees/editions.csv": 2,
}


@pytest.mark.parametrize("url", EVENTS_PINNED)
def test_event_exports_query_count_is_pinned_and_independent_of_size(client, url):
    local = "nec_locaux" in url
    for number in range(3):
        make_event(f"Évènement {number}", datetime.date(2026, 5, 1 + number), local=local)
    few = committed_query_count(client, url, download)
    for number in range(3, 30):
        make_event(f"Évènement {number}", datetime.date(2026, 5, 1 + number % 28), local=local)
    assert committed_query_count(client, url, download) == few == EVENTS_PINNED[url]


def test_chunks_follow_each_other_without_losing_or_repeating_a_row(client, monkeypatch):
    monkeypatch.setattr("opendata.datasets.CHUNK_SIZE", 2)
    pages = [make_resource(f"Ressource {number}", audiences=["elus"]) for number in range(5)]
    rows = csv_rows(client, "/donnees/ressources.csv")
    assert [int(row["id"]) for row in rows] == [page.pk for page in pages]
    assert {row["audiences"] for row in rows} == {"elus"}
    assert len(json_rows(client, "/donnees/ressources.json")) == 5


def test_the_page_query_count_is_pinned_and_independent_of_size(client):
    def count():
        connection.run_on_commit.clear()
        client.get("/donnees/")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/donnees/").status_code == 200
        return len(queries)

    document = make_document("Programme", "programme.txt")
    add_resources(0, 3, document)
    few = count()
    add_resources(3, 30, document)
    # Four as for any content page (/charte/ in tests/test_query_counts.py), then one per
    # dataset for its rows and dates.
    assert count() == few == 8
