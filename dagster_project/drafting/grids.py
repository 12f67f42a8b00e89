"""Tables of rows and figure columns: Navet's visitors, the staff tables, Medarbetarcentrum's tables.

Each row is a label (or none, where the extraction lost it) followed by its figures on one
line. A row may print fewer figures than the table has columns (a blank cell prints
nothing): then the figures are placed so that every column adds up to the printed total
row; the spacing of the line, where the extraction kept it, and last year's row break a
tie, and say so. What nothing decides stays empty.
"""

from dataclasses import dataclass
from itertools import combinations

from dagster_project.drafting import labels
from dagster_project.drafting.figures import Figure, SplitLine, gap_placement, groupings, read_figures, split_line
from dagster_project.drafting.model import (
    ADDED,
    AMBIGUOUS,
    APPROXIMATE,
    EMPTY,
    LAYOUT,
    NOT_FOUND,
    NOTE,
    DraftTable,
    ReadContext,
)
from dagster_project.drafting.source import SourceLine
from dagster_project.drafting.template import FILLED, TemplateTable
from dagster_project.raw_format.specs import VISIT_COLUMNS

MAX_SOLUTIONS = 50
MAX_NODES = 300_000
_FOOTNOTE_START = ("*", "†")


@dataclass
class GridRow:
    line: SourceLine
    split: SplitLine
    label: str
    row: dict | None  # the template row it matches
    exact: bool
    reworded: bool = False  # taken as last year's row by its place in the table, not by its words
    keyed: labels.Keyed | None = None  # the label as keyed; None where the extraction lost it

    @property
    def key(self) -> str:
        """How the review names the row."""
        return self.keyed.text if self.keyed else "(label lost)"


def grid_rows(table: TemplateTable, region: list[SourceLine], label_column: str, context: ReadContext, *, total_label_lost: bool = False,
              most_figures: int | None = None) -> tuple[list[GridRow], list[dict]]:
    """The rows printed in the region, matched to last year's rows, and last year's rows not found.

    A line no label of last year's table matches is a row only if it is not a heading or running
    text and prints at most `most_figures` figures.
    """
    known = [row[label_column] or "" for row in table.rows]
    unused = [i for i, text in enumerate(known) if text]
    longest = max((len(text.split()) for text in known), default=0)
    rows: list[GridRow] = []
    pending: list[SourceLine] = []  # a label's first line, when the label is broken over two lines
    for line in region:
        text = line.text.strip()
        if line.noise or not text or text.startswith(_FOOTNOTE_START):
            continue
        split = split_line(line.text)
        if pending and split.label:
            split = SplitLine(labels.join_broken(pending[0].text, split.label), split.tokens, split.lead_gap)
            pending = []
        if not split.tokens:
            partial = labels.best_match(split.label, known, unused)
            if rows and partial is not None and partial.partial:
                pending = [line]
                continue
            if rows:
                break
            continue
        match = labels.best_match(split.label, known, unused, partial=False) if split.label else None
        if match is None and split.label and not _could_be_row(split, longest, most_figures):
            if rows:
                break
            continue
        if match is not None:
            unused.remove(match.index)
        template_row = table.rows[match.index] if match else None
        rows.append(GridRow(line, split, split.label, template_row, bool(match and match.exact)))
        is_total = (template_row is not None and template_row.get("line_kind") == "total") or (total_label_lost and not split.label)
        if is_total:
            break
    _pair_reworded(rows, unused, table, label_column)
    for grid_row in rows:
        if grid_row.label:
            known = grid_row.row[label_column] if grid_row.row is not None else None
            grid_row.keyed = labels.keyed_label(grid_row.label, known, context.words) if known else labels.Keyed(labels.collapse(grid_row.label))
    missing = [table.rows[i] for i in unused]
    return rows, missing


def _could_be_row(split: SplitLine, longest_label: int, most_figures: int | None) -> bool:
    if labels.is_heading(split.label) or labels.is_prose(split.label, longest_label):
        return False
    return most_figures is None or any(len(g) <= most_figures for g in groupings(split.tokens))


def _pair_reworded(rows: list[GridRow], unused: list[int], table: TemplateTable, label_column: str) -> None:
    """Rows no label matched, in the place of last year's rows not found: taken as those rows, reworded."""
    labelled = [r for r in rows if r.label]
    order = [table.rows.index(r.row) if r.row is not None else None for r in labelled]
    known = [row[label_column] or "" for row in table.rows]
    for position, index in labels.pair_by_position(order, set(unused), [r.label for r in labelled], known).items():
        labelled[position].row, labelled[position].reworded = table.rows[index], True
        unused.remove(index)


def _label(grid_row: GridRow, label_column: str, draft: DraftTable) -> str | None:
    """The row's label as keyed, with what the reviewer is told about it."""
    keyed, key = grid_row.keyed, grid_row.key
    if keyed is None:
        return None
    if grid_row.row is None:
        draft.flag(key, label_column, ADDED, f"row '{keyed.text}' is not in last year's table: added", grid_row.line)
        return keyed.text
    known = grid_row.row[label_column]
    if grid_row.reworded:
        draft.flag(key, label_column, APPROXIMATE, f"printed '{keyed.text}' in the place of last year's '{known}': taken as that row reworded", grid_row.line)
    elif keyed.doubt:
        draft.flag(key, label_column, APPROXIMATE, keyed.doubt, grid_row.line)
    elif keyed.note:
        draft.flag(key, label_column, NOTE, keyed.note, grid_row.line)
    return keyed.text


def _flag_missing(draft: DraftTable, missing: list[dict], label_column: str) -> None:
    for row in missing:
        draft.flag(str(row[label_column]), "", NOT_FOUND, f"row '{row[label_column]}' of last year's table not found in this report: left out")


def _is_total(grid_row: GridRow, is_last: bool, total_label_lost: bool) -> bool:
    if grid_row.row is not None:
        return grid_row.row.get("line_kind") == "total"
    return total_label_lost and is_last and not grid_row.label


# Navet's visitors ---------------------------------------------------------------------------------

_CATEGORIES = len(VISIT_COLUMNS) - 1  # the last column, summa, is each row's total


@dataclass(frozen=True)
class Placement:
    cells: tuple[Figure | None, ...]  # one per category column
    summa: Figure | None
    adds_up: bool


def _placements(grid_row: GridRow) -> list[Placement]:
    every = [g for g in groupings(grid_row.split.tokens) if 1 <= len(g) <= len(VISIT_COLUMNS)]
    adding = [g for g in every if len(g) >= 2 and abs(sum(f.value for f in g[:-1]) - g[-1].value) < 1e-9]
    result = []
    for grouping in adding or every:
        categories, summa = grouping[:-1], grouping[-1]
        for columns in combinations(range(_CATEGORIES), len(categories)):
            cells = [None] * _CATEGORIES
            for column, figure in zip(columns, categories):
                cells[column] = figure
            result.append(Placement(tuple(cells), summa, bool(adding)))
    return result


def _solve(items: list[list[Placement]], total: Placement) -> list[tuple[int, ...]]:
    """Choices of one placement per item row with which every column adds up to the total row."""
    target = [f.value if f else 0 for f in total.cells]
    solutions: list[tuple[int, ...]] = []
    nodes = 0

    def search(row: int, sums: list[float], chosen: tuple[int, ...]) -> None:
        nonlocal nodes
        if len(solutions) >= MAX_SOLUTIONS or nodes > MAX_NODES:
            return
        nodes += 1
        if row == len(items):
            if all(abs(s - t) < 1e-9 for s, t in zip(sums, target)):
                solutions.append(chosen)
            return
        for index, option in enumerate(items[row]):
            new = [s + (f.value if f else 0) for s, f in zip(sums, option.cells)]
            if all(s <= t + 1e-9 for s, t in zip(new, target)):
                search(row + 1, new, (*chosen, index))

    search(0, [0.0] * _CATEGORIES, ())
    return solutions


def read_navet_visits(table: TemplateTable, draft: DraftTable, region: list[SourceLine], context: ReadContext) -> None:
    rows, missing = grid_rows(table, region, "visitor_group", context, total_label_lost=True, most_figures=len(VISIT_COLUMNS))
    _flag_missing(draft, missing, "visitor_group")
    if not rows:
        return
    totals = [i for i, r in enumerate(rows) if _is_total(r, i == len(rows) - 1, True)]
    total_index = totals[-1] if totals else None
    options = [_placements(r) for r in rows]
    chosen: dict[int, Placement | None] = {}
    item_indexes = [i for i in range(len(rows)) if i != total_index]
    how: dict[int, str] = {}
    if total_index is not None:
        for total in [p for p in options[total_index] if len([c for c in p.cells if c]) == len(p.cells) or len(options[total_index]) == 1]:
            solutions = _solve([options[i] for i in item_indexes], total)
            if solutions:
                chosen[total_index] = total
                for position, i in enumerate(item_indexes):
                    picked = {s[position] for s in solutions}
                    if len(picked) == 1:
                        chosen[i] = options[i][picked.pop()]
                        how[i] = "totals"
                    else:
                        chosen[i] = _tie_break(rows[i], [options[i][k] for k in sorted(picked)], draft, "the column totals allow more than one placement")
                break
    for i, grid_row in enumerate(rows):
        if i not in chosen:
            chosen[i] = options[i][0] if len(options[i]) == 1 else _tie_break(grid_row, options[i], draft, "the column totals do not confirm any placement" if total_index is not None else "no total row")
    for i, grid_row in enumerate(rows):
        _write_visit_row(draft, grid_row, chosen[i], options[i], i == total_index, how.get(i))


def _tie_break(grid_row: GridRow, candidates: list[Placement], draft: DraftTable, reason: str) -> Placement | None:
    key = grid_row.key
    if len(candidates) == 1:
        return candidates[0]
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
                draft.flag(key, "", LAYOUT, f"{reason}; figures placed in the columns last year's row used", grid_row.line)
                return candidate
    shown = " ".join(f.printed for f in figures)
    draft.flag(key, ", ".join(VISIT_COLUMNS[:-1]), AMBIGUOUS, f"{reason}; the figures {shown} cannot be placed in their columns: left empty", grid_row.line)
    return Placement((None,) * _CATEGORIES, candidates[0].summa, candidates[0].adds_up)


def _write_visit_row(draft: DraftTable, grid_row: GridRow, placement: Placement | None, options: list[Placement], is_total: bool, how: str | None) -> None:
    key = grid_row.key
    cells = {"visitor_group": _label(grid_row, "visitor_group", draft), "line_kind": "total" if is_total else "item"}
    if placement is not None:
        for column, figure in zip(VISIT_COLUMNS, (*placement.cells, placement.summa)):
            cells[column] = figure.printed if figure else None
            if figure and figure.footnote:
                draft.flag(key, column, NOTE, f"footnote mark '{figure.footnote}' after {figure.printed}: see the footnote under the table", grid_row.line)
        if how == "totals" and len([f for f in placement.cells if f]) < _CATEGORIES and len(options) > 1:
            draft.flag(key, "", NOTE, "fewer figures than columns: placed so that every column adds up to the printed total row", grid_row.line)
    if not grid_row.label:
        draft.flag(key, "visitor_group", EMPTY, "the row's label is lost in the extraction: left empty", grid_row.line)
    draft.add_row(cells, {column: grid_row.line for column in cells})


# Staff tables -------------------------------------------------------------------------------------

_STAFF_COLUMNS = ("persons", "fte")


def read_staff(table: TemplateTable, draft: DraftTable, region: list[SourceLine], context: ReadContext) -> None:
    rows, missing = grid_rows(table, region, "role", context, most_figures=len(_STAFF_COLUMNS))
    _flag_missing(draft, missing, "role")
    usual = _usual_columns(table)
    for grid_row in rows:
        key = grid_row.key
        cells = {"role": _label(grid_row, "role", draft),
                 "line_kind": (grid_row.row or {}).get("line_kind", "item")}
        found = read_figures(grid_row.split.tokens, (2, 1))
        if len(found) != 1:
            draft.flag(key, "persons, fte", AMBIGUOUS if found else EMPTY,
                       "the figures can be grouped in more than one way: left empty" if found else "no figures could be read: left empty", grid_row.line)
        else:
            figures = found[0]
            columns = _STAFF_COLUMNS if len(figures) == 2 else _one_column(grid_row, usual)
            if columns is None:
                draft.flag(key, "persons, fte", AMBIGUOUS, f"one figure ({figures[0].printed}) and no way to tell its column: left empty", grid_row.line)
            else:
                if len(figures) == 1:
                    draft.flag(key, columns[0], LAYOUT, f"one figure printed, without a column header: placed in {columns[0]} as in last year's table", grid_row.line)
                for column, figure in zip(columns, figures):
                    cells[column] = figure.printed
        if cells["role"] is None:
            draft.flag(key, "role", EMPTY, "the row's label is lost in the extraction: left empty", grid_row.line)
            cells["role"] = None
        draft.add_row(cells, {column: grid_row.line for column in cells})


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


# Medarbetarcentrum ------------------------------------------------------------------------------

def _columns_of(table: TemplateTable, label_column: str) -> dict[int, dict]:
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
    """mc_case_statistics (measure, value) and mc_positive_changes (outcome, count): one row per printed cell."""
    positive = table.entry.table_type == "mc_positive_changes"
    label_column, value_column = ("outcome", "count") if positive else ("measure", "value")
    columns = _columns_of(table, label_column)
    width = max(columns) if columns else 0
    rows, missing = grid_rows(_one_per_label(table, label_column), region, label_column, context, most_figures=width)
    _flag_missing(draft, missing, label_column)
    for grid_row in rows:
        key = grid_row.key
        label = _label(grid_row, label_column, draft)
        if label is None:
            draft.flag(key, label_column, EMPTY, "the row's label is lost in the extraction: row left out", grid_row.line)
            continue
        options = read_figures(grid_row.split.tokens, (width,))
        if positive and len(options) > 1:
            options = [o for o in options if _row_adds_up(o, columns)] or options
        if len(options) != 1:
            shown = " ".join(t.text for t in grid_row.split.tokens)
            reason = "the digits can be grouped in more than one way" if options else f"{width} figures expected as last year"
            draft.flag(key, "", EMPTY if not options else AMBIGUOUS, f"{reason}; printed '{shown}': row left out", grid_row.line)
            continue
        kind = (grid_row.row or {}).get("line_kind", "item")
        for column_no, figure in enumerate(options[0], start=1):
            column = columns.get(column_no, {})
            cells = {label_column: label, "column_no": str(column_no), "column_header": column.get("column_header"), value_column: figure.printed}
            if positive:
                cells |= {"line_kind": kind, "column_kind": column.get("column_kind", "item")}
            draft.add_row(cells, {name: grid_row.line for name in cells})


def _row_adds_up(figures: tuple[Figure, ...], columns: dict[int, dict]) -> bool:
    totals = [k for k, c in columns.items() if c.get("column_kind") == "total"]
    if len(totals) != 1 or totals[0] != len(figures):
        return True
    return abs(sum(f.value for f in figures[:-1]) - figures[-1].value) < 1e-9
