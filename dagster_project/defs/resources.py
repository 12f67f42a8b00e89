"""What every concern shares: the warehouse's files as a resource, the writers' pool, the job name."""

from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb

from dagster_project import paths
from dagster_project.duckdb_connection import connect

# Every asset that writes the build warehouse runs in this pool (limit 1), because a
# DuckDB file takes one writing process at a time.
WAREHOUSE_POOL = "warehouse"

# The job that ingests, builds, checks and publishes; what the sensor and `make build` run.
REPORT_PIPELINE_JOB = "report_pipeline"

# Tags of a run that quarantines reports: which, and after which failed run.
QUARANTINE_TAG = "sjuharad/quarantine"
FAILED_RUN_TAG = "sjuharad/after_failed_run"


class Warehouse(dg.ConfigurableResource):
    """The warehouse's files. Unset fields follow SJUHARAD_RAW_DIR and SJUHARAD_WAREHOUSE
    when the run starts (dagster_project/paths.py), so that one set of definitions serves
    every environment."""

    raw_dir: str | None = None
    published_path: str | None = None

    def raw(self) -> Path:
        return Path(self.raw_dir) if self.raw_dir else paths.raw_dir()

    def published(self) -> Path:
        return Path(self.published_path) if self.published_path else paths.published_warehouse()

    def build(self) -> Path:
        return paths.build_warehouse(self.published())

    def versions(self) -> Path:
        return paths.versions_dir(self.published())

    @contextmanager
    def connect_build(self, read_only: bool = False):
        con: duckdb.DuckDBPyConnection = connect(self.build(), read_only=read_only)
        try:
            yield con
        finally:
            con.close()


@dg.definitions
def resources() -> dg.Definitions:
    from dagster_dbt import DbtCliResource

    from dagster_project.defs.dbt.project import dbt_project
    from dagster_project.defs.quality.expectation_validator import ExpectationValidator

    return dg.Definitions(
        resources={
            "warehouse": Warehouse(),
            # dbt's log file keeps warnings and errors only: at its default level (debug)
            # it records every statement, which costs a build about 1.5 s; the run's log
            # shows dbt's output anyway.
            "dbt": DbtCliResource(
                project_dir=dbt_project,
                dbt_executable=str(paths.dbt_executable()),
                global_config_flags=["--log-level-file", "warn"],
            ),
            "expectations": ExpectationValidator(),
        }
    )
