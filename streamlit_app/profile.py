"""The figures of one municipality per year next to the unweighted average of the member municipalities."""

import pandas as pd

MEASURES = {
    "fees_total_tkr": "Avgifter totalt (tkr)",
    "forbundsbidrag_tkr": "Förbundsbidrag (tkr)",
    "navet_tkr": "Medlemsavgift Navet (tkr)",
    "medarbetarcentrum_tkr": "Medlemsavgift Medarbetarcentrum (tkr)",
    "fees_per_inhabitant_kr": "Avgifter per invånare (kr, härlett underlag)",
    "visits": "Besök på Navet",
    "visits_per_thousand": "Besök per 1 000 invånare (härlett underlag)",
    "kr_per_visit": "Navetavgift per besök (kr)",
}


def municipality_year_figures(fees: pd.DataFrame, visits: pd.DataFrame, basis: pd.DataFrame) -> pd.DataFrame:
    """One row per municipality and year with every measure of MEASURES (NaN where not given)."""
    by_type = fees.pivot_table(index=["year", "municipality_code"], columns="fee_type", values="amount_tkr", aggfunc="sum")
    by_type = by_type.reindex(columns=["forbundsbidrag", "navet", "medarbetarcentrum"])
    by_type.columns = [f"{column}_tkr" for column in by_type.columns]
    figures = by_type.reset_index()
    figures["fees_total_tkr"] = figures[["forbundsbidrag_tkr", "navet_tkr", "medarbetarcentrum_tkr"]].sum(axis=1, min_count=1)
    municipal_visits = (
        visits[visits["municipality_code"].notna()]
        .groupby(["year", "municipality_code"], as_index=False)["visits"].sum()
    )
    figures = figures.merge(municipal_visits, on=["year", "municipality_code"], how="outer")
    figures = figures.merge(basis[["year", "municipality_code", "population_basis"]], on=["year", "municipality_code"], how="left")
    figures["fees_per_inhabitant_kr"] = figures["fees_total_tkr"] * 1000 / figures["population_basis"]
    figures["visits_per_thousand"] = figures["visits"] / figures["population_basis"] * 1000
    figures["kr_per_visit"] = (figures["navet_tkr"] * 1000 / figures["visits"]).where(figures["visits"] > 0)
    return figures


def profile_against_members(figures: pd.DataFrame, municipality_code: str, member_codes: list[str]) -> pd.DataFrame:
    """Long table: year, measure, the municipality's value, the members' unweighted mean and how many it covers."""
    rows = []
    members = figures[figures["municipality_code"].isin(member_codes)]
    own = figures[figures["municipality_code"] == municipality_code]
    for year in sorted(figures["year"].dropna().unique()):
        own_year = own[own["year"] == year]
        members_year = members[members["year"] == year]
        for measure, label in MEASURES.items():
            values = members_year[measure].dropna()
            value = own_year[measure].iloc[0] if not own_year.empty else float("nan")
            rows.append(
                {
                    "year": int(year),
                    "measure": label,
                    "value": value,
                    "member_average": values.mean() if len(values) else float("nan"),
                    "members_counted": len(values),
                }
            )
    result = pd.DataFrame(rows)
    result["difference_percent"] = (result["value"] - result["member_average"]) / result["member_average"] * 100
    return result
