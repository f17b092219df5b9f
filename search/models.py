"""The public search index: one document and one match row per live page, accent-insensitive,
in the page's language.

Wagtail's own search index serves the admin; the public site searches these tables because
the library needs facet counts over the same SQL query, and a dedicated `tsvector` column
with a GIN index stays fast at 100 000 resources.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchVectorColumn(SearchVectorField):
    """A `tsvector` on PostgreSQL; plain text elsewhere (SQLite searches `text`)."""

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else "text"


class SearchDocument(models.Model):
    """What the public search knows of a live page. Rebuilt on publish, removed on
    unpublish; `manage.py rebuild_search_documents` rebuilds them all."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
    title = models.TextField(_("titre normalisé"), help_text=_("Titre sans accents, minuscules."))
    summary = models.TextField(
        _("résumé"), blank=True, help_text=_("Le début du chapô, affiché dans les résultats.")
    )
    text = models.TextField(
        _("texte normalisé"), blank=True, help_text=_("Tout le texte, sans accents, minuscules.")
    )
    analysis = models.PositiveSmallIntegerField(
        _("version de l’analyse"),
        default=0,
        editable=False,
        help_text=_("La version de l’analyse du texte qui a produit ce document."),
    )

    class Meta:
        verbose_name = _("document de recherche")
        verbose_name_plural = _("documents de recherche")
        indexes = [
            # Suggestions come in title order: walking this index stops at the eighth title
            # with a word starting with what was typed, where sorting every such title took
            # 23 ms at 100 000 resources for « donn » (12 500 titles), 2.5 ms this way.
            models.Index(fields=["title", "page"], name="search_document_title_order"),
        ]

    def __str__(self):
        return self.title


class SearchMatch(models.Model):
    """What the search matches, ranks and orders a live page by: its words as a `tsvector`
    (GIN index), its language and its first publication, copied from the page.

    Kept apart from the document's text (shown in results, searched on SQLite) so that the
    rows PostgreSQL visits for each match are narrow: at 100 000 resources, a word found in
    half the documents took 57 ms in the document table (164 MB, more than PostgreSQL's
    default shared buffers) and 17.5 ms in this one (55 MB). Joined to the page tree
    instead, to filter by language and sort by date, a site search read every page of the
    site."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_match",
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("langue"),
        db_index=False,
    )
    published_at = models.DateTimeField(_("première publication"), null=True)
    vector = SearchVectorColumn(null=True, editable=False)

    class Meta:
        verbose_name = _("correspondance de recherche")
        verbose_name_plural = _("correspondances de recherche")

    def __str__(self):
        return str(self.page_id)


class SearchTerm(models.Model):
    """The words of the indexed pages (normalised), for typo correction."""

    term = models.CharField(_("terme"), max_length=64, primary_key=True)

    class Meta:
        verbose_name = _("terme indexé")
        verbose_name_plural = _("termes indexés")

    def __str__(self):
        return self.term
