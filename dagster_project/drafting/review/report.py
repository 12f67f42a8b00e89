"""draft_review.md and draft_review.csv: every cell with the source line it was read from, every doubt.

Each cell is listed with its page, line and printed line, and every doubt: cells left empty,
rows not found, ambiguous readings, totals that do not add up, labels that differ from last
year's (text/labels.py), added rows, restatements, and figures placed by reading the layout.
`draft_review/source.txt` is the text the line numbers refer to.
"""

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from dagster_project.drafting.model import DOUBTS, FINDING_KINDS, DraftTable, Finding

REVIEW_DIR = "draft_review"
REVIEW_MD = "draft_review.md"
REVIEW_CSV = "draft_review.csv"
SOURCE_TEXT = "source.txt"
CSV_HEADER = ("table_id", "file", "row", "column", "value", "page", "line", "status", "detail")

HEADINGS = {
    "empty": "Cells left empty (could not be read)",
    "not_found": "Rows and tables of last year's report not found (left out)",
    "ambiguous": "Ambiguous readings (left empty)",
    "not_adding": "Printed totals that do not add up with the drafted figures",
    "approximate": "Labels matched only approximately (reworded?)",
    "added": "Rows last year's report did not have",
    "restated": "Prior-year figures that differ from last year's report (restatements)",
    "layout": "Figures placed by reading the layout: check against the printed page",
    "note": "Notes",
}


@dataclass(frozen=True)
class ReviewContext:
    title: str
    year: int
    year_evidence: str
    source: Path
    source_sha256: str
    page_rule: str
    template: Path
    folder: Path
    folder_note: str | None


def _row_key(table: DraftTable, row: dict) -> str:
    return " | ".join(str(row[name]) if row[name] is not None else "" for name in table.entry.spec.key)


def review_rows(tables: list[DraftTable]) -> list[dict]:
    rows = []
    for table in tables:
        where = table.found_at
        rows.append(
            {
                "table_id": table.table_id,
                "file": table.entry.file,
                "row": "",
                "column": "",
                "value": table.entry.title,
                "page": _page(where),
                "line": where.number if where else "",
                "status": "table" if where else "not_found",
                "detail": f"title found at {where.where}"
                if where
                else "table not found in this report: its file has no rows",
            }
        )
        for index, row in enumerate(table.rows):
            for column in table.header:
                if row[column] is None:
                    continue
                line = table.sources.get((index, column))
                rows.append(
                    {
                        "table_id": table.table_id,
                        "file": table.entry.file,
                        "row": _row_key(table, row),
                        "column": column,
                        "value": row[column],
                        "page": _page(line),
                        "line": line.number if line else "",
                        "status": "read",
                        "detail": line.text.strip() if line else "",
                    }
                )
        for finding in table.findings:
            rows.append(
                {
                    "table_id": finding.table_id,
                    "file": table.entry.file,
                    "row": finding.row,
                    "column": finding.column,
                    "value": "",
                    "page": _page(finding.line),
                    "line": finding.line.number if finding.line else "",
                    "status": finding.kind,
                    "detail": finding.detail,
                }
            )
    return rows


def _page(line) -> str:
    return "" if line is None or line.page is None else str(line.page)


def write_csv(path: Path, rows: list[dict]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, CSV_HEADER, delimiter=";", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def read_review_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def _cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ") if text not in (None, "") else ""


def findings_of(tables: list[DraftTable]) -> list[Finding]:
    order = {kind: position for position, kind in enumerate(FINDING_KINDS)}
    return sorted((f for t in tables for f in t.findings), key=lambda f: order[f.kind])


def markdown(context: ReviewContext, tables: list[DraftTable]) -> str:
    findings = findings_of(tables)
    doubts = [f for f in findings if f.kind in DOUBTS]
    out = [f"# Draft review: {context.title}", ""]
    out += [
        f"- Source: `{context.source.name}` (sha256 `{context.source_sha256[:16]}…`); its text with line numbers is `{REVIEW_DIR}/{SOURCE_TEXT}`.",
        f"- Year: {context.year}, read from {context.year_evidence}.",
        f"- Pages: {context.page_rule}.",
        f"- Layout, titles and labels from the latest published report: `{context.template}`. Every figure is read from the source; nothing is copied from last year.",
        f"- Draft folder: `{context.folder}`; manifest `report.yml.draft` (the pipeline ignores the folder until it is renamed to `report.yml`).",
    ]
    if context.folder_note:
        out += [f"- **{context.folder_note}**"]
    out += [
        "",
        "## Before confirming",
        "",
        f"1. Look at every cell listed under *Doubts* ({len(doubts)}) against the printed report, and correct the CSV files.",
        f"2. Run `make check-draft YEAR={context.year}`: it runs every check on the draft in a scratch warehouse and lists what fails.",
        "3. Fill in `page` and `comment` in `report.yml.draft` where needed, add `acknowledged_discrepancies` for totals that the printed report itself gets wrong, then rename it to `report.yml`.",
        "",
        "## Tables",
        "",
        "| table | file | found at | rows | cells read | doubts |",
        "|---|---|---|---|---|---|",
    ]
    for table in tables:
        cells = sum(1 for row in table.rows for column in table.header if row[column] is not None)
        table_doubts = sum(1 for f in table.findings if f.kind in DOUBTS)
        where = table.found_at.where if table.found_at else "**not found**"
        out.append(
            f"| {_cell(table.entry.title)} | `{table.entry.file}` | {where} | {len(table.rows)} | {cells} | {table_doubts} |"
        )
    out += ["", f"## Doubts ({len(doubts)})", ""]
    if not doubts:
        out += ["None: every cell was read without doubt and every printed total adds up.", ""]
    for kind in DOUBTS:
        of_kind = [f for f in doubts if f.kind == kind]
        if not of_kind:
            continue
        out += [
            f"### {HEADINGS[kind]} ({len(of_kind)})",
            "",
            "| table | row | column | where | detail |",
            "|---|---|---|---|---|",
        ]
        out += [
            f"| {f.table_id} | {_cell(f.row)} | {_cell(f.column)} | {f.line.where if f.line else ''} | {_cell(f.detail)} |"
            for f in of_kind
        ]
        out.append("")
    notes = [f for f in findings if f.kind not in DOUBTS]
    if notes:
        out += [
            f"## {HEADINGS['note']} ({len(notes)})",
            "",
            "| table | row | column | where | detail |",
            "|---|---|---|---|---|",
        ]
        out += [
            f"| {f.table_id} | {_cell(f.row)} | {_cell(f.column)} | {f.line.where if f.line else ''} | {_cell(f.detail)} |"
            for f in notes
        ]
        out.append("")
    out += ["## Every cell and its source line", ""]
    for table in tables:
        out += [f"### {table.entry.title} (`{table.entry.file}`)", ""]
        if table.found_at is None:
            out += ["Not found in this report.", ""]
            continue
        out += [
            f"Title at {table.found_at.where}.",
            "",
            "| row | column | value | where | printed line |",
            "|---|---|---|---|---|",
        ]
        for index, row in enumerate(table.rows):
            for column in table.header:
                if row[column] is None or column in table.entry.spec.key:
                    continue
                line = table.sources.get((index, column))
                out.append(
                    f"| {_cell(_row_key(table, row))} | {column} | {_cell(row[column])} | {line.where if line else ''} | {_cell(line.text.strip() if line else '')} |"
                )
        out.append("")
    return "\n".join(out)


def write_review(folder: Path, context: ReviewContext, tables: list[DraftTable], source_text: str) -> Path:
    review_dir = folder / REVIEW_DIR
    review_dir.mkdir(parents=True, exist_ok=True)
    (review_dir / SOURCE_TEXT).write_text(source_text, encoding="utf-8")
    write_csv(review_dir / REVIEW_CSV, review_rows(tables))
    path = review_dir / REVIEW_MD
    path.write_text(markdown(context, tables), encoding="utf-8")
    return path
