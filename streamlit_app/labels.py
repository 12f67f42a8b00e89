"""Swedish display names for the codes the marts and the check results use."""

FEE_TYPES = {
    "forbundsbidrag": "Förbundsbidrag (kansli)",
    "navet": "Medlemsavgift Navet",
    "medarbetarcentrum": "Medlemsavgift Medarbetarcentrum",
}

# The fee types inside a sentence: "Borås förbundsbidrag", "Marks medlemsavgift till Navet".
FEE_TYPES_IN_TEXT = {
    "forbundsbidrag": "förbundsbidrag",
    "navet": "medlemsavgift till Navet",
    "medarbetarcentrum": "medlemsavgift till Medarbetarcentrum",
}

SERVICES = {
    "pays_forbundsbidrag": "Förbundsbidrag (kansliet)",
    "takes_navet": "Navet",
    "takes_medarbetarcentrum": "Medarbetarcentrum",
}

VISIT_CATEGORIES = {
    "tema_elever": "Tema, elever",
    "tema_larare": "Tema, lärare",
    "kompetensutveckling_larare": "Kompetensutveckling, lärare",
    "allmanhet_barn": "Allmänhet, barn",
    "allmanhet_vuxna": "Allmänhet, vuxna",
    "konferenser": "Konferenser",
}

GRANT_SOURCES = {
    "state": "Statsbidrag",
    "region": "Bidrag från Regionen",
    "eu": "EU-bidrag",
    "sales": "Försäljning m.m.",
    "projects": "Bidrag till projekt/verksamheter",
    "tillvaxtmedel": "Tillväxtmedel",
    "skolverket": "Skolverket",
    "stimulansmedel": "Stimulansmedel",
}

FLOWS = {"received": "Erhållet", "paid": "Utbetalt"}

MEMBERSHIP = {"member": "Medlem", "adjoined": "Adjungerad"}

CASE_TABLES = {"case_statistics": "Ärendestatistik", "positive_changes": "Positiv förändring"}

SEVERITY = {"error": "Fel", "warning": "Varning"}

CHECK_KINDS = {
    "reconciliation": "Avstämning av tryckta summor",
    "great_expectations": "Regler för tabellernas innehåll",
    "dbt_test": "Datalagrets egna tester",
    "year_over_year": "Rimlighet jämfört med året före",
}
OTHER_CHECK_KIND = "Övriga kontroller"

TARGETS = {"build": "Före publicering", "published": "Omkontroll av det publicerade"}

# What each table of the warehouse holds, for sentences and lists that must not show table names.
TABLES = {
    "dim_municipality": "kommunregistret",
    "dim_municipality_year": "kommunernas tjänster per år",
    "dim_year": "årslistan",
    "dim_source_table": "listan över källtabeller",
    "fct_fees": "avgifterna per kommun",
    "fct_grants": "intäkter och bidrag",
    "fct_visits": "Navets besök",
    "fct_cases": "Medarbetarcentrums ärendetabeller",
    "fct_income_statement": "resultaträkningen",
    "fct_balance_sheet": "balansräkningen",
    "fct_note_lines": "noterna",
    "fct_navet_goals": "Navets resultatmål",
    "fct_staff": "personaltabellerna",
    "fct_key_figures": "siffrorna ur årsredovisningens text",
    "fct_figure_history": "siffrornas historik",
    "fct_restatements": "omräkningarna",
    "fct_population_basis": "invånarunderlaget",
    "fct_municipality_figures": "kommunernas jämförelsetal",
    "fct_municipality_returns": "kommunernas andelar",
    "fct_finance_ratios": "de finansiella nyckeltalen",
    "reports": "de inlästa årsredovisningarna",
    "report_tables": "årsredovisningarnas tabellförteckning",
    "statement_lines": "de inlästa räkenskapsraderna",
    "navet_visits": "de inlästa besökstabellerna",
    "navet_goals": "de inlästa resultatmålen",
    "staff": "de inlästa personaltabellerna",
    "mc_case_statistics": "den inlästa ärendestatistiken",
    "mc_positive_changes": "den inlästa tabellen över positiva förändringar",
    "key_figures": "de inlästa siffrorna ur texten",
}
UNKNOWN_TABLE = "en av datalagrets tabeller"

# Column names as they read in a sentence.
COLUMNS = {
    "year": "år",
    "report_year": "rapportår",
    "municipality_code": "kommunkod",
    "municipality_name": "kommunnamn",
    "fee_type": "avgiftstyp",
    "amount_tkr": "belopp",
    "amount_current": "belopp för året",
    "amount_prior": "belopp för året före",
    "visits": "besök",
    "visit_category": "besökskategori",
    "visitor_group": "besöksgrupp",
    "value": "värde",
    "label": "text",
    "line_id": "rad",
    "line_kind": "radtyp",
    "membership": "medlemskap",
    "county_code": "länskod",
    "persons": "personer",
    "fte": "tjänster",
    "column_no": "kolumn",
    "count": "antal",
    "goal_no": "mål",
    "unit": "enhet",
    "source_ref": "källhänvisning",
    "source_report": "källrapport",
    "source_table": "källtabell",
    "figure_id": "uppgift",
    "note": "not",
}
UNKNOWN_COLUMN = "en kolumn"

# What a Great Expectations expectation found, in a sentence about the values that break it.
EXPECTATIONS = {
    "ExpectColumnValuesToNotBeNull": "saknar värde fast de måste ha ett",
    "ExpectColumnValuesToBeUnique": "förekommer mer än en gång fast de ska vara unika",
    "ExpectCompoundColumnsToBeUnique": "förekommer mer än en gång fast kombinationen ska vara unik",
    "ExpectColumnValuesToBeInSet": "har ett värde som inte är tillåtet",
    "ExpectColumnValuesToBeBetween": "ligger utanför det rimliga intervallet",
    "ExpectColumnValueLengthsToEqual": "har fel längd",
}
UNKNOWN_EXPECTATION = "uppfyller inte regeln"

# What a dbt test checks, by the start of its name.
DBT_TESTS = {
    "not_null": "inga värden saknas",
    "unique_combination_of_columns": "inga rader förekommer två gånger",
    "unique": "inga värden förekommer två gånger",
    "relationships": "varje kod finns i den tabell den hänvisar till",
    "accepted_values": "bara tillåtna värden förekommer",
    "expression_is_true": "en regel för radernas värden håller",
}
UNKNOWN_DBT_TEST = "en regel för tabellens innehåll håller"


def label(mapping: dict[str, str], code: object) -> str:
    return mapping.get(str(code), str(code))


def table_name(asset: object) -> str:
    """`marts/fct_fees` or `marts.fct_fees` → `avgifterna per kommun`."""
    name = str(asset or "").replace(".", "/").split("/")[-1]
    return TABLES.get(name, UNKNOWN_TABLE)


def genitive(name: str) -> str:
    """Borås → Borås, Mark → Marks (a name that ends in s, x or z takes no s)."""
    return name if name[-1:].lower() in ("s", "x", "z") else f"{name}s"


def merged_groups_text(merged) -> str:
    """`**Övriga besökare** är ”Övriga” och ”Högskolan Borås” (2011), ”övrigt” (2012)` from rows of
    (conformed_group, year, visitor_group); empty when nothing is merged."""
    parts = []
    for group, rows in merged.groupby("conformed_group", sort=True):
        labels = [
            f"{' och '.join(f'”{label}”' for label in of_year['visitor_group'])} ({year})"
            for year, of_year in rows.groupby("year", sort=True)
        ]
        parts.append(f"**{group}** är {', '.join(labels)}")
    return "; ".join(parts)
