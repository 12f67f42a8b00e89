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
COUNTED_SUFFIX = "__counted"


def _long(frame: pd.DataFrame, columns: dict[str, str], value_name: str) -> pd.DataFrame:
    """Year, measure code and value, from one column per measure (`columns` maps a column to its measure code)."""
    renamed = frame[["year", *columns]].rename(columns=columns)
    return renamed.melt(id_vars="year", value_vars=list(columns.values()), var_name="measure", value_name=value_name)


def profile_against_members(own: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """Long table: year, measure, the municipality's value, the members' unweighted mean and how many it covers.

    `own` has one row per year and a column per measure of MEASURES; `members` per year the mean of
    each measure and its count in `<measure>__counted`.
    """
    years = sorted({int(year) for year in pd.concat([own["year"], members["year"]]).dropna()})
    grid = pd.DataFrame([(year, measure) for year in years for measure in MEASURES], columns=["year", "measure"])
    own_values = _long(own, {measure: measure for measure in MEASURES}, "value")
    averages = _long(members, {measure: measure for measure in MEASURES}, "member_average")
    counted = _long(members, {f"{measure}{COUNTED_SUFFIX}": measure for measure in MEASURES}, "members_counted")
    result = grid
    for part in (own_values, averages, counted):
        result = result.merge(part.astype({"year": int}), on=["year", "measure"], how="left")
    result["members_counted"] = result["members_counted"].fillna(0).astype(int)
    result["difference_percent"] = (result["value"] - result["member_average"]) / result["member_average"] * 100
    result["measure"] = result["measure"].map(MEASURES)
    return result
