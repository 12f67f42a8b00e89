"""Staff tables: persons and full-time posts per role, and their Summa row.

A row printing one figure has it placed in the column last year's row used, or where the
printed total row adds up; else it stays empty.
"""

from dataclasses import dataclass
from itertools import product

from dagster_project.drafting.figures import Figure, read_figures
from dagster_project.drafting.grids import GridRow, flag_missing, grid_rows, row_label
from dagster_project.drafting.model import AMBIGUOUS, EMPTY, LAYOUT, DraftTable, ReadContext
from dagster_project.drafting.source import SourceLine
from dagster_project.drafting.template import FILLED, TemplateTable

_MAX_OPEN = 8  # single figures placed together by the total row
_STAFF_COLUMNS = ("persons", "fte")


@dataclass
class _StaffFigures:
    figures: tuple[Figure, ...] | None  # None: no reading, or more than one
    columns: tuple[str, ...] | None  # None: a single figure whose column nothing tells
    how: str = ""  # how a single figure's column was told
    ambiguous: bool = False  # the digits can be grouped in more than one way


def read_staff(table: TemplateTable, draft: DraftTable, region: list[SourceLine], context: ReadContext) -> None:
    rows, missing = grid_rows(table, region, "role", context, most_figures=len(_STAFF_COLUMNS))
    flag_missing(draft, missing, "role")
    usual = _usual_columns(table)
    readings = [_staff_figures(grid_row, usual) for grid_row in rows]
    _place_by_total(rows, readings)
    for grid_row, reading in zip(rows, readings):
        key = grid_row.key
        kind = (grid_row.row or {}).get("line_kind", "item")
        cells = {"role": row_label(grid_row, "role", draft), "line_kind": kind}
        if reading.figures is None:
            draft.flag(key, "persons, fte", AMBIGUOUS if reading.ambiguous else EMPTY,
                       "the figures can be grouped in more than one way: left empty" if reading.ambiguous else "no figures could be read: left empty",
                       grid_row.line)
        elif reading.columns is None:
            draft.flag(key, "persons, fte", AMBIGUOUS, f"one figure ({reading.figures[0].printed}) and no way to tell its column: left empty", grid_row.line)
        else:
            if reading.how and len(reading.columns) == 1:
                draft.flag(key, reading.columns[0], LAYOUT, f"one figure printed, without a column header: {reading.how} ({reading.columns[0]})", grid_row.line)
            elif reading.how:
                draft.flag(key, "persons, fte", LAYOUT, reading.how, grid_row.line)
            for column, figure in zip(reading.columns, reading.figures):
                cells[column] = figure.printed
        if cells["role"] is None:
            draft.flag(key, "role", EMPTY, "the row's label is lost in the extraction: left empty", grid_row.line)
        draft.add_row(cells, {column: grid_row.line for column in cells})


def _staff_figures(grid_row: GridRow, usual: tuple[str, ...] | None) -> _StaffFigures:
    two, one = read_figures(grid_row.split.tokens, (2,)), read_figures(grid_row.split.tokens, (1,))
    if len(two) > 1 or len(one) > 1 or not (two or one):
        return _StaffFigures(None, None, ambiguous=bool(two or one))
    grouping = ""
    if two and one:
        # "48 966,5": a person count and posts, or one figure; last year's row tells how many it printed.
        filled = len(grid_row.row[FILLED]) if grid_row.row is not None else 0
        if filled not in (1, 2):
            return _StaffFigures(None, None, ambiguous=True)
        two, one = (two, []) if filled == 2 else ([], one)
        grouping = f"the digits read as one figure or two: read as {filled}, as last year's row; "
    if two:
        return _StaffFigures(two[0], _STAFF_COLUMNS, grouping and f"{grouping}check them")
    columns = _one_column(grid_row, usual)
    return _StaffFigures(one[0], columns, f"{grouping}placed as in last year's table" if columns else grouping)


def _place_by_total(rows: list[GridRow], readings: list[_StaffFigures]) -> None:
    """Single figures whose column nothing tells, placed where the printed total row adds up, if only one way does."""
    kinds = [(grid_row.row or {}).get("line_kind", "item") for grid_row in rows]
    totals = [r for r, kind in zip(readings, kinds) if kind == "total" and r.columns == _STAFF_COLUMNS]
    open_rows = [i for i, r in enumerate(readings) if r.figures and r.columns is None]
    if len(totals) != 1 or not open_rows or len(open_rows) > _MAX_OPEN:
        return
    fitting = []
    for choice in product(_STAFF_COLUMNS, repeat=len(open_rows)):
        sums = dict.fromkeys(_STAFF_COLUMNS, 0.0)
        for i, (reading, kind) in enumerate(zip(readings, kinds)):
            columns = (choice[open_rows.index(i)],) if i in open_rows else reading.columns
            if kind == "item" and reading.figures and columns:
                for column, figure in zip(columns, reading.figures):
                    sums[column] += figure.value
        if all(abs(sums[c] - f.value) < 1e-9 for c, f in zip(_STAFF_COLUMNS, totals[0].figures)):
            fitting.append(choice)
    if len(fitting) == 1:
        for i, column in zip(open_rows, fitting[0]):
            readings[i].columns, readings[i].how = (column,), f"{readings[i].how}placed so that the total row adds up"


def _usual_columns(table: TemplateTable) -> tuple[str, ...] | None:
    filled = {frozenset(row[FILLED]) for row in table.rows}
    if len(filled) == 1:
        only = next(iter(filled))
        if len(only) == 1:
            return tuple(only)
    return None


def _one_column(grid_row: GridRow, usual: tuple[str, ...] | None) -> tuple[str, ...] | None:
    if grid_row.row is not None and len(grid_row.row[FILLED]) == 1:
        return tuple(grid_row.row[FILLED])
    return usual
