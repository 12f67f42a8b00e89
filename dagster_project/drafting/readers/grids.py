"""The rows shared by the tables of rows and figure columns: Navet's visitors (visits.py), the
staff tables (staff.py) and Medarbetarcentrum's tables (mc_tables.py).

A visitor row with fewer figures than columns is placed so
  that every column adds up to the printed total row (searching all placements, the choices a
  column already past its total, or too far below it for the rows left, not followed); where
  that is not unique, the line's spacing or last year's row decides and the cell is flagged;
  where the digits also group more than one way, or nothing decides, the cells stay empty. A
  last visitor row whose Summa is the sum of the rows above is the total row, labelled or not. A
  staff row that reads more than one way (one figure without a column header, or "48 966,5": one
  figure or two) is read the one way with which every column adds up to the Summa row, else as
  last year's row printed it (persons are whole numbers), flagged, else left empty; a
  Medarbetarcentrum row likewise by its Totalt column and the total row. A line that matches
  none of last year's labels is an added row unless it is a heading or running text or prints
  more figures than the table has columns; a label broken over two lines, also after its figures
  ("Administration 2 2" / "och ledare"), is joined; labels as in text/labels.py.
"""

from dataclasses import dataclass

from dagster_project.drafting.locate.template import TemplateTable
from dagster_project.drafting.model import (
    ADDED,
    APPROXIMATE,
    NOT_FOUND,
    NOTE,
    DraftTable,
    ReadContext,
)
from dagster_project.drafting.text import labels
from dagster_project.drafting.text.figures import SplitLine, groupings, split_line
from dagster_project.drafting.text.source import SourceLine

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


def grid_rows(
    table: TemplateTable,
    region: list[SourceLine],
    label_column: str,
    context: ReadContext,
    *,
    total_label_lost: bool = False,
    most_figures: int | None = None,
) -> tuple[list[GridRow], list[dict]]:
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
            if rows and _rest_of_label(rows[-1], split.label, known, unused, table):
                continue
            partial = labels.best_match(split.label, known, unused)
            if rows and (
                partial is not None and partial.partial or split.label.endswith("-") and len(split.label.split()) <= 2
            ):
                pending = [line]
                continue
            if rows:
                break
            continue
        match = labels.best_match(split.label, known, unused, partial=False) if split.label else None
        if match is None and split.label:
            match = labels.best_match(split.label, known, unused)  # the start of a label the next line ends
        if match is None and split.label and not _could_be_row(split, longest, most_figures):
            if rows:
                break
            continue
        if match is not None:
            unused.remove(match.index)
        template_row = table.rows[match.index] if match else None
        rows.append(GridRow(line, split, split.label, template_row, bool(match and match.exact)))
        if (template_row is not None and template_row.get("line_kind") == "total") or (
            total_label_lost and not split.label
        ):
            break
    _pair_reworded(rows, unused, table, label_column)
    for grid_row in rows:
        if grid_row.label:
            known = grid_row.row[label_column] if grid_row.row is not None else None
            grid_row.keyed = (
                labels.keyed_label(grid_row.label, known, context.words)
                if known
                else labels.Keyed(labels.collapse(grid_row.label))
            )
    missing = [table.rows[i] for i in unused]
    return rows, missing


def _rest_of_label(last: GridRow, text: str, known: list[str], unused: list[int], table: TemplateTable) -> bool:
    """Is a line without figures the rest of the previous row's label, broken after its figures? If so, joined to it."""
    if not last.label or last.exact or labels.is_heading(text):
        return False
    joined = labels.join_broken(last.label, text)
    if last.row is not None:
        target = known[table.rows.index(last.row)]
        if not labels.compact(target).startswith(labels.compact(joined)) and labels.similarity(
            joined, target
        ) <= labels.similarity(last.label, target):
            return False
    else:
        match = labels.best_match(joined, known, unused, partial=False)
        if match is None:
            return False
        last.row = table.rows[match.index]
        unused.remove(match.index)
    last.label, last.exact = joined, labels.compact(joined) == labels.compact(known[table.rows.index(last.row)])
    return True


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


def row_label(grid_row: GridRow, label_column: str, draft: DraftTable) -> str | None:
    """The row's label as keyed, with what the reviewer is told about it."""
    keyed, key = grid_row.keyed, grid_row.key
    if keyed is None:
        return None
    if grid_row.row is None:
        draft.flag(key, label_column, ADDED, f"row '{keyed.text}' is not in last year's table: added", grid_row.line)
        return keyed.text
    known = grid_row.row[label_column]
    if grid_row.reworded:
        draft.flag(
            key,
            label_column,
            APPROXIMATE,
            f"printed '{keyed.text}' in the place of last year's '{known}': taken as that row reworded",
            grid_row.line,
        )
    elif keyed.doubt:
        draft.flag(key, label_column, APPROXIMATE, keyed.doubt, grid_row.line)
    elif keyed.note:
        draft.flag(key, label_column, NOTE, keyed.note, grid_row.line)
    return keyed.text


def flag_missing(draft: DraftTable, missing: list[dict], label_column: str) -> None:
    for row in missing:
        draft.flag(
            str(row[label_column]),
            "",
            NOT_FOUND,
            f"row '{row[label_column]}' of last year's table not found in this report: left out",
        )


def is_total(grid_row: GridRow, is_last: bool, total_label_lost: bool) -> bool:
    if grid_row.row is not None:
        return grid_row.row.get("line_kind") == "total"
    return total_label_lost and is_last and not grid_row.label
