"""Watches raw/ and starts the pipeline for a report folder that is new or has changed.

A folder is read only once it is complete: its manifest is there and its content has not
changed between two evaluations, and no file is younger than SETTLE_SECONDS. What counts
as a change is the content hash, never a modification time, so the same files dropped
again start nothing. A removed folder starts nothing either: its published figures stay
until someone removes them deliberately (see raw/README.md).
"""

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

import dagster as dg

from dagster_project import paths
from dagster_project.defs.automation.jobs import report_pipeline_job
from dagster_project.defs.resources import report_partitions
from dagster_project.raw_format.manifest import MANIFEST_FILE

SETTLE_SECONDS = 2.0
EVALUATION_INTERVAL_SECONDS = 5


@dataclass(frozen=True)
class FolderState:
    report_id: str
    fingerprint: str
    files: tuple[str, ...]
    newest_change: float
    has_manifest: bool


def report_folders(raw_dir: Path) -> list[Path]:
    """Report folders; `_template` and hidden folders are not reports."""
    if not raw_dir.is_dir():
        return []
    return sorted(p for p in raw_dir.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))


def folder_state(folder: Path) -> FolderState:
    digest = hashlib.sha256()
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    newest = 0.0
    for file in files:
        digest.update(file.name.encode())
        digest.update(hashlib.sha256(file.read_bytes()).digest())
        newest = max(newest, file.stat().st_mtime)
    return FolderState(
        folder.name, digest.hexdigest(), tuple(f.name for f in files), newest, (folder / MANIFEST_FILE).is_file()
    )


def evaluate(raw_dir: Path, cursor: dict, now: float) -> tuple[list[FolderState], dict, list[str]]:
    """Pure decision: which folders to run now, the next cursor, and what was noticed.

    cursor maps report_id -> {"requested": fingerprint last run, "seen": fingerprint last seen}.
    """
    ready, notes, next_cursor = [], [], {}
    folders = report_folders(raw_dir)
    for folder in folders:
        state = folder_state(folder)
        previous = cursor.get(state.report_id, {})
        entry = {"requested": previous.get("requested"), "seen": state.fingerprint}
        if state.fingerprint == previous.get("requested"):
            pass
        elif not state.has_manifest:
            notes.append(f"{state.report_id}: waiting for {MANIFEST_FILE}")
        elif state.fingerprint != previous.get("seen") or now - state.newest_change < SETTLE_SECONDS:
            notes.append(f"{state.report_id}: changed, waiting until it is stable")
        else:
            ready.append(state)
            entry["requested"] = state.fingerprint
        next_cursor[state.report_id] = entry
    present = {folder.name for folder in folders}
    for report_id, entry in cursor.items():
        if report_id not in present:
            notes.append(f"{report_id}: folder removed; its published figures are kept")
            next_cursor[report_id] = entry
    return ready, next_cursor, notes


@dg.sensor(
    job=report_pipeline_job,
    minimum_interval_seconds=EVALUATION_INTERVAL_SECONDS,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Starts report_pipeline for a report folder in raw/ that is new or has changed, once it is complete.",
)
def raw_folder_sensor(context: dg.SensorEvaluationContext) -> dg.SensorResult:
    cursor = json.loads(context.cursor) if context.cursor else {}
    ready, next_cursor, notes = evaluate(paths.raw_dir(), cursor, time.time())
    for note in notes:
        context.log.info(note)
    return dg.SensorResult(
        run_requests=[
            dg.RunRequest(
                run_key=f"{state.report_id}:{state.fingerprint}",
                partition_key=state.report_id,
                tags={
                    "sjuharad/reason": "new or changed report folder",
                    "sjuharad/report": state.report_id,
                    "sjuharad/files": ",".join(state.files)[:1000],
                    "sjuharad/fingerprint": state.fingerprint,
                },
            )
            for state in ready
        ],
        dynamic_partitions_requests=[report_partitions.build_add_request([s.report_id for s in ready])] if ready else [],
        cursor=json.dumps(next_cursor, sort_keys=True),
        skip_reason=None if ready else "; ".join(notes) or "no new or changed report folder",
    )
