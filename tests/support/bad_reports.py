"""The bad-input corpus (tests/fixtures/bad/cases.yml): realistic mistakes applied to copies of the 2012 report."""

import codecs
import shutil
from pathlib import Path

import yaml

from tests.support.project import REPORT_2012

CASES_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "bad" / "cases.yml"
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
