"""Staff tables: persons and full-time posts per role, and their Summa row.

A row may read more than one way: one figure or two ("48 966,5"), or one figure without a
column header. Persons are whole numbers. Where a row reads more than one way, the one way
with which every column adds up to the Summa row is taken, else the way last year's row was
printed; else the row stays empty. Every choice is flagged.
"""

from dataclasses import dataclass

from dagster_project.drafting.locate.template import FILLED, TemplateTable
from dagster_project.drafting.model import AMBIGUOUS, EMPTY, LAYOUT, DraftTable, ReadContext
from dagster_project.drafting.readers.grids import GridRow, flag_missing, grid_rows, row_label
from dagster_project.drafting.readers.totals import adds_up
from dagster_project.drafting.readers.totals import fitting as totals_search
from dagster_project.drafting.text.figures import Figure, read_figures
from dagster_project.drafting.text.source import SourceLine

_STAFF_COLUMNS = ("persons", "fte")

# One way to read a row: its figures and the columns they fill.
Option = tuple[tuple[Figure, ...], tuple[str, ...]]


@dataclass
class _Row:
    grid_row: GridRow
    kind: str
    options: list[Option]
    chosen: Option | None = None
    how: str = ""  # how the reading was chosen among several, for the review


def read_staff(table: TemplateTable, draft: DraftTable, region: list[SourceLine], context: ReadContext) -> None:
    grid, missing = grid_rows(table, region, "role", context, most_figures=len(_STAFF_COLUMNS))
    flag_missing(draft, missing, "role")
    rows = [_Row(r, (r.row or {}).get("line_kind", "item"), _options(r)) for r in grid]
    for row in rows:
        if len(row.options) == 1:
            row.chosen = row.options[0]
    _decide_by_total(rows)
    usual = _usual_columns(table)
    for row in rows:
        if row.chosen is None and row.options:
            _decide_as_last_year(row, usual)
        _write(row, draft)


def _options(grid_row: GridRow) -> list[Option]:
    tokens = grid_row.split.tokens
    options = [(g, _STAFF_COLUMNS) for g in read_figures(tokens, (2,))]
    options += [(g, (column,)) for g in read_figures(tokens, (1,)) for column in _STAFF_COLUMNS]
    # Persons are counted: a figure with decimals is posts.
    return [
        (g, columns)
        for g, columns in options
        if all(isinstance(f.value, int) for f, c in zip(g, columns) if c == "persons")
    ]


def _decide_by_total(rows: list[_Row]) -> None:
    """Rows read more than one way, read the one way with which every column adds up to the Summa row."""
    totals = [row for row in rows if row.kind == "total"]
    open_rows = [row for row in rows if row.chosen is None and row.options]
    if len(totals) != 1 or not open_rows:
        return

    def fits(choice: tuple[Option, ...]) -> bool:
        picked = {id(row): option for row, option in zip(open_rows, choice)}
        return _adds_up([(row, picked.get(id(row), row.chosen)) for row in rows])

    fitting = totals_search([row.options for row in open_rows], fits) or []
    if len(fitting) == 1:
        for row, option in zip(open_rows, fitting[0]):
            row.chosen, row.how = option, "read the one way with which the Summa row adds up"


def _adds_up(readings: list[tuple[_Row, Option | None]]) -> bool:
    sums = dict.fromkeys(_STAFF_COLUMNS, 0.0)
    printed: dict[str, float] = {}
    for row, option in readings:
        if option is None:
            continue
        for figure, column in zip(*option):
            if row.kind == "total":
                printed[column] = figure.value
            else:
                sums[column] += figure.value
    return set(printed) == set(_STAFF_COLUMNS) and all(adds_up(sums[c], printed[c]) for c in _STAFF_COLUMNS)


def _decide_as_last_year(row: _Row, usual: tuple[str, ...] | None) -> None:
    filled = frozenset(row.grid_row.row[FILLED]) if row.grid_row.row is not None else frozenset(usual or ())
    like = [option for option in row.options if frozenset(option[1]) == filled]
    if len(like) == 1:
        row.chosen, row.how = like[0], "read as last year's row printed it"


def _write(row: _Row, draft: DraftTable) -> None:
    grid_row, key = row.grid_row, row.grid_row.key
    cells = {"role": row_label(grid_row, "role", draft), "line_kind": row.kind}
    if not row.options:
        draft.flag(key, "persons, fte", EMPTY, "no figures could be read: left empty", grid_row.line)
    elif row.chosen is None:
        shown = " or ".join(
            f"{' / '.join(f.printed for f in figures)} as {', '.join(columns)}" for figures, columns in row.options
        )
        draft.flag(key, "persons, fte", AMBIGUOUS, f"the figures can be read as {shown}: left empty", grid_row.line)
    else:
        figures, columns = row.chosen
        if len(figures) == 1:
            draft.flag(
                key,
                columns[0],
                LAYOUT,
                f"one figure printed, without a column header: placed in {columns[0]}"
                + (f" ({row.how})" if row.how else ", the only column it fits"),
                grid_row.line,
            )
        elif row.how:
            draft.flag(key, "persons, fte", LAYOUT, f"the digits group more than one way: {row.how}", grid_row.line)
        for column, figure in zip(columns, figures):
            cells[column] = figure.printed
    if cells["role"] is None:
        draft.flag(key, "role", EMPTY, "the row's label is lost in the extraction: left empty", grid_row.line)
    draft.add_row(cells, {column: grid_row.line for column in cells})


def _usual_columns(table: TemplateTable) -> tuple[str, ...] | None:
    filled = {frozenset(row[FILLED]) for row in table.rows}
    if len(filled) == 1:
        only = next(iter(filled))
        if len(only) == 1:
            return tuple(only)
    return None
