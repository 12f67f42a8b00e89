"""The dbt tests the pipeline's builds leave out: the unit tests (the models' SQL on fixed
inputs) and the tests of the seeds (reference data committed with the code)."""

import json

import dagster as dg

from dagster_project import paths
from dagster_project.quality.dbt_tests import run_ci_tests


def manifest() -> dict:
    return json.loads((paths.dbt_project_dir() / "target" / "manifest.json").read_text(encoding="utf-8"))


def test_unit_and_seed_tests_run_and_pass_on_the_2012_warehouse(published_2012):
    outcomes = run_ci_tests(published_2012)
    names = {o.check_name for o in outcomes}
    nodes = manifest()
    unit_tests = {test["name"] for test in nodes["unit_tests"].values()}
    seed_tests = {
        n["name"]
        for n in nodes["nodes"].values()
        if n["resource_type"] == "test" and n["original_file_path"].startswith("seeds/")
    }
    assert names == unit_tests | seed_tests
    assert {
        "int_statement_lines_unpivots_years",
        "fct_restatements_detects_changed_figures",
        "unique_municipalities_municipality_code",
    } <= names
    assert [(o.check_name, o.message) for o in outcomes if not o.passed] == []


def test_builds_leave_exactly_these_tests_out():
    from dagster_project.definitions import defs

    checks = {key.name for key in defs.resolve_asset_graph().asset_check_keys}
    nodes = manifest()["nodes"].values()
    seed_tests = {
        n["name"] for n in nodes if n["resource_type"] == "test" and n["original_file_path"].startswith("seeds/")
    }
    other_tests = {n["name"] for n in nodes if n["resource_type"] == "test"} - seed_tests
    assert seed_tests and not seed_tests & checks
    assert other_tests <= checks
    assert (
        dg.AssetCheckKey(dg.AssetKey(["marts", "fct_fees"]), "gx_fct_fees")
        in defs.resolve_asset_graph().asset_check_keys
    )
