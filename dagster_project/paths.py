"""Every filesystem location of the project, resolved in one place.

Functions rather than constants so that a changed environment (tests, Dagster
run config) is seen on every call.
"""

import os
import sys
from pathlib import Path

RAW_DIR_VARIABLE = "SJUHARAD_RAW_DIR"
WAREHOUSE_VARIABLE = "SJUHARAD_WAREHOUSE"
# dbt's profile (dbt/profiles.yml) reads the file dbt builds from this variable.
BUILD_DB_VARIABLE = "SJUHARAD_BUILD_DB"
INBOX_VARIABLE = "SJUHARAD_INBOX_DIR"


def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent


def _path_from_environment(variable: str, default: Path) -> Path:
    value = os.environ.get(variable, "").strip()
    return Path(value).expanduser() if value else default


def raw_dir() -> Path:
    return _path_from_environment(RAW_DIR_VARIABLE, repo_root() / "raw")


def report_schema() -> Path:
    """The JSON Schema of report.yml, kept in the repository's raw/ whatever SJUHARAD_RAW_DIR says."""
    return repo_root() / "raw" / "report.schema.json"


def inbox_dir() -> Path:
    """Where a new report (PDF or text) is dropped to be drafted."""
    return _path_from_environment(INBOX_VARIABLE, repo_root() / "inbox")


def published_warehouse() -> Path:
    return _path_from_environment(WAREHOUSE_VARIABLE, repo_root() / "warehouse" / "sjuharad.duckdb")


def build_warehouse(published: Path | None = None) -> Path:
    published = published or published_warehouse()
    return published.parent / "build" / f"{published.stem}.build.duckdb"


def versions_dir(published: Path | None = None) -> Path:
    return (published or published_warehouse()).parent / "versions"


def build_log(published: Path | None = None) -> Path:
    """The build's full output (Dagster's and dbt's lines), beside its build file; the terminal shows a summary."""
    return build_warehouse(published).parent / "build.log"


def dbt_run_target(published: Path | None = None) -> Path:
    """dbt's target folder for the runs that build this warehouse, beside its build file: the runs of one
    warehouse share their partial parse (they never overlap, being its one writer), and two warehouses, such
    as the test suite's parallel workers, never read each other's results."""
    return build_warehouse(published).parent / "dbt_target"


def rejections_dir(published: Path | None = None) -> Path:
    return (published or published_warehouse()).parent / "rejections"


def dbt_project_dir() -> Path:
    return repo_root() / "dbt"


def quality_report() -> Path:
    return published_warehouse().parent / "quality_report.md"


def dbt_executable() -> Path:
    """The dbt of this environment, whether or not its bin folder is on PATH."""
    return Path(sys.executable).parent / "dbt"


def dbt_command() -> Path:
    """The dbt that dagster-dbt runs: this environment's, with a quick `--version` (dbt_command.py)."""
    return Path(sys.executable).parent / "sjuharad-dbt"
