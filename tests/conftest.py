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
from pathlib import Path

import pytest

from tests.support.project import build_warehouse, copy_report

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")

PIPELINE_FIXTURES = {"published_2012"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if PIPELINE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.pipeline)


@pytest.fixture(scope="session")
def published_2012(tmp_path_factory) -> Path:
    """The published warehouse built from raw/arsredovisning-2012 (built once per test session).

    Read it only (read_only=True); tests that change data work on a copy.
    """
    root = tmp_path_factory.mktemp("published_2012")
    raw_dir = root / "raw"
    copy_report(raw_dir)
    warehouse = root / "warehouse" / "sjuharad.duckdb"
    assert build_warehouse(raw_dir, warehouse), "the 2012 report must build and publish"
    return warehouse
