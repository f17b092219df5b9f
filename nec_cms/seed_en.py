"""English text of the seed content, keyed by the French source segment (as wagtail-localize
extracts it: HTML-escaped, one paragraph or field at a time). `load_nec_content` turns
these into wagtail-localize translations; translators own them afterwards."""

SLUGS = {
    "accueil": "home",
    "editions": "editions",
    "charte": "charter",
    "ressources": "resources",
    "mentions-legales": "legal-notice",
    "donnees-personnelles": "personal-data",
    "accessibilite": "accessibility",
    "plan-du-site": "site-map",
    "2018-nantes": "2018-nantes",
    "2019-marseille": "2019-marseille",
    "2020-lyon": "2020-lyon",
    "2021-sud-charente": "2021-sud-charente",
    "2022-lens": "2022-lens",
    "2023-bordeaux": "2023-bordeaux",
    # Taxonomies (library filter values in English URLs)
    "donnees-territoires": "data-territories",
    "mediation-competences": "digital-inclusion-skills",
    "ecologie-soutenabilite": "ecology-sustainability",
    "communs-souverainete": "commons-sovereignty",
    "ethique-emancipation": "ethics-empowerment",
    "inclusion-numerique": "digital-inclusion",
    "guide": "guide",
    "fiche-pratique": "factsheet",
    "video": "video",
    "podcast": "podcast",
    "boite-a-outils": "toolkit",
    "etude": "study",
    "support-presentation": "slides",
    "parcours-formation": "training-course",
    "mediateurs-numeriques": "digital-mediators",
    "collectivites": "local-authorities",
    "associations": "non-profits",
    "agents-publics": "civil-servants",
    "elus": "elected-officials",
    "entreprises": "businesses",
    "grand-public": "general-public",
}

TEXT = {
    # Home « La démarche »
    "La démarche": "Our approach",
    "Numérique en Commun[s] — la démarche": "Numérique en Commun[s] — our approach",
    "Numérique en Commun[s] construit un numérique d’intérêt général : ouvert, inclusif, "
    "accessible, durable, souverain et éthique.": "Numérique en Commun[s] builds digital "
    "technology in the public interest: open, inclusive, accessible, sustainable, sovereign "
    "and ethical.",
    "À l’initiative de l’Agence Nationale de la Cohésion des Territoires, Numérique en "
    "Commun[s] est la démarche qui permet de construire un numérique d’intérêt général : "
    "ouvert, inclusif, accessible, durable, souverain et éthique.": "Launched by the French "
    "National Agency for Territorial Cohesion (ANCT), Numérique en Commun[s] is the "
    "initiative that builds digital technology in the public interest: open, inclusive, "
    "accessible, sustainable, sovereign and ethical.",
    "Aujourd’hui, chacun et chacune doit pouvoir trouver sa juste place dans les propositions "
    "offertes par le programme de NEC : les nouveaux acteurs comme les acteurs historiques du "
    "numérique d’intérêt général, les « expert·e·s » comme les débutant·e·s.": "Today, "
    "everyone should be able to find their place in what the NEC programme offers: newcomers "
    "as well as long-standing players of public-interest digital technology, “experts” as "
    "well as beginners.",
    "La démarche cherche à mobiliser l’ensemble des professionnels, pour qu’ils puissent "
    "s’acculturer aux thématiques, s’outiller sur un sujet spécifique, découvrir l’écosystème "
    "et ses acteurs, rencontrer la communauté ou contribuer activement à la création de "
    "ressources et d’outils. Plusieurs temps permettent de mobiliser la communauté ainsi "
    "constituée, de produire une culture partagée, d’outiller les professionnel·le·s et de "
    "les accompagner concrètement dans leurs missions de terrain.": "The initiative reaches "
    "out to all professionals so that they can get to grips with the issues, gain tools on a "
    "specific subject, discover the ecosystem and its players, meet the community or actively "
    "contribute to creating resources and tools. Several moments bring this community "
    "together, build a shared culture, equip professionals and support them in their "
    "day-to-day work in the field.",
    "Chaque année, la démarche Numérique en Commun[s] comprend :": "Every year, Numérique en "
    "Commun[s] includes:",
    "La tenue d’un grand évènement annuel": "A major annual event",
    "Le soutien à l’émergence de NEC locaux": "Support for local NEC events",
    "La production de ressources partagées, en licence ouverte": "Shared resources, under an "
    "open licence",
    "L’organisation de rencontres et ateliers, en ligne et en présentiel autour de la "
    "programmation NEC": "Meetups and workshops, online and in person, around the NEC programme",
    "ouvert": "open",
    "inclusif": "inclusive",
    "accessible": "accessible",
    "durable": "sustainable",
    "souverain": "sovereign",
    "éthique": "ethical",
    "Numérique en Commun[s] s’est durablement installé dans le paysage en mobilisant depuis 7 "
    "ans les professionnels et les territoires, pour défendre un numérique d’intérêt "
    "général.": "For 7 years, Numérique en Commun[s] has brought professionals and territories "
    "together to stand up for digital technology in the public interest.",
    "Une démarche portée par le programme Société Numérique de l’ANCT": "An initiative of the "
    "ANCT’s Société Numérique programme",
    "Numérique en Commun[s] est une démarche portée par le programme Société Numérique de "
    "l’ANCT.": "Numérique en Commun[s] is run by the Société Numérique (Digital Society) "
    "programme of the ANCT.",
    "L’ANCT – Agence Nationale de la Cohésion des Territoires – créée en janvier 2020, a pour "
    "mission de conseiller et de soutenir les collectivités territoriales et leurs "
    "groupements dans la conception, la définition et la mise en œuvre de leurs projets, "
    "notamment en faveur de l’accès au numérique.": "The ANCT – the French National Agency for "
    "Territorial Cohesion – was created in January 2020 to advise and support local "
    "authorities and their groupings in designing, defining and carrying out their projects, "
    "in particular for access to digital technology.",
    "En son sein, le programme Société Numérique ambitionne de développer la capacité de tous "
    "et toutes à se saisir des opportunités du numérique en accompagnant notamment la "
    "transition numérique des territoires. Pilote du plan France Numérique Ensemble, il agit "
    "en particulier auprès des collectivités territoriales et des acteurs et actrices du "
    "territoire pour structurer, outiller et accélérer des projets pour une société "
    "innovante et inclusive.": "Within it, the Société Numérique programme aims to help "
    "everyone seize the opportunities of digital technology, in particular by supporting the "
    "digital transition of territories. As the lead of the France Numérique Ensemble plan, it "
    "works with local authorities and local players to structure, equip and speed up "
    "projects for an innovative and inclusive society.",
    "Avec Numérique en Commun[s], le programme Société Numérique propose un cadre de réflexion "
    "propice au passage à l’action. Grâce à un événement national, nourri par des temps en "
    "ligne et des déclinaisons locales, NEC fédère une communauté grandissante d’acteurs et "
    "actrices unie par le souhait de faire émerger un numérique d’intérêt général à la fois "
    "inclusif, éthique, durable, ouvert, accessible et souverain.": "With Numérique en "
    "Commun[s], the Société Numérique programme offers a space for reflection that leads to "
    "action. Through a national event, fed by online sessions and local editions, NEC brings "
    "together a growing community united by the wish to build digital technology in the "
    "public interest: inclusive, ethical, sustainable, open, accessible and sovereign.",
    "Le programme Société Numérique de l’ANCT œuvre ainsi pour offrir à toutes et à tous les "
    "clés d’appropriation du numérique.": "The ANCT’s Société Numérique programme thus works "
    "to give everyone the keys to digital technology.",
    # Editions
    "Les éditions": "The editions",
    "Chaque année, Numérique en Commun[s] réunit la communauté du numérique d’intérêt "
    "général lors d’un grand évènement national.": "Every year, Numérique en Commun[s] brings "
    "the public-interest digital community together at a major national event.",
    "Édition 2023 — Bordeaux": "2023 edition — Bordeaux",
    "Édition 2022 — Lens": "2022 edition — Lens",
    "Édition 2021 — Sud Charente": "2021 edition — Sud Charente",
    "Édition 2020 — Lyon": "2020 edition — Lyon",
    "Édition 2019 — Marseille": "2019 edition — Marseille",
    "Édition 2018 — Nantes": "2018 edition — Nantes",
    "Bordeaux": "Bordeaux",
    "Lens": "Lens",
    "Sud Charente": "Sud Charente",
    "Lyon": "Lyon",
    "Marseille": "Marseille",
    "Nantes": "Nantes",
    "Palais de la Bourse": "Palais de la Bourse",
    "Stade Bollaert": "Bollaert stadium",
    "Château de la Mercerie": "Château de la Mercerie",
    "4 lieux dans Marseille": "4 venues in Marseille",
    "3 lieux dans Nantes": "3 venues in Nantes",
    "parcours d’acculturation en ligne": "online introductory courses",
    "personnes ont suivi le direct en ligne": "people followed the live stream online",
    "intervenants &amp; intervenantes &amp; contributeurs": "speakers and contributors",
    # Charter
    "La charte de NEC": "The NEC charter",
    "Numérique en Commun[s] contribue à la construction d’un numérique d’intérêt général. "
    "Pour ce faire, les organisateurs et les partenaires s’engagent à respecter des principes "
    "fondateurs.": "Numérique en Commun[s] contributes to building digital technology in the "
    "public interest. To this end, organisers and partners commit to founding principles.",
    "Garantir l’ouverture et l’accès à tous et toutes": "Guarantee openness and access for "
    "everyone",
    "Les événements NEC sont gratuits afin de favoriser l’accès à tous et toutes. Nous "
    "veillons à rendre chacune de nos publications accessibles. Nous sensibilisons enfin "
    "l’ensemble de nos intervenants au respect de principes d’ouverture, d’écoute et de "
    "bienveillance pendant les échanges.": "NEC events are free so that everyone can attend. "
    "We make sure each of our publications is accessible. We also ask all our speakers to "
    "respect principles of openness, listening and kindness during discussions.",
    "Agir pour la diversité des intervenant.e.s et des publics": "Act for diversity among "
    "speakers and audiences",
    "La programmation d’un NEC doit tendre vers la parité. Aucun panel exclusivement composé "
    "d’hommes ne peut être organisé. Des mesures sont prises pour favoriser la participation "
    "de publics divers, notamment ceux qui ne sont pas déjà actifs au sein de l’écosystème de "
    "NEC et qui auraient un intérêt à bénéficier des outils proposés.": "An NEC programme must "
    "aim for gender parity. No all-male panel may be organised. Steps are taken to encourage "
    "diverse audiences to take part, especially people not yet active in the NEC ecosystem "
    "who would benefit from the tools on offer.",
    "Diffuser l’ensemble des productions sous des licences libres et ouvertes": "Publish all "
    "outputs under free and open licences",
    "L’ensemble des ressources produites est mise à disposition sous des licences libres et "
    "ouvertes afin de faciliter leur utilisation et leur adaptation. La licence CC BY-SA 4.0 "
    "FR est celle utilisée.": "All resources produced are made available under free and open "
    "licences so that they are easy to use and adapt. The licence used is CC BY-SA 4.0 FR.",
    "Organiser un événement durable": "Run a sustainable event",
    "L’ensemble des prestataires de NEC sont sélectionnés en fonction de leur engagement au "
    "service d’un impact social et environnemental positif. Par ailleurs, nous tentons de "
    "faire des choix économes et frugaux pour ne pas allouer trop de ressource à "
    "l’organisation d’un évènement.": "All NEC suppliers are chosen for their commitment to a "
    "positive social and environmental impact. We also try to make thrifty, frugal choices so "
    "as not to spend too many resources on organising an event.",
    "Miser sur des écosystèmes numériques frugaux et responsables": "Rely on frugal and "
    "responsible digital ecosystems",
    "L’ensemble des outils numériques utilisés, le fonctionnement de notre système "
    "d’information, l’usage que nous faisons des données s’appuient sur des principes forts : "
    "respect du RGPD, mobilisation d’outils ouverts et souverains dans la mesure du "
    "possible.": "All the digital tools we use, the way our information system works and the "
    "way we use data rest on strong principles: compliance with the GDPR, and open and "
    "sovereign tools wherever possible.",
    # Library
    "Ressources": "Resources",
    "Les ressources produites par la communauté Numérique en Commun[s], en licence ouverte : "
    "guides, fiches pratiques, vidéos, études… à réutiliser et à adapter.": "Resources made by "
    "the Numérique en Commun[s] community under open licences: guides, factsheets, videos, "
    "studies… to reuse and adapt.",
    "Données &amp; territoires": "Data &amp; territories",
    "Médiation &amp; compétences numériques": "Digital mediation &amp; skills",
    "Écologie &amp; soutenabilité": "Ecology &amp; sustainability",
    "Communs &amp; souveraineté": "Commons &amp; sovereignty",
    "Éthique &amp; émancipation": "Ethics &amp; empowerment",
    "Inclusion numérique": "Digital inclusion",
    "Guide": "Guide",
    "Fiche pratique": "Factsheet",
    "Vidéo / replay": "Video / replay",
    "Podcast": "Podcast",
    "Boîte à outils": "Toolkit",
    "Étude": "Study",
    "Support de présentation": "Slides",
    "Parcours de formation": "Training course",
    "Médiateurs et médiatrices numériques": "Digital mediators",
    "Collectivités": "Local authorities",
    "Associations": "Non-profits",
    "Agents publics": "Civil servants",
    "Élus et élues": "Elected officials",
    "Entreprises": "Businesses",
    "Grand public": "General public",
    # Legal pages
    "Mentions légales": "Legal notice",
    "Les informations légales sur l’éditeur et l’hébergement de ce site.": "Legal information "
    "about the publisher and the hosting of this site.",
    "Éditeur du site": "Publisher",
    "Agence Nationale de la Cohésion des Territoires (ANCT), programme Société Numérique": "French "
    "National Agency for Territorial Cohesion (ANCT), Société Numérique programme",
    "Directeur ou directrice de la publication": "Publication director",
    "Hébergeur (nom, adresse, téléphone)": "Host (name, address, telephone)",
    "Contact": "Contact",
    "Licence des contenus": "Content licence",
    "Sauf mention contraire, les contenus de ce site sont publiés sous la licence Creative "
    "Commons Attribution – Partage dans les mêmes conditions 4.0 France (CC BY-SA 4.0 FR), "
    "conformément à l’engagement n°3 de la charte de Numérique en Commun[s]. Vous pouvez les "
    "réutiliser et les adapter en citant leur source et en les partageant sous la même "
    "licence.": "Unless stated otherwise, the content of this site is published under the "
    "Creative Commons Attribution – ShareAlike 4.0 France licence (CC BY-SA 4.0 FR), in line "
    "with commitment no. 3 of the Numérique en Commun[s] charter. You may reuse and adapt it "
    "if you credit the source and share it under the same licence.",
    "Données personnelles": "Personal data",
    "Ce que ce site fait, et ne fait pas, de vos données, conformément au RGPD (engagement n°5 "
    "de la charte).": "What this site does, and does not do, with your data, in line with the "
    "GDPR (commitment no. 5 of the charter).",
    "Responsable du traitement": "Data controller",
    "Contact du délégué ou de la déléguée à la protection des données": "Data protection "
    "officer contact",
    "Aucun traceur, aucun cookie pour les visiteurs": "No tracker, no cookie for visitors",
    "La consultation de ce site ne dépose aucun cookie et ne fait appel à aucun outil de "
    "mesure d’audience, de publicité ou de réseau social. Les pages ne chargent aucune "
    "ressource depuis un autre site : aucune donnée de navigation n’est transmise à un "
    "tiers.": "Browsing this site sets no cookie and uses no audience measurement, advertising "
    "or social network tool. Pages load nothing from any other site: no browsing data is "
    "passed on to a third party.",
    "Comptes de l’équipe éditoriale": "Editorial team accounts",
    "Seules les personnes qui publient le site disposent d’un compte. Un cookie de session, "
    "strictement nécessaire, est déposé lorsqu’elles se connectent à l’interface "
    "d’administration.": "Only the people who publish the site have an account. A strictly "
    "necessary session cookie is set when they log in to the administration interface.",
    "Vos droits": "Your rights",
    "Vous disposez d’un droit d’accès, de rectification, d’effacement et d’opposition sur les "
    "données vous concernant. Vous pouvez aussi adresser une réclamation à la Commission "
    "nationale de l’informatique et des libertés (CNIL).": "You have the right to access, "
    "correct, erase and object to the processing of data about you. You may also lodge a "
    "complaint with the French data protection authority (CNIL).",
    "Déclaration d’accessibilité": "Accessibility statement",
    "L’Agence Nationale de la Cohésion des Territoires s’engage à rendre ce site accessible, "
    "conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005 et à l’engagement "
    "n°1 de la charte de Numérique en Commun[s].": "The French National Agency for Territorial "
    "Cohesion is committed to making this site accessible, in accordance with article 47 of "
    "French law no. 2005-102 of 11 February 2005 and commitment no. 1 of the Numérique en "
    "Commun[s] charter.",
    "État de conformité": "Compliance status",
    "Non conforme au RGAA : aucun audit n’a encore été réalisé. En l’absence d’audit, un site "
    "est déclaré non conforme.": "Not compliant with the RGAA (the French accessibility "
    "standard): no audit has been carried out yet. Without an audit, a site is declared "
    "non-compliant.",
    "Date de l’audit": "Audit date",
    "Référent ou référente accessibilité (contact)": "Accessibility contact",
    "Date de publication de la déclaration": "Date of this statement",
    "Voies de recours": "Remedies",
    "Si vous signalez un défaut d’accessibilité qui vous empêche d’accéder à un contenu et "
    "que vous n’obtenez pas de réponse satisfaisante, vous pouvez contacter le Défenseur des "
    "droits, par courrier postal gratuit (Défenseur des droits, Libre réponse 71120, 75342 "
    "Paris CEDEX 07) ou auprès de son délégué ou sa déléguée dans votre région.": "If you "
    "report an accessibility problem that prevents you from reaching some content and do not "
    "get a satisfactory answer, you can contact the Défenseur des droits (the French rights "
    "ombudsman) by free post (Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX "
    "07) or through their delegate in your region.",
    "Plan du site": "Site map",
    "Toutes les pages du site, selon leur organisation.": "Every page of the site, as it is "
    "organised.",
    # Navigation
    "Accessibilité : non conforme": "Accessibility: not compliant",
    "Numérique en Commun[s] est une démarche portée par le programme Société Numérique de "
    "l’Agence Nationale de la Cohésion des Territoires (ANCT).": "Numérique en Commun[s] is an "
    "initiative of the Société Numérique programme of the French National Agency for "
    "Territorial Cohesion (ANCT).",
}

ENGLISH = {**SLUGS, **TEXT}
