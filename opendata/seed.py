"""The open data page, in French and English side by side."""

from nec_cms.seeding import SeedPage, Text
from opendata.models import DatasetsPage

DATASETS = SeedPage(
    key="opendata:datasets",
    model=DatasetsPage,
    parent="home:home",
    fields={
        "slug": Text("donnees", "data"),
        "title": Text("Données ouvertes", "Open data"),
        "intro": Text(
            "<p>Les données de Numérique en Commun[s] en licence ouverte, à télécharger et à "
            "réutiliser : les ressources de la bibliothèque, les éditions nationales et leurs "
            "chiffres, les NEC locaux et l’agenda.</p>",
            "<p>Numérique en Commun[s] data under an open licence, to download and reuse: the "
            "library’s resources, the national editions and their figures, the local NECs and "
            "the events.</p>",
        ),
    },
)

SEED = [DATASETS]
