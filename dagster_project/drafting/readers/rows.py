"""The rows of a statement or note as printed: labels matched to last year's, with their figure tokens.

A row is printed on one line (`Medlemsavgifter, Navet 5 835 5 835 4`), as its label alone
followed by one figure per line, as one of several labels followed by their figures column
by column, or with its label broken over two lines. The rows are grouped into units: labels
and the figure tokens printed after them, up to the next label. The table ends where the
printed table ends (see units_of).

The layouts read: a row on one line; a label alone with one figure per line and blank lines
between; several labels followed by their figures column by column (read in label order, flagged as a layout
reading); labels broken over two lines (before, between or after the figures, hyphenated or
not); memo lines in parentheses; the note column, also when it is printed for some rows only
(never in a table whose rows had no note last year). A table ends where the printed table ends:
after its total row when last year's table ended with its total (a row-like line printed after
it is listed under added rows, not drafted), at a heading in capitals ("BILAGA 1 - NAVET 2013"),
at running text (more words than any of last year's labels and three more, or a sentence ending
inside the line), or after last year's rows when no more lines read as rows. A line that matches
none of last year's labels is an added row only if its figures fit the columns (two amounts, and
a note where the table has a note column); a label alone on its line is one only if figures
follow it. A label alone on its line whose next line completes another of last year's labels
better ("Bidrag" / "från Regionen") is read as that label broken over two lines. An added row
adds into what the item row above it adds into, or what the item row below it adds into where
the printed totals add up with that and not with the other.
"""

from dataclasses import dataclass, field

from dagster_project.drafting.locate.template import TemplateTable
from dagster_project.drafting.model import ReadContext
from dagster_project.drafting.text import labels
from dagster_project.drafting.text.figures import SplitLine, Token, read_figures, split_line
from dagster_project.drafting.text.source import SourceLine

NOTE_MAX = 99
_STOP_AFTER_UNMATCHED = 25
_CONTINUATION_WORDS = 4


@dataclass
class Label:
    row: dict | None  # the template row, None for a row last year's table did not have
    text: str
    lines: list[SourceLine]
    exact: bool
    partial: bool
    tentative: bool = False  # an unknown label alone on its line: a row only if figures follow it
    reworded: bool = False  # taken as last year's row by its place in the table, not by its words


@dataclass
class Unit:
    """Labels and the figures printed after them, up to the next label."""

    labels: list[Label] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    token_lines: list[SourceLine] = field(default_factory=list)
    inline: bool = False  # the figures stand on the label's line
    ambiguous: bool = False  # more than one reading fits: flagged as such, left empty

    @property
    def has_figures(self) -> bool:
        return bool(self.tokens)

    def add_tokens(self, split: SplitLine, line: SourceLine) -> None:
        for index, token in enumerate(split.tokens):
            # A figure never continues across lines: the first token of a line starts a new one.
            self.tokens.append(Token(**{**token.__dict__, "gap": 99}) if index == 0 else token)
            self.token_lines.append(line)


def expects_figures(label: Label) -> bool:
    return label.row is None or label.row["line_kind"] != "heading"


@dataclass(frozen=True)
class Shape:
    """What last year's table says a row of it looks like."""

    longest_label: int  # words
    notes: bool  # the table has a note column
    final_total: int | None  # index of the last row, when it is the table's total

    @classmethod
    def of(cls, table: TemplateTable) -> "Shape":
        rows = table.rows
        final = len(rows) - 1 if rows and rows[-1]["line_kind"] == "total" else None
        return cls(
            max((len(row["label"].split()) for row in rows), default=0),
            any(row.get("note") is not None for row in rows),
            final,
        )

    def fits(self, split: SplitLine) -> bool:
        """Can the line's figures be a row's amounts (and note)?"""
        groupings = read_figures(split.tokens, (2, 3) if self.notes else (2,))
        return any(len(g) == 2 or isinstance(g[2].value, int) and 0 < g[2].value <= NOTE_MAX for g in groupings)


def units_of(
    table: TemplateTable, region: list[SourceLine], context: ReadContext
) -> tuple[list[Unit], list[dict], SourceLine | None]:
    """The table's rows as printed, from its title to where the printed table ends.

    It ends after the total row when last year's table ended with its total, at a heading in
    capitals, at running text, or after last year's rows when no more lines read as rows.
    Also returned: a line after the total row that reads as a row (not drafted, but told).
    """
    known = [row["label"] for row in table.rows]
    unused = list(range(len(known)))
    shape = Shape.of(table)
    units: list[Unit] = []
    unmatched_run = 0
    closed = False
    after_total = None
    for line in region:
        if line.noise or not line.text.strip():
            continue
        split = split_line(line.text)
        current = units[-1] if units else None
        if not split.label:
            if current is not None and split.tokens and not _column_header(split, context.year):
                current.add_tokens(split, line)
            continue
        if (
            current is not None
            and current.labels
            and _continues(current.labels[-1], split, known, unused, shape, table)
        ):
            _join(current, split, line, known, unused, table)
            continue
        if closed:
            after_total = line if split.tokens and _could_be_row(split, shape) else None
            break
        _drop_tentative(units)
        current = units[-1] if units else None
        match = labels.best_match(split.label, known, unused)
        if match is None and not _could_be_row(split, shape):
            unmatched_run += 1
            ends = labels.is_heading(split.label) or labels.is_prose(split.label, shape.longest_label)
            if (ends or not unused or unmatched_run > _STOP_AFTER_UNMATCHED) and units and units[-1].has_figures:
                break
            continue
        unmatched_run = 0
        row = table.rows[match.index] if match else None
        if match:
            unused.remove(match.index)
        label = Label(
            row,
            split.label,
            [line],
            bool(match and match.exact),
            bool(match and match.partial),
            tentative=match is None and not split.tokens,
        )
        if (
            current is None
            or current.has_figures
            or split.tokens
            or not any(expects_figures(other) for other in current.labels)
        ):
            current = Unit()
            units.append(current)
        current.labels.append(label)
        if split.tokens:
            current.inline = True
            current.add_tokens(split, line)
        closed = match is not None and match.index == shape.final_total
        if not unused and not split.tokens and not expects_figures(label):
            break
    _drop_tentative(units)
    _pair_reworded(units, unused, table)
    missing = [table.rows[index] for index in unused]
    return units, missing, after_total


def _column_header(split: SplitLine, year: int) -> bool:
    """A line of the years heading the columns ("2013 2012", or each alone): not figures."""
    return all(not t.sign and t.digits in (str(year), str(year - 1)) for t in split.tokens)


def _could_be_row(split: SplitLine, shape: Shape) -> bool:
    """A line no label of last year's table matches that may still be a row of it (added or reworded)."""
    if labels.is_heading(split.label) or labels.is_prose(split.label, shape.longest_label):
        return False
    if split.tokens:
        return shape.fits(split)
    # A label alone on its line: a row only if its figures follow (see _drop_tentative).
    return len(split.label.split()) <= shape.longest_label + 2 and not split.label.endswith(":")


def _drop_tentative(units: list[Unit]) -> None:
    """An unknown label alone on its line with no figures after it was not a row."""
    if units and not units[-1].has_figures and units[-1].labels and units[-1].labels[-1].tentative:
        units[-1].labels.pop()
        if not units[-1].labels:
            units.pop()


def _join(
    unit: Unit, split: SplitLine, line: SourceLine, known: list[str], unused: list[int], table: TemplateTable
) -> None:
    """The line is the rest of the unit's last label, broken over two lines."""
    last = unit.labels[-1]
    first, last.text = last.text, labels.join_broken(last.text, split.label)
    last.lines.append(line)
    if last.row is None:
        match = labels.best_match(last.text, known, unused, partial=False)
        if match is not None:
            last.row = table.rows[match.index]
            unused.remove(match.index)
        last.tentative = last.tentative and not split.tokens
    elif (better := _better_match(last.row, first, last.text, known, unused, table)) is not None:
        unused.append(table.rows.index(last.row))
        unused.remove(better)
        last.row = table.rows[better]
    last.partial = (
        not last.exact and last.row is not None and labels.compact(last.row["label"]) != labels.compact(last.text)
    )
    last.exact = last.row is not None and labels.compact(last.row["label"]) == labels.compact(last.text)
    if split.tokens:
        unit.add_tokens(split, line)


def _better_match(
    row: dict, first: str, joined: str, known: list[str], unused: list[int], table: TemplateTable
) -> int | None:
    """Another of last year's labels that two lines joined match better than the first line matched `row`."""
    own = table.rows.index(row)
    match = labels.best_match(joined, known, [*unused, own], partial=False)
    if match is None or match.index == own:
        return None
    return match.index if match.exact or match.score > labels.similarity(first, known[own]) else None


def _continues(
    last: Label, split: SplitLine, known: list[str], unused: list[int], shape: Shape, table: TemplateTable
) -> bool:
    """Is this line the rest of the previous label, broken over two lines?"""
    if last.exact:
        return False
    alone = labels.best_match(split.label, known, unused)
    if alone is not None and alone.exact:
        return False
    if last.row is None:
        # An unknown label continues where the line break hyphenated a word or the next line goes on in lower case.
        return (labels.hyphenated_at_break(labels.collapse(last.text), split.label) or split.label[:1].islower()) and (
            len(split.label.split()) <= _CONTINUATION_WORDS and not labels.is_prose(split.label, shape.longest_label)
        )
    joined = labels.join_broken(last.text, split.label)
    if _better_match(last.row, last.text, joined, known, unused, table) is not None:
        return True
    target = last.row["label"]
    return labels.similarity(joined, target) > labels.similarity(last.text, target) and (
        labels.compact(target).startswith(labels.compact(joined).rstrip("-"))
        or labels.similarity(joined, target) >= labels.APPROXIMATE_THRESHOLD
    )


def _pair_reworded(units: list[Unit], unused: list[int], table: TemplateTable) -> None:
    """Rows no label matched, in the place of last year's rows not found: taken as those rows, reworded."""
    printed = [label for unit in units for label in unit.labels]
    order = [table.rows.index(label.row) if label.row is not None else None for label in printed]
    eligible = {i for i in unused if table.rows[i]["line_kind"] != "heading"}
    for position, index in labels.pair_by_position(
        order, eligible, [label.text for label in printed], [r["label"] for r in table.rows]
    ).items():
        printed[position].row = table.rows[index]
        printed[position].reworded = True
        unused.remove(index)
