"""The agenda's and the local NECs' pages, and the call for organisers with its form, in
French and English side by side. The seed names no event: events are never invented here
(`examples(count)` adds flagged ones for development, agenda.demo)."""

from agenda import demo
from agenda.models import EventIndexPage, LocalNecIndexPage, OrganiserFormPage
from nec_cms.seeding import SeedPage, Text

LOCAL_NECS = SeedPage(
    key="agenda:local-necs",
    model=LocalNecIndexPage,
    parent="home:home",
    fields={
        "slug": Text("nec-locaux", "local-necs"),
        "title": Text("NEC locaux", "Local NECs"),
        "intro": Text(
            "<p>Numérique en Commun[s] soutient l’émergence de NEC locaux : des déclinaisons "
            "de la démarche que les territoires organisent pour rassembler leurs acteurs du "
            "numérique d’intérêt général.</p>",
            "<p>Numérique en Commun[s] supports the emergence of local NECs: local editions "
            "that territories organise to bring together their public-interest digital "
            "community.</p>",
        ),
    },
)

AGENDA = SeedPage(
    key="agenda:events",
    model=EventIndexPage,
    parent="home:home",
    fields={
        "slug": Text("agenda", "events"),
        "title": Text("Agenda", "Events"),
        "intro": Text(
            "<p>Les rencontres et ateliers de Numérique en Commun[s], en ligne et en "
            "présentiel, autour de la programmation NEC.</p>",
            "<p>Numérique en Commun[s] meetups and workshops, online and in person, around "
            "the NEC programme.</p>",
        ),
    },
)


def question(label, field_type, required=True, help_text="", autocomplete=""):
    return {
        "label": label,
        "field_type": field_type,
        "required": required,
        "help_text": help_text,
        "autocomplete": autocomplete,
    }


ORGANISERS = SeedPage(
    key="agenda:organisers",
    model=OrganiserFormPage,
    parent=LOCAL_NECS.key,
    fields={
        "slug": Text("organiser-un-nec-local", "organise-a-local-nec"),
        "title": Text("Organiser un NEC local", "Organise a local NEC"),
        "intro": Text(
            "<p>Votre territoire souhaite réunir ses acteurs du numérique d’intérêt général ? "
            "Proposez un NEC local : l’équipe nationale vous accompagne.</p>",
            "<p>Would your area like to bring its public-interest digital community "
            "together? Propose a local NEC: the national team will support you.</p>",
        ),
        "body": [
            (
                "heading",
                {"text": Text("Ce qui fait un NEC local", "What makes a local NEC"), "level": "h2"},
            ),
            (
                "paragraph",
                Text(
                    "<p>Un NEC local respecte la charte de Numérique en Commun[s] : il est "
                    "gratuit, ouvert à toutes et à tous, sa programmation tend vers la parité "
                    "et il s’organise de façon durable.</p>",
                    "<p>A local NEC follows the Numérique en Commun[s] charter: it is free, "
                    "open to everyone, its programme aims for gender parity and it is "
                    "organised sustainably.</p>",
                ),
            ),
        ],
        "form_fields": [
            question(
                Text("Organisation", "Organisation"), "singleline", autocomplete="organization"
            ),
            question(
                Text("Territoire", "Area"),
                "singleline",
                help_text=Text(
                    "La commune, le département ou la région du NEC local.",
                    "The municipality, department or region of the local NEC.",
                ),
            ),
            question(
                Text("Dates envisagées", "Planned dates"),
                "singleline",
                help_text=Text(
                    "Par exemple : 12 et 13 octobre.", "For example: 12 and 13 October."
                ),
            ),
            question(
                Text("Nom de la personne à contacter", "Contact name"),
                "singleline",
                autocomplete="name",
            ),
            question(
                Text("Adresse électronique", "Email address"),
                "email",
                help_text=Text(
                    "Format attendu : nom@exemple.fr", "Expected format: name@example.org"
                ),
            ),
            question(
                Text("Votre projet en quelques lignes", "Your project in a few lines"),
                "multiline",
                required=False,
            ),
        ],
        "consent_text": Text(
            "<p>Vos réponses sont lues par l’équipe nationale de Numérique en Commun[s] "
            "(ANCT, programme Société Numérique) pour vous recontacter au sujet de votre "
            "proposition, et supprimées au plus tard un an après. Pour les consulter ou les "
            "faire supprimer, écrivez-nous : voir la page « Données personnelles ».</p>",
            "<p>Your answers are read by the Numérique en Commun[s] national team (ANCT, "
            "Société Numérique programme) to contact you about your proposal, and deleted "
            "after a year at most. To see them or have them deleted, write to us: see the "
            "« Personal data » page.</p>",
        ),
        "thank_you_text": Text(
            "<p>L’équipe nationale revient vers vous rapidement.</p>",
            "<p>The national team will get back to you shortly.</p>",
        ),
        "subject": Text("Nouvelle proposition de NEC local", "New local NEC proposal"),
    },
)

SEED = [LOCAL_NECS, AGENDA, ORGANISERS]


def examples(count):
    """Flagged example local NECs and events, across regions, kinds, formats and time zones,
    past, upcoming and cancelled: for development, tests and benchmarks."""
    return demo.examples(count, LOCAL_NECS.key, AGENDA.key)
