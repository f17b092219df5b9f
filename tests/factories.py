"""Factories and lookups shared by the tests: one place to build pages and users."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from editions.models import EditionIndexPage, EditionPage
from home.models import HomePage


def home_page():
    return HomePage.objects.get(locale__language_code="fr")


def edition_index():
    return EditionIndexPage.objects.get(locale__language_code="fr")


def make_edition(year, city, figures=(), publish=True, **extra):
    """Add an edition under the French edition index and publish it."""
    index = edition_index()
    page = EditionPage(
        title=f"Édition {year} — {city}",
        slug=f"{year}-{city.lower().replace(' ', '-')}",
        year=year,
        city=city,
        figures=[("figure", {"kind": k, "value": v, "label": ""}) for k, v in figures],
        live=publish,
        **extra,
    )
    index.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


def make_user(username, group_names=(), superuser=False, password="correct-horse-battery-9"):
    User = get_user_model()
    if superuser:
        user = User.objects.create_superuser(username, f"{username}@example.invalid", password)
    else:
        user = User.objects.create_user(username, f"{username}@example.invalid", password)
    for name in group_names:
        user.groups.add(Group.objects.get(name=name))
    return user


def library_page():
    from ressources.models import ResourceIndexPage

    return ResourceIndexPage.objects.get(locale__language_code="fr")


def make_resource(
    title,
    excerpt="Une ressource de test.",
    body="",
    themes=("inclusion-numerique",),
    types=("guide",),
    audiences=(),
    publish=True,
    parent=None,
    **fields,
):
    """A resource under the French library, published unless `publish=False`."""
    from django.utils.text import slugify

    from ressources.models import Audience, ResourcePage, ResourceType, Theme

    parent = parent or library_page()
    locale_id = parent.locale_id
    page = ResourcePage(
        title=title,
        slug=fields.pop("slug", slugify(title)[:80]),
        excerpt=excerpt,
        authors=fields.pop("authors", "Équipe NEC"),
        body=[("paragraph", f"<p>{body}</p>")] if body else [],
        live=publish,
        **fields,
    )
    page.themes = list(Theme.objects.filter(locale_id=locale_id, slug__in=themes))
    page.resource_types = list(ResourceType.objects.filter(locale_id=locale_id, slug__in=types))
    page.audiences = list(Audience.objects.filter(locale_id=locale_id, slug__in=audiences))
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


def agenda_index(language="fr"):
    from agenda.models import EventIndexPage

    return EventIndexPage.objects.get(locale__language_code=language)


def local_nec_index(language="fr"):
    from agenda.models import LocalNecIndexPage

    return LocalNecIndexPage.objects.get(locale__language_code=language)


def make_event(title, start_date, *, local=False, parent=None, publish=True, **fields):
    """An agenda event (or a local NEC with `local=True`) under the French list, in person
    in Lyon unless told otherwise, published unless `publish=False`."""
    from django.utils.text import slugify

    from agenda.models import EventPage, LocalNecPage

    model = LocalNecPage if local else EventPage
    parent = parent or (local_nec_index() if local else agenda_index())
    defaults = {"commune": "Lyon", "region": "84", "departments": ["69"]}
    if local:
        defaults["organisers"] = "Hub Auvergne-Rhône-Alpes"
    if fields.get("format") == "online":
        defaults = {"online_url": "https://visio.example.org/test"}
    page = model(
        title=title,
        slug=fields.pop("slug", slugify(title)[:80]),
        start_date=start_date,
        live=publish,
        **{**defaults, **fields},
    )
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


def translate_page(page, language="en", **changes):
    """The page's translation into `language` under its parent's translation, published."""
    from wagtail.models import Locale

    translated = page.copy_for_translation(Locale.objects.get(language_code=language))
    for name, value in changes.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated


def speaker_index():
    """The French speakers' index (the seed's), made if a test database lacks it."""
    from editions.models import SpeakerIndexPage

    index = SpeakerIndexPage.objects.filter(locale__language_code="fr").first()
    if index is None:
        index = SpeakerIndexPage(title="Intervenantes et intervenants", slug="intervenants")
        home_page().add_child(instance=index)
    return index


def slug_of(text):
    import re
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def make_speaker(name, *, bio="", consent=False, email="", **fields):
    """A published speaker page; `consent` dates the person's agreement."""
    import datetime

    from editions.models import SpeakerPage

    page = SpeakerPage(
        title=name,
        slug=slug_of(name),
        bio=bio,
        consent=consent,
        consent_date=datetime.date(2031, 9, 1) if consent else None,
        email=email,
        **fields,
    )
    speaker_index().add_child(instance=page)
    page.save_revision().publish()
    return page


def make_programme(edition, title="Programme"):
    """The edition's programme page (the seed's when it has one), published."""
    from editions.models import ProgrammePage

    existing = ProgrammePage.objects.child_of(edition).first()
    if existing is not None:
        return existing
    page = ProgrammePage(title=title, slug="programme", intro="<p>Trois jours de communs.</p>")
    edition.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_session(programme, title, people=(), *, publish=True, themes=(), **fields):
    """A session of `programme` with `people` on stage (speakers), published unless told.

    Publishing obeys the parity rule: two or more people need declarations (or an
    attestation) first."""
    import datetime

    from editions.models import SessionPage
    from ressources.models import Theme

    session = SessionPage(
        title=title,
        slug=fields.pop("slug", slug_of(title)),
        format=fields.pop("format", "workshop"),
        date=fields.pop("date", datetime.date(2031, 11, 13)),
        start_time=fields.pop("start_time", datetime.time(10)),
        end_time=fields.pop("end_time", datetime.time(11)),
        room=fields.pop("room", "Salle 1"),
        intro=fields.pop("intro", f"<p>Résumé de « {title} ».</p>"),
        live=False,
        **fields,
    )
    session.themes = list(Theme.objects.filter(locale__language_code="fr", slug__in=themes))
    for speaker in people:
        session.speakers.add(session.speakers.model(speaker=speaker, role="speaker"))
    programme.add_child(instance=session)
    revision = session.save_revision()
    if publish:
        revision.publish()
    return session
