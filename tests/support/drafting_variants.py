"""Held-out-style reports built from the 2012 text, each with the raw tables it must draft to.

A variant is the 2012 report's text rewritten the way next year's report may differ from it
(other years, other figures, a row removed, added or reworded, another layout) together with
the hand-keyed 2012 tables rewritten the same way: what a person keying the variant would
key. Totals are kept consistent with the rows, so the printed arithmetic still holds.
Figures are rewritten where the generator can find them unambiguously (whole tokens in the
table's own lines); a transform that cannot find what it rewrites fails loudly rather than
producing a variant whose expectation is wrong.
"""

import csv
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from dagster_project.raw_format.manifest import read_manifest
from dagster_project.raw_format.numbers import parse_number
from dagster_project.raw_format.specs import VISIT_COLUMNS
from tests.support.drafting_texts import seed_text
from tests.support.project import REPORT_2012

FIGURES = {
    "statement": ("amount_current", "amount_prior"),
    "navet_visits": VISIT_COLUMNS,
    "staff": ("persons", "fte"),
    "mc_case_statistics": ("value",),
    "mc_positive_changes": ("count",),
}
TABLE_TYPES = {entry.table_id: entry.table_type for entry in read_manifest(REPORT_2012).tables}
FILES = {entry.table_id: entry.file for entry in read_manifest(REPORT_2012).tables}
LABELS = {
    "statement": "label",
    "navet_visits": "visitor_group",
    "staff": "role",
    "mc_case_statistics": "measure",
    "mc_positive_changes": "outcome",
}
_YEAR = re.compile(r"(?<![\d,])(200[5-9]|201[0-5])(?!\d|,\d)")
_NOTE_TITLES = {entry.table_id: (entry.note, entry.title) for entry in read_manifest(REPORT_2012).tables if entry.note}

# Where each table stands in the 2012 text: a pattern for its title line and for the first line after it.
_REGIONS = {
    "resultatrakning": (r"Resultaträkning \d{4}, belopp i tkr", r"Interna poster på"),
    "balansrakning": (r"Balansräkning \d{4}, belopp i tkr", r"Sjuhärads Kommunalförbund: Årsredovisning"),
    "navet_besok_foregaende_ar": (r"Antal per kommun \d{4}", r"\*motsvarar"),
    "navet_besok_ar": (r"Antal per kommun \d{4}", r"\*motsvarar"),
    "navet_personal": (r"Personal Antal perso", r"BILAGA 2"),
    "mc_personalresurs": (r"Personalresurs", r"Statistisk redovisning"),
    "mc_arendestatistik": (r"Ärende statistik", r"Nedan redovisas"),
    "mc_positiv_forandring": (r"Nedan redovisas", r"Byter jobb"),
}
# The 2011 visitor table is printed before the 2012 one: the second title of that pattern is the report year's.
_OCCURRENCE = {"navet_besok_ar": 1}


@dataclass
class Variant:
    name: str
    text: str
    year: int
    expected: dict[str, list[dict]]  # table_id -> rows as keyed (strings, '' for blank)
    removed: set[tuple[str, str]] = field(default_factory=set)  # (table_id, row) no longer printed
    added: set[tuple[str, str]] = field(default_factory=set)
    reworded: set[tuple[str, str]] = field(default_factory=set)
    known_empty: int | None = 0  # cells the drafter rightly leaves empty (and flags), the catalogue says why; None: any

    def lines(self) -> list[str]:
        return self.text.split("\n")

    def with_lines(self, lines: list[str], **changes) -> "Variant":
        return replace(self, text="\n".join(lines), **changes)


def _keyed_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def base() -> Variant:
    """The 2012 report as printed and as keyed by hand."""
    expected = {entry.table_id: _keyed_rows(REPORT_2012 / entry.file) for entry in read_manifest(REPORT_2012).tables}
    return Variant("2012", seed_text(), 2012, expected)


def _copy(variant: Variant, name: str) -> Variant:
    return replace(
        variant,
        name=name,
        expected={t: [dict(r) for r in rows] for t, rows in variant.expected.items()},
        removed=set(variant.removed),
        added=set(variant.added),
        reworded=set(variant.reworded),
    )


# Finding a table and its rows in the text --------------------------------------------------------


def region(lines: list[str], table_id: str) -> tuple[int, int]:
    """Indexes of the table's first line after its title and of the first line after the table."""
    if table_id in _NOTE_TITLES:
        note, title = _NOTE_TITLES[table_id]
        start_pattern = rf"\s*{note} {re.escape(title)}\s*$"
        following = [t for t, (n, _) in _NOTE_TITLES.items() if n == note + 1]
        end_pattern = rf"\s*{note + 1} {re.escape(_NOTE_TITLES[following[0]][1])}\s*$" if following else r"\s*BILAGA 1"
    else:
        start_pattern, end_pattern = _REGIONS[table_id]
    starts = [i for i, line in enumerate(lines) if re.match(rf"\s*{start_pattern}", line)]
    start = starts[_OCCURRENCE.get(table_id, 0)]
    end = next(i for i in range(start + 1, len(lines)) if re.match(rf"\s*{end_pattern}", lines[i]))
    return start + 1, end


def row_line(lines: list[str], table_id: str, label: str) -> int:
    """The one line that prints the row: its label, then only its figures."""
    start, end = region(lines, table_id)
    spaced = r"\s*".join(re.escape(c) for c in label.replace(" ", ""))  # spacing aside: "tillf ällen" is "tillfällen"
    found = [i for i in range(start, end) if re.fullmatch(rf"\s*{spaced}(\s+[-\d(][-\d ,()*]*)?\s*", lines[i])]
    if len(found) != 1:
        raise ValueError(f"{table_id}: the row '{label}' is not printed on exactly one line ({len(found)} found)")
    return found[0]


def _row(variant: Variant, table_id: str, key: str) -> dict:
    column = "line_id" if TABLE_TYPES[table_id] == "statement" else LABELS[TABLE_TYPES[table_id]]
    return next(r for r in variant.expected[table_id] if r[column] == key)


# Figures as printed -----------------------------------------------------------------------------


def value(printed: str) -> int | float | None:
    return parse_number(printed) if printed.strip() else None


def printed_like(old: str, number: int | float) -> str:
    """A figure printed in the style of `old`: thousands grouped or not, as many decimals."""
    decimals = len(old.split(",")[1]) if "," in old else 0
    digits = f"{abs(number):.{decimals}f}".replace(".", ",")
    whole, _, fraction = digits.partition(",")
    if " " in old or len(old.lstrip("-")) <= 3 or decimals:
        whole = f"{int(whole):,}".replace(",", " ")
    return ("-" if number < 0 else "") + whole + (f",{fraction}" if fraction else "")


def _figure_pattern(forms: list[str]) -> re.Pattern:
    alternatives = "|".join(re.escape(form) for form in sorted(set(forms), key=len, reverse=True))
    return re.compile(rf"(?<!\S)(\(?)({alternatives})(?=\)?\**(?:\s|$))")


def _rewrite_figures(lines: list[str], start: int, end: int, mapping: dict[str, str]) -> None:
    """Every figure printed in lines[start:end] that `mapping` knows, rewritten (whole tokens only)."""
    if not mapping:
        return
    pattern = _figure_pattern(list(mapping))
    for i in range(start, end):
        lines[i] = pattern.sub(lambda m: m[1] + mapping[m[2]], lines[i])


def _figure_cells(variant: Variant, table_id: str):
    for row in variant.expected[table_id]:
        for column in FIGURES[TABLE_TYPES[table_id]]:
            if row[column] != "":
                yield row, column


def _notes_in(variant: Variant, table_id: str) -> set[int]:
    return {int(r["note"]) for r in variant.expected[table_id] if r.get("note")}


# Transforms ------------------------------------------------------------------------------------


def randomise(variant: Variant, seed: int, tables: list[str]) -> Variant:
    """Every figure of the tables replaced by a random one of one to six digits: totals no longer add up.

    A stress test: the drafter cannot use the totals to group digits, so it must leave empty
    what it cannot tell, and never guess silently.
    """
    rng = random.Random(seed)
    result = _copy(variant, variant.name)
    lines = result.lines()
    for table_id in tables:
        notes = _notes_in(result, table_id)
        mapping: dict[str, str] = {}
        for row, column in _figure_cells(result, table_id):
            old = row[column]
            if value(old) in notes:
                continue
            if old not in mapping:
                digits = rng.choice((1, 2, 3, 3, 4, 4, 5, 5, 6))
                number = rng.randint(0 if digits == 1 else 10 ** (digits - 1), 10**digits - 1)
                number = number / 10 if "," in old else number
                mapping[old] = printed_like(old, -number if value(old) < 0 else number)
            row[column] = mapping[old]
        _rewrite_figures(lines, *region(lines, table_id), mapping)
    return result.with_lines(lines)


def random_changes(variant: Variant, seed: int, tables: list[str]) -> Variant:
    """In each table, one change picked at random: a row one figure per line, a label over two lines, a page
    break, a reworded label, a row removed or added, or none. A change the table's layout does not allow is skipped."""
    rng = random.Random(seed)
    result = _copy(variant, variant.name)
    for table_id in tables:
        column = LABELS[TABLE_TYPES[table_id]]
        row = rng.choice(result.expected[table_id])
        key, words = row["line_id" if column == "label" else column], len(row[column].split())
        change = rng.choice(("one per line", "break", "page", "reword", "remove", "add", "none"))
        try:
            if change == "one per line" and column == "label":
                result = one_per_line(result, table_id)
            elif change == "break" and words >= 2:
                result = break_label(
                    result, table_id, key, rng.randint(1, words - 1), rng.random() < 0.5, rng.random() < 0.3
                )
            elif change == "page":
                result = page_break_in(result, table_id, key, 18)
            elif change == "reword" and row["line_kind"] != "total":
                result = reword(result, table_id, key, f"{row[column]} m.m.")
            elif change == "remove" and row["line_kind"] == "item":
                result = remove_row(result, table_id, key)
            elif change == "add" and row["line_kind"] == "item" and column == "label":
                result = add_row(result, table_id, key, "Ny post", {"amount_current": "123", "amount_prior": "45"})
        except ValueError:
            continue
    return result


def shift_years(variant: Variant, years: int) -> Variant:
    """Every year the report prints, `years` later: a report for another year with the same content."""

    def shift(text: str) -> str:
        return _YEAR.sub(lambda m: str(int(m[1]) + years), text)

    result = _copy(variant, variant.name)
    for table_id, rows in result.expected.items():
        figures = FIGURES.get(TABLE_TYPES[table_id], ("value", "planned_value", "achieved_value"))
        for row in rows:
            for column, cell in row.items():
                if column == "year":
                    row[column] = str(int(cell) + years)
                elif column not in figures:
                    row[column] = shift(cell)
    return replace(result, text=shift(variant.text), year=variant.year + years)


def scale(variant: Variant, factor: int, tables: list[str]) -> Variant:
    """Every figure of the tables multiplied by `factor`: other figures, and every total still adds up."""
    result = _copy(variant, variant.name)
    lines = result.lines()
    for table_id in tables:
        notes = _notes_in(result, table_id)
        mapping = {}
        for row, column in _figure_cells(result, table_id):
            old = row[column]
            if value(old) in notes:
                raise ValueError(f"{table_id}: figure {old} could be a note number; choose other tables")
            row[column] = mapping.setdefault(old, printed_like(old, value(old) * factor))
        _rewrite_figures(lines, *region(lines, table_id), mapping)
    return result.with_lines(lines)


def _compact(text: str) -> str:
    return "".join(text.casefold().split())


def statement_cells(lines: list[str], table_id: str, rows: list[dict]) -> dict[tuple[str, str], tuple[int, int, int]]:
    """Where each figure of a statement table is printed: (line, start, end) per (line_id, column).

    Rows print their figures on their label's line, or on the lines after a run of labels,
    column by column (every current figure, then every prior one, then the notes): the layouts
    of the 2012 text. Every figure must be found, or this raises.
    """
    start, end = region(lines, table_id)
    cells: dict[tuple[str, str], tuple[int, int, int]] = {}
    pending: list[dict] = []
    queue: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for i in range(start, end):
        text = lines[i].rstrip()
        if not text.strip():
            continue
        if re.fullmatch(r"\s*\(?-?\d[\d ,]*\)?", text):
            if not queue:
                queue = [
                    (r["line_id"], c, r[c])
                    for c in ("amount_current", "amount_prior", "note")
                    for r in pending
                    if r[c] != ""
                ]
                pending = []
            if queue:
                line_id, column, printed = queue.pop(0)
                match = re.fullmatch(rf"\s*\(?({re.escape(printed)})\)?\s*", text)
                if match is None:
                    raise ValueError(f"{table_id}: expected {printed} ({line_id} {column}) on '{text}'")
                cells[(line_id, column)] = (i, match.start(1), match.end(1))
            continue
        if queue:
            raise ValueError(f"{table_id}: a label before the figures {queue} were found")
        for row in (r for r in rows if r["line_id"] not in seen):
            figures = [c for c in ("amount_current", "amount_prior", "note") if row[c] != ""]
            pattern = r"\s+".join(rf"\(?({re.escape(row[c])})\)?" for c in figures)
            match = re.search(rf"\s{pattern}\s*$", text) if figures else None
            label = text[: match.start()] if match else text
            stem = _compact(label).rstrip("-")
            if stem and (_compact(row["label"]) == stem or len(stem) > 3 and _compact(row["label"]).startswith(stem)):
                seen.add(row["line_id"])
                if match:
                    cells.update(
                        {(row["line_id"], c): (i, match.start(k + 1), match.end(k + 1)) for k, c in enumerate(figures)}
                    )
                elif figures:
                    pending.append(row)
                break
    missing = [
        (r["line_id"], c)
        for r in rows
        for c in ("amount_current", "amount_prior", "note")
        if r[c] != "" and (r["line_id"], c) not in cells
    ]
    if missing:
        raise ValueError(f"{table_id}: figures not found in the text: {missing}")
    return cells


def roll_forward(variant: Variant, table_id: str, change: Callable[[int, int], int]) -> Variant:
    """Next year's figures for a statement table, in whatever layout it is printed.

    The prior-year column becomes last year's current figures (no restatement), each item's
    current figure `change(position, old)`, and every total the sum of its parts.
    """
    result = _copy(variant, variant.name)
    lines = result.lines()
    rows = result.expected[table_id]
    places = statement_cells(lines, table_id, rows)
    new: dict[str, int] = {}

    def current(row: dict) -> int:
        if row["line_id"] not in new:
            parts = [r for r in rows if r["part_of"] == row["line_id"]]
            new[row["line_id"]] = (
                sum(current(r) for r in parts) if parts else change(rows.index(row), value(row["amount_current"]))
            )
        return new[row["line_id"]]

    edits: list[tuple[int, int, int, str]] = []
    for row in rows:
        if row["amount_current"] == "":
            continue
        figures = {
            "amount_current": printed_like(row["amount_current"], current(row)),
            "amount_prior": row["amount_current"],
        }
        for column, printed in figures.items():
            if row[column] != "":
                edits.append((*places[(row["line_id"], column)], printed))
        row.update(figures)
    for index, begin, finish, printed in sorted(edits, reverse=True):
        lines[index] = lines[index][:begin] + printed + lines[index][finish:]
    return result.with_lines(lines)


def _row_block(lines: list[str], table_id: str) -> tuple[int, int]:
    """The lines from a visitor table's first row to its total row."""
    start, end = region(lines, table_id)
    rows = [
        i
        for i in range(start, end)
        if re.search(r"\d\s*$", lines[i]) and not lines[i].strip().startswith(("Från", "Till"))
    ]
    return rows[0], rows[-1] + 1


def roll_forward_visits(variant: Variant, change: Callable[[int, int], int]) -> Variant:
    """Next year's visitor tables: last year's table printed as the prior year's, new figures in this year's.

    Every row's Summa is the sum of its figures, and the total row the sum of the rows.
    """
    result = _copy(variant, variant.name)
    lines = result.lines()
    current, prior = "navet_besok_ar", "navet_besok_foregaende_ar"
    first, last = _row_block(lines, current)
    block = lines[first:last]
    prior_first, prior_last = _row_block(lines, prior)
    lines[prior_first:prior_last] = block
    result.expected[prior] = [dict(row) for row in result.expected[current]]
    categories = FIGURES["navet_visits"][:-1]
    rows = result.expected[current]
    items = [r for r in rows if r["line_kind"] == "item"]
    for position, row in enumerate(items):
        new = {c: printed_like(row[c], change(position, value(row[c]))) for c in categories if row[c] != ""}
        new["summa"] = printed_like(row["summa"], sum(value(v) for v in new.values()))
        index = row_line(lines, current, row["visitor_group"])
        lines[index] = _with_figures(
            lines[index], [row[c] for c in FIGURES["navet_visits"]], [new.get(c, "") for c in FIGURES["navet_visits"]]
        )
        row.update(new)
    for total in (r for r in rows if r["line_kind"] == "total"):
        new = {
            c: printed_like(total[c], sum(value(r[c]) or 0 for r in items))
            for c in FIGURES["navet_visits"]
            if total[c] != ""
        }
        index = (
            row_line(lines, current, total["visitor_group"])
            if total["visitor_group"]
            else _lost_label_line(lines, current)
        )
        lines[index] = _with_figures(
            lines[index], [total[c] for c in FIGURES["navet_visits"]], [new.get(c, "") for c in FIGURES["navet_visits"]]
        )
        total.update(new)
    return result.with_lines(lines)


def perturb_staff(variant: Variant, table_id: str, change: Callable[[int, int | float], int | float]) -> Variant:
    """New figures in a staff table; its Summa row the sum of the roles."""
    result = _copy(variant, variant.name)
    lines = result.lines()
    rows = result.expected[table_id]
    items = [r for r in rows if r["line_kind"] == "item"]
    for position, row in enumerate(rows):
        if row["line_kind"] == "item":
            new = {c: printed_like(row[c], change(position, value(row[c]))) for c in FIGURES["staff"] if row[c] != ""}
        else:
            new = {
                c: printed_like(row[c], sum(value(r[c]) or 0 for r in items)) for c in FIGURES["staff"] if row[c] != ""
            }
        index = row_line(lines, table_id, row["role"])
        lines[index] = _with_figures(
            lines[index], [row[c] for c in FIGURES["staff"]], [new.get(c, "") for c in FIGURES["staff"]]
        )
        row.update(new)
    return result.with_lines(lines)


def perturb_cells(variant: Variant, table_id: str, change: Callable[[int, int], int]) -> Variant:
    """New figures in a table keyed one cell per row (Medarbetarcentrum's): a Totalt column the sum of
    the row, a total row the sum of the column."""
    result = _copy(variant, variant.name)
    lines = result.lines()
    rows = result.expected[table_id]
    column = FIGURES[TABLE_TYPES[table_id]][0]
    label = LABELS[TABLE_TYPES[table_id]]
    for position, row in enumerate(rows):
        if row.get("line_kind", "item") == "item" and row.get("column_kind", "item") == "item":
            row["_new"] = printed_like(row[column], change(position, value(row[column])))
    for row in rows:
        if row.get("column_kind") == "total" and row.get("line_kind") == "item":
            row["_new"] = printed_like(
                row[column], sum(value(r["_new"]) for r in rows if r[label] == row[label] and "_new" in r)
            )
    for row in rows:
        if row.get("line_kind") == "total":
            parts = [r for r in rows if r.get("line_kind") == "item" and r["column_no"] == row["column_no"]]
            row["_new"] = printed_like(row[column], sum(value(r["_new"]) for r in parts))
    for name in dict.fromkeys(r[label] for r in rows):
        cells = sorted((r for r in rows if r[label] == name), key=lambda r: int(r["column_no"]))
        index = row_line(lines, table_id, name)
        lines[index] = _with_figures(lines[index], [r[column] for r in cells], [r["_new"] for r in cells])
    for row in rows:
        row[column] = row.pop("_new")
    return result.with_lines(lines)


def _with_figures(line: str, olds: list[str], news: list[str]) -> str:
    """The line with its figures `olds`, left to right, replaced by `news` (blank olds skipped)."""
    out, rest = "", line
    for old, new in zip(olds, news):
        if old == "":
            continue
        match = _figure_pattern([old]).search(rest)
        if match is None:
            raise ValueError(f"figure {old} not found in '{line}'")
        out += rest[: match.start(2)] + new
        rest = rest[match.end(2) :]
    return out + rest


def _adjust_totals(variant: Variant, lines: list[str], table_id: str, row: dict, sign: int) -> None:
    """Add (sign 1) or take away (sign -1) a row's figures from the totals it counts in, in the text too."""
    kind = TABLE_TYPES[table_id]
    rows = variant.expected[table_id]
    if kind == "statement":
        totals = []
        parent = row["part_of"]
        while parent:
            total = next(r for r in rows if r["line_id"] == parent)
            totals.append(total)
            parent = total["part_of"]
    else:
        totals = [r for r in rows if r["line_kind"] == "total" and r is not row]
    columns = FIGURES[kind]
    if all(value(row[c]) in (None, 0) for c in columns):
        return
    if kind == "statement":
        places = statement_cells(lines, table_id, rows)
        edits = []
        for total in totals:
            for column in columns:
                new = printed_like(total[column], value(total[column]) + sign * value(row[column] or "0"))
                edits.append((*places[(total["line_id"], column)], new))
                total[column] = new
        for index, begin, finish, printed in sorted(edits, reverse=True):
            lines[index] = lines[index][:begin] + printed + lines[index][finish:]
        return
    for total in totals:
        olds = [total[c] for c in columns]
        for column in columns:
            if row[column] != "" and total[column] != "":
                total[column] = printed_like(total[column], value(total[column]) + sign * value(row[column]))
        label = total[LABELS[kind]]
        index = row_line(lines, table_id, label) if label else _lost_label_line(lines, table_id)
        lines[index] = _with_figures(lines[index], olds, [total[c] for c in columns])


def _lost_label_line(lines: list[str], table_id: str) -> int:
    start, end = region(lines, table_id)
    return next(i for i in range(start, end) if re.fullmatch(r"\s*\d[\d *]*", lines[i]))


def remove_row(variant: Variant, table_id: str, key: str) -> Variant:
    """A row last year's table printed and this report does not; the totals without it."""
    result = _copy(variant, f"{variant.name}, row removed")
    lines = result.lines()
    if TABLE_TYPES[table_id] == "mc_positive_changes":
        return _remove_cells(result, lines, table_id, key)
    row = _row(result, table_id, key)
    index = row_line(lines, table_id, row[LABELS[TABLE_TYPES[table_id]]])
    if (
        TABLE_TYPES[table_id] == "statement"
        and row["amount_current"]
        and statement_cells(lines, table_id, result.expected[table_id])[(key, "amount_current")][0] != index
    ):
        raise ValueError(
            f"{table_id}: the row {key} prints its figures apart from its label; removing its line would leave them"
        )
    _adjust_totals(result, lines, table_id, row, -1)
    del lines[index]
    result.expected[table_id].remove(row)
    result.removed.add((table_id, key))
    return result.with_lines(lines)


def _remove_cells(result: Variant, lines: list[str], table_id: str, key: str) -> Variant:
    """A row of a table keyed one printed cell per row: all its cells, and the total row's cells without them."""
    rows = result.expected[table_id]
    cells = {r["column_no"]: r for r in rows if r["outcome"] == key}
    index = row_line(lines, table_id, key)
    totals = [r for r in rows if r["line_kind"] == "total"]
    olds = [total["count"] for total in totals]
    for total in totals:
        total["count"] = printed_like(total["count"], value(total["count"]) - value(cells[total["column_no"]]["count"]))
    total_line = row_line(lines, table_id, totals[0]["outcome"])
    lines[total_line] = _with_figures(lines[total_line], olds, [total["count"] for total in totals])
    del lines[index]
    result.expected[table_id] = [r for r in rows if r["outcome"] != key]
    result.removed.add((table_id, key))
    return result.with_lines(lines)


def add_row(
    variant: Variant, table_id: str, after: str, label: str, figures: dict[str, str], kind: str = "item"
) -> Variant:
    """A row last year's table did not have, printed after row `after`; the totals with it."""
    result = _copy(variant, f"{variant.name}, row added")
    lines = result.lines()
    table_type = TABLE_TYPES[table_id]
    neighbour = _row(result, table_id, after)
    index = row_line(lines, table_id, neighbour[LABELS[table_type]])
    if (
        table_type == "statement"
        and neighbour["amount_current"]
        and statement_cells(lines, table_id, result.expected[table_id])[(after, "amount_current")][0] != index
    ):
        raise ValueError(
            f"{table_id}: the row {after} prints its figures apart from its label; a row after its line would part them"
        )
    columns = FIGURES[table_type]
    printed = [
        f"({figures[c]})" if kind == "memo" and c == "amount_prior" else figures[c] for c in columns if figures.get(c)
    ]
    lines.insert(index + 1, " ".join([label, *printed]) + " ")
    row = {column: "" for column in neighbour}
    row.update({LABELS[table_type]: label, "line_kind": kind, **{c: figures.get(c, "") for c in columns}})
    key = label
    if table_type == "statement":
        key = row["line_id"] = slug(label)
        row["part_of"] = neighbour["part_of"] if kind == "item" else ""
    if kind == "item":
        _adjust_totals(result, lines, table_id, row, 1)
    rows = result.expected[table_id]
    rows.insert(rows.index(neighbour) + 1, row)
    result.added.add((table_id, key))
    return result.with_lines(lines)


def slug(label: str) -> str:
    """An added row's line_id, as the drafter makes it from its label."""
    ascii_label = label.casefold().translate(str.maketrans("åäöéü", "aaoeu"))
    return re.sub(r"[^a-z0-9]+", "_", ascii_label).strip("_")


def reword(variant: Variant, table_id: str, key: str, label: str) -> Variant:
    """A row printed with another label than last year's."""
    result = _copy(variant, f"{variant.name}, label reworded")
    lines = result.lines()
    column = LABELS[TABLE_TYPES[table_id]]
    row = _row(result, table_id, key)
    index = row_line(lines, table_id, row[column])
    lines[index] = lines[index].replace(row[column], label, 1)
    row[column] = label
    result.reworded.add((table_id, row["line_id"] if column == "label" else label))
    return result.with_lines(lines)


def label_lost_total(variant: Variant, table_id: str, label: str) -> Variant:
    """The total row whose label the 2012 extraction lost, printed with a label this time."""
    result = _copy(variant, f"{variant.name}, total row labelled")
    lines = result.lines()
    index = _lost_label_line(lines, table_id)
    lines[index] = f"{label} {lines[index].strip()} "
    total = next(
        r for r in result.expected[table_id] if r["line_kind"] == "total" and not r[LABELS[TABLE_TYPES[table_id]]]
    )
    total[LABELS[TABLE_TYPES[table_id]]] = label
    result.added.add((table_id, label))
    return result.with_lines(lines)


def retitle_note(variant: Variant, table_id: str, title: str) -> Variant:
    """A note printed under another title (its number as last year)."""
    result = _copy(variant, f"{variant.name}, note title reworded")
    lines = result.lines()
    start, _ = region(lines, table_id)
    note, old = _NOTE_TITLES[table_id]
    lines[start - 1] = lines[start - 1].replace(old, title)
    result.reworded.add((table_id, ""))
    return result.with_lines(lines)


def page_break_in(variant: Variant, table_id: str, after: str, page: int) -> Variant:
    """A page footer and the running header above it, printed in the middle of a table."""
    result = _copy(variant, f"{variant.name}, page break inside a table")
    lines = result.lines()
    row = _row(result, table_id, after)
    index = row_line(lines, table_id, row[LABELS[TABLE_TYPES[table_id]]])
    lines[index + 1 : index + 1] = [
        "",
        "",
        f"Sjuhärads Kommunalförbund: Årsredovisning {result.year} ",
        f"Sidan {page} av 30 ",
        "",
        " ",
        "",
    ]
    return result.with_lines(lines)


def break_label(
    variant: Variant, table_id: str, key: str, first_words: int, figures_first: bool = False, hyphen: bool = False
) -> Variant:
    """A row's label broken over two lines, its figures on the first or the second line."""
    result = _copy(variant, f"{variant.name}, label over two lines")
    lines = result.lines()
    row = _row(result, table_id, key)
    label = row[LABELS[TABLE_TYPES[table_id]]]
    index = row_line(lines, table_id, label)
    figures = lines[index].strip()[len(label) :].strip()
    words = label.split()
    first, second = " ".join(words[:first_words]), " ".join(words[first_words:])
    if hyphen:
        cut = len(words[first_words - 1]) // 2
        first = " ".join(words[: first_words - 1] + [words[first_words - 1][:cut] + "-"])
        second = " ".join([words[first_words - 1][cut:]] + words[first_words:])
    lines[index : index + 1] = (
        [f"{first} {figures} ", f"{second} "] if figures_first else [f"{first} ", f"{second} {figures} "]
    )
    return result.with_lines(lines)


def one_per_line(variant: Variant, table_id: str) -> Variant:
    """Every row of a table as its label, then each figure on a line of its own with blank lines between."""
    result = _copy(variant, f"{variant.name}, one figure per line")
    lines = result.lines()
    column = LABELS[TABLE_TYPES[table_id]]
    for row in result.expected[table_id]:
        index = row_line(lines, table_id, row[column])
        rest = lines[index].strip()[len(row[column]) :]
        figures = []
        for figure in (row[c] for c in FIGURES[TABLE_TYPES[table_id]] if row[c] != ""):
            match = re.match(rf"\s*(\(?{re.escape(figure)}\)?\**)", rest)
            if match is None:
                raise ValueError(f"{table_id}: figure {figure} not next in '{lines[index]}'")
            figures.append(match[1])
            rest = rest[match.end() :]
        lines[index : index + 1] = [f"{row[column]} "] + [
            part for figure in figures for part in ("", " ", f"{figure} ")
        ]
    return result.with_lines(lines)


def minus_signs(variant: Variant, sign: str) -> Variant:
    """Every negative figure printed with another minus sign (U+2212, or an en dash)."""
    return replace(_copy(variant, variant.name), text=re.sub(r"(?<!\S)-(?=\d)", sign, variant.text))


def bound_spaces(variant: Variant, separator: str, tables: list[str]) -> Variant:
    """The thousands of every figure in the tables separated by a no-break or thin space."""
    result = _copy(variant, variant.name)
    lines = result.lines()
    for table_id in tables:
        mapping = {
            row[c]: row[c].replace(" ", separator) for row, c in _figure_cells(result, table_id) if " " in row[c]
        }
        _rewrite_figures(lines, *region(lines, table_id), mapping)
    return result.with_lines(lines)


def restate_key_figures(variant: Variant, change: Callable[[int, int | float], int | float]) -> Variant:
    """Other figures in the sentences that state key figures (those printed in digits on one line)."""
    result = _copy(variant, f"{variant.name}, key figures changed")
    text = result.text
    rows = result.expected["nyckeltal"]
    for position, row in enumerate(rows):
        phrase, old = row["label"], row["value"].lstrip("-")
        match = _figure_pattern([old]).search(phrase)
        overlapping = any(
            other is not row and (other["label"] in phrase or phrase in other["label"] or old in other["label"])
            for other in rows
        )
        if text.count(phrase) != 1 or match is None or "," in old or overlapping:
            continue
        new = printed_like(old, change(position, value(old)))
        new_phrase = phrase[: match.start(2)] + new + phrase[match.end(2) :]
        text = text.replace(phrase, new_phrase)
        row["label"], row["value"] = new_phrase, ("-" if row["value"].startswith("-") else "") + new
        row["as_printed"] = row["as_printed"].replace(old, new, 1)
    return replace(result, text=text)


def _goal(variant: Variant, goal_no: str) -> dict:
    return next(r for r in variant.expected["navet_resultatmal"] if r["goal_no"] == goal_no)


def reword_goal(variant: Variant, goal_no: str, planned: str) -> Variant:
    """A goal of last year's list printed in other words: the drafter cannot find it again."""
    result = _copy(variant, f"{variant.name}, goal reworded")
    row = _goal(result, goal_no)
    if result.text.count(row["planned"]) != 1:
        raise ValueError(f"goal {goal_no} is not printed on one line")
    result.text = result.text.replace(row["planned"], planned)
    row["planned"] = planned
    result.removed.add(("navet_resultatmal", goal_no))
    return result


def insert_goal(
    variant: Variant, after: str, planned: str, achieved: str, planned_value: str, achieved_value: str
) -> Variant:
    """A goal last year's report did not have, printed after goal `after` (whose text stands on one line)."""
    result = _copy(variant, f"{variant.name}, goal added")
    rows = result.expected["navet_resultatmal"]
    previous = _goal(result, after)
    lines = result.lines()
    index = next(i for i, line in enumerate(lines) if line.strip() == f"{previous['planned']} {previous['achieved']}")
    lines.insert(index + 1, f"{planned} {achieved} ")
    goal_no = str(max(int(r["goal_no"]) for r in rows) + 1)
    rows.append(
        {
            "goal_no": goal_no,
            "planned": planned,
            "achieved": achieved,
            "planned_value": planned_value,
            "achieved_value": achieved_value,
            "value_unit": previous["value_unit"],
        }
    )
    result.added.add(("navet_resultatmal", ""))
    return result.with_lines(lines)


# The variants ----------------------------------------------------------------------------------

STATEMENTS = ["resultatrakning", "balansrakning", *_NOTE_TITLES]
GRIDS = [
    "navet_besok_foregaende_ar",
    "navet_besok_ar",
    "navet_personal",
    "mc_personalresurs",
    "mc_arendestatistik",
    "mc_positiv_forandring",
]


def _named(variant: Variant, name: str, **changes) -> Variant:
    return replace(variant, name=name, **changes)


def _random_grid_figures(seed: int) -> Variant:
    """Random figures of one to five digits in the visitor, staff and Medarbetarcentrum tables, every total the sum of its parts."""
    rng = random.Random(seed)

    def change(position: int, old: int | float) -> int | float:
        digits = rng.choice((1, 2, 3, 3, 4, 4, 5))
        number = rng.randint(0 if digits == 1 else 10 ** (digits - 1), 10**digits - 1)
        return number / 10 if isinstance(old, float) else number

    variant = perturb_staff(roll_forward_visits(base(), change), "navet_personal", change)
    for table_id in ("mc_arendestatistik", "mc_positiv_forandring"):
        variant = perturb_cells(variant, table_id, change)
    return _named(
        shift_years(variant, 2),
        f"2014, random figures in the visitor, staff and Medarbetarcentrum tables, totals adding up (seed {seed})",
    )


def _random_figure(seed: int) -> Callable[[int, int | float], int]:
    rng = random.Random(seed)
    return lambda position, old: rng.randint(0, 10 ** rng.randint(1, 7))


def _next_year(position: int, old: int) -> int:
    """A new year's figure: up or down by a few per cent, never the same."""
    return old + (1 if old >= 0 else -1) * (max(abs(old) * (3 + position % 5) // 100, 1 + position)) * (
        1 if position % 3 else -1
    )


def rolled_forward(years: int = 1) -> Variant:
    """Next year's statements and notes: every figure new, the prior-year column last year's."""
    variant = base()
    for table_id in STATEMENTS:
        variant = roll_forward(variant, table_id, _next_year)
    return shift_years(roll_forward_visits(variant, _next_year), years)


def lead_note_15() -> Variant:
    """The lead's case: note 15 prints one row less than last year, and text follows the table."""
    return _named(
        remove_row(shift_years(base(), 1), "not_kortfristiga_skulder", "preliminar_skatt"),
        "2013, note 15 without a row (text after it)",
    )


def _catalogue() -> dict[str, Callable[[], Variant]]:
    def reworded() -> Variant:
        variant = shift_years(base(), 2)
        for table_id, key, label in (
            ("not_kassa_och_bank", "kontantkassa", "Kontant kassa"),
            ("not_kassa_och_bank", "bankkonton", "Bankmedel"),
            ("not_kortfristiga_skulder", "ovrigt", "Övriga skulder"),
            ("not_finansiella_intakter", "ranta_pa_bankkonton", "Ränta på bankkonton och placeringar"),
            ("not_verksamhetens_intakter", "bidrag_fran_regionen", "Regionens bidrag"),
            ("navet_personal", "Pedagoger", "Pedagoger och lärare"),
            ("navet_besok_foregaende_ar", "Övriga", "Övriga kommuner"),
        ):
            variant = reword(variant, table_id, key, label)
        return _named(
            retitle_note(variant, "not_kassa_och_bank", "Likvida medel"), "2014, labels and a note title reworded"
        )

    def removed() -> Variant:
        variant = shift_years(base(), 2)
        for table_id, key in (
            ("not_kortfristiga_skulder", "preliminar_skatt"),
            ("not_forbundsbidrag_kansli", "falkenberg"),
            ("resultatrakning", "extraordinara_kostnader"),
            ("navet_besok_ar", "Tranemo"),
            ("navet_personal", "Designer"),
            ("mc_positiv_forandring", "Studier"),
        ):
            variant = remove_row(variant, table_id, key)
        return _named(variant, "2014, rows removed")

    def added() -> Variant:
        variant = shift_years(base(), 2)
        variant = add_row(
            variant,
            "not_kassa_och_bank",
            "bankkonton",
            "Placeringskonto",
            {"amount_current": "1 000", "amount_prior": "500"},
        )
        variant = add_row(
            variant,
            "not_kortfristiga_skulder",
            "ovrigt",
            "Skatteskuld",
            {"amount_current": "120", "amount_prior": "95"},
        )
        variant = add_row(
            variant,
            "not_kortfristiga_skulder",
            "leverantorsskulder",
            "(varav utländska leverantörer)",
            {"amount_current": "1 200", "amount_prior": "800"},
            kind="memo",
        )
        variant = add_row(
            variant,
            "navet_besok_ar",
            "Mark",
            "Herrljunga",
            {"tema_elever": "500", "tema_larare": "40", "kompetensutveckling_larare": "60", "summa": "600"},
        )
        variant = add_row(variant, "navet_personal", "Designer", "Fotograf", {"persons": "1", "fte": "0,5"})
        variant = add_row(variant, "navet_personal", "Konstnär", "Praktikant", {"persons": "1"})
        variant = label_lost_total(variant, "navet_besok_ar", "Samtliga")
        return _named(variant, "2014, rows added (a memo line among them)")

    def page_breaks() -> Variant:
        variant = shift_years(base(), 2)
        for page, (table_id, after) in enumerate(
            (
                ("not_kortfristiga_skulder", "leverantorsskulder"),
                ("not_forbundsbidrag_kansli", "mark"),
                ("navet_besok_ar", "Mark"),
                ("navet_personal", "Tekniker"),
            ),
            start=18,
        ):
            variant = page_break_in(variant, table_id, after, page)
        return _named(variant, "2014, page footer and running header inside tables")

    def broken_labels() -> Variant:
        variant = shift_years(base(), 2)
        variant = break_label(variant, "not_kortfristiga_skulder", "interimsskulder", 2)
        variant = break_label(variant, "not_kortfristiga_skulder", "pensioner_individuell_del", 3, figures_first=True)
        variant = break_label(variant, "not_verksamhetens_intakter", "bidrag_fran_regionen", 3, hyphen=True)
        variant = break_label(variant, "navet_personal", "Administration och ledare", 2)
        return _named(variant, "2014, labels over two lines")

    def one_figure_per_line() -> Variant:
        variant = shift_years(base(), 2)
        for table_id in ("not_forbundsbidrag_kansli", "not_kassa_och_bank", "not_kortfristiga_skulder"):
            variant = one_per_line(variant, table_id)
        return _named(variant, "2014, one figure per line")

    def goals_and_key_figures() -> Variant:
        variant = restate_key_figures(shift_years(base(), 2), lambda position, old: old + 1 + old // 10 + position)
        variant = reword_goal(variant, "2", "Minst 15 000 besökare under helger och lov")
        variant = insert_goal(variant, "1", "Minst 500 lärare på kurs i programmering", "Genomfört 620", "500", "620")
        # Goal 2 reworded and the new goal are not drafted (6 cells each), and goal 1's achieved text and figure
        # stay empty, as it may run into the goal that is new.
        return _named(variant, "2014, key figures changed, a goal reworded and a goal added", known_empty=14)

    def statement_rows() -> Variant:
        variant = shift_years(base(), 2)
        variant = add_row(
            variant,
            "resultatrakning",
            "medlemsavgifter_navet",
            "Övriga bidrag",
            {"amount_current": "300", "amount_prior": "200"},
        )
        variant = add_row(
            variant,
            "balansrakning",
            "kassa_och_bank",
            "Kortfristiga placeringar",
            {"amount_current": "5 000", "amount_prior": "0"},
        )
        variant = reword(variant, "not_kortfristiga_skulder", "summa", "Summa kortfristiga skulder")
        variant = remove_row(variant, "not_finansiella_kostnader", "ovrigt")
        return _named(
            variant,
            "2014, rows added to the statements, a total reworded, a row removed where one-figure-per-line rows follow",
        )

    def grids_perturbed() -> Variant:
        variant = roll_forward_visits(base(), _next_year)
        variant = perturb_staff(
            variant, "navet_personal", lambda position, old: old + (position % 3) if isinstance(old, int) else old + 0.5
        )
        for table_id in ("mc_arendestatistik", "mc_positiv_forandring"):
            variant = perturb_cells(variant, table_id, lambda position, old: old + position % 4 + (old // 3))
        return _named(shift_years(variant, 2), "2014, new figures in the visitor, staff and Medarbetarcentrum tables")

    def combined() -> Variant:
        variant = rolled_forward(1)
        variant = remove_row(variant, "not_kortfristiga_skulder", "preliminar_skatt")
        variant = add_row(
            variant,
            "not_kassa_och_bank",
            "bankkonton",
            "Placeringskonto",
            {"amount_current": "2 000", "amount_prior": "0"},
        )
        variant = reword(variant, "not_finansiella_intakter", "ranta_pa_bankkonton", "Ränta på bankmedel")
        variant = page_break_in(variant, "not_forbundsbidrag_kansli", "tranemo", 18)
        variant = break_label(variant, "not_kortfristiga_skulder", "interimsskulder", 2)
        return _named(minus_signs(variant, "\u2212"), "2013, next year's figures with every kind of change")

    return {
        "2013": lambda: _named(shift_years(base(), 1), "2013, the same figures"),
        # Note 8 prints 928 for 94 + 902 - 69 = 927 (rounding); times 3 that is 3 tkr off, so "2 784 282" cannot be
        # grouped by its total and stays empty.
        "2014-scaled": lambda: _named(
            shift_years(scale(base(), 3, STATEMENTS), 2), "2014, statements and notes ×3", known_empty=2
        ),
        "2020-scaled": lambda: _named(
            shift_years(scale(base(), 7, GRIDS), 8), "2020, Navet and Medarbetarcentrum tables ×7"
        ),
        "2013-rolled": lambda: _named(
            rolled_forward(1), "2013, next year's figures in the statements, notes and visitor tables"
        ),
        "lead-note-15": lead_note_15,
        "removed": removed,
        "added": added,
        "reworded": reworded,
        "page-breaks": page_breaks,
        "broken-labels": broken_labels,
        "one-per-line": one_figure_per_line,
        "minus-u2212": lambda: _named(minus_signs(shift_years(base(), 2), "\u2212"), "2014, minus sign U+2212"),
        "no-break-spaces": lambda: _named(
            bound_spaces(shift_years(base(), 2), "\u00a0", STATEMENTS), "2014, no-break spaces in figures"
        ),
        "thin-spaces": lambda: _named(
            bound_spaces(shift_years(base(), 2), "\u202f", STATEMENTS), "2014, thin spaces in figures"
        ),
        "grids-perturbed": grids_perturbed,
        "statement-rows": statement_rows,
        "goals-key-figures": goals_and_key_figures,
        "combined": combined,
        "random-key-figures": lambda: _named(
            shift_years(restate_key_figures(base(), _random_figure(7)), 1),
            "2013, random figures in the key figures' sentences",
        ),
        **{
            f"random-changes-{seed}": (
                lambda seed=seed: _named(
                    shift_years(random_changes(rolled_forward(0), seed, STATEMENTS[2:] + ["navet_personal"]), 2),
                    f"2014, next year's figures and a random change in every note (seed {seed})",
                )
            )
            for seed in (3, 5)
        },
        "random-grids": lambda: _random_grid_figures(3),
        **{
            f"random-{seed}": (
                lambda seed=seed: _named(
                    shift_years(randomise(base(), seed, STATEMENTS + GRIDS), 2),
                    f"2014, random figures everywhere, totals not adding up (seed {seed})",
                    known_empty=None,
                )
            )
            for seed in (3, 13)
        },
    }


CATALOGUE = _catalogue()
# The variants also drafted from a PDF of their text: enough to cover the PDF reader (page breaks and running
# footers, one figure per line, no-break and thin spaces, every kind of change at once with the minus sign
# U+2212); the typeset reports of tests/support/drafting_typeset.py cover the layouts designers use. The drafting
# rules themselves are the same for text and PDF, so the other variants are drafted from their text only.
PDF_VARIANTS = ("page-breaks", "one-per-line", "no-break-spaces", "thin-spaces", "combined")
# (variant, source) pairs to draft.
SOURCES = [(name, "text") for name in CATALOGUE] + [(name, "pdf") for name in PDF_VARIANTS]
