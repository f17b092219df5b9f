"""Load the seed content every installed app declares in its `seed.py` (nec_cms.seeding).

An app's `seed.py` may define:
- `SEED`: its seed items (pages, snippets, site settings);
- `examples(count)`: flagged example items, loaded on request for development only;
- `after_load()`: what to set up once the items are loaded.

Items load in dependency order (a page after its parent, a menu after its pages), apps in
INSTALLED_APPS order otherwise. Each object is recorded by key (`SeedRecord`) when first
loaded; a recorded object is never created again, so what editors renamed stays theirs and
what they deleted stays deleted. A key with no record (a database loaded before keys, or a
new seed item) first looks for its object the old way, by slug, and adopts it.
"""

from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.utils.module_loading import module_has_submodule
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import Translation, TranslationSource

from nec_cms.models import SeedRecord
from nec_cms.seeding import (
    SOURCE_LANGUAGE,
    TRANSLATIONS,
    SeedError,
    SeedPage,
    SeedRow,
    SeedSetting,
    english_pairs,
)


def seed_modules():
    """The `seed` module of each installed app that has one, in INSTALLED_APPS order."""
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "seed"):
            yield import_module(f"{config.name}.seed")


def in_dependency_order(items):
    """The items, each after what it depends on, otherwise in the order given."""
    by_key = {}
    for item in items:
        if item.key in by_key:
            raise SeedError(f"Two seed items have the key {item.key!r}.")
        by_key[item.key] = item
    ordered, done = [], set()

    def visit(item, chain):
        if item.key in done:
            return
        if item.key in chain:
            raise SeedError(f"Seed items depend on each other: {' → '.join(chain)}.")
        for key in item.dependencies():
            if key not in by_key:
                raise SeedError(f"{item.key} refers to {key!r}, which no seed.py declares.")
            visit(by_key[key], (*chain, item.key))
        done.add(item.key)
        ordered.append(item)

    for item in items:
        visit(item, ())
    return ordered


class SeedLoader:
    """Loads seed items into the database: creates what is missing, never overwrites,
    never duplicates, never brings back what editors deleted."""

    def __init__(self, log=None):
        self.log = log or (lambda message: None)
        self.source = Locale.objects.get(language_code=SOURCE_LANGUAGE)
        self.targets = [
            Locale.objects.get_or_create(language_code=code)[0] for code in TRANSLATIONS
        ]
        self.records = {
            (key, locale_id): translation_key
            for key, locale_id, translation_key in SeedRecord.objects.values_list(
                "key", "locale_id", "translation_key"
            )
        }
        self.items = {}
        self.found = {}
        self.created = 0
        self.untranslated = []

    def load(self, items):
        items = in_dependency_order(items)
        self.items.update((item.key, item) for item in items)
        for item in items:
            self.load_item(item)

    def load_item(self, item):
        if (item.key, self.source.pk) not in self.records:
            instance = self.adopt(item)
            if instance is None:
                instance = self.create(item)
            if instance is None:
                return
            self.record(item, self.source, instance)
        if isinstance(item, SeedPage) and item.site_root:
            self.ensure_default_site(self.find(item.key, self.source))
        if not item.translatable:
            return
        for locale in self.targets:
            if (item.key, locale.pk) in self.records:
                continue  # translated once: translators own it, even deleted
            original = self.find(item.key, self.source)
            if original is None:
                continue  # deleted by editors: nothing to translate
            translated = original.get_translation_or_none(locale)
            if translated is None:
                translated = self.translate(item, original, locale)
            if translated is not None:
                self.record(item, locale, translated)

    # --- finding objects -------------------------------------------------------------

    def find(self, key, locale):
        """The object recorded for `key` in `locale`, or None if it was deleted."""
        if (key, locale.pk) not in self.found:
            self.found[key, locale.pk] = self.lookup(key, locale)
        return self.found[key, locale.pk]

    def lookup(self, key, locale):
        if (key, locale.pk) not in self.records:
            return None
        item = self.items[key]
        if isinstance(item, SeedRow):
            raise SeedError(f"{key} is a row: no seed item can refer to it.")
        if isinstance(item, SeedSetting):
            return item.model.for_site(self.default_site())
        translation_key = self.records[key, locale.pk]
        if isinstance(item, SeedPage):
            page = Page.objects.filter(translation_key=translation_key, locale=locale).first()
            return page.specific if page else None
        return item.model.objects.filter(translation_key=translation_key, locale=locale).first()

    def resolver(self, locale):
        return lambda key: self.find(key, locale)

    def adopt(self, item):
        """The object a database loaded before seed keys holds for `item`, if any."""
        if isinstance(item, SeedPage):
            parent = self.parent(item)
            if parent is None:
                return None
            slug = item.source_value("slug")
            page = parent.get_children().filter(slug=slug, locale=self.source).first()
            return page.specific if page else None
        if isinstance(item, SeedSetting | SeedRow):
            return None
        lookup = {name: item.source_value(name) for name in item.adopt_by}
        return item.model.objects.filter(locale=self.source, **lookup).first()

    def parent(self, item):
        if item.parent is None:
            return Page.get_first_root_node()
        return self.find(item.parent, self.source)

    # --- creating objects ------------------------------------------------------------

    def create(self, item):
        resolve = self.resolver(self.source)
        if isinstance(item, SeedSetting):
            return self.fill_setting(item, resolve)
        if isinstance(item, SeedPage):
            parent = self.parent(item)
            if parent is None:
                self.log(f"  - {item.key}: its parent was deleted, not created")
                return None
            if item.parent is None:
                self.remove_placeholder(parent)
            page = item.build(SOURCE_LANGUAGE, resolve)
            parent.add_child(instance=page)
            page.save_revision().publish()
            instance = page
        elif isinstance(item, SeedRow):
            instance = item.build(SOURCE_LANGUAGE, resolve)
            if instance is None:
                self.log(f"  - {item.key}: refers to a deleted object, not created")
                return None
            instance.save()
        else:
            instance = item.build(SOURCE_LANGUAGE, resolve)
            instance.locale = self.source
            instance.save()
        self.created += 1
        self.log(f"  + {item.key}")
        return instance

    def fill_setting(self, item, resolve):
        setting = item.model.for_site(self.default_site())
        values = item.build(SOURCE_LANGUAGE, resolve)
        empty = [name for name in item.fields if getattr(setting, name) is None]
        for name in empty:
            setattr(setting, name, getattr(values, name))
        if empty:
            setting.save()
        return setting

    def translate(self, item, original, locale):
        """The wagtail-localize translation of `original` into `locale`, complete with the
        seed's text, published; None if its parent page has no translation to go under."""
        if isinstance(original, Page):
            parent = original.get_parent()
            if not parent.is_root() and parent.get_translation_or_none(locale) is None:
                self.log(f"  - {item.key} ({locale.language_code}): no translated parent")
                return None
        pairs = english_pairs(item, locale.language_code, self.resolver(self.source))
        source, _created = TranslationSource.update_or_create_from_instance(original)
        translation, _created = Translation.objects.get_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
        po = translation.export_po()
        entries = [entry for entry in po if not entry.obsolete]
        # Same position, same French text: the seed's translation applies. A French text
        # editors changed before it was ever translated keeps its French until translated.
        for position, entry in enumerate(entries):
            french, target = pairs[position] if position < len(pairs) else (None, None)
            if entry.msgid == french:
                entry.msgstr = target
            else:
                self.untranslated.append(f"{item.key}: {entry.msgid}")
        translation.import_po(po)
        # Published here rather than by wagtail-localize on commit: its deferred publish
        # saves a copy of the page whose child count predates the children made since.
        translated, _created = source.create_or_update_translation(
            locale, publish=not isinstance(original, Page), fallback=True
        )
        if isinstance(translated, Page):
            translated.get_latest_revision().publish()
        self.created += 1
        self.log(f"  + {item.key} ({locale.language_code})")
        return translated

    def record(self, item, locale, instance):
        translation_key = getattr(instance, "translation_key", None)
        SeedRecord.objects.create(key=item.key, locale=locale, translation_key=translation_key)
        self.records[item.key, locale.pk] = translation_key
        self.found[item.key, locale.pk] = instance

    # --- the site ----------------------------------------------------------------------

    def default_site(self):
        return Site.objects.filter(is_default_site=True).first()

    def remove_placeholder(self, root):
        """A fresh Wagtail database holds a placeholder « Welcome » page: the seed's home
        page replaces it."""
        placeholder = root.get_children().filter(slug="home").exact_type(Page).first()
        if placeholder is not None and not placeholder.get_children().exists():
            placeholder.delete()

    def ensure_default_site(self, home):
        if home is None:
            return
        site = self.default_site()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name=settings.WAGTAIL_SITE_NAME,
            )
        elif site.root_page.specific_class is Page:  # still Wagtail's placeholder
            site.root_page = home
            site.site_name = site.site_name or settings.WAGTAIL_SITE_NAME
            site.save()
