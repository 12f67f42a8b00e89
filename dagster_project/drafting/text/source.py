"""The report's text as numbered lines, each with the page it was printed on where known.

A text file knows its pages from form feeds, or else
from the next surviving page footer ("Sidan 17 av 30"); a PDF is read by its layout (layout.py),
so every line knows its page.

In a text file (and in page-footer lines of a PDF's body) footers and the running headers beside them are skipped
wherever they fall, in the middle of a table too. A running header is text at the same distance
from two page footers with the same words and at most one number changed ("Sidan 12 av 30",
"Sidan 13 av 30"); table rows that repeat from note to note near page breaks ("Tranemo 781 813",
"Tranemo 214 200") differ in two numbers and stay rows.
"""

import re
from dataclasses import dataclass, replace
from pathlib import Path

from dagster_project.drafting.text.layout import UnreadablePdf, read_pdf

PAGE_FOOTER = re.compile(r"^\s*(?:sida|sidan|page)\s+(\d{1,4})(?:\s*(?:av|/|of)\s*\d{1,4})?\s*$", re.IGNORECASE)
FORM_FEED = "\f"
TEXT_SUFFIXES = (".txt", ".text")
PDF_SUFFIX = ".pdf"
_RUNNING_DISTANCE = 3  # lines around a page footer that may hold a running header


class SourceError(ValueError):
    """The source document cannot be read."""


@dataclass(frozen=True)
class SourceLine:
    number: int  # 1-based line of the extracted text
    page: int | None
    text: str
    noise: bool = False  # a page footer or a running header/footer

    @property
    def where(self) -> str:
        page = f"page {self.page}, " if self.page is not None else ""
        return f"{page}line {self.number}"


@dataclass(frozen=True)
class Source:
    path: Path
    text: str  # the extracted text the line numbers refer to
    lines: tuple[SourceLine, ...]
    page_rule: str  # how pages were found, for the review

    def line(self, number: int) -> SourceLine:
        return self.lines[number - 1]


def read_source(path: Path) -> Source:
    path = Path(path)
    if not path.is_file():
        raise SourceError(f"{path}: no such file")
    if path.suffix.lower() == PDF_SUFFIX:
        return from_pdf(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise SourceError(
            f"{path}: expected a PDF or a UTF-8 text file; found bytes that are not UTF-8 at offset {error.start}"
        ) from None
    if FORM_FEED in text:
        return _from_pages(path, text.split(FORM_FEED), "form feeds in the text")
    return from_text(path, text)


def from_text(path: Path, text: str) -> Source:
    """A text extraction without page breaks: pages from the footers that survived."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    footers = [(index, int(match[1])) for index, line in enumerate(raw) if (match := PAGE_FOOTER.match(line))]
    pages: list[int | None] = []
    following = iter(footers)
    upcoming = next(following, None)
    for index in range(len(raw)):
        while upcoming is not None and upcoming[0] < index:
            upcoming = next(following, None)
        pages.append(upcoming[1] if upcoming else None)
    rule = "the next page footer after the line (Sidan N av M)" if footers else "none: the text has no page footers"
    return Source(path, "\n".join(raw), _numbered(raw, pages, {i for i, _ in footers}), rule)


def _from_pages(path: Path, pages_text: list[str], rule: str) -> Source:
    raw, pages, breaks = [], [], set()
    for page_number, page_text in enumerate(pages_text, start=1):
        page_lines = page_text.replace("\r\n", "\n").split("\n")
        for line in page_lines:
            raw.append(line)
            pages.append(page_number)
        breaks.add(len(raw) - 1)
    footers = {i for i, line in enumerate(raw) if PAGE_FOOTER.match(line)} | breaks
    return Source(path, "\n".join(raw), _numbered(raw, pages, footers), rule)


def _masked(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split())).casefold()


def _numbered(raw: list[str], pages: list[int | None], page_breaks: set[int]) -> tuple[SourceLine, ...]:
    """Lines with footers and running headers marked as noise.

    A running header or footer is text at the same distance from at least two page breaks,
    the same words and at most one number different ("Sidan 12 av 30", "Sidan 13 av 30"),
    with at most two numbers in it. Table rows that repeat from table to table near page
    breaks ("Tranemo 781 813", "Tranemo 214 200") differ in more than one number.
    """
    near: dict[int, list[tuple[int, int]]] = {}
    for b in page_breaks:
        for d in range(-_RUNNING_DISTANCE, _RUNNING_DISTANCE + 1):
            near.setdefault(b + d, []).append((b, d))
    by_place: dict[tuple[str, int], list[tuple[int, tuple[str, ...]]]] = {}
    for i, places in near.items():
        if 0 <= i < len(raw) and raw[i].strip():
            for b, d in places:
                by_place.setdefault((_masked(raw[i]), d), []).append((b, tuple(re.findall(r"\d+", raw[i]))))

    def running(i: int) -> bool:
        line = raw[i]
        numbers = tuple(re.findall(r"\d+", line))
        if len(numbers) > 2 or not re.search(r"[^\W\d]{3}", line):
            return False
        for _, d in near.get(i, ()):
            alike = {
                b
                for b, other in by_place.get((_masked(line), d), ())
                if sum(x != y for x, y in zip(numbers, other)) <= 1
            }
            if len(alike) >= 2:
                return True
        return False

    noise = {i for i, line in enumerate(raw) if PAGE_FOOTER.match(line) or (line.strip() and i in near and running(i))}
    return tuple(SourceLine(i + 1, pages[i], line, i in noise) for i, line in enumerate(raw))


def from_pdf(path: Path) -> Source:
    """A PDF read by its layout (layout.py): its pages, and the running headers and footers where they stand.

    Page footers printed in the body ("Sidan 12 av 30") and the running headers beside them are
    found as in a text extraction, next to the footers; the physical page breaks are no anchor
    for that, as a row at the foot of a page may repeat a row at the foot of another.
    """
    try:
        pages = read_pdf(path)
    except UnreadablePdf as error:
        raise SourceError(f"{path}: not a readable PDF ({error})") from None
    raw, numbers, placed = [], [], set()
    for page_number, page in enumerate(pages, start=1):
        for text, noise in page:
            if noise:
                placed.add(len(raw))
            raw.append(text)
            numbers.append(page_number)
    lines = _numbered(raw, numbers, {i for i, line in enumerate(raw) if PAGE_FOOTER.match(line)})
    marked = tuple(replace(line, noise=True) if i in placed else line for i, line in enumerate(lines))
    return Source(path, "\n".join(raw), marked, "pages of the PDF")
