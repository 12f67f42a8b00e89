"""Figures and texts of the running text: the key figures, and Navet's resultatmål.

Both are found by last year's phrase with every figure a slot (number words like "sex" included), in the
running text with words hyphenated at line breaks joined again; a figure never runs on from the
line before ("Mål 2" / "429 personer"). A key figure as printed is this year's figure with the
words last year's printed beside it ("ca", "Mkr"), or left empty and listed where they differ
(the loader then asks for it: it must stand in the phrase). A goal's achieved text is the text
up to the next goal found; where the next goal of last year's list is missing, or the text is more than twice as
long as last year's and five words longer, it may run into a goal last year's report did not
have: it is left empty and listed (ambiguous), with a table-level line under added rows. A goal
whose previous goal has no achieved text of its own (where last year's had one) is left empty
and listed too: its text may be the previous goal's, printed after it where the two columns of
the goals table were read out of order.
"""

from dagster_project.drafting.locate.template import ACHIEVED_WORDS, NEGATIVE_BY_WORDS, SLOT, TemplateTable, map_years
from dagster_project.drafting.model import ADDED, AMBIGUOUS, APPROXIMATE, NOT_FOUND, NOTE, DraftTable, ReadContext
from dagster_project.drafting.text import labels
from dagster_project.drafting.text.phrases import (
    figure_as_printed,
    find_phrases,
    keyed,
    numbers_in_phrase,
    phrase_pattern,
    running_text,
)
from dagster_project.drafting.text.source import SourceLine

# A figure this close to the report year is a year ("fortsätter 2013"), not a goal's value.
_YEAR_SPAN = 2
# An achieved text this many words longer than last year's, and twice as long, may hold a new goal.
_LONGER_BY = 5


def read_key_figures(table: TemplateTable, draft: DraftTable, region: list[SourceLine], context: ReadContext) -> None:
    """Key figures from the whole report's running text (`region` is not used: the phrases stand anywhere)."""
    text = context.running
    template_year, year = context.template_year, context.year
    cursor = 0
    for row in table.rows:
        key = f"{row['figure_id']} {row['year'] - template_year + year}"
        if row[SLOT] is None:
            draft.flag(
                key, "value", NOT_FOUND, f"last year's phrase '{row['label']}' does not show its figure: left out"
            )
            continue
        pattern = phrase_pattern(row["label"], template_year, year, row[SLOT])
        found = find_phrases(pattern, text)
        if not found:
            draft.flag(
                key,
                "value",
                NOT_FOUND,
                f"the phrase '{map_years(row['label'], template_year, year)}' (figures aside) is not in this report: left out",
            )
            continue
        after = [m for m in found if m.start >= cursor]
        match = (after or found)[0]
        line = text.line_at(match.start)
        if len(found) > 1:
            draft.flag(
                key,
                "value",
                NOTE if after else AMBIGUOUS,
                f"the phrase stands {len(found)} times in the report; took the one at {line.where}, after the previous figure",
                line,
            )
        cursor = match.end
        value = keyed(match.slot)
        if row[NEGATIVE_BY_WORDS] and not value.startswith("-"):
            value = f"-{value}"
        label = labels.collapse(match.text)
        printed = figure_as_printed(label, row["label"], row["as_printed"], row[SLOT])
        draft.add_row(
            {
                "figure_id": row["figure_id"],
                "section": row["section"],
                "label": label,
                "year": str(row["year"] - template_year + year),
                "value": value,
                "unit": row["unit"],
                "qualifier": row["qualifier"] if _has_qualifier(row["qualifier"], match.text) else None,
                "as_printed": printed,
            },
            {"label": line, "value": text.line_at(match.start + match.text.find(match.slot)), "year": line},
        )
        if printed is None:
            draft.flag(
                key,
                "as_printed",
                NOT_FOUND,
                f"last year's '{row['as_printed']}' is not printed beside the figure in this year's phrase: left empty",
                line,
            )
        if row["qualifier"] and not _has_qualifier(row["qualifier"], match.text):
            draft.flag(
                key,
                "qualifier",
                APPROXIMATE,
                f"last year's qualifier '{row['qualifier']}' is not in this year's phrase: left empty",
                line,
            )


def _has_qualifier(qualifier: str | None, phrase: str) -> bool:
    return bool(qualifier) and qualifier.split()[0].casefold() in phrase.casefold()


def read_goals(table: TemplateTable, draft: DraftTable, region: list[SourceLine], context: ReadContext) -> None:
    template_year, year = context.template_year, context.year
    text = running_text(region)
    located = []
    cursor = 0
    for index, row in enumerate(table.rows):
        found = [
            m
            for m in find_phrases(phrase_pattern(row["planned"], template_year, year, None), text)
            if m.start >= cursor
        ]
        if not found:
            draft.flag(
                str(row["goal_no"]), "planned", NOT_FOUND, f"goal '{row['planned']}' not found in this report: left out"
            )
            continue
        located.append((index, row, found[0]))
        cursor = found[0].end
    texts = [
        labels.collapse(text.text[match.end : located[p + 1][2].start if p + 1 < len(located) else len(text.text)])
        for p, (_, _, match) in enumerate(located)
    ]
    for position, (index, row, match) in enumerate(located):
        following = located[position + 1] if position + 1 < len(located) else None
        achieved = texts[position]
        line = text.line_at(match.start)
        doubt = _runs_on(achieved, row, following[0] - index - 1 if following else len(table.rows) - index - 1)
        if not doubt and position and not texts[position - 1] and located[position - 1][1][ACHIEVED_WORDS]:
            # The goal before has no text of its own: the two columns may have been read out of order.
            draft.flag(
                str(row["goal_no"]),
                "achieved, achieved_value" if row["value_unit"] else "achieved",
                AMBIGUOUS,
                f"goal {located[position - 1][1]['goal_no']} before it has no achieved text, which may stand here: "
                f"left empty (the text up to the next goal: '{achieved}')",
                text.line_at(match.end),
            )
            achieved = ""
        if doubt:
            draft.flag(
                str(row["goal_no"]),
                "achieved",
                AMBIGUOUS,
                f"{doubt}; where this goal's achieved text ends cannot be told: "
                f"left empty (the text up to the next goal found: '{achieved}')",
                text.line_at(match.end),
            )
            draft.flag(
                "",
                "",
                ADDED,
                f"after goal {row['goal_no']} this report may print a goal last year's report did not have: "
                "it is not drafted; key it by hand",
                text.line_at(match.end),
            )
            achieved = ""
        cells = {"goal_no": str(row["goal_no"]), "planned": labels.collapse(match.text), "achieved": achieved or None}
        if row["value_unit"]:
            cells["planned_value"] = _single_figure(match.text, year, draft, row, "planned_value", line)
            cells["achieved_value"] = _single_figure(
                achieved, year, draft, row, "achieved_value", text.line_at(match.end)
            )
            cells["value_unit"] = row["value_unit"]
        draft.add_row(
            cells,
            {
                "goal_no": line,
                "planned": line,
                "achieved": text.line_at(min(match.end + 1, len(text.text) - 1)),
                "planned_value": line,
                "achieved_value": text.line_at(min(match.end + 1, len(text.text) - 1)),
            },
        )
        if not achieved and not doubt:
            draft.flag(
                str(row["goal_no"]), "achieved", AMBIGUOUS, "no text between this goal and the next: left empty", line
            )


def _runs_on(achieved: str, row: dict, skipped: int) -> str | None:
    """Why the achieved text may run into a goal that is not last year's, if it may."""
    if skipped:
        return f"the next {'goal' if skipped == 1 else f'{skipped} goals'} of last year's list {'is' if skipped == 1 else 'are'} not in this report"
    words, last_year = len(achieved.split()), row[ACHIEVED_WORDS]
    if words > max(2 * last_year, last_year + _LONGER_BY):
        return f"the achieved text has {words} words, last year's {last_year}"
    return None


def _single_figure(text: str, year: int, draft: DraftTable, row: dict, column: str, line: SourceLine) -> str | None:
    figures = [
        (printed, value)
        for printed, value in numbers_in_phrase(text)
        if printed[0].isdigit()
        and not (isinstance(value, int) and abs(value - year) <= _YEAR_SPAN and len(printed) == 4)
    ]
    if len(figures) == 1:
        return keyed(figures[0][0])
    if len(figures) > 1:
        draft.flag(
            str(row["goal_no"]),
            column,
            AMBIGUOUS,
            f"the text prints {len(figures)} figures ({', '.join(p for p, _ in figures)}): left empty",
            line,
        )
    return None
