"""Seed taxonomies of the library and its index page."""

LIBRARY = {
    "slug": "ressources",
    "title": "Ressources",
    "intro": (
        "<p>Les ressources produites par la communauté Numérique en Commun[s], en licence "
        "ouverte : guides, fiches pratiques, vidéos, études… à réutiliser et à adapter.</p>"
    ),
}

THEMES = [
    ("donnees-territoires", "Données & territoires"),
    ("mediation-competences", "Médiation & compétences numériques"),
    ("ecologie-soutenabilite", "Écologie & soutenabilité"),
    ("communs-souverainete", "Communs & souveraineté"),
    ("ethique-emancipation", "Éthique & émancipation"),
    ("inclusion-numerique", "Inclusion numérique"),
]

TYPES = [
    ("guide", "Guide"),
    ("fiche-pratique", "Fiche pratique"),
    ("video", "Vidéo / replay"),
    ("podcast", "Podcast"),
    ("boite-a-outils", "Boîte à outils"),
    ("etude", "Étude"),
    ("support-presentation", "Support de présentation"),
    ("parcours-formation", "Parcours de formation"),
]

AUDIENCES = [
    ("mediateurs-numeriques", "Médiateurs et médiatrices numériques"),
    ("collectivites", "Collectivités"),
    ("associations", "Associations"),
    ("agents-publics", "Agents publics"),
    ("elus", "Élus et élues"),
    ("entreprises", "Entreprises"),
    ("grand-public", "Grand public"),
]
