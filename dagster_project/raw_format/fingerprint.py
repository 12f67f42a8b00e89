"""What a report folder's content is, as one hash: its manifest and CSV files, by content.

The sensor compares folders by this fingerprint, never by modification times, and the
publication record keeps the fingerprint of every report it was built from.
"""

import hashlib
from collections.abc import Iterable
from pathlib import Path

from dagster_project.raw_format.manifest import MANIFEST_FILE


def fingerprint(files: Iterable[tuple[str, str]]) -> str:
    """files: (file name, sha256 of its bytes)."""
    digest = hashlib.sha256()
    for name, sha256 in sorted(files):
        digest.update(f"{name}\0{sha256}\n".encode())
    return digest.hexdigest()


def file_sha256(path: Path) -> str:
    """A file's sha256, read a block at a time."""
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def folder_files(folder: Path) -> list[tuple[str, str]]:
    """The manifest and CSV files of a folder with their hashes; other files do not count."""
    return [
        (path.name, hashlib.sha256(path.read_bytes()).hexdigest())
        for path in sorted(folder.iterdir())
        if path.is_file() and not path.name.startswith(".") and (path.name == MANIFEST_FILE or path.suffix == ".csv")
    ]
