"""Is the published warehouse current with raw/? `make status` and the warning check
published_data_is_current, against a copy of the warehouse published from the 2012 report."""

import os
import shutil
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import dagster as dg
import pytest

from dagster_project.defs.status.checks import published_data_is_current
from dagster_project.publishing import status
from dagster_project.publishing.rejections import write_rejection
from tests.support.project import SYNTHETIC_2013, copy_report, project_environment


@pytest.fixture
def published_copy(published_2012, tmp_path) -> tuple[Path, Path]:
    raw_dir, warehouse = tmp_path / "raw", tmp_path / "warehouse" / "sjuharad.duckdb"
    copy_report(raw_dir)
    warehouse.parent.mkdir()
    shutil.copyfile(published_2012, warehouse)
    return raw_dir, warehouse


def age(folder: Path, seconds_since_epoch: float) -> None:
    for path in folder.iterdir():
        os.utime(path, (seconds_since_epoch, seconds_since_epoch))


def test_every_report_folder_published_is_current(published_copy, capsys):
    raw_dir, warehouse = published_copy
    with project_environment(raw_dir, warehouse):
        current = status.current_status()
        assert status.main() == 0
        result = published_data_is_current()
    assert [(f.report_id, f.state) for f in current.folders] == [("arsredovisning-2012", "published")]
    assert not current.stale and current.behind is None
    printed = capsys.readouterr().out
    assert printed.startswith("CURRENT: every report folder in raw/ is published\n")
    assert f"Report folders in {raw_dir}: 1, of which 1 published." in printed
    assert result.passed and result.severity == dg.AssetCheckSeverity.WARN


def test_a_report_waiting_unpublished_for_two_hours_is_stale(published_copy, capsys):
    raw_dir, warehouse = published_copy
    new = raw_dir / SYNTHETIC_2013.name
    shutil.copytree(SYNTHETIC_2013, new)
    two_hours_ago = time.time() - 2 * 3600
    age(new, two_hours_ago)
    age(raw_dir / "arsredovisning-2012", two_hours_ago - 3600)
    with project_environment(raw_dir, warehouse):
        stale = status.current_status()
        assert status.main() == 1
        result = published_data_is_current()
    assert [(f.report_id, f.state) for f in stale.folders] == [
        ("arsredovisning-2012", "published"),
        ("arsredovisning-2013", "new"),
    ]
    assert stale.stale and stale.newest.report_id == "arsredovisning-2013"
    assert stale.behind == timedelta(0), "the 2013 folder changed before the 2012 data was published"
    printed = capsys.readouterr().out
    assert printed.startswith("STALE (warning): waiting more than 30 min: arsredovisning-2013 (not published (new))\n")
    assert (
        "Newest report folder: arsredovisning-2013, changed " in printed
        and "(2 h 0 min ago), not published (new)." in printed
    )
    assert not result.passed and result.severity == dg.AssetCheckSeverity.WARN
    assert result.metadata["newest_report_folder"].value == "arsredovisning-2013"
    assert result.metadata["waiting"].value == {"arsredovisning-2013": "new"}


def test_a_fresh_drop_is_on_its_way_and_a_rejected_or_changed_report_is_named(published_copy):
    raw_dir, warehouse = published_copy
    new = raw_dir / SYNTHETIC_2013.name
    shutil.copytree(SYNTHETIC_2013, new)
    age(new, time.time())  # dropped just now
    with project_environment(raw_dir, warehouse):
        on_its_way = status.current_status()
        assert not on_its_way.stale and on_its_way.exit_status == 0
        assert status.verdict(on_its_way).startswith("CURRENT, with changes on their way: arsredovisning-2013")

        write_rejection(new, ["a problem"], run_id="r1")
        changed = raw_dir / "arsredovisning-2012" / "not_kassa_och_bank.csv"
        changed.write_text(changed.read_text(encoding="utf-8").replace("40 783", "40 873", 1), encoding="utf-8")
        later = status.current_status(now=datetime.now(UTC) + timedelta(hours=3))
    assert {f.report_id: f.state for f in later.folders} == {
        "arsredovisning-2012": "changed",
        "arsredovisning-2013": "rejected",
    }
    assert later.stale and later.behind > timedelta(0)
    assert "arsredovisning-2013 (rejected: its files are as they were when rejected" in status.verdict(later)


def test_nothing_published_is_exit_status_2(tmp_path):
    copy_report(tmp_path / "raw")
    with project_environment(tmp_path / "raw", tmp_path / "warehouse" / "sjuharad.duckdb"):
        nothing = status.current_status()
        assert status.verdict(nothing).startswith("NOTHING PUBLISHED: no published warehouse at ")
    assert nothing.exit_status == 2
