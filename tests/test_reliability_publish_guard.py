"""Bad reports through `make build` (build.build_all): nothing of them is published, nothing is lost.

Starts from a copy of the session's published 2012 warehouse (published file, build file
and versions) and runs the real pipeline on bad copies of the 2012 report: the published
file must stay byte-identical, no version may be added, and the rejection record must list
every problem while the files stay where they are.
"""

import hashlib
import shutil
from datetime import UTC, datetime
from pathlib import Path

import dagster as dg
import pytest

from dagster_project import paths
from dagster_project.build import build_all
from dagster_project.definitions import defs
from dagster_project.defs.ingest.assets import run_config
from dagster_project.duckdb_connection import connect
from dagster_project.publishing.publish import list_versions
from dagster_project.publishing.rejections import read_rejection, rejection_record_path
from tests.support.bad_reports import CASES_BY_ID, bad_copy, matching_problem
from tests.support.project import REPORT_2012, project_environment

# One case of each path to a rejection: a file's content, and the manifest. That each mistake of the corpus
# is rejected with its file, row and column is proved where validation lives (test_reliability_bad_input.py).
REJECTED_END_TO_END = ("text_in_a_number_column", "manifest_missing")
# A failing dbt test; the reconciliations and the suites stop a run in test_quality_gate.py, where the raw
# suite's rule (an impossible case count) is tested on the loaded raw tables.
CAUGHT_AT_BUILD = ("unknown_municipality",)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Guarded:
    def __init__(self, root: Path, published_2012: Path):
        self.root = root
        self.warehouse = root / "warehouse" / published_2012.name
        shutil.copytree(published_2012.parent, self.warehouse.parent)
        self.published_sha256 = sha256(self.warehouse)
        self.versions = list_versions(self.warehouse.parent / "versions")
        self.runs = 0

    def fresh_raw_dir(self) -> Path:
        self.runs += 1
        return self.root / f"raw-{self.runs}"

    def build(self, raw_dir: Path) -> bool:
        with project_environment(raw_dir, self.warehouse), dg.DagsterInstance.ephemeral() as instance:
            return build_all(instance)

    def assert_nothing_published(self) -> None:
        assert sha256(self.warehouse) == self.published_sha256, "the published file is byte-identical"
        assert list_versions(self.warehouse.parent / "versions") == self.versions, "no version was added"
        assert not list(self.warehouse.parent.glob(".*.tmp*")), "no prepared copy is left behind"

    def record(self, raw_dir: Path) -> dict:
        with project_environment(raw_dir, self.warehouse):
            return read_rejection(REPORT_2012.name)


@pytest.fixture(scope="module")
def guarded(tmp_path_factory, published_2012) -> Guarded:
    return Guarded(tmp_path_factory.mktemp("publish_guard"), published_2012)


@pytest.mark.parametrize("case_id", REJECTED_END_TO_END)
def test_a_rejected_report_publishes_nothing_and_is_listed_with_its_problems(guarded, case_id, capsys):
    case = CASES_BY_ID[case_id]
    raw_dir = guarded.fresh_raw_dir()
    report_dir = bad_copy(raw_dir, case)
    files_before = sorted(path.name for path in report_dir.iterdir())

    assert not guarded.build(raw_dir)

    guarded.assert_nothing_published()
    assert sorted(path.name for path in report_dir.iterdir()) == files_before, "the rejected files stay where they are"
    record = guarded.record(raw_dir)
    assert record["report"] == REPORT_2012.name
    assert matching_problem([p["message"] for p in record["problems"]], case["messages"])
    assert {f["file"] for f in record["files"]} <= set(files_before)
    with project_environment(raw_dir, guarded.warehouse):
        assert f"every problem is listed in {rejection_record_path(REPORT_2012.name)}" in capsys.readouterr().out


def failed_blocking_checks(build_file: Path, since: datetime) -> list[str]:
    con = connect(build_file, read_only=True)
    try:
        rows = con.execute(
            "select asset, check_name, message from audit.check_results "
            "where not passed and severity = 'error' and checked_at >= ?",
            [since],
        ).fetchall()
    finally:
        con.close()
    return [" ".join(str(value) for value in row) for row in rows]


@pytest.mark.parametrize("case_id", CAUGHT_AT_BUILD)
def test_well_formed_but_wrong_figures_are_stopped_by_the_checks(guarded, case_id):
    raw_dir = guarded.fresh_raw_dir()
    bad_copy(raw_dir, CASES_BY_ID[case_id])
    started = datetime.now(UTC)

    assert not guarded.build(raw_dir)

    guarded.assert_nothing_published()
    with project_environment(raw_dir, guarded.warehouse):
        failures = failed_blocking_checks(paths.build_warehouse(), started)
    assert matching_problem(failures, CASES_BY_ID[case_id]["messages"]), f"{case_id}: {failures}"


def test_the_rejection_record_goes_once_the_report_loads_cleanly(guarded):
    raw_dir = guarded.fresh_raw_dir()
    report_dir = bad_copy(raw_dir, CASES_BY_ID["duplicate_row"])
    assert not guarded.build(raw_dir)
    assert guarded.record(raw_dir) is not None
    shutil.rmtree(report_dir)
    shutil.copytree(REPORT_2012, report_dir)

    with project_environment(raw_dir, guarded.warehouse), dg.DagsterInstance.ephemeral() as instance:
        result = defs.resolve_job_def("ingest_report").execute_in_process(
            instance=instance, run_config=run_config([REPORT_2012.name])
        )

    assert result.success
    assert guarded.record(raw_dir) is None
    guarded.assert_nothing_published()
