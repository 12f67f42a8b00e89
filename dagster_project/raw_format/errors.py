"""Problems found in a raw report, phrased for the person who keyed it."""

from dataclasses import dataclass
from pathlib import Path

from dagster_project.paths import repo_root


@dataclass(eq=False)
class RawFormatError(Exception):
    """One problem in one place.

    row is the 1-based data row (the header is row 0) or None for the whole file;
    column is a CSV column or, in report.yml, the field in question.
    """

    file: Path
    row: int | None
    column: str | None
    expected: str
    found: str
    reason: str | None = None

    def __str__(self) -> str:
        place = [display_path(self.file)]
        if self.row is not None:
            place.append("header" if self.row == 0 else f"row {self.row}")
        if self.column is not None:
            place.append(f"column {self.column}" if self.file.suffix == ".csv" else f"field {self.column}")
        message = f"{', '.join(place)}: expected {self.expected}; found {self.found}"
        return f"{message} ({self.reason})" if self.reason else message


class ReportRejected(Exception):
    """Every problem found in a report; nothing of it was written."""

    def __init__(self, problems: list[RawFormatError]):
        self.problems = list(problems)
        super().__init__(self._summary())

    def _summary(self) -> str:
        count = len(self.problems)
        heading = f"report rejected: {count} problem{'s' if count != 1 else ''}"
        return "\n".join([heading, *(f"  - {problem}" for problem in self.problems)])


def display_path(path: Path) -> str:
    """The path relative to the repository when inside it, as people name files."""
    try:
        return Path(path).resolve().relative_to(repo_root()).as_posix()
    except ValueError:
        return str(path)
