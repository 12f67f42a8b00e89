"""`make check-draft` runs the pipeline's Dagster job on a draft in a scratch warehouse and leaves the published one alone."""

import hashlib
import os
import shutil
import subprocess

import pytest

from dagster_project.drafting.draft import draft_report
from tests.support.drafting_texts import report_2013
from tests.support.project import REPO, REPORT_2012

pytestmark = pytest.mark.pipeline


def _state(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def test_check_draft_reports_problems_table_by_table_and_never_touches_the_published_warehouse(
    published_2012, tmp_path
):
    raw = tmp_path / "raw"
    shutil.copytree(REPORT_2012, raw / REPORT_2012.name)
    source = tmp_path / "arsredovisning-2013.txt"
    source.write_text(report_2013(), encoding="utf-8")
    draft = draft_report(source, raw)
    before = _state(published_2012.parent)
    environment = {**os.environ, "SJUHARAD_RAW_DIR": str(raw), "SJUHARAD_WAREHOUSE": str(published_2012)}
    completed = subprocess.run(
        ["make", "--no-print-directory", "check-draft", "YEAR=2013"],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=900,
    )
    output = completed.stdout
    assert completed.returncode != 0, output + completed.stderr
    assert f"Checking the draft {draft.folder}" in output
    assert "Running the pipeline's job report_pipeline" in output
    assert "Passed: dbt tests" in output and "Great Expectations suites 27 of 27" in output, output
    assert "START sql" not in output, "dbt's log goes to stderr, the findings to stdout"
    assert "not_forbundsbidrag_kansli:" in output
    assert "statement_sum at line 'summa', column amount_current 2013: printed 16100, computed 16071" in output
    assert "resultatrakning:" in output, "the result no longer adds up with the changed Förbundsbidrag"
    assert _state(published_2012.parent) == before, "the published warehouse and its folder are byte-identical"
    assert not (raw / "arsredovisning-2013" / "report.yml").exists()
