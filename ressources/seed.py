"""The library's index page and taxonomies, in French and English side by side; example
resources for development (`load_nec_content --demo N`)."""

from nec_cms.seeding import SOURCE_LANGUAGE, Ref, SeedPage, SeedSnippet, Text, localize
from ressources import demo
from ressources.models import Audience, ResourceIndexPage, ResourcePage, ResourceType, Theme

LIBRARY = SeedPage(
    key="ressources:library",
    model=ResourceIndexPage,
    parent="home:home",
    fields={
        "slug": Text("ressources", "resources"),
        "title": Text("Ressources", "Resources"),
        "intro": Text(
            "<p>Les ressources produites par la communauté Numérique en Commun[s], en licence "
            "ouverte : guides, fiches pratiques, vidéos, études… à réutiliser et à adapter.</p>",
            "<p>Resources made by the Numérique en Commun[s] community under open licences: "
            "guides, factsheets, videos, studies… to reuse and adapt.</p>",
        ),
    },
)

# (slug, name): the slug is what library filter URLs show.
THEMES = [
    (
        Text("donnees-territoires", "data-territories"),
        Text("Données & territoires", "Data & territories"),
    ),
    (
        Text("mediation-competences", "digital-inclusion-skills"),
        Text("Médiation & compétences numériques", "Digital mediation & skills"),
    ),
    (
        Text("ecologie-soutenabilite", "ecology-sustainability"),
        Text("Écologie & soutenabilité", "Ecology & sustainability"),
    ),
    (
        Text("communs-souverainete", "commons-sovereignty"),
        Text("Communs & souveraineté", "Commons & sovereignty"),
    ),
    (
        Text("ethique-emancipation", "ethics-empowerment"),
        Text("Éthique & émancipation", "Ethics & empowerment"),
    ),
    (
        Text("inclusion-numerique", "digital-inclusion"),
        Text("Inclusion numérique", "Digital inclusion"),
    ),
]

TYPES = [
    ("guide", "Guide"),
    (Text("fiche-pratique", "factsheet"), Text("Fiche pratique", "Factsheet")),
    ("video", Text("Vidéo / replay", "Video / replay")),
    ("podcast", "Podcast"),
    (Text("boite-a-outils", "toolkit"), Text("Boîte à outils", "Toolkit")),
    (Text("etude", "study"), Text("Étude", "Study")),
    (Text("support-presentation", "slides"), Text("Support de présentation", "Slides")),
    (
        Text("parcours-formation", "training-course"),
        Text("Parcours de formation", "Training course"),
    ),
]

AUDIENCES = [
    (
        Text("mediateurs-numeriques", "digital-mediators"),
        Text("Médiateurs et médiatrices numériques", "Digital mediators"),
    ),
    (Text("collectivites", "local-authorities"), Text("Collectivités", "Local authorities")),
    (Text("associations", "non-profits"), Text("Associations", "Non-profits")),
    (Text("agents-publics", "civil-servants"), Text("Agents publics", "Civil servants")),
    (Text("elus", "elected-officials"), Text("Élus et élues", "Elected officials")),
    (Text("entreprises", "businesses"), Text("Entreprises", "Businesses")),
    (Text("grand-public", "general-public"), Text("Grand public", "General public")),
]


def taxonomy(kind, model, slug, name):
    key = f"ressources:{kind}:{localize(slug, SOURCE_LANGUAGE, resolve=None)}"
    return SeedSnippet(key=key, model=model, fields={"slug": slug, "name": name})


TAXONOMIES = {
    "theme": [taxonomy("theme", Theme, *term) for term in THEMES],
    "type": [taxonomy("type", ResourceType, *term) for term in TYPES],
    "audience": [taxonomy("audience", Audience, *term) for term in AUDIENCES],
}

SEED = [LIBRARY, *(term for terms in TAXONOMIES.values() for term in terms)]

# The editions an example may come from (None: none), as the editions app keys them.
EXAMPLE_EDITIONS = [
    "editions:2023-bordeaux",
    "editions:2022-lens",
    "editions:2021-sud-charente",
    "editions:2020-lyon",
    "editions:2019-marseille",
    "editions:2018-nantes",
    None,
    None,
]


def example(number):
    """Example resource `number`, flagged and titled « (exemple n°…) », in both languages."""
    fields = demo.example(number)
    state = fields.pop("rng_state")
    counts = {name: fields.pop(f"{name}_count") for name in ("theme", "type", "audience")}
    for offset, (relation, kind) in enumerate(
        [("themes", "theme"), ("resource_types", "type"), ("audiences", "audience")]
    ):
        terms = demo.pick(state + offset, TAXONOMIES[kind], counts[kind])
        fields[relation] = [Ref(term.key) for term in terms]
    edition = demo.pick(state + 3, EXAMPLE_EDITIONS, 1)[0]
    fields["edition"] = Ref(edition) if edition else None
    return SeedPage(
        key=f"ressources:example:{number:06d}",
        model=ResourcePage,
        parent=LIBRARY.key,
        fields=fields,
    )


def examples(count):
    return [example(number) for number in range(1, count + 1)]
