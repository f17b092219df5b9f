"""Menus and language links for every page, in the visitor's language."""

from django import template
from django.apps import apps
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page

from home.models import Navigation
from nec_cms.fragments import cached_fragment

register = template.Library()

LINK_FIELDS = ("id", "title", "url_path", "path", "depth", "locale_id", "translation_key", "live")


def active_locale(request):
    """The Locale of the active language, looked up once per request."""
    cached = getattr(request, "_nec_locale", None)
    if cached is None:
        cached = Locale.get_active()
        if request is not None:
            request._nec_locale = cached
    return cached


@register.simple_tag(takes_context=True)
def page_url_of_type(context, model_label):
    """URL of the first live page of a type (« editions.EditionIndexPage ») in the visitor's
    language, else in the default language; "" if there is none. Cached until the next
    publish: a link in a template costs no query."""
    request = context.get("request")
    language = translation.get_language()

    def compute():
        model = apps.get_model(model_label)
        locale = active_locale(request)
        pages = model.objects.live().filter(
            locale__language_code__in={locale.language_code, settings.LANGUAGE_CODE}
        )
        candidates = sorted(
            pages.only(*LINK_FIELDS), key=lambda page: (page.locale_id != locale.pk, page.path)
        )
        return candidates[0].get_url(request) if candidates else ""

    return cached_fragment(request, f"page-url:{language}:{model_label}", compute)


def localized_pages(page_ids, locale):
    """{page id: the live version of that page in `locale`, else the page itself if live}.

    One query whatever the number of entries: the pages and their translations together.
    """
    if not page_ids:
        return {}
    keys = Page.objects.filter(pk__in=page_ids).values("translation_key")
    # A UNION rather than an OR: each half uses its index, whatever the size of the tree.
    pages = list(
        Page.objects.filter(pk__in=page_ids)
        .order_by()
        .only(*LINK_FIELDS)
        .union(
            Page.objects.filter(translation_key__in=keys, locale=locale)
            .order_by()
            .only(*LINK_FIELDS)
        )
    )
    by_key = {page.translation_key: page for page in pages if page.locale_id == locale.pk}
    result = {}
    for page in pages:
        if page.pk not in page_ids:
            continue
        local = by_key.get(page.translation_key)
        chosen = local if local is not None and local.live else page
        if chosen.live:
            result[page.pk] = chosen
    return result


def menu_links(stream, pages, request):
    links = []
    for item in stream.raw_data:
        value = item.get("value") or {}
        page = pages.get(value.get("page"))
        if page is None:
            continue
        links.append(
            {
                "url": page.get_url(request),
                "label": value.get("label") or page.title,
                "page_id": page.pk,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def navigation(context):
    """Main menu, footer links and footer text of the active language (default language as
    a fallback), computed once per request."""
    request = context.get("request")
    cached = getattr(request, "_nec_navigation", None)
    if cached is None:
        language = translation.get_language()
        cached = cached_fragment(
            request, f"navigation:{language}", lambda: build_navigation(request)
        )
        if request is not None:
            request._nec_navigation = cached
    current = getattr(context.get("page"), "pk", None)
    return {
        "main": [{**link, "current": link["page_id"] == current} for link in cached["main"]],
        "footer": [{**link, "current": link["page_id"] == current} for link in cached["footer"]],
        "text": cached["text"],
    }


def build_navigation(request):
    locale = active_locale(request)
    candidates = Navigation.objects.filter(
        locale__language_code__in={locale.language_code, settings.LANGUAGE_CODE}
    ).select_related("locale")
    nav = sorted(candidates, key=lambda n: n.locale_id != locale.pk)[:1]
    result = {"main": [], "footer": [], "text": ""}
    if nav:
        nav = nav[0]
        ids = [
            (item.get("value") or {}).get("page")
            for stream in (nav.main_menu, nav.footer_links)
            for item in stream.raw_data
        ]
        pages = localized_pages([pk for pk in ids if isinstance(pk, int)], locale)
        result = {
            "main": menu_links(nav.main_menu, pages, request),
            "footer": menu_links(nav.footer_links, pages, request),
            "text": nav.footer_text,
        }
    return result


@register.simple_tag(takes_context=True)
def language_versions(context):
    """One entry per language of the site: its URL for this page, whether that version
    exists, and whether it is the current one (for the switcher and hreflang links)."""
    request = context.get("request")
    page = context.get("page")
    cached = getattr(request, "_nec_language_versions", None)
    if cached is not None and cached[0] is page:
        return cached[1]
    if isinstance(page, Page) and page.pk:
        name = f"languages:{translation.get_language()}:{page.pk}"
        versions = cached_fragment(request, name, lambda: build_language_versions(request, page))
    else:
        versions = build_language_versions(request, page)
    if request is not None:
        request._nec_language_versions = (page, versions)
    return versions


def build_language_versions(request, page):
    current = translation.get_language()
    versions = []
    translations = {}
    if isinstance(page, Page) and page.pk:
        for other in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[other.locale.language_code] = other
    for code, name in settings.LANGUAGES:
        if isinstance(page, Page) and page.pk:
            target = translations.get(code)
            exists = target is not None
            url = target.get_url(request) if exists else home_url(code)
        else:
            url = translate_url(request.get_full_path(), code) if request else home_url(code)
            exists = True
        versions.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "absolute_url": request.build_absolute_uri(url) if request else url,
                "exists": exists,
                "current": code == current,
            }
        )
    return versions


def home_url(code):
    with translation.override(code):
        from django.urls import reverse

        return reverse("wagtail_serve", args=[""])
