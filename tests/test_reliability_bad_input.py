"""The bad-input corpus (tests/fixtures/bad/cases.yml) against validation.

Each case is a realistic mistake applied to a copy of raw/arsredovisning-2012. A rejected
case must be rejected with a message naming the file, the row and column where there is
one, and what was expected; an accepted case must give exactly the values of the
unchanged report. Cases that only the checks can catch must pass validation here; that
the checks stop them is proved in tests/test_reliability_publish_guard.py.
"""

import codecs
import shutil
from pathlib import Path

import pytest
import yaml

from dagster_project.raw_format.errors import ReportRejected
from dagster_project.raw_format.loader import validate_report
from dagster_project.raw_format.reader import DEFAULT_MAX_BYTES
from tests.conftest import REPORT_2012

CASES_FILE = Path(__file__).parent / "fixtures" / "bad" / "cases.yml"
CASES: list[dict] = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
CASES_BY_ID = {case["id"]: case for case in CASES}


def cases_with(outcome: str) -> list[dict]:
    return [case for case in CASES if case["outcome"] == outcome]


def _replace(report_dir: Path, file: str, old: str, new: str) -> None:
    path = report_dir / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the case does not fit {file}: {old!r} is not in it"
    path.write_text(text.replace(old, new, 1), encoding="utf-8", newline="")


def _huge(report_dir: Path, file: str, bytes: int) -> None:
    path = report_dir / file
    content = path.read_bytes()
    last_row = content.rstrip(b"\n").rsplit(b"\n", 1)[1] + b"\n"
    repeats = (bytes - len(content)) // len(last_row) + 1
    path.write_bytes((content + last_row * repeats)[:bytes])


def _symlink_out(report_dir: Path, file: str) -> None:
    outside = report_dir.parent.parent / "outside" / file
    outside.parent.mkdir(parents=True, exist_ok=True)
    (report_dir / file).rename(outside)
    (report_dir / file).symlink_to(outside)


def _change(report_dir: Path, kind: str, arguments: dict) -> None:
    path = report_dir / arguments["file"]
    if kind == "replace":
        _replace(report_dir, **arguments)
    elif kind == "write":
        path.write_text(arguments["text"], encoding="utf-8")
    elif kind == "append":
        with path.open("a", encoding="utf-8", newline="") as file:
            file.write(arguments["text"])
    elif kind == "delete":
        path.unlink()
    elif kind == "copy":
        shutil.copyfile(path, report_dir / arguments["to"])
    elif kind == "encode":
        path.write_bytes(path.read_text(encoding="utf-8").encode(arguments["encoding"]))
    elif kind == "prefix_bom":
        path.write_bytes(codecs.BOM_UTF8 + path.read_bytes())
    elif kind == "crlf":
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    elif kind == "symlink_out":
        _symlink_out(report_dir, **arguments)
    elif kind == "huge":
        _huge(report_dir, **arguments)
    else:
        raise ValueError(f"unknown change {kind!r}")


def apply_case(report_dir: Path, case: dict) -> None:
    for kind, arguments in case["change"].items():
        _change(report_dir, kind, arguments)


def bad_copy(raw_dir: Path, case: dict) -> Path:
    report_dir = Path(shutil.copytree(REPORT_2012, raw_dir / REPORT_2012.name))
    apply_case(report_dir, case)
    return report_dir


def matching_problem(messages: list[str], fragments: list[str]) -> str | None:
    return next((message for message in messages if all(fragment in message for fragment in fragments)), None)


def comparable(report) -> list[list[dict]]:
    return [table.rows for table in report.tables]


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
