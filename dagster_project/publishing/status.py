"""`make status`: is the published warehouse current with the report folders in raw/?

Each report folder's content (its fingerprint, as the sensor on raw/ computes it) is
compared with what the published warehouse was built from. A folder whose content is not
published makes the data stale once it has waited GRACE longer than a run takes; stale
data is a warning. Exit status: 0 current, 1 stale, 2 nothing published.

The app shows the published version and time in its sidebar; the Dagster asset check
published_data_is_current (defs/status) reports the same as this command.
"""

import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb

from dagster_project import paths
from dagster_project.publishing.publish import read_publication
from dagster_project.publishing.rejections import read_rejection
from dagster_project.raw_format.fingerprint import fingerprint
from dagster_project.raw_format.folders import DRAFT_MANIFEST, draft_folders, folder_state, report_folders

# A dropped report is published within a minute or two; only a longer wait is stale.
GRACE = timedelta(minutes=30)
LOCAL_TIME = ZoneInfo("Europe/Stockholm")
STATE_WORDS = {
    "published": "published",
    "new": "not published (new)",
    "changed": "changed since it was published",
    "rejected": "rejected: its files are as they were when rejected (see its rejection record)",
    "quarantined": "quarantined: its figures failed the checks and are not published (see its rejection record)",
}


@dataclass(frozen=True)
class FolderStatus:
    report_id: str
    state: str
    changed_at: datetime


@dataclass(frozen=True)
class PublishedStatus:
    checked_at: datetime
    version_id: str | None
    published_at: datetime | None
    folders: tuple[FolderStatus, ...]
    grace: timedelta = GRACE
    drafts: tuple[str, ...] = ()  # drafts under review: not reports until confirmed, never waiting or stale

    @property
    def waiting(self) -> list[FolderStatus]:
        return [folder for folder in self.folders if folder.state != "published"]

    @property
    def stale_folders(self) -> list[FolderStatus]:
        return [folder for folder in self.waiting if self.checked_at - folder.changed_at >= self.grace]

    @property
    def stale(self) -> bool:
        return bool(self.stale_folders)

    @property
    def newest(self) -> FolderStatus | None:
        return max(self.folders, key=lambda folder: folder.changed_at, default=None)

    @property
    def behind(self) -> timedelta | None:
        """How much older the published version is than the newest report folder, when that folder is not published."""
        newest = self.newest
        if newest is None or newest.state == "published" or self.published_at is None:
            return None
        return max(newest.changed_at - self.published_at, timedelta(0))

    @property
    def exit_status(self) -> int:
        if self.published_at is None:
            return 2
        return 1 if self.stale else 0


def _folder_status(folder: Path, published: dict[str, str]) -> FolderStatus:
    state = folder_state(folder)
    changed_at = datetime.fromtimestamp(state.newest_change, UTC)
    if published.get(state.report_id) == state.fingerprint:
        return FolderStatus(state.report_id, "published", changed_at)
    rejection = read_rejection(state.report_id) or {}
    rejected_files = [(entry["file"], entry["sha256"]) for entry in rejection.get("files", [])]
    if rejected_files and fingerprint(rejected_files) == state.fingerprint:
        return FolderStatus(state.report_id, "quarantined" if rejection.get("quarantine") else "rejected", changed_at)
    return FolderStatus(state.report_id, "changed" if state.report_id in published else "new", changed_at)


def current_status(now: datetime | None = None, grace: timedelta = GRACE) -> PublishedStatus:
    try:
        record = read_publication(paths.published_warehouse()) or {}
    except duckdb.Error:
        record = {}
    published = record.get("fingerprints", {})
    published_at = datetime.fromisoformat(record["published_at"]) if record.get("published_at") else None
    folders = tuple(_folder_status(folder, published) for folder in report_folders(paths.raw_dir()))
    drafts = tuple(folder.name for folder in draft_folders(paths.raw_dir()))
    return PublishedStatus(now or datetime.now(UTC), record.get("version_id"), published_at, folders, grace, drafts)


def duration_text(span: timedelta) -> str:
    minutes = int(span.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{days} d" if days else "", f"{hours} h" if hours else "", f"{minutes} min"]
    return " ".join(part for part in parts if part)


def _moment(value: datetime, now: datetime) -> str:
    return f"{value.astimezone(LOCAL_TIME):%Y-%m-%d %H:%M} ({duration_text(now - value)} ago)"


def verdict(status: PublishedStatus) -> str:
    if status.published_at is None:
        return "NOTHING PUBLISHED: no published warehouse at " + str(paths.published_warehouse())
    if status.stale:
        names = ", ".join(f"{f.report_id} ({STATE_WORDS[f.state]})" for f in status.stale_folders)
        return f"STALE (warning): waiting more than {duration_text(status.grace)}: {names}"
    if status.waiting:
        names = ", ".join(f.report_id for f in status.waiting)
        return f"CURRENT, with changes on their way: {names} changed within the last {duration_text(status.grace)}"
    return "CURRENT: every report folder in raw/ is published"


def describe(status: PublishedStatus) -> list[str]:
    now = status.checked_at
    lines = [verdict(status), ""]
    if status.published_at is not None:
        lines.append(
            f"Published version {status.version_id}, {_moment(status.published_at, now)}: {paths.published_warehouse()}"
        )
    newest = status.newest
    if newest is None:
        lines.append(f"No report folders in {paths.raw_dir()}.")
    else:
        lines.append(
            f"Newest report folder: {newest.report_id}, changed {_moment(newest.changed_at, now)}, "
            f"{STATE_WORDS[newest.state]}."
        )
    if status.behind is not None:
        lines.append(f"The published data is {duration_text(status.behind)} older than the newest report folder.")
    published = len(status.folders) - len(status.waiting)
    lines += ["", f"Report folders in {paths.raw_dir()}: {len(status.folders)}, of which {published} published."]
    lines += [
        f"- {folder.report_id}: {STATE_WORDS[folder.state]}, changed {_moment(folder.changed_at, now)}"
        for folder in status.waiting
    ]
    if status.drafts:
        lines += ["", f"Drafts under review ({DRAFT_MANIFEST}; not reports until renamed to report.yml):"]
        lines += [f"- {draft}: draft, pending review" for draft in status.drafts]
    return lines


def main() -> int:
    status = current_status()
    print("\n".join(describe(status)))
    return status.exit_status


if __name__ == "__main__":
    sys.exit(main())
