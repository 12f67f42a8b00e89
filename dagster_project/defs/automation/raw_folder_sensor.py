"""Watches raw/ and starts the pipeline for a report folder that is new or has changed.

A folder is read only once it is complete: its manifest is there, no file is younger
than SETTLE_SECONDS, and either the manifest checks out (every file it lists is there and
no CSV is unlisted) or the content has not changed since the last evaluation. A complete
folder therefore runs at its first evaluation; an incomplete one waits for a second look
and then runs, so that ingestion can say what is missing. What counts as a change is the
content fingerprint, never a modification time, so the same files dropped again start
nothing, and neither does a folder whose content is already published.
A removed folder starts nothing either: its published figures stay (see raw/README.md).
"""

import json
import time
from pathlib import Path

import dagster as dg
import duckdb

from dagster_project.defs.automation.jobs import report_pipeline_job
from dagster_project.defs.ingest.assets import run_config
from dagster_project.defs.resources import Warehouse
from dagster_project.publishing.publish import read_publication
from dagster_project.raw_format.folders import FolderState, folder_state, report_folders
from dagster_project.raw_format.manifest import MANIFEST_FILE, check_manifest

SETTLE_SECONDS = 2.0
# The sensor daemon evaluates sensors at most every 5 s whatever is asked for here.
EVALUATION_INTERVAL_SECONDS = 1


def _looks_complete(folder: Path, state: FolderState, previous: dict) -> bool:
    """Unchanged since the last evaluation, or a manifest whose every file is there."""
    return state.fingerprint == previous.get("seen") or not check_manifest(folder).problems


def evaluate(
    raw_dir: Path, cursor: dict, published: dict[str, str], now: float
) -> tuple[list[FolderState], dict, list[str]]:
    """Which folders to run now, the next cursor, and what was noticed.

    cursor maps report_id -> {"requested": fingerprint of the last run, "seen": fingerprint
    at the last evaluation}; published maps report_id -> fingerprint of the published data.
    """
    ready, notes, next_cursor = [], [], {}
    folders = report_folders(raw_dir)
    for folder in folders:
        state = folder_state(folder)
        previous = cursor.get(state.report_id, {})
        requested = previous.get("requested") or published.get(state.report_id)
        entry = {"requested": requested, "seen": state.fingerprint}
        if state.fingerprint == requested:
            pass
        elif not state.has_manifest:
            notes.append(f"{state.report_id}: waiting for {MANIFEST_FILE}")
        elif now - state.newest_change < SETTLE_SECONDS or not _looks_complete(folder, state, previous):
            notes.append(f"{state.report_id}: new or changed, waiting until its files stop changing")
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


def published_fingerprints(published: Path) -> dict[str, str]:
    """Fingerprints of the reports in the published warehouse; empty while none can be read."""
    try:
        record = read_publication(published)
    except duckdb.Error:
        return {}
    return (record or {}).get("fingerprints", {})


def run_request(state: FolderState) -> dg.RunRequest:
    return dg.RunRequest(
        run_key=f"{state.report_id}:{state.fingerprint}",
        run_config=run_config([state.report_id]),
        tags={
            "sjuharad/reason": "new or changed report folder",
            "sjuharad/report": state.report_id,
            "sjuharad/files": ",".join(state.files)[:1000],
            "sjuharad/fingerprint": state.fingerprint,
        },
    )


@dg.sensor(
    job=report_pipeline_job,
    minimum_interval_seconds=EVALUATION_INTERVAL_SECONDS,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Starts report_pipeline for a report folder in raw/ that is new or has changed, once it is complete.",
)
def raw_folder_sensor(context: dg.SensorEvaluationContext, warehouse: Warehouse) -> dg.SensorResult:
    cursor = json.loads(context.cursor) if context.cursor else {}
    ready, next_cursor, notes = evaluate(
        warehouse.raw(), cursor, published_fingerprints(warehouse.published()), time.time()
    )
    for note in notes:
        context.log.info(note)
    return dg.SensorResult(
        run_requests=[run_request(state) for state in ready],
        cursor=json.dumps(next_cursor, sort_keys=True),
        skip_reason=None if ready else "; ".join(notes) or "no new or changed report folder",
    )
