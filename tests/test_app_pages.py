"""Every page of the app rendered with AppTest against the warehouse published from the 2012 report.

Expected values are the report's printed figures, and shares and ratios computed here from them.
"""

import pyarrow as pa
import pytest
from streamlit.proto.Metric_pb2 import Metric as MetricProto

from streamlit_app.warehouse import read
from tests.support.app_pages import (
    assert_no_error,
    displayed_tables,
    open_page,
    shown_text,
    swedish,
    table_with,
    text_outside_expanders,
)
from tests.support.project import REPO

NBSP = "\u00a0"
# Årsredovisning 2012, notes 3 to 5 (tkr) and Bilaga 1, Antal per kommun 2012 (visits of the municipal visitor groups).
FORBUNDSBIDRAG_2012 = {
    "Bollebygd": 584,
    "Borås": 7249,
    "Falkenberg": 454,
    "Herrljunga": 653,
    "Mark": 2374,
    "Svenljunga": 721,
    "Tranemo": 813,
    "Ulricehamn": 1604,
    "Varberg": 641,
    "Vårgårda": 768,
}
NAVET_FEE_2012 = {"Bollebygd": 120, "Borås": 4500, "Mark": 525, "Svenljunga": 160, "Tranemo": 200, "Ulricehamn": 330}
MC_FEE_2012 = {"Bollebygd": 71, "Borås": 1240, "Mark": 450, "Svenljunga": 133, "Tranemo": 151, "Ulricehamn": 0}
VISITS_2012 = {"Bollebygd": 1366, "Borås": 18542, "Mark": 7463, "Svenljunga": 1911, "Tranemo": 3183, "Ulricehamn": 3656}
OTHER_VISITS_2012 = 21455  # "övrigt"
# Bilaga 2, the total row of the positive changes table, columns 1 to 6 (municipalities inferred, see the seed).
POSITIVE_CHANGES_2012 = {"Bollebygd": 3, "Borås": 71, "Mark": 3, "Svenljunga": 5, "Tranemo": 3, "Ulricehamn": 2}


def share(part: float, whole: float) -> str:
    return f"{swedish(part / whole * 100, 1)} %"


def fee_per_visit(name: str) -> float:
    return NAVET_FEE_2012[name] * 1000 / VISITS_2012[name]


@pytest.fixture(autouse=True)
def published_warehouse(published_2012, monkeypatch):
    monkeypatch.setenv("SJUHARAD_WAREHOUSE", str(published_2012))
    return published_2012


def render(page_file: str, query: dict | None = None):
    app = open_page(page_file, query)
    assert_no_error(app)
    return shown_text(app), app


def test_overview_shows_key_figures_trends_my_municipality_and_status():
    text, app = render("overview.py")
    metrics = {metric.label: metric for metric in app.metric}
    assert metrics["Årets resultat"].value == f"912{NBSP}tkr"
    assert metrics["Årets resultat"].delta.replace(NBSP, " ") == "Minskade med 970 tkr (51,5 %)"
    assert (
        metrics["Årets resultat"]
        .help.replace(NBSP, " ")
        .startswith("Resultatet minskade med 970 tkr (51,5 %) mot 2011.")
    )
    costs = metrics["Verksamhetens kostnader"]
    # Resultaträkningen prints the costs as −63 300 (2012) and −62 651 (2011) tkr: they rose by 649 tkr.
    assert costs.delta.replace(NBSP, " ") == f"Ökade med {63300 - 62651} tkr (1,0 %)"
    assert costs.help.replace(NBSP, " ").startswith("Kostnaderna ökade med 649 tkr (1,0 %) mot 2011.")
    assert costs.proto.direction == MetricProto.MetricDirection.UP
    assert costs.proto.color == MetricProto.MetricColor.RED, "rising costs are the worse direction"
    assert metrics["Besök på Navet"].value == f"57{NBSP}576"
    assert metrics["Verksamhetens kostnader"].value == f"\u221263{NBSP}300{NBSP}tkr"
    assert metrics["Medlemsavgifter och förbundsbidrag"].value == f"23{NBSP}741{NBSP}tkr"
    assert "drygt 500" in metrics["Medarbetare hos Medarbetarcentrum"].value
    assert "Nyckeltal 2012" in text and "Utveckling 2011–2012" in text
    assert "Besök på Navet | 2011 | 53 013 | 2012 | 57 576 | +4 563 | +8,6 %" in text
    assert "Årets resultat | 2011 | 1 882 tkr | 2012 | 912 tkr | −970 tkr | −51,5 %" in text
    navet_fees = sum(NAVET_FEE_2012.values())
    assert metrics["Andel av Navets avgifter"].value.replace(NBSP, " ") == share(4500, navet_fees) == "77,1 %"
    assert "Andel av alla avgifter" not in metrics, "a share of all fees beside a share of Navet's visits misleads"
    assert int(metrics["Varningar"].value) >= 1
    assert "Källa: Årsredovisning 2012" in text


def test_returns_boras_2012_shares_of_fees_visits_and_positive_changes():
    text, app = render("returns.py")
    metrics = {metric.label: metric for metric in app.metric}
    all_fees = sum(FORBUNDSBIDRAG_2012.values()) + sum(NAVET_FEE_2012.values()) + sum(MC_FEE_2012.values())
    boras_fees = FORBUNDSBIDRAG_2012["Borås"] + NAVET_FEE_2012["Borås"] + MC_FEE_2012["Borås"]
    assert (boras_fees, all_fees) == (12989, 23741)
    # Like for like: Borås's share of Navet's fees (Not 4: 4 500 of 5 835 tkr) beside its share of Navet's visits.
    assert list(metrics)[:3] == ["Andel av Navets avgifter", "Andel av Navets kommunbesök", "Navetavgift per besök"]
    navet_fees = sum(NAVET_FEE_2012.values())
    assert metrics["Andel av Navets avgifter"].value.replace(NBSP, " ") == share(4500, navet_fees) == "77,1 %"
    assert metrics["Andel av Navets avgifter"].delta.replace(NBSP, " ") == f"4 500 av {swedish(navet_fees)} tkr"
    assert (
        f"betalade Borås 12 989 av 23 741 tkr ({share(boras_fees, all_fees)})" in text
        and share(boras_fees, all_fees) == "54,7 %"
    )
    assert (
        metrics["Andel av Navets kommunbesök"].value.replace(NBSP, " ")
        == share(18542, sum(VISITS_2012.values()))
        == "51,3 %"
    )
    assert f"18 542 av {swedish(sum(VISITS_2012.values()))} besök" in text
    assert "Andel av Medarbetarcentrums positiva förändringar" not in metrics, "an inferred figure is no headline"
    positive_share = share(71, sum(POSITIVE_CHANGES_2012.values()))
    assert (
        f"Andelen av de positiva förändringarna, {positive_share} (71 av 87 personer), är en slutsats"
        in text.replace("**", "")
    )
    members_mean = sum(fee_per_visit(name) for name in VISITS_2012) / len(VISITS_2012)
    per_visit = metrics["Navetavgift per besök"]
    assert per_visit.value.replace(NBSP, " ") == f"{swedish(fee_per_visit('Borås'))} kr" == "243 kr"
    assert f"medel {swedish(members_mean)} kr" in per_visit.delta.replace(NBSP, " ")
    services = table_with(app, "Tjänst")
    navet = services[services["Tjänst"] == "Navet"].iloc[0]
    assert navet["Andel av tjänstens avgifter"] == share(4500, sum(NAVET_FEE_2012.values())).replace(" ", NBSP)
    kansli = services[services["Tjänst"] == "Förbundsbidrag (kansliet)"].iloc[0]
    assert kansli["Betalat (tkr)"] == f"7{NBSP}249" and "inte per kommun" in kansli["Det som kan föras till kommunen"]
    total_visits = sum(VISITS_2012.values()) + OTHER_VISITS_2012
    assert f"21 455 av Navets {swedish(total_visits)} besök 2012 ({share(OTHER_VISITS_2012, total_visits)})" in text
    assert "”övrigt”" in text
    side_by_side = table_with(app, "Andel av Navets kommunbesök")
    assert len(side_by_side) == 10
    mark = side_by_side[side_by_side["Kommun"] == "Mark"].iloc[0]
    assert mark["Andel av Navets kommunbesök"] == share(7463, sum(VISITS_2012.values())).replace(" ", NBSP)
    herrljunga = side_by_side[side_by_side["Kommun"] == "Herrljunga"].iloc[0]
    assert herrljunga["Besök på Navet"] == "–", "Herrljunga is not in Navet's visitor table: no figure, not 0"


def test_compare_ranks_fee_per_visit_among_the_members_and_colours_only_a_direction():
    app = open_page("compare.py")
    app.selectbox(key="compare_measure").set_value("navet_kr_per_visit").run()
    assert_no_error(app)
    text = shown_text(app)
    ranked = table_with(app, "Plats")
    assert "Bedömning" in ranked.columns
    by_name = ranked.set_index("Kommun")
    cheapest_first = sorted(VISITS_2012, key=fee_per_visit)
    assert cheapest_first[0] == "Tranemo" and cheapest_first[-1] == "Borås"
    assert by_name.loc["Borås", "Plats"] == "plats 6 av 6"
    assert by_name.loc["Tranemo", "Plats"] == "plats 1 av 6"
    assert by_name.loc["Mark", "Plats"] == f"plats {cheapest_first.index('Mark') + 1} av 6"
    assert by_name.loc["Borås", "Bedömning"].startswith("Bland de sämsta")
    assert by_name.loc["Tranemo", "Bedömning"].startswith("Bland de bästa")
    assert by_name.loc["Herrljunga", "Plats"] == "–", "a member without visits has no rank"
    members_mean = sum(fee_per_visit(name) for name in VISITS_2012) / 6
    difference = fee_per_visit("Borås") - members_mean
    assert by_name.loc["Borås", "Skillnad mot medel"] == f"+{swedish(difference)}{NBSP}kr"
    assert f"Borås 2012:** plats 6 av 6, +{swedish(difference)} kr mot medel" in text
    assert "Lägre är bättre" in text
    assert "**Placering:** plats 1 = lägst navetavgift per besök." in text, "which end of the ranking is first"
    labels = [
        row["label"]
        for chart in app.get("vega_lite_chart")
        for dataset in chart.proto.datasets
        for row in pa.ipc.open_stream(dataset.data.data).read_all().to_pylist()
        if "label" in row and "municipality_name" in row
    ]
    assert labels == [f"Borås: {swedish(fee_per_visit('Borås'))}{NBSP}kr"], "the chosen bar is labelled"

    app.selectbox(key="compare_measure").set_value("fees_per_inhabitant_kr").run()
    assert_no_error(app)
    ranked = table_with(app, "Plats")
    assert "Bedömning" not in ranked.columns, "fees per inhabitant have no better direction: no colour"
    assert "Ingen riktning är bättre" in shown_text(app)
    assert "plats 1 = högst avgifter per invånare" in shown_text(app)


def test_the_municipality_chosen_in_the_link_is_the_profile_shown():
    text, app = render("municipality_profile.py", {"kommun": "1463", "fran": "2011", "till": "2012"})
    assert app.sidebar.selectbox(key="municipality_widget").value == "1463"
    metrics = {metric.label: metric.value.replace(NBSP, " ") for metric in app.metric}
    assert metrics["Förbundsbidrag 2012"] == "2 374 tkr"
    deltas = {metric.label: (metric.delta or "").replace(NBSP, " ") for metric in app.metric}
    # Like for like: Mark's share of Navet's fees (Not 4: 525 of 5 835 tkr) beside its share of the municipal visits.
    assert metrics["Medlemsavgift Navet 2012"] == "525 tkr"
    assert deltas["Medlemsavgift Navet 2012"] == f"{share(525, sum(NAVET_FEE_2012.values()))} av avgifterna"
    assert deltas["Besök på Navet 2012"] == f"{share(7463, sum(VISITS_2012.values()))} av kommunbesöken"
    assert metrics["Navetavgift per besök 2012"] == f"{swedish(fee_per_visit('Mark'))} kr"
    assert "Förbundsbidrag (kansli) | 2 368 | 2 374" in text
    comparison = table_with(app, "Medel, medlemskommuner").set_index("Mått")
    rank = sorted(VISITS_2012, key=fee_per_visit).index("Mark") + 1
    assert comparison.loc["Navetavgift per besök", "Plats"] == f"plats {rank} av 6"
    assert comparison.loc["Förbundsbidrag", "Plats"] == "plats 2 av 8"
    services = table_with(app, "Navet")
    assert set(services["Navet"]) == {"Ja"}
    assert "Utveckling 2011–2012" in text
    assert "Kommunblad (Excel)" in [button.label for button in app.get("download_button")]
    assert "Kommunblad (PDF, en sida)" in [button.label for button in app.get("download_button")]


def test_an_adjoined_municipality_has_no_rank_and_no_inferred_outcomes():
    text, app = render("municipality_profile.py", {"kommun": "Varberg"})
    assert app.sidebar.selectbox(key="municipality_widget").value == "1383"
    comparison = table_with(app, "Medel, medlemskommuner").set_index("Mått")
    assert comparison.loc["Förbundsbidrag", "Varberg"] == f"641{NBSP}tkr"
    assert comparison.loc["Förbundsbidrag", "Plats"] == "ingen placering"
    assert "slutsats" not in text


def test_member_fees_per_municipality_per_inhabitant_and_share():
    text, app = render("member_fees.py")
    wide = displayed_tables(app)[0]
    boras = wide[(wide["Kommun"] == "Borås") & (wide["Avgiftstyp"] == "Förbundsbidrag (kansli)")].iloc[0]
    assert boras["2012 (tkr)"] == f"7{NBSP}249"
    assert boras["2011 (tkr)"] == f"7{NBSP}198"
    assert "+51" in boras["Förändring (tkr)"]
    long = table_with(app, "Andel av avgiftstypen")
    boras_2012 = long[
        (long["Kommun"] == "Borås") & (long["År"] == "2012") & (long["Avgiftstyp"] == "Förbundsbidrag (kansli)")
    ].iloc[0]
    assert (boras_2012["Belopp (tkr)"], boras_2012["Förändring (tkr)"], boras_2012["Förändring (%)"]) == (
        f"7{NBSP}249",
        "+51",
        "0,7",
    )
    assert boras_2012["Andel av avgiftstypen"] == share(7249, sum(FORBUNDSBIDRAG_2012.values())).replace(" ", NBSP)
    assert long[long["År"] == "2011"]["Förändring (tkr)"].eq("–").all(), "the report gives no year before 2011"
    assert "invånarunderlag härlett ur förbundsbidraget och avgiften per invånare" in text
    per_inhabitant = table_with(app, "Invånarunderlag (härlett)")
    assert set(per_inhabitant["År"]) == {"2012"}, "no basis for 2011: the report states the rate for 2012 only"
    boras_basis = per_inhabitant[per_inhabitant["Kommun"] == "Borås"].iloc[0]
    assert boras_basis["Invånarunderlag (härlett)"] == f"103{NBSP}557"  # 7 249 000 kr / 70 kr
    varberg = per_inhabitant[per_inhabitant["Kommun"] == "Varberg"].iloc[0]
    assert varberg["Angiven avgift (kr/invånare)"] == "11"
    assert "Not 3" in text


def test_revenue_and_grants():
    text, app = render("revenue_and_grants.py")
    assert "Statsbidrag | 9 020 | 15 380 | +6 360" in text
    assert "Bidrag till projekt/verksamheter | 14 216 | 21 501" in text
    in_text = table_with(app, "Som tryckt").set_index("Text i årsredovisningen")
    # Avsnitt 4.1: "Under 2012 har det delregionala tillväxtprogrammet omfattat 17,5 Mkr".
    growth = in_text.loc["Under 2012 har det delregionala tillväxtprogrammet omfattat 17,5 Mkr"]
    assert growth["Som tryckt"] == "17,5 Mkr", "keyed as printed (raw column as_printed)"
    assert growth["Belopp (tkr)"] == f"17{NBSP}500"
    stimulus = in_text.loc["fått ta del av stimulansmedel motsvarande ca 4 700 000 kr"]
    assert stimulus["Som tryckt"] == "ca 4 700 000 kr"
    assert "Not 1 Verksamhetens intäkter" in text


def test_navet():
    text, app = render("navet.py")
    assert "Besök 2012 57 576" in text
    assert "Besök 2011 53 013" in text
    assert "Mark | 3 400 | 7 463" in text
    relative = table_with(app, "Avgift per besök (kr)")
    boras_2012 = relative[(relative["Kommun"] == "Borås") & (relative["År"] == "2012")].iloc[0]
    assert boras_2012["Avgift per besök (kr)"] == swedish(fee_per_visit("Borås"))
    boras_2011 = relative[(relative["Kommun"] == "Borås") & (relative["År"] == "2011")].iloc[0]
    assert boras_2011["Besök per 1 000 invånare (härlett)"] == "–"
    assert "Minst 20 000 elever på temabesök" in text


def test_medarbetarcentrum_marks_inference_and_computes_what_does_not_add_up():
    text, app = render("medarbetarcentrum.py")
    assert "Kolumn 2 (trolig: Borås, slutsats)" in text
    assert "Kolumn 1 (rubrik okänd)" in text
    assert "Kolumnrubrikerna föll bort" in text
    # Bilaga 2: column 2 prints the total 71, its outcome rows are 41 + 2 + 14 + 4 + 1 + 1 + 1 = 64;
    # the total column prints 87, its rows are 48 + 6 + 18 + 4 + 1 + 1 + 1 = 79.
    assert f"kolumn 2 för 2012 inte ihop: tryckt 71, men avstämningen ger {41 + 2 + 14 + 4 + 1 + 1 + 1}" in text
    assert f"kolumn 7 för 2012 inte ihop: tryckt 87, men avstämningen ger {48 + 6 + 18 + 4 + 1 + 1 + 1}" in text
    evidence = [expander for expander in app.expander if "Underlag" in expander.label]
    assert evidence and "not 5" in shown_text(app)


def test_finances_ratios_from_the_2012_statements():
    text, app = render("finances.py")
    metrics = {metric.label: metric for metric in app.metric}
    income = 39072 + 15861 + 5835 + 2045 + 1484  # the income lines of the Resultaträkning 2012
    assert metrics["Resultat i procent av intäkterna 2012"].value.replace(NBSP, " ") == share(912, income) == "1,4 %"
    assert metrics["Soliditet 2012"].value.replace(NBSP, " ") == share(7626, 55561) == "13,7 %"
    assert metrics["Soliditet utan pensionsavsättningen som skuld 2012"].value.replace(NBSP, " ") == share(
        7626 + 4733, 55561
    )
    assert metrics["Kassalikviditet 2012"].value.replace(NBSP, " ") == share(54121, 42956) == "126,0 %"
    assert "Eget kapital delat med summa tillgångar" in metrics["Soliditet 2012"].help
    assert metrics["Bedömt behov"].value.replace(NBSP, " ") == "cirka 4 000 tkr"
    assert metrics["Över (+) eller under (−) behovet"].value.replace(NBSP, " ") == f"+{swedish(7626 - 4000)} tkr"
    costs = table_with(app, "Slag").set_index("Slag")
    assert costs.loc["Personalkostnader", "2012 (tkr)"] == f"23{NBSP}403"
    assert costs.loc["Personalkostnader", "Andel 2012"] == share(23403, 21501 + 23403 + 18396).replace(" ", NBSP)
    assert costs.loc["(varav avgångsvederlag)", "Andel 2011"] == "–", "a varav line is no part of the sum"
    assert "Årets resultat | – | 1 882 | 912 | −970" in text
    assert "Avsättningar | – | – | – | –" in text, "a heading printed without figures shows no figures"
    assert "Not 1: Verksamhetens intäkter" in [option for option in app.selectbox(key="finance_note").options]


def test_data_quality_speaks_swedish_and_keeps_engineering_detail_collapsed():
    app = open_page("data_quality.py")
    assert_no_error(app)
    visible = text_outside_expanders(app)
    assert (
        "I tabellen ”Not 8 Maskiner och inventarier” går raden ”Utgående balans” för 2012 inte ihop: tryckt 928, "
        "men avstämningen ger 927 (skillnad +1)." in visible
    )
    assert "kolumn 2 för 2012 inte ihop: tryckt 71, men avstämningen ger 64 (skillnad +7)" in visible
    assert "Falkenbergs förbundsbidrag gick från 0 tkr 2011 till 454 tkr 2012 (en ny avgift)." in visible
    assert "Varbergs förbundsbidrag gick från 1 010 tkr 2011 till 641 tkr 2012 (−36,5 %)." in visible
    results = read("select distinct run_id, message from audit.check_results")
    messages, run_ids = list(results["message"].unique()), list(results["run_id"].unique())
    for english in messages:
        assert english not in visible, f"an English check message in the main view: {english}"
    for run_id in run_ids:
        assert run_id not in visible
    for marker in ("None", "{", "[", "fct_", "marts/", "gx_", "expectations met"):
        assert marker not in visible, marker
    technical = shown_text(app)
    assert run_ids[0] in technical and "gx_fct_fees" in technical, "the engineering detail is in the collapsed part"
    report_tables = table_with(app, "Rubrik")
    assert len(report_tables) == len(list((REPO / "raw" / "arsredovisning-2012").glob("*.csv")))
    assert "Inga omräkningar" in visible


def test_about_explains_the_measures_with_the_rates_the_report_states():
    text, app = render("about.py")
    assert "2012: 70 kr per invånare för medlemskommunerna; 11 kr per invånare för de adjungerade kommunerna" in text
    assert "kolumn 2: Borås" in text and "slutsats" in text
    measures = table_with(app, "Riktning").set_index("Mått")
    assert measures.loc["Navetavgift per besök", "Riktning"] == "Lägre är bättre"
    assert measures.loc["Avgifter per invånare", "Riktning"] == "Ingen riktning"
    assert "varje morgon" in text
