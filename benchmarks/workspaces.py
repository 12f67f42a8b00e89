"""Throwaway places to build in: a raw folder, a published warehouse and a Dagster home per scenario."""

import shutil
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from benchmarks import synthetic
from benchmarks.check_scope import EARLIEST_YEAR_VARIABLE
from benchmarks.measure import REPO, environment

REPORT_2012 = REPO / "raw" / "arsredovisning-2012"
SYNTHETIC_2013 = REPO / "tests" / "fixtures" / "synthetic-2013" / "arsredovisning-2013"
DEVELOPMENT_INSTANCE = REPO / "dagster_project" / "dagster.yaml"
PRODUCTION_INSTANCE = REPO / "deploy" / "dagster.yaml"


@dataclass(frozen=True)
class Workspace:
    root: Path
    seeds: str | None = None
    earliest_year: int | None = None
    instance_yaml: Path = DEVELOPMENT_INSTANCE
    # A PostgreSQL server (tests/support/postgres_server.py) for an instance_yaml with `storage: postgres`.
    postgres: object | None = None

    @property
    def raw(self) -> Path:
        return self.root / "raw"

    @property
    def warehouse(self) -> Path:
        return self.root / "warehouse" / "sjuharad.duckdb"

    @property
    def build_file(self) -> Path:
        return self.warehouse.parent / "build" / "sjuharad.build.duckdb"

    @property
    def home(self) -> Path:
        return self.root / "dagster_home"

    def env(self) -> dict[str, str]:
        extra = {
            "SJUHARAD_RAW_DIR": str(self.raw),
            "SJUHARAD_WAREHOUSE": str(self.warehouse),
            "DAGSTER_HOME": str(self.home),
        }
        if self.seeds:
            extra[synthetic.SEEDS_VARIABLE] = self.seeds
        if self.earliest_year:
            extra[EARLIEST_YEAR_VARIABLE] = str(self.earliest_year)
        if self.postgres:
            extra |= self.postgres.environment()
        return environment(**extra)

    @property
    def dbt_target(self) -> Path:
        return self.warehouse.parent / "build" / "dbt_target"

    def reset_warehouse(self) -> None:
        """A build from scratch: no build file, nothing published, a fresh Dagster home (and database).

        dbt's target folder stays, as between two builds of one warehouse: a warm build reuses its partial parse.
        """
        kept_target = self.root / "dbt_target_kept"
        if self.dbt_target.exists():
            shutil.move(self.dbt_target, kept_target)
        shutil.rmtree(self.warehouse.parent, ignore_errors=True)
        if kept_target.exists():
            self.dbt_target.parent.mkdir(parents=True)
            shutil.move(kept_target, self.dbt_target)
        shutil.rmtree(self.home, ignore_errors=True)
        self.home.mkdir(parents=True)
        shutil.copy(self.instance_yaml, self.home / "dagster.yaml")
        if self.postgres:
            self.postgres.recreate_database()

    def keep_published(self) -> None:
        """Keep the warehouse folder and Dagster home as they are now, for restore_published()."""
        for source in (self.warehouse.parent, self.home):
            kept = self.root / "kept" / source.name
            shutil.rmtree(kept, ignore_errors=True)
            shutil.copytree(source, kept)

    def restore_published(self) -> None:
        for target in (self.warehouse.parent, self.home):
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(self.root / "kept" / target.name, target)


def real_2012(root: Path) -> Workspace:
    workspace = Workspace(root)
    workspace.raw.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPORT_2012, workspace.raw / REPORT_2012.name, dirs_exist_ok=True)
    return workspace


def synthetic_years(root: Path, years: range, municipality_count: int) -> Workspace:
    synthetic.write_reports(root / "raw", years, municipality_count)
    seeds = synthetic.write_seed_extension(municipality_count)
    return Workspace(root, seeds=seeds, earliest_year=min(years[0] - 1, 1990))  # a report also gives the year before


def with_instance(workspace: Workspace, instance_yaml: Path, postgres=None) -> Workspace:
    """The same reports and warehouse, built with another Dagster instance configuration."""
    return replace(workspace, instance_yaml=instance_yaml, postgres=postgres)


def production_instance_on_sqlite(folder: Path) -> Path:
    """deploy/dagster.yaml without its storage block: Dagster's default SQLite storage in DAGSTER_HOME."""
    config = yaml.safe_load(PRODUCTION_INSTANCE.read_text())
    config.pop("storage")
    path = folder / "dagster.production-on-sqlite.yaml"
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    return path
