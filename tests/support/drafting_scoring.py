"""Drafting a variant report and scoring the draft cell by cell against what it should be.

Every cell of every table the variant should key is one of: correct (a blank where a blank
is due counts as correct), empty (left empty by the drafter), wrong and flagged (a doubt in
draft_review.csv names its row and column, or a total of its column that does not add up
catches it), or wrong and silent. Rows the draft has and the variant does not print count
their cells as wrong. The goal: no silent wrong cell, and every empty cell flagged.
"""

import csv
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from dagster_project.drafting.draft import DraftResult, draft_report
from dagster_project.drafting.model import ADDED, APPROXIMATE, DOUBTS, NOT_ADDING, NOT_FOUND
from dagster_project.drafting.review.report import REVIEW_CSV, REVIEW_DIR, read_review_csv
from dagster_project.raw_format.manifest import read_manifest
from dagster_project.raw_format.numbers import parse_number
from tests.support.drafting_texts import write_pdf
from tests.support.drafting_variants import Variant
from tests.support.project import REPORT_2012

SPECS = {entry.table_id: entry for entry in read_manifest(REPORT_2012).tables}


@dataclass
class Score:
    variant: str
    source: str
    year: int
    correct: int = 0
    flagged: int = 0
    silent: int = 0
    empty: int = 0
    problems: list[str] = field(default_factory=list)  # silent wrong cells, unflagged empty cells, missing doubts

    @property
    def cells(self) -> int:
        return self.correct + self.flagged + self.silent + self.empty


def draft_variant(variant: Variant, workdir: Path, pdf: bool = False) -> DraftResult:
    """The variant drafted into an empty raw folder beside the published 2012 report (the template)."""
    raw = workdir / "raw"
    raw.mkdir(parents=True)
    shutil.copytree(REPORT_2012, raw / REPORT_2012.name)
    text = workdir / "report.txt"
    text.write_text(variant.text, encoding="utf-8")
    return draft_report(write_pdf(variant.text, workdir / "report.pdf") if pdf else text, raw)


def canonical(cell: str | None):
    if cell is None or not str(cell).strip():
        return None
    try:
        return parse_number(str(cell))
    except ValueError:
        return " ".join(str(cell).split())


def _keyed_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def _names(key: tuple[str, ...]) -> set[str]:
    """How the review may name a row: its key parts, joined, or '(label lost)'."""
    parts = [part for part in key if part]
    names = {*parts, " ".join(key), " | ".join(key), " ".join(parts)}
    if "" in key:
        names.add("(label lost)")
    return names


class Doubts:
    def __init__(self, review_rows: list[dict]):
        self.rows = [r for r in review_rows if r["status"] in DOUBTS]

    def of(self, table_id: str, key: tuple[str, ...], column: str | None = None, kinds=DOUBTS) -> list[dict]:
        names = _names(key)
        found = []
        for doubt in self.rows:
            if doubt["table_id"] != table_id or doubt["status"] not in kinds:
                continue
            columns = {c.strip() for c in doubt["column"].split(",")}
            if doubt["row"] in ("", *names) and (
                column is None or doubt["column"] == "" or column in columns or columns & set(key)
            ):
                found.append(doubt)
        return found

    def catches(self, table_id: str, column: str, key: tuple[str, ...]) -> bool:
        """A printed total of this column that does not add up with the drafted figures."""
        return any(
            d["table_id"] == table_id and d["status"] == NOT_ADDING and d["column"] in (column, *key) for d in self.rows
        )


def score(variant: Variant, result: DraftResult, source: str) -> Score:
    result_score = Score(variant.name, source, result.year)
    if result.year != variant.year:
        result_score.problems.append(f"year read as {result.year}, the report is for {variant.year}")
    doubts = Doubts(read_review_csv(result.folder / REVIEW_DIR / REVIEW_CSV))
    for table_id, expected_rows in variant.expected.items():
        entry = SPECS[table_id]
        drafted = {_key(row, entry): row for row in _keyed_rows(result.folder / entry.file)}
        expected = {_key(row, entry): row for row in expected_rows}
        for key in drafted.keys() - expected.keys():
            result_score.problems.append(f"{table_id} {key}: a row the report does not print")
        for key, row in [*expected.items(), *((k, None) for k in drafted if k not in expected)]:
            other = drafted.get(key, {})
            for column in entry.spec.header:
                want = canonical(row[column]) if row is not None else None
                got = canonical(other.get(column))
                # A row left out, or drafted where the report prints none, is flagged by any doubt that names it.
                _count(
                    result_score,
                    doubts,
                    table_id,
                    key,
                    column if other and row is not None else None,
                    want,
                    got,
                    row is None,
                )
    for kind, wanted, what in (
        (NOT_FOUND, variant.removed, "removed"),
        (ADDED, variant.added, "added"),
        (APPROXIMATE, variant.reworded, "reworded"),
    ):
        for table_id, key in wanted:
            if not doubts.of(table_id, (key,), kinds=(kind,)):
                result_score.problems.append(f"{table_id} {key}: row {what}, but not listed as {kind} in the review")
    return result_score


def _key(row: dict, entry) -> tuple[str, ...]:
    return tuple(str(canonical(row[name]) or "") for name in entry.spec.key)


def _count(result_score: Score, doubts: Doubts, table_id: str, key, column: str | None, want, got, junk: bool) -> None:
    same = want == got or isinstance(want, (int, float)) and isinstance(got, (int, float)) and abs(want - got) < 1e-9
    if same:
        result_score.correct += 1
        return
    flagged = bool(doubts.of(table_id, key, column)) or bool(doubts.of(table_id, key, None, (NOT_FOUND,)))
    if got is None:
        result_score.empty += 1
        if not flagged:
            result_score.problems.append(f"{table_id} {key} {column}: empty, {want} expected, and no doubt listed")
        return
    if flagged or doubts.catches(table_id, column, key):
        result_score.flagged += 1
        return
    result_score.silent += 1
    what = "a row the report does not print" if junk else f"{want} expected"
    result_score.problems.append(f"{table_id} {key} {column}: drafted {got}, {what}, and no doubt listed")


def main() -> None:
    """The results table of docs/drafting.md: `python -m tests.support.drafting_scoring`."""
    import contextlib
    import io
    import tempfile

    from tests.support.drafting_variants import CATALOGUE, SOURCES

    print("| variant | cells | correct | wrong, flagged | wrong, silent | empty (flagged) | from a PDF |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for name, make in CATALOGUE.items():
        variant = make()
        scores = []
        for source in (source for variant_name, source in SOURCES if variant_name == name):
            with tempfile.TemporaryDirectory() as workdir, contextlib.redirect_stdout(io.StringIO()):
                scores.append(score(variant, draft_variant(variant, Path(workdir), pdf=source == "pdf"), source))
        counts = [(s.cells, s.correct, s.flagged, s.silent, s.empty) for s in scores]
        pdf = (
            "not drawn"
            if len(counts) == 1
            else "the same"
            if counts[1] == counts[0]
            else " / ".join(map(str, counts[1]))
        )
        problems = [problem for s in scores for problem in s.problems]
        print(
            f"| {variant.name} | "
            + " | ".join(f"{n:,}".replace(",", " ") for n in counts[0])
            + f" | {pdf} |"
            + (f" {len(problems)} problems: {problems[:3]}" if problems else ""),
            flush=True,
        )


if __name__ == "__main__":
    main()
