"""Every public page type the browser suite visits: one line per page.

``expected=True``: the page must answer with ``status``, otherwise the test fails, with or
without NEC_REQUIRE_ALL. ``expected=False``: a page type planned and built in
parallel (library, search, English): tested as soon as it answers, reported « xfail: not
served yet » until then, never silently dropped. When the feature lands, set
``expected=True`` (or drop the argument) so CI can never lose it again.

``discover=(listing_path, regex[, template])`` finds the URL in a listing when it depends on
data (a resource's slug, a facet's value): the first match of the regex fills ``template``
(default ``"{0}"``, the first group) and that path is visited.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class PageCase:
    name: str
    path: str | None = None
    status: int = 200
    expected: bool = True
    discover: tuple | None = None

    def __str__(self):
        return self.name


PROGRAMME = "/editions/2023-bordeaux/programme/"
# The day not shown (the day shown carries aria-current after its link).
DAY_LINK = r'href="(\?jour=[0-9-]+)"><time'
# A session of the day with a replay: the whole session page (people, replay, transcript).
SESSION_WITH_REPLAY = (
    r'(?s)<h4><a href="((?:/en)?/editions/[^"]+/programme/[^"/]+/)">(?:(?!</li>).)*?'
    r'class="tags">[^<]*(?:Rediffusion disponible|Replay available)'
)

PAGES = [
    PageCase("accueil", "/"),
    PageCase("editions", "/editions/"),
    PageCase("edition", "/editions/2022-lens/"),
    PageCase("charte", "/charte/"),
    PageCase("mentions-legales", "/mentions-legales/"),
    PageCase("donnees-personnelles", "/donnees-personnelles/"),
    PageCase("accessibilite", "/accessibilite/"),
    PageCase("plan-du-site", "/plan-du-site/"),
    PageCase("page-introuvable", "/cette-page-n-existe-pas/", status=404),
    # Created by tests/browser/prepare.py: every body block, an image and a document.
    PageCase("blocs-de-contenu", "/blocs-de-contenu/"),
    # Library and site search.
    PageCase("bibliotheque", "/ressources/"),
    PageCase(
        "bibliotheque-filtree",
        discover=("/ressources/", r'name="theme" value="([^"]+)"', "/ressources/?theme={0}"),
    ),
    PageCase("bibliotheque-recherche", "/ressources/?q=numerique"),
    PageCase(
        "ressource",
        discover=("/ressources/", r'href="(/ressources/[a-z0-9][a-z0-9-]*/)"'),
    ),
    PageCase("recherche", "/recherche/?q=numérique"),
    PageCase("recherche-sans-resultat", "/recherche/?q=zzqxwv"),
    # A search relaxed to any word, and one of common words only: each says so.
    PageCase("bibliotheque-recherche-elargie", "/ressources/?q=numerique+zzqxwv"),
    PageCase("recherche-mots-courants", "/recherche/?q=le+de+la"),
    # Agenda and local NECs, with the example events of ``load_nec_content --demo``: past,
    # upcoming, cancelled, postponed, overseas, online and hybrid.
    PageCase("nec-locaux", "/nec-locaux/"),
    PageCase(
        "nec-locaux-region",
        discover=(
            "/nec-locaux/",
            r'href="\?region=([0-9A-Za-z]+)"',
            "/nec-locaux/?region={0}",
        ),
    ),
    PageCase(
        "nec-local", discover=("/nec-locaux/", r'href="(/nec-locaux/exemple-nec-local-\d+/)"')
    ),
    PageCase("agenda", "/agenda/"),
    PageCase("agenda-filtre", "/agenda/?format=online"),
    PageCase("evenement", discover=("/agenda/", r'href="(/agenda/exemple-evenement-\d+/)"')),
    PageCase(
        "evenement-annule",
        discover=("/agenda/", r'is-cancelled">\s*<h3><a href="(/agenda/[a-z0-9-]+/)"'),
    ),
    PageCase("organiser-un-nec-local", "/nec-locaux/organiser-un-nec-local/"),
    # An edition's programme, a session, the speakers and a speaker, with the example
    # sessions of ``load_nec_content --demo`` (editions.demo): two days, every format,
    # replays, sessions not recorded, people who consented to a public bio and some who did
    # not.
    PageCase("programme", PROGRAMME),
    PageCase("programme-filtre", PROGRAMME + "?format=workshop"),
    PageCase("programme-jour", discover=(PROGRAMME, DAY_LINK, PROGRAMME + "{0}")),
    PageCase("session", discover=(PROGRAMME, SESSION_WITH_REPLAY)),
    PageCase("intervenants", "/intervenants/"),
    PageCase("intervenant", discover=("/intervenants/", r'<li><a href="(/intervenants/[^"/]+/)">')),
    # English: wagtail-localize translations of the seed.
    PageCase("en-accueil", "/en/"),
    PageCase("en-editions", "/en/editions/"),
    PageCase("en-edition", "/en/editions/2022-lens/"),
    PageCase("en-charte", "/en/charter/"),
    PageCase("en-mentions-legales", "/en/legal-notice/"),
    PageCase("en-donnees-personnelles", "/en/personal-data/"),
    PageCase("en-accessibilite", "/en/accessibility/"),
    PageCase("en-plan-du-site", "/en/site-map/"),
    PageCase("en-bibliotheque", "/en/resources/"),
    PageCase("en-recherche", "/en/search/?q=charter"),
    PageCase("en-recherche-sans-resultat", "/en/search/?q=zzqxwv"),
    PageCase("en-recherche-elargie", "/en/search/?q=charter+zzqxwv"),
    PageCase("en-nec-locaux", "/en/local-necs/"),
    PageCase(
        "en-nec-local",
        discover=("/en/local-necs/", r'href="(/en/local-necs/example-local-nec-\d+/)"'),
    ),
    PageCase("en-agenda", "/en/events/"),
    PageCase("en-evenement", discover=("/en/events/", r'href="(/en/events/example-event-\d+/)"')),
    PageCase("en-organiser-un-nec-local", "/en/local-necs/organise-a-local-nec/"),
    PageCase("en-programme", "/en" + PROGRAMME),
    PageCase("en-session", discover=("/en" + PROGRAMME, SESSION_WITH_REPLAY)),
    PageCase("en-intervenants", "/en/speakers/"),
    PageCase(
        "en-intervenant", discover=("/en/speakers/", r'<li><a href="(/en/speakers/[^"/]+/)">')
    ),
    # Open data: the page listing the datasets.
    PageCase("donnees", "/donnees/"),
    PageCase("en-donnees", "/en/data/"),
    PageCase("en-page-introuvable", "/en/this-page-does-not-exist/", status=404),
]
