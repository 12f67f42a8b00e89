"""Which folders of raw/ are reports, and what each one holds now."""

from dataclasses import dataclass
from pathlib import Path

from dagster_project.raw_format.fingerprint import fingerprint, folder_files
from dagster_project.raw_format.manifest import MANIFEST_FILE

# A drafted report's manifest until a person has reviewed it and renamed it to report.yml.
DRAFT_SUFFIX = ".draft"
DRAFT_MANIFEST = MANIFEST_FILE + DRAFT_SUFFIX


def _folders(raw_dir: Path) -> list[Path]:
    if not raw_dir.is_dir():
        return []
    return sorted(p for p in raw_dir.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))


def is_pending_draft(folder: Path) -> bool:
    """A draft under review: report.yml.draft and no report.yml. It is not a report until confirmed."""
    return (folder / DRAFT_MANIFEST).is_file() and not (folder / MANIFEST_FILE).exists()


def report_folders(raw_dir: Path) -> list[Path]:
    """Report folders, sorted; `_template`, hidden folders and drafts under review are not reports."""
    return [folder for folder in _folders(raw_dir) if not is_pending_draft(folder)]


def draft_folders(raw_dir: Path) -> list[Path]:
    """Drafts under review, sorted: listed for review, never built, rejected or quarantined."""
    return [folder for folder in _folders(raw_dir) if is_pending_draft(folder)]


@dataclass(frozen=True)
class FolderState:
    report_id: str
    fingerprint: str
    files: tuple[str, ...]
    newest_change: float
    has_manifest: bool


def folder_state(folder: Path) -> FolderState:
    """The folder's content fingerprint (manifest and CSV files), file names and newest modification time."""
    files = folder_files(folder)
    newest = max((folder.joinpath(name).stat().st_mtime for name, _ in files), default=0.0)
    names = tuple(name for name, _ in files)
    return FolderState(folder.name, fingerprint(files), names, newest, MANIFEST_FILE in names)
