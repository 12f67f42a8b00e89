"""`make check-draft YEAR=2013`: every check of the pipeline on a draft, before anyone confirms it.

The checks are the pipeline's own: the `report_pipeline` job (defs/automation/jobs.py) runs
its ingest, dbt and quality-gate steps (every asset but `published_warehouse`) in this
process, with an ephemeral Dagster instance and the `warehouse` resource pointed at a
temporary folder: a scratch raw folder holding the draft (drafting/check.py stages it) and
the other years' reports, and a scratch warehouse beside it. dbt runs as in every build,
through dagster-dbt. Nothing is published, the published warehouse is never opened, no
run is recorded in the Dagster instance of DAGSTER_HOME, and the temporary folder is
removed at the end.

Like build.py, this is a command-line face of the Dagster definitions, so it imports from
defs/ (no library module does).
"""

import argparse
import contextlib
import shutil
import sys
import tempfile
from pathlib import Path

import dagster as dg
import duckdb

from dagster_project import paths
from dagster_project.defs.automation.jobs import REPORT_PIPELINE_JOB
from dagster_project.defs.automation.quarantine_sensor import step_failures
from dagster_project.defs.ingest.assets import run_config
from dagster_project.defs.publish.assets import published_warehouse
from dagster_project.defs.quality.quality_gate import STEP_NAME as QUALITY_GATE_STEP
from dagster_project.defs.resources import Warehouse
from dagster_project.drafting.check import (
    CheckDraftError,
    DraftCheck,
    add_not_loaded,
    add_outcomes,
    add_step_failures,
    copy_other_reports,
    find_draft,
    report_text,
    stage_draft,
)
from dagster_project.duckdb_connection import connect
from dagster_project.publishing.rejections import read_rejection
from dagster_project.quality.results import read_outcomes
from dagster_project.raw_format.new_report import REPORT_FOLDER_PREFIX
from dagster_project.raw_format.years import report_year


def run_checks(raw: Path, warehouse: Path, report_ids: list[str]) -> tuple[dg.ExecuteInProcessResult, Warehouse]:
    """The pipeline's job up to its quality gate on these report folders, with the warehouse's files here."""
    from dagster_project.definitions import defs

    files = Warehouse(raw_dir=str(raw), published_path=str(warehouse))
    config = {
        **run_config(report_ids),
        "resources": {"warehouse": {"config": {"raw_dir": str(raw), "published_path": str(warehouse)}}},
        # Dagster's console log keeps to warnings: the report below tells what the checks found.
        "loggers": {"console": {"config": {"log_level": "WARNING"}}},
    }
    selection = [key for key in defs.resolve_all_asset_keys() if key != published_warehouse.key]
    # The run's own output (dbt's log) goes to stderr: stdout is kept for what the checks found.
    with dg.DagsterInstance.ephemeral() as instance, contextlib.redirect_stdout(sys.stderr):
        result = defs.resolve_job_def(REPORT_PIPELINE_JOB).execute_in_process(
            run_config=config,
            instance=instance,
            asset_selection=selection,
            raise_on_error=False,
        )
    return result, files


def _loaded(files: Warehouse, report_id: str) -> bool:
    """Did the run load the draft? A report rejected at ingest beside others is taken out, and the others go on."""
    if not files.build().exists():
        return False
    con = connect(files.build(), read_only=True)
    try:
        return bool(con.execute("select count(*) from raw.reports where report_id = ?", [report_id]).fetchone()[0])
    except duckdb.CatalogException:
        return False
    finally:
        con.close()


def check_draft(year: int, raw_dir: Path | None = None, draft: Path | None = None, say=print) -> DraftCheck:
    raw_dir = Path(raw_dir) if raw_dir is not None else paths.raw_dir()
    folder = find_draft(raw_dir, year, draft)
    report_id = f"{REPORT_FOLDER_PREFIX}{year}"
    result = DraftCheck(folder, report_id)
    scratch = Path(tempfile.mkdtemp(prefix="sjuharad-check-draft-"))
    try:
        scratch_raw = scratch / "raw"
        say(f"Checking the draft {folder} in a scratch warehouse ({scratch}); nothing is published.")
        loadable = stage_draft(folder, scratch_raw / report_id, result)
        others = copy_other_reports(raw_dir, year, scratch_raw)
        if not loadable:
            say("The draft does not validate as a report; the pipeline's checks did not run.")
            return result
        report_ids = [report_id, *(other.name for other in others)]
        say(
            f"Running the pipeline's job {REPORT_PIPELINE_JOB} (ingest, dbt build, quality gate; not publish) "
            f"on the draft and {len(others)} confirmed report(s) ..."
        )
        run, files = run_checks(scratch_raw, scratch / "warehouse" / "sjuharad.duckdb", report_ids)
        outcomes = read_outcomes(files.build(), run.run_id) if files.build().exists() else []
        failures = step_failures(run.get_step_failure_events())
        if any(outcome.kind == "reconciliation" for outcome in outcomes):
            # The gate ran to its end: its failure is the failed checks, each listed below with what it found.
            failures.pop(QUALITY_GATE_STEP, None)
        add_step_failures(result, failures)
        add_outcomes(result, outcomes)
        if not _loaded(files, report_id):
            record = read_rejection(report_id, files.published()) or {}
            add_not_loaded(result, [problem["message"] for problem in record.get("problems", [])])
        return result
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="make check-draft",
        description="Every check of the pipeline on a draft report, without publishing anything.",
    )
    parser.add_argument("year", type=report_year)
    parser.add_argument(
        "--draft", type=lambda text: Path(text) if text else None, help="the draft folder, where a year has two"
    )
    parser.add_argument("--raw-dir", type=Path)
    args = parser.parse_args(argv)
    try:
        result = check_draft(args.year, args.raw_dir, args.draft)
    except CheckDraftError as error:
        print(f"Cannot check the draft: {error}", file=sys.stderr)
        return 2
    print(report_text(result))
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
