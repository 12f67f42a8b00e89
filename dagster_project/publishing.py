"""Write-audit-publish: the checked build file becomes the published warehouse.

The published file is never opened for writing. A new copy is prepared next to it,
checkpointed so that no .wal is left, and swapped in with os.replace, which is atomic
on one filesystem: a reader sees either the old or the new version, never a mixture.

A prepared copy is named after the process that writes it; a process killed mid-publish
leaves it behind, and the next publish removes it (remove_stale_copies).
"""

import json
import os
import shutil
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from dagster_project.duckdb_connection import connect

KEPT_VERSIONS = 5
PUBLICATION_TABLE = "meta.publication"


@dataclass(frozen=True)
class Publication:
    version_id: str
    published_at: str
    path: Path
    record: dict


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _checkpoint(path: Path) -> None:
    con = connect(path)
    try:
        con.execute("checkpoint")
    finally:
        con.close()
    _require_no_wal(path, f"another process holds {path}")


def _require_no_wal(path: Path, meaning: str) -> None:
    wal = Path(f"{path}.wal")
    if wal.exists():
        raise RuntimeError(f"{wal} is still there after CHECKPOINT; {meaning}")


def _write_record(path: Path, record: dict) -> None:
    con = connect(path)
    try:
        con.execute("create schema if not exists meta")
        # The app reads the small columns; the record (every raw file's hash) is megabytes at 1 000 reports.
        con.execute(
            f"create or replace table {PUBLICATION_TABLE} "
            "(version_id varchar, published_at timestamptz, run_id varchar, published_at_iso varchar, record json)"
        )
        con.execute(
            f"insert into {PUBLICATION_TABLE} values (?, ?, ?, ?, ?)",
            [
                record["version_id"],
                record["published_at"],
                record.get("run_id"),
                record["published_at"],
                json.dumps(record, ensure_ascii=False),
            ],
        )
        con.execute("checkpoint")
    finally:
        con.close()
    # Swapped in, the file would be read without the record (the WAL keeps its name).
    _require_no_wal(path, f"the publication record is not in {path}")


def _swap_in(prepared: Path, published: Path) -> None:
    _fsync(prepared)
    os.replace(prepared, published)
    _fsync(published.parent)


def _prepare_copy(source: Path, published: Path) -> Path:
    published.parent.mkdir(parents=True, exist_ok=True)
    prepared = published.parent / f".{published.name}.{os.getpid()}-{uuid.uuid4().hex}.tmp"
    shutil.copyfile(source, prepared)
    return prepared


def _writer_is_gone(copy: Path) -> bool:
    """True unless the process named in the copy's name is still running (on this machine)."""
    pid = copy.name.split(".")[-2].partition("-")[0]
    if not pid.isdigit():
        return True
    try:
        os.kill(int(pid), 0)
    except (ProcessLookupError, OverflowError):
        return True
    except PermissionError:
        return False
    return False


def remove_stale_copies(folder: Path, name: str = "*.duckdb") -> list[Path]:
    """Remove the prepared copies of `name` (and their .wal) that killed publishes left in `folder`."""
    if not folder.is_dir():
        return []
    removed = []
    for copy in sorted(folder.glob(f".{name}.*.tmp")):
        if _writer_is_gone(copy):
            copy.unlink(missing_ok=True)
            removed.append(copy)
    for wal in sorted(folder.glob(f".{name}.*.tmp.wal")):
        if not Path(str(wal).removesuffix(".wal")).exists():
            wal.unlink(missing_ok=True)
            removed.append(wal)
    return removed


def _keep_version(prepared: Path, versions: Path, version_id: str, record: dict) -> None:
    """The version's copy appears under its final name only when complete."""
    versions.mkdir(parents=True, exist_ok=True)
    (versions / f"{version_id}.json").write_text(json.dumps(record, ensure_ascii=False, indent=2))
    partial = versions / f".{version_id}.duckdb.{os.getpid()}-{uuid.uuid4().hex}.tmp"
    try:
        shutil.copyfile(prepared, partial)
        os.replace(partial, versions / f"{version_id}.duckdb")
    finally:
        partial.unlink(missing_ok=True)


def publish(build: Path, published: Path, versions: Path, record: dict) -> Publication:
    """Publish the build file; `record` (raw file hashes, check summary) is stored with it."""
    remove_stale_copies(published.parent, published.name)
    remove_stale_copies(versions)
    _checkpoint(build)
    now = datetime.now(UTC)
    version_id = now.strftime("%Y%m%dT%H%M%S%fZ")
    record = {**record, "version_id": version_id, "published_at": now.isoformat()}
    prepared = _prepare_copy(build, published)
    try:
        _write_record(prepared, record)
        _keep_version(prepared, versions, version_id, record)
        _swap_in(prepared, published)
    finally:
        prepared.unlink(missing_ok=True)
        Path(f"{prepared}.wal").unlink(missing_ok=True)
    _prune(versions)
    return Publication(version_id, record["published_at"], published, record)


def _sql_string(path: Path) -> str:
    return str(path).replace("'", "''")


def _file_identity(path: Path) -> tuple[int, int, int]:
    status = path.stat()
    return status.st_ino, status.st_size, status.st_mtime_ns


def refresh_audit(build: Path, published: Path, audit_table: str = "audit.check_results") -> None:
    """Give the published warehouse the build file's `audit_table`; every other table stays as published.

    Same swap as publish(): a copy of the published file gets the table, is checkpointed
    and replaces the published file atomically. If the published file changes meanwhile
    (a new version was published), nothing is swapped and RuntimeError is raised.
    """
    schema = audit_table.split(".")[0]
    before = _file_identity(published)
    prepared = _prepare_copy(published, published)
    try:
        con = connect(prepared)
        try:
            con.execute(f"attach '{_sql_string(build)}' as build_file (read_only)")
            con.execute(f"create schema if not exists {schema}")
            con.execute(f"create or replace table {audit_table} as select * from build_file.{audit_table}")
            con.execute("detach build_file")
            con.execute("checkpoint")
        finally:
            con.close()
        if _file_identity(published) != before:
            raise RuntimeError(f"{published} changed while its audit table was refreshed; not swapped")
        _swap_in(prepared, published)
    finally:
        prepared.unlink(missing_ok=True)
        Path(f"{prepared}.wal").unlink(missing_ok=True)


def list_versions(versions: Path) -> list[str]:
    return sorted(path.stem for path in versions.glob("*.duckdb"))


def _prune(versions: Path) -> None:
    for version_id in list_versions(versions)[:-KEPT_VERSIONS]:
        (versions / f"{version_id}.duckdb").unlink(missing_ok=True)
        (versions / f"{version_id}.json").unlink(missing_ok=True)


def rollback(published: Path, versions: Path, version_id: str | None = None) -> str:
    """Make an earlier published version the published warehouse again (default: the one before)."""
    available = list_versions(versions)
    if version_id is None:
        if len(available) < 2:
            raise ValueError(f"no earlier version to roll back to in {versions}")
        version_id = available[-2]
    if version_id not in available:
        raise ValueError(f"version {version_id} not found in {versions}; available: {', '.join(available)}")
    remove_stale_copies(published.parent, published.name)
    prepared = _prepare_copy(versions / f"{version_id}.duckdb", published)
    try:
        _swap_in(prepared, published)
    finally:
        prepared.unlink(missing_ok=True)
    return version_id


def read_publication(published: Path) -> dict | None:
    """The record of the published version, or None when nothing is published yet."""
    if not published.exists():
        return None
    con = connect(published, read_only=True)
    try:
        row = con.execute(f"select record from {PUBLICATION_TABLE}").fetchone()
    finally:
        con.close()
    return json.loads(row[0]) if row else None
