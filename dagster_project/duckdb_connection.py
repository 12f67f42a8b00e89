"""The one way to open a DuckDB file in this project."""

import os
from pathlib import Path

import duckdb

# Extensions are never fetched or loaded implicitly: runs must not depend on
# network access or on whatever happens to be in the user's extension cache.
_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
_SWAPPED_DURING_OPEN_ATTEMPTS = 50


def connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    database = str(path)
    if database == ":memory:":
        return duckdb.connect(database, config=dict(_CONFIG))
    if not read_only:
        Path(database).parent.mkdir(parents=True, exist_ok=True)
        return duckdb.connect(database, config=dict(_CONFIG))
    return _connect_to_one_version(database)


def _identity(database: str) -> tuple[int, int, int, int]:
    status = os.stat(database)
    return status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns


def _connect_to_one_version(database: str) -> duckdb.DuckDBPyConnection:
    """A read-only connection that has read one version of a file that publishing swaps in.

    DuckDB opens the file three times while it connects. Were a new version swapped in
    between two of those opens, the connection could combine the header of one version
    with the blocks of the other (seen as "Table with name publication does not exist"), or
    fail ("Could not read enough bytes"). The file is the same before and after the connect
    only if every open saw it; otherwise the connect is tried again.
    """
    for _ in range(_SWAPPED_DURING_OPEN_ATTEMPTS):
        before = _identity(database)
        try:
            con = duckdb.connect(database, read_only=True, config=dict(_CONFIG))
        except duckdb.Error:
            if _identity(database) != before:
                continue
            raise
        if _identity(database) == before:
            return con
        con.close()
    raise duckdb.IOException(f"{database} was replaced {_SWAPPED_DURING_OPEN_ATTEMPTS} times while it was being opened")


def table_exists(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return (
        con.execute(
            "select count(*) from information_schema.tables where table_schema = ? and table_name = ?", [schema, table]
        ).fetchone()[0]
        > 0
    )
