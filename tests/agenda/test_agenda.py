"""The agenda and the local NECs: pages, filters, upcoming and past across time zones, the
map's figures, validation of places and times, hostile query strings, query counts."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from agenda.models import EventPage, LocalNecPage
from agenda.schedule import bounds
from tests.factories import agenda_index, local_nec_index, make_event, make_resource, translate_page
from tests.html import captioned_figures, fillable_controls, listed_titles, unlabelled_controls
from tests.queries import committed_query_count

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()
NEXT_MONTH = TODAY + datetime.timedelta(days=30)
LAST_MONTH = TODAY - datetime.timedelta(days=30)


def days(count):
    return TODAY + datetime.timedelta(days=count)


# --- Time ------------------------------------------------------------------------------------


def test_a_day_without_times_covers_the_whole_day_in_its_own_time_zone():
    start, end = bounds(datetime.date(2026, 12, 1), None, None, None, "Indian/Reunion")
    assert start == datetime.datetime(2026, 12, 1, tzinfo=ZoneInfo("Indian/Reunion"))
    assert end == datetime.datetime(2026, 12, 2, tzinfo=ZoneInfo("Indian/Reunion"))
    # Réunion is UTC+4: the day ends at 20:00 UTC the day before Paris's midnight.
    assert end.astimezone(datetime.UTC) == datetime.datetime(2026, 12, 1, 20, tzinfo=datetime.UTC)


def test_an_event_is_past_once_over_where_it_takes_place():
    reunion = make_event(
        "Atelier à Saint-Denis",
        datetime.date(2026, 12, 1),
        commune="Saint-Denis",
        region="04",
        departments=["974"],
    )
    paris = make_event(
        "Atelier à Paris",
        datetime.date(2026, 12, 1),
        commune="Paris",
        region="11",
        departments=["75"],
    )
    assert reunion.time_zone == "" and reunion.zone == "Indian/Reunion"
    events = EventPage.objects.listed()
    just_after_reunion_midnight = datetime.datetime(2026, 12, 1, 20, 0, 1, tzinfo=datetime.UTC)
    assert list(events.past(just_after_reunion_midnight)) == [reunion]
    assert list(events.upcoming(just_after_reunion_midnight)) == [paris]
    just_before = datetime.datetime(2026, 12, 1, 19, 59, 59, tzinfo=datetime.UTC)
    assert set(events.upcoming(just_before)) == {reunion, paris}


def test_guadeloupe_times_are_shown_as_guadeloupe_time(client):
    page = make_event(
        "Rencontre à Pointe-à-Pitre",
        NEXT_MONTH,
        start_time=datetime.time(18, 0),
        end_time=datetime.time(20, 0),
        commune="Pointe-à-Pitre",
        region="01",
        departments=["971"],
    )
    html = client.get(page.url).content.decode()
    assert "heure de la Guadeloupe" in html
    assert f'datetime="{NEXT_MONTH.isoformat()}T18:00-04:00"' in html
    # Paris is what visitors assume: no zone is named for it.
    paris = make_event(
        "Rencontre à Paris",
        NEXT_MONTH,
        start_time=datetime.time(18, 0),
        commune="Paris",
        region="11",
        departments=["75"],
    )
    assert "heure de Paris" not in client.get(paris.url).content.decode()


# --- Rules editors meet ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"departments": ["33"]}, "departments"),  # Gironde is not in Auvergne-Rhône-Alpes
        ({"commune": ""}, "commune"),
        ({"region": "", "departments": []}, "region"),
        ({"end_date": LAST_MONTH}, "end_date"),
        ({"start_time": datetime.time(16), "end_time": datetime.time(14)}, "end_time"),
        ({"time_zone": "Indian/Reunion"}, "time_zone"),  # in person in Lyon
        ({"format": "online", "commune": "", "region": ""}, "online_url"),
    ],
)
def test_an_event_with_an_impossible_place_or_time_is_refused(fields, field):
    page = EventPage(
        title="Rencontre",
        slug="rencontre",
        start_date=NEXT_MONTH,
        commune="Lyon",
        region="84",
        departments=["69"],
    )
    for name, value in fields.items():
        setattr(page, name, value)
    with pytest.raises(ValidationError) as raised:
        page.clean()
    assert field in raised.value.message_dict


def test_a_local_nec_needs_a_region_even_online():
    page = LocalNecPage(
        title="NEC en ligne",
        slug="nec",
        start_date=NEXT_MONTH,
        format="online",
        online_url="https://visio.example.org/",
        organisers="Hub",
    )
    with pytest.raises(ValidationError) as raised:
        page.clean()
    assert "region" in raised.value.message_dict


# --- Lists -----------------------------------------------------------------------------------


@pytest.fixture
def agenda():
    return {
        "soon": make_event("Atelier bientôt", days(3), kind="workshop"),
        "later": make_event(
            "Rencontre plus tard",
            days(40),
            kind="meetup",
            commune="Rennes",
            region="53",
            departments=["35"],
        ),
        "online": make_event("Webinaire en ligne", days(10), kind="webinar", format="online"),
        "hybrid": make_event(
            "Atelier hybride",
            days(20),
            kind="workshop",
            format="hybrid",
            online_url="https://visio.example.org/h",
        ),
        "past": make_event("Atelier passé", days(-5), kind="workshop"),
        "older": make_event("Rencontre ancienne", days(-60), kind="meetup"),
        "cancelled": make_event("Rencontre annulée", days(5), status="cancelled"),
    }


def titles(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return listed_titles(response.content.decode())


def test_the_agenda_lists_upcoming_events_soonest_first_then_past_ones_latest_first(client, agenda):
    assert titles(client, "/agenda/") == [
        "Atelier bientôt",
        "Rencontre annulée",
        "Webinaire en ligne",
        "Atelier hybride",
        "Rencontre plus tard",
        "Atelier passé",
        "Rencontre ancienne",
    ]


def test_a_cancelled_event_stays_listed_and_says_so(client, agenda):
    html = client.get("/agenda/").content.decode()
    card = html[html.index("Rencontre annulée") - 400 : html.index("Rencontre annulée") + 400]
    assert "Annulé" in card
    page = client.get(agenda["cancelled"].url).content.decode()
    assert "Cet évènement n’aura pas lieu." in page


@pytest.mark.parametrize(
    "query, expected",
    [
        ("?kind=workshop", {"Atelier bientôt", "Atelier hybride", "Atelier passé"}),
        ("?format=online", {"Webinaire en ligne", "Atelier hybride"}),
        ("?format=hybrid", {"Atelier hybride"}),
        ("?region=53", {"Rencontre plus tard"}),
        ("?kind=meetup&region=84", {"Rencontre ancienne", "Rencontre annulée"}),
    ],
)
def test_the_agenda_filters_by_kind_format_and_region(client, agenda, query, expected):
    assert set(titles(client, "/agenda/" + query)) == expected


def test_the_agenda_filters_by_audience_in_its_own_language(client, agenda):
    from ressources.models import Audience

    elus = Audience.objects.get(slug="elus", locale__language_code="fr")
    agenda["later"].audiences.set([elus])
    agenda["later"].save_revision().publish()
    assert titles(client, "/agenda/?audience=elus") == ["Rencontre plus tard"]
    html = client.get("/agenda/?audience=elus").content.decode()
    assert "Retirer le filtre Public : Élus et élues" in html
    assert "<title>Agenda – Élus et élues (1 évènement)" in html


@pytest.mark.parametrize("url", ["/agenda/", "/en/events/", "/nec-locaux/", "/en/local-necs/"])
def test_every_field_of_the_lists_has_an_explicit_label(client, agenda, url):
    """RGAA 11.1.1: each field has an id and one <label for> naming it (the filters, the
    search box in the header)."""
    html = client.get(url).content.decode()
    assert fillable_controls(html)
    assert unlabelled_controls(html) == []


def test_unknown_filter_values_are_ignored_like_the_library_does(client, agenda):
    assert len(titles(client, "/agenda/?kind=concert&region=99&audience=nobody")) == 7


def test_a_page_number_that_is_not_one_is_a_400_with_a_way_back(client, agenda):
    response = client.get("/agenda/?page=deux")
    assert response.status_code == 400
    assert "Revenir à la première page de la liste" in response.content.decode()


HOSTILE = [
    "?region=%00",
    "?kind=%00&format=%00&audience=%00",
    "?region=" + "9" * 5000,
    "?page=99999999999999999999",
    "?page=-1",
    "?region[]=84",
    "?audience=%C0%AF",
    "?kind=workshop&kind=meetup",
    "?format=%F0%9F%98%80",
    "?region=84%27%20OR%201%3D1--",
]


@pytest.mark.parametrize("path", ["/agenda/", "/nec-locaux/", "/en/events/", "/en/local-necs/"])
@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_query_strings_never_break_a_list_or_its_calendar(client, agenda, path, query):
    assert client.get(path + query).status_code in (200, 400)
    assert client.get(path + "calendrier/" + query).status_code == 200


def test_the_local_necs_list_filters_by_region_with_plain_links(client):
    make_event(
        "NEC Occitanie", days(12), local=True, commune="Toulouse", region="76", departments=["31"]
    )
    make_event(
        "NEC Bretagne", days(-100), local=True, commune="Rennes", region="53", departments=["35"]
    )
    html = client.get("/nec-locaux/").content.decode()
    assert 'href="?region=76"' in html
    assert titles(client, "/nec-locaux/?region=76") == ["NEC Occitanie"]
    assert titles(client, "/nec-locaux/") == ["NEC Occitanie", "NEC Bretagne"]


def map_labels(html):
    """{region name: count} as written on the map, matched to regions by the table's order."""
    svg = html[html.index("<svg") : html.index("</svg>")]
    return [int(n) for n in re.findall(r"<text[^>]*>(\d+)</text>", svg)]


def table_rows(html):
    """[(region name, upcoming, total)] of the map's table (« 3, dont 1 à venir », « 2 »)."""
    body = html[html.index("<tbody>", html.index('class="region-overview"')) :]
    body = body[: body.index("</tbody>")]
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
        name = re.sub(r"<[^>]+>", "", re.search(r"<th[^>]*>(.*?)</th>", row, re.S).group(1))
        cell = re.search(r"<td>(.*?)</td>", row, re.S).group(1)
        numbers = [int(n) for n in re.findall(r"\d+", cell)]
        rows.append((name.strip(), numbers[1] if len(numbers) > 1 else 0, numbers[0]))
    return rows


def test_the_map_shows_the_same_figures_as_its_table_and_the_database(client):
    for number, (commune, region, department, offset) in enumerate(
        [
            ("Toulouse", "76", "31", 10),
            ("Montpellier", "76", "34", -40),
            ("Toulouse", "76", "31", -400),
            ("Saint-Denis", "04", "974", 5),
            ("Cayenne", "03", "973", -3),
        ]
    ):
        make_event(
            f"NEC n°{number}",
            days(offset),
            local=True,
            commune=commune,
            region=region,
            departments=[department],
        )
    html = client.get("/nec-locaux/").content.decode()
    rows = table_rows(html)
    assert len(rows) == 18  # every region, overseas included, even with none
    by_name = {name: (upcoming, total) for name, upcoming, total in rows}
    assert by_name["Occitanie"] == (1, 3)
    assert by_name["La Réunion"] == (1, 1)
    assert by_name["Guyane"] == (0, 1)
    assert by_name["Bretagne"] == (0, 0)
    # The map writes the non-zero totals, in the table's order.
    assert map_labels(html) == [total for _name, _upcoming, total in rows if total]
    assert sum(total for *_rest, total in rows) == LocalNecPage.objects.live().count()


@pytest.mark.parametrize("url", ["/nec-locaux/", "/en/local-necs/"])
def test_the_map_is_a_figure_named_by_its_caption(client, url):
    """RGAA 1.9.1: the figure's aria-label says exactly what its <figcaption> says; the base
    map's source, in French on every page, is written beside the caption, not in it."""
    html = client.get(url).content.decode()
    ((role, label, caption),) = captioned_figures(html)
    assert role == "figure"
    assert label == caption
    assert label in ("Nombre de NEC locaux par région", "Number of local NECs per region")
    assert re.search(r'<small lang="fr">Fond de carte : IGN[^<]*</small>', html)


def test_the_map_marks_the_chosen_region(client):
    make_event(
        "NEC Occitanie", days(12), local=True, commune="Toulouse", region="76", departments=["31"]
    )
    html = client.get("/nec-locaux/?region=76").content.decode()
    assert html.count('class="shade-1 selected"') == 1
    assert '<tr class="selected">' in html


@pytest.mark.parametrize("local", [False, True])
def test_list_queries_do_not_grow_with_the_number_of_events(client, local):
    url = "/nec-locaux/" if local else "/agenda/"
    for number in range(3):
        make_event(f"Évènement {number}", days(number * 7 - 7), local=local)
    few = committed_query_count(client, url)
    for number in range(3, 30):
        make_event(
            f"Évènement {number}",
            days(number * 5 - 60),
            local=local,
            status="cancelled" if number % 5 == 0 else "confirmed",
        )
    # A page that holds both upcoming and past events reads each: one query more at most.
    assert committed_query_count(client, url) <= few
    # Breadcrumbs are remembered with the rest of the shell (one query fewer than before).
    assert few == (10 if local else 9)


def test_every_event_page_answers_in_both_languages_after_translation(client):
    from tests.factories import translate_page

    page = make_event("Atelier traduit", NEXT_MONTH)
    english = translate_page(page, title="Translated workshop")
    response = client.get(english.url)
    assert response.status_code == 200
    assert english.url.startswith("/en/events/")
    assert "Translated workshop" in response.content.decode()


def test_the_home_page_shows_the_next_events_or_nothing(client):
    html = client.get("/").content.decode()
    assert "Prochains rendez-vous" not in html
    make_event("Atelier passé", days(-3))
    assert "Prochains rendez-vous" not in client.get("/").content.decode()
    make_event(
        "NEC Occitanie", days(20), local=True, commune="Toulouse", region="76", departments=["31"]
    )
    make_event("Atelier bientôt", days(2))
    html = client.get("/").content.decode()
    section = html[html.index("Prochains rendez-vous") :]
    assert listed_titles(section)[:2] == ["Atelier bientôt", "NEC Occitanie"]


def test_the_plain_seed_creates_the_lists_and_the_call_for_organisers_but_no_event(client):
    assert not EventPage.objects.exists() and not LocalNecPage.objects.exists()
    for url in [
        "/agenda/",
        "/en/events/",
        "/nec-locaux/",
        "/en/local-necs/",
        "/nec-locaux/organiser-un-nec-local/",
        "/en/local-necs/organise-a-local-nec/",
    ]:
        assert client.get(url).status_code == 200, url
    assert (
        "Aucun évènement n’est annoncé pour l’instant." in client.get("/agenda/").content.decode()
    )


def test_lists_and_events_are_cached_for_anonymous_visitors_without_a_cookie(client):
    page = make_event("Atelier", NEXT_MONTH)
    for url in [
        "/agenda/",
        page.url,
        page.url + "calendrier/",
        "/nec-locaux/organiser-un-nec-local/",
    ]:
        response = client.get(url)
        assert response.status_code == 200
        assert not response.cookies, url
        assert "public" in response["Cache-Control"], url


def test_the_index_pages_keep_one_per_home():
    assert local_nec_index().max_count_per_parent == 1
    assert agenda_index().max_count_per_parent == 1


def test_an_event_is_upcoming_while_it_runs():
    now = timezone.now()
    page = make_event(
        "En cours",
        now.date() - datetime.timedelta(days=1),
        end_date=now.date() + datetime.timedelta(days=1),
    )
    assert page in EventPage.objects.upcoming(now)


def test_departments_name_the_region_and_unknown_codes_are_refused():
    page = EventPage(
        title="Rencontre", slug="r", start_date=NEXT_MONTH, commune="Brest", departments=["29"]
    )
    page.clean()
    assert page.region == "53"
    page = EventPage(
        title="Rencontre",
        slug="r",
        start_date=NEXT_MONTH,
        commune="Brest",
        region="53",
        departments=["29", "999"],
    )
    with pytest.raises(ValidationError) as raised:
        page.clean()
    assert "999" in str(raised.value.message_dict["departments"])


def test_demo_examples_cover_regions_formats_zones_and_states_in_both_languages(monkeypatch):
    from django.core.management import call_command

    from nec_cms.seed_loader import seed_modules

    # The agenda's examples only: the other apps' (the programmes' sessions above all) took
    # most of the time, and tests/editions/test_programme_demo.py and
    # tests/ressources/test_examples.py load and check those through the same command.
    for module in seed_modules():
        if module.__name__ != "agenda.seed" and hasattr(module, "examples"):
            monkeypatch.setattr(module, "examples", lambda count: [])
    call_command("load_nec_content", demo=18, verbosity=0)
    now = timezone.now()
    events = [
        *LocalNecPage.objects.filter(locale__language_code="fr"),
        *EventPage.objects.filter(locale__language_code="fr"),
    ]
    assert len(events) == 36 and all(event.is_example for event in events)
    assert {event.region for event in events} >= {"01", "02", "03", "04", "06", "11", "94"}
    assert {event.format for event in events} == {"in_person", "online", "hybrid"}
    assert {event.kind for event in EventPage.objects.all()} == {"meetup", "workshop", "webinar"}
    assert {event.zone for event in events} >= {"Europe/Paris", "Indian/Reunion", "America/Cayenne"}
    assert {event.status for event in events} >= {"cancelled", "postponed", "confirmed"}
    assert any(event.is_past(now) for event in events)
    assert any(not event.is_past(now) for event in events)
    english = LocalNecPage.objects.filter(locale__language_code="en")
    assert english.count() == 18
    assert all("example no." in page.title for page in english)


def test_site_search_finds_events_and_names_their_type(client):
    make_event(
        "NEC Occitanie", days(12), local=True, commune="Toulouse", region="76", departments=["31"]
    )
    html = client.get("/recherche/?q=Occitanie").content.decode()
    assert "NEC Occitanie" in listed_titles(html)
    assert "NEC local" in html


def test_a_translated_event_takes_the_terms_of_its_language(client):
    from ressources.models import Audience, Theme
    from tests.factories import translate_page

    page = make_event("Atelier des élus", days(9))
    page.audiences.set([Audience.objects.get(slug="elus", locale__language_code="fr")])
    page.themes.set([Theme.objects.get(slug="inclusion-numerique", locale__language_code="fr")])
    page.save_revision().publish()
    english = translate_page(page, title="Workshop for elected officials")
    english.refresh_from_db()
    assert [term.slug for term in english.audiences.all()] == ["elected-officials"]
    assert [term.slug for term in english.themes.all()] == ["digital-inclusion"]
    assert titles(client, "/en/events/?audience=elected-officials") == [
        "Workshop for elected officials"
    ]


def test_the_site_map_names_the_lists_not_each_event(client):
    page = make_event("Atelier du plan", days(4))
    html = client.get("/plan-du-site/").content.decode()
    assert 'href="/agenda/"' in html and 'href="/nec-locaux/"' in html
    assert 'href="/nec-locaux/organiser-un-nec-local/"' in html
    assert page.url not in html
    assert page.url in client.get("/sitemap.xml").content.decode()


def test_an_english_local_nec_links_its_resources_in_english_or_says_their_language(client):
    """A translated page keeps the French resources it was copied with: each is shown in
    English when translated, otherwise in French, marked as such (RGAA 8.7)."""
    translated = make_resource("Guide de la médiation numérique")
    translate_page(translated, title="Digital inclusion guide", slug="digital-inclusion-guide")
    french_only = make_resource("Cartographie des lieux de médiation")
    local = make_event(
        "NEC local de Lyon",
        days(-30),
        local=True,
        resources=[("resource", translated), ("resource", french_only)],
    )
    english = translate_page(local, title="Lyon local NEC", slug="lyon-local-nec")
    english.refresh_from_db()  # its address, once published under its English slug

    html = client.get(english.url).content.decode()
    links = re.findall(r'<li>(<a href="[^"]+"[^>]*>[^<]+</a>)\s*</li>', html)
    assert '<a href="/en/resources/digital-inclusion-guide/">Digital inclusion guide</a>' in links
    assert (
        '<a href="/ressources/cartographie-des-lieux-de-mediation/" lang="fr" hreflang="fr">'
        "Cartographie des lieux de médiation</a>"
    ) in links
    # The French page links both, in French, unmarked.
    html = client.get(local.url).content.decode()
    assert '<a href="/ressources/guide-de-la-mediation-numerique/">' in html
    assert 'lang="fr"' not in html.split("<main", 1)[1]
