"""The national editions as the seed text tells them (figures exact), each with its
programme page, and the speakers' index, in French and English side by side. The seed names
no session and no speaker: `examples(count)` adds flagged ones for development
(editions.demo).

Copied from the programme's source text so the site never reads it at run time. The seed
spelled « accululturation »: fixed to « acculturation ».
"""

from editions import demo
from editions.models import EditionIndexPage, EditionPage, ProgrammePage, SpeakerIndexPage
from nec_cms.seeding import SeedPage, Text

INDEX = SeedPage(
    key="editions:index",
    model=EditionIndexPage,
    parent="home:home",
    fields={
        "slug": "editions",
        "title": Text("Les éditions", "The editions"),
        "intro": Text(
            "<p>Chaque année, Numérique en Commun[s] réunit la communauté du numérique "
            "d’intérêt général lors d’un grand évènement national.</p>",
            "<p>Every year, Numérique en Commun[s] brings the public-interest digital "
            "community together at a major national event.</p>",
        ),
    },
)

# Newest first, as the seed text lists them. Each figure: (kind, value, label).
EDITIONS = [
    {
        "slug": "2023-bordeaux",
        "title": Text("Édition 2023 — Bordeaux", "2023 edition — Bordeaux"),
        "year": 2023,
        "city": "Bordeaux",
        "venue": "Palais de la Bourse",
        "format": "in_person",
        "figures": [("attendees", 2000, ""), ("speakers", 260, ""), ("countries", 12, "")],
    },
    {
        "slug": "2022-lens",
        "title": Text("Édition 2022 — Lens", "2022 edition — Lens"),
        "year": 2022,
        "city": "Lens",
        "venue": Text("Stade Bollaert", "Bollaert stadium"),
        "format": "in_person",
        "figures": [("attendees", 1800, ""), ("speakers", 228, ""), ("online_viewers", 6000, "")],
    },
    {
        "slug": "2021-sud-charente",
        "title": Text("Édition 2021 — Sud Charente", "2021 edition — Sud Charente"),
        "year": 2021,
        "city": "Sud Charente",
        "venue": "Château de la Mercerie",
        "format": "in_person",
        "figures": [("attendees", 400, ""), ("speakers", 60, ""), ("online_viewers", 5000, "")],
    },
    {
        "slug": "2020-lyon",
        "title": Text("Édition 2020 — Lyon", "2020 edition — Lyon"),
        "year": 2020,
        "city": "Lyon",
        "venue": "",
        "format": "online",
        "figures": [
            ("online_registrations", 2600, ""),
            (
                "online_courses",
                6,
                Text("parcours d’acculturation en ligne", "online introductory courses"),
            ),
            ("contributors", 62, ""),
            (
                "online_viewers",
                4000,
                Text(
                    "personnes ont suivi le direct en ligne",
                    "people followed the live stream online",
                ),
            ),
        ],
    },
    {
        "slug": "2019-marseille",
        "title": Text("Édition 2019 — Marseille", "2019 edition — Marseille"),
        "year": 2019,
        "city": "Marseille",
        "venue": Text("4 lieux dans Marseille", "4 venues in Marseille"),
        "format": "in_person",
        "figures": [("attendees", 800, ""), ("speakers", 80, "")],
    },
    {
        "slug": "2018-nantes",
        "title": Text("Édition 2018 — Nantes", "2018 edition — Nantes"),
        "year": 2018,
        "city": "Nantes",
        "venue": Text("3 lieux dans Nantes", "3 venues in Nantes"),
        "format": "in_person",
        "figures": [
            ("attendees", 850, ""),
            (
                "speakers",
                120,
                Text("intervenants & intervenantes & contributeurs", "speakers and contributors"),
            ),
        ],
    },
]


def edition_page(edition):
    """The seed page of one edition; its figures as typed blocks."""
    fields = dict(edition)
    fields["figures"] = [
        ("figure", {"kind": kind, "value": value, "label": label})
        for kind, value, label in edition["figures"]
    ]
    return SeedPage(
        key=f"editions:{edition['slug']}", model=EditionPage, parent=INDEX.key, fields=fields
    )


def programme_page(edition):
    """The edition's programme page, empty until editors add its sessions."""
    return SeedPage(
        key=f"editions:{edition['slug']}:programme",
        model=ProgrammePage,
        parent=f"editions:{edition['slug']}",
        fields={
            "slug": "programme",
            "title": Text("Programme", "Programme"),
            "intro": Text(
                "<p>Les sessions de l’édition, jour par jour et salle par salle, avec les "
                "personnes sur scène et, quand elles existent, leurs rediffusions.</p>",
                "<p>The edition's sessions, day by day and room by room, with the people on "
                "stage and, where there is one, their replay.</p>",
            ),
        },
    )


SPEAKERS = SeedPage(
    key="editions:speakers",
    model=SpeakerIndexPage,
    parent="home:home",
    after=(INDEX.key,),
    fields={
        "slug": Text("intervenants", "speakers"),
        "title": Text("Intervenantes et intervenants", "Speakers"),
        "intro": Text(
            "<p>Les personnes qui ont pris la parole lors des éditions de Numérique en "
            "Commun[s], et les sessions où les retrouver.</p>",
            "<p>The people who spoke at the Numérique en Commun[s] editions, and the sessions "
            "where to find them.</p>",
        ),
    },
)

# Oldest first, so that the newest edition ends up last in the tree order too.
SEED = [
    INDEX,
    *(edition_page(edition) for edition in reversed(EDITIONS)),
    *(programme_page(edition) for edition in reversed(EDITIONS)),
    SPEAKERS,
]

# The two most recent editions get example sessions: (key, year).
DEMO_EDITIONS = [(f"editions:{edition['slug']}", edition["year"]) for edition in EDITIONS[:2]]


def examples(count):
    return demo.examples(count, DEMO_EDITIONS, SPEAKERS.key)
