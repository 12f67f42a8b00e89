"""The dbt worker (dagster_project/dbt_worker.py): dbt through it behaves like dbt itself."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dagster_project import dbt_worker, paths

CLIENT = str(Path(sys.executable).parent / "sjuharad-dbt")


def _client(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([CLIENT, *args], cwd=paths.dbt_project_dir(), env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture
def worker():
    dbt_worker.start()
    yield os.environ[dbt_worker.SOCKET_VARIABLE]
    dbt_worker.stop()


def test_without_a_worker_the_client_is_dbt_itself():
    env = {k: v for k, v in os.environ.items() if k != dbt_worker.SOCKET_VARIABLE}
    done = _client("parse", "--profiles-dir", ".", env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Running with dbt=1.11" in done.stdout


def test_a_command_through_the_worker_has_dbts_output_and_exit_status(worker):
    done = _client("parse", "--profiles-dir", ".", "--no-partial-parse", env=dict(os.environ))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Running with dbt=1.11" in done.stdout
    assert "Registered adapter: duckdb" in done.stdout
    assert not Path(worker).exists(), "a worker serves one command"


def test_a_failing_command_through_the_worker_fails_like_dbt(worker):
    through_worker = _client("no-such-command", env=dict(os.environ))
    env = {k: v for k, v in os.environ.items() if k != dbt_worker.SOCKET_VARIABLE}
    direct = _client("no-such-command", env=env)
    assert through_worker.returncode == direct.returncode == 2
    assert "No such command 'no-such-command'" in through_worker.stdout


def test_an_unused_worker_exits_when_stopped():
    worker = dbt_worker.DbtWorker()
    assert worker.listening(), "the worker listens before it imports dbt"
    worker.stop()
    assert worker._process.returncode == 0
    assert not Path(worker.folder).exists()


def test_the_dbt_resource_starts_a_worker_with_the_run_and_stops_it_after():
    import dagster as dg

    from dagster_project.defs.dbt.assets import dbt_resource

    context = dg.build_init_resource_context()
    dbt_resource.setup_for_execution(context)
    try:
        socket_path = os.environ[dbt_worker.SOCKET_VARIABLE]
        assert Path(socket_path).exists()
    finally:
        dbt_resource.teardown_after_execution(context)
    assert dbt_worker.SOCKET_VARIABLE not in os.environ
    assert not Path(socket_path).parent.exists()
