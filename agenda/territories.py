"""France's regions and departments, as plain data.

Codes and names are those of INSEE's Code officiel géographique (COG): two-character region
codes ("01" Guadeloupe … "94" Corse) and department codes ("01" … "95", with "2A" and "2B" for
Corsica, and three digits for the overseas departments). Names use the typographic apostrophe,
as the COG does.

Kept free of Django imports so forms, templates, the map and data migrations can all use it.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    time_zone: str
    overseas: bool


@dataclass(frozen=True)
class Department:
    code: str
    name: str
    region_code: str


_PARIS = "Europe/Paris"

# Overseas regions first: their COG codes ("01" to "06") sort before the metropolitan ones.
REGIONS = (
    Region("01", "Guadeloupe", "America/Guadeloupe", True),
    Region("02", "Martinique", "America/Martinique", True),
    Region("03", "Guyane", "America/Cayenne", True),
    Region("04", "La Réunion", "Indian/Reunion", True),
    Region("06", "Mayotte", "Indian/Mayotte", True),
    Region("11", "Île-de-France", _PARIS, False),
    Region("24", "Centre-Val de Loire", _PARIS, False),
    Region("27", "Bourgogne-Franche-Comté", _PARIS, False),
    Region("28", "Normandie", _PARIS, False),
    Region("32", "Hauts-de-France", _PARIS, False),
    Region("44", "Grand Est", _PARIS, False),
    Region("52", "Pays de la Loire", _PARIS, False),
    Region("53", "Bretagne", _PARIS, False),
    Region("75", "Nouvelle-Aquitaine", _PARIS, False),
    Region("76", "Occitanie", _PARIS, False),
    Region("84", "Auvergne-Rhône-Alpes", _PARIS, False),
    Region("93", "Provence-Alpes-Côte d’Azur", _PARIS, False),
    Region("94", "Corse", _PARIS, False),
)

# In the COG's own order: Corsica's "2A" and "2B" stand where "20" stood before 1976,
# which a plain string sort would not give.
DEPARTMENTS = (
    Department("01", "Ain", "84"),
    Department("02", "Aisne", "32"),
    Department("03", "Allier", "84"),
    Department("04", "Alpes-de-Haute-Provence", "93"),
    Department("05", "Hautes-Alpes", "93"),
    Department("06", "Alpes-Maritimes", "93"),
    Department("07", "Ardèche", "84"),
    Department("08", "Ardennes", "44"),
    Department("09", "Ariège", "76"),
    Department("10", "Aube", "44"),
    Department("11", "Aude", "76"),
    Department("12", "Aveyron", "76"),
    Department("13", "Bouches-du-Rhône", "93"),
    Department("14", "Calvados", "28"),
    Department("15", "Cantal", "84"),
    Department("16", "Charente", "75"),
    Department("17", "Charente-Maritime", "75"),
    Department("18", "Cher", "24"),
    Department("19", "Corrèze", "75"),
    Department("2A", "Corse-du-Sud", "94"),
    Department("2B", "Haute-Corse", "94"),
    Department("21", "Côte-d’Or", "27"),
    Department("22", "Côtes-d’Armor", "53"),
    Department("23", "Creuse", "75"),
    Department("24", "Dordogne", "75"),
    Department("25", "Doubs", "27"),
    Department("26", "Drôme", "84"),
    Department("27", "Eure", "28"),
    Department("28", "Eure-et-Loir", "24"),
    Department("29", "Finistère", "53"),
    Department("30", "Gard", "76"),
    Department("31", "Haute-Garonne", "76"),
    Department("32", "Gers", "76"),
    Department("33", "Gironde", "75"),
    Department("34", "Hérault", "76"),
    Department("35", "Ille-et-Vilaine", "53"),
    Department("36", "Indre", "24"),
    Department("37", "Indre-et-Loire", "24"),
    Department("38", "Isère", "84"),
    Department("39", "Jura", "27"),
    Department("40", "Landes", "75"),
    Department("41", "Loir-et-Cher", "24"),
    Department("42", "Loire", "84"),
    Department("43", "Haute-Loire", "84"),
    Department("44", "Loire-Atlantique", "52"),
    Department("45", "Loiret", "24"),
    Department("46", "Lot", "76"),
    Department("47", "Lot-et-Garonne", "75"),
    Department("48", "Lozère", "76"),
    Department("49", "Maine-et-Loire", "52"),
    Department("50", "Manche", "28"),
    Department("51", "Marne", "44"),
    Department("52", "Haute-Marne", "44"),
    Department("53", "Mayenne", "52"),
    Department("54", "Meurthe-et-Moselle", "44"),
    Department("55", "Meuse", "44"),
    Department("56", "Morbihan", "53"),
    Department("57", "Moselle", "44"),
    Department("58", "Nièvre", "27"),
    Department("59", "Nord", "32"),
    Department("60", "Oise", "32"),
    Department("61", "Orne", "28"),
    Department("62", "Pas-de-Calais", "32"),
    Department("63", "Puy-de-Dôme", "84"),
    Department("64", "Pyrénées-Atlantiques", "75"),
    Department("65", "Hautes-Pyrénées", "76"),
    Department("66", "Pyrénées-Orientales", "76"),
    Department("67", "Bas-Rhin", "44"),
    Department("68", "Haut-Rhin", "44"),
    Department("69", "Rhône", "84"),
    Department("70", "Haute-Saône", "27"),
    Department("71", "Saône-et-Loire", "27"),
    Department("72", "Sarthe", "52"),
    Department("73", "Savoie", "84"),
    Department("74", "Haute-Savoie", "84"),
    Department("75", "Paris", "11"),
    Department("76", "Seine-Maritime", "28"),
    Department("77", "Seine-et-Marne", "11"),
    Department("78", "Yvelines", "11"),
    Department("79", "Deux-Sèvres", "75"),
    Department("80", "Somme", "32"),
    Department("81", "Tarn", "76"),
    Department("82", "Tarn-et-Garonne", "76"),
    Department("83", "Var", "93"),
    Department("84", "Vaucluse", "93"),
    Department("85", "Vendée", "52"),
    Department("86", "Vienne", "75"),
    Department("87", "Haute-Vienne", "75"),
    Department("88", "Vosges", "44"),
    Department("89", "Yonne", "27"),
    Department("90", "Territoire de Belfort", "27"),
    Department("91", "Essonne", "11"),
    Department("92", "Hauts-de-Seine", "11"),
    Department("93", "Seine-Saint-Denis", "11"),
    Department("94", "Val-de-Marne", "11"),
    Department("95", "Val-d’Oise", "11"),
    Department("971", "Guadeloupe", "01"),
    Department("972", "Martinique", "02"),
    Department("973", "Guyane", "03"),
    Department("974", "La Réunion", "04"),
    Department("976", "Mayotte", "06"),
)

REGIONS_BY_CODE = {region.code: region for region in REGIONS}
DEPARTMENTS_BY_CODE = {department.code: department for department in DEPARTMENTS}

REGION_CHOICES = [(region.code, region.name) for region in REGIONS]
# The code in the label lets people pick a department the way they usually name it ("le 33").
DEPARTMENT_CHOICES = [(d.code, f"{d.name} ({d.code})") for d in DEPARTMENTS]


def region_of_department(code: str) -> Region:
    """The region a department belongs to; KeyError for an unknown department code."""
    return REGIONS_BY_CODE[DEPARTMENTS_BY_CODE[code].region_code]
