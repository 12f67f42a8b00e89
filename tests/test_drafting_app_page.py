"""The app's page "Utkast att granska" shows a pending draft's review in Swedish."""

import shutil

from dagster_project.drafting.draft import draft_report
from tests.support.app_pages import assert_no_error, open_page, shown_text
from tests.support.drafting_texts import report_2013
from tests.support.project import REPORT_2012


def test_no_draft_pending(tmp_path, monkeypatch):
    monkeypatch.setenv("SJUHARAD_RAW_DIR", str(tmp_path))
    app = open_page("draft_review.py")
    assert_no_error(app)
    assert "Inga utkast väntar på granskning" in shown_text(app)


def test_a_pending_draft_shows_its_doubts(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    shutil.copytree(REPORT_2012, raw / REPORT_2012.name)
    source = tmp_path / "arsredovisning-2013.txt"
    source.write_text(report_2013(), encoding="utf-8")
    draft_report(source, raw)
    monkeypatch.setenv("SJUHARAD_RAW_DIR", str(raw))
    app = open_page("draft_review.py")
    assert_no_error(app)
    text = shown_text(app)
    assert "Utkast: arsredovisning-2013" in text
    assert "Summor som inte stämmer" in text and "Ändrade siffror för föregående år" in text
    assert "printed 16 100" in text, "the Summa of note 3 that does not add up is listed"
    assert "Teknisk information" in [expander.label for expander in app.expander]
