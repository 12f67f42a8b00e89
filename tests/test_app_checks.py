"""The Swedish sentence for each kind of check, built from the observed values of real results
(the 2012 warehouse) and, for kinds that pass there, from failures of the shape the checks record;
missing or odd values give a plain Swedish sentence, never English, a dict or a list."""

import json
import re

import pytest

from streamlit_app import queries
from streamlit_app.checks import Names, consequence, observed_values, sentences
from streamlit_app.warehouse import read

NBSP = "\u00a0"
ENGLISH = re.compile(
    r"\b(expected|observed|printed|computed|difference|passed|rows?|values?|unexpected|fee|check|null)\b"
)


def plain(text: str) -> str:
    return text.replace(NBSP, " ")


def assert_plain_swedish(found: list[str]) -> None:
    assert found
    for sentence in found:
        for marker in ("{", "}", "[", "]", "None", "nan", "_"):
            assert marker not in sentence, (marker, sentence)
        assert not ENGLISH.search(sentence), sentence


@pytest.fixture(scope="module")
def results(published_2012):
    import os

    saved = os.environ.get("SJUHARAD_WAREHOUSE")
    os.environ["SJUHARAD_WAREHOUSE"] = str(published_2012)
    try:
        rows = read("select * from audit.check_results")
        names = Names(
            queries.meta.table_titles(),
            queries.meta.line_labels(
                [
                    ("not_maskiner_och_inventarier", "utgaende_balans"),
                    ("resultatrakning", "avskrivningar"),
                    ("nyckeltal", "navet_kompetensutveckling_deltagare"),
                ]
            ),
        )
    finally:
        if saved is None:
            os.environ.pop("SJUHARAD_WAREHOUSE")
        else:
            os.environ["SJUHARAD_WAREHOUSE"] = saved
    return rows, names


def result(rows, check_name: str) -> dict:
    return rows[rows["check_name"] == check_name].iloc[0].to_dict()


def test_reconciliation_names_the_table_line_and_figures(results):
    rows, names = results
    found = [plain(sentence) for sentence in sentences(result(rows, "printed_totals_add_up"), names)]
    assert found == [
        "I tabellen ”Not 8 Maskiner och inventarier” går raden ”Utgående balans” för 2012 inte ihop: "
        "tryckt 928, men avstämningen ger 927 (skillnad +1)."
    ]
    found = [plain(sentence) for sentence in sentences(result(rows, "medarbetarcentrum_totals_add_up"), names)]
    assert (
        "går raden ”Totalt, kommun”, kolumn 2 för 2012 inte ihop: tryckt 71, men avstämningen ger 64 (skillnad +7)."
        in found[0]
    )
    assert len(found) == 3, "column 2, column 3 and the total column do not add up in the printed report"
    passed = sentences(result(rows, "navet_totals_add_up"), names)
    assert passed == ["Alla tryckta summor i Navets besök stämmer med sina delar."]
    assert_plain_swedish(found + passed)


def test_year_over_year_tells_each_change_with_both_figures(results):
    rows, names = results
    found = [plain(sentence) for sentence in sentences(result(rows, "fee_changes_plausible"), names)]
    assert found == [
        "Falkenbergs förbundsbidrag gick från 0 tkr 2011 till 454 tkr 2012 (en ny avgift).",
        "Varbergs förbundsbidrag gick från 1 010 tkr 2011 till 641 tkr 2012 (−36,5 %).",
        "Ulricehamns medlemsavgift till Medarbetarcentrum gick från 272 tkr 2011 till 0 tkr 2012 (avgiften upphörde).",
    ]
    assert "någon bör titta" in consequence(result(rows, "fee_changes_plausible"))
    assert_plain_swedish(found)
    passed = sentences(
        {"kind": "year_over_year", "passed": True, "observed": json.dumps({"max_change_share": 0.25, "changes": []})}
    )
    assert [plain(sentence) for sentence in passed] == [
        "Ingen kommuns avgift ändrades med mer än 25 % jämfört med året före."
    ]


def test_great_expectations_passed_and_failed(results):
    rows, _ = results
    passed = sentences(result(rows, "gx_fct_fees"))
    assert [plain(sentence) for sentence in passed] == ["Alla 2 regler för avgifterna per kommun uppfylls på 44 rader."]
    failed = {
        "kind": "great_expectations",
        "passed": False,
        "severity": "error",
        "asset": "marts/fct_fees",
        "observed": json.dumps(
            {
                "rows": 44,
                "expectations": 12,
                "failures": [
                    {
                        "expectation": "ExpectColumnValuesToBeBetween",
                        "column": "amount_tkr",
                        "expected": "values between 0 and 20000",
                        "observed": "1 unexpected value(s), e.g. [72490]",
                        "unexpected_count": 1,
                        "failing_rows": [{"year": 2012}],
                    },
                    {
                        "expectation": "ExpectCompoundColumnsToBeUnique",
                        "column": "year, municipality_code, fee_type",
                        "unexpected_count": 2,
                    },
                ],
            }
        ),
    }
    found = [plain(sentence) for sentence in sentences(failed)]
    assert found == [
        "I avgifterna per kommun: Ett värde i kolumnen belopp ligger utanför det rimliga intervallet.",
        "I avgifterna per kommun: 2 värden i kolumnerna år, kommunkod, avgiftstyp förekommer mer än en gång fast "
        "kombinationen ska vara unik.",
    ]
    assert "stoppar publiceringen" in consequence(failed)
    assert_plain_swedish(passed + found)


def test_dbt_tests_passed_and_failed(results):
    rows, _ = results
    passed = sentences(result(rows, "not_null_int_fees_municipality_code"))
    assert passed == ["Kontrollerat i en av datalagrets tabeller: inga värden saknas."]
    relationship = rows[rows["check_name"].str.startswith("relationships_fct_fees")].iloc[0].to_dict()
    assert sentences(relationship) == [
        "Kontrollerat i avgifterna per kommun: varje kod finns i den tabell den hänvisar till."
    ]
    failed = sentences(
        {
            "kind": "dbt_test",
            "passed": False,
            "check_name": "not_null_int_fees_municipality_code",
            "asset": "staging/int_fees",
            "observed": {"status": "fail", "failures": 3},
        }
    )
    assert failed == ["I en av datalagrets tabeller gäller inte att inga värden saknas. 3 rader bryter mot regeln."]
    assert_plain_swedish(passed + failed)


@pytest.mark.parametrize(
    "kind", ["reconciliation", "great_expectations", "dbt_test", "year_over_year", "something_new"]
)
@pytest.mark.parametrize(
    "observed",
    [
        None,
        "",
        "not json",
        "[1, 2]",
        json.dumps({"differences": "x", "failures": [1], "changes": [{"share": "a"}]}),
        {},
    ],
)
def test_missing_or_odd_observed_values_give_a_plain_swedish_sentence(kind, observed):
    for passed in (True, False):
        found = sentences(
            {
                "kind": kind,
                "passed": passed,
                "severity": "warning",
                "asset": "marts/fct_cases",
                "check_name": "x",
                "observed": observed,
            }
        )
        assert_plain_swedish(found)


def test_observed_values_reads_json_and_dicts_only():
    assert observed_values('{"rows": 3}') == {"rows": 3}
    assert observed_values({"rows": 3}) == {"rows": 3}
    assert observed_values("[1]") == {} and observed_values(None) == {} and observed_values("{") == {}
