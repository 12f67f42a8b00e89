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
from dagster_project.drafting.model import ADDED, AMBIGUOUS, APPROXIMATE, EMPTY, LAYOUT, NOT_FOUND, DraftTable
from dagster_project.drafting.source import SourceLine
from dagster_project.drafting.template import TemplateTable

AMOUNTS = ("amount_current", "amount_prior")
TOLERANCE = 1.0  # tkr: rounding in the printed report
MAX_COMBINATIONS = 512
_STOP_AFTER_UNMATCHED = 25
_NOTE_MAX = 99
_MEMO_START = re.compile(r"^\(?\s*(varav|därav)\b", re.IGNORECASE)


@dataclass
class Label:
    row: dict | None  # the template row, None for a row last year's table did not have
    text: str
    lines: list[SourceLine]
    exact: bool
    partial: bool


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


def units_of(table: TemplateTable, region: list[SourceLine]) -> tuple[list[Unit], list[dict]]:
    known = [row["label"] for row in table.rows]
    unused = list(range(len(known)))
    units: list[Unit] = []
    unmatched_run = 0
    for line in region:
        if line.noise or not line.text.strip():
            continue
        split = split_line(line.text)
        current = units[-1] if units else None
        if not split.label:
            if current is not None and split.tokens:
                current.add_tokens(split, line)
            continue
        if current is not None and current.labels and _continues(current.labels[-1], split, known, unused):
            last = current.labels[-1]
            last.text = labels.join_broken(last.text, split.label)
            last.lines.append(line)
            last.partial = not last.exact and last.row is not None and labels.compact(last.row["label"]) != labels.compact(last.text)
            last.exact = last.row is not None and labels.compact(last.row["label"]) == labels.compact(last.text)
            if split.tokens:
                current.add_tokens(split, line)
            continue
        match = labels.best_match(split.label, known, unused)
        if match is None and not (len(split.tokens) >= 2 and units):
            unmatched_run += 1
            if not unused or unmatched_run > _STOP_AFTER_UNMATCHED and units:
                if units and units[-1].has_figures:
                    break
            continue
        unmatched_run = 0
        row = table.rows[match.index] if match else None
        if match:
            unused.remove(match.index)
        label = Label(row, split.label, [line], bool(match and match.exact), bool(match and match.partial))
        if current is None or current.has_figures or split.tokens or not any(_expects_figures(l) for l in current.labels):
            current = Unit()
            units.append(current)
        current.labels.append(label)
        if split.tokens:
            current.inline = True
            current.add_tokens(split, line)
        if not unused and not split.tokens and not _expects_figures(label):
            break
    missing = [table.rows[index] for index in unused]
    return units, missing


def _continues(last: Label, split: SplitLine, known: list[str], unused: list[int]) -> bool:
    """Is this line the rest of the previous label, broken over two lines?"""
    if last.row is None or last.exact:
        return False
    alone = labels.best_match(split.label, known, unused)
    if alone is not None and alone.exact:
        return False
    joined = labels.join_broken(last.text, split.label)
    target = last.row["label"]
    return labels.similarity(joined, target) > labels.similarity(last.text, target) and (
        labels.compact(target).startswith(labels.compact(joined).rstrip("-")) or labels.similarity(joined, target) >= labels.APPROXIMATE_THRESHOLD
    )


@dataclass(frozen=True)
class Reading:
    """One way to read a unit's figures: per label (index in the unit), its amounts and note."""

    amounts: dict[int, tuple[Figure | None, Figure | None]]
    notes: dict[int, Figure]


def readings(unit: Unit) -> list[Reading]:
    rows = [i for i, label in enumerate(unit.labels) if _expects_figures(label)]
    if not rows or not unit.tokens:
        return []
    noted = [i for i in rows if unit.labels[i].row is not None and unit.labels[i].row.get("note") is not None]
    count = len(rows)
    counts = tuple(dict.fromkeys((2 * count + len(noted), 2 * count, 2 * count + count)))
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


def read_statement(table: TemplateTable, draft: DraftTable, region: list[SourceLine]) -> None:
    units, missing = units_of(table, region)
    for row in missing:
        draft.flag(row["line_id"], "", NOT_FOUND, f"row '{row['label']}' of last year's table not found in this report: left out")
    choices = [readings(unit) for unit in units]
    chosen = _decide(table, units, choices, draft)
    _write_rows(table, units, chosen, draft)


def _line_ids(units: list[Unit], table: TemplateTable) -> list[list[str]]:
    taken = {row["line_id"] for row in table.rows}
    ids = []
    for unit in units:
        unit_ids = []
        for label in unit.labels:
            if label.row is not None:
                unit_ids.append(label.row["line_id"])
                continue
            base = re.sub(r"[^a-z0-9]+", "_", _ascii(label.text.casefold())).strip("_") or "rad"
            line_id, number = base, 2
            while line_id in taken:
                line_id, number = f"{base}_{number}", number + 1
            taken.add(line_id)
            unit_ids.append(line_id)
        ids.append(unit_ids)
    return ids


def _ascii(text: str) -> str:
    return text.translate(str.maketrans("åäöéü", "aaoeu"))


def _structure(table: TemplateTable, units: list[Unit]) -> tuple[list[list[str]], dict[str, str | None]]:
    """line_ids per unit and each line's part_of; an added row adds into what its neighbour adds into."""
    ids = _line_ids(units, table)
    part_of: dict[str, str | None] = {}
    previous = None
    for unit, unit_ids in zip(units, ids):
        for label, line_id in zip(unit.labels, unit_ids):
            if label.row is not None:
                part_of[line_id] = label.row.get("part_of")
                if label.row["line_kind"] == "item":
                    previous = label.row.get("part_of")
            else:
                part_of[line_id] = None if _MEMO_START.match(label.text) else previous
    return ids, part_of


def _sums_ok(values: dict[tuple[str, str], float | None], part_of: dict[str, str | None]) -> int:
    """How many printed totals differ from the sum of their parts (more than the tolerance)."""
    failing = 0
    for column in AMOUNTS:
        totals: dict[str, float] = {}
        for line_id, parent in part_of.items():
            value = values.get((line_id, column))
            if parent is not None and value is not None:
                totals[parent] = totals.get(parent, 0.0) + value
        for parent, computed in totals.items():
            printed = values.get((parent, column))
            if printed is not None and abs(printed - computed) > TOLERANCE:
                failing += 1
    return failing


def _values(units, ids, picks) -> dict[tuple[str, str], float | None]:
    values = {}
    for unit, unit_ids, reading in zip(units, ids, picks):
        if reading is None:
            continue
        for index, (current, prior) in reading.amounts.items():
            sign = 1
            values[(unit_ids[index], "amount_current")] = current.value * sign if current else None
            values[(unit_ids[index], "amount_prior")] = prior.value * sign if prior else None
    return values


def _decide(table: TemplateTable, units: list[Unit], choices: list[list[Reading]], draft: DraftTable) -> list[Reading | None]:
    """One reading per unit: the only one, or the one with which the printed totals add up."""
    ids, part_of = _structure(table, units)
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
    fitting = []
    for combination in product(*options):
        trial = list(picks)
        for i, reading in zip(ambiguous, combination):
            trial[i] = reading
        if _sums_ok(_values(units, ids, trial), part_of) == 0:
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


def _write_rows(table: TemplateTable, units: list[Unit], picks: list[Reading | None], draft: DraftTable) -> None:
    ids, part_of = _structure(table, units)
    for unit, unit_ids, reading in zip(units, ids, picks):
        scrambled = len([l for l in unit.labels if _expects_figures(l)]) > 1 and not unit.inline
        for index, (label, line_id) in enumerate(zip(unit.labels, unit_ids)):
            row = label.row or {}
            text = labels.printed_label(label.text, row["label"]) if label.row else labels.collapse(label.text)
            kind = row.get("line_kind") or ("memo" if _MEMO_START.match(text) else "item")
            cells = {"line_id": line_id, "label": text, "line_kind": kind, "part_of": part_of[line_id], "note": None}
            sources = {"label": label.lines[0]}
            if label.row is None:
                draft.flag(line_id, "", ADDED, f"row '{text}' is not in last year's table: added as {kind}"
                           + (f", part of {part_of[line_id]}" if part_of[line_id] else "") + "; check line_kind and part_of", label.lines[0])
            elif not label.exact and labels.compact(text) != labels.compact(row["label"]):
                draft.flag(line_id, "label", APPROXIMATE, f"printed '{text}', last year '{row['label']}'", label.lines[0])
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
                    if expected is not None and note.value != expected:
                        draft.flag(line_id, "note", APPROXIMATE, f"note {note.printed} printed, last year note {expected}", sources["note"])
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
