"""The published versions kept under versions/, their history, and rollback.

A version is kept as `<version_id>.duckdb` with its publication record `<version_id>.json`.
Kept are the last KEPT_VERSIONS, the live one, and the newest version of every state of
the reports (one per report change), so that the version from before a report was added
or corrected stays however many builds follow. `history.jsonl` records every publication,
every check run that found nothing changed, and every rollback (who, when, why).
"""

import getpass
import json
import socket
from datetime import UTC, datetime
from pathlib import Path

KEPT_VERSIONS = 10
HISTORY_FILE = "history.jsonl"


def list_versions(versions: Path) -> list[str]:
    return sorted(path.stem for path in versions.glob("*.duckdb"))


def version_record(versions: Path, version_id: str) -> dict:
    path = versions / f"{version_id}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def _reports_state(record: dict) -> str:
    return json.dumps(record.get("fingerprints", {}), sort_keys=True)


def versions_to_keep(versions: Path, live: str | None) -> set[str]:
    available = list_versions(versions)
    newest_per_state = {_reports_state(version_record(versions, v)): v for v in available}
    return {*available[-KEPT_VERSIONS:], *newest_per_state.values(), *([live] if live else [])}


def prune(versions: Path, live: str | None) -> list[str]:
    keep = versions_to_keep(versions, live)
    removed = [version_id for version_id in list_versions(versions) if version_id not in keep]
    for version_id in removed:
        (versions / f"{version_id}.duckdb").unlink(missing_ok=True)
        (versions / f"{version_id}.json").unlink(missing_ok=True)
    return removed


def who() -> str:
    return f"{getpass.getuser()}@{socket.gethostname()}"


def record_event(versions: Path, event: str, version_id: str, **details) -> dict:
    entry = {"event": event, "version_id": version_id, "at": datetime.now(UTC).isoformat(), **details}
    versions.mkdir(parents=True, exist_ok=True)
    with (versions / HISTORY_FILE).open("a", encoding="utf-8") as history:
        history.write(json.dumps(entry, ensure_ascii=False) + "\n")
    return entry


def read_history(versions: Path) -> list[dict]:
    path = versions / HISTORY_FILE
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def describe_versions(versions: Path, live: str | None) -> list[str]:
    """One line per kept version, newest last, the live one marked; then the rollbacks."""
    lines = []
    for version_id in list_versions(versions):
        record = version_record(versions, version_id)
        marker = "*" if version_id == live else " "
        reports = ", ".join(sorted(record.get("fingerprints", {}))) or "?"
        suffix = "  (live)" if version_id == live else ""
        lines.append(f"{marker} {version_id}  published {record.get('published_at', '?')}  reports: {reports}{suffix}")
    rollbacks = [entry for entry in read_history(versions) if entry["event"] == "rollback"]
    if rollbacks:
        lines += ["", "Rollbacks:"]
        lines += [
            f"  {entry['at']}: to {entry['version_id']} (from {entry.get('from') or '?'}) by {entry.get('who')}: "
            f"{entry.get('why') or 'no reason given'}"
            for entry in rollbacks
        ]
    return lines
