"""What search engines and social previews read in a page's head: the description, the
canonical URL, OpenGraph, and schema.org JSON-LD.

Every page gets a description (its search description, else its excerpt or intro, else the
site's), OpenGraph tags and a BreadcrumbList; the home page of each language adds the
Organization and the WebSite. A page type adds its own JSON-LD with a
`structured_data(request)` method (a resource is a CreativeWork, an event an Event…).
"""

import json

from django.templatetags.static import static
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

SITE_NAME = "Numérique en Commun[s]"
DESCRIPTION_LENGTH = 160
SHARE_IMAGE = "img/partage.png"
OG_LOCALES = {"fr": "fr_FR", "en": "en_GB"}
PUBLISHER = {
    "@type": "GovernmentOrganization",
    "name": "Agence nationale de la cohésion des territoires",
    "alternateName": "ANCT",
    "url": "https://agence-cohesion-territoires.gouv.fr/",
}


def plain_text(html):
    return " ".join(strip_tags(html or "").split())


def site_description():
    return _(
        "Numérique en Commun[s] rassemble les acteurs d’un numérique d’intérêt général : "
        "inclusif, éthique, durable, ouvert, accessible et souverain."
    )


def description_of(page):
    """The page's own words for search results, at most DESCRIPTION_LENGTH characters."""
    for text in (
        getattr(page, "search_description", ""),
        getattr(page, "excerpt", ""),
        plain_text(str(getattr(page, "intro", "") or "")),
    ):
        text = " ".join(str(text or "").split())
        if text:
            return Truncator(text).chars(DESCRIPTION_LENGTH)
    return site_description()


def json_ld_text(data):
    """JSON for a <script type="application/ld+json">: `<`, `>` and `&` escaped, so that
    no value (« </script> » in a title) can close the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def absolute(request, url):
    return request.build_absolute_uri(url) if request is not None else url


def breadcrumb_list(request, crumbs, page):
    """schema.org BreadcrumbList of the page's ancestors and itself (as shown on the page)."""
    if not crumbs:
        return None
    items = [*crumbs, page]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": _("Accueil") if position == 1 else item.title,
                "item": absolute(request, item.get_url(request)),
            }
            for position, item in enumerate(items, start=1)
        ],
    }


def home_data(request, page, language):
    url = absolute(request, page.get_url(request))
    organisation = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": SITE_NAME,
        "url": url,
        "logo": absolute(request, static(SHARE_IMAGE)),
        "description": site_description(),
        "parentOrganization": PUBLISHER,
    }
    website = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": SITE_NAME,
        "url": url,
        "inLanguage": language,
        "publisher": {"@type": "Organization", "name": SITE_NAME, "url": url},
    }
    return [organisation, website]


def page_meta(request, page, crumbs, versions, language):
    """Everything the head shows for `page` (None on pages that are not Wagtail pages)."""
    url = absolute(request, request.path if request is not None else "/")
    data = []
    kind = "website"
    if page is not None and getattr(page, "pk", None):
        url = absolute(request, page.get_url(request))
        if page.depth == 2:
            data += home_data(request, page, language)
        else:
            kind = "article"
        data.append(breadcrumb_list(request, crumbs, page))
        structured = getattr(page, "structured_data", None)
        if structured is not None:
            data.append(structured(request))
    title = page.seo_title or page.title if page is not None else SITE_NAME
    return {
        "title": title,
        "description": description_of(page) if page is not None else site_description(),
        "url": url,
        "type": kind,
        "image": absolute(request, static(SHARE_IMAGE)),
        "image_alt": _("Numérique en Commun[s], pour un numérique d’intérêt général"),
        "locale": OG_LOCALES.get(language, language),
        "alternate_locales": [
            OG_LOCALES.get(version["code"], version["code"])
            for version in versions
            if version["exists"] and not version["current"]
        ],
        "json_ld": json_ld_text(graph([item for item in data if item])) if data else "",
    }


def graph(items):
    """The page's schema.org items in one JSON-LD document (one element in the page)."""
    return {
        "@context": "https://schema.org",
        "@graph": [
            {key: value for key, value in item.items() if key != "@context"} for item in items
        ],
    }


# schema.org's words for how an event is attended (the values of editions.EditionFormat,
# which events share) and for its status.
ATTENDANCE_MODES = {
    "in_person": "https://schema.org/OfflineEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "hybrid": "https://schema.org/MixedEventAttendanceMode",
}
EVENT_STATUSES = {
    "cancelled": "https://schema.org/EventCancelled",
    "postponed": "https://schema.org/EventPostponed",
}


def event_data(request, page, *, start, attendance, end=None, status="", **extra):
    """A schema.org Event for `page`; `extra` adds location, organizer, superEvent…"""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "url": absolute(request, page.get_url(request)),
        "description": description_of(page),
        "startDate": start,
        "eventAttendanceMode": ATTENDANCE_MODES.get(attendance, ATTENDANCE_MODES["in_person"]),
        "eventStatus": EVENT_STATUSES.get(status, "https://schema.org/EventScheduled"),
        **extra,
    }
    if end:
        data["endDate"] = end
    return data


def place(name="", street="", postcode="", locality="", region=""):
    address = {
        "@type": "PostalAddress",
        "streetAddress": street,
        "postalCode": postcode,
        "addressLocality": locality,
        "addressRegion": region,
        "addressCountry": "FR",
    }
    return {
        "@type": "Place",
        "name": name or locality,
        "address": {key: value for key, value in address.items() if value},
    }
