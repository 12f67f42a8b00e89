"""Matching a printed label against last year's labels: exact, or approximately above a threshold."""

import re
from functools import lru_cache
from dataclasses import dataclass
from difflib import SequenceMatcher

APPROXIMATE_THRESHOLD = 0.8
# A line that is the first part of a label broken over two lines covers at least this much of it.
PREFIX_SHARE = 0.45
_CONJUNCTIONS = ("och", "eller", "samt")


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


def best_match(printed: str, known: list[str], candidates: list[int] | None = None, *, partial: bool = True) -> Match | None:
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


def printed_label(printed: str, known: str) -> str:
    """The label to key: last year's spelling where only spacing differs, else the text as printed."""
    if re.sub(r"\s+", "", printed) == re.sub(r"\s+", "", known):
        return known
    return collapse(printed)
