"""Watches the inbox (inbox/, or SJUHARAD_INBOX_DIR) and drafts each new report file once.

One run per file content: the run key and the tag sjuharad/source_sha256 are the file's
hash, so the same file dropped again (under any name) starts nothing. A file is read only
once it has stopped changing for SETTLE_SECONDS.
"""

import hashlib
import json
import time
from pathlib import Path

import dagster as dg

from dagster_project import paths
from dagster_project.defs.automation.raw_folder_sensor import SETTLE_SECONDS
from dagster_project.defs.drafting.job import DraftReportConfig, draft_report_job
from dagster_project.drafting.source import PDF_SUFFIX, TEXT_SUFFIXES

SOURCE_SUFFIXES = (PDF_SUFFIX, *TEXT_SUFFIXES)


def inbox_files(inbox: Path) -> list[Path]:
    if not inbox.is_dir():
        return []
    return sorted(
        p for p in inbox.iterdir() if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in SOURCE_SUFFIXES
    )


def evaluate(inbox: Path, seen: dict[str, str], now: float) -> tuple[list[tuple[Path, str]], dict[str, str], list[str]]:
    """Files to draft now (with their hash), the next cursor (hash -> file name), and what was noticed."""
    ready, notes, cursor = [], [], dict(seen)
    for path in inbox_files(inbox):
        if now - path.stat().st_mtime < SETTLE_SECONDS:
            notes.append(f"{path.name}: waiting until it stops changing")
            continue
        sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
        if sha256 in cursor:
            continue
        cursor[sha256] = path.name
        ready.append((path, sha256))
    return ready, cursor, notes


def run_request(path: Path, sha256: str) -> dg.RunRequest:
    return dg.RunRequest(
        run_key=f"draft:{sha256}",
        run_config=dg.RunConfig(ops={"draft_report_from_file": DraftReportConfig(source=str(path), sha256=sha256)}),
        tags={
            "sjuharad/reason": "new report in the inbox",
            "sjuharad/source_file": path.name[:200],
            "sjuharad/source_sha256": sha256,
        },
    )


@dg.sensor(
    job=draft_report_job,
    minimum_interval_seconds=5,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Drafts each new report file (PDF or text) dropped into the inbox into raw/, for a person to review and confirm.",
)
def inbox_sensor(context: dg.SensorEvaluationContext) -> dg.SensorResult:
    inbox = paths.inbox_dir()
    seen = json.loads(context.cursor) if context.cursor else {}
    ready, cursor, notes = evaluate(inbox, seen, time.time())
    for note in notes:
        context.log.info(note)
    skip = None if ready else ("; ".join(notes) or f"no new report file in {inbox}")
    return dg.SensorResult(
        run_requests=[run_request(path, sha) for path, sha in ready],
        cursor=json.dumps(cursor, sort_keys=True),
        skip_reason=skip,
    )
