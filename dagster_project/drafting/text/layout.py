"""A PDF read by its layout: pdfplumber's characters with their positions and sizes, not a text extraction.

- characters become words where they stand closer than a fifth of their size, and lines by their
  height on the page; blank characters the text layer prints are kept as printed; ligatures
  ("ﬁ") are written as their letters;
- running headers and footers are recognised by where they stand: a line near the top or bottom
  edge with the same words (numbers aside) at the same height on at least three pages (and a
  third of them), or a number alone at the edge that counts the pages ("14" on page 14, also
  "Sidan 14 av 19"); a header of cells ("Kommun Elever Lärare", "2013 2012") printed again at
  the top of the next page, before the table goes on, is one too;
- running text in two columns (a gutter of at least 0.9 of the type size that no line crosses,
  text, not figures, to its right) is read column by column; where rows are set apart (a table
  of texts, like Navet's goals), row by row, the left cell before the right: a row starts below
  a rule across both columns, or where a line of each column starts at the same height after a
  wider gap than the line spacing;
- a table is found by its header: a line with two years of cells standing apart ("2013 2012",
  "Utfall 2013", "2013-12-31") and perhaps "Not"/"Noter". Each figure belongs to the header cell
  it stands under (most overlap, else the nearest within 2.5 type sizes), and a figure is its
  digit groups joined where they stand at most 0.45 of the type size apart; a figure stands
  apart from its label by more than 0.8 of the type size. The row is written as the readers read
  it: its label, this year's figure, last year's and the note, a tab between them (a tab is a
  column boundary, never a thousands separator), a figure's groups bound by no-break spaces, and
  a figure under a column this draft does not key (a budget) left out. Parentheses stay: the
  statement reader reads a figure in parentheses from such a row as negative, except on a row
  last year's table has as a memo line ("(varav ...)"), where it is the memo's figure; from a
  text file it stays empty and flagged. A row with one of the two years blank, or two figures
  under one header, is written so that no reading fits: its cells stay empty and are flagged.
  The header is written as the two years alone; a title on the header's line gets a line of its
  own above it, with the rest of the title where it wraps in its cell ("belopp i tkr"). The
  table's columns carry over a page break;
- other runs of rows whose figures stand in shared columns (visitors, staff), right-, left- or
  centre-aligned, whichever makes the fewest columns: the figures are written in column order, a
  tab before each and a space for each blank column, which the visitor and staff readers read as
  the line's spacing (below);
- a figure of running text broken at the end of a full line ("har arbetat med 57" / "576 barn")
  is read whole; a short line ("Mål 2" / "429 personer") keeps its number;
- everything else is written as printed, a space for each blank of a space's width.

Pages are parsed on every core (pdfminer's parsing is most of the time), their characters and
rules taken from pdfminer's layout objects as pdfplumber gives them (pdf_objects.py).
"""

import multiprocessing
import os
import re
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from dagster_project.drafting.text.pdf_objects import page_count, parsed_pages

_NUMERIC = re.compile(r"^\(?[-\u2212\u2013]?\d[\d,]*\)?\*?%?$")
_GROUP = re.compile(r"^\d{3}(?:,\d+)?\)?\*?%?$")
_YEAR_CELL = re.compile(r"^(?:[^\W\d]+\s+)*((?:19|20)\d\d)(?:-\d\d-\d\d)?$")
_NOTE_CELL = re.compile(r"^not(?:er)?$", re.IGNORECASE)
_LONE_NUMBER = re.compile(r"^(?:(?:sida|sidan|page)\s+)?(\d{1,4})(?:\s*(?:av|/|of|\()\s*\d{1,4}\)?)?$", re.IGNORECASE)
_MINUS = "-\u2212\u2013"
NBSP = "\u00a0"
TAB = "\t"
# Ligatures a typesetter draws as one glyph ("ﬁnns"): written as their letters.
_LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb06": "st"}
)
_PAGES_PER_WORKER = 6  # fewer pages than this per core are not worth a process of their own
_EDGE = 0.12
_GUTTER = 0.9  # the narrowest gap between two columns of text, in font sizes (a word space is about 0.3)  # the part of the page at its top and at its bottom where running headers and footers stand


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    spaces: int = 0  # blank characters the text layer prints before the word
    after: int = 0  # blank characters after it, where it ends its line

    @property
    def numeric(self) -> bool:
        return bool(_NUMERIC.match(self.text))


@dataclass
class Line:
    words: list[Word]
    noise: bool = False
    skip: bool = False  # written as part of another line (a title's second line)
    text: str = ""
    extra: list[str] = field(default_factory=list)  # lines written before this one (a title off a header)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def size(self) -> float:
        return Counter(round(w.size, 1) for w in self.words).most_common(1)[0][0]

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]
    rules: list[tuple[float, float, float]] = field(default_factory=list)  # horizontal rules: (y, x0, x1)


def read_pdf(path) -> list[list[tuple[str, bool]]]:
    """Every page as (text, is a running header or footer) lines, in reading order."""
    pages = _pages(Path(path))
    _mark_running(pages)
    for previous, page in zip(pages, pages[1:]):
        _mark_repeated_header(previous, page)
    result = []
    columns: _Columns | None = None
    for page in pages:
        page.lines = _reading_order(page)
        columns = _write_tables(page, columns)
        _rejoin_broken_figures([line for line in page.lines if not (line.skip or line.text or line.noise)])
        out: list[tuple[str, bool]] = []
        for line in page.lines:
            if line.skip:
                continue
            out.extend((extra, False) for extra in line.extra)
            out.append((line.text if line.text else _plain(line), line.noise))
        result.append(out)
    return result


class UnreadablePdf(ValueError):
    """pdfplumber (pdfminer) cannot read the file as a PDF."""


def _pages(path: Path) -> list[Page]:
    """The pages with their lines and rules; pdfminer's parsing is the cost, so pages are parsed on every core."""
    try:
        count = page_count(path)
    except Exception as error:  # pdfminer raises many kinds for a file that is not a PDF
        raise UnreadablePdf(f"{type(error).__name__}: {error}") from None
    workers = min(os.cpu_count() or 1, max(1, count // _PAGES_PER_WORKER))
    if workers == 1:
        return _parse(path, range(count))
    chunks = [range(start, count, workers) for start in range(workers)]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        parsed = [page for part in pool.map(_parse, [path] * workers, chunks) for page in part]
    return sorted(parsed, key=lambda page: page.number)


def _parse(path: Path, numbers: range) -> list[Page]:
    try:
        printed = parsed_pages(path, numbers)
    except Exception as error:  # pdfminer raises many kinds for a page it cannot parse
        raise UnreadablePdf(f"{type(error).__name__}: {error}") from None
    return [
        Page(number, width, height, _lines(_words(chars)), rules) for number, width, height, chars, rules in printed
    ]


def _rejoin_broken_figures(lines: list[Line]) -> None:
    """A figure of running text broken at a full line's end ("med 57" / "576 barn"): its head goes to the next line.

    Only where the line runs to its column's right edge, so that the break was the typesetter's;
    a short line ("Mål 2" / "429 personer") keeps its number.
    """
    for first, second in zip(lines, lines[1:]):
        if len(first.words) < 4 or len(second.words) < 2:
            continue
        run = len(first.words)
        while run > 1 and re.fullmatch(r"\d{3}", first.words[run - 1].text) and first.words[run - 2].numeric:
            run -= 1
        head = first.words[run - 1 :]
        groups = 0
        while groups < len(second.words) and re.fullmatch(r"\d{3}", second.words[groups].text):
            groups += 1
        if not (
            re.fullmatch(r"\d{1,3}", head[0].text)
            and groups
            and groups < len(second.words)
            and run > 1
            and not first.words[run - 2].numeric
            and not second.words[groups].numeric
        ):
            continue
        column = [line.x1 for line in lines if abs(line.x0 - first.x0) < 2 * first.size]
        if first.x1 < max(column) - 1.5 * first.size:
            continue
        del first.words[run - 1 :]
        head[0].spaces = 0
        head[-1].after = 0
        second.words[0:0] = head


def _words(chars: list[dict]) -> list[Word]:
    """Characters joined into words where they stand closer than a fifth of their size.

    A character whose glyph has no text ("\\x00", a thin space in a font without one) is a blank.
    """
    words: list[Word] = []
    ordered = sorted(
        (dict(c, text=" ") if c["text"] == "\x00" else c for c in chars if c.get("upright", True) and c["text"]),
        key=lambda c: (round(c["top"] + c["size"] * 0.5), c["x0"]),
    )
    rows: list[list[dict]] = []
    for char in ordered:
        middle = (char["top"] + char["bottom"]) / 2
        for row in reversed(rows[-3:]):
            if abs(middle - (row[0]["top"] + row[0]["bottom"]) / 2) < 0.4 * max(char["size"], row[0]["size"]):
                row.append(char)
                break
        else:
            rows.append([char])
    for row in rows:
        if not any(c["text"].strip() for c in row):
            # A line of blanks only, as a text drawn line by line prints it: a blank line, at the left edge.
            words.append(Word("", 0.0, 0.0, row[0]["top"], row[0]["bottom"], row[0]["size"], after=len(row)))
            continue
        row.sort(key=lambda c: c["x0"])
        current: list[dict] = []
        blanks = leading = 0
        for char in row:
            blank = not char["text"].strip()
            if current and (blank or char["x0"] - current[-1]["x1"] > 0.18 * char["size"]):
                words.append(_word(current, leading))
                current, blanks = [], 0
            if blank:
                blanks += 1
                continue
            if not current:
                leading, blanks = blanks, 0
            current.append(char)
        if current:
            words.append(_word(current, leading))
            blanks = 0
        words[-1].after = blanks
    return words


def _word(chars: list[dict], spaces: int) -> Word:
    return Word(
        "".join(c["text"] for c in chars).translate(_LIGATURES),
        chars[0]["x0"],
        chars[-1]["x1"],
        min(c["top"] for c in chars),
        max(c["bottom"] for c in chars),
        Counter(round(c["size"], 1) for c in chars).most_common(1)[0][0],
        spaces,
    )


def _lines(words: list[Word]) -> list[Line]:
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (w.top + w.bottom) / 2):
        middle = (word.top + word.bottom) / 2
        if lines and abs(middle - (lines[-1].top + lines[-1].bottom) / 2) < 0.45 * word.size:
            lines[-1].words.append(word)
        else:
            lines.append(Line([word]))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    return lines


def _plain(line: Line) -> str:
    """The line as printed: a space between words, one more for each further space's width."""
    parts = [" " * line.words[0].spaces]
    for previous, word in zip([None, *line.words], line.words):
        if previous is not None:
            space = 0.28 * word.size
            parts.append(" " * (word.spaces or max(1, round((word.x0 - previous.x1) / space))))
        parts.append(word.text)
    parts.append(" " * line.words[-1].after)
    return "".join(parts)


def _masked(line: Line) -> str:
    return re.sub(r"\d+", "#", " ".join(w.text for w in line.words)).casefold()


def _mark_running(pages: list[Page]) -> None:
    """Headers and footers: repeated near the same edge of other pages, or the page's number."""
    places: dict[str, list[tuple[int, float]]] = {}
    for page in pages:
        for line in _edge_lines(page):
            places.setdefault(_masked(line), []).append((page.number, line.top))
    numbers: list[tuple[Page, Line, int]] = []
    for page in pages:
        for line in _edge_lines(page):
            text = " ".join(w.text for w in line.words)
            alike = {number for number, top in places.get(_masked(line), []) if abs(top - line.top) < 3}
            if re.search(r"[^\W\d]{3}", text) and len(alike) >= max(3, len(pages) // 3):
                line.noise = True
            elif match := _LONE_NUMBER.match(text):
                numbers.append((page, line, int(match[1]) - page.number))
    offsets = Counter(offset for _, _, offset in numbers)
    for _, line, offset in numbers:
        # A number alone at the edge is the page's number where other pages count the same way.
        if offsets[offset] >= 2 or len(pages) == 1 and re.fullmatch(r"(?i)(sida|sidan|page).*", _masked(line)):
            line.noise = True


def _mark_repeated_header(previous: Page, page: Page) -> None:
    """A table's header printed again at the top of the next page: the lines before its first row.

    The lines at the top that the previous page printed too, where one of them is a header of
    cells standing apart ("Kommun  Elever  Lärare", "2013  2012") and none is a row of figures.
    """
    printed = {" ".join(w.text for w in line.words) for line in previous.lines if not line.noise}
    block = []
    for line in page.lines:
        if line.noise:
            continue
        if " ".join(w.text for w in line.words) not in printed or _figures(line) and not _header(line):
            break
        block.append(line)
    if any(_header(line) or len(_cells(line)) >= 2 for line in block):
        for line in block:
            line.noise = True


def _edge_lines(page: Page) -> list[Line]:
    """The first and last lines of a page, where they stand near its edge, apart from the body."""
    result = []
    lines = page.lines
    for candidates, near in ((lines[:2], lambda line: line.bottom < page.height * _EDGE), (lines[-2:], None)):
        for line in candidates:
            if near is not None and near(line):
                result.append(line)
            elif near is None and line.top > page.height * (1 - _EDGE):
                result.append(line)
    return result


# --- reading order: running text in columns -------------------------------------------------


def _reading_order(page: Page) -> list[Line]:
    body = [line for line in page.lines if not line.noise]
    ordered: list[Line] = []
    index = 0
    while index < len(body):
        run, gutter = _column_run(body, index, page.width)
        if gutter is None:
            ordered.append(body[index])
            index += 1
            continue
        ordered.extend(_by_columns(body[index : index + run], gutter, page.rules))
        index += run
    # Headers and footers stay where they stand among the lines.
    for noise in (line for line in page.lines if line.noise):
        at = next((i for i, line in enumerate(ordered) if line.top > noise.top), len(ordered))
        ordered.insert(at, noise)
    return ordered


def _gaps(line: Line) -> list[tuple[float, float]]:
    return [(a.x1, b.x0) for a, b in zip(line.words, line.words[1:])]


def _column_run(lines: list[Line], start: int, width: float) -> tuple[int, tuple[float, float] | None]:
    """How many lines from `start` share a gutter between two columns of running text."""
    low, high = width * 0.3, width * 0.7
    free = [(low, high)]
    lefts = 0
    prose_right = figures_right = 0
    end = start
    for line in lines[start:]:
        size = line.size
        narrowed = []
        for a, b in free:
            for word in line.words:
                if word.x1 <= a or word.x0 >= b:
                    continue
                # The word stands in the free band: what is left of it on either side.
                if word.x0 - a >= _GUTTER * size:
                    narrowed.append((a, word.x0))
                a = max(a, word.x1)
            if b - a >= _GUTTER * size:
                narrowed.append((a, b))
        if not narrowed:
            break
        gutter = max(narrowed, key=lambda g: g[1] - g[0])
        left = [w for w in line.words if w.x1 <= gutter[0]]
        right = [w for w in line.words if w.x0 >= gutter[1]]
        lefts += bool(left)
        if right and all(w.numeric for w in right):
            figures_right += 1
        elif right:
            prose_right += 1
        free = narrowed
        end += 1
    if end - start >= 4 and lefts >= 3 and prose_right >= max(3, 2 * figures_right):
        gutter = max(free, key=lambda g: g[1] - g[0])
        return end - start, gutter
    return 1, None


def _by_columns(lines: list[Line], gutter: tuple[float, float], rules: list[tuple[float, float, float]]) -> list[Line]:
    """Two columns read left, then right; where rows are set apart (a table of texts), row by row.

    A row starts below a rule across both columns, or where a line of each column starts at the
    same height after a wider gap than the columns' line spacing, where most of the left
    column's starts are such (a table's rows start both cells; running text starts a paragraph
    beside another only by chance, and is read column by column).
    """
    size = max(line.size for line in lines)
    left = [Line([w for w in line.words if w.x1 <= gutter[0]]) for line in lines]
    right = [Line([w for w in line.words if w.x0 >= gutter[1]]) for line in lines]
    left = [line for line in left if line.words]
    right = [line for line in right if line.words]
    if not left or not right or len(left) + len(right) < sum(len(line.words) > 0 for line in lines):
        return lines  # not two columns after all (a word crosses the gutter): as printed
    spacing = min(_steps(left) + _steps(right), default=0.0)
    starts = _starts(left, spacing, size)
    # Below the right column's last line, what the left column prints is no longer beside it.
    after = {a for a in starts if all(line.bottom <= a for line in right)}
    aligned = {a for a in starts for b in _starts(right, spacing, size) if abs(a - b) < 0.2 * size}
    if len(aligned) < 0.6 * len(set(starts) - after):
        aligned = set()  # paragraphs that happen to start side by side: running text, not rows
    top, bottom = lines[0].top, lines[-1].bottom
    ruled = {y for y, x0, x1 in rules if x0 < gutter[0] and x1 > gutter[1] and top < y < bottom}
    bounds = sorted(aligned | after | ruled | {-1.0})
    ordered = []
    for low, high in zip(bounds, [*bounds[1:], float("inf")]):
        for column in (left, right):
            ordered.extend(line for line in column if low <= (line.top + line.bottom) / 2 < high)
    return ordered


def _steps(column: list[Line]) -> list[float]:
    return [b.top - a.bottom for a, b in zip(column, column[1:])]


def _starts(column: list[Line], spacing: float, size: float) -> list[float]:
    """Tops of the column's lines that follow a gap wider than the line spacing, and its first."""
    if not column:
        return []
    return [column[0].top] + [b.top for step, b in zip(_steps(column), column[1:]) if step > spacing + 0.25 * size]


# --- tables -------------------------------------------------------------------------------------


@dataclass
class _Cell:
    text: str
    x0: float
    x1: float
    words: list[Word]


@dataclass
class _Columns:
    """The columns of the table being read: x ranges with their role (current, prior, note or None)."""

    ranges: list[tuple[float, float, str | None]]


def _cells(line: Line, gap: float = 0.8) -> list[_Cell]:
    """The line's words grouped into cells, apart where the gap is wider than `gap` times the size."""
    cells: list[_Cell] = []
    for word in line.words:
        if cells and word.x0 - cells[-1].x1 <= gap * word.size:
            cell = cells[-1]
            cell.text += " " + word.text
            cell.x1 = word.x1
            cell.words.append(word)
        else:
            cells.append(_Cell(word.text, word.x0, word.x1, [word]))
    return cells


def _header(line: Line) -> tuple[list[_Cell], list[tuple[float, float, str | None]], int] | None:
    """(title cells, column ranges with roles, current year) where the line heads a table of two years."""
    cells = _cells(line)
    years = [(i, int(m[1])) for i, cell in enumerate(cells) if (m := _YEAR_CELL.match(cell.text))]
    if len(years) < 2:
        return None
    values = {year for _, year in years}
    current = max(values)
    if current - 1 not in values:
        return None
    first = min(i for i, _ in years)
    notes = [i for i, cell in enumerate(cells) if _NOTE_CELL.match(cell.text)]
    if notes and notes[0] < first:
        first = notes[0]
    header_cells = cells[first:]
    if any(not (_YEAR_CELL.match(c.text) or _NOTE_CELL.match(c.text)) for c in header_cells):
        return None
    roles = []
    for cell in header_cells:
        match = _YEAR_CELL.match(cell.text)
        role = None
        if _NOTE_CELL.match(cell.text):
            role = "note"
        elif match and int(match[1]) == current and "current" not in [r for *_, r in roles]:
            role = "current"
        elif match and int(match[1]) == current - 1 and "prior" not in [r for *_, r in roles]:
            role = "prior"
        roles.append((cell.x0, cell.x1, role))
    return cells[:first], roles, current


def _figures(line: Line) -> list[_Cell]:
    """The line's numbers standing apart from its words, digit groups joined where they stand close."""
    result: list[_Cell] = []
    words = line.words
    for index, word in enumerate(words):
        if not word.numeric:
            continue
        previous = words[index - 1] if index else None
        if (
            result
            and previous is result[-1].words[-1]
            and _GROUP.match(word.text)
            and not re.search(r"[,)*%]", previous.text)
            and word.x0 - previous.x1 <= 0.45 * word.size
        ):
            result[-1].words.append(word)
            result[-1].x1 = word.x1
            continue
        if (
            previous is not None
            and previous.text in tuple(_MINUS)
            and word.x0 - previous.x1 <= 0.45 * word.size
            and not word.text.startswith(tuple("(" + _MINUS))
        ):
            # A minus set apart from its figure ("− 63 300") is the figure's sign.
            result.append(_Cell(word.text, previous.x0, word.x1, [previous, word]))
            continue
        result.append(_Cell(word.text, word.x0, word.x1, [word]))
    apart = []
    for cell in result:
        position = words.index(cell.words[0])
        end = words.index(cell.words[-1])
        before = words[position - 1] if position else None
        after = words[end + 1] if end + 1 < len(words) else None
        size = cell.words[0].size
        if (before is None or cell.x0 - before.x1 > 0.8 * size) and (after is None or after.x0 - cell.x1 > 0.8 * size):
            apart.append(cell)
    return apart


def _figure_text(cell: _Cell) -> str:
    sign = "-" if cell.words[0].text in tuple(_MINUS) else ""
    text = sign + NBSP.join(w.text for w in cell.words[bool(sign) :])
    return text.replace("\u2212", "-").replace("\u2013", "-")


def _column_of(cell: _Cell, ranges: list[tuple[float, float, str | None]]) -> int | None:
    overlaps = [(min(cell.x1, b) - max(cell.x0, a), i) for i, (a, b, _) in enumerate(ranges)]
    best = max(overlaps)
    if best[0] > 0:
        return best[1]
    middle = (cell.x0 + cell.x1) / 2
    distance, index = min((abs(middle - (a + b) / 2), i) for i, (a, b, _) in enumerate(ranges))
    return index if distance < 2.5 * cell.words[0].size else None


def _write_tables(page: Page, columns: "_Columns | None") -> "_Columns | None":
    """Rows under a header of two years written label, this year, last year, note; other figure tables by column."""
    lines = [line for line in page.lines if not line.noise]
    for position, line in enumerate(lines):
        if line.skip:
            continue
        header = _header(line)
        if header is not None:
            title, ranges, current = header
            if title:
                line.extra.append(_title(title, lines[position + 1 :], ranges))
            line.text = f"{current} {current - 1}"
            columns = _Columns(ranges)
            continue
        figures = _figures(line)
        if columns is not None and _row_like(line, figures) and _aligned(figures, columns):
            line.text = _statement_row(line, figures, columns)
            continue
        if figures and (_prose(line, figures) or columns is None or not _aligned(figures, columns)):
            columns = None
    _write_grids(page, lines)
    return columns


def _title(cells: list[_Cell], following: list[Line], ranges: list[tuple[float, float, str | None]]) -> str:
    """A title on the header's line, with the rest of it where it wraps in its cell ("belopp i tkr")."""
    text = " ".join(cell.text for cell in cells)
    first_column = min(a for a, _, _ in ranges)
    for line in following[:2]:
        rest = " ".join(w.text for w in line.words)
        wraps = rest[:1].islower() or text.endswith((",", "-"))
        if not wraps or _figures(line) or line.x1 >= first_column or line.x0 > cells[0].x1:
            break
        text = text[:-1] + rest if text.endswith("-") and rest[:1].islower() else f"{text} {rest}"
        line.skip = True
    return text


def _aligned(figures: list[_Cell], columns: _Columns) -> bool:
    return len(figures) <= len(columns.ranges) and all(_column_of(c, columns.ranges) is not None for c in figures)


def _row_like(line: Line, figures: list[_Cell], labelled: bool = True) -> bool:
    """A label and figures standing apart after it (or a note number before it): nothing else."""
    if not figures:
        return False
    taken = [w for cell in figures for w in cell.words]
    rest = [w for w in line.words if w not in taken]
    if labelled and not rest:
        return False
    tail = line.words[line.words.index(figures[-1].words[0]) :] if figures else []
    return all(w in taken for w in tail) and all(not w.numeric or w.x1 < figures[0].x0 for w in rest)


def _prose(line: Line, figures: list[_Cell]) -> bool:
    """Running text with a figure standing apart in it: it ends the table."""
    words = [w for w in line.words if not any(w in cell.words for cell in figures)]
    return len(words) > 12


def _statement_row(line: Line, figures: list[_Cell], columns: _Columns) -> str:
    placed: dict[str, _Cell] = {}
    unknown = False
    for cell in figures:
        index = _column_of(cell, columns.ranges)
        role = columns.ranges[index][2]
        if role is None:
            continue  # a column this draft does not key (a budget, a difference)
        if role in placed:
            unknown = True
        placed[role] = cell
    label_words = [w for w in line.words if not any(w in cell.words for cell in figures)]
    label = " ".join(w.text for w in label_words)
    amounts = [placed.get("current"), placed.get("prior")]
    if unknown or (None in amounts and any(amounts)):
        # One of the two years blank, or two figures under one header: written so that no reading fits.
        shown = " ".join(_figure_text(c) for c in figures)
        return f"{label} [{shown}]"
    parts = [label] if label else []
    parts += [_figure_text(c) for c in amounts if c is not None]
    if "note" in placed:
        parts.append(_figure_text(placed["note"]))
    return TAB.join(parts)


def _write_grids(page: Page, lines: list[Line]) -> None:
    """Runs of rows whose figures stand in shared columns: figures written in column order."""
    run: list[tuple[Line, list[_Cell]]] = []
    for line in [*(line for line in lines if not line.skip), None]:
        figures = _figures(line) if line is not None and not line.text else []
        if line is not None and _row_like(line, figures, labelled=False) and not _prose(line, figures):
            run.append((line, figures))
            continue
        if line is not None and not line.text and not figures and run and len(line.words) <= 8:
            continue  # a label alone on its line, or a heading: the run goes on
        if len(run) >= 3:
            _grid(run)
        run = []


def _grid(run: list[tuple[Line, list[_Cell]]]) -> None:
    cells = [cell for _, figures in run for cell in figures]
    size = max(cell.words[0].size for cell in cells)
    widest = max(len(figures) for _, figures in run)
    if widest < 2:
        return
    # Figures aligned right, left or centred: the alignment with the fewest columns is the table's.
    anchors = (lambda c: c.x1, lambda c: c.x0, lambda c: (c.x0 + c.x1) / 2)
    anchor, groups = min(
        ((a, _clusters([a(cell) for cell in cells], 0.35 * size)) for a in anchors), key=lambda item: len(item[1])
    )
    if len(groups) > widest + 1:
        return  # the figures do not stand in columns: left as printed
    ranges = [(min(group) - 0.35 * size, max(group) + 0.35 * size) for group in groups]
    placed = []
    for _, figures in run:
        columns = [next(i for i, (a, b) in enumerate(ranges) if a <= anchor(c) <= b) for c in figures]
        if len(set(columns)) < len(columns):
            return  # two figures of a row under one column: left as printed
        placed.append(columns)
    for (line, figures), columns in zip(run, placed):
        label = " ".join(w.text for w in line.words if not any(w in cell.words for cell in figures))
        text, position = label, -1
        for cell, column in zip(figures, columns):
            text += TAB + " " * (column - position - 1) + _figure_text(cell)
            position = column
        line.text = text


def _clusters(values: list[float], tolerance: float) -> list[list[float]]:
    groups: list[list[float]] = []
    for value in sorted(values):
        if groups and value - groups[-1][-1] <= tolerance:
            groups[-1].append(value)
        else:
            groups.append([value])
    return groups
