"""One writer, everywhere: `make build`, a Dagster run and a rollback hold the same lock; a
second writer stops at once (or a run waits) naming who holds it. What is published is
exactly the file the checks saw."""

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import dagster as dg
import pytest

from dagster_project import cli, paths
from dagster_project.defs.resources import Warehouse, WriterLock
from dagster_project.duckdb_connection import connect
from dagster_project.publishing.publish import publish, record_checked
from dagster_project.publishing.writer_lock import BUSY, writer_lock
from tests.support.project import REPO, copy_report, project_environment


@pytest.fixture
def holder(tmp_path):
    """Another process that holds the writer lock of tmp_path's warehouse until the test ends."""
    build = paths.build_warehouse(tmp_path / "warehouse" / "sjuharad.duckdb")
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from dagster_project.publishing.writer_lock import writer_lock
        with writer_lock(Path({str(build)!r}), "make build"):
            print("held", flush=True)
            sys.stdin.read()
        """
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script], cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout.readline().strip() == "held"
    yield process
    process.stdin.close()
    process.wait(timeout=30)


def test_a_second_build_stops_at_once_naming_the_holder(tmp_path, holder, capsys, monkeypatch):
    raw_dir, warehouse = tmp_path / "raw", tmp_path / "warehouse" / "sjuharad.duckdb"
    copy_report(raw_dir)
    (tmp_path / "dagster_home").mkdir()
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster_home"))
    with project_environment(raw_dir, warehouse):
        assert cli.main(["build"]) == cli.BUSY_EXIT
        assert cli.main(["rollback"]) == cli.BUSY_EXIT
    message = capsys.readouterr().err
    assert f"Stoppad: {BUSY}: make build, process {holder.pid}" in message
    assert not paths.build_warehouse(warehouse).exists(), "the second build wrote nothing"


RUN_HOLDING_THE_LOCK = """
import sys
import dagster as dg
from dagster_project.defs.resources import Warehouse, WriterLock

@dg.op
def write(writer_lock: WriterLock) -> None:
    print("held", flush=True)
    sys.stdin.read()

@dg.job
def writes():
    write()

lock = WriterLock(warehouse=Warehouse(published_path=sys.argv[1]))
writes.execute_in_process(resources={"writer_lock": lock}, run_id="00000000-0000-0000-0000-000000000021")
"""


def test_a_build_during_a_dagster_run_stops_naming_the_run(tmp_path, capsys, monkeypatch):
    raw_dir, warehouse = tmp_path / "raw", tmp_path / "warehouse" / "sjuharad.duckdb"
    copy_report(raw_dir)
    run = subprocess.Popen(
        [sys.executable, "-c", RUN_HOLDING_THE_LOCK, str(warehouse)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert run.stdout.readline().strip() == "held"
        (tmp_path / "dagster_home").mkdir()
        monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster_home"))
        with project_environment(raw_dir, warehouse):
            assert cli.main(["build"]) == cli.BUSY_EXIT
    finally:
        run.stdin.close()
        run.wait(timeout=60)
    assert f"{BUSY}: Dagster-körningen 00000000-0000-0000-0000-000000000021, process {run.pid}" in (
        capsys.readouterr().err
    )


def test_a_dagster_run_waits_for_the_lock_and_says_who_holds_it(tmp_path, holder):
    warehouse = tmp_path / "warehouse" / "sjuharad.duckdb"

    @dg.op
    def write(writer_lock: WriterLock) -> None:
        raise AssertionError("never reached while another writer holds the lock")

    @dg.job
    def writes():
        write()

    resources = {"writer_lock": WriterLock(warehouse=Warehouse(published_path=str(warehouse)), wait_seconds=1.0)}
    result = writes.execute_in_process(resources=resources, raise_on_error=False)
    assert not result.success
    [failure] = [event for event in result.all_events if event.is_failure]
    assert f"{BUSY}: make build, process {holder.pid}" in failure.event_specific_data.error.to_string()


def test_the_lock_is_reentrant_in_its_process_and_released_after(tmp_path):
    build = tmp_path / "build" / "sjuharad.build.duckdb"
    with writer_lock(build, "make build"), writer_lock(build, "a run of make build"):
        pass
    with writer_lock(build, "the next writer"):
        pass


def small_build(path: Path, rows: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    con = connect(path)
    try:
        con.execute("create schema if not exists marts")
        con.execute("create or replace table marts.fct_fees as select range as year from range(?)", [rows])
    finally:
        con.close()


def test_a_build_file_changed_after_its_checks_is_not_published(tmp_path):
    build, published, versions = tmp_path / "build" / "b.duckdb", tmp_path / "p.duckdb", tmp_path / "versions"
    small_build(build, 3)
    record_checked(build, "run-1")
    small_build(build, 4)
    with pytest.raises(RuntimeError, match="is not the file the checks of run run-1 saw"):
        publish(build, published, versions, {"run_id": "run-1"})
    assert not published.exists() and not versions.exists()
    record_checked(build, "run-2")
    assert publish(build, published, versions, {"run_id": "run-2"}).new


@pytest.mark.pipeline
def test_two_concurrent_builds_never_both_write(tmp_path, capsys, monkeypatch):
    raw_dir, warehouse = tmp_path / "raw", tmp_path / "warehouse" / "sjuharad.duckdb"
    copy_report(raw_dir)
    (tmp_path / "dagster_home").mkdir()
    environment = {
        **os.environ,
        "SJUHARAD_RAW_DIR": str(raw_dir),
        "SJUHARAD_WAREHOUSE": str(warehouse),
        "DAGSTER_HOME": str(tmp_path / "dagster_home"),
    }
    first = subprocess.Popen(
        [sys.executable, "-m", "dagster_project.cli", "build"],
        cwd=REPO,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lock = paths.build_warehouse(warehouse).parent / ".writer.lock"
    deadline = time.monotonic() + 300
    while not (lock.exists() and lock.read_text(encoding="utf-8")) and first.poll() is None:
        assert time.monotonic() < deadline, "the first build never took the lock"
        time.sleep(0.1)
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster_home"))
    with project_environment(raw_dir, warehouse):
        second = cli.main(["build"])
    output, _ = first.communicate(timeout=900)
    assert second == cli.BUSY_EXIT
    assert f"Stoppad: {BUSY}: make build, process {first.pid}" in capsys.readouterr().err
    assert first.returncode == 0 and "Published version" in output, output[-2000:]
    # A quiet terminal (issue 22): a line per step and a summary; Dagster's and dbt's lines are in the build log.
    assert len(output.splitlines()) < 40, output
    assert "5 warnings" in output and "make quality" in output and str(paths.build_log(warehouse)) in output
