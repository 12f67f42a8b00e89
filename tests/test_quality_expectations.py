"""Great Expectations suites on small DataFrames: no build needed."""

import subprocess
import sys

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
