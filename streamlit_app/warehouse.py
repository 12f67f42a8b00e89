"""Read-only access to the published warehouse: short-lived connections, cached per published version.

Every query batch opens its own read-only connection and closes it, so that a
warehouse swapped in by a publish is seen on the next batch. Results are cached
under the file's identity (inode, mtime_ns, size): a new publication is a new key.
"""

import os
from collections.abc import Callable
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
    del version  # part of the cache key only
    return _run_batch(path, items)


def _run_batch(path: str, items: tuple) -> dict[str, pd.DataFrame]:
    try:
        con = connect(path, read_only=True)
    except duckdb.Error:
        raise WarehouseUnavailable(UNREADABLE_MESSAGE) from None
    try:
        return {name: con.execute(sql, list(params)).df() for name, sql, params in items}
    except duckdb.CatalogException:
        raise WarehouseUnavailable(MISSING_TABLE_MESSAGE) from None
    except duckdb.Error:
        raise WarehouseUnavailable(UNREADABLE_MESSAGE) from None
    finally:
        con.close()


def table_exists(schema: str, table: str) -> bool:
    found = read(
        "select count(*) as n from information_schema.tables where table_schema = ? and table_name = ?",
        (schema, table),
    )
    return bool(found["n"].iloc[0])
