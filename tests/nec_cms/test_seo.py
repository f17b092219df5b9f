"""What search engines and social previews read, extracted from served pages with `extruct`:
a description everywhere, OpenGraph with its locales, and schema.org JSON-LD."""

import datetime
import json

import extruct
import pytest

from tests.factories import make_event, make_resource, translate_page

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/editions/",
    "/editions/2023-bordeaux/",
    "/charte/",
    "/ressources/",
    "/mentions-legales/",
    "/plan-du-site/",
    "/agenda/",
    "/nec-locaux/",
    "/nec-locaux/organiser-un-nec-local/",
    "/en/",
    "/en/editions/",
    "/en/resources/",
    "/en/events/",
]


def extract(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    data = extruct.extract(
        html, base_url="http://testserver" + url, syntaxes=["json-ld", "opengraph"]
    )
    return html, data


def og(data):
    """{property: value} of the page's OpenGraph tags (one value each here)."""
    (graph,) = data["opengraph"]
    return dict(graph["properties"])


def json_ld(data):
    """The schema.org items of a page, its one JSON-LD document's graph flattened."""
    (document,) = data["json-ld"]
    assert document["@context"] == "https://schema.org"
    return document["@graph"]


def json_ld_types(data):
    return [item["@type"] for item in json_ld(data)]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_has_a_description_opengraph_and_its_breadcrumbs(client, url):
    html, data = extract(client, url)
    assert html.count('<meta name="description" content="') == 1
    description = html.split('<meta name="description" content="')[1].split('"')[0]
    assert 20 <= len(description) <= 160
    properties = og(data)
    for key in ("og:title", "og:type", "og:url", "og:image", "og:image:alt", "og:locale"):
        assert properties.get(key), (url, key)
    assert properties["og:url"] == "http://testserver" + url
    assert properties["og:locale"] == ("en_GB" if url.startswith("/en/") else "fr_FR")
    # Every page here exists in both languages: the other one is announced.
    assert properties.get("og:locale:alternate") == ("fr_FR" if url.startswith("/en/") else "en_GB")
    if url not in ("/", "/en/"):
        assert "BreadcrumbList" in json_ld_types(data)


def test_the_home_page_declares_the_organisation_and_the_website(client):
    _html, data = extract(client, "/")
    assert {"Organization", "WebSite"} <= set(json_ld_types(data))
    assert og(data)["og:type"] == "website"


def test_breadcrumbs_follow_the_page_tree(client):
    _html, data = extract(client, "/editions/2023-bordeaux/")
    (crumbs,) = [item for item in json_ld(data) if item["@type"] == "BreadcrumbList"]
    assert [item["name"] for item in crumbs["itemListElement"]] == [
        "Accueil",
        "Les éditions",
        "Édition 2023 — Bordeaux",
    ]
    assert crumbs["itemListElement"][-1]["item"] == "http://testserver/editions/2023-bordeaux/"


def test_the_editions_are_an_event_series_with_each_edition_an_event(client):
    _html, data = extract(client, "/editions/")
    (series,) = [item for item in json_ld(data) if item["@type"] == "EventSeries"]
    events = series["subEvent"]
    assert [event["startDate"] for event in events] == [
        "2023", "2022", "2021", "2020", "2019", "2018"
    ]  # fmt: skip
    lyon = events[3]
    assert lyon["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    bordeaux = events[0]
    assert bordeaux["location"]["name"] == "Palais de la Bourse"
    assert bordeaux["location"]["address"]["addressLocality"] == "Bordeaux"


def test_a_resource_is_a_creative_work_with_its_licence(client):
    resource = make_resource("Guide des communs", licence="etalab-2.0")
    _html, data = extract(client, resource.url)
    (work,) = [item for item in json_ld(data) if item["@type"] == "CreativeWork"]
    assert work["license"] == "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
    assert work["name"] == "Guide des communs"
    assert og(data)["og:type"] == "article"


def test_a_local_nec_is_an_event_in_its_own_time_zone_with_its_status(client):
    page = make_event(
        "NEC La Réunion",
        datetime.date(2027, 3, 4),
        local=True,
        start_time=datetime.time(9),
        end_time=datetime.time(17),
        commune="Saint-Denis",
        region="04",
        departments=["974"],
        status="cancelled",
    )
    _html, data = extract(client, page.url)
    (event,) = [item for item in json_ld(data) if item["@type"] == "Event"]
    assert event["startDate"] == "2027-03-04T09:00:00+04:00"
    assert event["endDate"] == "2027-03-04T17:00:00+04:00"
    assert event["eventStatus"] == "https://schema.org/EventCancelled"
    assert event["location"]["address"]["addressRegion"] == "La Réunion"
    assert event["organizer"]["name"] == "Hub Auvergne-Rhône-Alpes"


def test_an_online_event_has_a_virtual_location(client):
    page = make_event("Webinaire", datetime.date.today(), format="online")
    _html, data = extract(client, page.url)
    (event,) = [item for item in json_ld(data) if item["@type"] == "Event"]
    assert event["location"] == {
        "@type": "VirtualLocation",
        "url": "https://visio.example.org/test",
    }
    assert event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"


def test_a_title_cannot_break_out_of_the_json_ld_script(client):
    resource = make_resource("Guide </script><script>alert(1)</script> & co")
    html, data = extract(client, resource.url)
    assert "<script>alert(1)" not in html
    (work,) = [item for item in json_ld(data) if item["@type"] == "CreativeWork"]
    assert work["name"] == "Guide </script><script>alert(1)</script> & co"
    for block in html.split('<script type="application/ld+json">')[1:]:
        json.loads(block.split("</script>")[0])


def test_a_page_without_translation_announces_no_alternate_locale(client):
    resource = make_resource("Ressource seulement en français")
    _html, data = extract(client, resource.url)
    assert "og:locale:alternate" not in og(data)
    translate_page(resource, title="English only now")
    _html, data = extract(client, resource.url)
    assert og(data)["og:locale:alternate"] == "en_GB"
