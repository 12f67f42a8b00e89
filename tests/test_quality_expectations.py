"""Great Expectations suites on small DataFrames: no build needed."""

import json
import subprocess
import sys

import duckdb
import pandas as pd
import pytest

from dagster_project import paths
from dagster_project.quality import great_expectations_runner
from dagster_project.quality.suites import mart_suites, raw_suites

FEES = next(s for s in mart_suites() if s.table == "marts.fct_fees")
VISITS = next(s for s in mart_suites() if s.table == "marts.fct_visits")
NAVET_VISITS = next(s for s in raw_suites() if s.table == "raw.navet_visits")
STAFF = next(s for s in raw_suites() if s.table == "raw.staff")


def _fees(*rows) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "year": year,
                "municipality_code": code,
                "fee_type": fee_type,
                "amount_tkr": amount,
                "source_report": "arsredovisning-2012",
                "source_ref": "Årsredovisning 2012, Not 3",
                "source_table": "not_forbundsbidrag_kansli",
                "source_note": 3,
                "source_page": None,
            }
            for year, code, fee_type, amount in rows
        ]
    )


def _failures(suite, frame):
    return {f.column: f for f in great_expectations_runner.validate(suite, frame)}


def test_good_fees_meet_every_expectation():
    frame = _fees((2012, "1490", "forbundsbidrag", 7249.0), (2011, "1490", "forbundsbidrag", 7198.0))
    assert great_expectations_runner.validate(FEES, frame) == []


def _staff(*rows) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "report_id": report_id,
                "table_id": "navet_personal",
                "source_file": f"{report_id}/navet_personal.csv",
                "file_sha256": "0" * 64,
                "row_number": number,
                "role": role,
                "line_kind": "item",
                "persons": persons,
                "fte": persons,
            }
            for number, (report_id, role, persons) in enumerate(rows, start=1)
        ]
    )


def test_duplicate_raw_grain_is_named_with_its_rows():
    frame = _staff(("arsredovisning-2012", "Pedagog", 5), ("arsredovisning-2012", "Pedagog", 5))
    failure = _failures(STAFF, frame)["report_id, table_id, role"]
    assert failure.expected == "unique combinations"
    assert [row["row_number"] for row in failure.failing_rows] == [1, 2]
    assert failure.failing_rows[0] == {
        "report_id": "arsredovisning-2012",
        "table_id": "navet_personal",
        "role": "Pedagog",
        "source_file": "arsredovisning-2012/navet_personal.csv",
        "row_number": 1,
    }


def test_unknown_visit_category_is_named():
    frame = pd.DataFrame(
        [
            {
                "year": 2012,
                "visitor_group": "Borås",
                "municipality_code": "1490",
                "visit_category": "tema_elev",
                "visits": 10079,
                "source_report": "arsredovisning-2012",
                "source_ref": "ref",
                "source_table": "navet_besok_ar",
                "source_note": None,
                "source_page": None,
            }
        ]
    )
    failure = _failures(VISITS, frame)["visit_category"]
    assert failure.unexpected_count == 1
    assert "tema_elev" in failure.observed
    outcome = great_expectations_runner.outcome(VISITS, [failure], len(frame))
    assert not outcome.passed and outcome.severity == "error"
    assert "visit_category" in outcome.message and "tema_elev" in outcome.message


def test_negative_visit_count_is_named_with_its_file_row():
    frame = pd.DataFrame(
        [
            {
                "report_id": "arsredovisning-2012",
                "table_id": "navet_besok_ar",
                "source_file": "arsredovisning-2012/navet_besok_ar.csv",
                "file_sha256": "0" * 64,
                "row_number": 2,
                "visitor_group": "Borås",
                "line_kind": "item",
                "tema_elever": -5,
                "tema_larare": None,
                "kompetensutveckling_larare": None,
                "allmanhet_barn": None,
                "allmanhet_vuxna": None,
                "konferenser": None,
                "summa": -5,
            }
        ]
    )
    failure = _failures(NAVET_VISITS, frame)["tema_elever"]
    assert failure.expected == "values between 0 and 1000000"
    assert "-5" in failure.observed
    assert failure.failing_rows == [
        {
            "report_id": "arsredovisning-2012",
            "table_id": "navet_besok_ar",
            "line_kind": "item",
            "visitor_group": "Borås",
            "source_file": "arsredovisning-2012/navet_besok_ar.csv",
            "row_number": 2,
            "tema_elever": -5,
        }
    ]


def test_every_raw_table_has_a_suite_that_asserts_its_grain():
    tables = {s.table for s in raw_suites()}
    assert {"raw.statement_lines", "raw.navet_visits", "raw.staff", "raw.mc_case_statistics", "raw.reports"} <= tables
    for suite in raw_suites():
        assert suite.expectations[0].columns == suite.grain, suite.table


def test_every_mart_has_a_suite_and_its_grain_in_its_dbt_contract():
    manifest = json.loads((paths.dbt_project_dir() / "target" / "manifest.json").read_text(encoding="utf-8"))
    marts = {
        node["name"]: node
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["fqn"][1] == "marts"
    }
    tested_grains = {
        node["attached_node"].split(".")[-1]: node["test_metadata"]["kwargs"]["combination_of_columns"]
        for node in manifest["nodes"].values()
        if (node.get("test_metadata") or {}).get("name") == "unique_combination_of_columns"
        and node.get("attached_node")
    }
    suites = {s.table.removeprefix("marts."): s for s in mart_suites()}
    # Two dimensions are copies: dim_municipality of the seed municipalities (the seeds' tests check it) and
    # dim_source_table of raw.reports and raw.report_tables (their suites check them).
    assert set(suites) == set(marts) - {"dim_municipality", "dim_source_table"}, "one Great Expectations suite per mart"
    for name, node in marts.items():
        keys = [c["columns"] for c in node["constraints"] if c["type"] == "primary_key"]
        unique_columns = [
            [c["name"]] for c in node["columns"].values() if any(k["type"] == "unique" for k in c["constraints"])
        ]
        grain = keys[0] if keys else tested_grains.get(name) or unique_columns[0]
        assert node["config"]["contract"]["enforced"], name
        if name not in suites:
            continue
        assert list(grain) == list(suites[name].grain), f"{name}: the suite names rows by the contract's grain"
        assert not any(
            e.kind in ("ExpectCompoundColumnsToBeUnique", "ExpectColumnValuesToNotBeNull")
            for e in suites[name].expectations
        ), f"{name}: grain and not null are its contract's"


def test_loading_the_definitions_does_not_import_great_expectations():
    code = "import sys, dagster_project.definitions; print('great_expectations' in sys.modules)"
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert completed.stdout.strip().splitlines()[-1] == "False"


def _unexpected_counts(outcome) -> dict:
    return {(f["expectation"], f["column"]): f["unexpected_count"] for f in outcome.observed["failures"]}


def test_a_large_table_validated_in_parts_has_the_outcome_of_the_whole(tmp_path, monkeypatch):
    frame = _staff(
        ("arsredovisning-2010", "Pedagog", -1),
        ("arsredovisning-2010", "Tekniker", 2),
        ("arsredovisning-2011", "Pedagog", -2),
        ("arsredovisning-2011", "Tekniker", 2),
        ("arsredovisning-2012", "Pedagog", 5),
        ("arsredovisning-2012", "Pedagog", 5),
        (None, "Tekniker", 1),
    )
    database = tmp_path / "warehouse.duckdb"
    con = duckdb.connect(str(database))
    con.execute("create schema raw")
    con.register("staff", frame)
    con.execute("create table raw.staff as select * from staff")
    con.close()

    (whole,) = great_expectations_runner.run_suites([STAFF], database)
    monkeypatch.setattr(great_expectations_runner, "ROWS_PER_PART", 2)
    (in_parts,) = great_expectations_runner.run_suites([STAFF], database)

    assert not whole.passed and not in_parts.passed
    assert _unexpected_counts(in_parts) == _unexpected_counts(whole)
    assert _unexpected_counts(whole)[("ExpectColumnValuesToBeBetween", "persons")] == 2
    assert _unexpected_counts(whole)[("ExpectCompoundColumnsToBeUnique", "report_id, table_id, role")] == 2
    assert _unexpected_counts(whole)[("ExpectColumnValuesToNotBeNull", "report_id")] == 1
    assert "in 2 parts of the table (by report_id)" in in_parts.message


def test_the_validators_pool_size_comes_from_the_environment(monkeypatch):
    from dagster_project.defs.quality.expectation_validator import WORKERS_VARIABLE, workers_from_environment

    monkeypatch.delenv(WORKERS_VARIABLE, raising=False)
    assert workers_from_environment() == 2
    monkeypatch.setenv(WORKERS_VARIABLE, "0")
    assert workers_from_environment() == 0
    monkeypatch.setenv(WORKERS_VARIABLE, "två")
    with pytest.raises(ValueError, match="SJUHARAD_GX_WORKERS: expected a whole number of worker processes"):
        workers_from_environment()
