"""`make build`: every report folder in raw/ validated and loaded, then the marts rebuilt,
checked and published, as one Dagster run recorded in the Dagster instance (DAGSTER_HOME),
so that it shows in the UI afterwards.
"""

import os
import socket
import time
from pathlib import Path

import dagster as dg

from dagster_project import paths, quarantine
from dagster_project.defs.ingest.assets import run_config
from dagster_project.defs.quality import quality_gate
from dagster_project.defs.resources import FAILED_RUN_TAG, QUARANTINE_TAG, REPORT_PIPELINE_JOB
from dagster_project.publishing import read_publication
from dagster_project.raw_format.folders import report_folders
from dagster_project.rejections import read_rejection, rejection_record_path, write_rejection


def _say(message: str) -> None:
    print(message, flush=True)


def _failure_messages(result: dg.ExecuteInProcessResult) -> list[str]:
    messages = []
    for event in result.all_events:
        if event.event_type_value == "STEP_FAILURE":
            error = event.event_specific_data.error
            cause = error.cause or error
            messages.append(f"{event.step_key}: {cause.message.strip()}")
    return messages


PROCESS_TAG = "sjuharad/cli_process"


def _this_process() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _is_running(process: str) -> bool:
    host, _, pid = process.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def close_runs_of_killed_builds(instance: dg.DagsterInstance) -> list[str]:
    """Mark as failed the runs a killed `build` left "started"; they would hold the run queue forever."""
    closed = []
    for run in instance.get_runs(dg.RunsFilter(statuses=[dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.STARTING])):
        process = run.tags.get(PROCESS_TAG)
        if process and not _is_running(process):
            instance.report_run_failed(run, message=f"the build process {process} ended without finishing this run")
            closed.append(run.run_id)
    return closed


def _execute(
    instance: dg.DagsterInstance, config: dict, tags: dict | None = None
) -> tuple[dg.ExecuteInProcessResult, list[str]]:
    """Run report_pipeline in this process with the given run config."""
    from dagster_project.definitions import defs

    job = defs.resolve_job_def(REPORT_PIPELINE_JOB)
    result = job.execute_in_process(
        run_config=config, instance=instance, raise_on_error=False, tags={PROCESS_TAG: _this_process(), **(tags or {})}
    )
    failures = _failure_messages(result)
    for message in failures:
        _say(f"  FAILED {message}")
    return result, failures


def _rejected_folders(folders: list[Path], run_id: str, failures: list[str]) -> list[Path]:
    """The folders a failed ingest run rejected; a failed raw check is put on the folders it names (else all)."""
    rejected = [folder for folder in folders if (read_rejection(folder.name) or {}).get("run_id") == run_id]
    if rejected:
        return rejected
    named = [folder for folder in folders if any(folder.name in message for message in failures)]
    for folder in named or folders:
        write_rejection(folder, failures, run_id)
    return named or folders


def _failed_at_ingest(failures: list[str]) -> bool:
    return any(
        message.startswith("raw_report_tables:")
        or (message.startswith(f"{quality_gate.STEP_NAME}:") and quality_gate.RAW_SUITES_FAILED in message)
        for message in failures
    )


def build_all(instance: dg.DagsterInstance) -> bool:
    """Ingest every report folder, build, check and publish, all in one run. True if every report published.

    A report that fails is quarantined (quarantine.py) and the others publish in a second
    run, when there are others.

    One run over every report: one job to resolve, one set of checks, the Great
    Expectations import paid once, however many reports there are.
    """
    folders = report_folders(paths.raw_dir())
    if not folders:
        _say(f"No report folders in {paths.raw_dir()}; nothing to build.")
        return False
    for run_id in close_runs_of_killed_builds(instance):
        _say(f"Run {run_id} of an earlier build that was killed is marked as failed.")
    report_ids = [folder.name for folder in folders]
    started = time.monotonic()
    _say(
        f"Ingesting {len(folders)} report folder{'s' if len(folders) != 1 else ''} ({report_ids[0]} .. {report_ids[-1]}), "
        "building the marts, running the checks and publishing ..."
    )
    result, failures = _execute(instance, run_config(report_ids))
    if result.success:
        _say_published(started)
        return True
    if _failed_at_ingest(failures):
        for folder in _rejected_folders(folders, result.run_id, failures):
            _say(f"  REJECTED {folder.name}")
            _say(f"  Its files stay in {folder}; every problem is listed in {rejection_record_path(folder.name)}")
    proposed = quarantine.proposed_by(result.run_id)
    if not proposed or set(proposed) >= set(report_ids):
        _say("Nothing was published; the published warehouse is unchanged.")
        return False
    _say(
        f"Quarantining {', '.join(proposed)}: back to the last published figures, so that the other reports publish ..."
    )
    tags = {QUARANTINE_TAG: ",".join(proposed), FAILED_RUN_TAG: result.run_id}
    result, _ = _execute(instance, run_config([], quarantine=proposed), tags)
    if not result.success:
        _say("The build without the quarantined reports failed too; nothing was published.")
        return False
    _say_published(started)
    for report_id in proposed:
        _say(
            f"  QUARANTINED {report_id}: its figures are not published; why is listed in {rejection_record_path(report_id)}"
        )
    _say("Correct the quarantined reports' files and build again.")
    return False


def _say_published(started: float) -> None:
    record = read_publication(paths.published_warehouse())
    checks = record["checks"]
    _say(
        f"Published version {record['version_id']} to {paths.published_warehouse()} "
        f"in {time.monotonic() - started:.1f} s: {checks['checks']} checks, {checks['passed']} passed, "
        f"{checks['warnings']} warnings, {checks['errors']} errors."
    )
