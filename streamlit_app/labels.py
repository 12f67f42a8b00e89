"""Swedish display names for the codes the marts use."""

FEE_TYPES = {
    "forbundsbidrag": "Förbundsbidrag (kansli)",
    "navet": "Medlemsavgift Navet",
    "medarbetarcentrum": "Medlemsavgift Medarbetarcentrum",
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

HEADER_STATUS = {"printed": "Tryckt rubrik", "lost": "Rubrik förlorad"}

SEVERITY = {"error": "Fel", "warning": "Varning"}

CHECK_KINDS = {
    "reconciliation": "Avstämning",
    "great_expectations": "Great Expectations",
    "dbt_test": "dbt-test",
}


def label(mapping: dict[str, str], code: object) -> str:
    return mapping.get(str(code), str(code))
