"""What the reader has chosen, kept in the URL so that a copied link opens the same view.

The chosen municipality ("Min kommun") and year range live in the sidebar's widgets,
which belong to the entry point and so keep their values across pages. The URL mirrors
them (`?kommun=1490&fran=2011&till=2012`): read once when a session starts (a shared
link), written on every run (so a page switch or a change keeps it current). A page's own
choices (Jämför's measure, `?matt=...`) are read from the link the session started with
(`linked`) and written by the page. A value in the link that names nothing known is not
silently replaced: `link_problems` says in Swedish what was not found and what is shown.
"""

from dataclasses import dataclass

import streamlit as st

MUNICIPALITY_PARAM = "kommun"
FIRST_YEAR_PARAM = "fran"
LAST_YEAR_PARAM = "till"
YEARS_WIDGET = "year_range_widget"
MUNICIPALITY_WIDGET = "municipality_widget"
_URL_ADOPTED = "url_adopted"
_LINKED_RANGE = "linked_year_range"
_AVAILABLE_YEARS = "available_years"
_MUNICIPALITY = "chosen_municipality"
_LINKED_PARAMS = "linked_params"
_LINK_PROBLEMS = "link_problems"

# What a page shows first: the latest years, which is what is asked about most; a longer
# range is one drag away. It also keeps the first render of every page short however many
# years the warehouse holds.
DEFAULT_YEARS = 20


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    membership: str
    county_name: str

    @property
    def is_member(self) -> bool:
        return self.membership == "member"


def default_range(years: list[int]) -> tuple[int, int]:
    """The latest DEFAULT_YEARS of the available years (all of them when there are fewer)."""
    return years[max(0, len(years) - DEFAULT_YEARS)], years[-1]


def _year(text: str | None, years: list[int]) -> int | None:
    try:
        year = int(text) if text is not None else None
    except ValueError:
        return None
    return year if year in years else None


def _municipality_code(text: str | None, municipalities: dict[str, Municipality]) -> str | None:
    """A code as it is, or a name in any case (a link typed by hand)."""
    if not text:
        return None
    if text in municipalities:
        return text
    by_name = {municipality.name.casefold(): code for code, municipality in municipalities.items()}
    return by_name.get(text.strip().casefold())


def adopt_url(years: list[int], municipalities: dict[str, Municipality]) -> None:
    """Once per session: the link's choices, where they are valid, become the sidebar's values;
    the ones that name nothing known become link problems."""
    if st.session_state.get(_URL_ADOPTED):
        return
    st.session_state[_URL_ADOPTED] = True
    params = st.query_params
    st.session_state[_LINKED_PARAMS] = params.to_dict()
    problems = {}
    linked_code = params.get(MUNICIPALITY_PARAM)
    code = _municipality_code(linked_code, municipalities)
    if code:
        st.session_state[MUNICIPALITY_WIDGET] = code
    elif linked_code:
        problems[MUNICIPALITY_PARAM] = (
            f"Kommunen ”{linked_code}” i länken finns inte bland förbundets kommuner. "
            "Välj kommun under Min kommun i menyn till vänster."
        )
    first, last = _year(params.get(FIRST_YEAR_PARAM), years), _year(params.get(LAST_YEAR_PARAM), years)
    unknown = [
        params.get(name)
        for name, found in ((FIRST_YEAR_PARAM, first), (LAST_YEAR_PARAM, last))
        if params.get(name) and found is None
    ]
    if unknown:
        problems[YEARS_WIDGET] = (
            f"{'Året' if len(unknown) == 1 else 'Åren'} {' och '.join(f'”{text}”' for text in unknown)} i länken "
            f"finns inte i uppgifterna, som gäller {years[0]}–{years[-1]}. Välj år under År i menyn till vänster."
        )
    st.session_state[_LINK_PROBLEMS] = problems
    if first is not None or last is not None:
        first, last = first or years[0], last or years[-1]
        st.session_state[_LINKED_RANGE] = (min(first, last), max(first, last))


def linked(name: str) -> str | None:
    """A parameter of the link the session started with (a page's own choice)."""
    return (st.session_state.get(_LINKED_PARAMS) or {}).get(name)


def report_link_problem(name: str, message: str) -> None:
    st.session_state.setdefault(_LINK_PROBLEMS, {})[name] = message


def show_link_problems(*names: str) -> None:
    """What the link named that does not exist (of the choices `names`), until the reader has chosen again."""
    problems = st.session_state.get(_LINK_PROBLEMS) or {}
    for name in names:
        if name in problems:
            st.warning(problems[name], icon=":material/link_off:")


def chosen_again(name: str) -> None:
    """The reader has made the choice a link problem was about: the problem no longer applies."""
    (st.session_state.get(_LINK_PROBLEMS) or {}).pop(name, None)


def initial_range(years: list[int]) -> tuple[int, int]:
    """The range the year slider starts from: the link's, else the default."""
    return valid_range(st.session_state.get(_LINKED_RANGE), years) or default_range(years)


def valid_range(value: object, years: list[int]) -> tuple[int, int] | None:
    if isinstance(value, (tuple, list)) and len(value) == 2 and value[0] in years and value[1] in years:
        return int(value[0]), int(value[1])
    return None


def remember(years: list[int], municipality: Municipality | None) -> None:
    """Keep what the sidebar shows for the page, and write it to the URL."""
    st.session_state[_AVAILABLE_YEARS] = years
    st.session_state[_MUNICIPALITY] = municipality
    wanted = {}
    if municipality is not None:
        wanted[MUNICIPALITY_PARAM] = municipality.code
    if years:
        first, last = selected_years()
        wanted |= {FIRST_YEAR_PARAM: str(first), LAST_YEAR_PARAM: str(last)}
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def write_page_choice(name: str, value: str) -> None:
    """A page's own choice, beside the sidebar's in the URL."""
    if st.query_params.get(name) != value:
        st.query_params[name] = value


def selected_years() -> tuple[int, int]:
    """(first, last) of the chosen range; the default range when nothing is chosen."""
    years = st.session_state.get(_AVAILABLE_YEARS) or []
    if not years:
        return (0, 9999)
    return valid_range(st.session_state.get(YEARS_WIDGET), years) or default_range(years)


def recent_years(count: int) -> tuple[int, int]:
    """The last `count` years of the chosen range."""
    first, last = selected_years()
    return max(first, last - count + 1), last


def year_range_text() -> str:
    first, last = selected_years()
    return str(first) if first == last else f"{first}–{last}"


def chosen_municipality() -> Municipality | None:
    return st.session_state.get(_MUNICIPALITY)
