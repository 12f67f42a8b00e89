"""`make build` killed (SIGKILL) at each stage of a run: the last good version stays published.

The build runs as `python -m dagster_project.cli build` in its own process group, with its
own DAGSTER_HOME, warehouse and raw folder. The test reads its output until the run
reaches the stage, then kills the whole group (the CLI and dbt under it), as a power cut or
the OOM killer would. Every stage is recognised by a line the run logs; publishing is
stalled just before its swap by tests/support/stall_before_publish_swap.py, which runs the CLI.
After every kill the published warehouse must be byte-identical and read as a checked
version, and the next build (in the test's own process) must not be blocked by anything the
killed ones left.
"""

import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import dagster as dg
import pytest

from dagster_project import cli, paths
from dagster_project.duckdb_connection import connect
from dagster_project.publishing.publish import read_publication
from tests.support.project import REPO, copy_report
from tests.support.stall_before_publish_swap import STALLED

pytestmark = pytest.mark.pipeline

DBT_PROGRESS = re.compile(r"^\d+ of \d+ (OK|PASS)")
# The two places a kill can hurt: while the build file is being written (dbt is the longest
# writer; ingestion writes the same file in one transaction), and at the swap itself. The
# checks only read the build file.
KILL_POINTS: list[tuple[str, Callable[[str], bool]]] = [
    ("dbt", lambda line: bool(DBT_PROGRESS.match(line))),
    ("publish", lambda line: line.startswith(STALLED)),
]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Site:
    def __init__(self, root: Path, published_2012: Path):
        self.home = root / "dagster_home"
        self.home.mkdir()
        shutil.copyfile(REPO / "dagster_project" / "dagster.yaml", self.home / "dagster.yaml")
        self.raw = root / "raw"
        copy_report(self.raw)
        self.warehouse = root / "warehouse" / published_2012.name
        shutil.copytree(published_2012.parent, self.warehouse.parent)

    def environment(self) -> dict:
        """`make build`'s environment, but Great Expectations validated in the run's own process, as
        everywhere in the suite: the pool is the production-services test's, and here its two
        imports of GX per build would only cost time."""
        return {
            **os.environ,
            "DAGSTER_HOME": str(self.home),
            "SJUHARAD_RAW_DIR": str(self.raw),
            "SJUHARAD_WAREHOUSE": str(self.warehouse),
            "DO_NOT_TRACK": "1",
            "PYTHONUNBUFFERED": "1",
        }

    def start_build(self) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "tests.support.stall_before_publish_swap"],
            cwd=REPO,
            env=self.environment(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )

    def kill_when(self, reached: Callable[[str], bool]) -> list[str]:
        """Start a build and kill it at the first line of its log (dbt's lines and the stall are
        there, not on the terminal: paths.build_log) that `reached` matches."""
        log = paths.build_log(self.warehouse)
        start = log.stat().st_size if log.exists() else 0
        build = self.start_build()
        seen: list[str] = []
        try:
            while build.poll() is None and not any(reached(line) for line in seen):
                time.sleep(0.05)
                seen = log.read_bytes()[start:].decode("utf-8", "replace").splitlines() if log.exists() else []
            if build.poll() is None:
                os.killpg(build.pid, signal.SIGKILL)
        finally:
            if build.poll() is None:
                os.killpg(build.pid, signal.SIGKILL)
            build.wait()
            build.stdout.close()
        assert build.returncode == -signal.SIGKILL, "the run was killed at the point, not finished:\n" + "\n".join(
            seen[-20:]
        )
        return seen

    def assert_intact_and_checked(self, published_sha256: str) -> None:
        assert sha256(self.warehouse) == published_sha256, "the published file is exactly the last good version"
        record = read_publication(self.warehouse)
        assert record["checks"]["errors"] == 0
        con = connect(self.warehouse, read_only=True)
        try:
            assert con.execute("select count(*) from marts.fct_fees").fetchone()[0] > 0
            assert (
                con.execute(
                    "select count(*) from audit.check_results where not passed and severity = 'error'"
                ).fetchone()[0]
                == 0
            )
        finally:
            con.close()


@pytest.fixture
def site(tmp_path, published_2012) -> Site:
    return Site(tmp_path, published_2012)


def test_a_killed_run_leaves_the_last_good_version_and_blocks_nothing(site, monkeypatch, capsys):
    published_sha256 = sha256(site.warehouse)
    survived = []
    for stage, reached in KILL_POINTS:
        site.kill_when(reached)
        site.assert_intact_and_checked(published_sha256)
        survived.append(stage)
    assert survived == [stage for stage, _ in KILL_POINTS]
    stale_copies = list(site.warehouse.parent.glob(f".{site.warehouse.name}.*.tmp"))
    assert stale_copies, "the kill during publishing left its prepared copy behind"

    # The next build runs in the test's own process: a new one would import Dagster and Great
    # Expectations again. The killed builds ran in their own, since a kill takes the whole group.
    environment = site.environment()
    for name in ("DAGSTER_HOME", "SJUHARAD_RAW_DIR", "SJUHARAD_WAREHOUSE"):
        monkeypatch.setenv(name, environment[name])
    exit_code = cli.main(["build"])
    output = capsys.readouterr().out

    assert exit_code == 0, output[-3000:]
    assert "nothing changed since version" in output, "the same 2012 files: no new version, checked again"
    assert "of an earlier build that was killed is marked as failed" in output
    assert sha256(site.warehouse) != published_sha256
    assert read_publication(site.warehouse)["checks"]["errors"] == 0
    assert not [copy for copy in stale_copies if copy.exists()], "the next publish removed the stale copy"
    assert not list(site.warehouse.parent.glob(".*.tmp*"))
    assert not list((site.warehouse.parent / "versions").glob(".*.tmp*"))
    with dg.DagsterInstance.from_config(str(site.home)) as instance:
        assert (
            instance.get_runs(dg.RunsFilter(statuses=[dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.STARTING])) == []
        )
    print(f"kills survived: {', '.join(survived)}")
