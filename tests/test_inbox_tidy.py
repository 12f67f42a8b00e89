"""The inbox sensor reads sizes and times, hashes a file once it is stable and only once, and
every handled file leaves the inbox for handled/ or failed/ with its reason beside it."""

import os
import time

import dagster as dg
import pytest

from dagster_project.defs.drafting import inbox_sensor as sensor_module
from dagster_project.defs.drafting.inbox_sensor import evaluate
from dagster_project.defs.drafting.job import draft_report_job
from dagster_project.drafting.limits import LIMITS
from tests.support.drafting_texts import report_2013
from tests.support.project import copy_report

EMPTY_CURSOR = {"drafted": {}, "hashed": {}}


@pytest.fixture
def inbox(tmp_path, monkeypatch):
    raw, inbox = tmp_path / "raw", tmp_path / "inbox"
    copy_report(raw)
    inbox.mkdir()
    monkeypatch.setenv("SJUHARAD_RAW_DIR", str(raw))
    monkeypatch.setenv("SJUHARAD_INBOX_DIR", str(inbox))
    monkeypatch.setenv("SJUHARAD_WAREHOUSE", str(tmp_path / "warehouse" / "sjuharad.duckdb"))
    return inbox


def settled(path):
    an_hour_ago = time.time() - 3600
    os.utime(path, (an_hour_ago, an_hour_ago))
    return path


def reason(path) -> str:
    return path.with_name(path.name + ".reason.txt").read_text(encoding="utf-8")


def test_a_file_over_the_size_limit_goes_to_failed_unread(inbox, monkeypatch):
    hashed = []
    monkeypatch.setattr(sensor_module, "file_sha256", lambda path: hashed.append(path) or "x")
    big = inbox / "rapport.pdf"
    with big.open("wb") as file:
        file.truncate(LIMITS.max_pdf_bytes + 1)
    ready, _, notes = evaluate(inbox, EMPTY_CURSOR, time.time())
    assert ready == [] and hashed == [], "never read"
    assert not big.exists() and (inbox / "failed" / "rapport.pdf").exists()
    assert "storleksgränsen är 50 MB" in reason(inbox / "failed" / "rapport.pdf")
    assert "moved to failed/" in notes[0]


def test_a_stable_file_is_hashed_once(inbox, monkeypatch):
    calls = []
    real = sensor_module.file_sha256
    monkeypatch.setattr(sensor_module, "file_sha256", lambda path: calls.append(path.name) or real(path))
    fresh = inbox / "arsredovisning-2013.txt"
    fresh.write_text(report_2013(), encoding="utf-8")
    ready, cursor, notes = evaluate(inbox, EMPTY_CURSOR, time.time())
    assert ready == [] and calls == [] and "waiting until it stops changing" in notes[0]
    settled(fresh)
    ready, cursor, _ = evaluate(inbox, cursor, time.time())
    assert [path.name for path, _ in ready] == ["arsredovisning-2013.txt"] and calls == ["arsredovisning-2013.txt"]
    ready, cursor, _ = evaluate(inbox, cursor, time.time())
    assert ready == [] and calls == ["arsredovisning-2013.txt"], "the same size and time: not read again"


def test_the_same_content_again_goes_to_handled(inbox):
    first = inbox / "arsredovisning-2013.txt"
    first.write_text(report_2013(), encoding="utf-8")
    settled(first)
    _, cursor, _ = evaluate(inbox, EMPTY_CURSOR, time.time())
    copy = inbox / "kopia.txt"
    copy.write_text(report_2013(), encoding="utf-8")
    settled(copy)
    ready, _, _ = evaluate(inbox, cursor, time.time())
    assert ready == [] and not copy.exists()
    assert "samma innehåll som arsredovisning-2013.txt" in reason(inbox / "handled" / "kopia.txt")


def test_the_draft_job_moves_its_file_to_handled_or_failed(inbox):
    good = inbox / "arsredovisning-2013.txt"
    good.write_text(report_2013(), encoding="utf-8")
    empty = inbox / "tom.txt"
    empty.write_text("", encoding="utf-8")
    with dg.instance_for_test() as instance:
        for source in (good, empty):
            config = {"ops": {"draft_report_from_file": {"config": {"source": str(source), "year": 2013}}}}
            draft_report_job.execute_in_process(run_config=config, instance=instance, raise_on_error=False)
    assert sorted(p.name for p in inbox.iterdir()) == ["failed", "handled"]
    assert "utkast i" in reason(inbox / "handled" / "arsredovisning-2013.txt")
    assert "tom.txt: no figure of any table was found (0 cells)" in reason(inbox / "failed" / "tom.txt")
