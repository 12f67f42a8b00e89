"""Where a handled inbox file goes: inbox/handled/ (drafted, or the same content again) or
inbox/failed/ (not drafted), with `<name>.reason.txt` beside it saying why."""

import os
from datetime import UTC, datetime
from pathlib import Path

REASON_SUFFIX = ".reason.txt"


def move_out(source: Path, outcome: str, reason: str) -> Path:
    """Move `source` into `<its folder>/<outcome>/` (a free name there) with its reason beside it."""
    folder = source.parent / outcome
    folder.mkdir(exist_ok=True)
    target = folder / source.name
    number = 1
    while target.exists() or target.is_symlink():
        number += 1
        target = folder / f"{source.stem}-{number}{source.suffix}"
    os.replace(source, target)
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    target.with_name(target.name + REASON_SUFFIX).write_text(f"{stamp}\n{reason}\n", encoding="utf-8")
    return target
