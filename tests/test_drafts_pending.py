"""A draft is not a report until confirmed: a folder holding only report.yml.draft is a draft
for review everywhere, never rejected, quarantined, waiting or stale."""

import os
import shutil
import time
from pathlib import Path

from dagster_project.defs.automation.raw_folder_sensor import evaluate
from dagster_project.publishing import status
from dagster_project.raw_format.folders import DRAFT_MANIFEST, draft_folders, report_folders
from tests import test_status
from tests.support.project import REPORT_2012, SYNTHETIC_2013, copy_report, project_environment

published_copy = test_status.published_copy  # the fixture: a copy of the published 2012 warehouse


def as_draft(raw_dir: Path, name: str) -> Path:
    """The synthetic 2013 report as the drafter leaves it: its manifest still report.yml.draft."""
    folder = raw_dir / name
    shutil.copytree(SYNTHETIC_2013, folder)
    (folder / "report.yml").rename(folder / DRAFT_MANIFEST)
    return folder


def test_drafts_are_no_report_folders(tmp_path):
    raw_dir = tmp_path / "raw"
    copy_report(raw_dir)
    drafts = [as_draft(raw_dir, name) for name in ("arsredovisning-2013", "arsredovisning-2013-draft")]
    assert [f.name for f in report_folders(raw_dir)] == [REPORT_2012.name]
    assert draft_folders(raw_dir) == drafts
    (drafts[0] / DRAFT_MANIFEST).rename(drafts[0] / "report.yml")
    assert [f.name for f in report_folders(raw_dir)] == [REPORT_2012.name, "arsredovisning-2013"], "confirmed: a report"


def test_the_raw_folder_sensor_starts_nothing_for_a_draft(tmp_path):
    raw_dir = tmp_path / "raw"
    as_draft(raw_dir, "arsredovisning-2013")
    ready, cursor, notes = evaluate(raw_dir, {}, {}, time.time() + 60)
    assert ready == [] and cursor == {} and notes == []


def test_status_lists_a_draft_for_review_and_stays_current(published_copy, capsys):
    raw_dir, warehouse = published_copy
    draft = as_draft(raw_dir, "arsredovisning-2013")
    week_ago = time.time() - 7 * 24 * 3600
    for path in draft.iterdir():
        os.utime(path, (week_ago, week_ago))
    with project_environment(raw_dir, warehouse):
        assert status.main() == 0, "a draft a week under review is not stale"
    printed = capsys.readouterr().out
    assert printed.startswith("CURRENT: every report folder in raw/ is published\n")
    assert "- arsredovisning-2013: draft, pending review" in printed
    assert "quarantined" not in printed and "rejected" not in printed
