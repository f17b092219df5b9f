"""Example local NECs and events for development, tests, browser gates and benchmarks: spread
over every region (overseas included), kinds, formats and time zones, past and upcoming,
some postponed or cancelled. Always flagged `is_example` and titled « (exemple n°…) ».

Dates count from the day they are loaded, so that a fresh database always has events to
come and events gone by.
"""

import datetime

from agenda.choices import AccessibilityFeature, EventKind, EventStatus
from agenda.models import EventPage, LocalNecPage
from agenda.territories import REGIONS
from nec_cms.seeding import Ref, SeedPage, Text

# Never more than this many of each kind, whatever the number of example resources asked.
MAX_EXAMPLES = 30

# A commune per region, with its department and postcode: (commune, department, postcode).
PLACES = {
    "01": ("Pointe-à-Pitre", "971", "97110"),
    "02": ("Fort-de-France", "972", "97200"),
    "03": ("Cayenne", "973", "97300"),
    "04": ("Saint-Denis", "974", "97400"),
    "06": ("Mamoudzou", "976", "97600"),
    "11": ("Paris", "75", "75011"),
    "24": ("Orléans", "45", "45000"),
    "27": ("Dijon", "21", "21000"),
    "28": ("Rouen", "76", "76000"),
    "32": ("Lille", "59", "59000"),
    "44": ("Strasbourg", "67", "67000"),
    "52": ("Nantes", "44", "44000"),
    "53": ("Rennes", "35", "35000"),
    "75": ("Bordeaux", "33", "33000"),
    "76": ("Toulouse", "31", "31000"),
    "84": ("Lyon", "69", "69003"),
    "93": ("Marseille", "13", "13001"),
    "94": ("Ajaccio", "2A", "20000"),
}
VENUES = [
    Text("Médiathèque centrale", "Central library"),
    Text("Tiers-lieu de la gare", "Station third place"),
    Text("Hôtel de région", "Regional council building"),
    Text("Maison des associations", "Community centre"),
]
SUBJECTS = [
    Text("la médiation numérique", "digital mediation"),
    Text("les communs numériques", "digital commons"),
    Text("la sobriété numérique", "digital sobriety"),
    Text("l’accessibilité des services publics", "accessible public services"),
    Text("les données ouvertes des territoires", "open data in local areas"),
]
THEMES = [
    "ressources:theme:mediation-competences",
    "ressources:theme:communs-souverainete",
    "ressources:theme:ecologie-soutenabilite",
    "ressources:theme:inclusion-numerique",
    "ressources:theme:donnees-territoires",
]
AUDIENCES = [
    "ressources:audience:mediateurs-numeriques",
    "ressources:audience:collectivites",
    "ressources:audience:associations",
    "ressources:audience:elus",
]
FORMATS = ["in_person", "online", "hybrid"]
KIND_NAMES = {
    EventKind.MEETUP: Text("Rencontre", "Meetup"),
    EventKind.WORKSHOP: Text("Atelier", "Workshop"),
    EventKind.WEBINAR: Text("Webinaire", "Webinar"),
}
FEATURES = [choice.value for choice in AccessibilityFeature]


def status_of(number, upcoming):
    if number % 7 == 3:
        return EventStatus.CANCELLED
    if number % 11 == 5:
        return EventStatus.POSTPONED
    return EventStatus.ANNOUNCED if upcoming and number % 2 else EventStatus.CONFIRMED


def place_fields(region, in_person, number):
    if not in_person:
        return {"region": region.code if number % 2 else ""}
    commune, department, postcode = PLACES[region.code]
    return {
        "venue": VENUES[number % len(VENUES)],
        "address": f"{number} rue de la République",
        "postcode": postcode,
        "commune": commune,
        "region": region.code,
        "departments": [department],
    }


def schedule_fields(number, today, with_times):
    # Spread over about a year before and after the day of loading.
    offset = (number * 37) % 420 - 210
    start = today + datetime.timedelta(days=offset)
    fields = {"start_date": start}
    if number % 3 == 0:
        fields["end_date"] = start + datetime.timedelta(days=1)
    elif with_times:
        fields["start_time"] = datetime.time(9 + number % 6, 30)
        fields["end_time"] = datetime.time(11 + number % 6, 0)
    return fields, offset >= 0


def local_nec(number, parent, today):
    region = REGIONS[(number * 5) % len(REGIONS)]
    subject = SUBJECTS[number % len(SUBJECTS)]
    when, upcoming = schedule_fields(number, today, with_times=number % 2 == 0)
    return SeedPage(
        key=f"agenda:example-local-nec:{number:04d}",
        model=LocalNecPage,
        parent=parent,
        fields={
            "slug": Text(f"exemple-nec-local-{number}", f"example-local-nec-{number}"),
            "title": Text(
                f"NEC {region.name} (exemple n°{number})",
                f"NEC {region.name} (example no. {number})",
            ),
            "intro": Text(
                f"<p>Une journée d’échanges sur {subject.fr} avec les acteurs du territoire.</p>",
                f"<p>A day of discussions on {subject.en} with local stakeholders.</p>",
            ),
            **when,
            "status": status_of(number, upcoming),
            "format": "hybrid" if number % 4 == 0 else "in_person",
            "online_url": f"https://visio.example.org/nec-{number}" if number % 4 == 0 else "",
            **place_fields(region, True, number),
            "organisers": Text(
                f"Hub du numérique {region.name} (exemple)",
                f"{region.name} digital hub (example)",
            ),
            "themes": [Ref(THEMES[number % len(THEMES)])],
            "accessibility": FEATURES[: number % (len(FEATURES) + 1)],
            "is_example": True,
        },
    )


def event(number, parent, today):
    region = REGIONS[(number * 7 + 3) % len(REGIONS)]
    kind = list(EventKind)[number % len(EventKind)]
    event_format = "online" if kind == EventKind.WEBINAR else FORMATS[number % len(FORMATS)]
    in_person = event_format != "online"
    subject = SUBJECTS[(number + 2) % len(SUBJECTS)]
    when, upcoming = schedule_fields(number + 1, today, with_times=True)
    return SeedPage(
        key=f"agenda:example-event:{number:04d}",
        model=EventPage,
        parent=parent,
        fields={
            "slug": Text(f"exemple-evenement-{number}", f"example-event-{number}"),
            "title": Text(
                f"{KIND_NAMES[kind].fr} : {subject.fr} (exemple n°{number})",
                f"{KIND_NAMES[kind].en}: {subject.en} (example no. {number})",
            ),
            "intro": Text(
                f"<p>Un temps d’échange sur {subject.fr}, ouvert à toutes et à tous.</p>",
                f"<p>A discussion on {subject.en}, open to everyone.</p>",
            ),
            "kind": kind.value,
            **when,
            "status": status_of(number, upcoming),
            "format": event_format,
            "online_url": "" if in_person else f"https://visio.example.org/agenda-{number}",
            "registration_url": f"https://inscriptions.example.org/agenda-{number}",
            **place_fields(region, in_person, number),
            "themes": [Ref(THEMES[(number + 1) % len(THEMES)])],
            "audiences": [Ref(AUDIENCES[number % len(AUDIENCES)])],
            "accessibility": FEATURES[number % 3 : number % 3 + 2],
            "is_example": True,
        },
    )


def examples(count, local_necs_key, agenda_key):
    today = datetime.date.today()
    count = min(count, MAX_EXAMPLES)
    return [
        *(local_nec(number, local_necs_key, today) for number in range(1, count + 1)),
        *(event(number, agenda_key, today) for number in range(1, count + 1)),
    ]
