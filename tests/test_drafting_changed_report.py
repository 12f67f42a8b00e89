"""A 2013 report built from the 2012 text with changed figures: the new figures are drafted, and
the restated prior-year figure and the total that no longer adds up are flagged in the review."""

import shutil

import pytest

from dagster_project.drafting.draft import draft_report, main
from dagster_project.drafting.locate.tables import YearError
from dagster_project.drafting.review.report import REVIEW_CSV, REVIEW_DIR, REVIEW_MD, read_review_csv
from dagster_project.raw_format.manifest import read_manifest
from dagster_project.raw_format.reader import read_table
from tests.support.drafting_texts import report_2013
from tests.support.project import REPORT_2012


@pytest.fixture(scope="module")
def raw_with_2012(tmp_path_factory):
    raw = tmp_path_factory.mktemp("raw")
    shutil.copytree(REPORT_2012, raw / REPORT_2012.name)
    return raw


@pytest.fixture(scope="module")
def source_2013(tmp_path_factory):
    path = tmp_path_factory.mktemp("inbox") / "arsredovisning-2013.txt"
    path.write_text(report_2013(), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def drafted_2013(raw_with_2012, source_2013):
    return draft_report(source_2013, raw_with_2012)


def _rows(folder, file):
    entry = next(e for e in read_manifest(REPORT_2012).tables if e.file == file)
    return {tuple(r[k] for k in entry.spec.key)[-1]: r for r in read_table(folder / file, entry.spec)}


def test_the_year_is_read_from_the_report(drafted_2013):
    assert drafted_2013.year == 2013
    assert drafted_2013.folder.name == "arsredovisning-2013"


def test_new_figures_are_drafted_from_the_report_not_from_last_year(drafted_2013):
    note_3 = _rows(drafted_2013.folder, "not_forbundsbidrag_kansli.csv")
    assert (note_3["boras"]["amount_current"], note_3["boras"]["amount_prior"]) == (7400, 7249)
    assert (note_3["varberg"]["amount_current"], note_3["varberg"]["amount_prior"]) == (700, 650)
    assert note_3["summa"]["amount_current"] == 16100
    income = _rows(drafted_2013.folder, "resultatrakning.csv")
    assert income["forbundsbidrag_kansli"]["amount_current"] == 16100
    key_figures = {
        (r["figure_id"], r["year"]): r
        for r in read_table(drafted_2013.folder / "nyckeltal.csv", read_manifest(REPORT_2012).tables[-1].spec)
    }
    assert key_figures[("summa_medlemsbidrag", 2013)]["value"] == 16100
    assert key_figures[("navet_besokare", 2012)]["value"] == 53013, "the 2013 text compares with 53 013 in 2012"
    import yaml

    manifest = yaml.safe_load((drafted_2013.folder / "report.yml.draft").read_text(encoding="utf-8"))
    assert {t["table_id"]: t["period_year"] for t in manifest["tables"] if "period_year" in t} == {
        "navet_besok_ar": 2013,
        "navet_besok_foregaende_ar": 2012,
    }
    assert _rows(drafted_2013.folder, "navet_besok_foregaende_ar.csv")["Samtliga"]["summa"] == 53013


def test_restated_and_non_adding_figures_are_flagged(drafted_2013):
    rows = read_review_csv(drafted_2013.folder / REVIEW_DIR / REVIEW_CSV)
    restated = {(r["table_id"], r["row"], r["column"]): r["detail"] for r in rows if r["status"] == "restated"}
    assert "650" in restated[("not_forbundsbidrag_kansli", "varberg", "amount_prior")]
    assert "641" in restated[("not_forbundsbidrag_kansli", "varberg", "amount_prior")]
    assert ("not_forbundsbidrag_kansli", "boras", "amount_prior") not in restated, (
        "7 249 is what the 2012 report printed"
    )
    not_adding = {(r["table_id"], r["row"], r["column"]): r["detail"] for r in rows if r["status"] == "not_adding"}
    detail = not_adding[("not_forbundsbidrag_kansli", "summa", "amount_current")]
    assert "printed 16 100" in detail and "16 071" in detail
    assert ("not_forbundsbidrag_kansli", "summa", "amount_prior") not in not_adding
    review = (drafted_2013.folder / REVIEW_DIR / REVIEW_MD).read_text(encoding="utf-8")
    assert "Prior-year figures that differ from last year's report" in review and "do not add up" in review


def test_an_existing_folder_is_never_overwritten(drafted_2013, raw_with_2012, source_2013):
    before = (drafted_2013.folder / "not_forbundsbidrag_kansli.csv").read_bytes()
    again = draft_report(source_2013, raw_with_2012)
    assert again.folder.name == "arsredovisning-2013-draft"
    assert "arsredovisning-2013 exists already" in again.folder_note
    assert "arsredovisning-2013 exists already" in (again.folder / REVIEW_DIR / REVIEW_MD).read_text(encoding="utf-8")
    assert (drafted_2013.folder / "not_forbundsbidrag_kansli.csv").read_bytes() == before


def test_a_year_that_disagrees_with_the_report_is_a_clear_error(raw_with_2012, source_2013, capsys):
    with pytest.raises(YearError, match="the report is for 2013 .* not 2014"):
        draft_report(source_2013, raw_with_2012, 2014)
    assert main([str(source_2013), "--year", "2014", "--raw-dir", str(raw_with_2012)]) == 1
    assert "Cannot draft the report" in capsys.readouterr().err
    assert not (raw_with_2012 / "arsredovisning-2014").exists()
