"""The characters and horizontal rules of a PDF's pages, as pdfplumber gives them, at less cost.

pdfplumber's `page.chars` and `page.horizontal_edges` are pdfminer's layout objects (with no
layout analysis) turned into dictionaries of every attribute: about a fifth of the time a page
takes, most of it for attributes the layout reader never reads. Here pdfminer's documented
composable API (PDFResourceManager, PDFPageAggregator without LAParams, PDFPageInterpreter)
gives the same objects, and each character keeps only what the layout reader reads, with the
coordinates pdfplumber computes: `top` and `bottom` from the top of the MediaBox, `x0`
shifted by its left edge. Rules are the horizontal edges of lines, rectangles (top and bottom)
and curves, in pdfplumber's order. tests/test_drafting_layouts.py compares the two on pages
with rules, a form, an offset box and a rotation; on the typeset corpus they were identical.
"""

from pathlib import Path

CHAR_KEYS = ("text", "x0", "x1", "top", "bottom", "size", "upright")


def page_count(path: Path) -> int:
    from pdfminer.pdfpage import PDFPage

    with open(path, "rb") as handle:
        return sum(1 for _ in PDFPage.get_pages(handle))


def _mediabox(page, rotation: int) -> tuple[float, float, float]:
    """The MediaBox's left edge, top (pdfplumber's inverted box) and height, the page rotated."""
    x0, y0, x1, y1 = (float(v) for v in page.mediabox)
    x0, x1, y0, y1 = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
    if rotation % 180 == 90:
        x0, y0, x1, y1 = y0, x0, y1, x1
    height = y1 - y0
    return x0, height - y1, height


def _objects(container):
    from pdfminer.layout import LTContainer

    for item in container:
        if isinstance(item, LTContainer):
            yield from _objects(item)
        else:
            yield item


def parsed_pages(path: Path, numbers: range) -> list[tuple[int, float, float, list[dict], list[tuple]]]:
    """(page number, width, height, characters, horizontal rules (top, x0, x1)) of the pages numbered (from 0)."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar, LTCurve, LTLine, LTRect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    wanted = set(numbers)
    result = []
    with open(path, "rb") as handle:
        resources = PDFResourceManager()
        device = PDFPageAggregator(resources, laparams=None)
        interpreter = PDFPageInterpreter(resources, device)
        for index, page in enumerate(PDFPage.get_pages(handle)):
            if index not in wanted:
                continue
            rotation = int(page.rotate or 0) % 360
            left, top_of_box, height = _mediabox(page, rotation)
            interpreter.process_page(page)
            layout = device.get_result()
            chars, lines, rects, curves = [], [], [], []
            for item in _objects(layout):
                if isinstance(item, LTChar):
                    chars.append(
                        {
                            "text": item.get_text(),
                            "x0": item.x0 + left,
                            "x1": item.x1 + left,
                            "top": height - item.y1 + top_of_box,
                            "bottom": height - item.y0 + top_of_box,
                            "size": item.size,
                            "upright": item.upright,
                        }
                    )
                elif isinstance(item, LTLine):
                    lines.append(item)
                elif isinstance(item, LTRect):
                    rects.append(item)
                elif isinstance(item, LTCurve):
                    curves.append(item)
            rules = [
                (height - line.y1 + top_of_box, line.x0 + left, line.x1 + left) for line in lines if line.y0 == line.y1
            ]
            for rect in rects:
                top = height - rect.y1 + top_of_box
                rules += [(top, rect.x0 + left, rect.x1 + left), (top + rect.height, rect.x0 + left, rect.x1 + left)]
            for curve in curves:
                points = [(x + left, top_of_box + height - y) for x, y in curve.pts]
                rules += [
                    (p0[1], min(p0[0], p1[0]), max(p0[0], p1[0]))
                    for p0, p1 in zip(points, points[1:])
                    if p0[1] == p1[1] and p0[0] != p1[0]
                ]
            result.append((index + 1, float(layout.width), float(height), chars, rules))
    return result
