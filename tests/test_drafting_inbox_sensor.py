"""A report dropped into the inbox is drafted by the sensor's job, once per file content; nothing is published."""

import os
import shutil
import time

import dagster as dg
import pytest

from dagster_project.defs.drafting.inbox_sensor import inbox_sensor
from dagster_project.defs.drafting.job import draft_report_job
from dagster_project.raw_format.manifest import read_manifest
from dagster_project.raw_format.reader import read_table
from tests.support.drafting_texts import report_2013
from tests.support.project import REPORT_2012


@pytest.fixture
def project(tmp_path, monkeypatch):
    raw, inbox, warehouse = tmp_path / "raw", tmp_path / "inbox", tmp_path / "warehouse" / "sjuharad.duckdb"
    shutil.copytree(REPORT_2012, raw / REPORT_2012.name)
    inbox.mkdir()
    monkeypatch.setenv("SJUHARAD_RAW_DIR", str(raw))
    monkeypatch.setenv("SJUHARAD_INBOX_DIR", str(inbox))
    monkeypatch.setenv("SJUHARAD_WAREHOUSE", str(warehouse))
    return raw, inbox, warehouse


def _drop(inbox, name, text):
    path = inbox / name
    path.write_text(text, encoding="utf-8")
    settled = time.time() - 60
    os.utime(path, (settled, settled))
    return path


@pytest.mark.pipeline
def test_a_dropped_report_is_drafted_once_and_nothing_is_published(project):
    raw, inbox, warehouse = project
    with dg.instance_for_test() as instance:
        assert not inbox_sensor(dg.build_sensor_context(instance=instance)).run_requests, (
            "an empty inbox starts nothing"
        )
        _drop(inbox, "arsredovisning-2013.txt", report_2013())
        result = inbox_sensor(dg.build_sensor_context(instance=instance))
        assert len(result.run_requests) == 1
        request = result.run_requests[0]
        sha256 = request.tags["sjuharad/source_sha256"]
        assert request.run_key == f"draft:{sha256}" and len(sha256) == 64

        again = inbox_sensor(dg.build_sensor_context(instance=instance, cursor=result.cursor))
        assert not again.run_requests, "the same file is drafted once"
        _drop(inbox, "copy-of-the-same.txt", report_2013())
        assert not inbox_sensor(dg.build_sensor_context(instance=instance, cursor=result.cursor)).run_requests, (
            "same content, other name"
        )

        run = draft_report_job.execute_in_process(run_config=request.run_config, instance=instance, tags=request.tags)
        assert run.success
        folder = raw / "arsredovisning-2013"
        assert run.output_for_node("draft_report_from_file") == str(folder)
        metadata = next(e for e in run.all_events if e.event_type_value == "STEP_OUTPUT").event_specific_data.metadata
        assert metadata["review"].path == str(folder / "draft_review" / "draft_review.md")
        assert (folder / "draft_review" / "draft_review.md").is_file() and (
            folder / "draft_review" / "draft_review.csv"
        ).is_file()
        assert run.dagster_run.tags["sjuharad/source_sha256"] == sha256
    note_3 = {
        r["line_id"]: r
        for r in read_table(folder / "not_forbundsbidrag_kansli.csv", read_manifest(REPORT_2012).tables[4].spec)
    }
    assert note_3["boras"]["amount_current"] == 7400
    assert (folder / "report.yml.draft").is_file() and not (folder / "report.yml").exists(), (
        "a draft is never confirmed by the job"
    )
    assert not warehouse.exists() and not warehouse.parent.exists(), "nothing is published"


def test_a_file_still_being_written_waits(project):
    _, inbox, _ = project
    partial = inbox / "arsredovisning-2013.pdf"
    partial.write_bytes(b"%PDF-1.4 partial")
    just_now = time.time() + 30  # changed "just now" however long the set-up takes
    os.utime(partial, (just_now, just_now))
    with dg.instance_for_test() as instance:
        result = inbox_sensor(dg.build_sensor_context(instance=instance))
    assert not result.run_requests and "waiting" in result.skip_reason.skip_message


@pytest.mark.pipeline
def test_a_changed_file_is_not_drafted_by_the_old_request(project):
    raw, inbox, _ = project
    path = _drop(inbox, "arsredovisning-2013.txt", report_2013())
    with dg.instance_for_test() as instance:
        request = inbox_sensor(dg.build_sensor_context(instance=instance)).run_requests[0]
        path.write_text("something else", encoding="utf-8")
        run = draft_report_job.execute_in_process(
            run_config=request.run_config, instance=instance, raise_on_error=False
        )
    assert not run.success
    assert not (raw / "arsredovisning-2013").exists()
