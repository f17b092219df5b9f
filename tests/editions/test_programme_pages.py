"""The programme's pages as visitors read them: the programme one day at a time with its
filters, a session with the people on stage, its accessibility and its replay, the speakers
by name, a speaker with their bio and photo only with consent and their e-mail never, the
edition linking to its programme with the share of women on stage; in French and English,
with hostile query strings and a query count that does not grow with the programme."""

import datetime
import html as html_module
import io
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from editions.models import (
    GenderDeclaration,
    ProgrammePage,
    SessionPage,
    SessionSpeaker,
    SpeakerIndexPage,
    SpeakerPage,
)
from ressources.models import Audience, Theme
from tests.factories import home_page, make_edition, make_resource, translate_page
from tests.nec_cms.test_fuzz import FUZZ_SETTINGS, encoded, query_strings
from tests.queries import committed_query_count

pytestmark = pytest.mark.django_db

SECRET_EMAIL = "ne-jamais-publier.intervenante@adresse-privee.example"
# Pinned for an anonymous visitor's second visit; update deliberately, never silently.
# (16 since breadcrumbs are remembered with the rest of the shell.)
PROGRAMME_QUERIES = 16


# --- Building a programme ------------------------------------------------------------------


def slug_of(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def speaker_index(language="fr"):
    """The speakers' index of `language` (the seed's when it has one)."""
    index = SpeakerIndexPage.objects.filter(locale__language_code=language).first()
    if index is not None:
        return index
    if language != "fr":
        return translate_page(speaker_index(), language, title="Speakers", slug="speakers")
    index = SpeakerIndexPage(title="Intervenantes et intervenants", slug="intervenants")
    home_page().add_child(instance=index)
    index.save_revision().publish()
    return index


def make_speaker(name, *, consent=False, parent=None, **fields):
    page = SpeakerPage(
        title=name,
        slug=fields.pop("slug", slug_of(name)),
        consent=consent,
        consent_date=datetime.date(2030, 9, 1) if consent else None,
        email=fields.pop("email", SECRET_EMAIL),
        **fields,
    )
    (parent or speaker_index()).add_child(instance=page)
    page.save_revision().publish()
    return page


def make_programme(edition):
    page = ProgrammePage(title="Programme", slug="programme", intro="<p>Deux jours de communs.</p>")
    edition.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_session(programme, title, date, start, people=(), *, themes=(), audiences=(), **fields):
    """A published session of `programme`; `people` are speakers or (speaker, role)."""
    end = (datetime.datetime.combine(date, start) + datetime.timedelta(hours=1)).time()
    session = SessionPage(
        title=title,
        slug=fields.pop("slug", slug_of(title)),
        format=fields.pop("format", "workshop"),
        date=date,
        start_time=start,
        end_time=fields.pop("end_time", end),
        room=fields.pop("room", "Grand amphithéâtre"),
        intro=fields.pop("intro", f"<p>Résumé de « {title} ».</p>"),
        **fields,
    )
    locale_id = programme.locale_id
    session.themes = list(Theme.objects.filter(locale_id=locale_id, slug__in=themes))
    session.audiences = list(Audience.objects.filter(locale_id=locale_id, slug__in=audiences))
    for person in people:
        speaker, role = person if isinstance(person, tuple) else (person, "speaker")
        session.speakers.add(SessionSpeaker(speaker=speaker, role=role))
    programme.add_child(instance=session)
    session.save_revision().publish()
    return session


def declare(edition, *speakers, answer="woman"):
    """Gender declarations, so that sessions with several people on stage may go live."""
    for speaker in speakers:
        GenderDeclaration.objects.create(speaker=speaker, edition=edition, answer=answer)


def document(title, name, content):
    doc = get_document_model()(title=title)
    doc.file.save(name, ContentFile(content), save=False)
    doc.save()
    return doc


def photo():
    buffer = io.BytesIO()
    Image.new("RGB", (600, 600), (40, 90, 160)).save(buffer, format="PNG")
    return get_image_model().objects.create(
        title="Portrait", file=ImageFile(buffer, name="portrait-intervenante.png")
    )


DAY_1 = datetime.date(2030, 11, 14)
DAY_2 = datetime.date(2030, 11, 15)


def at(hour, minute=0):
    return datetime.time(hour, minute)


@pytest.fixture
def programme():
    """An edition's programme over two days, each session with one person on stage except
    the round table (a woman and a man, declared)."""
    edition = make_edition(2030, "Testville")
    page = make_programme(edition)
    claire = make_speaker("Claire Dupont", organisation="Coopérative des communs")
    bruno = make_speaker("Bruno Martin", organisation="Ville de Testville")
    elodie = make_speaker("Élodie Arnaud", organisation="Hub numérique")
    declare(edition, claire)
    declare(edition, bruno, answer="man")
    sessions = {
        "plenary": make_session(
            page,
            "Ouverture de l’édition",
            DAY_1,
            at(9, 30),
            [claire],
            format="plenary",
            sign_language=True,
            live_captions=True,
            themes=["communs-souverainete"],
            audiences=["elus"],
        ),
        "workshop": make_session(
            page,
            "Atelier des médiateurs",
            DAY_1,
            at(11),
            [elodie],
            room="Atelier 1",
            themes=["mediation-competences"],
            audiences=["mediateurs-numeriques"],
        ),
        "round_table": make_session(
            page,
            "Table ronde des territoires",
            DAY_1,
            at(11),
            [(bruno, "speaker"), (claire, "facilitator")],
            format="round_table",
            room="Salle des communs",
            themes=["communs-souverainete"],
        ),
        "day_2": make_session(
            page,
            "Retour d’expérience du lendemain",
            DAY_2,
            at(10),
            [elodie],
            format="feedback",
            replay_url="https://video.example.org/w/retour",
            replay_duration=42,
            transcript="<p>Bonjour à toutes et à tous, merci d’être venus.</p>",
        ),
    }
    return {
        "edition": edition,
        "page": page,
        "sessions": sessions,
        "speakers": {"claire": claire, "bruno": bruno, "elodie": elodie},
    }


def get_html(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def session_titles(html):
    """The sessions a programme lists, in order."""
    return [
        html_module.unescape(title)
        for title in re.findall(r'<h4><a href="[^"]+">([^<]+)</a></h4>', html)
    ]


def slot_times(html):
    return re.findall(r'<h3 class="slot"><time datetime="([^"]+)">', html)


# --- The programme -------------------------------------------------------------------------


def test_the_programme_shows_its_first_day_grouped_by_start_time(client, programme):
    html = get_html(client, programme["page"].url)
    assert session_titles(html) == [
        "Ouverture de l’édition",
        "Atelier des médiateurs",
        "Table ronde des territoires",
    ]
    assert slot_times(html) == ["2030-11-14T09:30", "2030-11-14T11:00"]
    # Visitors from overseas know which clock the times follow.
    assert "Les horaires sont donnés à l’heure de Paris." in html
    # The days are plain links; the one shown is marked.
    assert '<a href="?jour=2030-11-14" aria-current="date">' in html
    assert '<a href="?jour=2030-11-15">' in html
    assert (
        "<title>Programme — Édition 2030 — Testville – jeudi 14 novembre 2030 (3 sessions)" in html
    )


def test_each_session_says_when_where_who_and_how_to_follow_it(client, programme):
    html = get_html(client, programme["page"].url)
    card = html[html.index("Ouverture de l’édition") : html.index("Atelier des médiateurs")]
    assert "09:30–10:30 · Grand amphithéâtre · Plénière" in card
    assert "Sur scène :" in card and "Claire Dupont" in card
    assert "Interprétation en LSF" in card and "Sous-titrage en direct" in card
    table = html[html.index("Table ronde des territoires") :]
    table = table[: table.index("</li>")]
    assert "Sur scène : Bruno Martin, Claire Dupont (animateur·rice)" in table
    second_day = get_html(client, programme["page"].url + "?jour=2030-11-15")
    assert session_titles(second_day) == ["Retour d’expérience du lendemain"]
    assert "Rediffusion disponible" in second_day
    assert '<a href="?jour=2030-11-15" aria-current="date">' in second_day


def test_the_programme_announces_and_links_its_exports(client, programme):
    page = programme["page"]
    html = get_html(client, page.url)
    json_url = page.url + page.reverse_subpage("schedule_json")
    calendar_url = page.url + page.reverse_subpage("calendar")
    assert f'<link rel="alternate" type="application/json" href="{json_url}"' in html
    assert f'<link rel="alternate" type="text/calendar" href="{calendar_url}"' in html
    assert f'<a href="{calendar_url}" type="text/calendar">' in html
    assert f'<a href="{json_url}" type="application/json">' in html
    assert client.get(json_url).status_code == 200
    assert client.get(calendar_url).status_code == 200


@pytest.mark.parametrize(
    "query, expected",
    [
        ("?format=plenary", ["Ouverture de l’édition"]),
        ("?theme=communs-souverainete", ["Ouverture de l’édition", "Table ronde des territoires"]),
        ("?audience=mediateurs-numeriques", ["Atelier des médiateurs"]),
        ("?theme=communs-souverainete&format=round_table", ["Table ronde des territoires"]),
        ("?jour=2030-11-15&format=feedback", ["Retour d’expérience du lendemain"]),
        ("?jour=2030-11-15&format=plenary", []),
    ],
)
def test_the_programme_filters_by_format_theme_and_audience(client, programme, query, expected):
    assert session_titles(get_html(client, programme["page"].url + query)) == expected


def test_filters_keep_the_day_and_can_be_removed_one_by_one(client, programme):
    html = get_html(client, programme["page"].url + "?jour=2030-11-15&format=plenary")
    assert '<input type="hidden" name="jour" value="2030-11-15">' in html
    assert "Aucune session ne correspond à ces filtres ce jour-là." in html
    assert '<a href="?jour=2030-11-15">Retirer le filtre Format : Plénière</a>' in html
    # Going to another day keeps the filter.
    assert 'href="?jour=2030-11-14&amp;format=plenary"' in html
    # Only what the programme holds is offered.
    assert '<option value="masterclass">' not in html
    assert '<option value="elus">Élus et élues</option>' in html


@pytest.mark.parametrize(
    "query",
    [
        "?jour=2030-02-30",
        "?jour=2030-11-14T10:00",
        "?jour=1-1-1",
        "?jour=" + "9" * 5000,
        "?jour=%00",
        "?format=%00&theme=%00&audience=%00",
        "?format=pl%00enary",
        "?theme=" + "a" * 5000,
        "?audience=%C0%AF",
        "?format=plenary&format=workshop",
        "?theme[]=communs-souverainete",
        "?page=deux",
        "?page=99999999999999999999",
        "?jour=2030-11-14%27%20OR%201%3D1--",
        "?format=%F0%9F%98%80&jour=%F0%9F%98%80",
    ],
)
def test_hostile_query_strings_show_a_programme_never_an_error(client, programme, query):
    html = get_html(client, programme["page"].url + query)
    # Whatever is not understood is dropped: the first day, or what was understood.
    assert session_titles(html)
    assert "\x00" not in html


PROGRAMME_KEYS = st.sampled_from(["jour", "format", "theme", "audience", "page"])
programme_queries = st.lists(st.tuples(PROGRAMME_KEYS, encoded), max_size=5).map(
    lambda items: "&".join(f"{key}={value}" for key, value in items)
)


@FUZZ_SETTINGS
@given(data=st.data())
def test_fuzzed_query_strings_never_break_the_programme_or_the_speakers(client, programme, data):
    query = data.draw(programme_queries | query_strings)
    response = client.get(programme["page"].url, QUERY_STRING=query)
    assert response.status_code == 200, query
    # The speakers' index answers 400 to a page number that is not one, as the lists do.
    response = client.get(speaker_index().url, QUERY_STRING=query)
    assert response.status_code in (200, 400), query


def test_unknown_values_are_dropped_like_the_agenda_does(client, programme):
    html = get_html(client, programme["page"].url + "?format=concert&theme=nope&audience=x")
    assert len(session_titles(html)) == 3
    assert "Retirer le filtre" not in html


def test_a_programme_without_sessions_says_so(client):
    page = make_programme(make_edition(2031, "Videville"))
    html = get_html(client, page.url + "?jour=2031-11-14&format=plenary")
    assert "Les sessions de cette édition ne sont pas encore publiées." in html


def test_unpublished_sessions_stay_off_the_programme(client, programme):
    programme["sessions"]["workshop"].unpublish()
    assert "Atelier des médiateurs" not in session_titles(get_html(client, programme["page"].url))


def programme_of(size, edition_year):
    edition = make_edition(edition_year, f"Ville {edition_year}")
    page = make_programme(edition)
    speakers = [
        make_speaker(f"Personne {edition_year} {n}", organisation=f"Org {n}") for n in range(size)
    ]
    declare(edition, *speakers)
    for number in range(size):
        # Two people on stage in every other session, so that people count too.
        people = (
            [speakers[number], (speakers[number - 1], "facilitator")]
            if number % 2
            else [speakers[number]]
        )
        make_session(
            page,
            f"Session {number}",
            DAY_1,
            at(9 + number % 4),
            people,
            format="workshop" if number % 2 else "plenary",
            themes=["communs-souverainete", "mediation-competences"],
            audiences=["elus"],
            sign_language=bool(number % 3),
        )
    return page


def test_the_programme_query_count_does_not_grow_with_sessions_or_speakers(client):
    few = programme_of(2, 2040)
    many = programme_of(10, 2041)
    assert len(session_titles(get_html(client, many.url))) == 10
    assert committed_query_count(client, few.url) == PROGRAMME_QUERIES
    assert committed_query_count(client, many.url) == PROGRAMME_QUERIES


# --- A session -----------------------------------------------------------------------------


@pytest.fixture
def recorded_session(programme):
    """A session with everything a session page shows: slides, a resource, a replay with
    captions, its licence and its transcript."""
    edition = programme["edition"]
    anna = make_speaker("Anna Lemoine", organisation="Réseau des tiers-lieux")
    declare(edition, anna)
    resource = make_resource("Guide des communs numériques")
    session = make_session(
        programme["page"],
        "Masterclass des communs",
        DAY_2,
        at(14),
        [(anna, "speaker"), (programme["speakers"]["bruno"], "witness")],
        format="masterclass",
        language="en",
        room="Salon des territoires",
        themes=["communs-souverainete"],
        audiences=["elus"],
        live_captions=True,
        slides=document("Support de la masterclass", "support.pdf", b"%PDF-1.4 support"),
        resources=[("resource", resource)],
        replay_url="https://video.example.org/w/masterclass-communs",
        replay_duration=85,
        replay_captions=document("Sous-titres", "sous-titres.vtt", b"WEBVTT\n\n"),
        replay_licence="etalab-2.0",
        transcript="<p>Merci à toutes et à tous : la parole est à Anna.</p>",
    )
    return session


def test_a_session_page_says_when_where_in_which_language_and_with_whom(client, recorded_session):
    html = get_html(client, recorded_session.url)
    assert "<h1>Masterclass des communs</h1>" in html
    assert "Masterclass" in html and "Édition 2030 — Testville" in html
    assert "Vendredi 15 novembre 2030" in html
    assert re.search(r"de <time[^>]*>14:00</time> à <time[^>]*>15:00</time>, heure de Paris", html)
    assert "Salon des territoires" in html
    assert "<dd>Anglais</dd>" in html
    assert "Résumé de « Masterclass des communs »." in html
    anna = SpeakerPage.objects.get(title="Anna Lemoine")
    assert f'<a href="{anna.url}">Anna Lemoine</a>, intervenant·e' in html
    assert ">Bruno Martin</a>, grand témoin" in html
    assert "Sous-titrage en direct" in html


def test_a_session_links_its_themes_and_audiences_to_the_programme_filtered(
    client, recorded_session
):
    html = get_html(client, recorded_session.url)
    programme_url = recorded_session.get_parent().url
    assert f'href="{programme_url}?jour=2030-11-15&amp;theme=communs-souverainete"' in html
    assert f'href="{programme_url}?jour=2030-11-15&amp;audience=elus"' in html
    filtered = get_html(client, f"{programme_url}?jour=2030-11-15&theme=communs-souverainete")
    assert session_titles(filtered) == ["Masterclass des communs"]


def test_the_replay_is_a_plain_link_with_its_captions_licence_and_transcript(
    client, recorded_session
):
    html = get_html(client, recorded_session.url)
    assert (
        '<a href="https://video.example.org/w/masterclass-communs">'
        "Voir la rediffusion de la session sur video.example.org</a>" in html
    )
    assert "vidéo de 85 minutes" in html
    # No player from another site: nothing embedded, nothing loaded from video.example.org.
    for element in ("<iframe", "<video", "<embed", "<object", '<script src="https://video'):
        assert element not in html
    assert re.search(r'<a href="[^"]+sous-titres[^"]*\.vtt">Sous-titres de la rediffusion', html)
    assert 'href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/"' in html
    assert "Licence Ouverte / Open Licence Etalab 2.0 (Etalab 2.0)" in html
    assert '<h2 id="transcription">Transcription</h2>' in html
    assert "Merci à toutes et à tous : la parole est à Anna." in html
    assert re.search(r'<a href="[^"]+support[^"]*\.pdf">Support de présentation :', html)
    assert ">Guide des communs numériques</a>" in html


def test_a_session_not_to_be_recorded_says_so(client, programme):
    session = make_session(
        programme["page"],
        "Atelier à huis clos",
        DAY_1,
        at(16),
        [programme["speakers"]["elodie"]],
        do_not_record=True,
    )
    html = get_html(client, session.url)
    assert "Cette session n’est pas enregistrée." in html
    assert "Voir la rediffusion" not in html
    assert "Rediffusion disponible" not in get_html(client, programme["page"].url)
    waiting = get_html(client, programme["sessions"]["workshop"].url)
    assert "La rediffusion de cette session n’est pas en ligne." in waiting
    assert "Ni interprétation en LSF ni sous-titrage en direct annoncés." in waiting


# --- Speakers ------------------------------------------------------------------------------


def test_a_speaker_without_consent_shows_neither_bio_nor_photo(client, programme):
    speaker = make_speaker(
        "Zoé Sanschoix",
        organisation="Collectif discret",
        job_title="Coordinatrice",
        bio="<p>Une biographie que personne n’a autorisée.</p>",
        photo=photo(),
        photo_alt="Zoé Sanschoix au micro",
        photo_credit="Studio Exemple",
        mastodon="https://mastodon.example.org/@zoe",
    )
    html = get_html(client, speaker.url)
    assert "<h1>Zoé Sanschoix</h1>" in html
    assert "Coordinatrice, Collectif discret" in html
    assert "biographie que personne" not in html
    assert "<img" not in html and "Studio Exemple" not in html
    # Their public profile is theirs to show: consent covers the bio and the photo.
    assert '<a href="https://mastodon.example.org/@zoe" rel="me">' in html


def test_a_speaker_with_consent_shows_bio_photo_credit_and_their_profiles(client, programme):
    speaker = make_speaker(
        "Yasmine Accord",
        consent=True,
        organisation="Association Exemple",
        bio="<p>Yasmine anime des ateliers de médiation.</p>",
        photo=photo(),
        photo_alt="Yasmine Accord au micro",
        photo_credit="Studio Exemple",
        website="https://example.org/yasmine",
        mastodon="https://mastodon.example.org/@yasmine",
        linkedin="https://www.linkedin.com/in/yasmine-exemple",
    )
    html = get_html(client, speaker.url)
    assert "Yasmine anime des ateliers de médiation." in html
    assert re.search(r'<img [^>]*alt="Yasmine Accord au micro"', html)
    # The credit is the caption of the photo, tied to it by the figure's role and name.
    figure = re.search(r"<figure ([^>]*)>(.*?)</figure>", html, re.S)
    assert 'role="figure"' in figure[1] and 'aria-label="Photo : Studio Exemple"' in figure[1]
    assert "<img" in figure[2] and "<figcaption>Photo : Studio Exemple</figcaption>" in figure[2]
    assert '<a href="https://mastodon.example.org/@yasmine" rel="me">' in html
    assert '<a href="https://www.linkedin.com/in/yasmine-exemple" rel="me">' in html
    assert '<a href="https://example.org/yasmine">' in html


def test_a_speaker_lists_their_sessions_across_editions_with_each_edition(client, programme):
    claire = programme["speakers"]["claire"]
    other = make_programme(make_edition(2029, "Avantville"))
    make_session(other, "Conférence de l’an passé", datetime.date(2029, 10, 2), at(10), [claire])
    html = get_html(client, claire.url)
    listed = re.findall(r'<li><a href="[^"]+">([^<]+)</a> <span class="meta">([^<]+)', html)
    assert [(html_module.unescape(title), meta.split(" · ")[0]) for title, meta in listed] == [
        ("Table ronde des territoires", "Édition 2030 — Testville"),
        ("Ouverture de l’édition", "Édition 2030 — Testville"),
        ("Conférence de l’an passé", "Édition 2029 — Avantville"),
    ]
    assert "animateur·rice" in html.lower()


def test_the_speakers_index_lists_names_alphabetically_with_their_organisation(client, programme):
    # « Élodie » among the E, before « Fanny », whatever the database's collation.
    make_speaker("Fanny Roux")
    html = get_html(client, speaker_index().url)
    names = [
        html_module.unescape(name)
        for name in re.findall(r'<li><a href="[^"]+">([^<]+)</a>', html)
        if name in ("Claire Dupont", "Bruno Martin", "Élodie Arnaud", "Fanny Roux")
    ]
    assert names == ["Bruno Martin", "Claire Dupont", "Élodie Arnaud", "Fanny Roux"]
    assert '>Claire Dupont</a> <span class="meta">Coopérative des communs</span>' in html


def test_the_speakers_index_is_paginated_and_refuses_a_page_number_that_is_not_one(
    client, programme
):
    from editions import views

    index = speaker_index()
    total = SpeakerPage.objects.live().child_of(index).count()
    for number in range(views.SPEAKERS_PER_PAGE + 1 - total):
        make_speaker(f"Personne {number:03d}")
    first = get_html(client, index.url)
    assert 'rel="next"' in first
    last = get_html(client, index.url + "?page=99")
    assert 'aria-current="page"><span class="visually-hidden">Page </span>2</a>' in last
    for bad in ("deux", "-1"):
        response = client.get(index.url + f"?page={bad}")
        assert response.status_code == 400
        # The lists' own answer: it says what is wrong and leads back to the first page.
        html = response.content.decode()
        assert "<title>Erreur : Intervenantes et intervenants" in html
        assert "Le numéro de page demandé n’existe pas" in html
        assert '<a href="?">Revenir à la première page de la liste</a>' in html
    assert client.get(index.url + "?page=%00").status_code == 200  # no page number: the first


# --- The edition ---------------------------------------------------------------------------


def test_an_edition_links_its_programme_once_it_shows_a_session(client, programme):
    edition = programme["edition"]
    assert f'<a href="{programme["page"].url}">Voir le programme' in get_html(client, edition.url)
    empty = make_edition(2031, "Videville")
    make_programme(empty)
    assert "Voir le programme" not in get_html(client, empty.url)


def test_an_edition_shows_the_share_of_women_once_ten_people_declared(client, programme):
    edition, page = programme["edition"], programme["page"]
    # Claire (woman) and Bruno (man) declared; Élodie did not.
    html = get_html(client, edition.url)
    assert "Parité sur scène" not in html
    people = [make_speaker(f"Déclarante {n}") for n in range(9)]
    declare(edition, *people[:5])
    declare(edition, *people[5:8], answer="man")
    for number, person in enumerate(people):
        make_session(page, f"Pitch {number}", DAY_2, at(16), [person], format="pitch")
    # 12 people on stage, 10 declared (6 women), 2 not (Élodie and the last one).
    html = get_html(client, edition.url)
    assert "Parité sur scène" in html
    assert (
        "60&nbsp;% de femmes parmi les 10 personnes qui ont déclaré leur genre&nbsp;; "
        "17&nbsp;% des personnes sur scène n’ont pas déclaré." in html
    )


# --- Privacy -------------------------------------------------------------------------------


def test_a_speakers_email_is_in_no_page_in_any_language(client, recorded_session, programme):
    english = english_programme(programme)
    urls = [
        programme["edition"].url,
        programme["page"].url,
        programme["page"].url + "?jour=2030-11-15",
        recorded_session.url,
        speaker_index().url,
        *(speaker.url for speaker in SpeakerPage.objects.live()),
        *(session.url for session in SessionPage.objects.live()),
        english["programme"].url,
        english["index"].url,
        "/plan-du-site/",
        "/en/site-map/",
        "/recherche/?q=Claire",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert SECRET_EMAIL not in response.content.decode(), url


# --- English -------------------------------------------------------------------------------


def english_programme(programme):
    """The programme and its people translated, as wagtail-localize leaves them: a
    translated session still names the French speaker pages."""
    for page in (programme["edition"].get_parent(), programme["edition"]):
        if not page.has_translation(english_locale()):
            translate_page(page)
    english = {"programme": translate_page(programme["page"], intro="<p>Two days.</p>")}
    english["index"] = speaker_index("en")
    english["claire"] = translate_page(
        programme["speakers"]["claire"], title="Claire Dupont (EN)", job_title="Facilitator"
    )
    english["opening"] = translate_page(
        programme["sessions"]["plenary"], title="Opening of the edition"
    )
    return english


def english_locale():
    from wagtail.models import Locale

    return Locale.objects.get(language_code="en")


def test_the_english_programme_session_and_speaker_pages_are_in_english(client, programme):
    english = english_programme(programme)
    html = get_html(client, english["programme"].url)
    assert english["programme"].url.startswith("/en/")
    assert '<html lang="en"' in html
    assert session_titles(html) == ["Opening of the edition"]
    # The people on stage in English wherever their page is translated.
    assert "Claire Dupont (EN)" in html
    session = get_html(client, english["opening"].url)
    assert "Paris time" in session or "heure de Paris" in session
    assert f'<a href="{english["claire"].url}">Claire Dupont (EN)</a>' in session
    speaker = get_html(client, english["claire"].url)
    assert "Opening of the edition" in speaker
    index = get_html(client, english["index"].url)
    assert "Claire Dupont (EN)" in index


def test_a_full_day_of_forty_sessions_stays_within_the_page_budgets(client):
    """A national edition's busiest day has about thirty sessions: forty, each with its
    people, themes and accessibility, stay within the budgets (EcoIndex A, DOM elements,
    weight) that the browser gates check on the example programme."""
    from quality.budgets import MAX_DOM_ELEMENTS, MAX_TRANSFER_BYTES, MIN_ECOINDEX_SCORE
    from quality.measure import measure_html

    page = programme_of(40, 2042)
    response = client.get(page.url)
    assert len(session_titles(response.content.decode())) == 40
    measurement = measure_html(response.content, "http://localhost" + page.url)
    assert not measurement.missing
    assert measurement.dom_elements <= MAX_DOM_ELEMENTS, measurement.dom_elements
    assert measurement.transfer_bytes <= MAX_TRANSFER_BYTES
    assert measurement.ecoindex.score >= MIN_ECOINDEX_SCORE, str(measurement.ecoindex)
