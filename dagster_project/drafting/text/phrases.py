"""Phrases of the running text: found again by last year's wording, with any figure in it.

The running text is the report's lines joined into one string (by line breaks, so that a
figure never runs on into the next line), a word hyphenated at a line break joined again and
page footers left out, with a map back to the lines. A phrase
of last year's report becomes a pattern: its words as they were (any spacing), each
figure a slot for any figure, last year's years as this report's years.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass

from dagster_project.drafting.locate.template import map_years
from dagster_project.drafting.text.labels import collapse, hyphenated_at_break
from dagster_project.drafting.text.source import SourceLine

NUMBER_WORDS = {
    "två": 2,
    "tre": 3,
    "fyra": 4,
    "fem": 5,
    "sex": 6,
    "sju": 7,
    "åtta": 8,
    "nio": 9,
    "tio": 10,
    "elva": 11,
    "tolv": 12,
    "tretton": 13,
    "fjorton": 14,
    "femton": 15,
    "sexton": 16,
    "sjutton": 17,
    "arton": 18,
    "nitton": 19,
    "tjugo": 20,
}
_SEPARATORS = " \u00a0\u202f\u2009"
NUMBER = (
    rf"[-\u2212\u2013]?\d{{1,3}}(?:[{_SEPARATORS}]\d{{3}})+(?:,\d+)?(?!\d|,\d)|[-\u2212\u2013]?\d+(?:,\d+)?(?!\d|,\d)"
)
_WORDS = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_NUMBER_OR_WORD = re.compile(rf"(?<![\w,])(?:{NUMBER}|(?:{_WORDS})(?!\w))", re.IGNORECASE)


def figure_as_printed(phrase: str, template_phrase: str, template_printed: str, slot: int | None) -> str | None:
    """The figure of `phrase` (its number `slot`) with the words that last year's phrase printed
    beside its figure in `template_printed` ("ca ... kr", "... Mkr"), taken from `phrase`; None
    where this year's phrase does not print those words beside it."""
    old_figures = list(_NUMBER_OR_WORD.finditer(template_phrase))
    new_figures = list(_NUMBER_OR_WORD.finditer(phrase))
    if slot is None or not template_printed or slot >= min(len(old_figures), len(new_figures)):
        return None
    old, new = old_figures[slot], new_figures[slot]
    start = template_phrase.find(template_printed)
    while start != -1 and not start <= old.start() < old.end() <= start + len(template_printed):
        start = template_phrase.find(template_printed, start + 1)
    if start == -1:
        return None
    before = template_phrase[start : old.start()].strip()
    after = template_phrase[old.end() : start + len(template_printed)].strip()
    head = re.search(rf"(?<!\w){_words(before)}\s*\Z", phrase[: new.start()], re.IGNORECASE) if before else None
    tail = re.match(rf"\s*{_words(after)}(?!\w)", phrase[new.end() :], re.IGNORECASE) if after else None
    if (before and head is None) or (after and tail is None):
        return None
    return phrase[head.start() if head else new.start() : new.end() + (tail.end() if tail else 0)]


def numbers_in_phrase(phrase: str) -> list[tuple[str, int | float]]:
    """Every figure of a phrase, digits or a number word, with its value."""
    return [(m.group(), figure_value(m.group())) for m in _NUMBER_OR_WORD.finditer(phrase)]


def figure_value(printed: str) -> int | float:
    word = NUMBER_WORDS.get(printed.casefold())
    if word is not None:
        return word
    text = printed.replace("\u2212", "-").replace("\u2013", "-")
    for separator in _SEPARATORS:
        text = text.replace(separator, "")
    return float(text.replace(",", ".")) if "," in text else int(text)


def keyed(printed: str) -> str:
    """A figure as it is keyed: digits for a number word, groups joined by a plain space."""
    word = NUMBER_WORDS.get(printed.casefold())
    if word is not None:
        return str(word)
    text = printed.replace("\u2212", "-").replace("\u2013", "-")
    for separator in _SEPARATORS[1:]:
        text = text.replace(separator, " ")
    return text


@dataclass(frozen=True)
class RunningText:
    text: str
    starts: tuple[int, ...]  # offset in text where each line's contribution starts
    lines: tuple[SourceLine, ...]

    def line_at(self, offset: int) -> SourceLine:
        return self.lines[max(bisect_right(self.starts, offset) - 1, 0)]


def running_text(lines: list[SourceLine] | tuple[SourceLine, ...]) -> RunningText:
    text, starts, kept = "", [], []
    for line in lines:
        piece = collapse(line.text)
        if line.noise or not piece:
            continue
        if text and hyphenated_at_break(text, piece):
            text = text[:-1] + piece
        else:
            # Lines joined by a line break, which no figure's thousands separator matches: "Mål 2" and "429 personer" stay two figures.
            text = f"{text}\n{piece}" if text else piece
        starts.append(len(text) - len(piece))
        kept.append(line)
    return RunningText(text, tuple(starts), tuple(kept))


@dataclass(frozen=True)
class PhraseMatch:
    start: int
    end: int
    text: str  # the phrase as printed
    slot: str | None  # the figure in the slot, as printed


def phrase_pattern(phrase: str, template_year: int, year: int, slot: int | None) -> re.Pattern:
    """Last year's phrase as a pattern for this year's text; group 'slot' is the figure at index `slot`."""
    parts, last = [], 0
    for index, match in enumerate(_NUMBER_OR_WORD.finditer(phrase)):
        parts.append(_words(phrase[last : match.start()]))
        printed = match.group()
        mapped = map_years(printed, template_year, year)
        if index == slot:
            parts.append(rf"(?P<slot>{NUMBER}|{_WORDS})")
        elif re.fullmatch(r"\d{4}", printed) and mapped != printed or printed in (str(year), str(year - 1)):
            parts.append(re.escape(mapped))
        else:
            parts.append(rf"(?:{NUMBER}|{_WORDS})")
        last = match.end()
    parts.append(_words(phrase[last:]))
    body = r"\s*".join(part for part in parts if part)
    return re.compile(rf"(?<![\w]){body}", re.IGNORECASE)


def _words(text: str) -> str:
    words = text.split()
    return r"\s+".join(re.escape(word) for word in words)


def find_phrases(pattern: re.Pattern, text: RunningText) -> list[PhraseMatch]:
    return [
        PhraseMatch(m.start(), m.end(), m.group(), m.group("slot") if "slot" in pattern.groupindex else None)
        for m in pattern.finditer(text.text)
    ]
