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


def translate_with_localize(instance, locale, strings):
    """The wagtail-localize translation of `instance` into `locale`, created once.

    The translation is a real wagtail-localize one (translators see it, can sync it and
    export it as PO): each source segment gets its text from `strings` (source → target).
    An existing translation is returned as translators left it. Returns (translated
    instance, source strings that had no translation and fell back to the source).
    """
    from wagtail_localize.models import Translation, TranslationSource

    existing = instance.get_translation_or_none(locale)
    if existing is not None:
        return existing, []
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    po = translation.export_po()
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid in strings:
            entry.msgstr = strings[entry.msgid]
        else:
            missing.append(entry.msgid)
    translation.import_po(po)
    translation.save_target(publish=True)
    return instance.get_translation(locale), missing
