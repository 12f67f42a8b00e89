"""Medarbetarcentrum's tables, keyed one printed cell per row: case statistics (measure, value)
and positive changes (outcome, count, with a Totalt column and a total row).

A row prints as many figures as last year's. Where its digits group more than one way, a
row whose Totalt column is the sum of the row, and then the one way with which every
column adds up to the total row, decide; else the row is left out and listed.
"""

from dagster_project.drafting.locate.template import TemplateTable
from dagster_project.drafting.model import AMBIGUOUS, EMPTY, LAYOUT, DraftTable, ReadContext
from dagster_project.drafting.readers.grids import GridRow, flag_missing, grid_rows, row_label
from dagster_project.drafting.readers.totals import adds_up
from dagster_project.drafting.readers.totals import fitting as totals_search
from dagster_project.drafting.text.figures import Figure, read_figures
from dagster_project.drafting.text.source import SourceLine


def _columns_of(table: TemplateTable) -> dict[int, dict]:
    """Last year's columns by number: header and kind (from any row that has them)."""
    columns: dict[int, dict] = {}
    for row in table.rows:
        columns.setdefault(row["column_no"], {})
        for name in ("column_header", "column_kind"):
            if row.get(name):
                columns[row["column_no"]][name] = row[name]
    return columns


def _one_per_label(table: TemplateTable, label_column: str) -> TemplateTable:
    seen, rows = set(), []
    for row in table.rows:
        if row[label_column] not in seen:
            seen.add(row[label_column])
            rows.append(row)
    return TemplateTable(table.entry, tuple(rows))


def read_mc_grid(table: TemplateTable, draft: DraftTable, region: list[SourceLine], context: ReadContext) -> None:
    positive = table.entry.table_type == "mc_positive_changes"
    label_column, value_column = ("outcome", "count") if positive else ("measure", "value")
    columns = _columns_of(table)
    width = max(columns) if columns else 0
    rows, missing = grid_rows(_one_per_label(table, label_column), region, label_column, context, most_figures=width)
    flag_missing(draft, missing, label_column)
    options = [read_figures(grid_row.split.tokens, (width,)) for grid_row in rows]
    if positive:
        options = [[o for o in found if _row_adds_up(o, columns)] or found for found in options]
        by_total = _decide_by_total(rows, options)
    else:
        by_total = set()
    for grid_row, found in zip(rows, options):
        key = grid_row.key
        label = row_label(grid_row, label_column, draft)
        if label is None:
            draft.flag(
                key, label_column, EMPTY, "the row's label is lost in the extraction: row left out", grid_row.line
            )
            continue
        if len(found) != 1:
            shown = " ".join(t.text for t in grid_row.split.tokens)
            reason = (
                "the digits can be grouped in more than one way" if found else f"{width} figures expected as last year"
            )
            draft.flag(
                key, "", EMPTY if not found else AMBIGUOUS, f"{reason}; printed '{shown}': row left out", grid_row.line
            )
            continue
        if id(grid_row) in by_total:
            draft.flag(
                key,
                value_column,
                LAYOUT,
                "the digits group more than one way: read the one way with which every column adds up to the total row",
                grid_row.line,
            )
        kind = (grid_row.row or {}).get("line_kind", "item")
        for column_no, figure in enumerate(found[0], start=1):
            column = columns.get(column_no, {})
            cells = {
                label_column: label,
                "column_no": str(column_no),
                "column_header": column.get("column_header"),
                value_column: figure.printed,
            }
            if positive:
                cells |= {"line_kind": kind, "column_kind": column.get("column_kind", "item")}
            draft.add_row(cells, {name: grid_row.line for name in cells})


def _row_adds_up(figures: tuple[Figure, ...], columns: dict[int, dict]) -> bool:
    totals = [k for k, c in columns.items() if c.get("column_kind") == "total"]
    if len(totals) != 1 or totals[0] != len(figures):
        return True
    return adds_up(sum(f.value for f in figures[:-1]), figures[-1].value)


def _decide_by_total(rows: list[GridRow], options: list[list[tuple[Figure, ...]]]) -> set[int]:
    """Rows that read more than one way, narrowed to the one way with which every column adds up to the
    total row, where only one combination does; the ids of the rows so decided."""
    kinds = [(r.row or {}).get("line_kind", "item") for r in rows]
    counted = [i for i, r in enumerate(rows) if r.label]  # a row whose label is lost is left out
    totals = [i for i in counted if kinds[i] == "total"]
    open_rows = [i for i in counted if len(options[i]) > 1]
    if len(totals) != 1 or not open_rows or any(not options[i] for i in counted):
        return set()

    def fits(choice: tuple[tuple[Figure, ...], ...]) -> bool:
        picked = dict(zip(open_rows, choice))
        readings = {i: picked.get(i, options[i][0]) for i in counted}
        total = readings[totals[0]]
        sums = [sum(readings[i][k].value for i in counted if kinds[i] == "item") for k in range(len(total))]
        return all(adds_up(s, f.value) for s, f in zip(sums, total))

    fitting = totals_search([options[i] for i in open_rows], fits) or []
    if len(fitting) != 1:
        return set()
    for i, option in zip(open_rows, fitting[0]):
        options[i] = [option]
    return {id(rows[i]) for i in open_rows}
