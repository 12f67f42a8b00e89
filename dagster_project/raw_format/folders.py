"""Which folders of raw/ are reports."""

from pathlib import Path


def report_folders(raw_dir: Path) -> list[Path]:
    """Report folders, sorted; `_template` and hidden folders are not reports."""
    if not raw_dir.is_dir():
        return []
    return sorted(p for p in raw_dir.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))
