"""The one Markdown table builder of the checks' metadata, the reports and the benchmarks."""

from collections.abc import Iterable


def _cell(value: object) -> str:
    return " ".join(str(value).split()).replace("|", "\\|")


def markdown_row(cells: Iterable[object]) -> str:
    return "| " + " | ".join(_cell(value) for value in cells) + " |"


def markdown_table(header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    header = list(header)
    return "\n".join([markdown_row(header), "|" + "---|" * len(header), *(markdown_row(row) for row in rows)])
