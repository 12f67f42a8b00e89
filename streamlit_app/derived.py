"""Figures the app derives from the marts (changes, shares, per inhabitant). Pure pandas."""

import pandas as pd

POPULATION_BASIS_LABEL = (
    "invånarunderlag härlett ur förbundsbidraget och avgiften per invånare "
    "(förbundsbidrag i kr delat med den avgift per invånare som årsredovisningen anger för året)"
)


def with_change_and_share(fees: pd.DataFrame) -> pd.DataFrame:
    """Each fee row with its change against the year before and its share of the year's fee type."""
    ordered = fees.sort_values(["municipality_code", "fee_type", "year"]).copy()
    previous = ordered.groupby(["municipality_code", "fee_type"])["amount_tkr"].shift()
    previous_year = ordered.groupby(["municipality_code", "fee_type"])["year"].shift()
    consecutive = previous_year == ordered["year"] - 1
    ordered["change_tkr"] = (ordered["amount_tkr"] - previous).where(consecutive)
    ordered["change_percent"] = ((ordered["amount_tkr"] - previous) / previous.abs() * 100).where(
        consecutive & (previous != 0)
    )
    type_total = ordered.groupby(["year", "fee_type"])["amount_tkr"].transform("sum")
    ordered["share_of_fee_type"] = (ordered["amount_tkr"] / type_total).where(type_total != 0)
    return ordered.sort_values(["year", "fee_type", "municipality_name"])


def fees_per_inhabitant(fees: pd.DataFrame, basis: pd.DataFrame) -> pd.DataFrame:
    """Fees per inhabitant of the derived basis, per fee type and all fees, for the years with a basis."""
    by_type = fees.pivot_table(index=["year", "municipality_code"], columns="fee_type", values="amount_tkr", aggfunc="sum")
    by_type = by_type.reindex(columns=["forbundsbidrag", "navet", "medarbetarcentrum"]).reset_index()
    merged = basis.merge(by_type, on=["year", "municipality_code"], how="left")
    for fee_type in ("navet", "medarbetarcentrum"):
        merged[f"kr_per_inhabitant_{fee_type}"] = merged[fee_type].fillna(0) * 1000 / merged["population_basis"]
    all_fees = merged[["forbundsbidrag", "navet", "medarbetarcentrum"]].fillna(0).sum(axis=1)
    merged["kr_per_inhabitant_all"] = all_fees * 1000 / merged["population_basis"]
    return merged.sort_values(["year", "municipality_name"])


def per_thousand_inhabitants(count: pd.Series, population_basis: pd.Series) -> pd.Series:
    return count / population_basis * 1000
