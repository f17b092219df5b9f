"""Example resources for development, tests and benchmarks: varied, realistic French text,
always flagged `is_example` and titled « (exemple) » so nobody mistakes them for real ones."""

import datetime
import random

from ressources.licences import ResourceLanguage

SUBJECTS = [
    "la médiation numérique",
    "l’inclusion numérique des seniors",
    "les données ouvertes des territoires",
    "la sobriété numérique",
    "les communs numériques",
    "l’accessibilité des services publics en ligne",
    "l’éthique des algorithmes",
    "la souveraineté des outils collaboratifs",
    "l’égalité d’accès aux démarches administratives",
    "les tiers-lieux numériques",
    "la cybersécurité des petites collectivités",
    "l’émancipation par le numérique",
    "la réparation et le réemploi des équipements",
    "les logiciels libres dans l’administration",
    "l’accompagnement des jeunes éloignés du numérique",
    "la formation des aidants numériques",
]
FORMS = [
    "Guide pratique de {s}",
    "Fiche repère : {s}",
    "Comprendre {s} en dix questions",
    "Retour d’expérience sur {s}",
    "Boîte à outils pour {s}",
    "Atelier : {s} pas à pas",
    "Étude sur {s}",
    "Replay : table ronde sur {s}",
]
SENTENCES = [
    "Cette ressource aide les professionnels à s’outiller sur {s}.",
    "Elle rassemble des méthodes testées sur le terrain par des médiateurs numériques.",
    "Les collectivités y trouveront des exemples concrets et des indicateurs de suivi.",
    "Les associations peuvent l’adapter à leurs publics et à leur territoire.",
    "Elle propose une démarche progressive, de l’acculturation à la mise en œuvre.",
    "Des fiches détaillent les étapes, les acteurs à mobiliser et les écueils à éviter.",
    "Le document s’appuie sur les échanges de la communauté Numérique en Commun[s].",
    "Une attention particulière est portée à l’égalité d’accès et à l’accessibilité.",
    "Les outils présentés sont libres, ouverts et respectueux du RGPD.",
    "Elle s’adresse aussi bien aux débutants qu’aux experts du numérique d’intérêt général.",
]
AUTHORS = [
    "ANCT – programme Société Numérique",
    "Collectif des médiateurs numériques de Nouvelle-Aquitaine",
    "La MedNum",
    "Réseau des tiers-lieux d’Occitanie",
    "Hub numérique des Hauts-de-France",
    "Association Les Communs d’abord",
]
LICENCE_WEIGHTS = [
    ("cc-by-sa-4.0", 6),
    ("cc-by-4.0", 2),
    ("etalab-2.0", 2),
    ("cc0-1.0", 1),
    ("odbl-1.0", 1),
]
LANGUAGE_WEIGHTS = [(ResourceLanguage.FR, 9), (ResourceLanguage.EN, 1)]


def weighted(rng, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights, k=1)[0]


def example_resource(number, seed=2024):
    """Field values of example resource `number` (stable: same number, same content)."""
    rng = random.Random(seed * 100_003 + number)
    subject = rng.choice(SUBJECTS)
    title = rng.choice(FORMS).format(s=subject)
    title = f"{title[0].upper()}{title[1:]} (exemple n°{number})"
    sentences = rng.sample(SENTENCES, k=4)
    excerpt = " ".join(s.format(s=subject) for s in sentences[:2])
    body = "".join(f"<p>{s.format(s=subject)}</p>" for s in sentences[2:])
    return {
        "title": title[:100],
        "slug": f"exemple-{number:06d}",
        "excerpt": excerpt[:300],
        "authors": rng.choice(AUTHORS),
        "licence": weighted(rng, LICENCE_WEIGHTS),
        "language": weighted(rng, LANGUAGE_WEIGHTS),
        "publication_date": datetime.date(2019, 1, 1)
        + datetime.timedelta(days=rng.randrange(2400)),
        "body": [
            ("heading", {"text": "Présentation", "level": "h2"}),
            ("paragraph", body),
        ],
        "is_example": True,
        "theme_count": rng.randint(1, 3),
        "type_count": rng.randint(1, 2),
        "audience_count": rng.randint(0, 3),
        "rng_state": rng.random(),
    }


def pick(rng_value, items, count):
    rng = random.Random(rng_value)
    return rng.sample(items, k=min(count, len(items)))
