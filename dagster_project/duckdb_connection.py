"""The one way to open a DuckDB file in this project."""

from pathlib import Path

import duckdb

# Extensions are never fetched or loaded implicitly: runs must not depend on
# network access or on whatever happens to be in the user's extension cache.
_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


def connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    database = str(path)
    if not read_only and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(database, read_only=read_only, config=dict(_CONFIG))


def table_exists(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return con.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?", [schema, table]
    ).fetchone()[0] > 0
