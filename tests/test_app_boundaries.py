"""The app stands on its own: it reads the published warehouse through streamlit_app/warehouse.py
only, never imports the pipeline package or edits sys.path, and reads only the marts and the
published check history and publication record (schemas marts, audit, meta)."""

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

from tests.support.project import REPO

APP = REPO / "streamlit_app"
SOURCES = sorted(APP.rglob("*.py"))
ALLOWED_SCHEMAS = {"marts", "audit", "meta", "information_schema"}
TABLE_REFERENCE = re.compile(r"\b(?:from|join)\s+([a-z_]+)\.([a-z_{}]+)", re.IGNORECASE)


def _tree(path: Path) -> ast.AST:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def test_no_module_of_the_app_imports_the_pipeline_package_or_touches_sys_path():
    for path in SOURCES:
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                names = []
            assert not any(
                name.split(".")[0] in ("dagster_project", "dagster", "dbt", "great_expectations") for name in names
            ), f"{path.relative_to(REPO)} imports {names}"
            if isinstance(node, ast.Attribute) and node.attr == "path" and isinstance(node.value, ast.Name):
                assert node.value.id != "sys", f"{path.relative_to(REPO)} uses sys.path"


def test_only_warehouse_py_opens_duckdb():
    for path in SOURCES:
        imports_duckdb = any(
            isinstance(node, ast.Import) and any(alias.name == "duckdb" for alias in node.names)
            for node in ast.walk(_tree(path))
        )
        assert not imports_duckdb or path.name == "warehouse.py", f"{path.relative_to(REPO)} imports duckdb"


def test_the_app_reads_only_marts_audit_and_meta():
    found = set()
    for path in SOURCES:
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                for schema, table in TABLE_REFERENCE.findall(node.value):
                    found.add((schema.lower(), table))
                    assert schema.lower() in ALLOWED_SCHEMAS, f"{path.relative_to(REPO)} reads {schema}.{table}"
    assert ("marts", "fct_municipality_returns") in found and ("audit", "check_results") in found


def test_the_app_imports_and_runs_from_any_directory_without_the_pipeline(tmp_path, published_2012):
    script = (
        "import sys\n"
        "from streamlit.testing.v1 import AppTest\n"
        f"app = AppTest.from_file({str(APP / 'app.py')!r}, default_timeout=120)\n"
        "app.run()\n"
        "assert not app.exception, [e.value for e in app.exception]\n"
        "assert any('Nyckeltal' in s.value for s in app.subheader), [s.value for s in app.subheader]\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('dagster_project', 'dagster', 'dbt', 'great_expectations'))\n"
        "assert not loaded, loaded\n"
        "import streamlit_app\n"
        f"assert streamlit_app.__file__.startswith({str(APP)!r}), streamlit_app.__file__\n"
    )
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    environment["SJUHARAD_WAREHOUSE"] = str(published_2012)
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]


def test_the_default_warehouse_is_the_one_the_pipeline_publishes(monkeypatch):
    from streamlit_app.warehouse import DEFAULT_WAREHOUSE, warehouse_path

    monkeypatch.delenv("SJUHARAD_WAREHOUSE", raising=False)
    assert warehouse_path() == DEFAULT_WAREHOUSE == REPO / "warehouse" / "sjuharad.duckdb"
    monkeypatch.setenv("SJUHARAD_WAREHOUSE", "/somewhere/else.duckdb")
    assert warehouse_path() == Path("/somewhere/else.duckdb")
