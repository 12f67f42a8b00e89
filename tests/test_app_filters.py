"""The sidebar's year range: what a page shows before anyone chooses."""

from streamlit_app.filters import DEFAULT_YEARS, default_range


def test_the_default_year_range_is_the_latest_twenty_years_or_all():
    assert DEFAULT_YEARS == 20
    assert default_range([2011, 2012]) == (2011, 2012)
    assert default_range(list(range(1031, 2051))) == (2031, 2050)
