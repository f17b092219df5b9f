"""Load the NEC seed content: home « La démarche », editions, charter, legal pages, site map
and navigation. Idempotent: creates what is missing, never overwrites, never duplicates."""

from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Page, Site

from editions import seed as editions_seed
from editions.models import EditionIndexPage, EditionPage
from home import seed
from home.models import CharterPage, HomePage, LegalPage, NavigationSettings, SitemapPage
from nec_cms.seeding import ensure_child, root_page


class Command(BaseCommand):
    help = "Charge le contenu initial de Numérique en Commun[s] (sans rien écraser)."

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        with transaction.atomic():
            home = self.ensure_home()
            site = self.ensure_site(home)
            pages = self.ensure_pages(home)
            self.ensure_navigation(site, home, pages)
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
        pages["plan-du-site"], _ = ensure_child(
            home,
            SitemapPage,
            seed.SITEMAP["slug"],
            {"title": seed.SITEMAP["title"], "intro": seed.SITEMAP["intro"]},
            self.log,
        )
        return pages

    def ensure_navigation(self, site, home, pages):
        if NavigationSettings.objects.filter(site=site).exists():
            return  # editors own the menus once they exist
        NavigationSettings.objects.create(
            site=site,
            main_menu=[("item", {"page": pages[slug], "label": ""}) for slug in seed.MAIN_MENU],
            footer_links=[
                ("item", {"page": pages[slug], "label": label}) for slug, label in seed.FOOTER_LINKS
            ],
            footer_text=seed.FOOTER_TEXT,
        )
