"""dbt models and their tests as Dagster assets and asset checks."""

import os
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets

from dagster_project import paths
from dagster_project.defs.dbt.project import dbt_project
from dagster_project.defs.ingest.assets import reports_of_run
from dagster_project.defs.resources import WAREHOUSE_POOL, Warehouse, WriterLock
from dagster_project.publishing import quarantine
from dagster_project.quality.results import CheckOutcome, record

# The seeds are reference data committed with the code: their tests run in the test suite
# (tests/test_dbt_ci_tests.py), since a build cannot change them.
REFERENCE_DATA_TESTS = "tag:reference_data"


class WarehouseTranslator(DagsterDbtTranslator):
    def get_asset_spec(self, manifest: Mapping[str, Any], unique_id: str, project: DbtProject | None) -> dg.AssetSpec:
        spec = super().get_asset_spec(manifest, unique_id, project)
        props = self.get_resource_props(manifest, unique_id)
        if props.get("resource_type") == "source":
            return spec
        folder = props.get("fqn", ["", "models"])[1]
        return spec.replace_attributes(group_name=folder if folder in ("staging", "intermediate", "marts") else "seeds")


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    exclude=REFERENCE_DATA_TESTS,
    dagster_dbt_translator=WarehouseTranslator(),
    pool=WAREHOUSE_POOL,
)
def warehouse_dbt_models(
    context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: Warehouse, writer_lock: WriterLock
):
    # dbt's profile takes the build file's path from the environment (dbt/profiles.yml).
    os.environ[paths.BUILD_DB_VARIABLE] = str(warehouse.build())
    # One target folder for every run of this warehouse (dagster-dbt would make a new one per
    # run), so that dbt reuses its partial parse (partial_parse.msgpack) instead of parsing the
    # project each time. A dbt that stops before it writes its results must not leave the last
    # run's results to be read as this one's.
    target_path = paths.dbt_run_target(warehouse.published())
    (target_path / "run_results.json").unlink(missing_ok=True)
    start_from_the_projects_parse(target_path)
    # Unit tests check the models' SQL against fixed inputs, not the data: they run in the
    # test suite (tests/test_dbt_ci_tests.py), not in every build.
    invocation = dbt.cli(
        ["build", "--exclude-resource-type", "unit_test"], context=context, raise_on_error=False, target_path=target_path
    )
    outcomes = []
    for event in invocation.stream():
        if isinstance(event, dg.AssetCheckResult):
            outcomes.append(_test_outcome(event))
        yield event
    record(warehouse.build(), context.run.run_id, "build", outcomes)
    if not invocation.is_successful():
        failing = [*_failed_models(invocation), *(f"{o.check_name}: {o.message}" for o in outcomes if not o.passed)]
        loaded = reports_of_run(context.run)
        if len(loaded) == 1:
            # dbt names no report; the run's one report is the only change since the last build.
            quarantine.propose({loaded[0]: failing}, context.run.run_id, warehouse.raw(), warehouse.published())
        raise dg.Failure(
            description="dbt build failed; nothing is published.\n" + "\n".join(failing),
            metadata={"failing": dg.MetadataValue.md("\n".join(f"- {line}" for line in failing))},
        )


PARTIAL_PARSE_FILE = "partial_parse.msgpack"


def start_from_the_projects_parse(target_path: Path) -> None:
    """A warehouse's first run starts from the parse `make install` saved in dbt/target, as
    dagster-dbt's own `prepare-and-package` ships that parse for the runs of a deployment: dbt
    checks it against the profile and every file, and parses again only what changed. Without
    it, dbt parses the whole project (about 4 s of CPU more) for a new warehouse, a check-draft's
    scratch one, or each test's."""
    own = target_path / PARTIAL_PARSE_FILE
    projects = Path(dbt_project.project_dir) / dbt_project.target_path / PARTIAL_PARSE_FILE
    if not own.exists() and projects.exists():
        target_path.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(projects, own)


def _failed_models(invocation) -> list[str]:
    """Models and seeds dbt could not build, with dbt's message (a broken contract constraint names it)."""
    if not (invocation.target_path / "run_results.json").exists():
        return [f"dbt stopped before it wrote its results: {invocation.get_error()}"]
    results = invocation.get_artifact("run_results.json")["results"]
    return [
        f"{result['unique_id'].split('.')[-1]}: {' '.join((result.get('message') or '').split())}"
        for result in results
        if result["status"] == "error" and result["unique_id"].startswith(("model.", "seed."))
    ]


def _test_outcome(result: dg.AssetCheckResult) -> CheckOutcome:
    severity = "warning" if result.severity == dg.AssetCheckSeverity.WARN else "error"
    failures = result.metadata.get("dagster_dbt/failed_row_count")
    return CheckOutcome(
        check_name=result.check_name or "dbt test",
        asset=result.asset_key.to_user_string() if result.asset_key else "",
        kind="dbt_test",
        severity=severity,
        passed=result.passed,
        message=result.description
        or ("passed" if result.passed else f"failed rows: {failures.value if failures else 'unknown'}"),
    )
