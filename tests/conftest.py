"""Shared fixtures, and the tiers of the suite (`make test-fast` runs the unmarked tests).

Markers (registered in pyproject.toml):
- pipeline: runs the pipeline's own tooling in full (a Dagster job, dbt, dg check), or reads a
  warehouse it built;
- service: starts servers or daemons (PostgreSQL, SMTP, Dagster's daemon and UI, the app);
- browser: drives Chromium;
- pdf: typesets or reads PDFs.
A test that uses a fixture built by the pipeline is marked `pipeline` here, so that the
tier follows from what the test needs and cannot be forgotten.
"""

import os
import shutil
import sys
from pathlib import Path

import pytest

from tests.support.project import build_warehouse, copy_report

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
# The suites' many in-process runs validate in their own process, importing Great Expectations
# once per worker instead of twice per run; the production-services daemon keeps the default pool.
os.environ.setdefault("SJUHARAD_GX_WORKERS", "0")

PIPELINE_FIXTURES = {"published_2012", "report_beside_published_2012"}


# The longest tests start first. `make test` hands out a module at a time, in the order of its
# first test (`--dist loadscope --no-loadscope-reorder`), so the long ones spread over the workers
# and the short ones fill the end; and a module's costly fixtures (a pipeline run, typeset reports,
# the app and its browser) are made once, where spread over the workers each worker made its own.
# Worksteal would give the first worker every long test and steal only from the short end. The
# PDF tests need no warehouse: they keep the cores busy while the first tests wait for published_2012.
LONGEST_FIRST = ("service", "browser", "pdf", "pipeline")
# In their tier these start first: each makes several pipeline runs, a minute or two a module here.
SEVERAL_RUNS = {
    "test_reliability_crash.py",
    "test_quarantine.py",
    "test_isolation.py",
    "test_writer_lock.py",
    "test_yearly_routine.py",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if PIPELINE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.pipeline)
    items.sort(key=_start_order)


def _start_order(item: pytest.Item) -> tuple[int, bool]:
    marks = {mark.name for mark in item.iter_markers()}
    tier = next((rank for rank, name in enumerate(LONGEST_FIRST) if name in marks), len(LONGEST_FIRST))
    return tier, item.path.name not in SEVERAL_RUNS


@pytest.fixture(autouse=True)
def main_module_kept():
    """Streamlit's AppTest leaves the app as the process's `__main__`, and a process spawned after it
    (the drafting worker) imports the main module first: it ran the app, which opened the checkout's
    warehouse and took the worker over its memory limit before it drafted anything."""
    main = sys.modules["__main__"]
    yield
    sys.modules["__main__"] = main


@pytest.fixture(scope="session")
def published_2012(tmp_path_factory, worker_id) -> Path:
    """The published warehouse built from raw/arsredovisning-2012, once per test session: the
    pytest-xdist workers share one build (the file lock is pytest-xdist's documented way).

    Read it only (read_only=True); tests that change data work on a copy.
    """
    from filelock import FileLock

    # Under xdist each worker's base folder sits in the session's; alone, the base is the session's.
    shared = tmp_path_factory.getbasetemp() if worker_id == "master" else tmp_path_factory.getbasetemp().parent
    root = shared / "published_2012"
    warehouse = root / "warehouse" / "sjuharad.duckdb"
    built = root / "built"
    with FileLock(shared / "published_2012.lock"):
        if not built.exists():
            shutil.rmtree(root, ignore_errors=True)
            raw_dir = root / "raw"
            copy_report(raw_dir)
            assert build_warehouse(raw_dir, warehouse), "the 2012 report must build and publish"
            built.touch()
    return warehouse


@pytest.fixture
def report_beside_published_2012(tmp_path, published_2012) -> tuple[Path, Path]:
    """raw/ with the 2012 report, and a copy of its published warehouse folder: the state after
    `make build` of 2012, ready for the next report to be dropped in."""
    shutil.copytree(published_2012.parent, tmp_path / "warehouse")
    raw_dir = tmp_path / "raw"
    copy_report(raw_dir)
    return raw_dir, tmp_path / "warehouse" / published_2012.name
