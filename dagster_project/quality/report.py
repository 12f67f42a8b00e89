"""The latest result of every check, from the published warehouse: `python -m dagster_project.quality.report`.

Prints a table and writes the same as Markdown next to the published warehouse
(paths.quality_report()). Reads the published file only; needs no Dagster.
"""

import sys
from dataclasses import dataclass
from datetime import datetime

from dagster_project import paths
from dagster_project.duckdb_connection import connect, table_exists
from dagster_project.quality.markdown import markdown_table
from dagster_project.quality.results import RESULTS_TABLE

STATUS_ORDER = {"ERROR": 0, "warning": 1, "passed": 2}
MESSAGE_WIDTH = 160


@dataclass(frozen=True)
class LatestCheck:
    status: str
    kind: str
    check_name: str
    asset: str
    target: str
    checked_at: datetime
    message: str


def latest_checks(database) -> list[LatestCheck]:
    con = connect(database, read_only=True)
    try:
        if not table_exists(con, "audit", "check_results"):
            return []
        rows = con.execute(
            f"""
            select case when passed then 'passed' when severity = 'error' then 'ERROR' else 'warning' end,
                   kind, check_name, asset, target, checked_at, message
            from {RESULTS_TABLE}
            qualify row_number() over (partition by check_name, asset order by checked_at desc) = 1
            """
        ).fetchall()
    finally:
        con.close()
    checks = [LatestCheck(*row) for row in rows]
    return sorted(checks, key=lambda c: (STATUS_ORDER[c.status], c.kind, c.asset, c.check_name))


def _one_line(text: str, width: int = MESSAGE_WIDTH) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _summary(checks: list[LatestCheck]) -> str:
    counts = {status: sum(c.status == status for c in checks) for status in STATUS_ORDER}
    return f"{len(checks)} checks: {counts['ERROR']} errors, {counts['warning']} warnings, {counts['passed']} passed"


def _cells(check: LatestCheck, message_width: int = MESSAGE_WIDTH) -> list[str]:
    return [
        check.status,
        check.kind,
        check.check_name,
        check.asset,
        check.target,
        check.checked_at.strftime("%Y-%m-%d %H:%M"),
        _one_line(check.message, message_width),
    ]


HEADER = ["status", "kind", "check", "asset", "target", "checked at", "message"]


def text_table(checks: list[LatestCheck]) -> str:
    rows = [HEADER, *(_cells(c) for c in checks)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADER) - 1)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[-1] for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths) + "  " + "-" * len(HEADER[-1]))
    return "\n".join(lines)


def markdown(checks: list[LatestCheck], source) -> str:
    return "\n".join(
        [
            "# Quality report",
            "",
            f"Latest result of every check in `{source}`. {_summary(checks)}.",
            "",
            markdown_table(HEADER, (_cells(c, sys.maxsize) for c in checks)),
            "",
        ]
    )


def main() -> int:
    published = paths.published_warehouse()
    if not published.exists():
        print(f"Nothing is published at {published}; run `make build` first.")
        return 1
    checks = latest_checks(published)
    print(text_table(checks))
    print()
    print(_summary(checks))
    paths.quality_report().write_text(markdown(checks, published), encoding="utf-8")
    print(f"Written to {paths.quality_report()}")
    return 1 if any(c.status == "ERROR" for c in checks) else 0


if __name__ == "__main__":
    sys.exit(main())
