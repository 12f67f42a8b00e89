"""The income statement, the balance sheet and the notes: labels with two year columns and a note.

The extraction prints a row in one of these ways, all handled here:
- on one line: `Medlemsavgifter, Navet 5 835 5 835 4`;
- the label alone, then one figure per line with blank lines between (current year, prior
  year, note);
- several labels, then their figures column by column (`Verksamhetens kostnader`,
  `Avskrivningar`, `-63 300`, `-69`, `-62 651`, `-109`, `2`): read in the order of the labels;
- a label broken over two lines, before, between or after its figures;
- `(varav avgångsvederlag) 0 (1 414)`: a memo line whose figures are in parentheses.
Rows are recognised by last year's labels (exactly or approximately); a row with figures
that last year's table did not have is added and flagged. Where two groupings of the
digits fit ("1 484 722" is 1 484 and 722, or 1 and 484 722), the printed totals decide;
where they cannot, the cells stay empty.
"""

import re
from dataclasses import dataclass, field
from itertools import product

from dagster_project.drafting import labels
from dagster_project.drafting.figures import Figure, SplitLine, Token, read_figures, split_line
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
from dagster_project.drafting.template import TemplateTable

AMOUNTS = ("amount_current", "amount_prior")
TOLERANCE = 1.0  # tkr: rounding in the printed report
MAX_COMBINATIONS = 512
_STOP_AFTER_UNMATCHED = 25
_CONTINUATION_WORDS = 4
_NOTE_MAX = 99
_MEMO_START = re.compile(r"^\(?\s*(varav|därav)\b", re.IGNORECASE)


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


def _expects_figures(label: Label) -> bool:
    return label.row is None or label.row["line_kind"] != "heading"


@dataclass(frozen=True)
class _Shape:
    """What last year's table says a row of it looks like."""

    longest_label: int  # words
    notes: bool  # the table has a note column
    final_total: int | None  # index of the last row, when it is the table's total

    @classmethod
    def of(cls, table: TemplateTable) -> "_Shape":
        rows = table.rows
        final = len(rows) - 1 if rows and rows[-1]["line_kind"] == "total" else None
        return cls(max((len(row["label"].split()) for row in rows), default=0),
                   any(row.get("note") is not None for row in rows), final)

    def fits(self, split: SplitLine) -> bool:
        """Can the line's figures be a row's amounts (and note)?"""
        groupings = read_figures(split.tokens, (2, 3) if self.notes else (2,))
        return any(len(g) == 2 or isinstance(g[2].value, int) and 0 < g[2].value <= _NOTE_MAX for g in groupings)


def units_of(table: TemplateTable, region: list[SourceLine], context: ReadContext) -> tuple[list[Unit], list[dict], SourceLine | None]:
    """The table's rows as printed, from its title to where the printed table ends.

    It ends after the total row when last year's table ended with its total, at a heading in
    capitals, at running text, or after last year's rows when no more lines read as rows.
    Also returned: a line after the total row that reads as a row (not drafted, but told).
    """
    known = [row["label"] for row in table.rows]
    unused = list(range(len(known)))
    shape = _Shape.of(table)
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
        if current is not None and current.labels and _continues(current.labels[-1], split, known, unused, shape):
            _join(current, split, line, known, unused, table)
            continue
        if closed:
            after_total = line if split.tokens and _could_be_row(split, shape, units) else None
            break
        _drop_tentative(units)
        current = units[-1] if units else None
        match = labels.best_match(split.label, known, unused)
        if match is None and not _could_be_row(split, shape, units):
            unmatched_run += 1
            ends = labels.is_heading(split.label) or labels.is_prose(split.label, shape.longest_label)
            if (ends or not unused or unmatched_run > _STOP_AFTER_UNMATCHED) and units and units[-1].has_figures:
                break
            continue
        unmatched_run = 0
        row = table.rows[match.index] if match else None
        if match:
            unused.remove(match.index)
        label = Label(row, split.label, [line], bool(match and match.exact), bool(match and match.partial),
                      tentative=match is None and not split.tokens)
        if current is None or current.has_figures or split.tokens or not any(_expects_figures(other) for other in current.labels):
            current = Unit()
            units.append(current)
        current.labels.append(label)
        if split.tokens:
            current.inline = True
            current.add_tokens(split, line)
        closed = match is not None and match.index == shape.final_total
        if not unused and not split.tokens and not _expects_figures(label):
            break
    _drop_tentative(units)
    _pair_reworded(units, unused, table)
    missing = [table.rows[index] for index in unused]
    return units, missing, after_total


def _column_header(split: SplitLine, year: int) -> bool:
    """A line of the years heading the columns ("2013 2012", or each alone): not figures."""
    return all(not t.sign and t.digits in (str(year), str(year - 1)) for t in split.tokens)


def _could_be_row(split: SplitLine, shape: _Shape, units: list[Unit]) -> bool:
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


def _join(unit: Unit, split: SplitLine, line: SourceLine, known: list[str], unused: list[int], table: TemplateTable) -> None:
    """The line is the rest of the unit's last label, broken over two lines."""
    last = unit.labels[-1]
    last.text = labels.join_broken(last.text, split.label)
    last.lines.append(line)
    if last.row is None:
        match = labels.best_match(last.text, known, unused, partial=False)
        if match is not None:
            last.row = table.rows[match.index]
            unused.remove(match.index)
        last.tentative = last.tentative and not split.tokens
    last.partial = not last.exact and last.row is not None and labels.compact(last.row["label"]) != labels.compact(last.text)
    last.exact = last.row is not None and labels.compact(last.row["label"]) == labels.compact(last.text)
    if split.tokens:
        unit.add_tokens(split, line)


def _continues(last: Label, split: SplitLine, known: list[str], unused: list[int], shape: _Shape) -> bool:
    """Is this line the rest of the previous label, broken over two lines?"""
    if last.exact:
        return False
    alone = labels.best_match(split.label, known, unused)
    if alone is not None and alone.exact:
        return False
    if last.row is None:
        # An unknown label continues where the line break hyphenated a word or the next line goes on in lower case.
        return (labels.hyphenated_at_break(labels.collapse(last.text), split.label) or split.label[:1].islower()) and (
            len(split.label.split()) <= _CONTINUATION_WORDS and not labels.is_prose(split.label, shape.longest_label))
    joined = labels.join_broken(last.text, split.label)
    target = last.row["label"]
    return labels.similarity(joined, target) > labels.similarity(last.text, target) and (
        labels.compact(target).startswith(labels.compact(joined).rstrip("-")) or labels.similarity(joined, target) >= labels.APPROXIMATE_THRESHOLD
    )


def _pair_reworded(units: list[Unit], unused: list[int], table: TemplateTable) -> None:
    """Rows no label matched, in the place of last year's rows not found: taken as those rows, reworded."""
    printed = [label for unit in units for label in unit.labels]
    order = [table.rows.index(label.row) if label.row is not None else None for label in printed]
    eligible = {i for i in unused if table.rows[i]["line_kind"] != "heading"}
    for position, index in labels.pair_by_position(order, eligible, [label.text for label in printed], [r["label"] for r in table.rows]).items():
        printed[position].row = table.rows[index]
        printed[position].reworded = True
        unused.remove(index)


@dataclass(frozen=True)
class Reading:
    """One way to read a unit's figures: per label (index in the unit), its amounts and note."""

    amounts: dict[int, tuple[Figure | None, Figure | None]]
    notes: dict[int, Figure]


def readings(unit: Unit, notes: bool = True) -> list[Reading]:
    """Every way to read the unit's figures; `notes`: whether the table has a note column."""
    rows = [i for i, label in enumerate(unit.labels) if _expects_figures(label)]
    if not rows or not unit.tokens:
        return []
    noted = [i for i in rows if unit.labels[i].row is not None and unit.labels[i].row.get("note") is not None]
    count = len(rows)
    counts = tuple(dict.fromkeys((2 * count + len(noted), 2 * count, 2 * count + count))) if notes else (2 * count,)
    result = []
    for grouping in read_figures(tuple(unit.tokens), counts):
        current, prior, rest = grouping[:count], grouping[count:2 * count], grouping[2 * count:]
        amounts = {i: (current[k], prior[k]) for k, i in enumerate(rows)}
        notes = _notes(rest, rows, noted, unit)
        if notes is not None:
            result.append(Reading(amounts, notes))
    return result


def _notes(rest: tuple[Figure, ...], rows: list[int], noted: list[int], unit: Unit) -> dict[int, Figure] | None:
    if any(not isinstance(f.value, int) or not 0 < f.value <= _NOTE_MAX for f in rest):
        return None
    if not rest:
        return {}
    if len(rest) == len(rows):
        return dict(zip(rows, rest))
    if len(rest) == len(noted):
        return dict(zip(noted, rest))
    return None


def read_statement(table: TemplateTable, draft: DraftTable, region: list[SourceLine], context: ReadContext) -> None:
    units, missing, after_total = units_of(table, region, context)
    for row in missing:
        draft.flag(row["line_id"], "", NOT_FOUND, f"row '{row['label']}' of last year's table not found in this report: left out")
    if after_total is not None:
        label = split_line(after_total.text).label
        draft.flag(_slug(label), "", ADDED, f"'{labels.collapse(after_total.text)}' is printed after the total row, where last year's table "
                   "ended: not drafted; if it is a row of this table, add it by hand", after_total)
    notes = _Shape.of(table).notes
    choices = [readings(unit, notes) for unit in units]
    chosen = _decide(table, units, choices, draft)
    _write_rows(table, units, choices, chosen, draft, context)


def _line_ids(units: list[Unit], table: TemplateTable) -> list[list[str]]:
    taken = {row["line_id"] for row in table.rows}
    ids = []
    for unit in units:
        unit_ids = []
        for label in unit.labels:
            if label.row is not None:
                unit_ids.append(label.row["line_id"])
                continue
            base = _slug(label.text)
            line_id, number = base, 2
            while line_id in taken:
                line_id, number = f"{base}_{number}", number + 1
            taken.add(line_id)
            unit_ids.append(line_id)
        ids.append(unit_ids)
    return ids


def _slug(label: str) -> str:
    """A line_id for a row last year's table did not have, from its label."""
    return re.sub(r"[^a-z0-9]+", "_", label.casefold().translate(str.maketrans("åäöéü", "aaoeu"))).strip("_") or "rad"


def _structure(table: TemplateTable, units: list[Unit], choices: list[list[Reading]]) -> tuple[list[list[str]], dict[str, str | None]]:
    """line_ids per unit and each line's part_of.

    An added row adds into what the item row above it adds into, or what the item row below it
    adds into where the printed totals add up with that and not with the other.
    """
    ids = _line_ids(units, table)
    printed = [(label, line_id) for unit, unit_ids in zip(units, ids) for label, line_id in zip(unit.labels, unit_ids)]
    part_of: dict[str, str | None] = {line_id: (label.row or {}).get("part_of") for label, line_id in printed}
    items = [(position, label.row.get("part_of")) for position, (label, _) in enumerate(printed)
             if label.row is not None and label.row["line_kind"] == "item"]
    values = _values(ids, [options[0] if len(options) == 1 else None for options in choices])
    for position, (label, line_id) in enumerate(printed):
        if label.row is not None or _MEMO_START.match(label.text):
            continue
        above = [parent for at, parent in items if at < position][-1:]
        below = [parent for at, parent in items if at > position][:1]
        candidates = list(dict.fromkeys(above + below))
        if len(candidates) > 1:
            failing = {parent: _sums_ok(values, {**part_of, line_id: parent}) for parent in candidates}
            candidates.sort(key=lambda parent: failing[parent])
        part_of[line_id] = candidates[0] if candidates else None
    return ids, part_of


def _sums_ok(values: dict[tuple[str, str], float | None], part_of: dict[str, str | None], only: set[str] | None = None) -> int:
    """How many printed totals (of `only`, if given) differ from the sum of their parts (more than the tolerance)."""
    failing = 0
    for column in AMOUNTS:
        totals: dict[str, float] = {}
        for line_id, parent in part_of.items():
            value = values.get((line_id, column))
            if parent is not None and value is not None:
                totals[parent] = totals.get(parent, 0.0) + value
        for parent, computed in totals.items():
            if only is not None and parent not in only:
                continue
            printed = values.get((parent, column))
            if printed is not None and abs(printed - computed) > TOLERANCE:
                failing += 1
    return failing


def _values(ids, picks) -> dict[tuple[str, str], float | None]:
    values = {}
    for unit_ids, reading in zip(ids, picks):
        if reading is None:
            continue
        for index, (current, prior) in reading.amounts.items():
            values[(unit_ids[index], "amount_current")] = current.value if current else None
            values[(unit_ids[index], "amount_prior")] = prior.value if prior else None
    return values


def _decide(table: TemplateTable, units: list[Unit], choices: list[list[Reading]], draft: DraftTable) -> list[Reading | None]:
    """One reading per unit: the only one, or the one with which the printed totals add up."""
    ids, part_of = _structure(table, units, choices)
    ambiguous = [i for i, options in enumerate(choices) if len(options) > 1]
    picks: list[Reading | None] = [options[0] if len(options) == 1 else None for options in choices]
    if not ambiguous:
        return picks
    options = [choices[i] for i in ambiguous]
    combinations = 1
    for option in options:
        combinations *= len(option)
    if combinations > MAX_COMBINATIONS:
        for i in ambiguous:
            _flag_ambiguous(draft, units[i], ids[i], choices[i], "too many groupings to try against the totals")
        return picks
    # Only the totals the ambiguous rows take part in decide: a total that fails for another reason does not.
    involved = {line_id for i in ambiguous for line_id in ids[i]}
    involved |= {part_of[line_id] for line_id in involved if part_of.get(line_id)}
    fitting = []
    for combination in product(*options):
        trial = list(picks)
        for i, reading in zip(ambiguous, combination):
            trial[i] = reading
        if _sums_ok(_values(ids, trial), part_of, involved) == 0:
            fitting.append(combination)
    for position, i in enumerate(ambiguous):
        agreed = {id(combination[position]) for combination in fitting}
        if len(agreed) == 1:
            picks[i] = fitting[0][position]
        else:
            reason = "the printed totals add up with more than one" if fitting else "none makes the printed totals add up"
            _flag_ambiguous(draft, units[i], ids[i], choices[i], reason)
    return picks


def _flag_ambiguous(draft: DraftTable, unit: Unit, unit_ids: list[str], options: list[Reading], reason: str) -> None:
    unit.ambiguous = True
    shown = " or ".join(
        "(" + "; ".join(f"{a.printed if a else '–'} / {b.printed if b else '–'}" for a, b in option.amounts.values()) + ")"
        for option in options
    )
    for line_id in unit_ids:
        draft.flag(line_id, "amount_current, amount_prior", AMBIGUOUS,
                   f"the digits can be grouped as {shown}; {reason}: left empty", unit.token_lines[0] if unit.token_lines else None)


def _write_rows(table: TemplateTable, units: list[Unit], choices: list[list[Reading]], picks: list[Reading | None], draft: DraftTable,
                context: ReadContext) -> None:
    ids, part_of = _structure(table, units, choices)
    for unit, unit_ids, reading in zip(units, ids, picks):
        scrambled = len([label for label in unit.labels if _expects_figures(label)]) > 1 and not unit.inline
        for index, (label, line_id) in enumerate(zip(unit.labels, unit_ids)):
            row = label.row or {}
            keyed = labels.keyed_label(label.text, row["label"], context.words) if label.row else labels.Keyed(labels.collapse(label.text))
            text = keyed.text
            kind = row.get("line_kind") or ("memo" if _MEMO_START.match(text) else "item")
            cells = {"line_id": line_id, "label": text, "line_kind": kind, "part_of": part_of[line_id], "note": None}
            sources = {"label": label.lines[0]}
            if label.row is None:
                draft.flag(line_id, "", ADDED, f"row '{text}' is not in last year's table: added as {kind}"
                           + (f", part of {part_of[line_id]}" if part_of[line_id] else "") + "; check line_kind and part_of", label.lines[0])
            elif label.reworded:
                draft.flag(line_id, "label", APPROXIMATE, f"printed '{text}' in the place of last year's '{row['label']}': "
                           f"taken as that row reworded (line_id {line_id}); if it is a new row, give it a line_id of its own", label.lines[0])
            elif keyed.doubt:
                draft.flag(line_id, "label", APPROXIMATE, keyed.doubt, label.lines[0])
            elif keyed.note:
                draft.flag(line_id, "label", NOTE, keyed.note, label.lines[0])
            if reading is not None and index in reading.amounts:
                for column, figure in zip(AMOUNTS, reading.amounts[index]):
                    cells[column] = _amount(figure, kind, draft, line_id, column, unit)
                    if figure is not None:
                        sources[column] = _line_of(unit, figure)
                note = reading.notes.get(index)
                if note is not None:
                    cells["note"] = note.printed
                    sources["note"] = _line_of(unit, note)
                    expected = row.get("note")
                    if label.row is not None and note.value != expected:
                        last_year = f"last year note {expected}" if expected is not None else "last year's row had no note"
                        draft.flag(line_id, "note", APPROXIMATE, f"note {note.printed} printed, {last_year}", sources["note"])
                if scrambled:
                    draft.flag(line_id, "amount_current, amount_prior", LAYOUT,
                               "labels printed before their figures: read column by column in the order of the labels (current year, then prior year)",
                               unit.token_lines[0])
            elif kind != "heading" and not unit.ambiguous:
                draft.flag(line_id, "amount_current, amount_prior", EMPTY,
                           "no figures could be read for this row: left empty", label.lines[0])
            draft.add_row(cells, sources)


def _line_of(unit: Unit, figure: Figure) -> SourceLine:
    return unit.token_lines[figure.start]


def _amount(figure: Figure | None, kind: str, draft: DraftTable, line_id: str, column: str, unit: Unit) -> str | None:
    if figure is None:
        return None
    if figure.parenthesised and kind != "memo":
        draft.flag(line_id, column, AMBIGUOUS, f"printed in parentheses ({figure.printed}) on a line that is not a memo line: left empty",
                   unit.token_lines[0])
        return None
    return figure.printed
