"""Great Expectations suites on small DataFrames: no build needed."""

import subprocess
import sys

import duckdb
import pandas as pd

from dagster_project.quality import great_expectations_runner
from dagster_project.quality.suites import all_suites, mart_suites

FEES = next(s for s in mart_suites() if s.table == "marts.fct_fees")
VISITS = next(s for s in mart_suites() if s.table == "marts.fct_visits")


def _fees(*rows) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"year": year, "municipality_code": code, "fee_type": fee_type, "amount_tkr": amount,
             "source_report": "arsredovisning-2012", "source_ref": "Årsredovisning 2012, Not 3",
             "source_table": "not_forbundsbidrag_kansli", "source_note": 3, "source_page": None}
            for year, code, fee_type, amount in rows
        ]
    )


def _failures(suite, frame):
    return {f.column: f for f in great_expectations_runner.validate(suite, frame)}


def test_good_fees_meet_every_expectation():
    frame = _fees((2012, "1490", "forbundsbidrag", 7249.0), (2011, "1490", "forbundsbidrag", 7198.0))
    assert great_expectations_runner.validate(FEES, frame) == []


def test_duplicate_grain_is_named_with_its_rows():
    frame = _fees((2012, "1490", "navet", 4500.0), (2012, "1490", "navet", 4500.0))
    failure = _failures(FEES, frame)["year, municipality_code, fee_type"]
    assert failure.expected == "unique combinations"
    assert failure.failing_rows == [{"year": 2012, "municipality_code": "1490", "fee_type": "navet"}] * 2


def test_unknown_municipality_code_is_named():
    frame = _fees((2012, "9999", "navet", 120.0))
    failure = _failures(FEES, frame)["municipality_code"]
    assert failure.unexpected_count == 1
    assert "9999" in failure.observed
    outcome = great_expectations_runner.outcome(FEES, [failure], len(frame))
    assert not outcome.passed and outcome.severity == "error"
    assert "municipality_code" in outcome.message and "9999" in outcome.message


def test_negative_visit_count_is_named():
    frame = pd.DataFrame(
        [{"year": 2012, "visitor_group": "Borås", "municipality_code": "1490", "visit_category": "tema_elever",
          "visits": -5, "source_report": "r", "source_ref": "ref", "source_table": "navet_besok_ar",
          "source_note": None, "source_page": None}]
    )
    failure = _failures(VISITS, frame)["visits"]
    assert failure.expected == "values between 0 and 1000000"
    assert "-5" in failure.observed
    assert failure.failing_rows == [{"year": 2012, "visitor_group": "Borås", "visit_category": "tema_elever", "visits": -5}]


def test_every_mart_and_raw_table_has_a_suite_with_its_grain():
    tables = {s.table for s in all_suites()}
    assert {"marts.fct_fees", "marts.fct_visits", "marts.fct_cases", "marts.dim_municipality"} <= tables
    assert {"raw.statement_lines", "raw.navet_visits", "raw.staff", "raw.mc_case_statistics", "raw.reports"} <= tables
    for suite in all_suites():
        assert suite.expectations[0].columns == suite.grain, suite.table


def test_loading_the_definitions_does_not_import_great_expectations():
    code = "import sys, dagster_project.definitions; print('great_expectations' in sys.modules)"
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert completed.stdout.strip().splitlines()[-1] == "False"


def _unexpected_counts(outcome) -> dict:
    return {(f["expectation"], f["column"]): f["unexpected_count"] for f in outcome.observed["failures"]}


def test_a_large_table_validated_in_parts_has_the_outcome_of_the_whole(tmp_path, monkeypatch):
    frame = _fees(
        (2010, "1490", "forbundsbidrag", -1.0), (2010, "1440", "forbundsbidrag", 583.0),
        (2011, "1490", "forbundsbidrag", -2.0), (2011, "1440", "forbundsbidrag", 583.0),
        (2012, "1490", "forbundsbidrag", 7249.0), (2012, "1490", "forbundsbidrag", 7249.0),
        (None, "1440", "navet", 120.0),
    )
    database = tmp_path / "warehouse.duckdb"
    con = duckdb.connect(str(database))
    con.execute("create schema marts")
    con.register("fees", frame)
    con.execute("create table marts.fct_fees as select * from fees")
    con.close()

    (whole,) = great_expectations_runner.run_suites([FEES], database)
    monkeypatch.setattr(great_expectations_runner, "ROWS_PER_PART", 2)
    (in_parts,) = great_expectations_runner.run_suites([FEES], database)

    assert not whole.passed and not in_parts.passed
    assert _unexpected_counts(in_parts) == _unexpected_counts(whole)
    assert _unexpected_counts(whole)[("ExpectColumnValuesToBeBetween", "amount_tkr")] == 2
    assert _unexpected_counts(whole)[("ExpectCompoundColumnsToBeUnique", "year, municipality_code, fee_type")] == 2
    assert _unexpected_counts(whole)[("ExpectColumnValuesToNotBeNull", "year")] == 1
    assert "in 2 parts of the table (by year)" in in_parts.message
