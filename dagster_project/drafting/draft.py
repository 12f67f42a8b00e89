"""`make draft-report SOURCE=<file> [YEAR=2013]`: next year's raw tables drafted from the report.

Reads the report (a PDF through its text layer, or a text extraction of it), finds every
table of the latest published report in it, reads the figures, and writes a new report
folder in raw/ with report.yml.draft and the review (draft_review/). An existing folder is
never overwritten. See docs/drafting.md.
"""

import argparse
import hashlib
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from dagster_project import paths
from dagster_project.drafting.locate.tables import YearError, detect_year, locate_tables, regions
from dagster_project.drafting.locate.template import (
    Template,
    TemplateTable,
    load_template,
    map_years,
    template_dir,
)
from dagster_project.drafting.model import APPROXIMATE, DOUBTS, NOTE, DraftTable, ReadContext
from dagster_project.drafting.readers import mc_tables, staff, statements, texts, visits
from dagster_project.drafting.review import arithmetic
from dagster_project.drafting.review.report import REVIEW_DIR, REVIEW_MD, ReviewContext, write_review
from dagster_project.drafting.text import labels
from dagster_project.drafting.text.phrases import running_text
from dagster_project.drafting.text.source import Source, SourceLine, read_source
from dagster_project.raw_format.manifest import MANIFEST_FILE
from dagster_project.raw_format.new_report import DRAFT_SUFFIX, REPORT_FOLDER_PREFIX, write_csv
from dagster_project.raw_format.years import optional_report_year

DRAFT_MANIFEST = MANIFEST_FILE + DRAFT_SUFFIX


class DraftError(ValueError):
    """The report cannot be drafted; the message says why."""


@dataclass(frozen=True)
class DraftResult:
    folder: Path
    review: Path
    year: int
    tables: tuple[DraftTable, ...]
    folder_note: str | None

    @property
    def doubts(self) -> int:
        return sum(1 for t in self.tables for f in t.findings if f.kind in DOUBTS)

    @property
    def cells(self) -> int:
        return sum(1 for t in self.tables for row in t.rows for v in row.values() if v is not None)

    @property
    def tables_found(self) -> int:
        return sum(1 for t in self.tables if t.found_at is not None)


def _say(message: str) -> None:
    print(message, flush=True)


def report_year(source: Source, template: Template | None, year: int | None) -> tuple[int, str]:
    detected, evidence = detect_year(source, template)
    if year is not None and detected is not None and detected != year:
        raise YearError(f"{source.path}: the report is for {detected} (read from {evidence}), not {year} as YEAR says")
    if detected is None and year is None:
        raise YearError(f"{source.path}: cannot tell which year the report is for ({evidence}); give it with YEAR=")
    if detected is None:
        return year, f"YEAR={year} (the text itself does not say: {evidence})"
    return detected, evidence


def free_folder(raw_dir: Path, year: int) -> tuple[Path, str | None]:
    """raw/arsredovisning-<year>, or a new name beside it if that exists: nothing is overwritten."""
    wanted = raw_dir / f"{REPORT_FOLDER_PREFIX}{year}"
    if not wanted.exists():
        return wanted, None
    number = 1
    while True:
        candidate = raw_dir / f"{REPORT_FOLDER_PREFIX}{year}-draft{'' if number == 1 else f'-{number}'}"
        if not candidate.exists():
            return candidate, (
                f"{wanted.name} exists already and was not touched: this draft is in {candidate.name}. "
                f"Compare the two, move the files you keep into one folder named {wanted.name}, and remove the other"
            )
        number += 1


def _draft_entry(entry, template: Template, year: int, found) -> object:
    title = found.printed_title if found and found.by_number else map_years(entry.title, template.year, year)
    period = entry.period_year - template.year + year if entry.period_year is not None else None
    return replace(entry, title=title, period_year=period, page=found.line.page if found else None, comment=None)


# One reader per table type, all with one contract: the table's rows as last year printed them,
# the draft to fill, the lines where this year's table stands, and what is known of the report.
Reader = Callable[[TemplateTable, DraftTable, list[SourceLine], ReadContext], None]
READERS: dict[str, Reader] = {
    "statement": statements.read_statement,
    "navet_visits": visits.read_navet_visits,
    "staff": staff.read_staff,
    "mc_case_statistics": mc_tables.read_mc_grid,
    "mc_positive_changes": mc_tables.read_mc_grid,
    "navet_goals": texts.read_goals,
    "key_figures": texts.read_key_figures,
}
# Tables printed nowhere as a table: read from the whole report, not from a located region.
WHOLE_REPORT = ("key_figures",)


def draft_tables(source: Source, template: Template, year: int) -> list[DraftTable]:
    located = locate_tables(template, source, year)
    spans = regions(located, source)
    context = ReadContext(year, labels.vocabulary(source.text), template.year, running_text(source.lines))
    tables = []
    for table in template.tables:
        entry = table.entry
        reader = READERS[entry.table_type]
        found = located.get(entry.table_id)
        draft = DraftTable(
            _draft_entry(entry, template, year, found), entry.spec.header, found_at=found.line if found else None
        )
        if entry.table_type in WHOLE_REPORT:
            reader(table, draft, list(source.lines), context)
            draft.found_at = min(draft.sources.values(), key=lambda line: line.number, default=None)
        elif found is None:
            draft.flag(
                "", "", "not_found", f"table '{draft.entry.title}' not found in this report: its file has no rows"
            )
        else:
            if found.by_number:
                draft.flag(
                    "",
                    "title",
                    APPROXIMATE,
                    f"title printed as '{found.printed_title}', last year '{entry.title}': found by its note "
                    f"number {entry.note} and last year's rows after it; check that this is the table",
                    found.line,
                )
            elif not found.exact:
                draft.flag("", "title", NOTE, f"title printed as '{found.printed_title}'", found.line)
            reader(table, draft, spans[entry.table_id], context)
        arithmetic.check_totals(draft)
        tables.append(draft)
    arithmetic.flag_restatements(tables, template, year)
    return tables


def _manifest(template: Template, year: int, source: Source, sha256: str, tables: list[DraftTable]) -> dict:
    entries = []
    for table in tables:
        entry = table.entry
        item = {"file": entry.file, "table_id": entry.table_id, "table_type": entry.table_type, "title": entry.title}
        for name in ("note", "page", "period_year"):
            if getattr(entry, name) is not None:
                item[name] = getattr(entry, name)
        lines = sorted(line.number for line in table.sources.values())
        where = f"lines {lines[0]}-{lines[-1]}" if lines else "nothing found"
        item["comment"] = f"Drafted from {source.path.name}, {where}; see {REVIEW_DIR}/{REVIEW_MD}."
        entries.append(item)
    return {
        "organisation": template.manifest.organisation,
        "report_year": year,
        "title": map_years(template.manifest.title, template.year, year),
        "unit": template.manifest.unit,
        "source_document": f"{source.path.name} (sha256 {sha256}), drafted by make draft-report; check every figure against the printed report",
        "tables": entries,
    }


def draft_report(
    source_path: Path, raw_dir: Path | None = None, year: int | None = None, template_path: Path | None = None
) -> DraftResult:
    raw_dir = Path(raw_dir) if raw_dir is not None else paths.raw_dir()
    source_path = Path(source_path)
    _say(f"Reading {source_path} ...")
    source = read_source(source_path)
    sha256 = hashlib.sha256(source_path.read_bytes()).hexdigest()
    first_guess = load_template(template_dir(raw_dir, year or 9999, template_path))
    year, evidence = report_year(source, first_guess, year)
    template = load_template(template_dir(raw_dir, year, template_path))
    _say(f"The report is for {year} ({evidence}); layout from {template.report_dir}.")
    tables = draft_tables(source, template, year)
    if not any(value is not None for table in tables for row in table.rows for value in row.values()):
        raise DraftError(f"{source_path.name}: no figure of any table was found (0 cells); nothing was written")
    folder, folder_note = free_folder(raw_dir, year)
    folder.mkdir(parents=True)
    for table in tables:
        write_csv(folder / table.entry.file, table.header, table.rows)
    (folder / DRAFT_MANIFEST).write_text(
        yaml.safe_dump(_manifest(template, year, source, sha256, tables), allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    context = ReviewContext(
        _manifest(template, year, source, sha256, [])["title"],
        year,
        evidence,
        source_path,
        sha256,
        source.page_rule,
        template.report_dir,
        folder,
        folder_note,
    )
    review = write_review(folder, context, tables, source.text)
    return DraftResult(folder, review, year, tuple(tables), folder_note)


def main(argv: list[str]) -> int:
    """`make draft-report`: the draft is made within the limits of drafting/limits.py."""
    from dagster_project.drafting.limits import draft_within_limits

    parser = argparse.ArgumentParser(
        prog="make draft-report", description="Draft next year's raw tables from the report (PDF or text)."
    )
    parser.add_argument("source", type=Path, help="the report: a PDF, or a text extraction of it")
    parser.add_argument(
        "--year", type=optional_report_year, help="the report year; must agree with the year the report prints"
    )
    parser.add_argument(
        "--raw-dir", type=Path, help="where to write the draft folder (default: SJUHARAD_RAW_DIR or raw/)"
    )
    parser.add_argument(
        "--template", type=Path, help="the report folder to take the layout from (default: the latest published report)"
    )
    args = parser.parse_args(argv)
    try:
        result = draft_within_limits(args.source, args.raw_dir, args.year, args.template)
    except ValueError as error:
        print(f"Cannot draft the report: {error}", file=sys.stderr)
        return 1
    _say(
        f"Found {result.tables_found} of {result.tables} tables; {result.cells} cells drafted; {result.doubts} doubts to review."
    )
    if result.folder_note:
        _say(f"NOTE: {result.folder_note}.")
    _say(
        f"Draft: {result.folder} (manifest {DRAFT_MANIFEST}: the pipeline ignores it until it is renamed to {MANIFEST_FILE})."
    )
    _say(f"Review: {result.review}")
    _say(
        f"Next: look at every doubt in the review, run `make check-draft YEAR={result.year}`, then rename {DRAFT_MANIFEST} to {MANIFEST_FILE}."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
