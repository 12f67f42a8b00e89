"""How a table fits its room: each column's width from its longest cell, which columns lead every
part, and the parts a table is split into where its columns do not fit side by side.

Every table is laid out twice, for a wide room (a desktop screen's main area or expander) and a
narrow one (a phone, or a column beside another); the page's style sheet (`STYLE`) shows the one
that fits the room the table has, by a CSS container query, so that no part is wider than its box.
"""

from dataclasses import dataclass

# Widths in px of the characters as st.dataframe draws them (Source Sans, 14 px; measured in
# Chromium with the grid's font), rounded up per class; a character of no class counts as wide.
_GLYPH_CLASSES = (
    (3.0, " \u00a0\u2009\u202f"),
    (3.7, "ijlI.,;:'’!|"),
    (5.0, "frt()[]{}/-"),
    (7.1, '0123456789acegksvxyzåäéJL+=<>?*_§−–"”'),
    (8.3, "bdhnopquöABCEFKPRSTVXYZÅÄÉ"),
    (9.4, "DGHNOQUÖ"),
)
_GLYPH_WIDTHS = {glyph: width for width, glyphs in _GLYPH_CLASSES for glyph in glyphs}
WIDE_GLYPH = 11.7
# Left and right padding of a grid cell (8 px each) and a margin for rounding and kerning.
CELL_PADDING = 24
MIN_COLUMN = 50
# A column of sentences wider than this is drawn in a table whose text wraps (st.table), so that
# no sentence is cut off; WRAPPED_COLUMN is the width it is then given a share of.
LONG_TEXT = 300
WRAPPED_COLUMN = 220
# The room of each layout in px: the main area of a 1 400 px screen is 938 px (an expander's
# inside 904 px, one inside another 872 px), a 390 px phone's 358 px (324 px, 290 px). A layout
# is shown where its table has at least SHOWN_FROM px.
ROOMS = {"wide": 840, "narrow": 280}
SHOWN_FROM = 860
# Leading label columns (no formatter of their own) repeated in every part: at most this many, a
# second one only where both take at most KEY_SHARE of the room.
MAX_KEY_COLUMNS = 2
KEY_SHARE = 0.6

STYLE = f"""<style>
[class*="st-key-fit-"] {{ container-type: inline-size; }}
@container (max-width: {SHOWN_FROM - 1}px) {{ [class*="st-key-wide-"] {{ display: none; }} }}
@container (min-width: {SHOWN_FROM}px) {{ [class*="st-key-narrow-"] {{ display: none; }} }}
[data-testid="stTable"] table :is(td, th), [data-testid="stTable"] table :is(td, th) :is(div, p) {{
  overflow-wrap: anywhere !important; white-space: normal !important; }}
</style>"""


def text_width(text: str) -> float:
    return sum(_GLYPH_WIDTHS.get(glyph, WIDE_GLYPH) for glyph in text)


def column_width(header: str, cells: list[str]) -> int:
    """The width in px that shows the header and every cell of a column whole."""
    widest = max([text_width(header), *(text_width(cell) for cell in cells)])
    return max(MIN_COLUMN, int(widest + CELL_PADDING + 0.999))


@dataclass(frozen=True)
class Part:
    """Columns shown together: the key columns and the next columns that fit beside them."""

    columns: tuple[str, ...]
    wraps: bool  # a column of sentences: drawn so that its text wraps


def parts(widths: dict[str, int], labels: list[str], room: int) -> list[Part]:
    """The columns of a table (`widths` in order) in parts that each fit `room` px. The leading
    `labels` columns lead every part: the first always, a second where both take at most KEY_SHARE of the room."""
    columns = list(widths)
    keys: list[str] = []
    for column in columns[:MAX_KEY_COLUMNS]:
        if column not in labels or (keys and sum(_laid_out(widths[key]) for key in [*keys, column]) > room * KEY_SHARE):
            break
        keys.append(column)
    rest = [column for column in columns if column not in keys]
    if not rest:
        return [_part(keys, widths, room)]
    used = sum(_laid_out(widths[key]) for key in keys)
    groups: list[list[str]] = [[]]
    width = used
    for column in rest:
        needed = _laid_out(widths[column])
        if groups[-1] and width + needed > room:
            groups.append([])
            width = used
        groups[-1].append(column)
        width += needed
    return [_part([*keys, *group], widths, room) for group in groups]


def _laid_out(width: int) -> int:
    return min(width, WRAPPED_COLUMN) if width > LONG_TEXT else width


def _part(columns: list[str], widths: dict[str, int], room: int) -> Part:
    """A part wraps where a column holds sentences, or where even its narrowest split (the key
    columns and one more) is wider than the room: its labels and headers then wrap."""
    too_wide = sum(_laid_out(widths[column]) for column in columns) > room
    return Part(tuple(columns), too_wide or any(widths[column] > LONG_TEXT for column in columns))
