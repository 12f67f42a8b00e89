"""Every printed total of the 2012 report against the sum of its items.

The report adds up everywhere except in the places listed here, with their exact figures.
"""

import pytest

from dagster_project.duckdb_connection import connect
from dagster_project.quality import reconciliation
from dagster_project.raw_format.loader import load_report
from tests.support.project import REPORT_2012

EXPECTED_DIFFERENCES = {
    ("statement_sum", "not_maskiner_och_inventarier", "utgaende_balans", "amount_current", 2012, 928, 927),
    ("depreciation", "resultatrakning", "avskrivningar", "amount_prior", 2011, -109, -110),
    ("mc_column_total", "mc_positiv_forandring", "Totalt, kommun", "2", 2012, 71, 64),
    ("mc_column_total", "mc_positiv_forandring", "Totalt, kommun", "3", 2012, 3, 2),
    ("mc_column_total", "mc_positiv_forandring", "Totalt, kommun", "7", 2012, 87, 79),
    ("text_against_table", "nyckeltal", "navet_kompetensutveckling_deltagare", "value", 2011, 11700, 11770),
}


@pytest.fixture(scope="module")
def raw_2012(tmp_path_factory):
    con = connect(tmp_path_factory.mktemp("raw") / "build.duckdb")
    load_report(con, REPORT_2012)
    yield con
    con.close()


def test_the_report_adds_up_except_where_it_itself_does_not(raw_2012):
    findings = reconciliation.reconcile(raw_2012)
    found = {
        (
            f.difference.check,
            f.difference.table_id,
            f.difference.line,
            f.difference.column,
            f.difference.year,
            f.difference.printed,
            f.difference.computed,
        )
        for f in findings
    }
    assert found == EXPECTED_DIFFERENCES
    assert {f.severity for f in findings} == {"warning"}
    assert reconciliation.statement_structure(raw_2012) == []


def test_rounding_and_acknowledged_differences_are_named_in_the_message(raw_2012):
    messages = [f.message for f in reconciliation.reconcile(raw_2012)]
    assert any("printed 928, computed 927, difference 1 (rounding" in m for m in messages)
    assert any("printed 87, computed 79, difference 8 (the report itself does not add up" in m for m in messages)


def test_every_check_compares_something(raw_2012):
    """The checks must see the totals they reconcile, not pass on an empty join."""
    assert raw_2012.execute("select count(*) from raw.statement_lines where line_kind = 'total'").fetchone()[0] == 20
    assert raw_2012.execute("select count(*) from raw.navet_visits where line_kind = 'total'").fetchone()[0] == 2


def test_a_changed_figure_is_an_error_naming_the_difference(raw_2012):
    raw_2012.execute("begin transaction")
    try:
        raw_2012.execute(
            "update raw.statement_lines set amount_current = 7294 "
            "where table_id = 'not_forbundsbidrag_kansli' and line_id = 'boras'"
        )
        errors = [f for f in reconciliation.reconcile(raw_2012) if f.severity == "error"]
    finally:
        raw_2012.execute("rollback")
    assert [
        (e.difference.table_id, e.difference.line, e.difference.printed, e.difference.computed) for e in errors
    ] == [("not_forbundsbidrag_kansli", "summa", 15861, 15906)]
    assert "difference -45" in errors[0].message
