"""Year-over-year plausibility of the fees: a warning, never a block."""

import dagster as dg

from dagster_project import paths
from dagster_project.defs.quality.outcomes import to_check_result
from dagster_project.quality import year_over_year


def _changes_table(changes: list[dict]) -> str:
    return "\n".join(
        ["| municipality | fee type | year | previous tkr | current tkr | change |", "|---|---|---|---|---|---|"]
        + [
            f"| {c['municipality']} ({c['municipality_code']}) | {c['fee_type']} | {c['year']} | "
            f"{c['previous_tkr']:g} | {c['current_tkr']:g} | {'new' if c['share'] is None else format(c['share'], '+.1%')} |"
            for c in changes
        ]
    )


@dg.asset_check(
    asset=dg.AssetKey(["marts", "fct_fees"]),
    name=year_over_year.CHECK_NAME,
    description=f"Warns when a municipality's fee changes by more than {year_over_year.MAX_FEE_CHANGE_SHARE:.0%} "
    "from the year before, or starts or stops. Never blocks publishing.",
    blocking=True,
)
def fee_changes_plausible(context: dg.AssetCheckExecutionContext) -> dg.AssetCheckResult:
    outcome = year_over_year.run_fee_changes(paths.build_warehouse())
    return to_check_result(context, outcome, {"changes": dg.MetadataValue.md(_changes_table(outcome.observed["changes"]))})


YEAR_OVER_YEAR_CHECKS = [fee_changes_plausible]
