"""Write-audit-publish: the checked build file becomes the published warehouse.

The published file is never opened for writing. A new copy is prepared next to it,
checkpointed so that no .wal is left, and swapped in with os.replace, which is atomic
on one filesystem: a reader sees either the old or the new version, never a mixture.

A prepared copy is named after the process that writes it; a process killed mid-publish
leaves it behind, and the next publish removes it (remove_stale_copies).
"""

import hashlib
import json
import os
import shutil
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from dagster_project.duckdb_connection import connect
from dagster_project.publishing.versions import list_versions, prune, record_event, who
from dagster_project.quality.results import RESULTS_TABLE
from dagster_project.raw_format.fingerprint import file_sha256

PUBLICATION_TABLE = "meta.publication"


@dataclass(frozen=True)
class Publication:
    version_id: str
    published_at: str
    path: Path
    record: dict
    new: bool = True  # False: the content was the live version's, which stays


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


def checked_record_path(build: Path) -> Path:
    return build.with_name(f"{build.name}.checked.json")


def record_checked(build: Path, run_id: str) -> str:
    """The fingerprint of the build file as the checks saw it; publish() compares the copy it publishes."""
    _checkpoint(build)
    sha256 = file_sha256(build)
    checked_record_path(build).write_text(json.dumps({"run_id": run_id, "sha256": sha256}), encoding="utf-8")
    return sha256


def _require_checked(prepared: Path, build: Path, run_id: str | None) -> str:
    path = checked_record_path(build)
    checked = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    sha256 = file_sha256(prepared)
    if checked.get("run_id") != run_id or checked.get("sha256") != sha256:
        raise RuntimeError(
            f"{build} is not the file the checks of run {run_id} saw (checked: {checked or 'no record'}, "
            f"now sha256 {sha256}); nothing was published"
        )
    return sha256


# Columns that change with every load or run whatever the figures: left out of the content fingerprint.
_VOLATILE_COLUMNS = ("loaded_at", "quarantined_at", "failed_run_id")
# The check history and the publication record describe a version; they are not its content.
_NOT_CONTENT = (RESULTS_TABLE, PUBLICATION_TABLE)


def content_fingerprint(path: Path) -> str:
    """The data of a warehouse file, whatever its bytes: every table but the check history and
    the publication record, row order and load times left out."""
    con = connect(path, read_only=True)
    try:
        tables = con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_type = 'BASE TABLE' and not list_contains(?, table_schema || '.' || table_name) order by all",
            [list(_NOT_CONTENT)],
        ).fetchall()
        digest = hashlib.sha256()
        for schema, table in tables:
            columns = [
                name
                for (name,) in con.execute(
                    "select column_name from information_schema.columns where table_schema = ? and table_name = ? "
                    "order by ordinal_position",
                    [schema, table],
                ).fetchall()
                if name not in _VOLATILE_COLUMNS
            ]
            listed = ", ".join(f'"{name}"' for name in columns)
            rows, total = con.execute(
                f'select count(*), coalesce(sum(hash(t)), 0) from (select {listed} from "{schema}"."{table}") t'
            ).fetchone()
            digest.update(f"{schema}.{table}:{','.join(columns)}:{rows}:{total}\n".encode())
        return digest.hexdigest()
    finally:
        con.close()


def publish(build: Path, published: Path, versions: Path, record: dict) -> Publication:
    """Publish the build file, exactly as its checks saw it; `record` (raw file hashes, check
    summary) is stored with it. When its content is the live version's, no version is added:
    the check run is recorded against the live version (its audit table refreshed)."""
    remove_stale_copies(published.parent, published.name)
    remove_stale_copies(versions)
    _checkpoint(build)
    live = read_publication(published)
    prepared = _prepare_copy(build, published)
    try:
        checked = _require_checked(prepared, build, record.get("run_id"))
        content = content_fingerprint(prepared)
        if live is not None and live.get("content_sha256") == content:
            refresh_audit(build, published)
            record_event(versions, "checked", live["version_id"], run_id=record.get("run_id"))
            return Publication(live["version_id"], live["published_at"], published, live, new=False)
        now = datetime.now(UTC)
        version_id = now.strftime("%Y%m%dT%H%M%S%fZ")
        record = {
            **record,
            "version_id": version_id,
            "published_at": now.isoformat(),
            "content_sha256": content,
            "checked_sha256": checked,
        }
        _write_record(prepared, record)
        _keep_version(prepared, versions, version_id, record)
        _swap_in(prepared, published)
    finally:
        prepared.unlink(missing_ok=True)
        Path(f"{prepared}.wal").unlink(missing_ok=True)
    record_event(versions, "published", version_id, run_id=record.get("run_id"))
    prune(versions, version_id)
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


def rollback(published: Path, versions: Path, version_id: str | None = None, why: str | None = None) -> str:
    """Make an earlier kept version the published warehouse again (default: the one before the
    live one); recorded in the history with who, when and why. Hold the writer lock around it."""
    available = list_versions(versions)
    live = (read_publication(published) or {}).get("version_id")
    if version_id is None:
        earlier = [v for v in available if live is None or v < live]
        if not earlier:
            raise ValueError(f"no version earlier than the live one ({live}) in {versions}")
        version_id = earlier[-1]
    if version_id not in available:
        raise ValueError(f"version {version_id!r} not found in {versions}; available: {', '.join(available)}")
    remove_stale_copies(published.parent, published.name)
    prepared = _prepare_copy(versions / f"{version_id}.duckdb", published)
    try:
        _swap_in(prepared, published)
    finally:
        prepared.unlink(missing_ok=True)
    record_event(versions, "rollback", version_id, who=who(), why=why, **{"from": live})
    return version_id
