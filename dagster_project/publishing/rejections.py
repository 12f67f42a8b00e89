"""The rejection record: why a report folder was not loaded, kept next to the published warehouse.

A rejected report's files stay where they are in raw/; nothing of them is loaded or
published. `<published dir>/rejections/<report_id>.json` says when the report was rejected,
which files (with their hashes) were read and every problem found. The record is removed
as soon as the report loads cleanly.
"""

import json
import os
from datetime import UTC, datetime
from pathlib import Path

from dagster_project import paths
from dagster_project.raw_format.errors import RawFormatError, display_path
from dagster_project.raw_format.fingerprint import folder_files


def rejection_record_path(report_id: str, published: Path | None = None) -> Path:
    return paths.rejections_dir(published) / f"{report_id}.json"


def _problem_entry(problem: RawFormatError | str) -> dict:
    if isinstance(problem, str):
        return {"message": problem}
    return {
        "file": display_path(problem.file),
        "row": problem.row,
        "column": problem.column,
        "expected": problem.expected,
        "found": problem.found,
        "reason": problem.reason,
        "message": str(problem),
    }


def _files(report_dir: Path) -> list[dict]:
    if not report_dir.is_dir():
        return []
    return [{"file": name, "sha256": sha256} for name, sha256 in folder_files(report_dir)]


def write_rejection(
    report_dir: Path,
    problems: list[RawFormatError | str],
    run_id: str | None = None,
    published: Path | None = None,
    quarantine: bool = False,
) -> Path:
    """Record why the report in report_dir was rejected; replaces an earlier record of it.

    problems are the validation's problems, or the messages of failed checks. quarantine:
    its figures failed blocking checks, so it is taken out of the build (quarantine.py).
    """
    record = {
        "report": report_dir.name,
        "folder": display_path(report_dir),
        "rejected_at": datetime.now(UTC).isoformat(),
        "run_id": run_id,
        "quarantine": quarantine,
        "files": _files(report_dir),
        "problems": [_problem_entry(problem) for problem in problems],
    }
    path = rejection_record_path(report_dir.name, published)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    partial.write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(partial, path)
    return path


def clear_rejection(report_id: str, published: Path | None = None) -> None:
    rejection_record_path(report_id, published).unlink(missing_ok=True)


def read_rejection(report_id: str, published: Path | None = None) -> dict | None:
    path = rejection_record_path(report_id, published)
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def read_all_rejections(published: Path | None = None) -> list[dict]:
    folder = paths.rejections_dir(published)
    if not folder.is_dir():
        return []
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.json"))]


def read_rejections_of_run(run_id: str, published: Path | None = None) -> list[dict]:
    """The records a run wrote."""
    return [record for record in read_all_rejections(published) if record.get("run_id") == run_id]
