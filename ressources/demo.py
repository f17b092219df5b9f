"""Example resources for development, tests and benchmarks: varied, realistic text in French
and English side by side, always flagged `is_example` and titled « (exemple n°…) » so
nobody mistakes them for real ones."""

import datetime
import random

from nec_cms.seeding import Text, localize
from ressources.licences import ResourceLanguage

SUBJECTS = [
    Text("la médiation numérique", "digital mediation"),
    Text("l’inclusion numérique des seniors", "the digital inclusion of older people"),
    Text("les données ouvertes des territoires", "open data in local areas"),
    Text("la sobriété numérique", "digital sobriety"),
    Text("les communs numériques", "digital commons"),
    Text("l’accessibilité des services publics en ligne", "accessible online public services"),
    Text("l’éthique des algorithmes", "the ethics of algorithms"),
    Text("la souveraineté des outils collaboratifs", "sovereign collaborative tools"),
    Text(
        "l’égalité d’accès aux démarches administratives",
        "equal access to administrative procedures",
    ),
    Text("les tiers-lieux numériques", "digital third places"),
    Text(
        "la cybersécurité des petites collectivités",
        "cybersecurity for small local authorities",
    ),
    Text("l’émancipation par le numérique", "empowerment through digital technology"),
    Text("la réparation et le réemploi des équipements", "repairing and reusing equipment"),
    Text("les logiciels libres dans l’administration", "free software in public administration"),
    Text(
        "l’accompagnement des jeunes éloignés du numérique",
        "supporting young people far from digital technology",
    ),
    Text("la formation des aidants numériques", "training digital helpers"),
]
FORMS = [
    Text("Guide pratique de {s}", "A practical guide to {s}"),
    Text("Fiche repère : {s}", "Key facts: {s}"),
    Text("Comprendre {s} en dix questions", "Understanding {s} in ten questions"),
    Text("Retour d’expérience sur {s}", "Lessons learned: {s}"),
    Text("Boîte à outils pour {s}", "A toolkit for {s}"),
    Text("Atelier : {s} pas à pas", "Workshop: {s} step by step"),
    Text("Étude sur {s}", "A study of {s}"),
    Text("Replay : table ronde sur {s}", "Replay: a round table on {s}"),
]
SENTENCES = [
    Text(
        "Cette ressource aide les professionnels à s’outiller sur {s}.",
        "This resource gives professionals tools for {s}.",
    ),
    Text(
        "Elle rassemble des méthodes testées sur le terrain par des médiateurs numériques.",
        "It brings together methods tested in the field by digital mediators.",
    ),
    Text(
        "Les collectivités y trouveront des exemples concrets et des indicateurs de suivi.",
        "Local authorities will find practical examples and follow-up indicators.",
    ),
    Text(
        "Les associations peuvent l’adapter à leurs publics et à leur territoire.",
        "Non-profits can adapt it to their audiences and their area.",
    ),
    Text(
        "Elle propose une démarche progressive, de l’acculturation à la mise en œuvre.",
        "It offers a step-by-step approach, from first steps to implementation.",
    ),
    Text(
        "Des fiches détaillent les étapes, les acteurs à mobiliser et les écueils à éviter.",
        "Factsheets detail the steps, who to involve and the pitfalls to avoid.",
    ),
    Text(
        "Le document s’appuie sur les échanges de la communauté Numérique en Commun[s].",
        "The document draws on discussions within the Numérique en Commun[s] community.",
    ),
    Text(
        "Une attention particulière est portée à l’égalité d’accès et à l’accessibilité.",
        "Particular attention is paid to equal access and accessibility.",
    ),
    Text(
        "Les outils présentés sont libres, ouverts et respectueux du RGPD.",
        "The tools presented are free, open and GDPR-compliant.",
    ),
    Text(
        "Elle s’adresse aussi bien aux débutants qu’aux experts du numérique d’intérêt général.",
        "It is meant for beginners and experts in public-interest digital technology alike.",
    ),
]
AUTHORS = [
    Text("ANCT – programme Société Numérique", "ANCT – Société Numérique programme"),
    "Collectif des médiateurs numériques de Nouvelle-Aquitaine",
    "La MedNum",
    "Réseau des tiers-lieux d’Occitanie",
    "Hub numérique des Hauts-de-France",
    "Association Les Communs d’abord",
]
EXAMPLE_MARK = Text("(exemple n°{number})", "(example no. {number})")
OVERVIEW = Text("Présentation", "Overview")
LICENCE_WEIGHTS = [
    ("cc-by-sa-4.0", 6),
    ("cc-by-4.0", 2),
    ("etalab-2.0", 2),
    ("cc0-1.0", 1),
    ("odbl-1.0", 1),
]
LANGUAGE_WEIGHTS = [(ResourceLanguage.FR, 9), (ResourceLanguage.EN, 1)]
LANGUAGES = ("fr", "en")


def weighted(rng, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights, k=1)[0]


def in_both(render):
    """A Text whose French and English come from `render(language)`."""
    return Text(*(render(language) for language in LANGUAGES))


def text(value, language):
    return localize(value, language, resolve=None)


def example(number, seed=2024):
    """Field values of example resource `number` in both languages (stable: same number,
    same content), with how many themes, types and audiences to pick and a random state
    to pick them."""
    rng = random.Random(seed * 100_003 + number)
    subject = rng.choice(SUBJECTS)
    form = rng.choice(FORMS)
    sentences = rng.sample(SENTENCES, k=4)

    def title(language):
        words = text(form, language).format(s=text(subject, language))
        mark = text(EXAMPLE_MARK, language).format(number=number)
        return f"{words[0].upper()}{words[1:]} {mark}"[:100]

    def sentences_of(language, chosen):
        return [text(sentence, language).format(s=text(subject, language)) for sentence in chosen]

    return {
        "title": in_both(title),
        "slug": Text(f"exemple-{number:06d}", f"example-{number:06d}"),
        "excerpt": in_both(lambda language: " ".join(sentences_of(language, sentences[:2]))[:300]),
        "authors": rng.choice(AUTHORS),
        "licence": weighted(rng, LICENCE_WEIGHTS),
        "language": weighted(rng, LANGUAGE_WEIGHTS),
        "publication_date": datetime.date(2019, 1, 1)
        + datetime.timedelta(days=rng.randrange(2400)),
        "body": [
            ("heading", {"text": OVERVIEW, "level": "h2"}),
            (
                "paragraph",
                in_both(
                    lambda language: "".join(
                        f"<p>{sentence}</p>" for sentence in sentences_of(language, sentences[2:])
                    )
                ),
            ),
        ],
        "is_example": True,
        "theme_count": rng.randint(1, 3),
        "type_count": rng.randint(1, 2),
        "audience_count": rng.randint(0, 3),
        "rng_state": rng.random(),
    }


def example_resource(number, seed=2024):
    """Example resource `number` in French, plain values (bench/bulk_resources.py)."""
    return localize(example(number, seed), "fr", resolve=None)


def pick(rng_value, items, count):
    rng = random.Random(rng_value)
    return rng.sample(items, k=min(count, len(items)))
