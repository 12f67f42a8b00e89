"""What the drafter produces: tables of keyed cells, each traced to its source line, and findings."""

from dataclasses import dataclass, field

from dagster_project.drafting.text.phrases import RunningText
from dagster_project.drafting.text.source import SourceLine
from dagster_project.raw_format.manifest import TableEntry

# Kinds of findings, in the order the review lists them.
EMPTY = "empty"  # a cell the drafter could not read: left empty
NOT_FOUND = "not_found"  # a row or table of last year's report not found in this one: left out
AMBIGUOUS = "ambiguous"  # more than one reading fits and nothing decides: left empty
NOT_ADDING = "not_adding"  # a printed total differs from the sum of the drafted figures
APPROXIMATE = "approximate"  # a label that matches last year's only approximately
ADDED = "added"  # a row that last year's report did not have
RESTATED = "restated"  # a prior-year figure that differs from last year's report
LAYOUT = "layout"  # a figure placed by reading the layout, not by a printed header: check it
NOTE = "note"  # information for the reviewer, no doubt about a figure

FINDING_KINDS = (EMPTY, NOT_FOUND, AMBIGUOUS, NOT_ADDING, APPROXIMATE, ADDED, RESTATED, LAYOUT, NOTE)
DOUBTS = (EMPTY, NOT_FOUND, AMBIGUOUS, NOT_ADDING, APPROXIMATE, ADDED, RESTATED, LAYOUT)


@dataclass(frozen=True)
class Finding:
    table_id: str
    row: str
    column: str
    kind: str
    detail: str
    line: SourceLine | None = None


@dataclass
class DraftTable:
    """One table of the draft: rows as keyed text (None: empty), and where each cell was read."""

    entry: TableEntry  # the draft's manifest entry
    header: tuple[str, ...]
    rows: list[dict] = field(default_factory=list)
    sources: dict[tuple[int, str], SourceLine] = field(default_factory=dict)
    found_at: SourceLine | None = None
    last_line: SourceLine | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def table_id(self) -> str:
        return self.entry.table_id

    def add_row(self, row: dict, sources: dict[str, SourceLine | None] | None = None) -> int:
        self.rows.append({name: row.get(name) for name in self.header})
        index = len(self.rows) - 1
        for column, line in (sources or {}).items():
            if line is not None:
                self.sources[(index, column)] = line
        return index

    def flag(self, row: str, column: str, kind: str, detail: str, line: SourceLine | None = None) -> None:
        self.findings.append(Finding(self.table_id, row, column, kind, detail, line))


@dataclass(frozen=True)
class ReadContext:
    """What every table reader may know about the report besides its table's lines."""

    year: int
    words: frozenset[str]  # every word the report prints, casefolded (see labels.keyed_label)
    template_year: int | None = None  # the year of last year's report, whose layout and phrases the draft follows
    running: RunningText | None = None  # the report's running text, where key figures are found
