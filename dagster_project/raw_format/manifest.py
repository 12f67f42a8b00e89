"""report.yml: what a report folder holds and how each file is to be read."""

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from dagster_project.raw_format.errors import RawFormatError, ReportRejected
from dagster_project.raw_format.specs import TABLE_SPECS, TableSpec

MANIFEST_FILE = "report.yml"

_REPORT_FIELDS = ("organisation", "report_year", "title", "unit", "source_document", "tables", "acknowledged_discrepancies")
_ACKNOWLEDGEMENT_FIELDS = ("check", "table_id", "line", "column", "printed", "computed", "comment")
_TABLE_FIELDS = ("file", "table_id", "table_type", "title", "note", "page", "unit", "period_year", "comment")
_PLAIN_CSV_NAME = re.compile(r"[^./\\:\x00-\x1f][^/\\:\x00-\x1f]*\.csv")
_YEAR_IN_FOLDER_NAME = re.compile(r".*-(\d{4})")


@dataclass(frozen=True)
class TableEntry:
    file: str
    table_id: str
    table_type: str
    title: str
    note: int | None
    page: int | None
    unit: str
    period_year: int | None
    comment: str | None

    @property
    def spec(self) -> TableSpec:
        return TABLE_SPECS[self.table_type]


@dataclass(frozen=True)
class Acknowledgement:
    """A place where the printed report itself does not add up, confirmed against the print."""

    check: str
    table_id: str
    line: str
    column: str
    printed: float
    computed: float
    comment: str


@dataclass(frozen=True)
class Manifest:
    report_id: str
    report_dir: Path
    organisation: str
    report_year: int
    title: str
    unit: str
    source_document: str
    tables: tuple[TableEntry, ...]
    acknowledged_discrepancies: tuple[Acknowledgement, ...] = ()

    @property
    def manifest_path(self) -> Path:
        return self.report_dir / MANIFEST_FILE


@dataclass(frozen=True)
class ManifestCheck:
    """The manifest with its valid table entries, and every problem found."""

    manifest: Manifest | None
    problems: list[RawFormatError] = field(default_factory=list)


def read_manifest(report_dir: Path) -> Manifest:
    check = check_manifest(report_dir)
    if check.problems:
        raise ReportRejected(check.problems)
    return check.manifest


def check_manifest(report_dir: Path) -> ManifestCheck:
    report_dir = Path(report_dir)
    path = report_dir / MANIFEST_FILE
    document, problem = _load_yaml(path)
    if problem is not None:
        return ManifestCheck(None, [problem])
    fields = _FieldChecker(path)
    fields.reject_unknown(document, _REPORT_FIELDS, "")
    organisation = fields.text(document, "organisation")
    report_year = fields.integer(document, "report_year")
    title = fields.text(document, "title")
    unit = fields.text(document, "unit")
    source_document = fields.text(document, "source_document")
    raw_entries = document.get("tables")
    if not isinstance(raw_entries, list) or not raw_entries:
        fields.problem("tables", "a non-empty list of tables", _show(raw_entries))
        raw_entries = []
    report_fields_valid = not fields.problems
    if report_year is not None:
        _check_year_in_folder_name(report_dir, report_year, fields)
    entries = [
        entry
        for number, raw_entry in enumerate(raw_entries, start=1)
        if (entry := _table_entry(raw_entry, number, unit or "", fields)) is not None
    ]
    _check_unique(entries, "table_id", fields)
    _check_unique(entries, "file", fields)
    fields.problems.extend(missing_period_years(entries, path))
    if report_year is not None:
        fields.problems.extend(period_years_outside_report(entries, report_year, path))
    existing = [entry for entry in entries if _check_file_exists(report_dir, entry, fields)]
    named_files = [raw_entry.get("file") for raw_entry in raw_entries if isinstance(raw_entry, dict)]
    _check_no_unlisted_csv(report_dir, named_files, fields)
    acknowledgements = _acknowledgements(document.get("acknowledged_discrepancies") or [], fields)
    if not report_fields_valid:
        return ManifestCheck(None, fields.problems)
    manifest = Manifest(
        report_id=report_dir.name,
        report_dir=report_dir,
        organisation=organisation,
        report_year=report_year,
        title=title,
        unit=unit,
        source_document=source_document,
        tables=tuple(existing),
        acknowledged_discrepancies=tuple(acknowledgements),
    )
    return ManifestCheck(manifest, fields.problems)


def missing_period_years(entries: list[TableEntry] | tuple[TableEntry, ...], manifest_path: Path) -> list[RawFormatError]:
    """A navet_visits table covers one year, which its rows do not say."""
    return [
        RawFormatError(
            manifest_path,
            None,
            f"period_year of table {entry.table_id}",
            "the year the navet_visits table covers, such as 2012",
            "nothing",
        )
        for entry in entries
        if entry.table_type == "navet_visits" and entry.period_year is None
    ]


def report_years(report_year: int) -> tuple[int, int]:
    """The years a report gives figures for: its own year and, for comparison, the year before."""
    return report_year, report_year - 1


def expected_report_year(report_year: int) -> str:
    year, prior = report_years(report_year)
    return f"{year} or {prior} (the report year or the year before)"


def period_years_outside_report(entries, report_year: int, manifest_path: Path) -> list[RawFormatError]:
    return [
        RawFormatError(
            manifest_path,
            None,
            f"period_year of table {entry.table_id}",
            expected_report_year(report_year),
            str(entry.period_year),
        )
        for entry in entries
        if entry.period_year is not None and entry.period_year not in report_years(report_year)
    ]


# libyaml's safe loader when PyYAML has it: the same documents, about ten times faster.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_yaml(path: Path) -> tuple[dict | None, RawFormatError | None]:
    def problem(found: str) -> tuple[None, RawFormatError]:
        return None, RawFormatError(path, None, None, "a YAML manifest (report.yml) describing the report", found)

    if not path.is_file():
        return problem("no such file")
    try:
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    except UnicodeDecodeError as error:
        return problem(f"bytes that are not UTF-8 at byte offset {error.start}")
    except yaml.YAMLError as error:
        return problem(f"invalid YAML: {' '.join(str(error).split())}")
    if not isinstance(document, dict):
        return problem(_show(document))
    return document, None


class _FieldChecker:
    """Reads typed fields of a YAML mapping, collecting problems instead of stopping."""

    def __init__(self, path: Path):
        self.path = path
        self.problems: list[RawFormatError] = []

    def problem(self, field_name: str, expected: str, found: str) -> None:
        self.problems.append(RawFormatError(self.path, None, field_name, expected, found))

    def reject_unknown(self, mapping: dict, known: tuple[str, ...], where: str) -> None:
        for name in mapping:
            if name not in known:
                self.problem(f"{name}{where}", f"only the fields {', '.join(known)}", f"unknown field {name!r}")

    def text(self, mapping: dict, name: str, where: str = "", *, required: bool = True) -> str | None:
        value = mapping.get(name)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            self.problem(f"{name}{where}", "text" if required else "text or nothing", _show(value))
            return None
        return value.strip()

    def integer(self, mapping: dict, name: str, where: str = "", *, required: bool = True) -> int | None:
        value = mapping.get(name)
        if value is None and not required:
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            self.problem(f"{name}{where}", "a whole number" if required else "a whole number or nothing", _show(value))
            return None
        return value


def _table_entry(raw_entry: object, number: int, report_unit: str, fields: _FieldChecker) -> TableEntry | None:
    where = f" of tables entry {number}"
    if not isinstance(raw_entry, dict):
        fields.problem(f"tables entry {number}", "a mapping with file, table_id, table_type and title", _show(raw_entry))
        return None
    problems_before = len(fields.problems)
    fields.reject_unknown(raw_entry, _TABLE_FIELDS, where)
    file = raw_entry.get("file")
    if not isinstance(file, str) or not _PLAIN_CSV_NAME.fullmatch(file) or ".." in file:
        fields.problem(f"file{where}", "a plain file name in the report folder ending in .csv, such as not_03.csv", _show(file))
    table_id = fields.text(raw_entry, "table_id", where)
    table_type = raw_entry.get("table_type")
    if not isinstance(table_type, str) or table_type not in TABLE_SPECS:
        fields.problem(f"table_type{where}", f"one of {', '.join(TABLE_SPECS)}", _show(table_type))
    title = fields.text(raw_entry, "title", where)
    note = fields.integer(raw_entry, "note", where, required=False)
    page = fields.integer(raw_entry, "page", where, required=False)
    unit = fields.text(raw_entry, "unit", where, required=False) or report_unit
    period_year = fields.integer(raw_entry, "period_year", where, required=False)
    comment = fields.text(raw_entry, "comment", where, required=False)
    if len(fields.problems) > problems_before:
        return None
    return TableEntry(file, table_id, table_type, title, note, page, unit, period_year, comment)


def _acknowledgements(raw_entries: object, fields: _FieldChecker) -> list[Acknowledgement]:
    if not isinstance(raw_entries, list):
        fields.problem("acknowledged_discrepancies", "a list", _show(raw_entries))
        return []
    acknowledgements = []
    for number, raw in enumerate(raw_entries, start=1):
        where = f" of acknowledged_discrepancies entry {number}"
        if not isinstance(raw, dict):
            fields.problem(f"acknowledged_discrepancies entry {number}", "a mapping", _show(raw))
            continue
        problems_before = len(fields.problems)
        fields.reject_unknown(raw, _ACKNOWLEDGEMENT_FIELDS, where)
        texts = [fields.text(raw, name, where) for name in ("check", "table_id")]
        line, column = (str(raw.get(name, "")).strip() for name in ("line", "column"))
        for name, value in (("line", line), ("column", column)):
            if not value:
                fields.problem(f"{name}{where}", "text", "nothing")
        numbers = []
        for name in ("printed", "computed"):
            value = raw.get(name)
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                fields.problem(f"{name}{where}", "a number", _show(value))
            numbers.append(value)
        comment = fields.text(raw, "comment", where)
        if len(fields.problems) == problems_before:
            acknowledgements.append(Acknowledgement(*texts, line, column, float(numbers[0]), float(numbers[1]), comment))
    return acknowledgements


def _check_year_in_folder_name(report_dir: Path, report_year: int, fields: _FieldChecker) -> None:
    match = _YEAR_IN_FOLDER_NAME.fullmatch(report_dir.name)
    if match and int(match[1]) != report_year:
        fields.problem("report_year", f"{match[1]}, the year in the folder name {report_dir.name}", str(report_year))


def _check_unique(entries: list[TableEntry], attribute: str, fields: _FieldChecker) -> None:
    seen: set[str] = set()
    for entry in entries:
        value = getattr(entry, attribute)
        if value in seen:
            fields.problem(attribute, f"each {attribute} once in the manifest", f"{value!r} more than once")
        seen.add(value)


def _check_file_exists(report_dir: Path, entry: TableEntry, fields: _FieldChecker) -> bool:
    path = report_dir / entry.file
    if path.is_symlink() or not path.is_file():
        fields.problem(
            f"file of table {entry.table_id}", f"a file {entry.file} in {report_dir.name}", "no such regular file"
        )
        return False
    return True


def _check_no_unlisted_csv(report_dir: Path, listed: list[object], fields: _FieldChecker) -> None:
    for path in sorted(report_dir.iterdir()):
        if path.suffix.lower() == ".csv" and path.name not in listed:
            fields.problem("tables", f"an entry for every CSV file in {report_dir.name}", f"no entry for {path.name}")


def _show(value: object) -> str:
    return "nothing" if value is None else repr(value)
