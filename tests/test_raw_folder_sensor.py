"""The sensor's decisions on raw/: new, half-written, unchanged, changed and removed folders."""

import shutil

from dagster_project.defs.automation.raw_folder_sensor import SETTLE_SECONDS, evaluate
from dagster_project.raw_format.folders import folder_state
from tests.support.project import REPORT_2012, copy_report

LATER = 10_000_000_000.0  # an evaluation time long after every file was written


def test_a_half_written_folder_is_not_run_until_it_is_complete_and_stable(tmp_path):
    folder = tmp_path / REPORT_2012.name
    folder.mkdir()
    csv_files = sorted(REPORT_2012.glob("*.csv"))
    for path in csv_files[:5]:
        shutil.copy(path, folder)

    ready, cursor, notes = evaluate(tmp_path, {}, {}, LATER)
    assert ready == [] and notes == [f"{folder.name}: waiting for report.yml"]

    shutil.copy(REPORT_2012 / "report.yml", folder)
    ready, cursor, notes = evaluate(tmp_path, cursor, {}, LATER)
    assert ready == [], "the manifest names files that are not there yet, and the content just changed"

    for path in csv_files[5:]:
        shutil.copy(path, folder)
    state = folder_state(folder)
    ready, cursor, _ = evaluate(tmp_path, cursor, {}, state.newest_change + SETTLE_SECONDS / 2)
    assert ready == [], "a file younger than the settle time may still be being written"

    ready, cursor, _ = evaluate(tmp_path, cursor, {}, LATER)
    assert [s.report_id for s in ready] == [folder.name], "complete and settled: run at once"
    assert cursor[folder.name]["requested"] == state.fingerprint


def test_an_incomplete_folder_that_stops_changing_is_run_so_that_ingestion_names_what_is_missing(tmp_path):
    folder = copy_report(tmp_path)
    (folder / "resultatrakning.csv").unlink()

    ready, cursor, notes = evaluate(tmp_path, {}, {}, LATER)
    assert ready == [] and notes == [f"{folder.name}: new or changed, waiting until its files stop changing"]

    ready, cursor, _ = evaluate(tmp_path, cursor, {}, LATER)
    assert [s.report_id for s in ready] == [folder.name]


def evaluate_twice(raw_dir, cursor: dict) -> tuple[list[str], dict]:
    """Two evaluations in a row, as the daemon makes them: every report requested in either."""
    requested = []
    for _ in range(2):
        ready, cursor, _ = evaluate(raw_dir, cursor, {}, LATER)
        requested += [state.report_id for state in ready]
    return sorted(requested), cursor


def test_the_same_content_again_is_a_no_op_and_a_changed_file_reruns_only_its_report(tmp_path):
    copy_report(tmp_path)
    other = copy_report(tmp_path / "elsewhere")
    other = other.rename(tmp_path / "arsredovisning-2011-copy")
    requested, cursor = evaluate_twice(tmp_path, {})
    assert requested == ["arsredovisning-2011-copy", "arsredovisning-2012"]

    shutil.rmtree(tmp_path / "arsredovisning-2012")
    copy_report(tmp_path)
    requested, cursor = evaluate_twice(tmp_path, cursor)
    assert requested == [], "identical content dropped again requests nothing"

    note = tmp_path / "arsredovisning-2012" / "not_vardepapper.csv"
    note.write_text(note.read_text(encoding="utf-8").replace(";512;512", ";513;512"), encoding="utf-8")
    requested, cursor = evaluate_twice(tmp_path, cursor)
    assert requested == ["arsredovisning-2012"]


def test_already_published_content_is_not_run_again(tmp_path):
    folder = copy_report(tmp_path)
    published = {folder.name: folder_state(folder).fingerprint}
    for cursor in ({}, {folder.name: {"seen": published[folder.name]}}):
        ready, _, _ = evaluate(tmp_path, cursor, published, LATER)
        assert ready == []


def test_a_removed_folder_is_remembered_and_starts_nothing(tmp_path):
    folder = copy_report(tmp_path)
    cursor = {}
    for _ in range(2):
        _, cursor, _ = evaluate(tmp_path, cursor, {}, LATER)
    shutil.rmtree(folder)
    ready, next_cursor, notes = evaluate(tmp_path, cursor, {}, LATER)
    assert ready == []
    assert notes == [f"{folder.name}: folder removed; its published figures are kept"]
    assert next_cursor[folder.name] == cursor[folder.name]


def test_template_and_hidden_folders_are_not_reports(tmp_path):
    shutil.copytree(REPORT_2012, tmp_path / "_template")
    shutil.copytree(REPORT_2012, tmp_path / ".partial")
    for _ in range(2):
        ready, _, notes = evaluate(tmp_path, {}, {}, LATER)
    assert ready == [] and notes == []
