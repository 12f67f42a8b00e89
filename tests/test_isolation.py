"""Isolation for any mix of faults: each bad report is named with only its own reasons, and a
good report publishes whatever bad ones sit beside it.

The rules are tested on small outcomes; one end-to-end `make build` over a mix of a figure
fault, a YAML fault and a schema fault (two rejected at validation at once) proves the promise.
"""

import shutil
from pathlib import Path

import dagster as dg
import pytest

from dagster_project.build import build_all
from dagster_project.publishing.quarantine import culprits, still_quarantined
from dagster_project.publishing.rejections import read_rejection, write_rejection
from dagster_project.quality.results import CheckOutcome
from tests.support.good_and_bad import BAD_FEE, borås_förbundsbidrag
from tests.support.project import REPORT_2012, SYNTHETIC_2013, copy_report, project_environment, query


def reconciliation(errors: list[str], reports: list[str]) -> CheckOutcome:
    observed = {"errors": errors, "warnings": [], "reports_in_error": reports, "differences": []}
    return CheckOutcome(
        "printed_totals_add_up", "marts/fct_note_lines", "reconciliation", "error", False, "; ".join(errors), observed
    )


def test_each_report_gets_only_its_own_differences():
    outcome = reconciliation(
        [
            "arsredovisning-2012 / not_forbundsbidrag_kansli: statement_sum at line 'summa', column amount_prior 2011: "
            "printed 15709, computed 15809, difference -100 (a keying mistake)",
            "arsredovisning-2014 / resultatrakning: statement_sum at line 'arets_resultat', column amount_current 2014: "
            "printed 10, computed 12, difference -2 (a keying mistake)",
        ],
        ["arsredovisning-2012", "arsredovisning-2014"],
    )
    found = culprits([outcome], ["arsredovisning-2012", "arsredovisning-2014"])
    assert sorted(found) == ["arsredovisning-2012", "arsredovisning-2014"]
    assert found["arsredovisning-2012"] == [
        "printed_totals_add_up: arsredovisning-2012 / not_forbundsbidrag_kansli: statement_sum at line 'summa', "
        "column amount_prior 2011: printed 15709, computed 15809, difference -100 (a keying mistake)"
    ]
    assert all("2012" not in reason.split(": ", 1)[1].split(" / ")[0] for reason in found["arsredovisning-2014"])


def test_each_report_gets_only_its_own_failing_rows():
    observed = {
        "failures": [
            {
                "expectation": "expect_column_values_to_be_between",
                "column": "value",
                "expected": "at most 1000000",
                "observed": "2 of 40 rows",
                "failing_rows": [
                    {"report_id": "arsredovisning-2013", "source_file": "mc_arendestatistik.csv", "row_number": 3},
                    {"report_id": "arsredovisning-2014", "source_file": "mc_arendestatistik.csv", "row_number": 7},
                ],
            }
        ]
    }
    outcome = CheckOutcome(
        "gx_raw_mc_case_statistics", "raw/mc_case_statistics", "great_expectations", "error", False, "…", observed
    )
    found = culprits([outcome], [])
    assert found["arsredovisning-2013"] == [
        "raw.mc_case_statistics: value: expected at most 1000000, found in rows of arsredovisning-2013: "
        "report_id=arsredovisning-2013, source_file=mc_arendestatistik.csv, row_number=3"
    ]
    assert "row_number=3" not in found["arsredovisning-2014"][0]


def test_a_failure_naming_no_report_is_put_on_the_one_report_of_its_run_only():
    anonymous = CheckOutcome("not_null_fct_fees_year", "marts/fct_fees", "dbt_test", "error", False, "failed rows: 2")
    assert culprits([anonymous], ["arsredovisning-2013"]) == {
        "arsredovisning-2013": ["not_null_fct_fees_year: failed rows: 2"]
    }
    assert culprits([anonymous], ["arsredovisning-2013", "arsredovisning-2014"]) == {}
    warning = CheckOutcome("fee_change", "marts/fct_fees", "year_over_year", "warning", False, "Borås +40 %")
    assert culprits([warning], ["arsredovisning-2013"]) == {}, "a warning names no culprit"


def test_a_quarantined_report_stays_out_until_its_files_change(tmp_path):
    raw_dir, published = tmp_path / "raw", tmp_path / "warehouse" / "sjuharad.duckdb"
    folder = copy_report(raw_dir)
    write_rejection(folder, ["printed_totals_add_up: …"], "run-1", published, quarantine=True)
    assert still_quarantined(raw_dir, published) == [REPORT_2012.name]
    fees = folder / "not_forbundsbidrag_kansli.csv"
    fees.write_text(fees.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert still_quarantined(raw_dir, published) == [], "corrected files are loaded again"


def mixed_faults(raw_dir: Path) -> None:
    """2012 with a figure fault, 2013 good, 2014 a YAML fault, 2015 a schema fault."""
    fees = raw_dir / REPORT_2012.name / "not_forbundsbidrag_kansli.csv"
    fees.write_text(fees.read_text(encoding="utf-8").replace(*BAD_FEE), encoding="utf-8")
    shutil.copytree(SYNTHETIC_2013, raw_dir / SYNTHETIC_2013.name)
    yaml_fault = shutil.copytree(SYNTHETIC_2013, raw_dir / "arsredovisning-2014")
    (yaml_fault / "report.yml").write_text("report_year: [2014\ntables: {", encoding="utf-8")
    schema_fault = shutil.copytree(SYNTHETIC_2013, raw_dir / "arsredovisning-2015")
    staff = schema_fault / "navet_personal.csv"
    lines = staff.read_text(encoding="utf-8").splitlines()
    staff.write_text("\n".join([lines[0].replace(";", ";extra_column;", 1), *lines[1:]]) + "\n", encoding="utf-8")


def problems(report_id: str, warehouse: Path) -> str:
    return "\n".join(problem["message"] for problem in read_rejection(report_id, warehouse)["problems"])


@pytest.mark.pipeline
def test_a_good_report_publishes_beside_a_figure_a_yaml_and_a_schema_fault_until_they_are_corrected(
    report_beside_published_2012, capsys
):
    raw_dir, warehouse = report_beside_published_2012
    mixed_faults(raw_dir)
    with project_environment(raw_dir, warehouse), dg.DagsterInstance.ephemeral() as instance:
        assert not build_all(instance)
    output = capsys.readouterr().out
    assert "Published version" in output
    for report_id in ("arsredovisning-2012", "arsredovisning-2014", "arsredovisning-2015"):
        assert f"QUARANTINED {report_id}" in output
    quarantined = query(warehouse, "select report_id, figures_kept from audit.quarantined_reports order by 1")
    assert borås_förbundsbidrag(warehouse) == {2011: 7198, 2012: 7249, 2013: 7310}, (
        "2013 is published; 2012 keeps its published figures"
    )
    assert quarantined == [
        ("arsredovisning-2012", "last_published"),
        ("arsredovisning-2014", "none"),
        ("arsredovisning-2015", "none"),
    ]
    assert "printed 15709, computed 15809" in problems("arsredovisning-2012", warehouse)
    assert "report.yml" in problems("arsredovisning-2014", warehouse)
    assert "navet_personal.csv" in problems("arsredovisning-2015", warehouse)
    for report_id in ("arsredovisning-2012", "arsredovisning-2014", "arsredovisning-2015"):
        others = {"arsredovisning-2012", "arsredovisning-2013", "arsredovisning-2014", "arsredovisning-2015"} - {
            report_id
        }
        assert not any(other in problems(report_id, warehouse) for other in others), (
            f"{report_id}: its own reasons only"
        )
    assert "not_forbundsbidrag_kansli: statement_sum at line 'summa', column amount_prior 2011" in problems(
        "arsredovisning-2012", warehouse
    )
    assert read_rejection(SYNTHETIC_2013.name, warehouse) is None

    fees = raw_dir / REPORT_2012.name / "not_forbundsbidrag_kansli.csv"
    fees.write_text(fees.read_text(encoding="utf-8").replace(BAD_FEE[1], BAD_FEE[0]), encoding="utf-8")
    with project_environment(raw_dir, warehouse), dg.DagsterInstance.ephemeral() as instance:
        build_all(instance)
    assert query(warehouse, "select report_id from audit.quarantined_reports order by 1") == [
        ("arsredovisning-2014",),
        ("arsredovisning-2015",),
    ], "the corrected 2012 files lift its quarantine; the unchanged faulty reports stay out"
    assert read_rejection(REPORT_2012.name, warehouse) is None
    assert borås_förbundsbidrag(warehouse) == {2011: 7198, 2012: 7249, 2013: 7310}


def test_a_quarantine_run_that_fails_on_a_further_report_adds_it(tmp_path):
    """The sensor's next quarantine run takes out the reports already out and the newly named one."""
    from dagster_project.defs.automation.quarantine_sensor import quarantine_request
    from dagster_project.defs.resources import Warehouse
    from dagster_project.publishing.quarantine import QUARANTINE_TAG

    raw_dir, published = tmp_path / "raw", tmp_path / "warehouse" / "sjuharad.duckdb"
    copy_report(raw_dir)
    warehouse = Warehouse(raw_dir=str(raw_dir), published_path=str(published))
    failed = dg.DagsterRun(job_name="report_pipeline", run_id="run-2", tags={QUARANTINE_TAG: "arsredovisning-2015"})
    assert quarantine_request(failed, warehouse) is None, "it named no further report"
    write_rejection(raw_dir / REPORT_2012.name, ["printed_totals_add_up: …"], "run-2", published, quarantine=True)
    request = quarantine_request(failed, warehouse)
    assert request.tags[QUARANTINE_TAG] == "arsredovisning-2012,arsredovisning-2015"
    assert request.run_config["ops"]["raw_report_tables"]["config"] == {
        "reports": [],
        "quarantine": ["arsredovisning-2012", "arsredovisning-2015"],
    }
