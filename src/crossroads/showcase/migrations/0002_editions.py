"""The earlier editions of CrossRoads with their published results (rules reference §5.3), each figure with its
source. Where the sources disagree the figure is the more internally consistent one and the notes say so; where
nobody published a figure the field stays empty. The current edition's figures are computed live."""

from decimal import Decimal

from django.db import migrations

GRENSREGIO_CR2 = "http://www.grensregio.eu/projecten/crossroads-2"
NU_NL = "https://www.nu.nl/walcheren/4252533/zeeuws-mkb-krijgt-hulp-projecten-grens.html"
EC_CR1 = (
    "https://ec.europa.eu/regional_policy/nl/projects/belgium/"
    "enriched-network-crosses-more-than-borders-between-belgium-and-the-netherlands"
)
CR2_PROJECT = "https://www.crossroads2.eu/crossroads2/project-crossroads2"
CR2_NEWS = (
    "https://www.crossroads2.eu/crossroads2/nieuws/crossroads2-ondersteunt-200-bedrijven-vlaanderen-en-zuid-nederland"
)
GREEN_LIGHT = "https://www.crossroads2.eu/sustainable-energy/nieuws/groen-licht-voor-crossroads-vlaanderen-nederland"
SE_RESULTS = "https://www.crossroads2.eu/sustainable-energy/nieuws/grensoverschrijdende-samenwerking-levert-significante-co2-reductie-op"
SE_PROJECT = "https://www.crossroads2.eu/sustainable-energy/project-crossroads2-sustainable-energy"
INNOPARTNER = "https://innopartner.nl/advies/1812/"
TVMOL = "https://tvmol.be/25-miljoen-euro-voor-grensoverschrijdende-innovatie"
ENGINEERINGNET = "https://engineeringnet.be/nl/nieuws/item/21851"


def source(figure_nl: str, figure_en: str, url: str) -> dict:
    return {"figure_nl": figure_nl, "figure_en": figure_en, "url": url}


EDITIONS = [
    {
        "code": "crossroads-2010-2014",
        "name": "CrossRoads",
        "first_year": 2010,
        "last_year": 2014,
        "programme_name": "Interreg IV Vlaanderen-Nederland",
        "projects": 21,
        "companies": 100,
        "grants_total": None,
        "investment_total": None,
        "notes_nl": (
            "21 innovatieprojecten, daarnaast 13 haalbaarheidsstudies en 32 proeftuinexperimenten, met samen "
            "100 bedrijven; 650 bedrijven namen deel aan activiteiten. EFRO-bijdrage: EUR 3.724.599 (het bedrag "
            "aan subsidies voor bedrijven is niet gepubliceerd). Ongeveer 300 extra banen. Finalist RegioStars 2016."
        ),
        "notes_en": (
            "21 innovation projects, plus 13 feasibility studies and 32 field-lab experiments, with 100 companies "
            "in all; 650 companies took part in activities. ERDF contribution: EUR 3,724,599 (the amount of grants "
            "to companies was not published). About 300 extra jobs. RegioStars 2016 finalist."
        ),
        "sources": [
            source("Projecten en bedrijven", "Projects and companies", NU_NL),
            source("EFRO-bijdrage, RegioStars", "ERDF contribution, RegioStars", EC_CR1),
            source("Extra banen", "Extra jobs", GRENSREGIO_CR2),
        ],
    },
    {
        "code": "crossroads2-2016-2020",
        "name": "CrossRoads2",
        "first_year": 2016,
        "last_year": 2020,
        "programme_name": "Interreg V Vlaanderen-Nederland",
        "projects": 118,
        "companies": 202,
        "grants_total": Decimal("7000000.00"),
        "investment_total": Decimal("19070321.30"),
        "notes_nl": (
            "De bronnen spreken elkaar tegen over de 118 projecten: de projectpagina spreekt van 118 gefinancierde "
            "projectideeën plus 43 haalbaarheidsstudies, een nieuwsbericht van 118 projecten in totaal (75 "
            "innovatieprojecten en 43 haalbaarheidsstudies), zo'n 200 bedrijven en 9,8 miljoen euro steun. De "
            "lezing '118 projecten in totaal (75 + 43)' is de meest consistente. De subsidie van EUR 7 miljoen is "
            "een afgerond bedrag ('€7 miljoen aan subsidie'), geschat goed voor EUR 16 miljoen economische "
            "meerwaarde per jaar. Interreg-bijdrage EUR 7.999.628,52 (41,95 %); 316 aanvragen voor "
            "innovatieprojecten; private investering EUR 8.250.000."
        ),
        "notes_en": (
            "The sources disagree about the 118 projects: the project page speaks of 118 funded project ideas plus 43 "
            "feasibility studies, a news item of 118 projects in total (75 innovation projects and 43 feasibility "
            "studies), about 200 companies and EUR 9.8 million of support. The reading '118 projects in total "
            "(75 + 43)' is the most consistent. The EUR 7 million of grants is a rounded figure ('€7 miljoen aan "
            "subsidie'), estimated to bring EUR 16 million a year of added value. Interreg contribution "
            "EUR 7,999,628.52 (41.95%); 316 applications for innovation projects; private investment EUR 8,250,000."
        ),
        "sources": [
            source("Projecten (118) en bedrijven (202)", "Projects (118) and companies (202)", CR2_PROJECT),
            source("Andere telling: 75 + 43 projecten", "Another count: 75 + 43 projects", CR2_NEWS),
            source(
                "Subsidie EUR 7 miljoen, 16 miljoen per jaar", "Grants EUR 7 million, 16 million a year", GREEN_LIGHT
            ),
            source("Totaal budget", "Total budget", GRENSREGIO_CR2),
        ],
    },
    {
        "code": "crossroads2-sustainable-energy-2020-2023",
        "name": "CrossRoads2 Sustainable Energy",
        "first_year": 2020,
        "last_year": 2023,
        "programme_name": "Interreg V Vlaanderen-Nederland",
        "projects": 21,
        "companies": 48,
        "grants_total": Decimal("2848330.28"),
        "investment_total": Decimal("6800000.00"),
        "notes_nl": (
            "Vier oproepen, 32 aanvragen, 21 gefinancierde projecten met 48 kmo's/mkb-bedrijven; elk consortium had "
            "minstens één Vlaamse kmo en één Zuid-Nederlands mkb-bedrijf. Mogelijke reductie van 375.000 ton "
            "CO2-equivalent over 2023-2027 (analyse van Hogeschool PXL en Carbon+Alt+Delete). Het totale budget van "
            "EUR 6,8 miljoen is inclusief cofinanciering, waarvan meer dan EUR 2,5 miljoen EFRO."
        ),
        "notes_en": (
            "Four calls, 32 applications, 21 funded projects with 48 SMEs; each consortium had at least one Flemish "
            "and one South-Dutch SME. A potential reduction of 375,000 t CO2-equivalent over 2023-2027 (analysis by "
            "Hogeschool PXL and Carbon+Alt+Delete). The total budget of EUR 6.8 million includes co-financing, of "
            "which more than EUR 2.5 million ERDF."
        ),
        "sources": [
            source("Projecten, bedrijven en subsidie", "Projects, companies and grants", SE_RESULTS),
            source("Totaal budget", "Total budget", INNOPARTNER),
            source("Doelen", "Targets", SE_PROJECT),
        ],
    },
    {
        "code": "crossroads-2023-2029",
        "name": "CrossRoads Vlaanderen-Nederland",
        "first_year": 2023,
        "last_year": 2029,
        "programme_name": "Interreg VI Vlaanderen-Nederland",
        "projects": None,
        "companies": None,
        "grants_total": None,
        "investment_total": Decimal("24800000.00"),
        "notes_nl": (
            "De huidige editie: EUR 10 miljoen subsidie voor bedrijven tot 2029 en de ambitie om minstens 50 "
            "innovatieprojecten te selecteren. Het totale budget is 'ruim 24,8 miljoen euro' (een andere bron: "
            "'bijna 25 miljoen euro'), de helft uit het EFRO. De cijfers in de tabel zijn de projecten die tot nu "
            "toe gefinancierd zijn."
        ),
        "notes_en": (
            "The current edition: EUR 10 million of grants for companies up to 2029 and the ambition to select at "
            "least 50 innovation projects. The total budget is 'just over EUR 24.8 million' (another source: "
            "'almost EUR 25 million'), half from the ERDF. The figures in the table are the projects funded so far."
        ),
        "sources": [
            source("Totaal budget", "Total budget", GREEN_LIGHT),
            source("Ander bedrag: bijna 25 miljoen", "Another amount: almost 25 million", TVMOL),
            source("Ambitie: 50 projecten", "Ambition: 50 projects", ENGINEERINGNET),
        ],
        "is_current": True,
    },
]


def load(apps, schema_editor):
    Edition = apps.get_model("showcase", "Edition")
    for data in EDITIONS:
        values = dict(data)
        Edition.objects.update_or_create(code=values.pop("code"), defaults=values)


def unload(apps, schema_editor):
    apps.get_model("showcase", "Edition").objects.filter(code__in=[e["code"] for e in EDITIONS]).delete()


class Migration(migrations.Migration):
    dependencies = [("showcase", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
