"""The national editions as the seed text tells them (figures exact).

Copied from the programme's source text so the site never reads it at run time. The seed
spelled « accululturation »: fixed to « acculturation ».
"""

EDITIONS = [
    {
        "slug": "2023-bordeaux",
        "title": "Édition 2023 — Bordeaux",
        "year": 2023,
        "city": "Bordeaux",
        "venue": "Palais de la Bourse",
        "format": "in_person",
        "figures": [("attendees", 2000, ""), ("speakers", 260, ""), ("countries", 12, "")],
    },
    {
        "slug": "2022-lens",
        "title": "Édition 2022 — Lens",
        "year": 2022,
        "city": "Lens",
        "venue": "Stade Bollaert",
        "format": "in_person",
        "figures": [("attendees", 1800, ""), ("speakers", 228, ""), ("online_viewers", 6000, "")],
    },
    {
        "slug": "2021-sud-charente",
        "title": "Édition 2021 — Sud Charente",
        "year": 2021,
        "city": "Sud Charente",
        "venue": "Château de la Mercerie",
        "format": "in_person",
        "figures": [("attendees", 400, ""), ("speakers", 60, ""), ("online_viewers", 5000, "")],
    },
    {
        "slug": "2020-lyon",
        "title": "Édition 2020 — Lyon",
        "year": 2020,
        "city": "Lyon",
        "venue": "",
        "format": "online",
        "figures": [
            ("online_registrations", 2600, ""),
            ("online_courses", 6, "parcours d’acculturation en ligne"),
            ("contributors", 62, ""),
            ("online_viewers", 4000, "personnes ont suivi le direct en ligne"),
        ],
    },
    {
        "slug": "2019-marseille",
        "title": "Édition 2019 — Marseille",
        "year": 2019,
        "city": "Marseille",
        "venue": "4 lieux dans Marseille",
        "format": "in_person",
        "figures": [("attendees", 800, ""), ("speakers", 80, "")],
    },
    {
        "slug": "2018-nantes",
        "title": "Édition 2018 — Nantes",
        "year": 2018,
        "city": "Nantes",
        "venue": "3 lieux dans Nantes",
        "format": "in_person",
        "figures": [
            ("attendees", 850, ""),
            ("speakers", 120, "intervenants & intervenantes & contributeurs"),
        ],
    },
]

INDEX = {
    "slug": "editions",
    "title": "Les éditions",
    "intro": (
        "<p>Chaque année, Numérique en Commun[s] réunit la communauté du numérique d’intérêt "
        "général lors d’un grand évènement national.</p>"
    ),
}


def edition_fields(edition):
    """Page field values for one edition of the seed."""
    return {
        "title": edition["title"],
        "year": edition["year"],
        "city": edition["city"],
        "venue": edition["venue"],
        "format": edition["format"],
        "figures": [
            ("figure", {"kind": kind, "value": value, "label": label})
            for kind, value, label in edition["figures"]
        ],
    }
