"""Shared fixtures: a warehouse built by the real pipeline from the real 2012 report."""

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
REPORT_2012 = REPO / "raw" / "arsredovisning-2012"

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")


@contextmanager
def project_environment(raw_dir: Path, warehouse: Path) -> Iterator[None]:
    """Point the project at another raw folder and published warehouse for a while."""
    saved = {name: os.environ.get(name) for name in ("SJUHARAD_RAW_DIR", "SJUHARAD_WAREHOUSE")}
    os.environ["SJUHARAD_RAW_DIR"] = str(raw_dir)
    os.environ["SJUHARAD_WAREHOUSE"] = str(warehouse)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def build_warehouse(raw_dir: Path, warehouse: Path) -> bool:
    """`make build` in-process against the given folders, with a throwaway Dagster instance."""
    import dagster as dg

    from dagster_project.build import build_all

    with project_environment(raw_dir, warehouse), dg.DagsterInstance.ephemeral() as instance:
        return build_all(instance)


def copy_report(destination_raw: Path, source: Path = REPORT_2012) -> Path:
    target = destination_raw / source.name
    shutil.copytree(source, target)
    return target


@pytest.fixture(scope="session")
def published_2012(tmp_path_factory) -> Path:
    """The published warehouse built from raw/arsredovisning-2012 (built once per test session).

    Read it only (read_only=True); tests that change data build their own.
    """
    root = tmp_path_factory.mktemp("published_2012")
    raw_dir = root / "raw"
    copy_report(raw_dir)
    warehouse = root / "warehouse" / "sjuharad.duckdb"
    assert build_warehouse(raw_dir, warehouse), "the 2012 report must build and publish"
    return warehouse
