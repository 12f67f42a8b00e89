"""Throwaway places to build in: a raw folder, a published warehouse and a Dagster home per scenario."""

import shutil
from dataclasses import dataclass
from pathlib import Path

from benchmarks import synthetic
from benchmarks.check_scope import EARLIEST_YEAR_VARIABLE
from benchmarks.measure import REPO, environment

REPORT_2012 = REPO / "raw" / "arsredovisning-2012"
SYNTHETIC_2013 = REPO / "tests" / "fixtures" / "synthetic-2013" / "arsredovisning-2013"


@dataclass(frozen=True)
class Workspace:
    root: Path
    seeds: str | None = None
    earliest_year: int | None = None

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
        extra = {"SJUHARAD_RAW_DIR": str(self.raw), "SJUHARAD_WAREHOUSE": str(self.warehouse), "DAGSTER_HOME": str(self.home)}
        if self.seeds:
            extra[synthetic.SEEDS_VARIABLE] = self.seeds
        if self.earliest_year:
            extra[EARLIEST_YEAR_VARIABLE] = str(self.earliest_year)
        return environment(**extra)

    def reset_warehouse(self) -> None:
        """A build from scratch: no build file, nothing published, a fresh Dagster home."""
        shutil.rmtree(self.warehouse.parent, ignore_errors=True)
        shutil.rmtree(self.home, ignore_errors=True)
        self.home.mkdir(parents=True)
        shutil.copy(REPO / "dagster_project" / "dagster.yaml", self.home / "dagster.yaml")


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
