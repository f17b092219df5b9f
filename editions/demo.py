"""Example programmes for development, tests and the browser gates: the two most recent
editions get sessions over two days and several rooms, in every format, with the people on
stage (some consented to their bio being published, some did not), replays with their
transcript, sessions not to be recorded, and gender declarations such that every session
obeys charter engagement n°2, one of them through a moderator's attestation.

Sessions and speakers are always flagged `is_example` and titled « (exemple n°…) »; their
seed keys start with `editions:example-`. The dates, rooms and people are invented.

Declarations and the attestation are rows loaded before the sessions, because publishing a
session applies the parity rule (SessionPage.save()). Their keys are fixed: sessions and
speakers get translation keys derived from their seed key, so the attestation can name a
session and its line-up before either exists.
"""

import datetime
import uuid
from dataclasses import dataclass

from django.utils.text import slugify

from editions import parity
from editions.choices import GenderAnswer, SessionFormat, SessionLanguage, SpeakerRole
from editions.models import GenderDeclaration, ParityAttestation, SessionPage, SpeakerPage
from nec_cms.seeding import Ref, SeedPage, SeedRow, Text

# Never more than this many sessions per edition, whatever the number of examples asked.
MAX_EXAMPLES = 30

ATTESTED_BY = "Exemple — modération"
REPLAY_HOST = "https://video.numerique-en-communs.fr"
TRANSLATION_KEYS = uuid.UUID("0b6f3c52-8f0e-4c1b-9a8e-2f4d7c9e1a35")

FORMAT_NAMES = {
    SessionFormat.PLENARY: Text("Plénière", "Plenary"),
    SessionFormat.ROUND_TABLE: Text("Table ronde", "Round table"),
    SessionFormat.WORKSHOP: Text("Atelier", "Workshop"),
    SessionFormat.MASTERCLASS: Text("Masterclass", "Masterclass"),
    SessionFormat.PITCH: Text("Pitch", "Pitch"),
    SessionFormat.FEEDBACK: Text("Retour d’expérience", "Lessons learned"),
}
FORMATS = list(FORMAT_NAMES)
# Minutes on stage; every slot below leaves at least 105 minutes.
DURATIONS = {
    SessionFormat.PLENARY: 60,
    SessionFormat.ROUND_TABLE: 75,
    SessionFormat.WORKSHOP: 90,
    SessionFormat.MASTERCLASS: 60,
    SessionFormat.PITCH: 30,
    SessionFormat.FEEDBACK: 45,
}
SLOTS = [(9, 30), (11, 15), (14, 0), (15, 45), (17, 30)]
ROOMS = [
    Text("Grand amphithéâtre", "Main auditorium"),
    Text("Salle des communs", "Commons room"),
    Text("Atelier 1", "Workshop room 1"),
    Text("Salon des territoires", "Regions lounge"),
]
SUBJECTS = [
    Text("la médiation numérique", "digital mediation"),
    Text("les communs numériques", "digital commons"),
    Text("la sobriété numérique", "digital sobriety"),
    Text("l’accessibilité des services publics", "accessible public services"),
    Text("les données ouvertes des territoires", "open data in local areas"),
    Text("les tiers-lieux numériques", "digital third places"),
    Text("les logiciels libres dans l’administration", "free software in public administration"),
]
THEMES = [
    "ressources:theme:mediation-competences",
    "ressources:theme:communs-souverainete",
    "ressources:theme:ecologie-soutenabilite",
    "ressources:theme:inclusion-numerique",
    "ressources:theme:donnees-territoires",
    "ressources:theme:ethique-emancipation",
]
AUDIENCES = [
    "ressources:audience:mediateurs-numeriques",
    "ressources:audience:collectivites",
    "ressources:audience:associations",
    "ressources:audience:elus",
    "ressources:audience:agents-publics",
]
LICENCES = ["cc-by-sa-4.0", "cc-by-4.0", "etalab-2.0"]

# Epicene first names: a name says nothing of anyone's gender, only a declaration does.
FIRST_NAMES = [
    "Camille", "Dominique", "Claude", "Alix", "Sacha", "Charlie", "Morgan", "Eden",
    "Maxime", "Lou", "Andrea", "Noa", "Ange", "Gwen", "Yael", "Sasha",
]  # fmt: skip
LAST_NAMES = ["Martin", "Bernard", "Lefèvre", "Moreau", "Garnier", "Nguyen", "Diallo"]
ORGANISATIONS = [
    "Hub numérique Exemple",
    "Association Médiation pour tous (exemple)",
    "Ville d’Exempleville",
    "Coopérative des communs (exemple)",
    "Tiers-lieu La Fabrique (exemple)",
    "Département d’Exemple",
]
JOB_TITLES = [
    Text("Responsable de la médiation numérique", "Head of digital mediation"),
    Text("Responsable de projet", "Project lead"),
    Text("Membre du conseil d’administration", "Board member"),
    Text("Responsable d’un tiers-lieu", "Third-place manager"),
    Text("Chargé·e de mission numérique responsable", "Sustainable digital officer"),
]
# What each person declared, in turn; "" is nobody asked or nobody answered. The people who
# open a panel are among those who declared « femme » or « autre identité ».
ANSWERS = [
    GenderAnswer.WOMAN, GenderAnswer.MAN, GenderAnswer.WOMAN, "",
    GenderAnswer.MAN, GenderAnswer.WOMAN, GenderAnswer.DECLINED, GenderAnswer.MAN,
    GenderAnswer.OTHER, GenderAnswer.MAN, GenderAnswer.WOMAN, "",
]  # fmt: skip
PEOPLE = 48
OPENERS = [
    person
    for person in range(PEOPLE)
    if ANSWERS[person % len(ANSWERS)] in (GenderAnswer.WOMAN, GenderAnswer.OTHER)
]
# The line-up that needed an attestation: a man and someone who did not answer.
ATTESTED_LINEUP = [1, 3]


def translation_key(key):
    return uuid.uuid5(TRANSLATION_KEYS, key)


def speaker_key(person):
    return f"editions:example-speaker:{person + 1:03d}"


def session_key(year, number):
    return f"editions:example-session:{year}:{number:02d}"


def answer_of(person):
    return ANSWERS[person % len(ANSWERS)]


@dataclass
class Session:
    """Where one example session sits and who is on stage: (person, role) pairs."""

    number: int
    format: str
    day: int
    slot: tuple
    room: Text
    people: list


def size_of(session_format, number):
    """How many people are on stage, between 1 and 4."""
    return {
        SessionFormat.PLENARY: 1 + number % 2,
        SessionFormat.ROUND_TABLE: 3 + number % 2,
        SessionFormat.WORKSHOP: 2,
        SessionFormat.MASTERCLASS: 1,
        SessionFormat.PITCH: 1 + number % 2,
        SessionFormat.FEEDBACK: 2 + number % 2,
    }[session_format]


def roles_of(session_format, size):
    roles = [SpeakerRole.SPEAKER] * size
    if size > 1 and session_format in (SessionFormat.ROUND_TABLE, SessionFormat.WORKSHOP):
        roles[-1] = SpeakerRole.FACILITATOR
    elif size > 1:
        roles[-1] = SpeakerRole.WITNESS
    return roles


def programme(count, position):
    """The sessions of the `position`-th edition (0: the most recent): formats in turn,
    alternating days, rooms then slots; people taken in turn from the pool, so that the
    editions share some of them."""
    rooms = ROOMS[: 4 - position % 2]  # 4 rooms, then 3
    cursor = position * 17
    opener = position * 5
    sessions = []
    for index in range(count):
        number = index + 1
        session_format = FORMATS[index % len(FORMATS)]
        size = size_of(session_format, number)
        if position == 0 and number == 2:
            people = list(ATTESTED_LINEUP)
        else:
            people = []
            if size > 1:
                people.append(OPENERS[opener % len(OPENERS)])
                opener += 1
            while len(people) < size:
                person = cursor % PEOPLE
                cursor += 1
                if person not in people:
                    people.append(person)
        within_day = index // 2
        sessions.append(
            Session(
                number=number,
                format=session_format,
                day=index % 2,
                slot=SLOTS[within_day // len(rooms)],
                room=rooms[within_day % len(rooms)],
                people=list(zip(people, roles_of(session_format, len(people)), strict=True)),
            )
        )
    return sessions


def speaker(person, parent):
    first = FIRST_NAMES[person % len(FIRST_NAMES)]
    last = LAST_NAMES[(person * 3) % len(LAST_NAMES)]
    name = f"{first} {last}"
    number = person + 1
    slug = slugify(name)
    consent = person % 3 != 2
    job = JOB_TITLES[person % len(JOB_TITLES)]
    organisation = ORGANISATIONS[person % len(ORGANISATIONS)]
    fields = {
        "slug": Text(f"{slug}-exemple-{number}", f"{slug}-example-{number}"),
        "title": Text(f"{name} (exemple n°{number})", f"{name} (example no. {number})"),
        "translation_key": translation_key(speaker_key(person)),
        "organisation": organisation,
        "job_title": job,
        "email": f"intervenant-exemple-{number}@example.org",
        "is_example": True,
        "consent": consent,
        "consent_date": datetime.date(2023, 9, 1) + datetime.timedelta(days=person)
        if consent
        else None,
    }
    if consent:
        subject = SUBJECTS[person % len(SUBJECTS)]
        fields["bio"] = Text(
            f"<p>{name} travaille sur {subject.fr} au sein de {organisation} et partage ses "
            "retours de terrain avec la communauté Numérique en Commun[s].</p>",
            f"<p>{name} works on {subject.en} at {organisation} and shares field experience "
            "with the Numérique en Commun[s] community.</p>",
        )
        if person % 2 == 0:
            fields["website"] = f"https://example.org/{slug}"
        if person % 4 == 1:
            fields["mastodon"] = f"https://mastodon.example.org/@{slug}"
    return SeedPage(key=speaker_key(person), model=SpeakerPage, parent=parent, fields=fields)


def declaration(person, edition_key, year):
    return SeedRow(
        key=f"editions:example-declaration:{year}:{person + 1:03d}",
        model=GenderDeclaration,
        fields={
            "speaker": Ref(speaker_key(person)),
            "edition": Ref(edition_key),
            "answer": answer_of(person),
        },
    )


def attestation(people, year, number):
    return SeedRow(
        key=f"editions:example-attestation:{year}:{number:02d}",
        model=ParityAttestation,
        fields={
            "session_key": translation_key(session_key(year, number)),
            "lineup": parity.lineup_key(translation_key(speaker_key(p)) for p in people),
            "attested_by_name": ATTESTED_BY,
        },
    )


def transcript(subject):
    return Text(
        f"<p><b>Animation :</b> Bonjour à toutes et à tous, et bienvenue dans cette session "
        f"consacrée à {subject.fr}.</p>"
        "<p><b>Intervention :</b> Merci. Je vais partir de ce que nous avons appris sur le "
        "terrain, avec les structures qui accompagnent les habitants au quotidien.</p>"
        "<p><b>Animation :</b> Merci à toutes et à tous, la rediffusion reste en ligne.</p>",
        f"<p><b>Facilitator:</b> Hello everyone, and welcome to this session on {subject.en}."
        "</p>"
        "<p><b>Speaker:</b> Thank you. I will start from what we learned in the field, with "
        "the organisations that support residents every day.</p>"
        "<p><b>Facilitator:</b> Thank you all, the replay stays online.</p>",
    )


def session_page(session, edition_key, year, days, after):
    number = session.number
    key = session_key(year, number)
    subject = SUBJECTS[(number + year) % len(SUBJECTS)]
    name = FORMAT_NAMES[session.format]
    start = datetime.time(*session.slot)
    end = (
        datetime.datetime.combine(days[session.day], start)
        + datetime.timedelta(minutes=DURATIONS[session.format])
    ).time()
    do_not_record = number % 5 == 4
    fields = {
        "slug": Text(f"exemple-session-{number}", f"example-session-{number}"),
        "title": Text(
            f"{name.fr} : {subject.fr} (exemple n°{number})",
            f"{name.en}: {subject.en} (example no. {number})",
        ),
        "translation_key": translation_key(key),
        "intro": Text(
            f"<p>Comment faire avancer {subject.fr} dans les territoires ? Cette session "
            "croise les expériences de celles et ceux qui s’y consacrent.</p>",
            f"<p>How can {subject.en} move forward across the country? This session brings "
            "together the experience of the people working on it.</p>",
        ),
        "format": session.format,
        "language": SessionLanguage.EN
        if session.format == SessionFormat.MASTERCLASS
        else SessionLanguage.FR,
        "date": days[session.day],
        "start_time": start,
        "end_time": end,
        "room": session.room,
        "themes": [Ref(THEMES[number % len(THEMES)]), Ref(THEMES[(number + 2) % len(THEMES)])],
        "audiences": [Ref(AUDIENCES[number % len(AUDIENCES)])],
        "sign_language": session.format == SessionFormat.PLENARY or number % 5 == 0,
        "live_captions": session.format in (SessionFormat.PLENARY, SessionFormat.ROUND_TABLE),
        "do_not_record": do_not_record,
        "is_example": True,
        "speakers": [
            {"speaker": Ref(speaker_key(person)), "role": role, "sort_order": position}
            for position, (person, role) in enumerate(session.people)
        ],
    }
    if not do_not_record and number % 3 != 2:
        fields.update(
            replay_url=f"{REPLAY_HOST}/{year}/exemple-session-{number}",
            replay_duration=DURATIONS[session.format] - 5,
            replay_licence=LICENCES[number % len(LICENCES)],
            transcript=transcript(subject),
        )
    return SeedPage(
        key=key,
        model=SessionPage,
        parent=f"{edition_key}:programme",
        after=after,
        fields=fields,
    )


def examples(count, editions, speakers_key):
    """Example sessions of `editions` [(edition key, year)], newest first, their speakers
    under the page `speakers_key`, and what the parity rule needs before they go live."""
    count = min(count, MAX_EXAMPLES)
    programmes = [programme(count, position) for position in range(len(editions))]
    people = sorted(
        {person for sessions in programmes for session in sessions for person, _ in session.people}
    )
    items = [speaker(person, speakers_key) for person in people]
    for (edition_key, year), sessions in zip(editions, programmes, strict=True):
        # Example days, not the real ones.
        days = [datetime.date(year, 11, 16), datetime.date(year, 11, 17)]
        on_stage = sorted({person for session in sessions for person, _ in session.people})
        rows = [declaration(person, edition_key, year) for person in on_stage if answer_of(person)]
        for session in sessions:
            lineup = [person for person, _ in session.people]
            answers = [answer_of(person) for person in lineup]
            if parity.judge(answers) == parity.NEEDS_ATTESTATION:
                rows.append(attestation(lineup, year, session.number))
        items += rows
        after = tuple(row.key for row in rows)
        items += [session_page(session, edition_key, year, days, after) for session in sessions]
    return items
