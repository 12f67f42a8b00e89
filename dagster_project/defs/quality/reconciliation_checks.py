"""The report's arithmetic (quality/reconciliation.py) as blocking checks on the marts that show it."""

from collections.abc import Iterator
from pathlib import Path

import dagster as dg

from dagster_project.quality import reconciliation
from dagster_project.quality.markdown import markdown_table
from dagster_project.quality.results import CheckOutcome


def differences_table(outcome: CheckOutcome) -> str:
    return markdown_table(
        ["severity", "table", "line", "column", "year", "printed", "computed", "difference"],
        (
            [
                d["severity"],
                d["table"],
                d["line"],
                d["column"],
                d["year"],
                f"{d['printed']:g}",
                f"{d['computed']:g}",
                f"{d['difference']:g}",
            ]
            for d in outcome.observed["differences"]
        ),
    )


def evaluate_with_metadata(database: Path) -> Iterator[tuple[CheckOutcome, dict]]:
    for outcome in reconciliation.evaluate_all(database):
        yield outcome, {"differences": dg.MetadataValue.md(differences_table(outcome))}


SPECS = [
    dg.AssetCheckSpec(
        name=spec.name,
        asset=dg.AssetKey(["marts", spec.mart]),
        description=f"{spec.description} {reconciliation.TOLERANCE_NOTE}",
        blocking=True,
    )
    for spec in reconciliation.RECONCILIATIONS
]
