"""Where each table of last year's report stands in this year's text, and which year the report is.

The year (`detect_year`): from the title as the latest report's manifest words it
("Årsredovisning 2012" with any year), else from column headers "2013 2012". `YEAR` must agree,
or the command stops with the evidence.

The tables: by their titles (note titles with their number), scored by title similarity plus how
many of last year's rows follow; each table reads up to the next located title. A note whose
title was reworded ("11 Likvida medel" for "11 Kassa och bank") is found by its number where at
least two of last year's rows follow it before the next note; its title is keyed as printed and
listed as approximate.
"""

import re
from collections import Counter
from dataclasses import dataclass

from dagster_project.drafting.locate.template import Template, TemplateTable, map_years
from dagster_project.drafting.text import labels
from dagster_project.drafting.text.figures import split_line
from dagster_project.drafting.text.source import Source, SourceLine

TITLE_THRESHOLD = 0.8
_WINDOW = 40  # lines after a title in which last year's rows are counted
_ROW_BONUS = 0.02
# A note whose title was reworded is found by its number, where last year's rows follow it: below any title match.
_BY_NUMBER = 0.5
_NOTE_TITLE = re.compile(r"^\s*(\d{1,2})\s+(\S.*?)\s*$")


class YearError(ValueError):
    pass


@dataclass(frozen=True)
class Located:
    line: SourceLine
    printed_title: str
    exact: bool
    by_number: bool = False  # a note found by its number and rows, its title reworded


def detect_year(
    source: Source, template: Template | None = None, title: str = "Årsredovisning 2000"
) -> tuple[int | None, str]:
    """The year the report is for: from its title (as last year's manifest titled it), else its column headers."""
    title = template.manifest.title if template is not None else title
    words = [r"(\d{4})" if re.fullmatch(r"\d{4}", word) else re.escape(word) for word in title.split()]
    pattern = re.compile(r"\s+".join(words), re.IGNORECASE)
    found = Counter()
    first: dict[int, SourceLine] = {}
    for line in source.lines:
        for match in pattern.finditer(line.text):
            if match.groups():
                year = int(match[1])
                found[year] += 1
                first.setdefault(year, line)
    if found:
        year, count = found.most_common(1)[0]
        shown = re.sub(r"\d{4}", str(year), title)
        return year, f"the title '{shown}' ({count} times, first at {first[year].where})"
    headers = Counter()
    for line in source.lines:
        match = re.fullmatch(r"\s*(\d{4})\s+(\d{4})(?:\s+not)?\s*", line.text, re.IGNORECASE)
        if match and int(match[2]) == int(match[1]) - 1:
            headers[int(match[1])] += 1
            first.setdefault(int(match[1]), line)
    if headers:
        year, count = headers.most_common(1)[0]
        return year, f"the column headers '{year} {year - 1}' ({count} times, first at {first[year].where})"
    return None, "no title with a year and no column headers of two years"


def _title_score(text: str, title: str) -> float:
    if labels.compact(text) == labels.compact(title):
        return 1.0
    score = labels.similarity(text, title, TITLE_THRESHOLD)
    if labels.compact(text).startswith(labels.compact(title)):
        score = max(score, 0.85 + 0.1 * len(labels.compact(title)) / len(labels.compact(text)))
    return score


def _candidates(table: TemplateTable, lines: list[SourceLine], title: str) -> list[tuple[float, SourceLine, str, bool]]:
    """Lines that may be the table's title: (score, line, the title as printed, found by its note number only)."""
    result = []
    note = table.entry.note
    for line in lines:
        text = labels.collapse(line.text)
        if line.noise or not text:
            continue
        printed = text
        bonus = 0.0
        if note is not None:
            match = _NOTE_TITLE.match(text)
            if match is None or split_line(match[2]).tokens:
                continue
            printed = match[2]
            bonus = 0.05 if int(match[1]) == note else 0.0
        score = _title_score(printed, title)
        if score >= TITLE_THRESHOLD:
            result.append((score + bonus, line, printed, False))
        elif bonus:
            result.append((_BY_NUMBER, line, printed, True))
    return result


def _rows_after(table: TemplateTable, lines: list[SourceLine], start: int, own_lines_only: bool = False) -> int:
    """How many of last year's rows follow the line (up to the next note's title, if `own_lines_only`)."""
    column = table.entry.spec.label_column
    if column is None or table.entry.table_type == "key_figures":
        return 0
    known = list(dict.fromkeys(str(row[column] or "") for row in table.rows if row.get(column)))
    following = [line for line in lines[start:] if not line.noise and line.text.strip()][:_WINDOW]
    seen = set()
    for line in following:
        if (
            own_lines_only
            and (title := _NOTE_TITLE.match(labels.collapse(line.text)))
            and not split_line(title[2]).tokens
        ):
            break
        label = split_line(line.text).label or labels.collapse(line.text)
        match = labels.best_match(label, known)
        if match is not None:
            seen.add(match.index)
    return len(seen)


def locate_tables(template: Template, source: Source, year: int) -> dict[str, Located]:
    lines = list(source.lines)
    scored = []
    for table in template.tables:
        if table.entry.table_type == "key_figures":
            continue
        title = map_years(table.entry.title, template.year, year)
        for score, line, printed, by_number in _candidates(table, lines, title):
            rows = _rows_after(table, lines, line.number, own_lines_only=by_number)
            if by_number and rows < min(2, len(table.rows)):
                continue
            scored.append((score + _ROW_BONUS * min(rows, 10), table.entry.table_id, line, printed, title, by_number))
    scored.sort(key=lambda item: (-item[0], item[2].number))
    located: dict[str, Located] = {}
    used: set[int] = set()
    for _, table_id, line, printed, title, by_number in scored:
        if table_id in located or line.number in used:
            continue
        located[table_id] = Located(line, printed, labels.compact(printed) == labels.compact(title), by_number)
        used.add(line.number)
    return located


def regions(located: dict[str, Located], source: Source) -> dict[str, list[SourceLine]]:
    """Each located table's lines: from its title to the next located title."""
    starts = sorted((found.line.number, table_id) for table_id, found in located.items())
    result = {}
    for position, (start, table_id) in enumerate(starts):
        end = starts[position + 1][0] - 1 if position + 1 < len(starts) else len(source.lines)
        result[table_id] = list(source.lines[start:end])
    return result
