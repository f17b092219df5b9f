"""The public, read-only API: Wagtail API v2 at /api/v2/.

- `pages`: live pages nobody restricted, in both languages (`?locale=fr`,
  `?translation_of=<id>`), each type exposing only its `api_fields` (rich text as public
  HTML, nec_cms.api); `images` and `documents` outside restricted collections;
  `themes`, `types` and `audiences`: the library's taxonomies.
- At most WAGTAILAPI_LIMIT_MAX items a request. Query parameters holding control characters
  are refused with a 400 and a message, as are unknown ones (Wagtail's own check).
- No full-text `search` parameter: the site search (/recherche/) is the one that knows
  French; the API would search with another engine and answer differently.
"""

import unicodedata

from modelcluster.fields import ParentalManyToManyField
from wagtail.api.v2.filters import FieldsFilter, LocaleFilter, OrderingFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import CollectionViewRestriction

from nec_cms.pages import public_only
from ressources.models import Audience, ResourceType, Theme

NO_SEARCH = frozenset({"search", "search_operator"})
MAX_OFFSET_DIGITS = 9


class CheckedParameters:
    """Refuses what no parameter may hold, and full-text search."""

    known_query_parameters = BaseAPIViewSet.known_query_parameters - NO_SEARCH

    def check_query_parameters(self, queryset):
        for key, value in self.request.GET.items():
            if any(unicodedata.category(char) in {"Cc", "Cs", "Co", "Cn"} for char in key + value):
                raise BadRequestError(f"query parameter {key!r} holds control characters")
        # A number no database column holds would fail in the database, not here.
        offset = self.request.GET.get("offset", "0")
        if not offset.isdigit() or len(offset) > MAX_OFFSET_DIGITS:
            raise BadRequestError("offset must be a whole number below 1 000 000 000")
        return super().check_query_parameters(queryset)


class PublicPagesViewSet(CheckedParameters, PagesAPIViewSet):
    known_query_parameters = PagesAPIViewSet.known_query_parameters - NO_SEARCH
    filter_backends = [
        backend for backend in PagesAPIViewSet.filter_backends if backend.__name__ != "SearchFilter"
    ]

    def get_base_queryset(self):
        # Public pages only, whoever asks: API answers are cached like public pages. Wagtail
        # asks for it several times a request; it is built once.
        if not hasattr(self, "_base_queryset"):
            self._base_queryset = public_only(super().get_base_queryset())
        return self._base_queryset

    def get_queryset(self):
        # Locales and a page type's terms are read for the whole page of results at once, so
        # that a listing's queries do not grow with its length.
        queryset = super().get_queryset().select_related("locale")
        relations = [
            field.name
            for field in queryset.model._meta.get_fields()
            if isinstance(field, ParentalManyToManyField)
        ]
        return queryset.prefetch_related(*relations) if relations else queryset


class PublicCollectionsMixin:
    """Images and documents of collections nobody restricted."""

    def get_queryset(self):
        restricted = CollectionViewRestriction.objects.values_list("collection", flat=True)
        return super().get_queryset().exclude(collection__in=restricted)


class PublicImagesViewSet(CheckedParameters, PublicCollectionsMixin, ImagesAPIViewSet):
    known_query_parameters = ImagesAPIViewSet.known_query_parameters - NO_SEARCH
    filter_backends = [FieldsFilter, OrderingFilter]


class PublicDocumentsViewSet(CheckedParameters, PublicCollectionsMixin, DocumentsAPIViewSet):
    known_query_parameters = DocumentsAPIViewSet.known_query_parameters - NO_SEARCH
    filter_backends = [FieldsFilter, OrderingFilter]


class TaxonomyViewSet(CheckedParameters, BaseAPIViewSet):
    """A taxonomy of the library, in every language (`?locale=fr`)."""

    known_query_parameters = CheckedParameters.known_query_parameters | {"locale"}
    filter_backends = [FieldsFilter, OrderingFilter, LocaleFilter]
    body_fields = [*BaseAPIViewSet.body_fields, "name", "slug", "description", "locale"]
    listing_default_fields = [*BaseAPIViewSet.listing_default_fields, "name", "slug", "locale"]

    def get_queryset(self):
        return self.model.objects.select_related("locale").order_by("locale__language_code", "name")


def taxonomy(model, name):
    return type(f"{model.__name__}ViewSet", (TaxonomyViewSet,), {"model": model, "name": name})


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesViewSet)
api_router.register_endpoint("images", PublicImagesViewSet)
api_router.register_endpoint("documents", PublicDocumentsViewSet)
api_router.register_endpoint("themes", taxonomy(Theme, "themes"))
api_router.register_endpoint("types", taxonomy(ResourceType, "types"))
api_router.register_endpoint("audiences", taxonomy(Audience, "audiences"))
