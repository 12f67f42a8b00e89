"""The year range a page shows: the sidebar's default, and the latest years that fit in a table."""

from streamlit_app.filters import DEFAULT_YEARS, default_range


def test_the_default_year_range_is_the_latest_twenty_years_or_all():
    assert DEFAULT_YEARS == 20
    assert default_range([2011, 2012]) == (2011, 2012)
    assert default_range(list(range(1031, 2051))) == (2031, 2050)


def test_a_table_shows_its_latest_whole_years_within_the_row_budget():
    import pandas as pd

    from streamlit_app.queries import first_year_that_fits

    fees_per_year = pd.DataFrame({"year": [2011, 2012, 2013], "n": [30, 30, 30]})  # 10 municipalities × 3 fee types
    assert first_year_that_fits(fees_per_year, 111) == 2011
    assert first_year_that_fits(fees_per_year, 89) == 2012
    assert first_year_that_fits(fees_per_year, 10) == 2013, "the latest year even when it alone is over the budget"
    assert first_year_that_fits(fees_per_year.iloc[0:0], 111) is None
