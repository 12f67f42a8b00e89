"""The bad-input corpus (tests/fixtures/bad/cases.yml) against validation.

Each case is a realistic mistake applied to a copy of raw/arsredovisning-2012. A rejected
case must be rejected with a message naming the file, the row and column where there is
one, and what was expected; an accepted case must give exactly the values of the
unchanged report. Cases that only the checks can catch must pass validation here; that
the checks stop them is proved where each check lives (tests/test_quality_gate.py, and
tests/test_dbt_data_tests.py for dbt's data tests) and, for a dbt test, through `make build`
in tests/test_reliability_publish_guard.py.
"""

from pathlib import Path

import pytest

from dagster_project.raw_format.errors import ReportRejected
from dagster_project.raw_format.loader import validate_report
from dagster_project.raw_format.reader import DEFAULT_MAX_BYTES
from tests.support.bad_reports import CASES, CASES_BY_ID, CASES_FILE, bad_copy, cases_with, comparable, matching_problem
from tests.support.project import REPORT_2012


def test_the_corpus_covers_at_least_30_mistakes():
    assert len(cases_with("rejected")) + len(cases_with("caught_by_checks")) >= 30
    assert len(CASES_BY_ID) == len(CASES), "case ids are unique"
    assert not [path for path in CASES_FILE.parent.rglob("*") if path.stat().st_size > 100_000], (
        "the corpus stays small"
    )


@pytest.mark.parametrize("case", cases_with("rejected"), ids=lambda case: case["id"])
def test_rejected_with_file_row_column_and_what_was_expected(tmp_path, case):
    report_dir = bad_copy(tmp_path / "raw", case)

    with pytest.raises(ReportRejected) as raised:
        validate_report(report_dir)

    messages = [str(problem) for problem in raised.value.problems]
    assert matching_problem(messages, case["messages"]), f"no problem says {case['messages']}; got {messages}"
    assert all("expected " in message and "; found " in message for message in messages)
    for problem in raised.value.problems:
        assert problem.file.name in str(problem)
        if problem.file.suffix == ".csv" and problem.row not in (None, 0):
            assert f"row {problem.row}" in str(problem)


@pytest.mark.parametrize("case", cases_with("accepted"), ids=lambda case: case["id"])
def test_accepted_and_read_as_the_unchanged_report(tmp_path, case):
    report_dir = bad_copy(tmp_path / "raw", case)

    assert comparable(validate_report(report_dir)) == comparable(validate_report(REPORT_2012))


@pytest.mark.parametrize("case", cases_with("caught_by_checks"), ids=lambda case: case["id"])
def test_well_formed_but_wrong_passes_validation_and_is_left_to_the_checks(tmp_path, case):
    report_dir = bad_copy(tmp_path / "raw", case)

    assert validate_report(report_dir).report_id == REPORT_2012.name


def test_the_size_limit_is_10_mb_and_the_message_says_so(tmp_path):
    report_dir = bad_copy(tmp_path / "raw", CASES_BY_ID["file_larger_than_10_mb"])

    assert DEFAULT_MAX_BYTES == 10_000_000
    assert (report_dir / "nyckeltal.csv").stat().st_size > DEFAULT_MAX_BYTES
    with pytest.raises(ReportRejected) as raised:
        validate_report(report_dir)
    assert "a raw table may be at most 10 MB (raw/README.md)" in str(raised.value)


def test_a_symlinked_report_folder_file_is_not_followed_even_inside_raw(tmp_path):
    report_dir = bad_copy(tmp_path / "raw", CASES_BY_ID["byte_order_mark"])
    sibling = tmp_path / "raw" / "not_vardepapper.csv"
    (report_dir / "not_vardepapper.csv").rename(sibling)
    (report_dir / "not_vardepapper.csv").symlink_to(Path("..") / "not_vardepapper.csv")

    with pytest.raises(ReportRejected) as raised:
        validate_report(report_dir)
    assert "no such regular file" in str(raised.value)
