"""Navigation helpers shared by every page: breadcrumbs and the HTML site map."""

from dataclasses import dataclass, field

from wagtail.models import Page


@dataclass
class TreeNode:
    page: Page
    url: str
    children: list["TreeNode"] = field(default_factory=list)


def page_tree(root, request=None):
    """The live, public pages under `root` (included) as nested nodes, in menu order.

    One query whatever the size of the tree: pages are fetched at once, ordered by
    tree path, and attached to their parent in Python.
    """
    pages = (
        Page.objects.live()
        .public()
        .descendant_of(root, inclusive=True)
        .filter(locale_id=root.locale_id)
        .only("id", "title", "path", "depth", "url_path", "locale_id")
        .order_by("path")
    )
    nodes_by_path = {}
    top = None
    for page in pages:
        node = TreeNode(page=page, url=page.get_url(request))
        parent = nodes_by_path.get(page.path[: -Page.steplen])
        if parent is not None:
            parent.children.append(node)
        elif top is None:
            top = node
        nodes_by_path[page.path] = node
    return top


def breadcrumbs(page):
    """Ancestors of `page` from the site root (home) down, excluding the tree root."""
    return list(
        page.get_ancestors()
        .filter(depth__gt=1)
        .only("id", "title", "url_path", "path", "depth", "locale_id")
    )
