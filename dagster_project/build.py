"""`make build`: every report folder in raw/ validated and loaded, then the marts rebuilt,
checked and published, as one Dagster run recorded in the Dagster instance (DAGSTER_HOME),
so that it shows in the UI afterwards.

Like `dagster_project/definitions.py` and `cli.py`, this is the command-line face of the
Dagster definitions: it runs their job and reads what failed from the run's step-failure
events and the records its steps wrote, so it imports from defs/ (no library module does).
"""

import contextlib
import os
import socket
import time
from pathlib import Path

import dagster as dg

from dagster_project import paths
from dagster_project.defs.automation.jobs import REPORT_PIPELINE_JOB
from dagster_project.defs.automation.quarantine_sensor import step_failures
from dagster_project.defs.ingest.assets import run_config
from dagster_project.publishing.publish import read_publication
from dagster_project.publishing.quarantine import FAILED_RUN_TAG, QUARANTINE_TAG, proposed_by
from dagster_project.publishing.rejections import read_rejection, read_rejections_of_run, rejection_record_path
from dagster_project.publishing.versions import read_history
from dagster_project.publishing.writer_lock import writer_lock
from dagster_project.raw_format.folders import DRAFT_MANIFEST, draft_folders, report_folders
from dagster_project.raw_format.manifest import MANIFEST_FILE


def _say(message: str) -> None:
    print(message, flush=True)


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


# The terminal shows Dagster's warnings and errors only; every line of the run, dbt's too, is in
# the run's log file beside the build (paths.build_log) and in the Dagster UI.
QUIET_LOGGERS = {"console": {"config": {"log_level": "WARNING"}}}


def _execute(instance: dg.DagsterInstance, config: dict, tags: dict | None = None) -> dg.ExecuteInProcessResult:
    """Run report_pipeline in this process with the given run config; say each step's outcome, and
    which steps failed and why. dbt's own lines (dagster-dbt writes them to standard output) go to
    the build log."""
    from dagster_project.definitions import defs

    job = defs.resolve_job_def(REPORT_PIPELINE_JOB)
    paths.build_log().parent.mkdir(parents=True, exist_ok=True)
    with paths.build_log().open("a", encoding="utf-8") as log, contextlib.redirect_stdout(log):
        result = job.execute_in_process(
            run_config={**config, "loggers": QUIET_LOGGERS},
            instance=instance,
            raise_on_error=False,
            tags={PROCESS_TAG: _this_process(), **(tags or {})},
        )
    for line in step_lines(result.all_events):
        _say(line)
    for step, message in step_failures(result.get_step_failure_events()).items():
        _say(f"  FAILED {step}: {message}")
    return result


def step_lines(events: list[dg.DagsterEvent]) -> list[str]:
    """One line per step of the run, in the order they ended: ok or failed."""
    return [
        f"  {'ok    ' if event.is_step_success else 'failed'} {event.step_key}"
        for event in events
        if event.is_step_success or event.is_step_failure
    ]


def _say_drafts(drafts: list[Path]) -> None:
    for folder in drafts:
        _say(
            f"  DRAFT {folder.name}: under review ({DRAFT_MANIFEST}); not built until it is confirmed "
            f"(renamed to {MANIFEST_FILE})"
        )


def _say_rejected(report_ids: list[str]) -> None:
    for report_id in report_ids:
        record = read_rejection(report_id) or {}
        kind = "QUARANTINED" if record.get("quarantine") else "REJECTED"
        _say(f"  {kind} {report_id}: its figures are not published.")
        _say(
            f"  Its files stay in {record.get('folder', report_id)}; every problem is listed in {rejection_record_path(report_id)}"
        )
        for problem in record.get("problems", [])[:5]:
            _say(f"    - {problem['message'][:300]}")


def build_all(instance: dg.DagsterInstance) -> bool:
    """Ingest every report folder, build, check and publish. True if every report published.

    Drafts under review are listed and left alone. A report rejected at validation is kept
    out at once and the others go on; a report whose figures fail a blocking check is
    quarantined (publishing/quarantine.py) and the others publish in a further run. Each
    further run adds only the reports the last one named, so it ends after at most one run
    per report, and whatever mix of bad reports there is, the good ones publish.

    One run over every report: one job to resolve, one set of checks, the Great
    Expectations import paid once, however many reports there are.
    """
    raw = paths.raw_dir()
    _say_drafts(draft_folders(raw))
    folders = report_folders(raw)
    if not folders:
        _say(f"No report folders in {raw}; nothing to build.")
        return False
    with writer_lock(paths.build_warehouse(), "make build"):
        return _build(instance, [folder.name for folder in folders])


def _build(instance: dg.DagsterInstance, report_ids: list[str]) -> bool:
    for run_id in close_runs_of_killed_builds(instance):
        _say(f"Run {run_id} of an earlier build that was killed is marked as failed.")
    started = time.monotonic()
    _say(
        f"Ingesting {len(report_ids)} report folder{'s' if len(report_ids) != 1 else ''} "
        f"({report_ids[0]} .. {report_ids[-1]}), building the marts, running the checks and publishing ..."
    )
    result = _execute(instance, run_config(report_ids))
    out: set[str] = set()
    while not result.success:
        new = set(proposed_by(result.run_id)) - out
        if not new or out | new >= set(report_ids):
            _say_rejected(sorted(out | _recorded_by(result.run_id)))
            _say("Nothing was published; the published warehouse is unchanged.")
            return False
        out |= new
        _say(
            f"Quarantining {', '.join(sorted(new))}: back to the last published figures, so that the others publish ..."
        )
        tags = {QUARANTINE_TAG: ",".join(sorted(out)), FAILED_RUN_TAG: result.run_id}
        result = _execute(instance, run_config([], quarantine=sorted(out)), tags)
    out |= _recorded_by(result.run_id)
    _say_published(started)
    if out:
        _say_rejected(sorted(out))
        _say("Correct the files of the reports above and build again.")
    return not out


def _recorded_by(run_id: str) -> set[str]:
    """The reports the run rejected at validation or named for quarantine."""
    return {record["report"] for record in read_rejections_of_run(run_id)}


def _say_published(started: float) -> None:
    record = read_publication(paths.published_warehouse())
    history = read_history(paths.versions_dir())
    seconds = time.monotonic() - started
    checks = record["checks"]
    counts = f"{checks['checks']} checks, {checks['passed']} passed, {checks['warnings']} warnings, {checks['errors']} errors"
    if history and history[-1]["event"] == "checked":
        _say(
            f"Checked in {seconds:.1f} s; nothing changed since version {record['version_id']}, which stays "
            f"published (no new version; its check results are refreshed): {counts}."
        )
    else:
        _say(f"Published version {record['version_id']} to {paths.published_warehouse()} in {seconds:.1f} s: {counts}.")
    if checks["warnings"] or checks["errors"]:
        _say("  Read them in the app (Datakvalitet och källor) or with `make quality`.")
    _say(f"  The run's every line, dbt's too: {paths.build_log()} and the Dagster UI.")
