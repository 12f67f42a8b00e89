"""Runs launched by the instance of dagster.yaml are forked from the warm process."""

import json
import os
import shutil
import time

import dagster as dg
import pytest

from dagster_project import paths, warm_runs
from tests.warm_run_jobs import MARKER_VARIABLE, waiting_job, where_job


@pytest.fixture
def instance(tmp_path, monkeypatch):
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(paths.repo_root() / "dagster_project" / "dagster.yaml", home / "dagster.yaml")
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    monkeypatch.setenv(MARKER_VARIABLE, str(tmp_path / "marker.json"))
    try:
        with dg.DagsterInstance.get() as instance:
            yield instance
    finally:
        warm_runs.stop()


def launch(instance: dg.DagsterInstance, job: dg.JobDefinition) -> dg.DagsterRun:
    run = instance.create_run_for_job(job, job_code_origin=dg.reconstructable(job).get_python_origin())
    instance.launch_run(run.run_id, workspace=None)
    return instance.get_run_by_id(run.run_id)


def wait_until(condition, what: str, seconds: float = 120):
    deadline = time.monotonic() + seconds
    while not (found := condition()):
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.1)
    return found


def finished(instance: dg.DagsterInstance, run_id: str) -> dg.DagsterRun:
    return wait_until(lambda: (run := instance.get_run_by_id(run_id)).is_finished and run, f"run {run_id} to finish")


def test_runs_are_forked_from_the_warm_process_each_with_waiting_workers(instance, tmp_path):
    assert isinstance(instance.run_launcher, warm_runs.WarmRunLauncher)
    seen = []
    for _ in range(2):
        run = finished(instance, launch(instance, where_job).run_id)
        assert run.status == dg.DagsterRunStatus.SUCCESS
        where = json.loads((tmp_path / "marker.json").read_text())
        assert run.tags[warm_runs.PID_TAG] == str(where["pid"])
        seen.append(where)
    warm_pid = warm_runs.warm_process().pid
    assert [where["parent"] for where in seen] == [warm_pid, warm_pid], "both forked from the same warm process"
    assert all(where["definitions_imported"] for where in seen), "the definitions were imported before the fork"
    for worker in ("dbt_worker", "expectation_worker"):
        assert seen[0][worker] and seen[1][worker] and seen[0][worker] != seen[1][worker], f"a new {worker} waited for each run"


def test_a_changed_module_replaces_the_warm_process(instance):
    first = warm_runs.warm_process()
    module = paths.repo_root() / "dagster_project" / "warm_runs.py"
    stat = module.stat()
    try:
        shutil.copystat(module, module)  # same content, same times: nothing to replace
        assert warm_runs.warm_process() is first
        module.touch()
        assert warm_runs.warm_process() is not first
        assert first._process.wait(timeout=30) is not None
    finally:
        os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def test_terminating_a_warm_run_cancels_it(instance, tmp_path):
    run = launch(instance, waiting_job)
    wait_until(lambda: (tmp_path / "marker.json").exists(), "the op to start")
    assert instance.run_launcher.terminate(run.run_id)
    assert finished(instance, run.run_id).status == dg.DagsterRunStatus.CANCELED


def test_a_warm_process_that_died_is_replaced_for_the_next_run(instance, tmp_path):
    dead = warm_runs.warm_process()
    dead._process.kill()
    dead._process.wait()
    run = finished(instance, launch(instance, where_job).run_id)
    assert run.status == dg.DagsterRunStatus.SUCCESS
    assert json.loads((tmp_path / "marker.json").read_text())["parent"] == warm_runs.warm_process().pid != dead.pid


def test_a_manifest_parsed_again_unchanged_keeps_the_warm_process(tmp_path, monkeypatch):
    manifest = json.loads((paths.dbt_project_dir() / "target" / "manifest.json").read_text(encoding="utf-8"))
    (tmp_path / "target").mkdir()
    monkeypatch.setattr(paths, "dbt_project_dir", lambda: tmp_path)

    def fingerprint_of(changed: dict) -> tuple:
        (tmp_path / "target" / "manifest.json").write_text(json.dumps(changed), encoding="utf-8")
        return warm_runs.code_fingerprint()

    node = next(name for name in manifest["nodes"] if name.endswith(".fct_fees"))
    parsed_again = {**manifest, "metadata": {**manifest["metadata"], "generated_at": "2099-01-01T00:00:00Z", "invocation_id": "x"},
                    "nodes": {**manifest["nodes"], node: {**manifest["nodes"][node], "created_at": 1.0}}}
    model_changed = {**manifest, "nodes": {**manifest["nodes"], node: {**manifest["nodes"][node], "raw_code": "select 1"}}}
    assert fingerprint_of(parsed_again) == fingerprint_of(manifest)
    assert fingerprint_of(model_changed) != fingerprint_of(manifest)
