"""The app's only way to the published warehouse: read-only, cached per published version.

The file is `SJUHARAD_WAREHOUSE`, by default `<repo>/warehouse/sjuharad.duckdb` (the same
place the pipeline publishes to). It is opened read-only, with DuckDB's extension
autoinstall and autoload off, so reading never writes, downloads or loads anything.

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

WAREHOUSE_VARIABLE = "SJUHARAD_WAREHOUSE"
DEFAULT_WAREHOUSE = Path(__file__).resolve().parent.parent / "warehouse" / "sjuharad.duckdb"
_READ_ONLY_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}

CONTACT = "Kontakta den som förvaltar Sjuhärad Insyn hos Sjuhärads kommunalförbund"
NOT_PUBLISHED_MESSAGE = (
    "Det finns ännu inga granskade uppgifter att visa. Sidorna fylls så snart årsredovisningens "
    f"siffror har kontrollerats och publicerats. {CONTACT} om du väntar på dem."
)
UNREADABLE_MESSAGE = (
    "Uppgifterna kunde inte läsas just nu. Det kan bero på att en ny version håller på att "
    f"publiceras. Ladda om sidan om en liten stund; {CONTACT.lower()} om felet kvarstår."
)
MISSING_TABLE_MESSAGE = (
    "Den publicerade versionen saknar uppgifter som den här sidan behöver. "
    f"{CONTACT} och berätta vilken sida det gäller."
)


class WarehouseUnavailable(Exception):
    """The published warehouse cannot answer; the message is Swedish and meant for the user."""


@dataclass(frozen=True)
class Query:
    sql: str
    params: tuple = ()


Version = tuple[int, int, int]


def warehouse_path() -> Path:
    value = os.environ.get(WAREHOUSE_VARIABLE, "").strip()
    return Path(value).expanduser() if value else DEFAULT_WAREHOUSE


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
    """Run named queries on one read-only connection to the current published version (cached)."""
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


def table_exists(schema: str, table: str) -> bool:
    found = read(
        "select count(*) as n from information_schema.tables where table_schema = ? and table_name = ?",
        (schema, table),
    )
    return bool(found["n"].iloc[0])


@st.cache_data(show_spinner=False, max_entries=256)
def _cached_batch(path: str, version: Version, items: tuple) -> dict[str, pd.DataFrame]:
    return _run_batch(path, items, version)


class _SwappedWhileOpening(Exception):
    """A new version was published while DuckDB opened the file."""


def _connect_to_version(path: str, version: Version) -> duckdb.DuckDBPyConnection:
    """A read-only connection that has read `version` only.

    DuckDB opens the file three times while it connects; a version swapped in between
    would be read in part (docs/reliability.md). The file is `version` before and after
    the connect only if every open saw it.
    """
    try:
        connection = duckdb.connect(path, read_only=True, config=dict(_READ_ONLY_CONFIG))
    except duckdb.Error:
        if published_version(Path(path)) != version:
            raise _SwappedWhileOpening from None
        raise
    if published_version(Path(path)) != version:
        connection.close()
        raise _SwappedWhileOpening
    return connection


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
                self._connection = _connect_to_version(path, version)
                # One thread per query: the app's queries read a few row groups each, and on a small
                # shared server one thread answers them faster than a pool (measured at 1 000 × 290).
                self._connection.execute("set threads = 1")
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


_OPEN_ATTEMPTS = 20


def _run_batch(path: str, items: tuple, version: Version | None = None) -> dict[str, pd.DataFrame]:
    for _ in range(_OPEN_ATTEMPTS):
        try:
            return _run_on_version(path, items, version or published_version(Path(path)))
        except _SwappedWhileOpening:
            version = None
    raise WarehouseUnavailable(UNREADABLE_MESSAGE)


def _run_on_version(path: str, items: tuple, version: Version) -> dict[str, pd.DataFrame]:
    try:
        with _ANCHOR.cursor(path, version) as con:
            return {name: con.execute(sql, list(params)).df() for name, sql, params in items}
    except (WarehouseUnavailable, _SwappedWhileOpening):
        raise
    except duckdb.CatalogException:
        raise WarehouseUnavailable(MISSING_TABLE_MESSAGE) from None
    except duckdb.Error:
        raise WarehouseUnavailable(UNREADABLE_MESSAGE) from None
