"""The reader's choices live in the URL: a link opens the same view, a page switch keeps them,
and a change is written back."""

import pytest

from streamlit_app.state import DEFAULT_YEARS, default_range
from tests.support.app_pages import NBSP, assert_no_error, open_page


@pytest.fixture(autouse=True)
def published_warehouse(published_2012, monkeypatch):
    monkeypatch.setenv("SJUHARAD_WAREHOUSE", str(published_2012))


def test_the_default_year_range_is_the_latest_twenty_years_or_all():
    assert DEFAULT_YEARS == 20
    assert default_range([2011, 2012]) == (2011, 2012)
    assert default_range(list(range(1031, 2051))) == (2031, 2050)


def test_a_link_opens_its_municipality_and_years_and_a_page_switch_keeps_them():
    app = open_page("returns.py", {"kommun": "1463", "fran": "2012", "till": "2012"})
    assert_no_error(app)
    assert app.query_params == {"kommun": "1463", "fran": "2012", "till": "2012"}
    assert any("Mark 2012" in caption.value for caption in app.caption)

    app.switch_page("views/municipality_profile.py").run()
    assert_no_error(app)
    assert app.query_params == {"kommun": "1463", "fran": "2012", "till": "2012"}, "the URL still names the view"
    assert app.sidebar.selectbox(key="municipality_widget").value == "1463"
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics["Förbundsbidrag 2012"] == f"2{NBSP}374{NBSP}tkr"
    assert not any("Utveckling" in subheader.value for subheader in app.subheader), "one year chosen: no trend table"

    app.switch_page("views/compare.py").run()
    assert any(markdown.value.startswith("**Mark 2012:**") for markdown in app.markdown)


def test_choosing_in_the_sidebar_writes_the_url():
    app = open_page("overview.py")
    assert app.query_params == {"kommun": "1490", "fran": "2011", "till": "2012"}, (
        "the default: the largest payer, all years"
    )
    app.sidebar.selectbox(key="municipality_widget").set_value("1452").run()
    app.sidebar.select_slider(key="year_range_widget").set_value((2011, 2011)).run()
    assert_no_error(app)
    assert app.query_params == {"kommun": "1452", "fran": "2011", "till": "2011"}
    app.switch_page("views/returns.py").run()
    assert app.query_params == {"kommun": "1452", "fran": "2011", "till": "2011"}
    assert any("Tranemo 2011" in caption.value for caption in app.caption)


def test_a_municipality_given_by_name_and_invalid_values_are_handled():
    app = open_page("overview.py", {"kommun": "vårgårda", "fran": "1999", "till": "två"})
    assert_no_error(app)
    assert app.query_params == {"kommun": "1442", "fran": "2011", "till": "2012"}, (
        "unknown years fall back to the default"
    )
    warnings = [warning.value for warning in app.warning]
    assert "Åren ”1999” och ”två” i länken finns inte i uppgifterna, som gäller 2011–2012." in " ".join(warnings)
    app.sidebar.select_slider(key="year_range_widget").set_value((2012, 2012)).run()
    assert not any("i länken" in warning.value for warning in app.warning), "the reader has chosen: no message"


def test_an_unknown_municipality_in_the_link_is_named_not_silently_replaced():
    app = open_page("returns.py", {"kommun": "Göteborg"})
    assert_no_error(app)
    assert app.query_params["kommun"] == "1490"
    assert any(
        warning.value.startswith("Kommunen ”Göteborg” i länken finns inte bland förbundets kommuner")
        for warning in app.warning
    )
    app.sidebar.selectbox(key="municipality_widget").set_value("1463").run()
    assert not any("Göteborg" in warning.value for warning in app.warning)


def test_jamfor_keeps_its_measure_and_year_in_the_link():
    app = open_page("compare.py", {"kommun": "1490", "matt": "navet_kr_per_visit", "ar": "2012"})
    assert_no_error(app)
    assert app.selectbox(key="compare_measure").value == "navet_kr_per_visit"
    assert app.query_params["matt"] == "navet_kr_per_visit" and app.query_params["ar"] == "2012"
    app.selectbox(key="compare_measure").set_value("visit_share").run()
    assert app.query_params["matt"] == "visit_share"
    app.switch_page("views/overview.py").run()
    assert "matt" not in app.query_params, "another page's link holds only its own choices"

    app = open_page("compare.py", {"matt": "kostnad"})
    assert_no_error(app)
    assert any(warning.value.startswith("Måttet ”kostnad” i länken finns inte") for warning in app.warning)
