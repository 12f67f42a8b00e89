"""Great Expectations, imported only when a check runs and then once per process.

The import costs several seconds and hundreds of MB, so nothing imports
great_expectations at module level; `_gx()` and `_datasource()` keep the module and
one ephemeral context (pandas datasource) for the rest of the process. Data Docs are not
built: what failed goes into the check's outcome instead.
"""

import functools
import os
from collections.abc import Iterator
from dataclasses import dataclass, replace

import pandas as pd

from dagster_project.duckdb_connection import connect
from dagster_project.quality.results import CheckOutcome
from dagster_project.quality.suites import Expectation, Suite

MAX_FAILING_ROWS = 20
# Where a failing row comes from, so that a failure says what to correct and which report
# it belongs to: a raw row's report, file and row; a mart row's report.
WHERE_KEYED = ("report_id", "source_file", "row_number", "source_report")


@dataclass(frozen=True)
class ExpectationFailure:
    expectation: str
    column: str
    expected: str
    observed: str
    unexpected_count: int
    failing_rows: list[dict]

    @property
    def message(self) -> str:
        rows = "; ".join(", ".join(f"{k}={v}" for k, v in row.items()) for row in self.failing_rows[:5])
        where = f" in rows: {rows}" if rows else ""
        return f"{self.column}: expected {self.expected}, observed {self.observed}{where}"


@functools.cache
def _gx():
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations

    return great_expectations


def prepare() -> None:
    """Import GX and set up its context now rather than on the first suite."""
    _datasource()


@functools.cache
def _datasource():
    gx = _gx()
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = {"globally": False}
    return context.data_sources.add_pandas("warehouse")


def _batch_definition(name: str):
    datasource = _datasource()
    try:
        asset = datasource.get_asset(name)
    except LookupError:
        asset = datasource.add_dataframe_asset(name=name)
    try:
        return asset.get_batch_definition("whole_table")
    except KeyError:
        return asset.add_batch_definition_whole_dataframe("whole_table")


def _expectation_suite(suite: Suite):
    gx = _gx()
    expectation_suite = gx.ExpectationSuite(name=suite.table)
    for number, expectation in enumerate(suite.expectations):
        # GX does not keep the order of a suite's results; meta carries the way back.
        expectation_suite.add_expectation(
            getattr(gx.expectations, expectation.kind)(**expectation.kwargs, meta={"number": number})
        )
    return expectation_suite


def _plain(value):
    if isinstance(value, float) and value != value:
        return None
    return value.item() if hasattr(value, "item") else value


def _failure(expectation: Expectation, result: dict, frame: pd.DataFrame, grain: tuple[str, ...]) -> ExpectationFailure:
    indexes = result.get("unexpected_index_list") or []
    shown_columns = [c for c in dict.fromkeys((*grain, *WHERE_KEYED, *expectation.columns)) if c in frame.columns]
    failing_rows = [
        {column: _plain(frame.at[index, column]) for column in shown_columns}
        for index in indexes[:MAX_FAILING_ROWS]
        if not isinstance(index, dict)
    ]
    if "observed_value" in result:
        observed = str(_plain(result["observed_value"]))
    else:
        values = [_plain(v) for v in (result.get("partial_unexpected_list") or [])][:5]
        observed = f"{result.get('unexpected_count', 0)} unexpected value(s), e.g. {values}"
    return ExpectationFailure(
        expectation.kind,
        ", ".join(expectation.columns),
        expectation.describe(),
        observed,
        int(result.get("unexpected_count") or 0),
        failing_rows,
    )


def validate(suite: Suite, frame: pd.DataFrame) -> list[ExpectationFailure]:
    """The expectations of `suite` that `frame` does not meet (an empty list: all met)."""
    frame = frame.reset_index(drop=True)
    batch = _batch_definition(suite.table).get_batch(batch_parameters={"dataframe": frame})
    expectation_suite = _expectation_suite(suite)
    # Pass or fail alone costs half of a full result; the failing rows are worked out
    # only for a suite that fails.
    if batch.validate(expectation_suite, result_format="BOOLEAN_ONLY").success:
        return []
    validation = batch.validate(expectation_suite, result_format="COMPLETE")
    failures = {}
    for result in validation.results:
        number = result.expectation_config.meta["number"]
        expectation = suite.expectations[number]
        if result.success:
            continue
        if result.exception_info and result.exception_info.get("raised_exception"):
            failures[number] = ExpectationFailure(
                expectation.kind,
                ", ".join(expectation.columns),
                expectation.describe(),
                f"could not be evaluated: {result.exception_info.get('exception_message')}",
                0,
                [],
            )
        else:
            failures[number] = _failure(expectation, result.result, frame, suite.grain)
    return [failures[number] for number in sorted(failures)]


def outcome(suite: Suite, failures: list[ExpectationFailure], rows: int) -> CheckOutcome:
    observed = {
        "rows": rows,
        "expectations": len(suite.expectations),
        "failures": [
            {
                "expectation": f.expectation,
                "column": f.column,
                "expected": f.expected,
                "observed": f.observed,
                "unexpected_count": f.unexpected_count,
                "failing_rows": f.failing_rows,
            }
            for f in failures
        ],
    }
    if failures:
        message = f"{suite.table}: " + "; ".join(f.message for f in failures)
        return CheckOutcome(suite.check_name, suite.asset, "great_expectations", "error", False, message, observed)
    message = f"{suite.table}: all {len(suite.expectations)} expectations met on {rows} rows"
    return CheckOutcome(suite.check_name, suite.asset, "great_expectations", "error", True, message, observed)


# A table larger than this is validated in parts, to bound the memory of its pandas frame
# and of GX's work on it. A part is a set of values of a grain column (the year, or the
# report), so a duplicate grain is always within one part.
ROWS_PER_PART = 400_000
PART_COLUMNS = ("year", "report_id")


def run_suites(suites: list[Suite], database) -> Iterator[CheckOutcome]:
    """Each suite's outcome in turn, its table read through one read-only connection for all."""
    con = connect(database, read_only=True)
    try:
        for suite in suites:
            columns = ", ".join(f'"{c}"' for c in _columns_read(con, suite))
            parts, rows = [], 0
            for where, parameters in _parts(con, suite):
                frame = con.execute(f"select {columns} from {suite.table}{where}", parameters).df()
                rows += len(frame)
                parts.append(validate(suite, frame))
                del frame
            yield outcome(suite, _merged(suite, parts), rows)
    finally:
        con.close()


def _columns_read(con, suite: Suite) -> list[str]:
    """The columns a suite checks, with its grain and the columns that say where a row comes from."""
    schema, table = suite.table.split(".")
    present = {
        name
        for (name,) in con.execute(
            "select column_name from information_schema.columns where table_schema = ? and table_name = ?",
            [schema, table],
        ).fetchall()
    }
    checked = (c for e in suite.expectations for c in e.columns)
    return list(dict.fromkeys((*suite.grain, *(c for c in WHERE_KEYED if c in present), *checked)))


def _parts(con, suite: Suite) -> list[tuple[str, list]]:
    """SQL conditions that split the table into parts of about ROWS_PER_PART rows (one part if small)."""
    total = con.execute(f"select count(*) from {suite.table}").fetchone()[0]
    column = _part_column(suite)
    if total <= ROWS_PER_PART or column is None:
        return [("", [])]
    counts = con.execute(
        f'select "{column}", count(*) from {suite.table} where "{column}" is not null group by 1 order by 1'
    ).fetchall()
    groups, current, size = [], [], 0
    for value, count in counts:
        if current and size + count > ROWS_PER_PART:
            groups.append(current)
            current, size = [], 0
        current.append(value)
        size += count
    groups.append(current)
    return [
        *((f' where list_contains(?, "{column}")', [values]) for values in groups),
        (f' where "{column}" is null', []),
    ]


def _merged(suite: Suite, parts: list[list[ExpectationFailure]]) -> list[ExpectationFailure]:
    """One failure per expectation over all parts: counts added, the first failing rows kept."""
    if len(parts) == 1:
        return parts[0]
    order = [(e.kind, ", ".join(e.columns), e.describe()) for e in suite.expectations]
    found: dict[tuple, list[ExpectationFailure]] = {}
    for failures in parts:
        for failure in failures:
            found.setdefault((failure.expectation, failure.column, failure.expected), []).append(failure)
    merged = []
    for key in sorted(found, key=order.index):
        first, *others = found[key]
        if not others:
            merged.append(first)
            continue
        count = sum(f.unexpected_count for f in found[key])
        merged.append(
            replace(
                first,
                observed=f"{count} unexpected value(s) in {len(found[key])} parts of the table (by {_part_column(suite)}); in the first: {first.observed}",
                unexpected_count=count,
                failing_rows=[row for f in found[key] for row in f.failing_rows][:MAX_FAILING_ROWS],
            )
        )
    return merged


def _part_column(suite: Suite) -> str | None:
    return next((c for c in PART_COLUMNS if c in suite.grain), None)
