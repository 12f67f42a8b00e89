"""Report texts for the drafting tests: the real 2012 text, a PDF of it, and a 2013 report built from it."""

from pathlib import Path

# The text of the 2012 report as extracted from its PDF (a copy of shared/seed/000_6eef74d69066060b.txt,
# so that a clone has it wherever it stands).
SEED_TEXT = Path(__file__).resolve().parent.parent / "fixtures" / "source" / "arsredovisning-2012.txt"

# Note 3 of the 2013 report: 2013 figures, and the 2012 figures as the 2012 report printed them,
# except Varberg 2012, restated (650, the 2012 report: 641), and a Summa 2013 that does not add up
# (16 100 printed; the rows add up to 16 071).
NOTE_3_2013 = """3 Förbundsbidrag, kansli 
Bollebygd 584 584 
Borås 7 400 7 249 
Falkenberg 454 454 
Herrljunga 653 653 
Mark 2 374 2 374 
Svenljunga 721 721 
Tranemo 813 813 
Ulricehamn 1 604 1 604 
Varberg 700 650 
Vårgårda 768 768 
Summa 16 100 15 870 
"""


def seed_text() -> str:
    return SEED_TEXT.read_text(encoding="utf-8")


def _shift_years(text: str) -> str:
    return text.replace("2012", "\0").replace("2011", "2012").replace("\0", "2013")


def report_2013() -> str:
    """The 2012 text as if it were the 2013 report, with note 3 and its figures elsewhere rewritten."""
    text = _shift_years(seed_text())
    start = text.index("3 Förbundsbidrag, kansli")
    end = text.index("4 Medlemsavgifter, Navet")
    text = text[:start] + NOTE_3_2013 + "\n \n" + text[end:]
    text = text.replace(
        "Förbundsbidrag, Kansli \n \n\n15 861 \n \n\n15 709", "Förbundsbidrag, Kansli \n \n\n16 100 \n \n\n15 870"
    )
    return text.replace(
        "Summa medlemsbidrag till förbundet är 15 861 tkr", "Summa medlemsbidrag till förbundet är 16 100 tkr"
    )


def write_pdf(text: str, path: Path, lines_per_page: int = 60) -> Path:
    """A PDF whose text layer is `text`, line by line (reportlab, with the Vera font it ships)."""
    import reportlab
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("Vera", str(Path(reportlab.__file__).parent / "fonts" / "Vera.ttf")))
    document = canvas.Canvas(str(path), pagesize=A4)
    lines = text.split("\n")
    for first in range(0, len(lines), lines_per_page):
        y = A4[1] - 40
        for line in lines[first : first + lines_per_page]:
            document.setFont("Vera", 8)
            document.drawString(30, y, line)
            y -= 12.5
        document.showPage()
    document.save()
    return path
