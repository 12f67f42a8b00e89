"""Year-over-year plausibility of the fees: a warning, never a block."""

from collections.abc import Iterator
from pathlib import Path

import dagster as dg

from dagster_project.quality import year_over_year
from dagster_project.quality.markdown import markdown_table
from dagster_project.quality.results import CheckOutcome


def _changes_table(changes: list[dict]) -> str:
    return markdown_table(
        ["municipality", "fee type", "year", "previous tkr", "current tkr", "change"],
        (
            [
                f"{c['municipality']} ({c['municipality_code']})",
                c["fee_type"],
                c["year"],
                f"{c['previous_tkr']:g}",
                f"{c['current_tkr']:g}",
                "new" if c["share"] is None else format(c["share"], "+.1%"),
            ]
            for c in changes
        ),
    )


SPECS = [
    dg.AssetCheckSpec(
        name=year_over_year.CHECK_NAME,
        asset=dg.AssetKey(year_over_year.ASSET.split("/")),
        description=f"Warns when a municipality's fee changes by more than {year_over_year.MAX_FEE_CHANGE_SHARE:.0%} "
        "from the year before, or starts or stops. Never blocks publishing.",
    )
]


def evaluate(database: Path) -> Iterator[tuple[CheckOutcome, dict]]:
    outcome = year_over_year.run_fee_changes(database)
    yield outcome, {"changes": dg.MetadataValue.md(_changes_table(outcome.observed["changes"]))}
