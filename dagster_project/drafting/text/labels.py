"""Matching a printed label against last year's labels: exact, or approximately above a threshold.

A row is keyed with its label as this report prints it, under last year's `line_id`, so the
years line up. Spacing between words, letter case and a trailing `.` or `:` do not make a label
differ. A space inside one of last year's words is the extraction's doing when the report prints
that word whole elsewhere ("Antal samtal/tillf ällen", with "tillfällen" elsewhere): then last
year's spelling is keyed and the review says so under notes. Any other difference ("Kontant
kassa" for "Kontantkassa", "Bankmedel" for "Bankkonton") is listed under "Labels matched only
approximately". A label is matched to last year's by its words (80 % similarity), or else by its
place: a printed row that matched nothing, standing where a row of last year's table was not
found, is taken as that row reworded when the two labels share a word stem (the first four
letters of a word, or a word inside another: "Övrigt" / "Övriga skulder", "Bidrag från Regionen"
/ "Regionens bidrag"). Labels without a shared stem at the same place ("Borås", "Herrljunga")
are a row removed and a row added, both listed.
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

APPROXIMATE_THRESHOLD = 0.8
# A line that is the first part of a label broken over two lines covers at least this much of it.
PREFIX_SHARE = 0.45
_CONJUNCTIONS = ("och", "eller", "samt")
_WORD = re.compile(r"\w+")
_PROSE_WORDS = 8
_STEM = 4
_SENTENCE_END = re.compile(r"[.!?]\s+[A-ZÅÄÖ]")


def collapse(text: str) -> str:
    return " ".join(text.replace("\u2212", "-").replace("\u2013", "-").split())


def key(text: str) -> str:
    return collapse(text).casefold().rstrip(" .:")


@lru_cache(maxsize=65536)
def compact(text: str) -> str:
    """Without any whitespace: a word the extraction split ("tillf ällen") still compares equal."""
    return "".join(key(text).split())


def similarity(printed: str, known: str, floor: float = 0.0) -> float:
    """How alike two labels are (0 to 1); below `floor` the result is only an upper bound."""
    matcher = SequenceMatcher(None, compact(printed), compact(known), autojunk=False)
    if matcher.real_quick_ratio() < floor:
        return matcher.real_quick_ratio()
    if matcher.quick_ratio() < floor:
        return matcher.quick_ratio()
    return matcher.ratio()


def hyphenated_at_break(first: str, second: str) -> bool:
    """Does `first` end with a word the line break hyphenated, which `second` continues?"""
    return first.endswith("-") and second[:1].islower() and second.split(" ")[0] not in _CONJUNCTIONS


def join_broken(first: str, second: str) -> str:
    """Two lines of one label: a word hyphenated at the line break is joined again."""
    first, second = collapse(first), collapse(second)
    if hyphenated_at_break(first, second):
        return first[:-1] + second
    return f"{first} {second}".strip()


@dataclass(frozen=True)
class Match:
    index: int  # of the known label
    score: float
    exact: bool  # the same words, spacing aside
    partial: bool = False  # the printed text is the start of the known label (broken over lines)


def best_match(
    printed: str, known: list[str], candidates: list[int] | None = None, *, partial: bool = True
) -> Match | None:
    """The known label the printed one is, or begins; None below the threshold."""
    if not compact(printed):
        return None
    best: Match | None = None
    for index in candidates if candidates is not None else range(len(known)):
        label = known[index]
        if compact(printed) == compact(label):
            return Match(index, 1.0, True)
        score = similarity(printed, label, APPROXIMATE_THRESHOLD)
        match = Match(index, score, False)
        stem = compact(printed).rstrip("-")
        if partial and len(stem) >= PREFIX_SHARE * len(compact(label)) and compact(label).startswith(stem):
            match = Match(index, max(score, 0.99), False, partial=True)
        if match.score >= APPROXIMATE_THRESHOLD and (best is None or match.score > best.score):
            best = match
    return best


def vocabulary(text: str) -> frozenset[str]:
    """The words a report prints (casefolded), to tell a word the extraction split from a reworded label."""
    return frozenset(word.casefold() for word in _WORD.findall(text))


@dataclass(frozen=True)
class Keyed:
    """A printed label as it is keyed, and what the reviewer is told about it."""

    text: str
    doubt: str | None = None  # the label differs from last year's: listed as approximate
    note: str | None = None  # told, no doubt


def keyed_label(printed: str, known: str, words: frozenset[str]) -> Keyed:
    """The label as this report prints it; last year's spelling only where the extraction split a word.

    Spacing between words and letter case do not make a label differ. A space inside one of
    last year's words is the extraction's doing when the report prints that word whole
    elsewhere ("tillf ällen", "tillfällen"); any other difference is a reworded label.
    """
    text = collapse(printed)
    if key(text) == key(known):
        return Keyed(text)
    split = _split_words(text, known)
    if split and all(word in words for word in split):
        return Keyed(
            collapse(known),
            note=f"printed '{text}': the extraction split {', '.join(sorted(split))}, "
            f"printed whole elsewhere in the report; keyed as '{collapse(known)}'",
        )
    return Keyed(text, doubt=f"printed '{text}', last year '{collapse(known)}'")


def _split_words(printed: str, known: str) -> set[str] | None:
    """Last year's words that the printed label splits with a space; None if it differs otherwise."""
    if (
        compact(printed) != compact(known)
        or len(printed.casefold()) != len(printed)
        or len(known.casefold()) != len(known)
    ):
        return None
    printed_breaks, known_breaks = _breaks(printed), _breaks(known)
    if known_breaks - printed_breaks:
        return None
    glued = "".join(known.casefold().split())
    split = set()
    for position in printed_breaks - known_breaks:
        start = position
        while start > 0 and glued[start - 1].isalnum() and start not in known_breaks:
            start -= 1
        end = position
        while end < len(glued) and glued[end].isalnum() and end not in known_breaks:
            end += 1
        split.add(glued[start:end])
    return split


def _breaks(text: str) -> set[int]:
    """Where the spaces of a text fall, counted in its letters without spaces."""
    breaks, count = set(), 0
    for word in text.split():
        if count:
            breaks.add(count)
        count += len(word)
    return breaks


def pair_by_position(
    order: list[int | None], missing: set[int], printed: list[str], known: list[str]
) -> dict[int, int]:
    """Printed rows no label matched, paired with last year's rows not found at the same place.

    `order` holds, for each printed row, the index of last year's row it matched (None: no
    match). Between two matched rows, the unmatched printed rows and last year's missing rows
    in between are paired in order when there are as many of each and each pair shares a word
    stem: a reworded label ("Bankkonton", "Bankmedel"). Different words ("Borås",
    "Herrljunga") are a row removed and a row added.
    """
    pairs: dict[int, int] = {}
    run: list[int] = []
    previous = -1
    for position, index in enumerate([*order, None]):
        at_end = position == len(order)
        if index is None and not at_end:
            run.append(position)
            continue
        upper = index if index is not None else float("inf")
        between = sorted(i for i in missing if previous < i < upper)
        if run and len(run) == len(between) and all(related(printed[p], known[i]) for p, i in zip(run, between)):
            pairs.update(zip(run, between))
        run = []
        if index is not None:
            previous = index
    return pairs


def related(first: str, second: str) -> bool:
    """Do two labels share a word stem (the first four letters of a word, or a word inside another)?"""
    stems = {word[:_STEM] for word in _WORD.findall(first.casefold()) if len(word) >= _STEM}
    other = [word for word in _WORD.findall(second.casefold()) if len(word) >= _STEM]
    return any(word[:_STEM] in stems for word in other) or any(
        a in b or b in a for a in _WORD.findall(first.casefold()) if len(a) >= _STEM for b in other
    )


def is_heading(text: str) -> bool:
    """A page or section heading in capitals ("BILAGA 1 - NAVET 2013"): never a table row."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def is_prose(text: str, longest_label: int) -> bool:
    """Running text, not a row: more words than any label of last year's table, or a sentence ending inside."""
    words = len(text.split())
    return words > max(_PROSE_WORDS, longest_label + 3) or (words >= 5 and bool(_SENTENCE_END.search(text)))
