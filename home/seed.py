"""The seed content of « La démarche », the charter, the legal pages, the site map and the
menus, in French and English side by side.

Copied from the programme's source text (a text file kept outside the site) so the site
never reads it at run time. The seed repeats engagement n°5: it is kept once here. Where the
law needs a fact the seed lacks, the value is left empty and the page shows « À compléter ».
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from home.models import CharterPage, HomePage, LegalPage, SitemapPage
from nec_cms.models import KeyPages, Navigation
from nec_cms.seeding import Ref, SeedPage, SeedSetting, SeedSnippet, Text

TO_COMPLETE = ""  # an empty value renders « À compléter » for editors to fill in

HOME = SeedPage(
    key="home:home",
    model=HomePage,
    parent=None,
    site_root=True,
    fields={
        "slug": Text("accueil", "home"),
        "title": Text("La démarche", "Our approach"),
        "seo_title": Text(
            "Numérique en Commun[s] — la démarche", "Numérique en Commun[s] — our approach"
        ),
        "search_description": Text(
            "Numérique en Commun[s] construit un numérique d’intérêt général : ouvert, "
            "inclusif, accessible, durable, souverain et éthique.",
            "Numérique en Commun[s] builds digital technology in the public interest: open, "
            "inclusive, accessible, sustainable, sovereign and ethical.",
        ),
        "intro": Text(
            "<p>À l’initiative de l’Agence Nationale de la Cohésion des Territoires, Numérique "
            "en Commun[s] est la démarche qui permet de construire un numérique d’intérêt "
            "général : ouvert, inclusif, accessible, durable, souverain et éthique.</p>"
            "<p>Aujourd’hui, chacun et chacune doit pouvoir trouver sa juste place dans les "
            "propositions offertes par le programme de NEC : les nouveaux acteurs comme les "
            "acteurs historiques du numérique d’intérêt général, les « expert·e·s » comme les "
            "débutant·e·s.</p>"
            "<p>La démarche cherche à mobiliser l’ensemble des professionnels, pour qu’ils "
            "puissent s’acculturer aux thématiques, s’outiller sur un sujet spécifique, "
            "découvrir l’écosystème et ses acteurs, rencontrer la communauté ou contribuer "
            "activement à la création de ressources et d’outils. Plusieurs temps permettent de "
            "mobiliser la communauté ainsi constituée, de produire une culture partagée, "
            "d’outiller les professionnel·le·s et de les accompagner concrètement dans leurs "
            "missions de terrain.</p>",
            "<p>Launched by the French National Agency for Territorial Cohesion (ANCT), "
            "Numérique en Commun[s] is the initiative that builds digital technology in the "
            "public interest: open, inclusive, accessible, sustainable, sovereign and "
            "ethical.</p>"
            "<p>Today, everyone should be able to find their place in what the NEC programme "
            "offers: newcomers as well as long-standing players of public-interest digital "
            "technology, “experts” as well as beginners.</p>"
            "<p>The initiative reaches out to all professionals so that they can get to grips "
            "with the issues, gain tools on a specific subject, discover the ecosystem and its "
            "players, meet the community or actively contribute to creating resources and "
            "tools. Several moments bring this community together, build a shared culture, "
            "equip professionals and support them in their day-to-day work in the field.</p>",
        ),
        "activities_intro": Text(
            "Chaque année, la démarche Numérique en Commun[s] comprend :",
            "Every year, Numérique en Commun[s] includes:",
        ),
        "activities": [
            ("activity", {"title": title})
            for title in [
                Text("La tenue d’un grand évènement annuel", "A major annual event"),
                Text("Le soutien à l’émergence de NEC locaux", "Support for local NEC events"),
                Text(
                    "La production de ressources partagées, en licence ouverte",
                    "Shared resources, under an open licence",
                ),
                Text(
                    "L’organisation de rencontres et ateliers, en ligne et en présentiel autour "
                    "de la programmation NEC",
                    "Meetups and workshops, online and in person, around the NEC programme",
                ),
            ]
        ],
        "values": [
            ("value", {"name": name})
            for name in [
                Text("ouvert", "open"),
                Text("inclusif", "inclusive"),
                "accessible",
                Text("durable", "sustainable"),
                Text("souverain", "sovereign"),
                Text("éthique", "ethical"),
            ]
        ],
        "history": Text(
            "<p>Numérique en Commun[s] s’est durablement installé dans le paysage en mobilisant "
            "depuis 7 ans les professionnels et les territoires, pour défendre un numérique "
            "d’intérêt général.</p>",
            "<p>For 7 years, Numérique en Commun[s] has brought professionals and territories "
            "together to stand up for digital technology in the public interest.</p>",
        ),
        "carrier_title": Text(
            "Une démarche portée par le programme Société Numérique de l’ANCT",
            "An initiative of the ANCT’s Société Numérique programme",
        ),
        "carrier_text": Text(
            "<p>Numérique en Commun[s] est une démarche portée par le programme Société "
            "Numérique de l’ANCT.</p>"
            "<p>L’ANCT – Agence Nationale de la Cohésion des Territoires – créée en janvier "
            "2020, a pour mission de conseiller et de soutenir les collectivités territoriales "
            "et leurs groupements dans la conception, la définition et la mise en œuvre de "
            "leurs projets, notamment en faveur de l’accès au numérique.</p>"
            "<p>En son sein, le programme Société Numérique ambitionne de développer la "
            "capacité de tous et toutes à se saisir des opportunités du numérique en "
            "accompagnant notamment la transition numérique des territoires. Pilote du plan "
            "France Numérique Ensemble, il agit en particulier auprès des collectivités "
            "territoriales et des acteurs et actrices du territoire pour structurer, outiller "
            "et accélérer des projets pour une société innovante et inclusive.</p>"
            "<p>Avec Numérique en Commun[s], le programme Société Numérique propose un cadre de "
            "réflexion propice au passage à l’action. Grâce à un événement national, nourri "
            "par des temps en ligne et des déclinaisons locales, NEC fédère une communauté "
            "grandissante d’acteurs et actrices unie par le souhait de faire émerger un "
            "numérique d’intérêt général à la fois inclusif, éthique, durable, ouvert, "
            "accessible et souverain.</p>"
            "<p>Le programme Société Numérique de l’ANCT œuvre ainsi pour offrir à toutes et à "
            "tous les clés d’appropriation du numérique.</p>",
            "<p>Numérique en Commun[s] is run by the Société Numérique (Digital Society) "
            "programme of the ANCT.</p>"
            "<p>The ANCT – the French National Agency for Territorial Cohesion – was created "
            "in January 2020 to advise and support local authorities and their groupings in "
            "designing, defining and carrying out their projects, in particular for access to "
            "digital technology.</p>"
            "<p>Within it, the Société Numérique programme aims to help everyone seize the "
            "opportunities of digital technology, in particular by supporting the digital "
            "transition of territories. As the lead of the France Numérique Ensemble plan, it "
            "works with local authorities and local players to structure, equip and speed up "
            "projects for an innovative and inclusive society.</p>"
            "<p>With Numérique en Commun[s], the Société Numérique programme offers a space "
            "for reflection that leads to action. Through a national event, fed by online "
            "sessions and local editions, NEC brings together a growing community united by "
            "the wish to build digital technology in the public interest: inclusive, ethical, "
            "sustainable, open, accessible and sovereign.</p>"
            "<p>The ANCT’s Société Numérique programme thus works to give everyone the keys to "
            "digital technology.</p>",
        ),
    },
)

ENGAGEMENTS = [
    (
        Text(
            "Garantir l’ouverture et l’accès à tous et toutes",
            "Guarantee openness and access for everyone",
        ),
        Text(
            "Les événements NEC sont gratuits afin de favoriser l’accès à tous et toutes. Nous "
            "veillons à rendre chacune de nos publications accessibles. Nous sensibilisons "
            "enfin l’ensemble de nos intervenants au respect de principes d’ouverture, "
            "d’écoute et de bienveillance pendant les échanges.",
            "NEC events are free so that everyone can attend. We make sure each of our "
            "publications is accessible. We also ask all our speakers to respect principles "
            "of openness, listening and kindness during discussions.",
        ),
    ),
    (
        Text(
            "Agir pour la diversité des intervenant.e.s et des publics",
            "Act for diversity among speakers and audiences",
        ),
        Text(
            "La programmation d’un NEC doit tendre vers la parité. Aucun panel exclusivement "
            "composé d’hommes ne peut être organisé. Des mesures sont prises pour favoriser la "
            "participation de publics divers, notamment ceux qui ne sont pas déjà actifs au "
            "sein de l’écosystème de NEC et qui auraient un intérêt à bénéficier des outils "
            "proposés.",
            "An NEC programme must aim for gender parity. No all-male panel may be organised. "
            "Steps are taken to encourage diverse audiences to take part, especially people "
            "not yet active in the NEC ecosystem who would benefit from the tools on offer.",
        ),
    ),
    (
        Text(
            "Diffuser l’ensemble des productions sous des licences libres et ouvertes",
            "Publish all outputs under free and open licences",
        ),
        Text(
            "L’ensemble des ressources produites est mise à disposition sous des licences "
            "libres et ouvertes afin de faciliter leur utilisation et leur adaptation. La "
            "licence CC BY-SA 4.0 FR est celle utilisée.",
            "All resources produced are made available under free and open licences so that "
            "they are easy to use and adapt. The licence used is CC BY-SA 4.0 FR.",
        ),
    ),
    (
        Text("Organiser un événement durable", "Run a sustainable event"),
        Text(
            "L’ensemble des prestataires de NEC sont sélectionnés en fonction de leur "
            "engagement au service d’un impact social et environnemental positif. Par "
            "ailleurs, nous tentons de faire des choix économes et frugaux pour ne pas allouer "
            "trop de ressource à l’organisation d’un évènement.",
            "All NEC suppliers are chosen for their commitment to a positive social and "
            "environmental impact. We also try to make thrifty, frugal choices so as not to "
            "spend too many resources on organising an event.",
        ),
    ),
    (
        Text(
            "Miser sur des écosystèmes numériques frugaux et responsables",
            "Rely on frugal and responsible digital ecosystems",
        ),
        Text(
            "L’ensemble des outils numériques utilisés, le fonctionnement de notre système "
            "d’information, l’usage que nous faisons des données s’appuient sur des principes "
            "forts : respect du RGPD, mobilisation d’outils ouverts et souverains dans la "
            "mesure du possible.",
            "All the digital tools we use, the way our information system works and the way "
            "we use data rest on strong principles: compliance with the GDPR, and open and "
            "sovereign tools wherever possible.",
        ),
    ),
]


def paragraph(text):
    return Text(f"<p>{text.fr}</p>", f"<p>{text.en}</p>")


CHARTER = SeedPage(
    key="home:charter",
    model=CharterPage,
    parent="home:home",
    after=("editions:index",),  # the home page's children: editions first
    fields={
        "slug": Text("charte", "charter"),
        "title": Text("La charte de NEC", "The NEC charter"),
        "intro": paragraph(
            Text(
                "Numérique en Commun[s] contribue à la construction d’un numérique d’intérêt "
                "général. Pour ce faire, les organisateurs et les partenaires s’engagent à "
                "respecter des principes fondateurs.",
                "Numérique en Commun[s] contributes to building digital technology in the "
                "public interest. To this end, organisers and partners commit to founding "
                "principles.",
            )
        ),
        "engagements": [
            ("engagement", {"title": title, "text": paragraph(text)}) for title, text in ENGAGEMENTS
        ],
    },
)


def legal_page(key, slug, title, intro, facts, body):
    return SeedPage(
        key=f"home:{key}",
        model=LegalPage,
        parent="home:home",
        fields={
            "slug": slug,
            "title": title,
            "intro": paragraph(intro),
            "facts": [("fact", {"label": label, "value": value}) for label, value in facts],
            "body": body,
        },
    )


def heading(text):
    return ("heading", {"text": text, "level": "h2"})


LEGAL_NOTICE = legal_page(
    "legal-notice",
    Text("mentions-legales", "legal-notice"),
    Text("Mentions légales", "Legal notice"),
    Text(
        "Les informations légales sur l’éditeur et l’hébergement de ce site.",
        "Legal information about the publisher and the hosting of this site.",
    ),
    facts=[
        (
            Text("Éditeur du site", "Publisher"),
            Text(
                "Agence Nationale de la Cohésion des Territoires (ANCT), programme Société "
                "Numérique",
                "French National Agency for Territorial Cohesion (ANCT), Société Numérique "
                "programme",
            ),
        ),
        (
            Text("Directeur ou directrice de la publication", "Publication director"),
            TO_COMPLETE,
        ),
        (
            Text("Hébergeur (nom, adresse, téléphone)", "Host (name, address, telephone)"),
            TO_COMPLETE,
        ),
        ("Contact", TO_COMPLETE),
    ],
    body=[
        heading(Text("Licence des contenus", "Content licence")),
        (
            "paragraph",
            paragraph(
                Text(
                    "Sauf mention contraire, les contenus de ce site sont publiés sous la "
                    "licence Creative Commons Attribution – Partage dans les mêmes conditions "
                    "4.0 France (CC BY-SA 4.0 FR), conformément à l’engagement n°3 de la charte "
                    "de Numérique en Commun[s]. Vous pouvez les réutiliser et les adapter en "
                    "citant leur source et en les partageant sous la même licence.",
                    "Unless stated otherwise, the content of this site is published under the "
                    "Creative Commons Attribution – ShareAlike 4.0 France licence (CC BY-SA 4.0 "
                    "FR), in line with commitment no. 3 of the Numérique en Commun[s] charter. "
                    "You may reuse and adapt it if you credit the source and share it under the "
                    "same licence.",
                )
            ),
        ),
    ],
)

PERSONAL_DATA = legal_page(
    "personal-data",
    Text("donnees-personnelles", "personal-data"),
    Text("Données personnelles", "Personal data"),
    Text(
        "Ce que ce site fait, et ne fait pas, de vos données, conformément au RGPD "
        "(engagement n°5 de la charte).",
        "What this site does, and does not do, with your data, in line with the GDPR "
        "(commitment no. 5 of the charter).",
    ),
    facts=[
        (Text("Responsable du traitement", "Data controller"), TO_COMPLETE),
        (
            Text(
                "Contact du délégué ou de la déléguée à la protection des données",
                "Data protection officer contact",
            ),
            TO_COMPLETE,
        ),
    ],
    body=[
        heading(
            Text(
                "Aucun traceur, aucun cookie pour les visiteurs",
                "No tracker, no cookie for visitors",
            )
        ),
        (
            "paragraph",
            paragraph(
                Text(
                    "La consultation de ce site ne dépose aucun cookie et ne fait appel à aucun "
                    "outil de mesure d’audience, de publicité ou de réseau social. Les pages ne "
                    "chargent aucune ressource depuis un autre site : aucune donnée de "
                    "navigation n’est transmise à un tiers.",
                    "Browsing this site sets no cookie and uses no audience measurement, "
                    "advertising or social network tool. Pages load nothing from any other "
                    "site: no browsing data is passed on to a third party.",
                )
            ),
        ),
        heading(Text("Comptes de l’équipe éditoriale", "Editorial team accounts")),
        (
            "paragraph",
            paragraph(
                Text(
                    "Seules les personnes qui publient le site disposent d’un compte. Un "
                    "cookie de session, strictement nécessaire, est déposé lorsqu’elles se "
                    "connectent à l’interface d’administration.",
                    "Only the people who publish the site have an account. A strictly "
                    "necessary session cookie is set when they log in to the administration "
                    "interface.",
                )
            ),
        ),
        heading(Text("Propositions de NEC locaux", "Local NEC proposals")),
        (
            "paragraph",
            paragraph(
                Text(
                    "Le formulaire « Organiser un NEC local » recueille le nom, l’adresse "
                    "électronique et l’organisation de la personne qui propose un évènement. "
                    "Seuls les modérateurs et modératrices de l’équipe nationale les lisent, "
                    "pour répondre à la proposition ; elles sont supprimées automatiquement un "
                    "an après leur envoi.",
                    "The « Organise a local NEC » form collects the name, email address and "
                    "organisation of the person who proposes an event. Only the national "
                    "team's moderators read them, to answer the proposal; they are deleted "
                    "automatically a year after they were sent.",
                )
            ),
        ),
        heading(Text("Intervenantes et intervenants", "Speakers")),
        (
            "paragraph",
            paragraph(
                Text(
                    "Pour les personnes qui interviennent lors d’une édition : leur nom, leur "
                    "organisation et leurs sessions sont publics ; leur biographie et leur "
                    "photo ne sont publiées qu’avec leur accord, enregistré et daté ; leur "
                    "adresse électronique sert seulement à l’équipe et n’est jamais publiée. "
                    "Le genre est une réponse facultative, déclarée par la personne elle-même : "
                    "conservé à part et lu seulement par les modérateurs et modératrices, il "
                    "sert uniquement à appliquer l’engagement n°2 de la charte (aucun panel "
                    "exclusivement masculin) et à calculer la parité de l’édition en chiffres "
                    "d’ensemble. Ces réponses sont effacées automatiquement douze mois après "
                    "l’édition : seuls les chiffres d’ensemble de l’édition sont conservés.",
                    "For people who speak at an edition: their name, organisation and sessions "
                    "are public; their bio and photo are published only with their consent, "
                    "recorded and dated; their email address is for the team only and is never "
                    "published. Gender is an optional answer the person declares themselves: "
                    "kept apart and seen only by moderators, it is used only to apply "
                    "commitment no. 2 of the charter (no all-male panel) and to compute the "
                    "edition's overall parity figures. These answers are erased automatically "
                    "twelve months after the edition: only the edition's overall figures are "
                    "kept.",
                )
            ),
        ),
        heading(Text("Vos droits", "Your rights")),
        (
            "paragraph",
            paragraph(
                Text(
                    "Vous disposez d’un droit d’accès, de rectification, d’effacement et "
                    "d’opposition sur les données vous concernant. Vous pouvez aussi adresser "
                    "une réclamation à la Commission nationale de l’informatique et des "
                    "libertés (CNIL).",
                    "You have the right to access, correct, erase and object to the processing "
                    "of data about you. You may also lodge a complaint with the French data "
                    "protection authority (CNIL).",
                )
            ),
        ),
    ],
)

ACCESSIBILITY = legal_page(
    "accessibility",
    Text("accessibilite", "accessibility"),
    Text("Déclaration d’accessibilité", "Accessibility statement"),
    Text(
        "L’Agence Nationale de la Cohésion des Territoires s’engage à rendre ce site "
        "accessible, conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005 et à "
        "l’engagement n°1 de la charte de Numérique en Commun[s].",
        "The French National Agency for Territorial Cohesion is committed to making this site "
        "accessible, in accordance with article 47 of French law no. 2005-102 of 11 February "
        "2005 and commitment no. 1 of the Numérique en Commun[s] charter.",
    ),
    facts=[
        # The official template's facts, in its order, filled from the audit
        # (docs/accessibility-audit.md, § 6). What only the team knows stays « À compléter »
        # and the page lists it at its top (legal_page.html).
        (
            Text("État de conformité", "Compliance status"),
            Text(
                "Le site Numérique en Commun[s] est en conformité totale avec le référentiel "
                "général d’amélioration de l’accessibilité (RGAA), version 4.1.",
                "The Numérique en Commun[s] website is fully compliant with the French "
                "accessibility standard RGAA (Référentiel général d’amélioration de "
                "l’accessibilité), version 4.1.",
            ),
        ),
        (
            Text("Résultats des tests", "Test results"),
            Text(
                "L’audit de conformité réalisé en interne le 30 novembre 2026 sur un échantillon "
                "de 33 pages (24 en français, 9 en anglais) révèle que 100 % des critères du "
                "RGAA sont respectés : 82 critères conformes sur 82 critères applicables, "
                "24 critères ne s’appliquant pas. Les quatre non-conformités qu’il avait "
                "relevées (légendes d’images, critère 1.9 ; changement de langue, critère 8.7 ; "
                "étiquettes de champs, critère 11.1 ; suggestion de correction d’une erreur de "
                "saisie, critère 11.11) ont été corrigées le même jour. Le taux moyen de "
                "conformité du site s’élève à 100 %.",
                "The compliance audit carried out internally on 30 November 2026 on a sample "
                "of 33 pages (24 in French, 9 in English) shows that 100% of the RGAA criteria "
                "are met: 82 criteria compliant out of 82 applicable criteria, 24 criteria not "
                "applying. The four non-compliances it found (image captions, criterion 1.9; "
                "change of language, criterion 8.7; field labels, criterion 11.1; suggestions "
                "to correct an input error, criterion 11.11) were fixed the same day. The "
                "website’s average compliance rate is 100%.",
            ),
        ),
        (
            Text("Contenus non accessibles (non-conformités)", "Non-accessible content"),
            Text("Aucune non-conformité.", "No non-compliance."),
        ),
        (
            Text("Dérogations pour charge disproportionnée", "Disproportionate burden"),
            Text("Aucune dérogation.", "No exemption."),
        ),
        (
            Text(
                "Contenus non soumis à l’obligation d’accessibilité",
                "Content not within the scope of the law",
            ),
            Text(
                "Les sites tiers vers lesquels renvoient les évènements (inscription, "
                "visioconférence) et les pages des personnes intervenantes (sites et profils "
                "personnels).",
                "The third-party websites that events link to (registration, video "
                "conferencing) and that speakers’ pages link to (personal websites and "
                "profiles).",
            ),
        ),
        (
            Text("Technologies utilisées", "Technologies used"),
            Text(
                "HTML5, CSS, SVG ; JavaScript pour les suggestions de recherche, le site "
                "fonctionnant entièrement sans.",
                "HTML5, CSS, SVG; JavaScript for search suggestions, the site working fully "
                "without it.",
            ),
        ),
        (
            Text(
                "Environnement de test (navigateurs et technologies d’assistance)",
                "Test environment (browsers and assistive technologies)",
            ),
            Text(
                "Chromium 156 sous Debian GNU/Linux 12, en inspectant l’arbre d’accessibilité que "
                "le navigateur transmet aux technologies d’assistance. La restitution par un "
                "lecteur d’écran (NVDA, JAWS, VoiceOver) n’a pas encore été testée.",
                "Chromium 156 on Debian GNU/Linux 12, inspecting the accessibility tree that "
                "the browser passes on to assistive technologies. Output through a screen "
                "reader (NVDA, JAWS, VoiceOver) has not been tested yet.",
            ),
        ),
        (
            Text("Outils pour évaluer l’accessibilité", "Tools used to assess accessibility"),
            Text(
                "axe-core 4.14.1 et Nu HTML Checker 26.9.27, exécutés dans Chromium piloté par "
                "Playwright ; parcours complet au clavier avec mesure du contraste des "
                "indicateurs de focus ; calcul des contrastes ; arbre d’accessibilité du "
                "navigateur ; affichage à 320 px de large, zoom et texte à 200 %, espacement du "
                "texte modifié, couleurs forcées, mouvement réduit, orientation portrait et "
                "paysage, JavaScript et feuilles de style désactivés. À chaque modification du "
                "site, des tests automatiques dans Chromium vérifient en plus axe-core, la "
                "validité HTML, le parcours au clavier, le contraste des indicateurs de focus, "
                "les couleurs forcées et l’affichage à 320 px et à 200 %.",
                "axe-core 4.14.1 and the Nu HTML Checker 26.9.27, run in Chromium driven by "
                "Playwright; a full keyboard walk measuring the contrast of focus indicators; "
                "contrast calculations; the browser’s accessibility tree; display at 320 px "
                "wide, zoom and text at 200%, modified text spacing, forced colours, reduced "
                "motion, portrait and landscape orientation, JavaScript and style sheets "
                "disabled. On every change to the website, automated tests in Chromium also "
                "check axe-core, HTML validity, keyboard navigation, focus indicator "
                "contrast, forced colours and display at 320 px and 200%.",
            ),
        ),
        (
            Text("Pages ayant fait l’objet de la vérification", "Pages checked"),
            Text(
                "En français : l’accueil ; une page de contenu avec image, vidéo, tableau et "
                "document ; la charte ; les éditions, avec le graphique de fréquentation ; une "
                "édition ; le programme d’une édition, filtré et un autre jour ; une session "
                "avec sa rediffusion, sa transcription et ses sous-titres ; l’index des "
                "intervenantes et intervenants et une personne intervenante avec sa biographie "
                "et sa photo ; la bibliothèque de ressources, filtrée et avec une recherche sans "
                "résultat ; une ressource avec image, vidéo, tableau et document ; la recherche ; "
                "l’agenda et un évènement ; les NEC locaux, avec la carte des régions, et un NEC "
                "local ; le formulaire « Organiser un NEC local », jusqu’à la confirmation ; les "
                "données ouvertes ; la déclaration d’accessibilité ; les mentions légales ; le "
                "plan du site ; la page d’erreur « Page introuvable ».\n"
                "En anglais : l’accueil, la bibliothèque, une ressource, l’agenda, une page de "
                "contenu, le programme d’une édition, une session, l’index des intervenantes et "
                "intervenants et une personne intervenante.",
                "In French: the home page; a content page with an image, a video, a table and "
                "a document; the charter; the editions, with the attendance chart; one edition; "
                "the programme of an edition, filtered and on another day; a session with its "
                "replay, transcript and captions; the speakers index and a speaker with their "
                "bio and photo; the resource library, filtered and with a search that finds "
                "nothing; a resource with an image, a video, a table and a document; site "
                "search; the events and one event; the local NECs, with the map of regions, and "
                "one local NEC; the “Organise a local NEC” form, through to its confirmation; "
                "open data; the accessibility statement; the legal notice; the site map; the "
                "“Page not found” error page.\n"
                "In English: the home page, the resource library, a resource, the events, a "
                "content page, the programme of an edition, a session, the speakers index and "
                "a speaker.",
            ),
        ),
        (Text("Date de l’audit", "Audit date"), Text("30 novembre 2026", "30 November 2026")),
        (
            Text(
                "Schéma pluriannuel de mise en accessibilité",
                "Multi-year accessibility plan",
            ),
            TO_COMPLETE,
        ),
        (
            Text("Référent ou référente accessibilité (contact)", "Accessibility contact"),
            TO_COMPLETE,
        ),
        (
            Text("Date de publication de la déclaration", "Date of this statement"),
            TO_COMPLETE,
        ),
    ],
    body=[
        heading(Text("Retour d’information et contact", "Feedback and contact")),
        (
            "paragraph",
            paragraph(
                Text(
                    "Si vous n’arrivez pas à accéder à un contenu ou à un service, contactez le "
                    "ou la référente accessibilité indiquée ci-dessus : vous serez orienté vers "
                    "une alternative accessible ou recevrez le contenu sous une autre forme.",
                    "If you cannot reach some content or a service, contact the accessibility "
                    "contact given above: you will be directed to an accessible alternative or "
                    "receive the content in another form.",
                )
            ),
        ),
        heading(Text("Voies de recours", "Remedies")),
        (
            "paragraph",
            paragraph(
                Text(
                    "Si vous signalez un défaut d’accessibilité qui vous empêche d’accéder à un "
                    "contenu ou à un service et que vous n’obtenez pas de réponse satisfaisante, "
                    "vous êtes en droit de faire parvenir vos doléances ou une demande de "
                    "saisine au Défenseur des droits. Plusieurs moyens sont à votre disposition :",
                    "If you report an accessibility problem that prevents you from reaching "
                    "some content or a service and do not get a satisfactory answer, you are "
                    "entitled to send a complaint to the Défenseur des droits (the French rights "
                    "ombudsman), in one of these ways:",
                )
            ),
        ),
        (
            "paragraph",
            Text(
                "<ul>"
                '<li>écrire un message au Défenseur des droits avec son <a href="'
                'https://formulaire.defenseurdesdroits.fr/">formulaire en ligne</a> ;</li>'
                "<li>contacter le délégué ou la déléguée du Défenseur des droits dans votre "
                'région (<a href="https://www.defenseurdesdroits.fr/saisir/delegues">liste des '
                "délégués et déléguées</a>) ;</li>"
                "<li>envoyer un courrier par la poste, gratuit et sans timbre : Défenseur des "
                "droits, Libre réponse 71120, 75342 Paris CEDEX 07.</li>"
                "</ul>",
                "<ul>"
                '<li>write to the Défenseur des droits with its <a href="'
                'https://formulaire.defenseurdesdroits.fr/">online form</a> (in French);</li>'
                "<li>contact the Défenseur des droits’ delegate in your region "
                '(<a href="https://www.defenseurdesdroits.fr/saisir/delegues">list of '
                "delegates</a>, in French);</li>"
                "<li>send a letter by post, free of charge and without a stamp: Défenseur des "
                "droits, Libre réponse 71120, 75342 Paris CEDEX 07.</li>"
                "</ul>",
            ),
        ),
    ],
)

SITEMAP = SeedPage(
    key="home:site-map",
    model=SitemapPage,
    parent="home:home",
    after=("ressources:library",),  # the site map comes last among the home page's children
    fields={
        "slug": Text("plan-du-site", "site-map"),
        "title": Text("Plan du site", "Site map"),
        "intro": paragraph(
            Text(
                "Toutes les pages du site, selon leur organisation.",
                "Every page of the site, as it is organised.",
            )
        ),
    },
)


def menu_item(key, label=""):
    return ("item", {"page": Ref(key), "label": label})


NAVIGATION = SeedSnippet(
    key="home:navigation",
    model=Navigation,
    adopt_by=(),
    fields={
        "main_menu": [
            menu_item("home:home"),
            menu_item("editions:index"),
            menu_item("ressources:library"),
            menu_item("home:charter"),
        ],
        "footer_links": [
            menu_item("home:legal-notice"),
            menu_item("home:personal-data"),
            menu_item(
                "home:accessibility",
                Text("Accessibilité : totalement conforme", "Accessibility: fully compliant"),
            ),
            menu_item("home:site-map"),
        ],
        "footer_text": Text(
            "Numérique en Commun[s] est une démarche portée par le programme Société "
            "Numérique de l’Agence Nationale de la Cohésion des Territoires (ANCT).",
            "Numérique en Commun[s] is an initiative of the Société Numérique programme of "
            "the French National Agency for Territorial Cohesion (ANCT).",
        ),
    },
)

KEY_PAGES = SeedSetting(
    key="home:key-pages",
    model=KeyPages,
    fields={
        "editions_page": Ref("editions:index"),
        "library_page": Ref("ressources:library"),
        "sitemap_page": Ref("home:site-map"),
    },
)

SEED = [HOME, CHARTER, LEGAL_NOTICE, PERSONAL_DATA, ACCESSIBILITY, SITEMAP, NAVIGATION, KEY_PAGES]


def after_load():
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
