"""The project pointed at throwaway folders, and the real 2012 report copied and built there."""

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
REPORT_2012 = REPO / "raw" / "arsredovisning-2012"
# Made up for the tests: a 2013 report that adds up, with restated 2012 figures (its README says which).
SYNTHETIC_2013 = REPO / "tests" / "fixtures" / "synthetic-2013" / "arsredovisning-2013"


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


def copy_published(published: Path, root: Path) -> Path:
    """A warehouse folder where the good 2012 build is already published (published file, build file, versions)."""
    shutil.copytree(published.parent, root / "warehouse")
    return root / "warehouse" / published.name


def changed_copy(published: Path, folder: Path, *statements: str) -> Path:
    """A copy of a published warehouse file with each statement applied; each must change a row
    (an UPDATE or DELETE ending in `returning 1`)."""
    from dagster_project.duckdb_connection import connect

    database = folder / "copy.duckdb"
    shutil.copyfile(published, database)
    con = connect(database)
    try:
        for sql in statements:
            assert con.execute(sql).fetchall(), f"the statement must change a row: {sql}"
        con.execute("checkpoint")
    finally:
        con.close()
    return database


def query(warehouse: Path, sql: str) -> list[tuple]:
    """The rows of a query on a warehouse file opened read-only."""
    from dagster_project.duckdb_connection import connect

    con = connect(warehouse, read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()
