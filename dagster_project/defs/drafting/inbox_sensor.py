"""Watches the inbox (inbox/, or SJUHARAD_INBOX_DIR) and drafts each new report file once.

Each evaluation reads only each file's size and modification time. A file is hashed once
it has not changed for SETTLE_SECONDS, and only once for that size and time (the cursor
keeps the hash). One run per file content: the run key and the tag sjuharad/source_sha256
are the file's hash, so the same file dropped again (under any name) starts nothing; it is
moved to inbox/handled/ with why beside it. A file over the size limit is never read: it
is moved to inbox/failed/ with why. The draft job moves every file it drafts or fails on
the same way (inbox_files.py).
"""

import json
import time
from pathlib import Path

import dagster as dg

from dagster_project import paths
from dagster_project.defs.automation.raw_folder_sensor import SETTLE_SECONDS
from dagster_project.defs.drafting.inbox_files import move_out
from dagster_project.defs.drafting.job import DraftReportConfig, draft_report_job
from dagster_project.drafting.limits import LIMITS, DraftLimitError, check_before_reading
from dagster_project.drafting.text.source import PDF_SUFFIX, TEXT_SUFFIXES
from dagster_project.raw_format.fingerprint import file_sha256

SOURCE_SUFFIXES = (PDF_SUFFIX, *TEXT_SUFFIXES)


def inbox_files(inbox: Path) -> list[Path]:
    if not inbox.is_dir():
        return []
    return sorted(
        p
        for p in inbox.iterdir()
        if (p.is_file() or p.is_symlink()) and not p.name.startswith(".") and p.suffix.lower() in SOURCE_SUFFIXES
    )


def _read_cursor(text: str | None) -> dict:
    cursor = json.loads(text) if text else {}
    if "drafted" not in cursor:  # the cursor before the inbox was tidied: hash -> file name
        cursor = {"drafted": cursor, "hashed": {}}
    return cursor


def evaluate(inbox: Path, cursor: dict, now: float) -> tuple[list[tuple[Path, str]], dict, list[str]]:
    """Files to draft now (with their hash), the next cursor, and what was noticed.

    cursor: {"drafted": hash -> file name, "hashed": "name|size|mtime_ns" -> hash}."""
    drafted, hashed = dict(cursor["drafted"]), {}
    ready, notes = [], []
    for path in inbox_files(inbox):
        try:
            check_before_reading(path)
        except DraftLimitError as refused:
            move_out(path, "failed", str(refused))
            notes.append(f"{path.name}: not read, moved to failed/: {refused}")
            continue
        status = path.stat()
        if now - status.st_mtime < SETTLE_SECONDS:
            notes.append(f"{path.name}: waiting until it stops changing")
            continue
        key = f"{path.name}|{status.st_size}|{status.st_mtime_ns}"
        sha256 = cursor["hashed"].get(key) or file_sha256(path)
        hashed[key] = sha256
        if sha256 in drafted:
            if drafted[sha256] != path.name:
                move_out(path, "handled", f"samma innehåll som {drafted[sha256]}, som redan har utkastats")
            continue
        drafted[sha256] = path.name
        ready.append((path, sha256))
    return ready, {"drafted": drafted, "hashed": hashed}, notes


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
    description="Drafts each new report file (PDF or text) dropped into the inbox into raw/, for a person to review "
    f"and confirm. Files over {LIMITS.max_pdf_bytes // (1024 * 1024)} MB (PDF) are moved to inbox/failed/ unread.",
)
def inbox_sensor(context: dg.SensorEvaluationContext) -> dg.SensorResult:
    inbox = paths.inbox_dir()
    ready, cursor, notes = evaluate(inbox, _read_cursor(context.cursor), time.time())
    for note in notes:
        context.log.info(note)
    skip = None if ready else ("; ".join(notes) or f"no new report file in {inbox}")
    return dg.SensorResult(
        run_requests=[run_request(path, sha) for path, sha in ready],
        cursor=json.dumps(cursor, sort_keys=True),
        skip_reason=skip,
    )
