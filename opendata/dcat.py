"""The DCAT catalogue of the datasets, as JSON-LD (https://www.w3.org/TR/vocab-dcat-3/), in
the DCAT-AP vocabularies that data.gouv.fr's harvester reads: each dataset with a
`dct:identifier` (what the harvester recognises it by), its licence, and its CSV and JSON
distributions with their download address, media type and format; the CSV one
`dct:conformsTo` its Table Schema.

Identifiers are the French catalogue's address and the dataset's name: the same whatever
the language the catalogue is read in; titles, descriptions and keywords are in that
language. Built from values already read: no query here.
"""

from django.utils import translation
from django.utils.translation import gettext as _

from opendata.columns import iso_instant
from ressources.licences import LICENCES

# The datasets' own licence (their metadata); each resource keeps its licence in a column.
DATASETS_LICENCE = LICENCES["etalab-2.0"]
PUBLISHER = "Agence nationale de la cohésion des territoires"
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
IANA_MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
EU_FILE_TYPES = "http://publications.europa.eu/resource/authority/file-type/"
EU_LANGUAGES = {
    "fr": "http://publications.europa.eu/resource/authority/language/FRA",
    "en": "http://publications.europa.eu/resource/authority/language/ENG",
}
# Each file is written from the pages when it is asked for.
CONTINUOUS = "http://publications.europa.eu/resource/authority/frequency/UPDATE_CONT"


def literal(text):
    return {"@value": str(text), "@language": translation.get_language()}


def instant(value):
    return {"@value": iso_instant(value), "@type": "xsd:dateTime"}


def catalogue(summaries, base, identifier, landing_page):
    """The catalogue of `summaries` (opendata.datasets.Summary), their addresses relative
    to `base`; `identifier` names the catalogue, `landing_page` is the datasets' page
    (None when it is not published)."""
    licence = {"@id": DATASETS_LICENCE.url}
    publisher = {"@type": "foaf:Organization", "foaf:name": PUBLISHER}
    languages = [{"@id": uri} for uri in EU_LANGUAGES.values()]
    datasets = []
    for summary in summaries:
        dataset = summary.dataset
        node = {
            "@id": f"{identifier}#{dataset.slug}",
            "@type": "dcat:Dataset",
            "dct:identifier": f"{identifier}#{dataset.slug}",
            "dct:title": literal(dataset.title),
            "dct:description": literal(dataset.description),
            "dcat:keyword": [literal(keyword) for keyword in dataset.keywords],
            "dct:publisher": publisher,
            "dct:language": languages,
            "dct:license": licence,
            "dct:accrualPeriodicity": {"@id": CONTINUOUS},
            "dcat:distribution": [
                distribution(
                    base + summary.csv_url,
                    "text/csv",
                    "CSV",
                    dataset.title,
                    licence,
                    conforms_to=base + summary.schema_url,
                ),
                distribution(
                    base + summary.json_url, "application/json", "JSON", dataset.title, licence
                ),
            ],
        }
        if landing_page:
            node["dcat:landingPage"] = {"@id": landing_page}
        if summary.issued:
            node["dct:issued"] = instant(summary.issued)
        if summary.modified:
            node["dct:modified"] = instant(summary.modified)
        datasets.append(node)
    catalogue = {
        "@context": CONTEXT,
        "@id": identifier,
        "@type": "dcat:Catalog",
        "dct:title": literal(_("Données ouvertes de Numérique en Commun[s]")),
        "dct:description": literal(
            _(
                "Les jeux de données publiés par Numérique en Commun[s] (ANCT, programme "
                "Société Numérique) : ressources, éditions nationales, NEC locaux et agenda."
            )
        ),
        "dct:publisher": publisher,
        "dct:language": languages,
        "dct:license": licence,
        "foaf:homepage": {"@id": base + "/"},
        "dcat:dataset": datasets,
    }
    modified = [summary.modified for summary in summaries if summary.modified]
    if modified:
        catalogue["dct:modified"] = instant(max(modified))
    return catalogue


def distribution(url, media_type, file_type, title, licence, conforms_to=None):
    node = {
        "@id": url,
        "@type": "dcat:Distribution",
        "dct:title": f"{title} ({file_type})",
        "dcat:downloadURL": {"@id": url},
        "dcat:accessURL": {"@id": url},
        "dcat:mediaType": {"@id": IANA_MEDIA_TYPES + media_type},
        "dct:format": {"@id": EU_FILE_TYPES + file_type},
        "dct:license": licence,
    }
    if conforms_to:
        node["dct:conformsTo"] = {"@id": conforms_to}
    return node
