"""Every page of the app rendered with AppTest against the warehouse published from the 2012 report."""

import pytest

from tests.conftest import REPO
from tests.test_app_helpers import assert_no_error, displayed_tables, open_page, shown_text


@pytest.fixture(autouse=True)
def published_warehouse(published_2012, monkeypatch):
    monkeypatch.setenv("SJUHARAD_WAREHOUSE", str(published_2012))
    return published_2012


def render(page_file: str) -> str:
    app = open_page(page_file)
    assert_no_error(app)
    return shown_text(app), app


def test_overview_shows_key_figures_and_status():
    text, app = render("overview.py")
    metrics = {metric.label: metric for metric in app.metric}
    assert metrics["Årets resultat"].value == "912\u00a0tkr"
    assert "\u2212970" in metrics["Årets resultat"].delta
    assert metrics["Besök på Navet"].value == "57\u00a0576"
    assert metrics["Verksamhetens kostnader"].value == "\u221263\u00a0300\u00a0tkr"
    assert metrics["Medlemsavgifter och förbundsbidrag, totalt"].value == "23\u00a0741\u00a0tkr"
    assert "drygt 500" in metrics["Medarbetarcentrum, hanterade medarbetare"].value
    assert "Nyckeltal 2012" in text
    assert "Kontroller godkända" in metrics
    assert int(metrics["Varningar"].value) >= 1
    assert "Källa: Årsredovisning 2012" in text


def test_member_fees_per_municipality_per_inhabitant_and_share():
    text, app = render("member_fees.py")
    wide = displayed_tables(app)[0]
    boras = wide[(wide["Kommun"] == "Borås") & (wide["Avgiftstyp"] == "Förbundsbidrag (kansli)")].iloc[0]
    assert boras["2012 (tkr)"] == "7\u00a0249"
    assert boras["2011 (tkr)"] == "7\u00a0198"
    assert "+51" in boras["Förändring (tkr)"]
    long = [table for table in displayed_tables(app) if "Andel av avgiftstypen" in table.columns][0]
    boras_2012 = long[(long["Kommun"] == "Borås") & (long["År"] == "2012") & (long["Avgiftstyp"] == "Förbundsbidrag (kansli)")].iloc[0]
    assert (boras_2012["Belopp (tkr)"], boras_2012["Förändring (tkr)"], boras_2012["Förändring (%)"]) == ("7\u00a0249", "+51", "0,7")
    assert long[long["År"] == "2011"]["Förändring (tkr)"].eq("–").all(), "the report gives no year before 2011"
    assert "invånarunderlag härlett ur förbundsbidraget och avgiften per invånare" in text
    per_inhabitant = displayed_tables(app)[-1]
    assert set(per_inhabitant["År"]) == {"2012"}, "no basis for 2011: the report states the rate for 2012 only"
    boras_basis = per_inhabitant[per_inhabitant["Kommun"] == "Borås"].iloc[0]
    assert boras_basis["Invånarunderlag (härlett)"] == "103\u00a0557"
    varberg = per_inhabitant[per_inhabitant["Kommun"] == "Varberg"].iloc[0]
    assert varberg["Angiven avgift (kr/invånare)"] == "11"
    assert "Not 3" in text


def test_revenue_and_grants():
    text, _ = render("revenue_and_grants.py")
    assert "Statsbidrag | 9 020 | 15 380 | +6 360" in text
    assert "Bidrag till projekt/verksamheter | 14 216 | 21 501" in text
    assert "17,5 Mkr" in text
    assert "Not 1 Verksamhetens intäkter" in text


def test_navet():
    text, app = render("navet.py")
    assert "Besök 2012 57 576" in text
    assert "Besök 2011 53 013" in text
    assert "Mark | 3 400 | 7 463" in text
    assert "Avgift per besök = kommunens medlemsavgift till Navet delat med kommunens besök" in text
    relative = [table for table in displayed_tables(app) if "Avgift per besök (kr)" in table.columns][0]
    boras_2012 = relative[(relative["Kommun"] == "Borås") & (relative["År"] == "2012")].iloc[0]
    assert boras_2012["Avgift per besök (kr)"] == "243"  # 4 500 tkr / 18 542 visits
    boras_2011 = relative[(relative["Kommun"] == "Borås") & (relative["År"] == "2011")].iloc[0]
    assert boras_2011["Besök per 1 000 invånare (härlett)"] == "–"
    assert "Minst 20 000 elever på temabesök" in text


def test_medarbetarcentrum_marks_inference():
    text, app = render("medarbetarcentrum.py")
    assert "slutsats" in text
    assert "Kolumn 2 (trolig: Borås, slutsats)" in text
    assert "Kolumn 1 (rubrik okänd)" in text
    assert "Kolumnrubrikerna föll bort" in text
    assert "71" in text and "87" in text


def test_finances():
    text, app = render("finances.py")
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics["Soliditet 2012"] == "13,7\u00a0%"  # 7 626 / 55 561
    assert "Årets resultat | – | 1 882 | 912 | −970" in text
    assert "Eget kapital | 12 |" in text
    assert "Summa tillgångar" in text


def test_municipality_profile():
    text, _ = render("municipality_profile.py")
    assert "Borås" in text
    assert "Förbundsbidrag (kansli) | 7 198 | 7 249" in text
    assert "Medel, medlemskommuner (oviktat)" in text
    assert "slutsats" in text


def test_data_quality():
    text, app = render("data_quality.py")
    assert "Varningar och fel med exakta siffror" in text
    report_tables = [table for table in displayed_tables(app) if "Fil" in table.columns][0]
    assert len(report_tables) == len(list((REPO / "raw" / "arsredovisning-2012").glob("*.csv")))
    income = report_tables[report_tables["Fil"] == "resultatrakning.csv"].iloc[0]
    assert (income["Årsredovisning"], income["Rubrik"]) == ("Årsredovisning 2012", "Resultaträkning 2012, belopp i tkr")
    assert "mc_column_total" in text
    assert "Not 3" in text and "Förbundsbidrag, kansli" in text
    assert "Inga omräkningar" in text
