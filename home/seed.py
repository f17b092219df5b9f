"""The seed content of « La démarche », the charter and the legal pages.

Copied from the programme's source text (a text file kept outside the site) so the site
never reads it at run time. The seed repeats engagement n°5: it is kept once here. Where the
law needs a fact the seed lacks, the value is left empty and the page shows « À compléter ».
"""

HOME = {
    "title": "La démarche",
    "seo_title": "Numérique en Commun[s] — la démarche",
    "search_description": (
        "Numérique en Commun[s] construit un numérique d’intérêt général : ouvert, inclusif, "
        "accessible, durable, souverain et éthique."
    ),
    "intro": (
        "<p>À l’initiative de l’Agence Nationale de la Cohésion des Territoires, Numérique en "
        "Commun[s] est la démarche qui permet de construire un numérique d’intérêt général : "
        "ouvert, inclusif, accessible, durable, souverain et éthique.</p>"
        "<p>Aujourd’hui, chacun et chacune doit pouvoir trouver sa juste place dans les "
        "propositions offertes par le programme de NEC : les nouveaux acteurs comme les acteurs "
        "historiques du numérique d’intérêt général, les « expert·e·s » comme les "
        "débutant·e·s.</p>"
        "<p>La démarche cherche à mobiliser l’ensemble des professionnels, pour qu’ils puissent "
        "s’acculturer aux thématiques, s’outiller sur un sujet spécifique, découvrir l’écosystème "
        "et ses acteurs, rencontrer la communauté ou contribuer activement à la création de "
        "ressources et d’outils. Plusieurs temps permettent de mobiliser la communauté ainsi "
        "constituée, de produire une culture partagée, d’outiller les professionnel·le·s et de "
        "les accompagner concrètement dans leurs missions de terrain.</p>"
    ),
    "activities_intro": "Chaque année, la démarche Numérique en Commun[s] comprend :",
    "activities": [
        "La tenue d’un grand évènement annuel",
        "Le soutien à l’émergence de NEC locaux",
        "La production de ressources partagées, en licence ouverte",
        "L’organisation de rencontres et ateliers, en ligne et en présentiel autour de la "
        "programmation NEC",
    ],
    "values": ["ouvert", "inclusif", "accessible", "durable", "souverain", "éthique"],
    "history": (
        "<p>Numérique en Commun[s] s’est durablement installé dans le paysage en mobilisant "
        "depuis 7 ans les professionnels et les territoires, pour défendre un numérique "
        "d’intérêt général.</p>"
    ),
    "carrier_title": "Une démarche portée par le programme Société Numérique de l’ANCT",
    "carrier_text": (
        "<p>Numérique en Commun[s] est une démarche portée par le programme Société Numérique "
        "de l’ANCT.</p>"
        "<p>L’ANCT – Agence Nationale de la Cohésion des Territoires – créée en janvier 2020, a "
        "pour mission de conseiller et de soutenir les collectivités territoriales et leurs "
        "groupements dans la conception, la définition et la mise en œuvre de leurs projets, "
        "notamment en faveur de l’accès au numérique.</p>"
        "<p>En son sein, le programme Société Numérique ambitionne de développer la capacité de "
        "tous et toutes à se saisir des opportunités du numérique en accompagnant notamment la "
        "transition numérique des territoires. Pilote du plan France Numérique Ensemble, il agit "
        "en particulier auprès des collectivités territoriales et des acteurs et actrices du "
        "territoire pour structurer, outiller et accélérer des projets pour une société "
        "innovante et inclusive.</p>"
        "<p>Avec Numérique en Commun[s], le programme Société Numérique propose un cadre de "
        "réflexion propice au passage à l’action. Grâce à un événement national, nourri par des "
        "temps en ligne et des déclinaisons locales, NEC fédère une communauté grandissante "
        "d’acteurs et actrices unie par le souhait de faire émerger un numérique d’intérêt "
        "général à la fois inclusif, éthique, durable, ouvert, accessible et souverain.</p>"
        "<p>Le programme Société Numérique de l’ANCT œuvre ainsi pour offrir à toutes et à tous "
        "les clés d’appropriation du numérique.</p>"
    ),
}

CHARTER = {
    "slug": "charte",
    "title": "La charte de NEC",
    "intro": (
        "<p>Numérique en Commun[s] contribue à la construction d’un numérique d’intérêt "
        "général. Pour ce faire, les organisateurs et les partenaires s’engagent à respecter des "
        "principes fondateurs.</p>"
    ),
    "engagements": [
        (
            "Garantir l’ouverture et l’accès à tous et toutes",
            "Les événements NEC sont gratuits afin de favoriser l’accès à tous et toutes. Nous "
            "veillons à rendre chacune de nos publications accessibles. Nous sensibilisons enfin "
            "l’ensemble de nos intervenants au respect de principes d’ouverture, d’écoute et de "
            "bienveillance pendant les échanges.",
        ),
        (
            "Agir pour la diversité des intervenant.e.s et des publics",
            "La programmation d’un NEC doit tendre vers la parité. Aucun panel exclusivement "
            "composé d’hommes ne peut être organisé. Des mesures sont prises pour favoriser la "
            "participation de publics divers, notamment ceux qui ne sont pas déjà actifs au sein "
            "de l’écosystème de NEC et qui auraient un intérêt à bénéficier des outils proposés.",
        ),
        (
            "Diffuser l’ensemble des productions sous des licences libres et ouvertes",
            "L’ensemble des ressources produites est mise à disposition sous des licences libres "
            "et ouvertes afin de faciliter leur utilisation et leur adaptation. La licence CC "
            "BY-SA 4.0 FR est celle utilisée.",
        ),
        (
            "Organiser un événement durable",
            "L’ensemble des prestataires de NEC sont sélectionnés en fonction de leur engagement "
            "au service d’un impact social et environnemental positif. Par ailleurs, nous tentons "
            "de faire des choix économes et frugaux pour ne pas allouer trop de ressource à "
            "l’organisation d’un évènement.",
        ),
        (
            "Miser sur des écosystèmes numériques frugaux et responsables",
            "L’ensemble des outils numériques utilisés, le fonctionnement de notre système "
            "d’information, l’usage que nous faisons des données s’appuient sur des principes "
            "forts : respect du RGPD, mobilisation d’outils ouverts et souverains dans la mesure "
            "du possible.",
        ),
    ],
}

TO_COMPLETE = ""  # an empty value renders « À compléter » for editors to fill in

LEGAL_PAGES = [
    {
        "slug": "mentions-legales",
        "title": "Mentions légales",
        "intro": "<p>Les informations légales sur l’éditeur et l’hébergement de ce site.</p>",
        "facts": [
            (
                "Éditeur du site",
                "Agence Nationale de la Cohésion des Territoires (ANCT), programme Société "
                "Numérique",
            ),
            ("Directeur ou directrice de la publication", TO_COMPLETE),
            ("Hébergeur (nom, adresse, téléphone)", TO_COMPLETE),
            ("Contact", TO_COMPLETE),
        ],
        "body": [
            ("heading", {"text": "Licence des contenus", "level": "h2"}),
            (
                "paragraph",
                "<p>Sauf mention contraire, les contenus de ce site sont publiés sous la "
                "licence Creative Commons Attribution – Partage dans les mêmes conditions 4.0 "
                "France (CC BY-SA 4.0 FR), conformément à l’engagement n°3 de la charte de "
                "Numérique en Commun[s]. Vous pouvez les réutiliser et les adapter en citant "
                "leur source et en les partageant sous la même licence.</p>",
            ),
        ],
    },
    {
        "slug": "donnees-personnelles",
        "title": "Données personnelles",
        "intro": (
            "<p>Ce que ce site fait, et ne fait pas, de vos données, conformément au RGPD "
            "(engagement n°5 de la charte).</p>"
        ),
        "facts": [
            ("Responsable du traitement", TO_COMPLETE),
            ("Contact du délégué ou de la déléguée à la protection des données", TO_COMPLETE),
        ],
        "body": [
            ("heading", {"text": "Aucun traceur, aucun cookie pour les visiteurs", "level": "h2"}),
            (
                "paragraph",
                "<p>La consultation de ce site ne dépose aucun cookie et ne fait appel à aucun "
                "outil de mesure d’audience, de publicité ou de réseau social. Les pages ne "
                "chargent aucune ressource depuis un autre site : aucune donnée de navigation "
                "n’est transmise à un tiers.</p>",
            ),
            ("heading", {"text": "Comptes de l’équipe éditoriale", "level": "h2"}),
            (
                "paragraph",
                "<p>Seules les personnes qui publient le site disposent d’un compte. Un cookie "
                "de session, strictement nécessaire, est déposé lorsqu’elles se connectent à "
                "l’interface d’administration.</p>",
            ),
            ("heading", {"text": "Vos droits", "level": "h2"}),
            (
                "paragraph",
                "<p>Vous disposez d’un droit d’accès, de rectification, d’effacement et "
                "d’opposition sur les données vous concernant. Vous pouvez aussi adresser une "
                "réclamation à la Commission nationale de l’informatique et des libertés "
                "(CNIL).</p>",
            ),
        ],
    },
    {
        "slug": "accessibilite",
        "title": "Déclaration d’accessibilité",
        "intro": (
            "<p>L’Agence Nationale de la Cohésion des Territoires s’engage à rendre ce site "
            "accessible, conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005 "
            "et à l’engagement n°1 de la charte de Numérique en Commun[s].</p>"
        ),
        "facts": [
            (
                "État de conformité",
                "Non conforme au RGAA : aucun audit n’a encore été réalisé. En l’absence "
                "d’audit, un site est déclaré non conforme.",
            ),
            ("Date de l’audit", TO_COMPLETE),
            ("Référent ou référente accessibilité (contact)", TO_COMPLETE),
            ("Date de publication de la déclaration", TO_COMPLETE),
        ],
        "body": [
            ("heading", {"text": "Voies de recours", "level": "h2"}),
            (
                "paragraph",
                "<p>Si vous signalez un défaut d’accessibilité qui vous empêche d’accéder à un "
                "contenu et que vous n’obtenez pas de réponse satisfaisante, vous pouvez "
                "contacter le Défenseur des droits, par courrier postal gratuit (Défenseur des "
                "droits, Libre réponse 71120, 75342 Paris CEDEX 07) ou auprès de son délégué "
                "ou sa déléguée dans votre région.</p>",
            ),
        ],
    },
]

SITEMAP = {
    "slug": "plan-du-site",
    "title": "Plan du site",
    "intro": "<p>Toutes les pages du site, selon leur organisation.</p>",
}

MAIN_MENU = [
    "",
    "editions",
    "ressources",
    "charte",
]  # slugs under the home page; "" is the home page
FOOTER_LINKS = [
    ("mentions-legales", ""),
    ("donnees-personnelles", ""),
    ("accessibilite", "Accessibilité : non conforme"),
    ("plan-du-site", ""),
]
FOOTER_TEXT = (
    "Numérique en Commun[s] est une démarche portée par le programme Société Numérique de "
    "l’Agence Nationale de la Cohésion des Territoires (ANCT)."
)
