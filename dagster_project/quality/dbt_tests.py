"""dbt's data tests re-run against a warehouse file opened read-only (the published one).

During a build the tests run inside `dbt build` (dagster_project/defs/dbt/assets.py).
Here they run with `dbt test` and the profile in dbt_read_only/, which attaches the file
read-only, so the published warehouse is checked without ever being opened for writing.
The unit tests (fixed inputs, expected outputs: they test the models' SQL, not the
data) and the tests of the seeds (reference data committed with the code) are left out
of the builds; the test suite runs them through run_ci_tests.
"""

import json
import os
import subprocess
import tempfile
from pathlib import Path

from dagster_project import paths
from dagster_project.quality.results import CheckOutcome

READ_ONLY_PROFILES_DIR = Path(__file__).resolve().parent / "dbt_read_only"
CHECKED_DB_VARIABLE = "SJUHARAD_CHECKED_DB"


def _tested_asset(node: dict, nodes: dict) -> str:
    """The asset a test is a check on, as dagster-dbt names it (schema/model)."""
    reference = (node.get("config", {}).get("meta", {}).get("dagster", {}).get("ref") or {}).get("name")
    attached = node.get("attached_node")
    if reference:
        attached = next((uid for uid, n in nodes.items() if n.get("name") == reference), attached)
    if attached is None and len(node["depends_on"]["nodes"]) == 1:
        attached = node["depends_on"]["nodes"][0]
    target = nodes.get(attached or "", {})
    return f"{target.get('config', {}).get('schema', '')}/{target.get('name', '')}".strip("/")


def run_data_tests(database: Path) -> list[CheckOutcome]:
    return _dbt_test(database, ["--exclude-resource-type", "unit_test"])


def run_ci_tests(database: Path) -> list[CheckOutcome]:
    """The unit tests and the seeds' tests, on the relations of `database` (read-only)."""
    return _dbt_test(database, ["--select", "test_type:unit", "tag:reference_data"])


def _dbt_test(database: Path, selection: list[str]) -> list[CheckOutcome]:
    with tempfile.TemporaryDirectory(prefix="dbt_read_only_") as target:
        environment = {**os.environ, CHECKED_DB_VARIABLE: str(database), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
        completed = subprocess.run(
            [
                str(paths.dbt_executable()),
                "--log-level-file",
                "none",
                "test",
                *selection,
                "--profiles-dir",
                str(READ_ONLY_PROFILES_DIR),
                "--target-path",
                target,
                "--log-path",
                target,
            ],
            cwd=paths.dbt_project_dir(),
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
        results_file = Path(target) / "run_results.json"
        if not results_file.exists():
            raise RuntimeError(f"dbt test did not run:\n{completed.stdout[-2000:]}\n{completed.stderr[-2000:]}")
        results = json.loads(results_file.read_text(encoding="utf-8"))["results"]
        manifest = json.loads((Path(target) / "manifest.json").read_text(encoding="utf-8"))
        nodes = {**manifest["nodes"], **manifest.get("unit_tests", {})}
    outcomes = []
    for result in results:
        node = nodes[result["unique_id"]]
        passed = result["status"] == "pass"
        configured = (node.get("config", {}).get("severity") or "").lower()
        severity = "warning" if result["status"] == "warn" or configured == "warn" else "error"
        message = "passed" if passed else f"{result['status']}: {result.get('message') or ''}".strip()
        outcomes.append(
            CheckOutcome(
                node["name"],
                _tested_asset(node, nodes),
                "dbt_test",
                severity,
                passed,
                message,
                {"status": result["status"], "failures": result.get("failures")},
            )
        )
    return outcomes
