"""Navet's visitors per municipality and category.

A row may print fewer figures than the table has columns (a blank cell prints nothing):
then the figures are placed so that every column adds up to the printed total row; the
spacing of the line, where the extraction kept it, and last year's row break a tie, and say
so. What nothing decides stays empty.
"""

from dataclasses import dataclass
from itertools import combinations

from dagster_project.drafting.locate.template import FILLED, TemplateTable
from dagster_project.drafting.model import AMBIGUOUS, EMPTY, LAYOUT, NOTE, DraftTable, ReadContext
from dagster_project.drafting.readers.grids import GridRow, flag_missing, grid_rows, is_total, row_label
from dagster_project.drafting.readers.totals import adds_up, at_most, fitting
from dagster_project.drafting.text.figures import Figure, gap_placement, groupings
from dagster_project.drafting.text.source import SourceLine
from dagster_project.raw_format.specs import VISIT_COLUMNS

_CATEGORIES = len(VISIT_COLUMNS) - 1  # the last column, summa, is each row's total


@dataclass(frozen=True)
class Placement:
    cells: tuple[Figure | None, ...]  # one per category column
    summa: Figure | None
    adds_up: bool


def _placements(grid_row: GridRow) -> list[Placement]:
    every = [g for g in groupings(grid_row.split.tokens) if 1 <= len(g) <= len(VISIT_COLUMNS)]
    adding = [g for g in every if len(g) >= 2 and adds_up(sum(f.value for f in g[:-1]), g[-1].value)]
    result = []
    for grouping in adding or every:
        categories, summa = grouping[:-1], grouping[-1]
        for columns in combinations(range(_CATEGORIES), len(categories)):
            cells = [None] * _CATEGORIES
            for column, figure in zip(columns, categories):
                cells[column] = figure
            result.append(Placement(tuple(cells), summa, bool(adding)))
    return result


def _solve(items: list[list[Placement]], total: Placement) -> list[tuple[Placement, ...]] | None:
    """Choices of one placement per item row with which every column adds up to the total row
    (totals.fitting; None where there are too many to try). Where no figure is negative (visitors
    never are), a choice that begins with a column past its total, or too far below it for the
    rows left to make up, cannot add up and is not followed."""
    target = [f.value if f else 0 for f in total.cells]
    # The most the rows from each row on can still add to each column.
    most_left = [[0.0] * _CATEGORIES for _ in range(len(items) + 1)]
    for row in range(len(items) - 1, -1, -1):
        most_left[row] = [
            most + max((f.value if (f := option.cells[k]) else 0 for option in items[row]), default=0)
            for k, most in enumerate(most_left[row + 1])
        ]

    never_negative = all(f.value >= 0 for row in items for option in row for f in option.cells if f)

    def step(state: tuple[int, tuple[float, ...]], option: Placement) -> tuple[int, tuple[float, ...]] | None:
        row, sums = state
        new = tuple(s + (f.value if f else 0) for s, f in zip(sums, option.cells))
        reachable = not never_negative or all(
            at_most(s, t) and at_most(t, s + most) for s, t, most in zip(new, target, most_left[row + 1])
        )
        return (row + 1, new) if reachable else None

    def fits(combination: tuple[Placement, ...]) -> bool:
        sums = [sum(f.value for option in combination if (f := option.cells[k])) for k in range(_CATEGORIES)]
        return all(adds_up(s, t) for s, t in zip(sums, target))

    return fitting(items, fits, step, (0, (0.0,) * _CATEGORIES))


def read_navet_visits(table: TemplateTable, draft: DraftTable, region: list[SourceLine], context: ReadContext) -> None:
    rows, missing = grid_rows(
        table, region, "visitor_group", context, total_label_lost=True, most_figures=len(VISIT_COLUMNS)
    )
    flag_missing(draft, missing, "visitor_group")
    if not rows:
        return
    options = [_placements(r) for r in rows]
    totals = [i for i, r in enumerate(rows) if is_total(r, i == len(rows) - 1, True)]
    if not totals and _sums_the_rows_above(options):
        totals = [len(rows) - 1]
        draft.flag(
            rows[-1].key,
            "line_kind",
            LAYOUT,
            "taken as the total row: its Summa is the sum of the rows above",
            rows[-1].line,
        )
    total_index = totals[-1] if totals else None
    chosen: dict[int, Placement | None] = {}
    item_indexes = [i for i in range(len(rows)) if i != total_index]
    how: dict[int, str] = {}
    reason = "no total row"
    if total_index is not None:
        eligible = [
            p
            for p in options[total_index]
            if len([c for c in p.cells if c]) == len(p.cells) or len(options[total_index]) == 1
        ]
        searched = [(total, _solve([options[i] for i in item_indexes], total)) for total in eligible]
        solved = [(total, solutions) for total, solutions in searched if solutions]
        reason = "the column totals do not confirm any placement"
        if any(solutions is None for _, solutions in searched):
            # What was not tried may add up too: the totals decide nothing.
            solved, reason = [], "too many placements to try against the column totals"
        # A total row whose digits group more than one way with which the rows add up decides nothing.
        if len(solved) == 1:
            total, solutions = solved[0]
            chosen[total_index] = total
            for position, i in enumerate(item_indexes):
                picked = [option for option in options[i] if any(s[position] is option for s in solutions)]
                if len(picked) == 1:
                    chosen[i] = picked[0]
                    how[i] = "totals"
                else:
                    chosen[i] = _tie_break(rows[i], picked, draft, "the column totals allow more than one placement")
    for i, grid_row in enumerate(rows):
        if i not in chosen:
            chosen[i] = options[i][0] if len(options[i]) == 1 else _tie_break(grid_row, options[i], draft, reason)
    for i, grid_row in enumerate(rows):
        _write_visit_row(draft, grid_row, chosen[i], options[i], i == total_index, how.get(i))


def _sums_the_rows_above(options: list[list[Placement]]) -> bool:
    """Is the last row's Summa the sum of every row's Summa above it (a total row with a label last year's did not have)?"""
    summas = [{p.summa.value for p in row_options if p.summa} for row_options in options]
    if len(summas) < 2 or any(len(values) != 1 for values in summas):
        return False
    return adds_up(sum(next(iter(values)) for values in summas[:-1]), next(iter(summas[-1])))


def _tie_break(grid_row: GridRow, candidates: list[Placement], draft: DraftTable, reason: str) -> Placement | None:
    key = grid_row.key
    if len(candidates) == 1:
        return candidates[0]
    readings = {tuple(f.printed for f in (*c.cells, c.summa) if f) for c in candidates}
    if len(readings) > 1:
        shown = " or ".join(f"({'; '.join(reading)})" for reading in sorted(readings))
        draft.flag(
            key,
            ", ".join(VISIT_COLUMNS),
            AMBIGUOUS,
            f"{reason}; the digits can be grouped as {shown}: left empty",
            grid_row.line,
        )
        return Placement((None,) * _CATEGORIES, None, False)
    figures = [f for f in (*candidates[0].cells, candidates[0].summa) if f]
    by_gaps = gap_placement(grid_row.split, tuple(figures), len(VISIT_COLUMNS))
    for candidate in candidates:
        columns = tuple(k for k, f in enumerate(candidate.cells) if f) + (_CATEGORIES,)
        if by_gaps == columns:
            draft.flag(key, "", LAYOUT, f"{reason}; figures placed by the spacing of the line", grid_row.line)
            return candidate
    if grid_row.row is not None:
        filled = grid_row.row[FILLED]
        for candidate in candidates:
            if {VISIT_COLUMNS[k] for k, f in enumerate(candidate.cells) if f} | {"summa"} == set(filled):
                draft.flag(
                    key, "", LAYOUT, f"{reason}; figures placed in the columns last year's row used", grid_row.line
                )
                return candidate
    shown = " ".join(f.printed for f in figures)
    draft.flag(
        key,
        ", ".join(VISIT_COLUMNS[:-1]),
        AMBIGUOUS,
        f"{reason}; the figures {shown} cannot be placed in their columns: left empty",
        grid_row.line,
    )
    return Placement((None,) * _CATEGORIES, candidates[0].summa, candidates[0].adds_up)


def _write_visit_row(
    draft: DraftTable,
    grid_row: GridRow,
    placement: Placement | None,
    options: list[Placement],
    total: bool,
    how: str | None,
) -> None:
    key = grid_row.key
    cells = {"visitor_group": row_label(grid_row, "visitor_group", draft), "line_kind": "total" if total else "item"}
    if placement is not None:
        for column, figure in zip(VISIT_COLUMNS, (*placement.cells, placement.summa)):
            cells[column] = figure.printed if figure else None
            if figure and figure.footnote:
                draft.flag(
                    key,
                    column,
                    NOTE,
                    f"footnote mark '{figure.footnote}' after {figure.printed}: see the footnote under the table",
                    grid_row.line,
                )
        if how == "totals" and len([f for f in placement.cells if f]) < _CATEGORIES and len(options) > 1:
            draft.flag(
                key,
                "",
                NOTE,
                "fewer figures than columns: placed so that every column adds up to the printed total row",
                grid_row.line,
            )
    if not grid_row.label:
        draft.flag(key, "visitor_group", EMPTY, "the row's label is lost in the extraction: left empty", grid_row.line)
    draft.add_row(cells, {column: grid_row.line for column in cells})
