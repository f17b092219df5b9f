"""The site's open datasets, as a public body publishes them, under /donnees/ (/en/data/):
each as CSV with its Table Schema and as JSON, and a DCAT catalogue of all of them
(JSON-LD, opendata.dcat). The views are here; the columns are in opendata.columns.

- Four datasets: the library's resources, the national editions with their figures, the
  local NECs and the agenda's events. Each holds the live public pages of both languages,
  one row per page: `locale` says the page's language and `translation_key` pairs it with
  its translation. The files are the same at the French and the English address; the
  schema, the catalogue and the page speak the reader's language.
- Rows hold only what the pages already show visitors: no e-mail address, no form answer,
  no account.
- Files are written while they are sent: CHUNK_SIZE pages at a time read with values(), and
  each chunk's terms and documents in one query per relation, so that neither memory nor the
  number of queries grows with the rows (bench/datasets.py).
- In CSV, a text starting with =, +, -, @, a tab or a carriage return gets a leading
  apostrophe: a spreadsheet would run it as a formula. The JSON keeps the text as it is.
- A query string is refused (400): every distinct address would be a new full export for
  the HTTP cache to miss.
"""

import csv
import datetime
import io
import json
import posixpath
import uuid
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Count, Max, Min, TextField
from django.db.models.functions import Cast
from django.http import (
    HttpResponseBadRequest,
    HttpResponseNotFound,
    JsonResponse,
    StreamingHttpResponse,
)
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_safe
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.models import CollectionViewRestriction, Site

from agenda.models import EventPage, LocalNecPage
from editions.models import EditionPage
from nec_cms.pages import public_only
from opendata import dcat
from opendata.columns import (
    agenda_columns,
    block_document,
    edition_columns,
    iso_instant,
    local_nec_columns,
    resource_columns,
)
from ressources.models import ResourcePage

# Pages read per query; also the rows written between two sends.
CHUNK_SIZE = 2000
# What a spreadsheet reads as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Between the values of a column that holds several (term slugs, codes).
SEPARATOR = ";"
CSV_TYPE = "text/csv; charset=utf-8; header=present"
JSON_LD_TYPE = "application/ld+json"


# --- Reading pages -----------------------------------------------------------------------


class PageUrls:
    """Absolute page addresses from their `url_path`, as Wagtail's `Page.get_full_url` builds
    them (the first site root path the page is under, its language's prefix), without a
    Page object per row."""

    def __init__(self):
        self.roots = []
        for root in Site.get_site_root_paths():
            with translation.override(root.language_code):
                prefix = reverse("wagtail_serve", args=("",))
            self.roots.append((root.root_path, root.root_url + prefix))

    def __call__(self, url_path):
        for root_path, base in self.roots:
            if url_path.startswith(root_path):
                return base + url_path[len(root_path) :]
        return None


class DocumentUrls:
    """Absolute addresses of the documents a chunk of pages links to, outside restricted
    collections (and their children), read in one query per chunk."""

    def __init__(self, root_url):
        self.root_url = root_url
        self.documents = get_document_model().objects.all()
        restricted = CollectionViewRestriction.objects.values_list("collection__path", flat=True)
        for path in restricted:
            self.documents = self.documents.exclude(collection__path__startswith=path)

    def of(self, pages):
        ids = {
            pk
            for values in pages
            for block in values["documents"]
            if isinstance(pk := block_document(block), int)
        }
        if not ids:
            return {}
        found = self.documents.filter(pk__in=ids).values_list("pk", "file")
        return {
            pk: self.root_url + reverse("wagtaildocs_serve", args=(pk, posixpath.basename(file)))
            for pk, file in found
        }


@dataclass(frozen=True)
class Chunk:
    """What the rows of one chunk read besides their own values."""

    urls: PageUrls
    terms: dict  # relation -> {page id: [slugs]}
    documents: dict  # document id -> absolute address


def term_slugs(model, relation, page_ids):
    """{page id: [slugs]} of one many-to-many relation of `model`, for these pages (ids in
    ascending order), in one query. Asked by range rather than by a list of thousands of
    ids: pages of the range that are not exported are read and left aside."""
    field = model._meta.get_field(relation)
    page, term = field.m2m_field_name(), field.m2m_reverse_field_name()
    rows = (
        field.remote_field.through.objects.filter(
            **{f"{page}_id__gte": page_ids[0], f"{page}_id__lte": page_ids[-1]}
        )
        .order_by(f"{term}__slug")
        .values_list(f"{page}_id", f"{term}__slug")
    )
    slugs = defaultdict(list)
    for page_id, slug in rows:
        slugs[page_id].append(slug)
    return slugs


def chunks_of(pages, fields, streams, size):
    """The pages' values, `size` at a time in id order: each chunk is one query, by key
    (never OFFSET), so the last one costs what the first did. The StreamFields named in
    `streams` are read as their stored blocks (lists of dicts), cheaper than a StreamValue
    for every row."""
    as_text = {f"{name}_blocks": Cast(name, TextField()) for name in streams}
    last = 0
    while True:
        chunk = list(pages.filter(pk__gt=last).order_by("pk").values(*fields, **as_text)[:size])
        for values in chunk:
            for name in streams:
                values[name] = stored_blocks(values.pop(f"{name}_blocks"))
        if chunk:
            yield chunk
        if len(chunk) < size:
            return
        last = chunk[-1]["id"]


def stored_blocks(text):
    """A StreamField's blocks from its stored JSON."""
    if not text or text == "[]":
        return []
    blocks = json.loads(text)
    if isinstance(blocks, str):  # stored before StreamFields were JSON columns
        blocks = json.loads(blocks)
    return blocks if isinstance(blocks, list) else []


def text_cell(value):
    """Text, a UUID or a list of codes as one cell; nothing for an empty one."""
    if isinstance(value, list):
        value = SEPARATOR.join(value)
    elif isinstance(value, uuid.UUID):
        value = str(value)
    return value or None


# How each type of column is written in both files: ISO 8601 dates and times (UTC for
# instants), lists joined, nothing for an empty text.
CELLS = {
    "string": text_cell,
    "integer": lambda value: value,
    "boolean": lambda value: value,
    "date": lambda value: value.isoformat() if value is not None else None,
    "time": lambda value: value.strftime("%H:%M:%S") if value is not None else None,
    "datetime": lambda value: iso_instant(value) if value is not None else None,
}


def csv_cell(value):
    """A JSON value as a CSV cell; text a spreadsheet would run as a formula is neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


# --- Datasets ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Dataset:
    """One dataset: the pages it holds, its columns, and how its page, schema and catalogue
    entry describe it."""

    slug: str
    title: Any
    description: Any
    keywords: tuple
    model: type
    columns: tuple
    licence_note: Any = None  # what the page adds to the datasets' licence

    def pages(self):
        return public_only(self.model.objects.live())

    def fields(self):
        """(fields, StreamFields) the columns read from each page."""
        fields, streams = ["id"], []
        for column in self.columns:
            for name in column.sources():
                if name in fields or name in streams:
                    continue
                field = self.model._meta.get_field(name.split("__")[0])
                is_stream = isinstance(field, StreamField) and "__" not in name
                (streams if is_stream else fields).append(name)
        return fields, streams

    def chunks(self, root_url):
        """Lists of rows ({column: JSON value}), CHUNK_SIZE pages at a time. What is looked up
        once is looked up now, while the request is answered (the content version is read
        once per request); the pages are read while the file is sent."""
        fields, streams = self.fields()
        pages = self.pages()
        urls = PageUrls()
        documents = DocumentUrls(root_url) if "documents" in streams else None
        relations = [column.name for column in self.columns if column.terms]
        plan = [(column.name, column.reader(), CELLS[column.type]) for column in self.columns]

        def rows():
            for values in chunks_of(pages, fields, streams, CHUNK_SIZE):
                ids = [page["id"] for page in values]
                chunk = Chunk(
                    urls=urls,
                    terms={name: term_slugs(self.model, name, ids) for name in relations},
                    documents=documents.of(values) if documents else {},
                )
                yield [
                    {name: cell(read(page, chunk)) for name, read, cell in plan} for page in values
                ]

        return rows()

    def schema(self):
        """The Table Schema of the CSV file (https://specs.frictionlessdata.io/table-schema/)."""
        return {
            "fields": [column.descriptor() for column in self.columns],
            "primaryKey": ["id"],
            "missingValues": [""],
        }

    def figures(self):
        """Rows, first publication and last publication of the dataset, in one query."""
        return self.pages().aggregate(
            rows=Count("pk"), issued=Min("first_published_at"), modified=Max("last_published_at")
        )

    def url(self, kind):
        return reverse(f"datasets:{kind}", args=(self.slug,))


DATASETS = {
    dataset.slug: dataset
    for dataset in (
        Dataset(
            slug="ressources",
            title=gettext_lazy("Ressources de la bibliothèque"),
            description=gettext_lazy(
                "Les ressources en licence ouverte de la bibliothèque Numérique en Commun[s] : "
                "guides, fiches pratiques, vidéos, études… avec leurs thématiques, types, "
                "publics, auteurs, licence et documents."
            ),
            keywords=(
                gettext_lazy("ressources"),
                gettext_lazy("licence ouverte"),
                gettext_lazy("inclusion numérique"),
                gettext_lazy("médiation numérique"),
            ),
            model=ResourcePage,
            columns=resource_columns(),
            licence_note=gettext_lazy(
                "Chaque ressource garde sa propre licence : colonnes licence et licence_url."
            ),
        ),
        Dataset(
            slug="editions",
            title=gettext_lazy("Éditions nationales"),
            description=gettext_lazy(
                "Les éditions nationales de Numérique en Commun[s] : année, ville, lieu, format "
                "et leurs chiffres (personnes présentes, intervenants, pays représentés, suivi "
                "en ligne…)."
            ),
            keywords=(
                gettext_lazy("évènement"),
                gettext_lazy("fréquentation"),
                gettext_lazy("numérique d’intérêt général"),
            ),
            model=EditionPage,
            columns=edition_columns(),
        ),
        Dataset(
            slug="nec_locaux",
            title=pgettext_lazy("jeu de données", "NEC locaux"),
            description=gettext_lazy(
                "Les NEC locaux que les territoires organisent : dates et heures locales, lieu, "
                "région et départements, format, organisateurs, accessibilité, statut."
            ),
            keywords=(
                gettext_lazy("évènement"),
                gettext_lazy("territoires"),
                gettext_lazy("numérique d’intérêt général"),
            ),
            model=LocalNecPage,
            columns=local_nec_columns(),
        ),
        Dataset(
            slug="evenements",
            title=gettext_lazy("Agenda des évènements"),
            description=gettext_lazy(
                "Les rencontres, ateliers et webinaires de l’agenda : type, dates et heures "
                "locales, lieu, format, publics, accessibilité, statut."
            ),
            keywords=(
                gettext_lazy("évènement"),
                gettext_lazy("atelier"),
                gettext_lazy("numérique d’intérêt général"),
            ),
            model=EventPage,
            columns=agenda_columns(),
        ),
    )
}


@dataclass(frozen=True)
class Summary:
    """A dataset as its page lists it."""

    dataset: Dataset
    rows: int
    issued: datetime.datetime | None
    modified: datetime.datetime | None
    csv_url: str
    json_url: str
    schema_url: str


def summaries():
    """Every dataset with its figures and addresses in the active language: one query each."""
    return [
        Summary(
            dataset=dataset,
            **dataset.figures(),
            csv_url=dataset.url("csv"),
            json_url=dataset.url("json"),
            schema_url=dataset.url("schema"),
        )
        for dataset in DATASETS.values()
    ]


# --- Files ------------------------------------------------------------------------------


def csv_bytes(chunks, columns):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.name for column in columns])
    yield buffer.getvalue().encode()
    for rows in chunks:
        buffer.seek(0)
        buffer.truncate()
        writer.writerows([csv_cell(value) for value in row.values()] for row in rows)
        yield buffer.getvalue().encode()


def json_bytes(chunks):
    yield b"["
    separator = "\n"
    for rows in chunks:
        text = ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows)
        yield (separator + text).encode()
        separator = ",\n"
    yield b"\n]\n"


def root_url(request):
    """The site's address, as page addresses start (Wagtail's Site for this host)."""
    site = Site.find_for_request(request)
    return site.root_url if site else request.build_absolute_uri("/").rstrip("/")


def datasets_page_url(request):
    """The public page listing the datasets, in the active language if it has one."""
    # Looked up by name: the page model imports this module to list the datasets.
    pages = public_only(apps.get_model("opendata", "DatasetsPage").objects.live())
    page = pages.filter(locale__language_code=translation.get_language()).first() or pages.first()
    return page.get_full_url(request) if page else None


# --- Views ------------------------------------------------------------------------------


def refusal(request):
    """A 400 for an address with a query string (see the module's docstring), else None."""
    if request.META.get("QUERY_STRING"):
        return HttpResponseBadRequest(
            _("Ces fichiers ne prennent aucun paramètre : retirez ce qui suit « ? ».").encode(),
            content_type="text/plain; charset=utf-8",
        )
    return None


def dataset_view(serve):
    """A view of one dataset's file: 400 for a query string, 404 for an unknown name."""

    @require_safe
    def view(request, name):
        refused = refusal(request)
        if refused:
            return refused
        dataset = DATASETS.get(name)
        if dataset is None:
            return HttpResponseNotFound(
                _("Ce jeu de données n’existe pas.").encode(),
                content_type="text/plain; charset=utf-8",
            )
        return serve(request, dataset)

    return view


def streamed(request, content, content_type):
    # A HEAD request gets the headers without the export.
    body = content if request.method == "GET" else iter(())
    return StreamingHttpResponse(body, content_type=content_type)


@dataset_view
def csv_file(request, dataset):
    chunks = dataset.chunks(root_url(request))
    response = streamed(request, csv_bytes(chunks, dataset.columns), CSV_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{dataset.slug}.csv"'
    return response


@dataset_view
def json_file(request, dataset):
    chunks = dataset.chunks(root_url(request))
    return streamed(request, json_bytes(chunks), "application/json")


@dataset_view
def schema_file(request, dataset):
    return JsonResponse(dataset.schema(), json_dumps_params={"ensure_ascii": False, "indent": 2})


@require_safe
def catalogue_file(request):
    refused = refusal(request)
    if refused:
        return refused
    base = root_url(request)
    with translation.override("fr"):
        identifier = base + reverse("datasets:catalogue")
    catalogue = dcat.catalogue(summaries(), base, identifier, datasets_page_url(request))
    return JsonResponse(
        catalogue,
        content_type=JSON_LD_TYPE,
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
