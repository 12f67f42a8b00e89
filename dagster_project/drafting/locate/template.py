"""The layout of the latest published report: what the drafter looks for, never its figures.

The template is the report folder that `make new-report` would take the layout from
(`latest_report`). From it the drafter takes table titles, row labels and their order, the
arithmetic (part_of) and which columns a row fills; the figures in its cells are removed
here (the columns `KEYED_EACH_YEAR` of new_report), so that no figure can reach a draft
from last year's files. Figures of the template are read separately, by `template_figures`,
only to point out restatements in the review.

The template is the one up to the draft's year (`--template` to choose another). Its titles, row labels and order, `part_of`, note numbers
and which columns each row fills are used; its figures are removed before anything else sees
them, so no figure can reach a draft from last year's files (the changed-report test proves it).
Years in titles and phrases are shifted to the draft's year.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from dagster_project import paths
from dagster_project.raw_format.manifest import Manifest, TableEntry, read_manifest
from dagster_project.raw_format.new_report import KEYED_EACH_YEAR, latest_report
from dagster_project.raw_format.reader import read_table

# Columns that carry figures besides the ones emptied each year.
_ALSO_FIGURES = {"statement": ("amount_prior",)}
# Kept from the figure columns: whether a cell was filled (which columns a row uses), never its value.
FILLED = "_filled"
# key_figures: where in the sentence the figure stands, and whether words carry its sign.
SLOT = "_slot"
NEGATIVE_BY_WORDS = "_negative_by_words"
# navet_goals: how long last year's achieved text was, to tell when this year's runs into a goal of its own.
ACHIEVED_WORDS = "_achieved_words"


@dataclass(frozen=True)
class TemplateTable:
    entry: TableEntry
    rows: tuple[dict, ...]


@dataclass(frozen=True)
class Template:
    report_dir: Path
    manifest: Manifest
    tables: tuple[TemplateTable, ...]

    @property
    def year(self) -> int:
        return self.manifest.report_year


class TemplateError(ValueError):
    pass


def template_dir(raw_dir: Path, year: int, explicit: Path | None = None) -> Path:
    """The explicit folder, else the latest report up to `year` in raw_dir, else in the repository's raw/."""
    if explicit is not None:
        return Path(explicit)
    for folder in (Path(raw_dir), paths.repo_root() / "raw"):
        try:
            return latest_report(folder, up_to_year=year)
        except ValueError:
            continue
    raise TemplateError(
        f"no published report (a folder with report.yml) in {raw_dir} or in the repository's raw/ to take the layout from"
    )


def figure_columns(table_type: str) -> tuple[str, ...]:
    return (*KEYED_EACH_YEAR[table_type], *_ALSO_FIGURES.get(table_type, ()))


def load_template(report_dir: Path) -> Template:
    manifest = read_manifest(report_dir)
    tables = []
    for entry in manifest.tables:
        rows = read_table(report_dir / entry.file, entry.spec)
        tables.append(TemplateTable(entry, tuple(_layout(entry.table_type, row) for row in rows)))
    return Template(Path(report_dir), manifest, tuple(tables))


def _layout(table_type: str, row: dict) -> dict:
    figures = figure_columns(table_type)
    kept = {name: value for name, value in row.items() if name not in figures}
    kept[FILLED] = frozenset(name for name in figures if row.get(name) not in (None, ""))
    if table_type == "navet_goals":
        kept["planned"] = row["planned"]  # the goal's text: how the goal is found again
        kept["value_unit"] = row["value_unit"]
        kept[ACHIEVED_WORDS] = len((row["achieved"] or "").split())
    if table_type == "key_figures":
        kept[SLOT], kept[NEGATIVE_BY_WORDS] = _slot(row["label"], row["value"])
    return kept


def _slot(label: str, value: int | float) -> tuple[int | None, bool]:
    """Which number of the phrase is the figure (by position), and whether the phrase prints it unsigned."""
    from dagster_project.drafting.text.phrases import numbers_in_phrase

    for index, (_, number) in enumerate(numbers_in_phrase(label)):
        if number == value:
            return index, False
        if number == -value:
            return index, value < 0
    return None, value < 0


def template_figures(template: Template) -> dict[tuple[str, str, str], object]:
    """(table_id, row key, column) -> the figure last year's report printed; for the review only."""
    figures = {}
    for entry in template.manifest.tables:
        for row in read_table(template.report_dir / entry.file, entry.spec):
            key = "|".join(str(row[name]) for name in entry.spec.key)
            for column in figure_columns(entry.table_type):
                figures[(entry.table_id, key, column)] = row.get(column)
    return figures


def map_years(text: str, template_year: int, year: int) -> str:
    """Last year's report and its comparison year, as this report's years."""
    mapping = {str(template_year): str(year), str(template_year - 1): str(year - 1)}
    return re.sub(r"(?<!\d)(\d{4})(?!\d)", lambda m: mapping.get(m[1], m[1]), text)
