"""Template helpers every page uses: numbers, breadcrumbs, menus, language links and links
to the site's key pages, always in the visitor's language."""

from django import template
from django.conf import settings
from django.db.models import Q
from django.urls import reverse, translate_url
from django.utils import formats, translation
from django.utils.text import capfirst
from wagtail.models import Page, Site

from caching.memory import language_locale_id, shell
from nec_cms import seo
from nec_cms.models import KeyPages, Navigation
from nec_cms.navigation import breadcrumbs as page_breadcrumbs
from nec_cms.navigation import localized_pages, menu_links

register = template.Library()


def active_locale_id(context):
    """The locale of the page shown, else of the active language."""
    page = context.get("page")
    locale_id = getattr(page, "locale_id", None) if isinstance(page, Page) else None
    if locale_id:
        return locale_id
    return language_locale_id()


def site_id(request):
    site = Site.find_for_request(request) if request is not None else None
    return getattr(site, "pk", None)


@register.filter
def number(value):
    """A whole number with the active language's thousands separator: « 2 000 » in French."""
    if value is None or value == "":
        return ""
    return formats.number_format(value, force_grouping=True)


@register.simple_tag
def breadcrumbs(page):
    if page is None or not getattr(page, "pk", None) or page.depth <= 2:
        return []
    return page_breadcrumbs(page)


@register.simple_tag(takes_context=True)
def page_meta(context, versions, crumbs):
    """Description, canonical URL, OpenGraph and JSON-LD of the page shown (nec_cms.seo)."""
    page = context.get("page")
    return seo.page_meta(
        context.get("request"),
        page if isinstance(page, Page) and page.pk else None,
        crumbs,
        versions,
        translation.get_language(),
    )


@register.simple_tag(takes_context=True)
def navigation(context):
    """Main menu, footer links and footer text of the active language (the default
    language's as a fallback), with the current page marked."""
    request = context.get("request")
    locale_id = active_locale_id(context)
    menus = shell.get(
        ("navigation", site_id(request), locale_id), lambda: build_navigation(request, locale_id)
    )
    current = getattr(context.get("page"), "pk", None)
    return {
        "main": [{**link, "current": link["page_id"] == current} for link in menus["main"]],
        "footer": [{**link, "current": link["page_id"] == current} for link in menus["footer"]],
        "text": menus["text"],
    }


def build_navigation(request, locale_id):
    candidates = Navigation.objects.filter(
        Q(locale_id=locale_id) | Q(locale__language_code=settings.LANGUAGE_CODE)
    )
    menus = sorted(candidates, key=lambda nav: nav.locale_id != locale_id)[:1]
    if not menus:
        return {"main": [], "footer": [], "text": ""}
    menu = menus[0]
    streams = (menu.main_menu, menu.footer_links)
    ids = [item.get("value", {}).get("page") for stream in streams for item in stream.raw_data]
    pages = localized_pages([pk for pk in ids if isinstance(pk, int)], locale_id)
    return {
        "main": menu_links(menu.main_menu, pages, request),
        "footer": menu_links(menu.footer_links, pages, request),
        "text": menu.footer_text,
    }


@register.simple_tag(takes_context=True)
def language_versions(context):
    """One entry per language of the site: its URL for this page, whether a live version
    exists, and whether it is the current one (switcher and hreflang links)."""
    request = context.get("request")
    page = context.get("page")
    if isinstance(page, Page) and page.pk:
        links = shell.get(
            ("languages", site_id(request), page.pk), lambda: page_language_links(request, page)
        )
    else:
        path = request.get_full_path() if request else ""
        links = [
            (code, translate_url(path, code) if request else home_url(code), True)
            for code, _name in settings.LANGUAGES
        ]
    current = translation.get_language()
    names = dict(settings.LANGUAGES)
    return [
        {
            "code": code,
            "name": name_in_itself(code, names[code]),
            "url": url,
            "absolute_url": request.build_absolute_uri(url) if request else url,
            "exists": exists,
            "current": code == current,
        }
        for code, url, exists in links
    ]


def page_language_links(request, page):
    """(language code, URL, whether the page exists in it) for each language: the live
    translation, else that language's home page."""
    translations = {
        other.locale.language_code: other
        for other in page.get_translations(inclusive=True).live().select_related("locale")
    }
    links = []
    for code, _name in settings.LANGUAGES:
        target = translations.get(code)
        links.append(
            (code, target.get_url(request) if target else home_url(code), target is not None)
        )
    return links


def name_in_itself(code, name):
    """« Français », « English », « Deutsch »: what a reader of that language looks for."""
    try:
        return capfirst(translation.get_language_info(code)["name_local"])
    except KeyError:
        return str(name)


def home_url(code):
    with translation.override(code):
        return reverse("wagtail_serve", args=[""])


@register.simple_tag(takes_context=True)
def key_page_url(context, name):
    """The URL of a key page (« library_page »…, see KeyPages) in the visitor's language,
    else in the default language; "" when it is not chosen or not live."""
    request = context.get("request")
    if request is None:
        return ""
    locale_id = active_locale_id(context)

    def compute():
        page_id = getattr(KeyPages.for_request(request), f"{name}_id", None)
        if page_id is None:
            return ""
        page = localized_pages([page_id], locale_id).get(page_id)
        return page.get_url(request) if page is not None else ""

    return shell.get(("key-page", site_id(request), name, locale_id), compute)
