"""The datasets' files under /donnees/ (/en/data/), before Wagtail's pages: a page address
cannot hold a dot (opendata.datasets)."""

from django.urls import path

from opendata import datasets

app_name = "datasets"

urlpatterns = [
    path("catalogue.jsonld", datasets.catalogue_file, name="catalogue"),
    path("<slug:name>.csv", datasets.csv_file, name="csv"),
    path("<slug:name>.json", datasets.json_file, name="json"),
    path("<slug:name>.schema.json", datasets.schema_file, name="schema"),
]
