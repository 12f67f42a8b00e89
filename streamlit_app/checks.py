"""Check results in plain Swedish, built from each result's observed values.

The engineers' message of a check is English and names tables and rules; a decision maker
reads a sentence per finding instead, built here from `observed` per kind of check. The
shapes of `observed` are read defensively: a key that is missing or of another type gives a
plainer sentence, never an English message, a dict or a list.
"""

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from streamlit_app.formatting import format_number, format_share, format_signed, is_missing
from streamlit_app.labels import (
    COLUMNS,
    DBT_TESTS,
    EXPECTATIONS,
    FEE_TYPES_IN_TEXT,
    UNKNOWN_COLUMN,
    UNKNOWN_DBT_TEST,
    UNKNOWN_EXPECTATION,
    VISIT_CATEGORIES,
    genitive,
    table_name,
)

MAX_SENTENCES = 20
_IDENTIFIER = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)+$")


@dataclass(frozen=True)
class Names:
    """What the sentences call the report's tables and lines (from the marts)."""

    table_titles: dict[str, str] = field(default_factory=dict)
    line_labels: dict[tuple[str, str, int], str] = field(default_factory=dict)

    def table(self, table_id: object) -> str:
        title = self.table_titles.get(str(table_id))
        return f"tabellen ”{title}”" if title else "en av årsredovisningens tabeller"

    def line(self, table_id: object, line: object, year: object = None) -> str:
        labels = {
            (table, key): label
            for (table, key, label_year), label in sorted(self.line_labels.items(), key=lambda item: item[0][2])
        }
        text = self.line_labels.get((str(table_id), str(line), year)) if _is_number(year) else None
        text = text or labels.get((str(table_id), str(line)))
        if text is None and _is_text(line) and not _IDENTIFIER.match(str(line)) and not str(line).startswith("("):
            text = str(line)  # printed text itself: a visitor group, an outcome
        return f"raden ”{text}”" if text else "en rad"


def observed_values(observed: object) -> dict:
    """`observed` as a dict ({} when it is missing, not JSON or not an object)."""
    if isinstance(observed, Mapping):
        return dict(observed)
    if isinstance(observed, str):
        try:
            parsed = json.loads(observed)
        except ValueError:
            return {}
        return parsed if isinstance(parsed, dict) else {}
    return {}


def sentences(check: Mapping, names: Names = Names()) -> list[str]:
    """Swedish sentences for one check result: one when it passed, one per finding when it did not."""
    observed = observed_values(check.get("observed"))
    passed = bool(check.get("passed"))
    kind = str(check.get("kind") or "")
    subject = table_name(check.get("asset"))
    build = {
        "reconciliation": _reconciliation,
        "great_expectations": _expectations,
        "dbt_test": _dbt_test,
        "year_over_year": _year_over_year,
    }.get(kind, _other)
    try:
        found = build(observed, passed, subject, check, names)
    except (TypeError, ValueError, KeyError, AttributeError):
        found = []
    if not found:
        found = _other(observed, passed, subject, check, names)
    if len(found) > MAX_SENTENCES:
        found = [*found[:MAX_SENTENCES], f"… och {format_number(len(found) - MAX_SENTENCES)} till av samma slag."]
    return found


def consequence(check: Mapping) -> str:
    """What a failed check means for publishing."""
    if str(check.get("severity")) == "error":
        return "Felet stoppar publiceringen tills det är rättat; de publicerade uppgifterna är oförändrade."
    if str(check.get("kind")) == "year_over_year":
        return (
            "Varningen stoppar inte publiceringen: sådana ändringar förekommer, till exempel när en kommun går med i "
            "eller lämnar en tjänst, men någon bör titta på siffran."
        )
    return (
        "Varningen stoppar inte publiceringen: avvikelsen är känd, till exempel en avrundning "
        "eller en siffra som inte går ihop i den tryckta årsredovisningen."
    )


def _is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _number(value: object, decimals: int = 0) -> str:
    return format_number(float(value), decimals) if _is_number(value) else "okänt"


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and not is_missing(value)


def _items(observed: dict, key: str) -> list[dict]:
    value = observed.get(key)
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _year_text(value: object) -> str:
    return f" för {int(value)}" if _is_number(value) else ""


def _reconciliation(observed: dict, passed: bool, subject: str, check: Mapping, names: Names) -> list[str]:
    if passed:
        return [f"Alla tryckta summor i {subject} stämmer med sina delar."]
    found = []
    for difference in _items(observed, "differences"):
        table = difference.get("table")
        column = _column_text(difference.get("column"))
        printed, computed = difference.get("printed"), difference.get("computed")
        gap = difference.get("difference")
        if not _is_number(gap) and _is_number(printed) and _is_number(computed):
            gap = float(printed) - float(computed)
        year = difference.get("year")
        found.append(
            f"I {names.table(table)} går {names.line(table, difference.get('line'), year)}{column}"
            f"{_year_text(year)} inte ihop: tryckt {_number(printed)}, men avstämningen ger {_number(computed)} "
            f"(skillnad {format_signed(gap) if _is_number(gap) else 'okänd'})."
        )
    if found:
        return found
    count = len(observed.get("warnings") or []) + len(observed.get("errors") or [])
    if count:
        return [f"{format_number(count)} tryckta summor i {subject} stämmer inte med sina delar."]
    return []


def _column_text(column: object) -> str:
    """`2` → `, kolumn 2`; a visit category by its name; the statements' amount columns need none (the year says it)."""
    if column is None or str(column) in ("amount_current", "amount_prior", "value", ""):
        return ""
    text = str(column)
    if text.isdigit():
        return f", kolumn {text}"
    if text in VISIT_CATEGORIES:
        return f", kolumnen ”{VISIT_CATEGORIES[text]}”"
    if text == "summa":
        return ", kolumnen ”Summa”"
    return f", kolumnen ”{COLUMNS[text]}”" if text in COLUMNS else ""


def _expectations(observed: dict, passed: bool, subject: str, check: Mapping, names: Names) -> list[str]:
    if passed:
        rules, rows = observed.get("expectations"), observed.get("rows")
        if _is_number(rules) and _is_number(rows):
            return [f"Alla {_number(rules)} regler för {subject} uppfylls på {_number(rows)} rader."]
        return [f"Alla regler för {subject} uppfylls."]
    found = []
    for failure in _items(observed, "failures"):
        count = failure.get("unexpected_count")
        what = (
            "Några värden"
            if not _is_number(count) or count == 0
            else ("Ett värde" if count == 1 else f"{_number(count)} värden")
        )
        found.append(
            f"I {subject}: {what} i {_columns_text(failure.get('column'))} "
            f"{EXPECTATIONS.get(str(failure.get('expectation')), UNKNOWN_EXPECTATION)}."
        )
    return found or [f"Några värden i {subject} uppfyller inte tabellens regler."]


def _columns_text(columns: object) -> str:
    parts = [part.strip() for part in str(columns or "").split(",") if part.strip()]
    known = [COLUMNS[part] for part in parts if part in COLUMNS]
    if not known:
        return UNKNOWN_COLUMN
    return f"kolumnen {known[0]}" if len(known) == 1 else "kolumnerna " + ", ".join(known)


def _dbt_test(observed: dict, passed: bool, subject: str, check: Mapping, names: Names) -> list[str]:
    name = str(check.get("check_name") or "")
    rule = next((text for prefix, text in DBT_TESTS.items() if name.startswith(prefix)), UNKNOWN_DBT_TEST)
    if passed:
        return [f"Kontrollerat i {subject}: {rule}."]
    failures = observed.get("failures")
    rows = f" {_number(failures)} rader bryter mot regeln." if _is_number(failures) and failures else ""
    return [f"I {subject} gäller inte att {rule}.{rows}"]


def _year_over_year(observed: dict, passed: bool, subject: str, check: Mapping, names: Names) -> list[str]:
    share = observed.get("max_change_share")
    limit = f"med mer än {format_share(share, 0)} " if _is_number(share) else "ovanligt mycket "
    if passed:
        return [f"Ingen kommuns avgift ändrades {limit}jämfört med året före."]
    found = []
    for change in _items(observed, "changes"):
        who = change.get("municipality") if _is_text(change.get("municipality")) else "En kommun"
        fee = FEE_TYPES_IN_TEXT.get(str(change.get("fee_type")), "avgift")
        previous, current, year = change.get("previous_tkr"), change.get("current_tkr"), change.get("year")
        if _is_number(previous) and previous == 0:
            how = "en ny avgift"
        elif _is_number(current) and current == 0:
            how = "avgiften upphörde"
        elif _is_number(change.get("share")):
            how = f"{format_signed(float(change['share']) * 100, 1)}\u00a0%"
        else:
            how = "en stor ändring"
        before, after = (f" {int(year) - 1}", f" {int(year)}") if _is_number(year) else ("", "")
        found.append(
            f"{genitive(who)} {fee} gick från {_number(previous)}\u00a0tkr{before} "
            f"till {_number(current)}\u00a0tkr{after} ({how})."
        )
    return found or [f"Någon avgift ändrades {limit}jämfört med året före."]


def _other(observed: dict, passed: bool, subject: str, check: Mapping, names: Names) -> list[str]:
    if passed:
        return [f"Kontrollen av {subject} gick igenom."]
    return [f"Kontrollen av {subject} hittade en avvikelse. Detaljerna finns under Teknisk information."]


def failed_checks(run: pd.DataFrame) -> pd.DataFrame:
    """The run's failed checks, errors first."""
    failed = run[~run["passed"].astype(bool)]
    return (
        failed.assign(_order=(failed["severity"] != "error").astype(int))
        .sort_values(["_order", "kind", "check_name"])
        .drop(columns="_order")
    )


def referenced_lines(checks: pd.DataFrame) -> list[tuple[str, str]]:
    """The (table id, line) pairs the checks' observed differences refer to."""
    return [
        (str(difference.get("table")), str(difference.get("line")))
        for observed in checks["observed"]
        for difference in _items(observed_values(observed), "differences")
    ]
