"""Is a municipality's fee plausible next to its fee the year before?

A fee that changes by more than MAX_FEE_CHANGE_SHARE of the year before, or that starts
(0 → more) or stops (more → 0), is listed as a warning with both figures. It does not
block publishing: such changes happen (a municipality joins or leaves a service, a new
agreement), but they are also what a keying mistake looks like, so someone should look.
"""

from dataclasses import dataclass

from dagster_project.duckdb_connection import connect
from dagster_project.quality.results import CheckOutcome

# Well above the fees' yearly indexation (2011 → 2012: under 1 %), below what a changed agreement does.
MAX_FEE_CHANGE_SHARE = 0.25
CHECK_NAME = "fee_changes_plausible"
ASSET = "marts/fct_fees"


@dataclass(frozen=True)
class FeeChange:
    municipality_code: str
    municipality_name: str
    fee_type: str
    year: int
    previous_tkr: float
    current_tkr: float
    source_ref: str

    @property
    def share(self) -> float | None:
        return None if self.previous_tkr == 0 else (self.current_tkr - self.previous_tkr) / self.previous_tkr

    @property
    def message(self) -> str:
        change = "new fee" if self.share is None else f"{self.share:+.1%}"
        return (
            f"{self.municipality_name} ({self.municipality_code}) {self.fee_type} "
            f"{self.year - 1} → {self.year}: {_tkr(self.previous_tkr)} → {_tkr(self.current_tkr)} tkr ({change})"
        )


def _tkr(value: float) -> str:
    number = int(value) if float(value).is_integer() else value
    return f"{number:,}".replace(",", " ")


def fee_changes(con, max_share: float = MAX_FEE_CHANGE_SHARE) -> list[FeeChange]:
    rows = con.execute(
        """
        select f.municipality_code, coalesce(m.municipality_name, f.municipality_code), f.fee_type, f.year,
               p.amount_tkr, f.amount_tkr, f.source_ref
        from marts.fct_fees f
        join marts.fct_fees p
          on p.municipality_code = f.municipality_code and p.fee_type = f.fee_type and p.year = f.year - 1
        left join marts.dim_municipality m on m.municipality_code = f.municipality_code
        where (p.amount_tkr = 0) <> (f.amount_tkr = 0)
           or (p.amount_tkr <> 0 and abs(f.amount_tkr - p.amount_tkr) > ? * abs(p.amount_tkr))
        order by f.fee_type, f.municipality_code, f.year
        """,
        [max_share],
    ).fetchall()
    return [FeeChange(*row) for row in rows]


def outcome(changes: list[FeeChange], max_share: float = MAX_FEE_CHANGE_SHARE) -> CheckOutcome:
    observed = {
        "max_change_share": max_share,
        "changes": [
            {
                "municipality_code": c.municipality_code,
                "municipality": c.municipality_name,
                "fee_type": c.fee_type,
                "year": c.year,
                "previous_tkr": c.previous_tkr,
                "current_tkr": c.current_tkr,
                "share": c.share,
                "source_ref": c.source_ref,
            }
            for c in changes
        ],
    }
    if not changes:
        return CheckOutcome(
            CHECK_NAME,
            ASSET,
            "year_over_year",
            "warning",
            True,
            f"no fee changed by more than {max_share:.0%} from the year before",
            observed,
        )
    message = f"{len(changes)} fee(s) changed by more than {max_share:.0%} or started/stopped: " + "; ".join(
        c.message for c in changes
    )
    return CheckOutcome(CHECK_NAME, ASSET, "year_over_year", "warning", False, message, observed)


def run_fee_changes(database) -> CheckOutcome:
    con = connect(database, read_only=True)
    try:
        return outcome(fee_changes(con))
    finally:
        con.close()
