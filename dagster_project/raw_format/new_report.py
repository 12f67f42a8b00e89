"""`make new-report YEAR=2013`: next year's report folder, laid out like the latest report.

Every table keeps its layout and labels. Where a table has a comparison column (the
statements: amount_prior), last year's figures move into it and the current column is
left empty. Navet's visitor table for last year becomes this year's comparison table.
Everything that must be keyed from the new report is left empty, so the folder does not
validate until it is keyed. The manifest is written as report.yml.draft: the sensor
ignores a folder without report.yml, so nothing runs while a person is still keying.
"""

import argparse
import csv
import io
import sys
from dataclasses import replace
from pathlib import Path

import yaml

from dagster_project import paths
from dagster_project.raw_format.folders import DRAFT_SUFFIX
from dagster_project.raw_format.manifest import MANIFEST_FILE, TableEntry, read_manifest
from dagster_project.raw_format.manifest_schema import EDITOR_MODELINE
from dagster_project.raw_format.reader import read_table
from dagster_project.raw_format.specs import VISIT_COLUMNS
from dagster_project.raw_format.years import report_year

REPORT_FOLDER_PREFIX = "arsredovisning-"

# Columns that carry this year's figures and are emptied for the new report, per table type.
KEYED_EACH_YEAR = {
    "statement": ("amount_current",),
    "navet_visits": VISIT_COLUMNS,
    "navet_goals": ("planned", "achieved", "planned_value", "achieved_value", "value_unit"),
    "staff": ("persons", "fte"),
    "mc_case_statistics": ("value",),
    "mc_positive_changes": ("count",),
    "key_figures": ("value",),
}


def latest_report(raw_dir: Path, up_to_year: int | None = None) -> Path:
    """The report folder with the highest report_year (at most up_to_year where one is)."""
    reports = [
        (read_manifest(p).report_year, p)
        for p in raw_dir.glob(f"{REPORT_FOLDER_PREFIX}*")
        if (p / MANIFEST_FILE).is_file()
    ]
    if up_to_year is not None:
        reports = [(year, p) for year, p in reports if year <= up_to_year] or reports
    if not reports:
        raise ValueError(f"no report folder with a {MANIFEST_FILE} in {raw_dir} to take the layout from")
    return max(reports)[1]


def write_csv(path: Path, header: tuple[str, ...], rows: list[dict]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if row.get(name) is None else _as_keyed(row[name]) for name in header])
    path.write_text(buffer.getvalue(), encoding="utf-8")


def _as_keyed(value) -> str:
    """A figure written back the way it is keyed: decimal comma, no thousands separator."""
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def _emptied(rows: list[dict], columns: tuple[str, ...], **overrides) -> list[dict]:
    return [{**row, **{c: None for c in columns}, **overrides} for row in rows]


def _moved_to_prior(rows: list[dict]) -> list[dict]:
    return [{**row, "amount_prior": row["amount_current"], "amount_current": None} for row in rows]


def new_report(raw_dir: Path, year: int) -> Path:
    base = latest_report(raw_dir)
    manifest = read_manifest(base)
    if year != manifest.report_year + 1:
        raise ValueError(
            f"the latest report is {manifest.report_year}; the next one is {manifest.report_year + 1}, not {year}"
        )
    target = raw_dir / f"{REPORT_FOLDER_PREFIX}{year}"
    if target.exists():
        raise ValueError(f"{target} already exists; remove it first if you want to start over")
    target.mkdir(parents=True)
    tables = []
    for entry in manifest.tables:
        spec = entry.spec
        rows = read_table(base / entry.file, spec)
        if spec.table_type == "navet_visits":
            if entry.period_year != manifest.report_year:
                continue
            prior = replace(
                entry,
                file=entry.file.replace("_ar.csv", "_foregaende_ar.csv"),
                table_id=entry.table_id.replace("_ar", "_foregaende_ar"),
            )
            write_csv(target / prior.file, spec.header, rows)
            tables.append(_manifest_entry(prior, entry.title))
            rows = _emptied(rows, KEYED_EACH_YEAR[spec.table_type])
        elif spec.table_type == "statement":
            rows = _moved_to_prior(rows)
        elif spec.table_type == "key_figures":
            current = [r for r in rows if r["year"] == manifest.report_year]
            rows = _emptied(current, ("label", *KEYED_EACH_YEAR[spec.table_type]), year=year)
        else:
            rows = _emptied(rows, KEYED_EACH_YEAR[spec.table_type])
        write_csv(target / entry.file, spec.header, rows)
        next_year = replace(entry, period_year=year if entry.period_year else None)
        tables.append(_manifest_entry(next_year, entry.title.replace(str(manifest.report_year), str(year))))
    draft = {
        "organisation": manifest.organisation,
        "report_year": year,
        "title": f"Årsredovisning {year}",
        "unit": manifest.unit,
        "source_document": "",
        "tables": tables,
    }
    (target / f"{MANIFEST_FILE}{DRAFT_SUFFIX}").write_text(
        f"{EDITOR_MODELINE}\n{yaml.safe_dump(draft, allow_unicode=True, sort_keys=False)}", encoding="utf-8"
    )
    return target


def _manifest_entry(entry: TableEntry, title: str) -> dict:
    result = {"file": entry.file, "table_id": entry.table_id, "table_type": entry.table_type, "title": title}
    if entry.note is not None:
        result["note"] = entry.note
    if entry.period_year is not None:
        result["period_year"] = entry.period_year
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="make new-report", description="Next year's report folder to key by hand.")
    parser.add_argument("year", type=report_year, help="the report year, e.g. 2013")
    args = parser.parse_args(argv)
    try:
        target = new_report(paths.raw_dir(), args.year)
    except ValueError as error:
        print(f"Cannot create the report folder: {error}", file=sys.stderr)
        return 1
    print(f"Created {target}. Key every empty cell from the printed report, fill in source_document and pages in")
    print(
        f"{target / (MANIFEST_FILE + DRAFT_SUFFIX)}, then rename it to {MANIFEST_FILE}: the pipeline starts by itself."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
