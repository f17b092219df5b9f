"""Helpers for idempotent seed loading: create what is missing, never touch what exists."""

from wagtail.models import Page


def ensure_child(parent, model, slug, fields, log=None):
    """Return the child page of `parent` with `slug`, creating and publishing it if missing.

    An existing page is returned as it is, whatever editors changed in it: the seed never
    overwrites their work and never duplicates a page.
    """
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    if log:
        log(f"  + {page.url_path}")
    return page, True


def root_page():
    return Page.get_first_root_node()
