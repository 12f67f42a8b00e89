"""The floor: the dbt models' compiled SQL run in dependency order in one DuckDB connection.

The same transformations on the same raw data and seed tables, with no dbt, no Dagster,
no tests and no checks: what the work costs when nothing else is paid for.
"""

import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import duckdb

from dagster_project import paths

DBT_DIR = paths.dbt_project_dir()


def compiled_models(env: dict[str, str], build_file: Path) -> list[tuple[str, str, str]]:
    """(relation, materialization, compiled SQL) of every model, in dependency order; compiled against build_file."""
    with tempfile.TemporaryDirectory(prefix="floor_target_") as target:
        subprocess.run(
            [
                str(paths.dbt_executable()),
                "compile",
                "--profiles-dir",
                ".",
                "--target-path",
                target,
                "--quiet",
                "--select",
                "resource_type:model",
            ],
            cwd=DBT_DIR,
            env=env | {paths.BUILD_DB_VARIABLE: str(build_file)},
            check=True,
            capture_output=True,
        )
        manifest = json.loads((Path(target) / "manifest.json").read_text())
    models = {uid: node for uid, node in manifest["nodes"].items() if node["resource_type"] == "model"}
    ordered, done = [], set()

    def visit(uid: str) -> None:
        if uid in done:
            return
        done.add(uid)
        for dependency in models[uid]["depends_on"]["nodes"]:
            if dependency in models:
                visit(dependency)
        ordered.append(uid)

    for uid in sorted(models):
        visit(uid)
    return [
        (
            f"{models[uid]['schema']}.{models[uid]['alias']}",
            models[uid]["config"]["materialized"],
            models[uid]["compiled_code"],
        )
        for uid in ordered
    ]


def run_floor(build_file: Path, models: list[tuple[str, str, str]]) -> float:
    """Seconds to run every model on a copy of the build file (raw schema and seeds as loaded)."""
    with tempfile.TemporaryDirectory(prefix="floor_") as folder:
        copy = Path(folder) / build_file.name  # the compiled SQL names the build file's catalog
        shutil.copyfile(build_file, copy)
        con = duckdb.connect(str(copy))
        try:
            started = time.perf_counter()
            for relation, materialized, sql in models:
                kind = "view" if materialized == "view" else "table"
                con.execute(f"create or replace {kind} {relation} as {sql}")
            con.execute("checkpoint")
            return time.perf_counter() - started
        finally:
            con.close()
