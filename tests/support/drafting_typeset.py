"""Reports typeset the way designers typeset them, for the drafting tests: the 2013 variant's tables
as real tables, its running text as paragraphs, printed to PDF by three routes.

- Chromium prints an HTML document (`/usr/bin/chromium --headless --print-to-pdf`);
- LibreOffice converts a .docx built with python-docx (`soffice --headless --convert-to pdf`);
- reportlab's platypus lays out paragraphs and tables.

A `Design` says what the designer chose: where the note column stands (or none), how the year
columns are headed ("2013", "Utfall 2013", "2013-12-31"), whether a note's title stands on its
header line, the thousands separator, the minus, how totals are marked, landscape pages for the
wide visitor tables, running text in two columns, the font and its size, and the page footer.
What the report prints is the variant's keyed tables, so the expectation is the variant's
(without notes in the statements where the design prints no note column).
"""

import copy
import html
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from dagster_project.raw_format.numbers import parse_number
from dagster_project.raw_format.specs import VISIT_COLUMNS
from tests.support.drafting_variants import Variant

CHROMIUM = "/usr/bin/chromium"
# Debian's fonts-liberation, which chromium depends on.
LIBERATION = Path("/usr/share/fonts/truetype/liberation")
VISIT_HEADERS = ("Elever", "Lärare", "Kompetensutveckling lärare", "Barn", "Vuxna", "Konferenser", "Summa")
_FOOTER_NOISE = re.compile(r"^\s*(Sidan \d+ av \d+|Sjuhärads Kommunalförbund: Årsredovisning \d{4})\s*$")
_NOTE_TABLES_START = "not_"


@dataclass(frozen=True)
class Design:
    name: str
    note: str = "after"  # after, before, between (the label and the years) or none
    year_header: str = "{year}"  # "{year}", "Utfall {year}", "{year}-12-31"
    title_on_header: bool = False
    separator: str = " "  # between groups of three digits: space, no-break space, thin space or none
    minus: str = "\u2212"  # "\u2212", "-" or "()"
    totals: str = "bold"  # bold, italic or rule
    landscape_visits: bool = False
    two_columns: str = ""  # "": none; "opening": the report's opening text; "navet": Navet's running text
    font: str = "serif"
    size: float = 10.0
    footer: str = "sidan"  # "sidan": "Sidan N av M" and a running header; "number": the page number alone
    align: str = "right"  # how figures stand in their columns: right, left or center


@dataclass
class Table:
    title: str
    header: list[str]
    rows: list[list[str]]
    totals: set[int] = field(default_factory=set)
    numeric_from: int = 1  # the first column of figures
    wide: bool = False
    kind: str = "figures"  # figures, or texts (Navet's goals)


@dataclass
class Block:
    kind: str  # heading, paragraph, table, lines (printed line by line as given), break
    text: str = ""
    table: Table | None = None
    columns: int = 1
    lines: list[str] = field(default_factory=list)


def figure(printed: str, design: Design, negative_ok: bool = True) -> str:
    """A keyed figure as this design prints it."""
    if printed in ("", None):
        return ""
    mark = "*" if printed.endswith("*") else ""
    value = parse_number(printed.rstrip("*"))
    negative = value < 0
    text = printed.rstrip("*").lstrip("-").replace(" ", "")
    whole, _, fraction = text.partition(",")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    shown = design.separator.join(groups) + (f",{fraction}" if fraction else "") + mark
    if negative and negative_ok:
        return f"({shown})" if design.minus == "()" else design.minus + shown
    return shown


def _paragraphs(lines: list[str]) -> list[Block]:
    """Running text as paragraphs: lines joined, words hyphenated at a line's end joined again."""
    blocks: list[Block] = []
    current: list[str] = []

    def close():
        if current:
            blocks.append(Block("paragraph", " ".join(current)))
            current.clear()

    for raw in lines:
        line = raw.strip()
        if not line or _FOOTER_NOISE.match(line):
            close()
            continue
        if line.startswith("•"):
            close()
        if current and current[-1].endswith("-") and line[:1].islower():
            current[-1] = current[-1][:-1] + line
        else:
            current.append(line)
    close()
    return blocks


def _index(lines: list[str], pattern: str, start: int = 0) -> int:
    return next(i for i in range(start, len(lines)) if re.match(rf"\s*{pattern}", lines[i]))


def _statement(variant: Variant, design: Design, table_id: str, title: str, with_notes: bool) -> Table:
    year = variant.year
    years = [design.year_header.format(year=year), design.year_header.format(year=year - 1)]
    note = with_notes and design.note != "none"
    rows, totals = [], set()
    for position, row in enumerate(variant.expected[table_id]):
        memo = row["line_kind"] == "memo"
        amounts = [
            f"({figure(row[c], design)})" if memo and row[c] not in ("", "0") else figure(row[c], design)
            for c in ("amount_current", "amount_prior")
        ]
        cells = {"label": row["label"], "note": row["note"] if note else "", "amounts": amounts}
        rows.append(_ordered(cells, design.note if note else "none"))
        if row["line_kind"] == "total":
            totals.add(position)
    header = _ordered({"label": "", "note": "Not", "amounts": years}, design.note if note else "none")
    first = 2 if note and design.note in ("before", "between") else 1
    return Table(title, header, rows, totals, numeric_from=first)


def _ordered(cells: dict, note: str) -> list[str]:
    label, number, amounts = cells["label"], cells["note"], cells["amounts"]
    return {
        "after": [label, *amounts, number],
        "before": [number, label, *amounts],
        "between": [label, number, *amounts],
        "none": [label, *amounts],
    }[note]


def _visits(variant: Variant, design: Design, table_id: str) -> Table:
    rows, totals = [], set()
    for position, row in enumerate(variant.expected[table_id]):
        marked = {
            c: row[c] + ("*" if c == "kompetensutveckling_larare" and row["line_kind"] == "total" else "")
            for c in VISIT_COLUMNS
        }
        rows.append([row["visitor_group"], *(figure(marked[c], design) if row[c] else "" for c in VISIT_COLUMNS)])
        if row["line_kind"] == "total":
            totals.add(position)
    return Table("", ["Kommun", *VISIT_HEADERS], rows, totals, wide=design.landscape_visits)


def document(variant: Variant, design: Design) -> tuple[list[Block], Variant]:
    """The report's blocks in order, and the variant as this design prints it (its expectation)."""
    lines = variant.lines()
    year = variant.year
    expected = copy.deepcopy(variant.expected)
    if design.note == "none":
        for table_id in ("resultatrakning", "balansrakning"):
            for row in expected[table_id]:
                row["note"] = ""
    printed = Variant(f"{variant.name}, typeset: {design.name}", variant.text, year, expected)
    blocks: list[Block] = []
    opening = _paragraphs(lines[: _index(lines, "RESULTATRÄKNING")])
    blocks += _columns(opening, 2 if design.two_columns == "opening" else 1)
    blocks.append(Block("break"))
    blocks.append(Block("heading", f"RESULTATRÄKNING {year}"))
    titles = {
        entry: title
        for entry, title in (
            ("resultatrakning", f"Resultaträkning {year}, belopp i tkr"),
            ("balansrakning", f"Balansräkning {year}, belopp i tkr"),
        )
    }
    blocks.append(Block("table", table=_statement(printed, design, "resultatrakning", titles["resultatrakning"], True)))
    internal = _index(lines, "Interna poster på")
    blocks += _paragraphs(lines[internal : _index(lines, "Sjuhärads Kommunalförbund: Årsredovisning", internal)])
    blocks.append(Block("break"))
    blocks.append(Block("heading", f"BALANSRÄKNING {year}"))
    blocks.append(Block("table", table=_statement(printed, design, "balansrakning", titles["balansrakning"], True)))
    blocks.append(Block("break"))
    blocks.append(Block("heading", "Noter till resultat och balansräkning"))
    from tests.support.drafting_variants import _NOTE_TITLES

    for table_id, (note, title) in sorted(_NOTE_TITLES.items(), key=lambda item: item[1][0]):
        blocks.append(Block("table", table=_statement(printed, design, table_id, f"{note} {title}", False)))
    navet = _index(lines, "BILAGA 1 - NAVET")
    goals = _index(lines, "Resultatmål", navet)
    blocks.append(Block("break"))
    blocks.append(Block("heading", lines[navet].strip()))
    blocks += _columns(_paragraphs(lines[navet + 1 : goals]), 2 if design.two_columns == "navet" else 1)
    blocks.append(Block("heading", "Resultatmål"))
    goal_rows = [[row["planned"], row["achieved"]] for row in expected["navet_resultatmal"]]
    blocks.append(
        Block(
            "table",
            table=Table("", [f"Planerad verksamhet {year}", f"Genomförd {year}"], goal_rows, kind="texts"),
        )
    )
    footnotes = [line.strip() for line in lines if line.strip().startswith("*motsvarar")]
    for table_id, period, footnote in (
        ("navet_besok_foregaende_ar", year - 1, footnotes[0]),
        ("navet_besok_ar", year, footnotes[1]),
    ):
        if design.landscape_visits and period == year - 1:
            blocks.append(Block("break", text="landscape"))
        blocks.append(Block("heading", f"Antal per kommun {period}"))
        blocks.append(Block("paragraph", f"Från: {period}-01-01 Till: {period}-12-31"))
        blocks.append(Block("table", table=_visits(printed, design, table_id)))
        blocks.append(Block("paragraph", footnote))
    if design.landscape_visits:
        blocks.append(Block("break", text="portrait"))
    staff = [
        [row["role"], figure(row["persons"], design), figure(row["fte"], design)] for row in expected["navet_personal"]
    ]
    blocks.append(
        Block(
            "table",
            table=Table("", ["Personal", "Antal personer", "Tjänster"], staff, {len(staff) - 1}),
        )
    )
    centre = _index(lines, "BILAGA 2 - MEDARBETARCENTRUM")
    resources = _index(lines, "Personalresurs", centre)
    blocks.append(Block("break"))
    blocks.append(Block("heading", lines[centre].strip()))
    blocks += _paragraphs(lines[centre + 1 : resources])
    blocks.append(Block("lines", lines=[line.rstrip() for line in lines[resources:] if not _FOOTER_NOISE.match(line)]))
    return blocks, printed


def _columns(blocks: list[Block], columns: int) -> list[Block]:
    for block in blocks:
        block.columns = columns
    return blocks


# --- Chromium -----------------------------------------------------------------------------------


def html_document(blocks: list[Block], design: Design, year: int) -> str:
    font = {"serif": "'DejaVu Serif', serif", "sans": "'Liberation Sans', sans-serif"}[design.font]
    footer = '"Sidan " counter(page) " av " counter(pages)' if design.footer == "sidan" else "counter(page)"
    header = f"Sjuhärads kommunalförbund – Årsredovisning {year}" if design.footer == "sidan" else ""
    total_style = {
        "bold": "font-weight: bold;",
        "italic": "font-style: italic;",
        "rule": "border-top: 1px solid black;",
    }[design.totals]
    style = f"""
@page {{ size: A4; margin: 20mm 18mm; @bottom-center {{ content: {footer}; font-size: 8pt; }}
  @top-right {{ content: "{header}"; font-size: 8pt; }} }}
@page wide {{ size: A4 landscape; }}
body {{ font-family: {font}; font-size: {design.size}pt; }}
h2 {{ font-size: {design.size + 3}pt; }}
table {{ border-collapse: collapse; margin: 6pt 0 14pt 0; }}
td, th {{ padding: 2pt 8pt; vertical-align: top; }}
th {{ font-weight: bold; }}
td.n, th.n {{ text-align: {design.align}; white-space: nowrap; }}
tr.total td {{ {total_style} }}
.two {{ column-count: 2; column-gap: 10mm; text-align: justify; }}
.wide {{ page: wide; }}
.texts td {{ padding: 5pt 8pt; width: 50%; }}
.break {{ break-before: page; }}
"""
    parts = [f"<!doctype html><html lang='sv'><head><meta charset='utf-8'><style>{style}</style></head><body>"]
    parts.append(f"<h1>Årsredovisning {year}</h1>")
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if block.kind == "paragraph" and block.columns == 2:
            run = []
            while index < len(blocks) and blocks[index].kind == "paragraph" and blocks[index].columns == 2:
                run.append(f"<p>{html.escape(blocks[index].text)}</p>")
                index += 1
            parts.append(f"<div class='two'>{''.join(run)}</div>")
            continue
        if block.kind == "break" and block.text == "landscape":
            parts.append("<div class='wide'>")
        elif block.kind == "break" and block.text == "portrait":
            parts.append("</div>")
        elif block.kind == "break":
            parts.append("<div class='break'></div>")
        elif block.kind == "heading":
            parts.append(f"<h2>{html.escape(block.text)}</h2>")
        elif block.kind == "paragraph":
            parts.append(f"<p>{html.escape(block.text)}</p>")
        elif block.kind == "lines":
            parts.append(
                "<div>" + "".join(f"<div>{html.escape(line) or '&nbsp;'}</div>" for line in block.lines) + "</div>"
            )
        else:
            parts.append(_html_table(block.table, design))
        index += 1
    parts.append("</body></html>")
    return "\n".join(parts)


def _title_on_header(table: Table, design: Design) -> bool:
    """The title in the label column's header cell: where that is the first column; else above the table."""
    return design.title_on_header and table.numeric_from == 1


def _html_table(table: Table, design: Design) -> str:
    classes = "texts" if table.kind == "texts" else ""
    out = []
    title_cell = None
    if table.title and _title_on_header(table, design):
        title_cell = f"<th style='text-align:left'>{html.escape(table.title)}</th>"
    elif table.title:
        out.append(f"<p><b>{html.escape(table.title)}</b></p>")
    heads = []
    for position, cell in enumerate(table.header):
        if position == 0 and title_cell and table.numeric_from == 1:
            heads.append(title_cell)
            continue
        numeric = table.kind == "figures" and position >= table.numeric_from or cell == "Not"
        heads.append(f"<th class='{'n' if numeric else ''}'>{html.escape(cell)}</th>")
    out.append(f"<table class='{classes}'><thead><tr>{''.join(heads)}</tr></thead><tbody>")
    for position, row in enumerate(table.rows):
        cells = "".join(
            f"<td class='{'n' if table.kind == 'figures' and (i >= table.numeric_from or table.header[i] == 'Not') else ''}'>"
            f"{html.escape(cell)}</td>"
            for i, cell in enumerate(row)
        )
        out.append(f"<tr class='{'total' if position in table.totals else ''}'>{cells}</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def print_html(source: str, pdf: Path) -> Path:
    page = pdf.with_suffix(".html")
    page.write_text(source, encoding="utf-8")
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return pdf


# --- python-docx + LibreOffice -------------------------------------------------------------------


def docx_document(blocks: list[Block], design: Design, year: int, path: Path) -> Path:
    import docx
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = {"serif": "Liberation Serif", "sans": "Liberation Sans"}[design.font]
    normal.font.size = Pt(design.size)
    section = document.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)

    def footer_of(section):
        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if design.footer == "sidan":
            paragraph.add_run("Sidan ")
        _field(paragraph, "PAGE", OxmlElement, qn)
        if design.footer == "sidan":
            paragraph.add_run(" av ")
            _field(paragraph, "NUMPAGES", OxmlElement, qn)
            section.header.paragraphs[0].text = f"Sjuhärads kommunalförbund – Årsredovisning {year}"
            section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT

    footer_of(section)
    document.add_heading(f"Årsredovisning {year}", level=1)
    columns = 1
    for block in blocks:
        if block.kind == "paragraph" and block.columns != columns:
            new = document.add_section(WD_SECTION.CONTINUOUS)
            _set_columns(new, block.columns, OxmlElement, qn)
            columns = block.columns
        elif block.kind != "paragraph" and columns != 1:
            new = document.add_section(WD_SECTION.CONTINUOUS)
            _set_columns(new, 1, OxmlElement, qn)
            columns = 1
        if block.kind == "break" and block.text in ("landscape", "portrait"):
            new = document.add_section(WD_SECTION.NEW_PAGE)
            new.orientation = WD_ORIENT.LANDSCAPE if block.text == "landscape" else WD_ORIENT.PORTRAIT
            new.page_width, new.page_height = (Mm(297), Mm(210)) if block.text == "landscape" else (Mm(210), Mm(297))
        elif block.kind == "break":
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif block.kind == "heading":
            document.add_heading(block.text, level=2)
        elif block.kind == "paragraph":
            document.add_paragraph(block.text)
        elif block.kind == "lines":
            for line in block.lines:
                paragraph = document.add_paragraph(line)
                paragraph.paragraph_format.space_after = Pt(0)
        else:
            _docx_table(document, block.table, design, WD_TABLE_ALIGNMENT, WD_ALIGN_PARAGRAPH, OxmlElement, qn)
    document.save(path)
    return path


def _field(paragraph, name, OxmlElement, qn) -> None:  # noqa: N803 - python-docx's own names
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), name)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    simple.append(run)
    paragraph._p.append(simple)


def _set_columns(section, count, OxmlElement, qn) -> None:  # noqa: N803
    cols = section._sectPr.find(qn("w:cols"))
    if cols is None:
        cols = OxmlElement("w:cols")
        section._sectPr.append(cols)
    cols.set(qn("w:num"), str(count))
    cols.set(qn("w:space"), "567")


def _docx_widths(table: Table) -> list[float]:
    """Column widths in mm, as a designer sets them: the label column wide, the figures narrow."""
    if table.kind == "texts":
        return [78.0, 78.0]
    figures = len(table.header) - 1
    label = 150.0 - 17.0 * figures if figures > 3 else 90.0
    widths = []
    for position, cell in enumerate(table.header):
        if cell == "Not":
            widths.append(12.0)
        elif position < table.numeric_from:
            widths.append(label)
        else:
            widths.append(17.0 if figures > 3 else 25.0)
    return widths


def _docx_table(document, table: Table, design: Design, WD_TABLE_ALIGNMENT, WD_ALIGN_PARAGRAPH, OxmlElement, qn):  # noqa: N803
    from docx.shared import Mm

    if table.title and not _title_on_header(table, design):
        document.add_paragraph().add_run(table.title).bold = True
    grid = document.add_table(rows=1 + len(table.rows), cols=len(table.header))
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    grid.autofit = False
    if table.kind == "texts":
        grid.style = "Table Grid"
    widths = _docx_widths(table)
    for column, width in zip(grid.columns, widths):
        column.width = Mm(width)
    header = list(table.header)
    if table.title and _title_on_header(table, design):
        header[0] = table.title
    for row_index, row in enumerate([header, *table.rows]):
        cells = grid.rows[row_index].cells
        for column, text in enumerate(row):
            cells[column].width = Mm(widths[column])
            paragraph = cells[column].paragraphs[0]
            run = paragraph.add_run(text)
            numeric = table.kind == "figures" and (column >= table.numeric_from or table.header[column] == "Not")
            if numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if row_index == 0:
                run.bold = True
            elif row_index - 1 in table.totals:
                run.bold = design.totals == "bold"
                run.italic = design.totals == "italic"
                if design.totals == "rule":
                    borders = OxmlElement("w:tcBorders")
                    top = OxmlElement("w:top")
                    top.set(qn("w:val"), "single")
                    top.set(qn("w:sz"), "6")
                    borders.append(top)
                    cells[column]._tc.get_or_add_tcPr().append(borders)
    repeat = OxmlElement("w:tblHeader")
    grid.rows[0]._tr.get_or_add_trPr().append(repeat)
    document.add_paragraph()


def convert_docx(path: Path) -> Path:
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(path.parent), str(path)],
        check=True,
        capture_output=True,
        timeout=300,
        env={"HOME": str(path.parent), "PATH": "/usr/bin:/bin"},
    )
    return path.with_suffix(".pdf")


# --- reportlab platypus ----------------------------------------------------------------------------


def reportlab_document(blocks: list[Block], design: Design, year: int, path: Path) -> Path:
    import reportlab
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        NextPageTemplate,
        PageBreak,
        PageTemplate,
        Paragraph,
        Spacer,
        TableStyle,
    )
    from reportlab.platypus import (
        Table as PlatypusTable,
    )

    fonts = Path(reportlab.__file__).parent / "fonts"
    for name, file in (("Vera", "Vera.ttf"), ("VeraBd", "VeraBd.ttf"), ("VeraIt", "VeraIt.ttf")):
        pdfmetrics.registerFont(TTFont(name, str(fonts / file)))
    for name in ("Regular", "Bold", "Italic"):
        pdfmetrics.registerFont(TTFont(f"LiberationSerif-{name}", str(LIBERATION / f"LiberationSerif-{name}.ttf")))
    regular, bold, italic = (
        ("Vera", "VeraBd", "VeraIt")
        if design.font == "sans"
        else ("LiberationSerif-Regular", "LiberationSerif-Bold", "LiberationSerif-Italic")
    )
    body = ParagraphStyle("body", fontName=regular, fontSize=design.size, leading=design.size * 1.25, spaceAfter=4)
    heading = ParagraphStyle(
        "heading", parent=body, fontName=bold, fontSize=design.size + 3, spaceBefore=8, spaceAfter=6
    )
    cell = ParagraphStyle("cell", parent=body, spaceAfter=0)

    def footer(canvas, document):
        canvas.saveState()
        canvas.setFont(regular, 8)
        width = canvas._pagesize[0]
        if design.footer == "sidan":
            canvas.drawCentredString(width / 2, 12 * mm, f"Sidan {document.page}")
            canvas.drawRightString(
                width - 18 * mm, canvas._pagesize[1] - 12 * mm, f"Sjuhärads kommunalförbund – Årsredovisning {year}"
            )
        else:
            canvas.drawCentredString(width / 2, 12 * mm, str(document.page))
        canvas.restoreState()

    width, height = A4
    margin = 20 * mm
    one = Frame(margin, margin, width - 2 * margin, height - 2 * margin, id="one")
    half = (width - 2 * margin - 8 * mm) / 2
    two = [
        Frame(margin, margin, half, height - 2 * margin, id="left"),
        Frame(margin + half + 8 * mm, margin, half, height - 2 * margin, id="right"),
    ]
    wide_w, wide_h = landscape(A4)
    wide = Frame(margin, margin, wide_w - 2 * margin, wide_h - 2 * margin, id="wide")
    document = BaseDocTemplate(str(path), pagesize=A4)
    document.addPageTemplates(
        [
            PageTemplate("one", [one], onPage=footer, pagesize=A4),
            PageTemplate("two", two, onPage=footer, pagesize=A4),
            PageTemplate("wide", [wide], onPage=footer, pagesize=landscape(A4)),
        ]
    )
    story = [Paragraph(f"Årsredovisning {year}", heading)]
    columns = 1
    for block in blocks:
        wanted = block.columns if block.kind == "paragraph" else 1
        if wanted != columns:
            story += [NextPageTemplate("two" if wanted == 2 else "one"), PageBreak()]
            columns = wanted
        if block.kind == "break" and block.text == "landscape":
            story += [NextPageTemplate("wide"), PageBreak()]
        elif block.kind == "break" and block.text == "portrait":
            story += [NextPageTemplate("one"), PageBreak()]
        elif block.kind == "break":
            story.append(PageBreak())
        elif block.kind == "heading":
            story.append(Paragraph(html.escape(block.text), heading))
        elif block.kind == "paragraph":
            story.append(Paragraph(html.escape(block.text), body))
        elif block.kind == "lines":
            story += [Paragraph(html.escape(line) or "&nbsp;", cell) for line in block.lines]
        else:
            table = block.table
            if table.title and not _title_on_header(table, design):
                story.append(Paragraph(f"<b>{html.escape(table.title)}</b>", body))
            header = list(table.header)
            if table.title and _title_on_header(table, design):
                header[0] = table.title
            if table.kind == "texts":
                data = [[Paragraph(html.escape(c), cell) for c in row] for row in [header, *table.rows]]
                widths = [(width - 2 * margin) / 2] * 2
            else:
                data = [header, *table.rows]
                widths = None
            grid = PlatypusTable(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
            style = [
                ("FONT", (0, 0), (-1, -1), regular, design.size),
                ("FONT", (0, 0), (-1, 0), bold, design.size),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ]
            if table.kind == "figures":
                style.append(("ALIGN", (table.numeric_from, 0), (-1, -1), "RIGHT"))
                if "Not" in table.header:
                    column = table.header.index("Not")
                    style.append(("ALIGN", (column, 0), (column, -1), "RIGHT"))
            else:
                style += [("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]
            for position in table.totals:
                row = position + 1
                if design.totals == "rule":
                    style.append(("LINEABOVE", (0, row), (-1, row), 0.75, colors.black))
                else:
                    style.append(
                        ("FONT", (0, row), (-1, row), bold if design.totals == "bold" else italic, design.size)
                    )
            grid.setStyle(TableStyle(style))
            story += [grid, Spacer(1, 10)]
    document.build(story)
    return path


ROUTES = ("chromium", "libreoffice", "reportlab")


def typeset(variant: Variant, design: Design, route: str, workdir: Path) -> tuple[Path, Variant]:
    """The variant typeset by `route` as `design` says: the PDF, and the variant as printed."""
    blocks, printed = document(variant, design)
    workdir.mkdir(parents=True, exist_ok=True)
    stem = workdir / re.sub(r"\W+", "_", f"{route}_{design.name}")
    if route == "chromium":
        return print_html(html_document(blocks, design, variant.year), stem.with_suffix(".pdf")), printed
    if route == "libreoffice":
        return convert_docx(docx_document(blocks, design, variant.year, stem.with_suffix(".docx"))), printed
    return reportlab_document(blocks, design, variant.year, stem.with_suffix(".pdf")), printed


def available(route: str) -> bool:
    return {"chromium": Path(CHROMIUM).exists(), "libreoffice": shutil.which("soffice") is not None}.get(route, True)


DESIGNS = {
    "chromium": (
        Design(
            "A4, note column last, title on the header line, bold totals, Navet's text in two columns",
            title_on_header=True,
            two_columns="navet",
        ),
        Design(
            "note column first, 'Utfall 2013', no-break spaces, (negatives), totals under a rule, landscape visitors, opening text in two columns, page number alone",
            note="before",
            year_header="Utfall {year}",
            separator="\u00a0",
            minus="()",
            totals="rule",
            landscape_visits=True,
            two_columns="opening",
            font="sans",
            size=9.0,
            footer="number",
        ),
    ),
    "libreoffice": (
        Design(
            "no note column, thin spaces, hyphen minus, italic totals, title on the header line, page number alone",
            note="none",
            title_on_header=True,
            separator="\u2009",
            minus="-",
            totals="italic",
            font="sans",
            footer="number",
        ),
        Design(
            "note column between label and years, '2013-12-31', no separator, bold totals, landscape visitors, Navet's text in two columns",
            note="between",
            year_header="{year}-12-31",
            separator="",
            landscape_visits=True,
            two_columns="navet",
            size=11.0,
        ),
    ),
    "reportlab": (
        Design(
            "Liberation Serif 9.5, 'Utfall 2013', title on the header line, (negatives), totals under a rule, opening text in two columns, page number alone",
            year_header="Utfall {year}",
            title_on_header=True,
            minus="()",
            totals="rule",
            two_columns="opening",
            size=9.5,
            footer="number",
        ),
        Design(
            "Vera 10, note column first, no-break spaces, hyphen minus, italic totals, landscape visitors",
            note="before",
            separator="\u00a0",
            minus="-",
            totals="italic",
            landscape_visits=True,
            font="sans",
        ),
    ),
}


def main() -> None:
    """The typeset table of docs/drafting.md: `python -m tests.support.drafting_typeset`."""
    import contextlib
    import io
    import tempfile
    from dataclasses import replace

    from dagster_project.drafting.draft import draft_report
    from tests.support.drafting_scoring import SPECS, score
    from tests.support.drafting_variants import base, shift_years
    from tests.support.project import REPORT_2012

    main_tables = [t for t, entry in SPECS.items() if entry.table_type in ("statement", "navet_visits", "navet_goals")]
    main_tables.append("navet_personal")
    variant = shift_years(base(), 1)
    print(
        "| route | design | cells | correct | wrong, flagged | wrong, silent | empty (flagged) | statements, notes, Navet |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for route in ROUTES:
        for design in DESIGNS[route]:
            with tempfile.TemporaryDirectory() as folder, contextlib.redirect_stdout(io.StringIO()):
                workdir = Path(folder)
                pdf, printed = typeset(variant, design, route, workdir / "typeset")
                raw = workdir / "raw"
                raw.mkdir()
                shutil.copytree(REPORT_2012, raw / REPORT_2012.name)
                result = draft_report(pdf, raw)
                every = score(printed, result, "pdf")
                main = score(replace(printed, expected={t: printed.expected[t] for t in main_tables}), result, "pdf")
            counts = (every.cells, every.correct, every.flagged, every.silent, every.empty)
            print(
                f"| {route} | {design.name} | "
                + " | ".join(f"{n:,}".replace(",", " ") for n in counts)
                + f" | {main.correct} of {main.cells} ({100 * main.correct / main.cells:.1f} %) |"
                + (f" problems: {every.problems[:3]}" if every.problems else ""),
                flush=True,
            )


if __name__ == "__main__":
    main()
