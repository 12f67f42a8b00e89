"""Kolada-style ranking and the trend over a period, as pure functions on the 2012 report's figures."""

import pandas as pd
import pytest

from streamlit_app.comparison import BAD, GOOD, MEASURES, MIDDLE, assessment, rank_and_compare, rank_text
from streamlit_app.trends import trend

# Note 4 (Navet fee, tkr) and Bilaga 1 (visits 2012) of Årsredovisning 2012.
NAVET_FEE = {"1443": 120, "1490": 4500, "1463": 525, "1465": 160, "1452": 200, "1491": 330}
VISITS = {"1443": 1366, "1490": 18542, "1463": 7463, "1465": 1911, "1452": 3183, "1491": 3656}


def rows_2012() -> pd.DataFrame:
    members = [(code, NAVET_FEE[code] * 1000 / VISITS[code], "member") for code in NAVET_FEE]
    others = [
        ("1466", None, "member"),
        ("1442", None, "member"),
        ("1383", None, "adjoined"),
        ("1382", None, "adjoined"),
    ]
    return pd.DataFrame(
        [
            {
                "municipality_code": code,
                "municipality_name": code,
                "membership": membership,
                "navet_kr_per_visit": value,
            }
            for code, value, membership in members + others
        ]
    )


def test_fee_per_visit_lower_is_better_rank_mean_and_colour():
    ranked = rank_and_compare(rows_2012(), MEASURES["navet_kr_per_visit"]).set_index("municipality_code")
    values = {code: NAVET_FEE[code] * 1000 / VISITS[code] for code in NAVET_FEE}
    mean = sum(values.values()) / 6
    assert ranked.loc["1452", "rank"] == 1, "Tranemo: 200 000 kr / 3 183 visits, the lowest"
    assert ranked.loc["1490", "rank"] == 6, "Borås: 4 500 000 kr / 18 542 visits, the highest"
    assert ranked.loc["1490", "member_mean"] == pytest.approx(mean)
    assert ranked.loc["1490", "difference"] == pytest.approx(values["1490"] - mean)
    assert ranked.loc["1490", "difference_percent"] == pytest.approx((values["1490"] - mean) / mean * 100)
    assert set(ranked["ranked_count"]) == {6}
    assert pd.isna(ranked.loc["1466", "rank"]) and pd.isna(ranked.loc["1383", "rank"])
    assert ranked.loc["1452", "assessment"] == GOOD and ranked.loc["1490", "assessment"] == BAD
    assert ranked.loc["1465", "assessment"] == MIDDLE
    assert rank_text(ranked.loc["1490", "rank"], 6) == "plats 6 av 6"


def test_a_measure_without_direction_ranks_largest_first_and_has_no_colour():
    rows = rows_2012().rename(columns={"navet_kr_per_visit": "fees_per_inhabitant_kr"})
    ranked = rank_and_compare(rows, MEASURES["fees_per_inhabitant_kr"]).set_index("municipality_code")
    assert ranked.loc["1490", "rank"] == 1
    assert ranked["assessment"].isna().all()
    assert "ingen riktning" in MEASURES["fees_per_inhabitant_kr"].help


def test_an_adjoined_municipality_is_shown_but_not_ranked_or_in_the_mean():
    rows = pd.DataFrame(
        [
            {
                "municipality_code": "1490",
                "municipality_name": "Borås",
                "membership": "member",
                "forbundsbidrag_tkr": 7249,
            },
            {
                "municipality_code": "1463",
                "municipality_name": "Mark",
                "membership": "member",
                "forbundsbidrag_tkr": 2374,
            },
            {
                "municipality_code": "1383",
                "municipality_name": "Varberg",
                "membership": "adjoined",
                "forbundsbidrag_tkr": 641,
            },
        ]
    )
    ranked = rank_and_compare(rows, MEASURES["forbundsbidrag_tkr"]).set_index("municipality_code")
    assert ranked.loc["1490", "member_mean"] == (7249 + 2374) / 2
    assert pd.isna(ranked.loc["1383", "rank"]) and ranked.loc["1383", "value"] == 641


def test_quartiles_of_eight_members():
    measure = MEASURES["visits_per_thousand"]
    assert [assessment(rank, 8, measure) for rank in range(1, 9)] == [
        GOOD,
        GOOD,
        MIDDLE,
        MIDDLE,
        MIDDLE,
        MIDDLE,
        BAD,
        BAD,
    ]
    assert assessment(1, 1, measure) is None, "one municipality alone is not compared"


def test_trend_over_the_period_and_against_the_year_before():
    # Navet's visits: 53 013 (2011), 57 576 (2012); a made-up 2014 to show a gap year and the compound rate.
    visits = pd.Series({2011: 53013, 2012: 57576, 2014: 60000})
    found = trend(visits, 2011, 2014)
    assert (found.first_year, found.last_year, found.change) == (2011, 2014, 60000 - 53013)
    assert found.change_percent == pytest.approx((60000 - 53013) / 53013 * 100)
    assert found.yearly_change == pytest.approx((60000 - 53013) / 3)
    assert found.yearly_percent == pytest.approx(((60000 / 53013) ** (1 / 3) - 1) * 100)
    assert found.previous_change is None, "no 2013 figure: no change against the year before"
    two_years = trend(visits, 2011, 2012)
    assert two_years.previous_change == 57576 - 53013 == two_years.change
    result = pd.Series({2011: 1882, 2012: 912, 2013: -200})
    assert trend(result, 2011, 2013).yearly_percent is None, "no compound rate across a sign change"
    assert trend(visits, 2020, 2030) is None


@pytest.mark.parametrize("column", ["navet_kr_per_visit", "fees_per_inhabitant_kr"])
def test_one_municipalitys_position_is_its_row_of_the_ranking(column):
    from streamlit_app.comparison import position

    rows = rows_2012().rename(columns={"navet_kr_per_visit": column})
    ranked = rank_and_compare(rows, MEASURES[column]).set_index("municipality_code")
    for code in rows["municipality_code"]:
        found = position(rows, MEASURES[column], code)
        expected = ranked.loc[code]
        assert (pd.isna(found["rank"]) and pd.isna(expected["rank"])) or found["rank"] == expected["rank"], code
        assert found["assessment"] == expected["assessment"] or (
            found["assessment"] is None and pd.isna(expected["assessment"])
        )
        assert found["ranked_count"] == expected["ranked_count"]
        assert found["difference"] == pytest.approx(expected["difference"], nan_ok=True)
