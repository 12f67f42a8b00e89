"""What every concern shares: the warehouse's files as a resource, the writers' pool."""

from contextlib import ExitStack, contextmanager
from pathlib import Path

import dagster as dg
import duckdb
from pydantic import PrivateAttr

from dagster_project import paths
from dagster_project.duckdb_connection import connect
from dagster_project.publishing.writer_lock import writer_lock

# Every asset that writes the build warehouse runs in this pool (limit 1), because a
# DuckDB file takes one writing process at a time.
WAREHOUSE_POOL = "warehouse"


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


class WriterLock(dg.ConfigurableResource):
    """The warehouse's writer lock (publishing/writer_lock.py), held from a run's start to its end.

    Every step that writes the build file or publishes requires it, so a run that writes
    holds it for the whole run; a run waits while `make build` or a rollback holds it."""

    warehouse: dg.ResourceDependency[Warehouse]
    wait_seconds: float = 3600.0

    _held: ExitStack | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        stack = ExitStack()
        stack.enter_context(
            writer_lock(
                self.warehouse.build(),
                f"Dagster-körningen {context.run.run_id}" if context.run else "en Dagster-körning",
                self.wait_seconds,
                on_wait=lambda holder: context.log.info(f"Waiting for the warehouse's writer lock, held by {holder}"),
            )
        )
        self._held = stack

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        if self._held is not None:
            self._held.close()
            self._held = None


@dg.definitions
def resources() -> dg.Definitions:
    from dagster_dbt import DbtCliResource

    from dagster_project.defs.dbt.project import dbt_project
    from dagster_project.defs.quality.expectation_validator import ExpectationValidator, workers_from_environment

    warehouse = Warehouse()
    return dg.Definitions(
        resources={
            "warehouse": warehouse,
            # dbt's log file keeps warnings and errors only: at its default level (debug)
            # it records every statement, which costs a build about 1.5 s; the run's log
            # shows dbt's output anyway.
            "dbt": DbtCliResource(
                project_dir=dbt_project,
                dbt_executable=str(paths.dbt_command()),
                global_config_flags=["--log-level-file", "warn"],
            ),
            "expectations": ExpectationValidator(workers=workers_from_environment()),
            "writer_lock": WriterLock(warehouse=warehouse),
        }
    )
