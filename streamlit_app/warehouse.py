"""Read-only access to the published warehouse, cached per published version.

Results are cached under the file's identity (inode, mtime_ns, size): a new publication
is a new key. Queries run on cursors of one read-only connection that is kept open while
its version is current and closed before a newly published version is opened, so that
the swapped-in file is seen on the next batch.
"""

import os
import threading
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from dagster_project.duckdb_connection import connect
from dagster_project.paths import published_warehouse

NOT_PUBLISHED_MESSAGE = (
    "Det finns ännu inget publicerat datalager. Bygg och publicera det med `make build`; "
    "appen visar uppgifterna så snart en version är publicerad."
)
UNREADABLE_MESSAGE = (
    "Det publicerade datalagret kunde inte läsas just nu. Det kan bero på att en ny version "
    "håller på att publiceras. Ladda om sidan om en liten stund."
)
MISSING_TABLE_MESSAGE = (
    "Den publicerade versionen av datalagret saknar uppgifter som den här sidan behöver. "
    "Bygg och publicera datalagret på nytt."
)


class WarehouseUnavailable(Exception):
    """The published warehouse cannot answer; the message is Swedish and meant for the user."""


@dataclass(frozen=True)
class Query:
    sql: str
    params: tuple = ()


Version = tuple[int, int, int]


def warehouse_path() -> Path:
    return published_warehouse()


def published_version(path: Path | None = None) -> Version:
    """Identity of the published file; raises WarehouseUnavailable when there is none."""
    path = path or warehouse_path()
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        raise WarehouseUnavailable(NOT_PUBLISHED_MESSAGE) from None
    except OSError:
        raise WarehouseUnavailable(UNREADABLE_MESSAGE) from None
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


def read_batch(queries: dict[str, Query]) -> dict[str, pd.DataFrame]:
    """Run named queries on one fresh read-only connection to the current published version."""
    path = warehouse_path()
    version = published_version(path)
    items = tuple((name, query.sql, tuple(query.params)) for name, query in queries.items())
    return _cached_batch(str(path), version, items)


def read(sql: str, params: tuple | list = ()) -> pd.DataFrame:
    return read_batch({"result": Query(sql, tuple(params))})["result"]


def deferred(query: Query) -> Callable[[], pd.DataFrame]:
    """The query as a callable run later (a download), uncached, on whatever version is published then."""
    items = (("result", query.sql, tuple(query.params)),)
    return lambda: _run_batch(str(warehouse_path()), items)["result"]


@st.cache_data(show_spinner=False, max_entries=256)
def _cached_batch(path: str, version: Version, items: tuple) -> dict[str, pd.DataFrame]:
    return _run_batch(path, items, version)


class _Anchor:
    """One read-only connection to the published version, kept open while it is current.

    Opening the file costs about 35 ms; a cursor on an open connection about 1 ms. DuckDB
    reuses an open database for the same path, so the anchor is closed (once no batch uses
    it) before a new version is opened; otherwise a swapped-in file would go unseen.
    """

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._connection: duckdb.DuckDBPyConnection | None = None
        self._version: tuple[str, Version] | None = None
        self._in_use = 0

    @contextmanager
    def cursor(self, path: str, version: Version):
        with self._changed:
            if (path, version) != self._version:
                self._changed.wait_for(lambda: self._in_use == 0)
                self._close()
                self._connection = connect(path, read_only=True)
                self._version = (path, version)
            self._in_use += 1
            cursor = self._connection.cursor()
        try:
            yield cursor
        finally:
            cursor.close()
            with self._changed:
                self._in_use -= 1
                self._changed.notify_all()

    def _close(self) -> None:
        if self._connection is not None:
            self._connection.close()
        self._connection, self._version = None, None


_ANCHOR = _Anchor()


def _run_batch(path: str, items: tuple, version: Version | None = None) -> dict[str, pd.DataFrame]:
    try:
        with _ANCHOR.cursor(path, version or published_version(Path(path))) as con:
            return {name: con.execute(sql, list(params)).df() for name, sql, params in items}
    except WarehouseUnavailable:
        raise
    except duckdb.CatalogException:
        raise WarehouseUnavailable(MISSING_TABLE_MESSAGE) from None
    except duckdb.Error:
        raise WarehouseUnavailable(UNREADABLE_MESSAGE) from None


def table_exists(schema: str, table: str) -> bool:
    found = read(
        "select count(*) as n from information_schema.tables where table_schema = ? and table_name = ?",
        (schema, table),
    )
    return bool(found["n"].iloc[0])
