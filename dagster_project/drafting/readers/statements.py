"""The income statement, the balance sheet and the notes: labels with two year columns and a note.

The rows as printed come from rows.py. Here each unit's figure tokens are read as the
row's figures: current year, prior year, and the note where the table has a note column.
`(varav avgångsvederlag) 0 (1 414)` is a memo line whose figures are in parentheses. A row
with figures that last year's table did not have is added and flagged. Where two groupings
of the digits fit ("1 484 722" is 1 484 and 722, or 1 and 484 722), the printed totals
decide; where they cannot, the cells stay empty.

Where rows read more than one way, the printed totals decide (totals.py); a reading is taken
only where exactly one combination adds up.
"""

import re
from dataclasses import dataclass

from dagster_project.drafting.locate.template import TemplateTable
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
from dagster_project.drafting.readers.rows import NOTE_MAX, Label, Shape, Unit, expects_figures, units_of
from dagster_project.drafting.readers.totals import TKR_TOLERANCE, adds_up, fitting
from dagster_project.drafting.text import labels
from dagster_project.drafting.text.figures import Figure, read_figures, split_line
from dagster_project.drafting.text.source import SourceLine
from dagster_project.raw_format.specs import TABLE_SPECS

AMOUNTS = TABLE_SPECS["statement"].figure_columns
_MEMO_START = re.compile(r"^\(?\s*(varav|därav)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Reading:
    """One way to read a unit's figures: per label (index in the unit), its amounts and note."""

    amounts: dict[int, tuple[Figure | None, Figure | None]]
    notes: dict[int, Figure]


def readings(unit: Unit, notes: bool = True) -> list[Reading]:
    """Every way to read the unit's figures; `notes`: whether the table has a note column."""
    rows = [i for i, label in enumerate(unit.labels) if expects_figures(label)]
    if not rows or not unit.tokens:
        return []
    noted = [i for i in rows if unit.labels[i].row is not None and unit.labels[i].row.get("note") is not None]
    count = len(rows)
    counts = tuple(dict.fromkeys((2 * count + len(noted), 2 * count, 2 * count + count))) if notes else (2 * count,)
    result = []
    for grouping in read_figures(tuple(unit.tokens), counts):
        current, prior, rest = grouping[:count], grouping[count : 2 * count], grouping[2 * count :]
        amounts = {i: (current[k], prior[k]) for k, i in enumerate(rows)}
        notes = _notes(rest, rows, noted, unit)
        if notes is not None:
            result.append(Reading(amounts, notes))
    return result


def _notes(rest: tuple[Figure, ...], rows: list[int], noted: list[int], unit: Unit) -> dict[int, Figure] | None:
    if any(not isinstance(f.value, int) or not 0 < f.value <= NOTE_MAX for f in rest):
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
        draft.flag(
            row["line_id"],
            "",
            NOT_FOUND,
            f"row '{row['label']}' of last year's table not found in this report: left out",
        )
    if after_total is not None:
        label = split_line(after_total.text).label
        draft.flag(
            _slug(label),
            "",
            ADDED,
            f"'{labels.collapse(after_total.text)}' is printed after the total row, where last year's table "
            "ended: not drafted; if it is a row of this table, add it by hand",
            after_total,
        )
    notes = Shape.of(table).notes
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


def _structure(
    table: TemplateTable, units: list[Unit], choices: list[list[Reading]]
) -> tuple[list[list[str]], dict[str, str | None]]:
    """line_ids per unit and each line's part_of.

    An added row adds into what the item row above it adds into, or what the item row below it
    adds into where the printed totals add up with that and not with the other.
    """
    ids = _line_ids(units, table)
    printed = [(label, line_id) for unit, unit_ids in zip(units, ids) for label, line_id in zip(unit.labels, unit_ids)]
    part_of: dict[str, str | None] = {line_id: (label.row or {}).get("part_of") for label, line_id in printed}
    items = [
        (position, label.row.get("part_of"))
        for position, (label, _) in enumerate(printed)
        if label.row is not None and label.row["line_kind"] == "item"
    ]
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


def _sums_ok(
    values: dict[tuple[str, str], float | None], part_of: dict[str, str | None], only: set[str] | None = None
) -> int:
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
            if printed is not None and not adds_up(computed, printed, TKR_TOLERANCE):
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


def _decide(
    table: TemplateTable, units: list[Unit], choices: list[list[Reading]], draft: DraftTable
) -> list[Reading | None]:
    """One reading per unit: the only one, or the one with which the printed totals add up."""
    ids, part_of = _structure(table, units, choices)
    ambiguous = [i for i, options in enumerate(choices) if len(options) > 1]
    picks: list[Reading | None] = [options[0] if len(options) == 1 else None for options in choices]
    if not ambiguous:
        return picks
    # Only the totals the ambiguous rows take part in decide: a total that fails for another reason does not.
    involved = {line_id for i in ambiguous for line_id in ids[i]}
    involved |= {part_of[line_id] for line_id in involved if part_of.get(line_id)}

    def fits(combination: tuple[Reading, ...]) -> bool:
        trial = list(picks)
        for i, reading in zip(ambiguous, combination):
            trial[i] = reading
        return _sums_ok(_values(ids, trial), part_of, involved) == 0

    fitting_ = fitting([choices[i] for i in ambiguous], fits)
    if fitting_ is None:
        for i in ambiguous:
            _flag_ambiguous(draft, units[i], ids[i], choices[i], "too many groupings to try against the totals")
        return picks
    for position, i in enumerate(ambiguous):
        agreed = {id(combination[position]) for combination in fitting_}
        if len(agreed) == 1:
            picks[i] = fitting_[0][position]
        else:
            reason = (
                "the printed totals add up with more than one" if fitting_ else "none makes the printed totals add up"
            )
            _flag_ambiguous(draft, units[i], ids[i], choices[i], reason)
    return picks


def _flag_ambiguous(draft: DraftTable, unit: Unit, unit_ids: list[str], options: list[Reading], reason: str) -> None:
    unit.ambiguous = True
    shown = " or ".join(
        "("
        + "; ".join(f"{a.printed if a else '–'} / {b.printed if b else '–'}" for a, b in option.amounts.values())
        + ")"
        for option in options
    )
    for label, line_id in zip(unit.labels, unit_ids):
        draft.flag(
            line_id,
            _figure_columns(label),
            AMBIGUOUS,
            f"the digits can be grouped as {shown}; {reason}: left empty",
            unit.token_lines[0] if unit.token_lines else None,
        )


def _write_rows(
    table: TemplateTable,
    units: list[Unit],
    choices: list[list[Reading]],
    picks: list[Reading | None],
    draft: DraftTable,
    context: ReadContext,
) -> None:
    ids, part_of = _structure(table, units, choices)
    for unit, unit_ids, reading in zip(units, ids, picks):
        scrambled = len([label for label in unit.labels if expects_figures(label)]) > 1 and not unit.inline
        for index, (label, line_id) in enumerate(zip(unit.labels, unit_ids)):
            row = label.row or {}
            keyed = (
                labels.keyed_label(label.text, row["label"], context.words)
                if label.row
                else labels.Keyed(labels.collapse(label.text))
            )
            text = keyed.text
            kind = row.get("line_kind") or ("memo" if _MEMO_START.match(text) else "item")
            cells = {"line_id": line_id, "label": text, "line_kind": kind, "part_of": part_of[line_id], "note": None}
            sources = {"label": label.lines[0]}
            if label.row is None:
                draft.flag(
                    line_id,
                    "",
                    ADDED,
                    f"row '{text}' is not in last year's table: added as {kind}"
                    + (f", part of {part_of[line_id]}" if part_of[line_id] else "")
                    + "; check line_kind and part_of",
                    label.lines[0],
                )
            elif label.reworded:
                draft.flag(
                    line_id,
                    "label",
                    APPROXIMATE,
                    f"printed '{text}' in the place of last year's '{row['label']}': "
                    f"taken as that row reworded (line_id {line_id}); if it is a new row, give it a line_id of its own",
                    label.lines[0],
                )
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
                        last_year = (
                            f"last year note {expected}" if expected is not None else "last year's row had no note"
                        )
                        draft.flag(
                            line_id, "note", APPROXIMATE, f"note {note.printed} printed, {last_year}", sources["note"]
                        )
                if scrambled:
                    draft.flag(
                        line_id,
                        "amount_current, amount_prior",
                        LAYOUT,
                        "labels printed before their figures: read column by column in the order of the labels (current year, then prior year)",
                        unit.token_lines[0],
                    )
            elif kind != "heading" and not unit.ambiguous:
                draft.flag(
                    line_id,
                    _figure_columns(label),
                    EMPTY,
                    "no figures could be read for this row: left empty",
                    label.lines[0],
                )
            draft.add_row(cells, sources)


def _figure_columns(label: Label) -> str:
    """The cells a row's figures fill, for a doubt about all of them: the note too where last year's row had one."""
    return ", ".join((*AMOUNTS, "note") if label.row is not None and label.row.get("note") is not None else AMOUNTS)


def _line_of(unit: Unit, figure: Figure) -> SourceLine:
    return unit.token_lines[figure.start]


def _amount(figure: Figure | None, kind: str, draft: DraftTable, line_id: str, column: str, unit: Unit) -> str | None:
    if figure is None:
        return None
    if figure.parenthesised and kind != "memo" and unit.tokens[figure.start].hard:
        # Read from a typeset table's column (layout.py), on a row that is no memo: parentheses are its minus.
        return f"-{figure.printed}"
    if figure.parenthesised and kind != "memo":
        draft.flag(
            line_id,
            column,
            AMBIGUOUS,
            f"printed in parentheses ({figure.printed}) on a line that is not a memo line: left empty",
            unit.token_lines[0],
        )
        return None
    return figure.printed
