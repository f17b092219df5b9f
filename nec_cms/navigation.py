"""Navigation helpers shared by every page: menus, breadcrumbs and the HTML site map."""

from dataclasses import dataclass, field

from wagtail.models import Page

from caching.memory import shell

LINK_FIELDS = ("id", "title", "url_path", "path", "depth", "locale_id", "translation_key", "live")


@dataclass
class TreeNode:
    page: Page
    url: str
    children: list["TreeNode"] = field(default_factory=list)


def page_tree(root, request=None):
    """The live, public pages under `root` (included) as nested nodes, in menu order,
    except the items of collections (a page type with `in_site_map = False`: resources,
    events): their listing page leads to them, and sitemap.xml lists them all.

    One query whatever the size of the tree: pages are fetched at once, ordered by
    tree path, and attached to their parent in Python.
    """
    pages = (
        Page.objects.live()
        .public()
        .descendant_of(root, inclusive=True)
        .filter(locale_id=root.locale_id)
        .only("id", "title", "path", "depth", "url_path", "locale_id", "content_type_id")
        .order_by("path")
    )
    nodes_by_path = {}
    top = None
    for page in pages:
        if not getattr(page.specific_class, "in_site_map", True):
            continue
        node = TreeNode(page=page, url=page.get_url(request))
        parent = nodes_by_path.get(page.path[: -Page.steplen])
        if parent is not None:
            parent.children.append(node)
        elif top is None:
            top = node
        nodes_by_path[page.path] = node
    return top


def breadcrumbs(page):
    """Ancestors of `page` from the site root (home) down, excluding the tree root;
    remembered per content version, like the rest of the shell (caching.memory)."""

    def ancestors():
        return list(
            page.get_ancestors()
            .filter(depth__gt=1)
            .only("id", "title", "url_path", "path", "depth", "locale_id")
        )

    return shell.get(("breadcrumbs", page.path), ancestors)


def localized_pages(page_ids, locale_id):
    """{page id: the live version of that page in the locale, else the page itself if live}.

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
            Page.objects.filter(translation_key__in=keys, locale_id=locale_id)
            .order_by()
            .only(*LINK_FIELDS)
        )
    )
    by_key = {page.translation_key: page for page in pages if page.locale_id == locale_id}
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
    """The links of a menu stream whose pages are live, in the visitor's language."""
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
