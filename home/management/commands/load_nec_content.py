"""Load the NEC seed content: home « La démarche », editions, charter, legal pages, site map
and navigation. Idempotent: creates what is missing, never overwrites, never duplicates."""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import GroupPagePermission, Locale, Page, Site

from editions import seed as editions_seed
from editions.models import EditionIndexPage, EditionPage
from home import seed
from home.models import CharterPage, HomePage, LegalPage, SitemapPage
from nec_cms.models import KeyPages, Navigation
from nec_cms.seed_en import ENGLISH
from nec_cms.seeding import ensure_child, root_page, translate_with_localize
from ressources import demo
from ressources import seed as ressources_seed
from ressources.models import Audience, ResourceIndexPage, ResourcePage, ResourceType, Theme


def repair_child_counts():
    """Recount the children of the top of the tree (home pages and sections).

    Creating translations through wagtail-localize leaves a stale `numchild` on translated
    parents once the transaction commits (their children exist but treebeard believes they
    are leaves, so routing 404s). Counting the few pages near the top is cheap.
    """
    for page in Page.objects.filter(depth__in=(2, 3)):
        count = Page.objects.filter(path__startswith=page.path, depth=page.depth + 1).count()
        if page.numchild != count:
            Page.objects.filter(pk=page.pk).update(numchild=count)


class Command(BaseCommand):
    help = "Charge le contenu initial de Numérique en Commun[s] (sans rien écraser)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo",
            type=int,
            default=0,
            metavar="N",
            help="Ajoute N ressources d’exemple (marquées comme telles) à la bibliothèque.",
        )

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        with transaction.atomic():
            home = self.ensure_home()
            site = self.ensure_site(home)
            pages = self.ensure_pages(home)
            self.ensure_taxonomies(home.locale_id)
            self.ensure_navigation(site, home, pages)
            self.ensure_english(home, pages)
            if options["demo"] > 0:
                self.ensure_demo_resources(pages["ressources"], options["demo"])
        repair_child_counts()
        if self.verbosity:
            self.stdout.write(self.style.SUCCESS("Contenu NEC en place."))

    def log(self, message):
        if self.verbosity > 1:
            self.stdout.write(message)

    def ensure_home(self):
        root = root_page()
        home = HomePage.objects.child_of(root).filter(locale_id=root.locale_id).first()
        if home is not None:
            return home
        # A fresh Wagtail database holds a placeholder "Welcome" page at /: replace it.
        placeholder = root.get_children().filter(slug="home").exact_type(Page).first()
        if placeholder is not None and not placeholder.get_children().exists():
            placeholder.delete()
        fields = dict(seed.HOME)
        fields["activities"] = [("activity", {"title": text}) for text in fields["activities"]]
        fields["values"] = [("value", {"name": name}) for name in fields["values"]]
        home, _created = ensure_child(root, HomePage, "accueil", fields, self.log)
        return home

    def ensure_site(self, home):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name="Numérique en Commun[s]",
            )
        elif not isinstance(site.root_page.specific, HomePage):
            site.root_page = home
            site.site_name = site.site_name or "Numérique en Commun[s]"
            site.save()
        return site

    def ensure_pages(self, home):
        pages = {"": home}
        index, _ = ensure_child(
            home,
            EditionIndexPage,
            editions_seed.INDEX["slug"],
            {"title": editions_seed.INDEX["title"], "intro": editions_seed.INDEX["intro"]},
            self.log,
        )
        pages["editions"] = index
        # Oldest first, so that the newest edition ends up last in the tree order too.
        for edition in reversed(editions_seed.EDITIONS):
            ensure_child(
                index,
                EditionPage,
                edition["slug"],
                editions_seed.edition_fields(edition),
                self.log,
            )
        charter_fields = {
            "title": seed.CHARTER["title"],
            "intro": seed.CHARTER["intro"],
            "engagements": [
                ("engagement", {"title": title, "text": f"<p>{text}</p>"})
                for title, text in seed.CHARTER["engagements"]
            ],
        }
        pages["charte"], _ = ensure_child(
            home, CharterPage, seed.CHARTER["slug"], charter_fields, self.log
        )
        for legal in seed.LEGAL_PAGES:
            fields = {
                "title": legal["title"],
                "intro": legal["intro"],
                "facts": [
                    ("fact", {"label": label, "value": value}) for label, value in legal["facts"]
                ],
                "body": legal["body"],
            }
            pages[legal["slug"]], _ = ensure_child(home, LegalPage, legal["slug"], fields, self.log)
        pages["ressources"], _ = ensure_child(
            home,
            ResourceIndexPage,
            ressources_seed.LIBRARY["slug"],
            {"title": ressources_seed.LIBRARY["title"], "intro": ressources_seed.LIBRARY["intro"]},
            self.log,
        )
        pages["plan-du-site"], _ = ensure_child(
            home,
            SitemapPage,
            seed.SITEMAP["slug"],
            {"title": seed.SITEMAP["title"], "intro": seed.SITEMAP["intro"]},
            self.log,
        )
        return pages

    def ensure_navigation(self, site, home, pages):
        key_pages = KeyPages.for_site(site)
        chosen = {
            "editions_page": pages["editions"],
            "library_page": pages["ressources"],
            "sitemap_page": pages["plan-du-site"],
        }
        missing = [name for name in chosen if getattr(key_pages, f"{name}_id") is None]
        if missing:  # editors own these choices once made
            for name in missing:
                setattr(key_pages, name, chosen[name])
            key_pages.save()
        if Navigation.objects.filter(locale_id=home.locale_id).exists():
            return  # editors own the menus once they exist
        Navigation.objects.create(
            locale_id=home.locale_id,
            main_menu=[("item", {"page": pages[slug], "label": ""}) for slug in seed.MAIN_MENU],
            footer_links=[
                ("item", {"page": pages[slug], "label": label}) for slug, label in seed.FOOTER_LINKS
            ],
            footer_text=seed.FOOTER_TEXT,
        )

    def ensure_taxonomies(self, locale_id):
        for model, terms in (
            (Theme, ressources_seed.THEMES),
            (ResourceType, ressources_seed.TYPES),
            (Audience, ressources_seed.AUDIENCES),
        ):
            for slug, name in terms:
                model.objects.get_or_create(slug=slug, locale_id=locale_id, defaults={"name": name})

    def ensure_demo_resources(self, library, count):
        """Example resources exemple-000001 … up to `count`; existing ones are kept."""
        locale_id = library.locale_id
        themes = list(Theme.objects.filter(locale_id=locale_id))
        types = list(ResourceType.objects.filter(locale_id=locale_id))
        audiences = list(Audience.objects.filter(locale_id=locale_id))
        editions = list(EditionPage.objects.filter(locale_id=locale_id)) + [None, None]
        existing = set(
            ResourcePage.objects.child_of(library)
            .filter(slug__startswith="exemple-")
            .values_list("slug", flat=True)
        )
        created = 0
        for number in range(1, count + 1):
            fields = demo.example_resource(number)
            if fields["slug"] in existing:
                continue
            seed_value = fields.pop("rng_state")
            picked = {
                "themes": demo.pick(seed_value, themes, fields.pop("theme_count")),
                "resource_types": demo.pick(seed_value + 1, types, fields.pop("type_count")),
                "audiences": demo.pick(seed_value + 2, audiences, fields.pop("audience_count")),
            }
            fields["edition"] = demo.pick(seed_value + 3, editions, 1)[0]
            slug = fields.pop("slug")
            resource = ResourcePage(slug=slug, **fields)
            for relation, values in picked.items():
                setattr(resource, relation, values)
            library.add_child(instance=resource)
            resource.save_revision().publish()
            created += 1
        self.log(f"  + {created} ressource(s) d’exemple")

    def ensure_english(self, home, pages):
        """The seed in English, as wagtail-localize translations of the French pages and
        snippets (created once; translators own them afterwards)."""
        english, _ = Locale.objects.get_or_create(language_code="en")
        missing = []
        ordered = [home, pages["editions"], *pages["editions"].get_children().specific()]
        ordered += [page for slug, page in pages.items() if slug not in ("", "editions")]
        for page in ordered:
            _translated, gaps = translate_with_localize(page, english, ENGLISH)
            missing += gaps
        for model in (Theme, ResourceType, Audience, Navigation):
            for instance in model.objects.filter(locale_id=home.locale_id):
                _translated, gaps = translate_with_localize(instance, english, ENGLISH)
                missing += gaps
        self.missing_english = missing
        self.ensure_translator_rights()
        if missing and self.verbosity > 1:
            self.stdout.write("Untranslated seed strings:\n" + "\n".join(sorted(set(missing))))

    def ensure_translator_rights(self):
        """Traducteurs edit and publish the translated trees, never the French source."""
        translators = Group.objects.filter(name="Traducteurs").first()
        if translators is None:
            return
        permissions = Permission.objects.filter(
            content_type__app_label="wagtailcore",
            codename__in=["add_page", "change_page", "publish_page"],
        )
        for home in HomePage.objects.exclude(locale__language_code=settings.LANGUAGE_CODE):
            for permission in permissions:
                GroupPagePermission.objects.get_or_create(
                    group=translators, page=home, permission=permission
                )
