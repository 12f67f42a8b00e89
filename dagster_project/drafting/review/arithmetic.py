"""Do the drafted figures add up, and which prior-year figures differ from last year's report?

Run on the draft's cells before anything is loaded, so the review can point at the cells to
look at; `make check-draft` then runs the warehouse's own reconciliation on the draft.

Every total is recomputed from the drafted figures, with the warehouse's tolerance (totals.py);
prior-year figures are compared with last year's report (restatements).
"""

from dagster_project.drafting.locate.template import Template, template_figures
from dagster_project.drafting.model import NOT_ADDING, RESTATED, DraftTable
from dagster_project.drafting.readers.totals import COUNT_TOLERANCE, TKR_TOLERANCE, adds_up
from dagster_project.raw_format.numbers import parse_number
from dagster_project.raw_format.specs import VISIT_COLUMNS


def _number(text: str | None) -> float | None:
    if text in (None, ""):
        return None
    try:
        return float(parse_number(str(text)))
    except ValueError:
        return None


def _show(value: float) -> str:
    return f"{value:,.0f}".replace(",", " ") if float(value).is_integer() else f"{value:g}".replace(".", ",")


def _compare(
    draft: DraftTable,
    row: str,
    column: str,
    printed: float | None,
    parts: list[float | None],
    tolerance: float,
    what: str,
) -> None:
    known = [p for p in parts if p is not None]
    if printed is None or not known:
        return
    computed = sum(known)
    if not adds_up(computed, printed, tolerance):
        line = next(
            (
                line
                for (_, name), line in draft.sources.items()
                if name in (column, "count") and line is not None and row in line.text
            ),
            None,
        )
        draft.flag(
            row,
            column,
            NOT_ADDING,
            f"{what}: printed {_show(printed)}, the drafted figures add up to {_show(computed)} (difference {_show(printed - computed)})",
            line,
        )


def check_statement(draft: DraftTable) -> None:
    for column in ("amount_current", "amount_prior"):
        for total in draft.rows:
            parts = [_number(r[column]) for r in draft.rows if r["part_of"] == total["line_id"]]
            if parts:
                _compare(
                    draft,
                    total["line_id"],
                    column,
                    _number(total[column]),
                    parts,
                    TKR_TOLERANCE,
                    f"'{total['label']}' against its parts",
                )


def check_navet_visits(draft: DraftTable) -> None:
    for row in draft.rows:
        key = row["visitor_group"] or "(label lost)"
        _compare(
            draft,
            key,
            "summa",
            _number(row["summa"]),
            [_number(row[c]) for c in VISIT_COLUMNS[:-1]],
            COUNT_TOLERANCE,
            "Summa against the row",
        )
    _check_total_rows(draft, "visitor_group", VISIT_COLUMNS, "total row against the rows above")


def check_staff(draft: DraftTable) -> None:
    _check_total_rows(draft, "role", ("persons", "fte"), "total row against the roles")


def _check_total_rows(draft: DraftTable, label: str, columns, what: str) -> None:
    """Each total row's counts against the sum of the item rows, column by column."""
    items = [r for r in draft.rows if r["line_kind"] == "item"]
    for total in (r for r in draft.rows if r["line_kind"] == "total"):
        for column in columns:
            _compare(
                draft,
                total[label] or "(label lost)",
                column,
                _number(total[column]),
                [_number(r[column]) for r in items],
                COUNT_TOLERANCE,
                what,
            )


def check_mc_positive_changes(draft: DraftTable) -> None:
    rows = draft.rows
    # Each row's Totalt column against the row, and the total row against the rows above, column by column.
    for kind, same, what in (
        ("column_kind", "outcome", "Totalt column against the row"),
        ("line_kind", "column_no", "total row against the outcomes"),
    ):
        for total in (r for r in rows if r[kind] == "total"):
            parts = [_number(r["count"]) for r in rows if r[same] == total[same] and r[kind] == "item"]
            _compare(draft, total["outcome"], total["column_no"], _number(total["count"]), parts, COUNT_TOLERANCE, what)


CHECKS = {
    "statement": check_statement,
    "navet_visits": check_navet_visits,
    "staff": check_staff,
    "mc_positive_changes": check_mc_positive_changes,
}


def check_totals(draft: DraftTable) -> None:
    check = CHECKS.get(draft.entry.table_type)
    if check is not None:
        check(draft)


def flag_restatements(tables: list[DraftTable], template: Template, year: int) -> None:
    """Prior-year figures printed differently than last year's report printed them (when it is last year's)."""
    if template.year != year - 1:
        return
    figures = template_figures(template)
    current_tables = {e.table_type: e.table_id for e in template.manifest.tables if e.period_year == template.year}
    for draft in tables:
        kind = draft.entry.table_type
        for index, row in enumerate(draft.rows):
            for column, key, earlier in _prior_cells(draft, row, figures, current_tables.get(kind), year):
                printed = _number(row[column])
                if (
                    printed is not None
                    and earlier is not None
                    and not adds_up(printed, float(earlier), COUNT_TOLERANCE)
                ):
                    draft.flag(
                        key,
                        column,
                        RESTATED,
                        f"{year - 1}: this report prints {row[column]}, the {year - 1} report printed {_show(float(earlier))}",
                        draft.sources.get((index, column)),
                    )


def _prior_cells(draft: DraftTable, row: dict, figures: dict, navet_current: str | None, year: int):
    kind = draft.entry.table_type
    if kind == "statement":
        yield "amount_prior", row["line_id"], figures.get((draft.table_id, row["line_id"], "amount_current"))
    elif kind == "navet_visits" and draft.entry.period_year == year - 1 and navet_current:
        for column in VISIT_COLUMNS:
            yield (
                column,
                row["visitor_group"] or "(label lost)",
                figures.get((navet_current, f"{row['line_kind']}|{row['visitor_group']}", column)),
            )
    elif kind == "key_figures" and row["year"] == str(year - 1):
        yield (
            "value",
            f"{row['figure_id']} {row['year']}",
            figures.get((draft.table_id, f"{row['figure_id']}|{year - 1}", "value")),
        )
