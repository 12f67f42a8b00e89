"""Command line for the data engineer: `python -m dagster_project.cli build|rollback|versions`.

`build` is what `make build` runs: every report folder in raw/ is validated and loaded,
then the marts are rebuilt, checked and published, all as Dagster runs recorded in the
Dagster instance (DAGSTER_HOME), so they show in the UI afterwards.
"""

import argparse
import os
import socket
import sys
import time

import dagster as dg

from dagster_project import paths
from dagster_project.defs.automation.raw_folder_sensor import report_folders
from dagster_project.defs.resources import report_partitions
from dagster_project.publishing import list_versions, read_publication, rollback
from dagster_project.rejections import rejection_record_path, write_rejection


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


def _execute(job_name: str, instance: dg.DagsterInstance, partition_key: str | None = None) -> tuple[bool, list[str]]:
    from dagster_project.definitions import defs

    job = defs.resolve_job_def(job_name)
    result = job.execute_in_process(
        instance=instance, partition_key=partition_key, raise_on_error=False, tags={PROCESS_TAG: _this_process()}
    )
    failures = _failure_messages(result)
    for message in failures:
        _say(f"  FAILED {message}")
    return result.success, failures


def build_all(instance: dg.DagsterInstance) -> bool:
    """Ingest every report folder, then build, check and publish once. True if published."""
    folders = report_folders(paths.raw_dir())
    if not folders:
        _say(f"No report folders in {paths.raw_dir()}; nothing to build.")
        return False
    for run_id in close_runs_of_killed_builds(instance):
        _say(f"Run {run_id} of an earlier build that was killed is marked as failed.")
    instance.add_dynamic_partitions(report_partitions.name, [folder.name for folder in folders])
    ingested = True
    for number, folder in enumerate(folders, start=1):
        started = time.monotonic()
        _say(f"[{number}/{len(folders)}] Ingesting {folder.name} ...")
        ok, failures = _execute("ingest_report", instance, folder.name)
        _say(f"  {'ok' if ok else 'REJECTED'} in {time.monotonic() - started:.1f} s")
        if not ok:
            if not rejection_record_path(folder.name).exists():
                write_rejection(folder, failures)
            _say(f"  Its files stay in {folder}; every problem is listed in {rejection_record_path(folder.name)}")
        ingested &= ok
    if not ingested:
        _say("Some reports were rejected; nothing was published. The published warehouse is unchanged.")
        return False
    started = time.monotonic()
    _say("Building the marts, running the checks and publishing ...")
    if not _execute("build_and_publish", instance)[0]:
        _say("A blocking check or a model failed; nothing was published. The published warehouse is unchanged.")
        return False
    record = read_publication(paths.published_warehouse())
    checks = record["checks"]
    _say(
        f"Published version {record['version_id']} to {paths.published_warehouse()} "
        f"in {time.monotonic() - started:.1f} s: {checks['checks']} checks, {checks['passed']} passed, "
        f"{checks['warnings']} warnings, {checks['errors']} errors."
    )
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dagster_project.cli")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("build", help="ingest raw/, build, check and publish")
    commands.add_parser("versions", help="list the kept published versions")
    undo = commands.add_parser("rollback", help="publish an earlier version again")
    undo.add_argument("version", nargs="?", help="version id (default: the one before the newest)")
    args = parser.parse_args(argv)

    if args.command == "build":
        return 0 if build_all(dg.DagsterInstance.get()) else 1
    if args.command == "versions":
        for version_id in list_versions(paths.versions_dir()):
            _say(version_id)
        return 0
    try:
        version_id = rollback(paths.published_warehouse(), paths.versions_dir(), args.version)
    except ValueError as error:
        _say(f"Cannot roll back: {error}")
        return 1
    _say(f"Version {version_id} is published again at {paths.published_warehouse()}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
