"""report.yml: what a report folder holds and how each file is to be read.

Each field is checked by the pydantic models of manifest_model; what concerns more than one
field or the folder itself (unique names, years, the files there) is checked here.
"""

import inspect
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from dagster_project.raw_format.errors import RawFormatError, ReportRejected
from dagster_project.raw_format.manifest_model import AcknowledgementModel, ManifestModel, TableEntryModel
from dagster_project.raw_format.specs import TABLE_SPECS, TableSpec

MANIFEST_FILE = "report.yml"

_Model = TypeVar("_Model", bound=BaseModel)
_UNKNOWN_FIELD = ("extra_forbidden", "invalid_key")
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
    report, problems = _validated(ManifestModel, document, path)
    # report_year passed its own check (a whole number) even where another report field failed.
    report_year = None if any(problem.column == "report_year" for problem in problems) else document["report_year"]
    if report_year is not None:
        problems += _year_in_folder_name(report_dir, report_year, path)
    raw_tables = _list_or_nothing(document.get("tables"))
    table_models, entry_problems = _validated_entries(TableEntryModel, raw_tables, "tables", path)
    problems += entry_problems
    report_unit = report.unit if report else ""
    entries = [
        TableEntry(**model.model_dump(exclude={"unit"}), unit=model.unit or report_unit) for model in table_models
    ]
    problems += _repeated(entries, "table_id", path) + _repeated(entries, "file", path)
    problems += missing_period_years(entries, path)
    if report_year is not None:
        problems += period_years_outside_report(entries, report_year, path)
    existing = [entry for entry in entries if _is_regular_file(report_dir / entry.file)]
    problems += [_missing_file(report_dir, entry, path) for entry in entries if entry not in existing]
    named_files = [raw.get("file") for raw in raw_tables if isinstance(raw, dict)]
    problems += _unlisted_csv(report_dir, named_files, path)
    raw_acknowledgements = _list_or_nothing(document.get("acknowledged_discrepancies"))
    acknowledgements, acknowledgement_problems = _validated_entries(
        AcknowledgementModel, raw_acknowledgements, "acknowledged_discrepancies", path
    )
    problems += acknowledgement_problems
    if report is None:
        return ManifestCheck(None, problems)
    manifest = Manifest(
        report_id=report_dir.name,
        report_dir=report_dir,
        organisation=report.organisation,
        report_year=report.report_year,
        title=report.title,
        unit=report.unit,
        source_document=report.source_document,
        tables=tuple(existing),
        acknowledged_discrepancies=tuple(Acknowledgement(**model.model_dump()) for model in acknowledgements),
    )
    return ManifestCheck(manifest, problems)


def missing_period_years(
    entries: list[TableEntry] | tuple[TableEntry, ...], manifest_path: Path
) -> list[RawFormatError]:
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
        return None, RawFormatError(path, None, None, _expected_mapping(ManifestModel), found)

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


def _validated(
    model: type[_Model], value: object, path: Path, place: str | None = None
) -> tuple[_Model | None, list[RawFormatError]]:
    """The value as the model, or every problem with it; place names an entry of a list."""
    try:
        return model.model_validate(value), []
    except ValidationError as error:
        # Unknown fields first: a misspelled name explains the "found nothing" of the real one.
        details = sorted(error.errors(include_url=False), key=lambda detail: detail["type"] not in _UNKNOWN_FIELD)
        return None, [_problem(model, path, place, detail) for detail in details]


def _validated_entries(
    model: type[_Model], values: list, list_name: str, path: Path
) -> tuple[list[_Model], list[RawFormatError]]:
    """The entries of a list that are valid, and every problem of the others."""
    entries, problems = [], []
    for number, value in enumerate(values, start=1):
        entry, entry_problems = _validated(model, value, path, f"{list_name} entry {number}")
        problems += entry_problems
        if entry is not None:
            entries.append(entry)
    return entries, problems


def _problem(model: type[BaseModel], path: Path, place: str | None, detail: dict) -> RawFormatError:
    """One pydantic error as a RawFormatError: the field, its description as expected, the value found."""
    if not detail["loc"]:
        return RawFormatError(path, None, place, _expected_mapping(model), _show(detail["input"]))
    name = detail["loc"][0]
    field_name = str(name) if place is None else f"{name} of {place}"
    if detail["type"] in _UNKNOWN_FIELD:
        known = ", ".join(model.model_fields)
        return RawFormatError(path, None, field_name, f"only the fields {known}", f"unknown field {name!r}")
    found = "nothing" if detail["type"] == "missing" else _show(detail["input"])
    return RawFormatError(path, None, field_name, model.model_fields[name].description, found)


def _expected_mapping(model: type[BaseModel]) -> str:
    return inspect.cleandoc(model.__doc__)


def _list_or_nothing(value: object) -> list:
    return value if isinstance(value, list) else []


def _year_in_folder_name(report_dir: Path, report_year: int, path: Path) -> list[RawFormatError]:
    match = _YEAR_IN_FOLDER_NAME.fullmatch(report_dir.name)
    if match and int(match[1]) != report_year:
        expected = f"{match[1]}, the year in the folder name {report_dir.name}"
        return [RawFormatError(path, None, "report_year", expected, str(report_year))]
    return []


def _repeated(entries: list[TableEntry], attribute: str, path: Path) -> list[RawFormatError]:
    problems, seen = [], set()
    for entry in entries:
        value = getattr(entry, attribute)
        if value in seen:
            expected = f"each {attribute} once in the manifest"
            problems.append(RawFormatError(path, None, attribute, expected, f"{value!r} more than once"))
        seen.add(value)
    return problems


def _is_regular_file(path: Path) -> bool:
    return path.is_file() and not path.is_symlink()


def _missing_file(report_dir: Path, entry: TableEntry, path: Path) -> RawFormatError:
    expected = f"a file {entry.file} in {report_dir.name}"
    return RawFormatError(path, None, f"file of table {entry.table_id}", expected, "no such regular file")


def _unlisted_csv(report_dir: Path, listed: list[object], path: Path) -> list[RawFormatError]:
    return [
        RawFormatError(
            path, None, "tables", f"an entry for every CSV file in {report_dir.name}", f"no entry for {csv.name}"
        )
        for csv in sorted(report_dir.iterdir())
        if csv.suffix.lower() == ".csv" and csv.name not in listed
    ]


def _show(value: object) -> str:
    return "nothing" if value is None else repr(value)
