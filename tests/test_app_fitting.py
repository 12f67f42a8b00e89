"""How a table fits its room (streamlit_app/fitting.py), on the columns of Översikt's development
table and Navet's goals as the app shows them for 2011–2012."""

from streamlit_app import fitting

NBSP = "\u00a0"
# Översikt, "Utveckling 2011–2012": the measure, then its figures (cells as shown).
DEVELOPMENT = {
    "Mått": ["Verksamhetens kostnader", "Medlemsavgifter och förbundsbidrag"],
    "Första år": ["2011"],
    "Värde första år": [f"\u221262{NBSP}651{NBSP}tkr"],
    "Sista år": ["2012"],
    "Värde sista år": [f"\u221263{NBSP}300{NBSP}tkr"],
    "Förändring": [f"\u2212649{NBSP}tkr"],
    "Förändring (%)": [f"\u22121,0{NBSP}%"],
    "Genomsnitt per år": [f"\u2212649{NBSP}tkr"],
    "Genomsnitt per år (%)": [f"\u22121,0{NBSP}%"],
    "Mot året före": [f"\u2212649{NBSP}tkr"],
    "Mot året före (%)": [f"\u22121,0{NBSP}%"],
}
GOALS = {
    "År": ["2012"],
    "Mål": ["1"],
    "Planerat": ["Minst 20 000 elever på temabesök under året, från alla medlemskommunerna"],
    "Uppfyllt (%)": ["128,4"],
}


def _widths(table: dict[str, list[str]]) -> dict[str, int]:
    return {column: fitting.column_width(column, cells) for column, cells in table.items()}


def test_a_column_is_as_wide_as_its_longest_cell_or_header():
    measure = fitting.column_width("Mått", DEVELOPMENT["Mått"])
    assert measure == fitting.column_width("Mått", ["Medlemsavgifter och förbundsbidrag"])
    assert measure > fitting.column_width("Mått", ["Verksamhetens kostnader"])
    assert fitting.column_width("Genomsnitt per år (%)", ["\u22121,0 %"]) == fitting.column_width(
        "Genomsnitt per år (%)", []
    ), "the header is the widest"
    assert fitting.column_width("Mål", ["1"]) == fitting.MIN_COLUMN, "a narrow column is still wide enough to click"


def test_a_wide_table_is_split_into_parts_that_fit_each_led_by_its_label_column():
    widths = _widths(DEVELOPMENT)
    assert sum(widths.values()) > fitting.ROOMS["wide"], "the whole table does not fit 1 400 px"
    for room in fitting.ROOMS.values():
        parts = fitting.parts(widths, ["Mått", "Första år", "Sista år"], room)
        assert len(parts) > 1
        keys = [column for column in parts[0].columns if all(column in part.columns for part in parts)]
        assert keys[0] == "Mått", "every part says which measure a row is"
        shown = [column for part in parts for column in part.columns if column not in keys]
        assert sorted([*keys, *shown]) == sorted(DEVELOPMENT), "each column once, beside the label columns"
        for part in parts:
            assert part.wraps or sum(widths[column] for column in part.columns) <= room, (room, part)


def test_a_column_of_sentences_is_drawn_so_that_it_wraps():
    (part,) = fitting.parts(_widths(GOALS), ["År", "Mål"], fitting.ROOMS["wide"])
    assert part.columns == tuple(GOALS) and part.wraps
    narrow = fitting.parts(_widths(GOALS), ["År", "Mål"], fitting.ROOMS["narrow"])
    assert all(part.columns[:2] == ("År", "Mål") for part in narrow)
