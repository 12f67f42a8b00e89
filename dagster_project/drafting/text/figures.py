"""Figures as a PDF-to-text extraction prints them, split from their labels.

Swedish formats (space, no-break or thin space between groups of three, hyphen, U+2212 or en
dash as minus, decimal comma, footnote marks, parentheses). "584 583" can be one figure or two:
every grouping is tried and the count the table needs decides; where two groupings fit ("1 484
722 6"), the printed totals the row takes part in decide (a total that fails for another reason
does not), else the cells stay empty and the review lists both readings. "000" alone is never a
figure.
"""

import re
from dataclasses import dataclass
from itertools import combinations

from dagster_project.raw_format.numbers import parse_number

BOUND_SEPARATORS = "\u00a0\u202f\u2009"
_MINUS = "-\u2212\u2013"
_NUMBER_TOKEN = re.compile(
    rf"(?P<open>\()?(?P<sign>[{_MINUS}])?(?P<digits>\d{{1,3}}(?:[{BOUND_SEPARATORS}]\d{{3}})+|\d+)"
    r"(?:,(?P<fraction>\d+))?(?P<close>\))?(?P<mark>\*+)?(?P<percent>%)?"
)
_WORD = re.compile(r"[^ \t]+")  # a no-break or thin space keeps a figure's groups together


@dataclass(frozen=True)
class Token:
    text: str
    gap: int  # spaces before the token
    open: bool = False
    close: bool = False
    sign: str = ""
    digits: str = ""
    fraction: str | None = None
    mark: str = ""
    percent: bool = False
    hard: bool = False  # a tab before it: a column boundary the layout reader saw (layout.py)

    @property
    def bound(self) -> bool:
        return any(c in self.digits for c in BOUND_SEPARATORS)


@dataclass(frozen=True)
class Figure:
    printed: str  # as it is keyed: groups joined by a space, minus as '-', no parentheses or marks
    value: int | float
    parenthesised: bool
    footnote: str
    tokens: int  # how many tokens it took
    start: int = 0  # index of its first token


@dataclass(frozen=True)
class SplitLine:
    label: str
    tokens: tuple[Token, ...]  # the trailing number tokens
    lead_gap: int  # spaces between the label and the first number


def number_token(word: str, gap: int, hard: bool = False) -> Token | None:
    match = _NUMBER_TOKEN.fullmatch(word)
    if match is None or bool(match["open"]) and not match["close"] and word.endswith(")"):
        return None
    return Token(
        word,
        gap,
        bool(match["open"]),
        bool(match["close"]),
        match["sign"] or "",
        match["digits"],
        match["fraction"],
        match["mark"] or "",
        bool(match["percent"]),
        hard,
    )


def split_line(text: str) -> SplitLine:
    """The label and the run of number tokens that ends the line."""
    words = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text.rstrip())]
    tokens: list[Token] = []
    index = len(words)
    while index > 0:
        word, start, _ = words[index - 1]
        previous_end = words[index - 2][2] if index > 1 else 0
        token = number_token(word, start - previous_end if index > 1 else 0, "\t" in text[previous_end:start])
        if token is None:
            break
        tokens.insert(0, token)
        index -= 1
    label = text[: words[index - 1][2]].strip() if index > 0 else ""
    lead_gap = tokens[0].gap if tokens and label else 0
    return SplitLine(" ".join(label.split()), tuple(tokens), lead_gap)


def _joinable(first: Token, group: Token) -> bool:
    """Can `group` continue the figure that `first` starts, as a group of three digits?"""
    return (
        group.gap == 1
        and not group.hard
        and not group.sign
        and not group.open
        and not first.bound
        and not group.bound
        and len(group.digits) == 3
        and group.digits.isdigit()
    )


def _figure(tokens: tuple[Token, ...], start: int = 0) -> Figure | None:
    first, last = tokens[0], tokens[-1]
    if len(tokens) > 1:
        if (
            first.fraction is not None
            or first.mark
            or first.percent
            or first.close
            or len(first.digits) > 3
            or (first.digits.startswith("0"))
        ):
            return None
        if any(t.fraction is not None or t.mark or t.percent or t.close for t in tokens[1:-1]):
            return None
        if not all(_joinable(first, t) for t in tokens[1:]):
            return None
    if first.open != last.close or len(first.digits) > 1 and first.digits.startswith("0"):
        return None  # "000" is the tail of a figure, never a figure of its own
    digits = " ".join(t.digits for t in tokens)
    for separator in BOUND_SEPARATORS:
        digits = digits.replace(separator, " ")
    sign = "-" if first.sign else ""
    printed = f"{sign}{digits}" + (f",{last.fraction}" if last.fraction is not None else "")
    try:
        value = parse_number(printed)
    except ValueError:
        return None
    return Figure(printed, value, first.open, last.mark, len(tokens), start)


def groupings(tokens: tuple[Token, ...]) -> list[tuple[Figure, ...]]:
    """Every way to read the tokens as a sequence of figures."""
    results: list[tuple[Figure, ...]] = []

    def extend(start: int, taken: tuple[Figure, ...]) -> None:
        if start == len(tokens):
            results.append(taken)
            return
        for end in range(start + 1, len(tokens) + 1):
            figure = _figure(tokens[start:end], start)
            if figure is None:
                if end > start + 1:
                    break
                continue
            extend(end, (*taken, figure))

    extend(0, ())
    return results


def read_figures(tokens: tuple[Token, ...], counts: tuple[int, ...]) -> list[tuple[Figure, ...]]:
    """The groupings with one of `counts` figures, the counts in order of preference."""
    every = groupings(tokens)
    for count in counts:
        fitting = [g for g in every if len(g) == count]
        if fitting:
            return fitting
    return []


def placements(figures: int, columns: int) -> list[tuple[int, ...]]:
    """Every way to place `figures` figures, in order, into `columns` columns."""
    return list(combinations(range(columns), figures))


def gap_placement(split: SplitLine, figures: tuple[Figure, ...], columns: int) -> tuple[int, ...] | None:
    """Columns read from the spacing: each blank column widens the gap by one space.

    Works for extractions that keep a space per blank cell (pdftotext's default); None
    when the spacing does not account for exactly the blank columns.
    """
    position, index, result = -1, 0, []
    gaps = []
    for figure in figures:
        gaps.append(split.tokens[index].gap if index else (split.lead_gap if split.label else 1))
        index += figure.tokens
    for gap in gaps:
        position += max(gap, 1)
        result.append(position)
    if not result or result[-1] >= columns:
        return None
    return tuple(result)
