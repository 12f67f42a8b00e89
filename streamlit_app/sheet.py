"""The municipality sheet for board papers: one municipality's key figures, its comparison with
the members and its development over the chosen years, with the sources; as an Excel workbook
(one sheet per table, raw numbers) and as a one-page PDF (Swedish number formats).

Built when a reader clicks a download, from the published warehouse (queries/), for the
municipality and years captured when the page was shown.
"""

import io
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import pandas as pd
import reportlab
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import KeepInFrame, Paragraph, SimpleDocTemplate, Table, TableStyle

from streamlit_app import exports, formatting, queries
from streamlit_app.comparison import ASSESSMENT_TEXT, HIGHER, LOWER, MEASURES, position, rank_text
from streamlit_app.exports import workbook_bytes
from streamlit_app.labels import FEE_TYPES, MEMBERSHIP, SERVICES
from streamlit_app.ranking import measure_difference, measure_value
from streamlit_app.state import Municipality
from streamlit_app.status import published_at_text
from streamlit_app.trends import trend, trend_values_row

SHEETS = ("Nyckeltal", "Jämförelse", "Per år", "Utveckling", "Avgifter", "Tjänster", "Källor", "Om bladet")
DIRECTION_TEXT = {HIGHER: "högre är bättre", LOWER: "lägre är bättre", None: "ingen riktning"}
KEY_FIGURES = [
    ("forbundsbidrag_tkr", "Förbundsbidrag (kansliet)", "tkr", False),
    ("navet_tkr", "Medlemsavgift Navet", "tkr", False),
    ("medarbetarcentrum_tkr", "Medlemsavgift Medarbetarcentrum", "tkr", False),
    ("fees_total_tkr", "Avgifter totalt", "tkr", False),
    ("fee_share", "Andel av alla kommuners avgifter", "%", True),
    ("visits", "Besök på Navet (kommunens besöksgrupper)", "besök", False),
    ("visit_share", "Andel av Navets kommunbesök", "%", True),
    ("navet_kr_per_visit", "Navetavgift per besök", "kr", False),
    ("positive_changes", "Personer till positiv förändring (Medarbetarcentrum)", "personer", False),
    ("positive_change_share", "Andel av Medarbetarcentrums positiva förändringar", "%", True),
]
PER_YEAR = {
    "year": "År",
    "forbundsbidrag_tkr": "Förbundsbidrag (tkr)",
    "navet_tkr": "Medlemsavgift Navet (tkr)",
    "medarbetarcentrum_tkr": "Medlemsavgift Medarbetarcentrum (tkr)",
    "fees_total_tkr": "Avgifter totalt (tkr)",
    "fee_share": "Andel av alla avgifter",
    "visits": "Besök på Navet",
    "visit_share": "Andel av Navets kommunbesök",
    "navet_kr_per_visit": "Navetavgift per besök (kr)",
    "fees_per_inhabitant_kr": "Avgifter per invånare (kr, härlett)",
    "positive_changes": "Positiva förändringar (MC)",
}
ATTRIBUTION_COLUMN = "Positiva förändringar (MC), kolumnens kommun"
ATTRIBUTION = {"printed": "tryckt", "inferred": "slutsats"}
_FONT, _BOLD = "Vera", "VeraBd"


@dataclass(frozen=True)
class SheetData:
    municipality: Municipality
    years: tuple[int, int]
    year: int | None
    published: str
    key_figures: pd.DataFrame
    comparison: pd.DataFrame
    per_year: pd.DataFrame
    development: pd.DataFrame
    fees: pd.DataFrame
    services: pd.DataFrame
    sources: list[str]
    positive_changes_inferred: bool


def gather(municipality: Municipality, years: tuple[int, int]) -> SheetData:
    """Everything the sheet shows, for the municipality and the range (first, last)."""
    first, last = years
    history = queries.municipalities.municipality_years(years, municipality.code)
    in_range = history[(history["year"] >= first) & (history["year"] <= last)]
    year = int(in_range["year"].max()) if len(in_range) else None
    own = in_range[in_range["year"] == year].iloc[0] if year is not None else None
    comparison = _comparison(municipality, year) if year is not None else pd.DataFrame()
    fees = queries.common.read_query(queries.fees.own_fees(years, municipality.code))
    record = queries.meta.publication()
    sources = sorted(
        {part for reference in queries.municipalities.sources_of(in_range) for part in str(reference).split("; ")}
        | set(fees["source_ref"].dropna())
    )
    return SheetData(
        municipality=municipality,
        years=years,
        year=year,
        published=published_at_text(record.get("published_at")) if record else "okänt",
        key_figures=_key_figures(own),
        comparison=comparison,
        per_year=in_range[list(PER_YEAR)]
        .rename(columns=PER_YEAR)
        .assign(**{ATTRIBUTION_COLUMN: in_range["positive_change_attribution"].map(ATTRIBUTION).to_numpy()}),
        development=pd.DataFrame(
            [
                trend_values_row(measure.label, trend(history.set_index("year")[measure.column], first, last))
                for measure in MEASURES.values()
            ]
        ),
        fees=fees.assign(fee_type=fees["fee_type"].map(FEE_TYPES)).rename(
            columns={"year": "År", "fee_type": "Avgiftstyp", "amount_tkr": "Belopp (tkr)", "source_ref": "Källa"}
        ),
        services=services_for_display(queries.municipalities.services(years, municipality.code)),
        sources=sources,
        positive_changes_inferred=bool(own is not None and own["positive_change_attribution"] == "inferred"),
    )


INFERRED_NOTE = "slutsats: kolumnrubriken saknas i årsredovisningen"
INFERRED_FIGURES = ("positive_changes", "positive_change_share")


def _key_figures(own: pd.Series | None) -> pd.DataFrame:
    rows = []
    inferred = own is not None and own["positive_change_attribution"] == "inferred"
    for column, label, unit, share in KEY_FIGURES:
        value = None if own is None or formatting.is_missing(own[column]) else float(own[column])
        note = INFERRED_NOTE if inferred and column in INFERRED_FIGURES and value is not None else ""
        rows.append({"Uppgift": label, "Värde": value, "Enhet": "andel" if share else unit, "Anmärkning": note})
    return pd.DataFrame(rows)


def _comparison(municipality: Municipality, year: int) -> pd.DataFrame:
    rows = queries.municipalities.municipalities_in_year(year)
    found = []
    for measure in MEASURES.values():
        row = position(rows, measure, municipality.code)
        found.append(
            {
                "Mått": measure.label,
                "Enhet": "andel" if measure.share else measure.unit,
                "Kommunen": row["value"],
                "Medel, medlemskommuner (oviktat)": row["member_mean"],
                "Plats": rank_text(row["rank"], int(row["ranked_count"])),
                "Skillnad mot medel": row["difference"],
                "Skillnad mot medel (%)": row["difference_percent"],
                "Bedömning": ASSESSMENT_TEXT.get(row["assessment"], "") if row["assessment"] else "",
                "Riktning": DIRECTION_TEXT[measure.direction],
                "Ordning": measure.first_place,
            }
        )
    return pd.DataFrame(found)


def services_for_display(services: pd.DataFrame) -> pd.DataFrame:
    """Year and one Ja/Nej column per service."""
    shown = services.rename(columns={"year": "År"} | SERVICES)
    for column in SERVICES.values():
        shown[column] = shown[column].map({True: "Ja", False: "Nej"})
    return shown


def workbook(data: SheetData) -> bytes:
    sheets = {
        "Nyckeltal": data.key_figures,
        "Jämförelse": data.comparison,
        "Per år": data.per_year,
        "Utveckling": data.development,
        "Avgifter": data.fees,
        "Tjänster": data.services,
        "Källor": pd.DataFrame({"Källa": data.sources}),
        "Om bladet": pd.DataFrame({"Om bladet": _about(data)}),
    }
    return workbook_bytes(sheets, WORKBOOK_FORMATS)


def _value_format(row: dict) -> str:
    """A key figure's format by its unit: shares as percent, amounts and counts whole."""
    return exports.SHARE if row.get("Enhet") == "andel" else exports.WHOLE


def _measure_format(row: dict, signed: bool = False) -> str | None:
    measure = _measure_by_label(str(row.get("Mått")))
    if measure is None:
        return None
    number = (
        exports.SHARE if measure.share else exports.WHOLE + ("." + "0" * measure.decimals if measure.decimals else "")
    )
    return exports.signed(number) if signed else number


WORKBOOK_FORMATS = {
    "Nyckeltal": {"Värde": _value_format},
    "Jämförelse": {
        "Kommunen": _measure_format,
        "Medel, medlemskommuner (oviktat)": _measure_format,
        "Skillnad mot medel": lambda row: _measure_format(row, signed=True),
        "Skillnad mot medel (%)": exports.signed(exports.PERCENT),
    },
    "Per år": {
        **{column: exports.WHOLE for column in PER_YEAR.values() if "(tkr)" in column or column.startswith("Besök")},
        "Andel av alla avgifter": exports.SHARE,
        "Andel av Navets kommunbesök": exports.SHARE,
        "Navetavgift per besök (kr)": exports.WHOLE,
        "Avgifter per invånare (kr, härlett)": exports.ONE_DECIMAL,
        "Positiva förändringar (MC)": exports.WHOLE,
    },
    "Utveckling": {
        "Värde första år": _measure_format,
        "Värde sista år": _measure_format,
        "Förändring": lambda row: _measure_format(row, signed=True),
        "Genomsnitt per år": lambda row: _measure_format(row, signed=True),
        "Mot året före": lambda row: _measure_format(row, signed=True),
        "Förändring (%)": exports.signed(exports.PERCENT),
        "Genomsnitt per år (%)": exports.signed(exports.PERCENT),
        "Mot året före (%)": exports.signed(exports.PERCENT),
    },
    "Avgifter": {"Belopp (tkr)": exports.WHOLE},
}


def _about(data: SheetData) -> list[str]:
    first, last = data.years
    lines = [
        f"{data.municipality.name}, {MEMBERSHIP.get(data.municipality.membership, data.municipality.membership).lower()}, "
        f"{data.municipality.county_name}. Åren {first}–{last}; nyckeltal och jämförelse för {data.year}.",
        f"Ur Sjuhärads kommunalförbunds årsredovisningar, publicerade i Sjuhärad Insyn {data.published}.",
        "Andelar är formaterade som procent (cellen håller andelen, 0,547 visas som 54,7 %). "
        "Tal märkta slutsats bygger på en härledd kolumnrubrik, inte en tryckt.",
    ]
    return lines + _reading_notes(data)


def _reading_notes(data: SheetData) -> list[str]:
    notes = [
        "Medelvärdet är oviktat: medlemskommunernas värden summerade och delade med antalet som har ett värde. "
        "Placeringen gäller medlemskommunerna; kolumnen Ordning säger vilken ände som är plats 1 för varje mått "
        "(lägst där lägre är bättre, annars högst).",
        "Mått per invånare bygger på ett invånarunderlag som är härlett ur förbundsbidraget och den avgift per "
        "invånare som årsredovisningen anger; det finns bara för år då avgiften anges.",
    ]
    if data.positive_changes_inferred:
        notes.append(
            "Vilken kommun Medarbetarcentrums kolumn gäller är en slutsats: rubrikerna saknas i årsredovisningen."
        )
    return notes


def _register_fonts() -> None:
    """Each font on its own: another module in the process may have registered one of them already."""
    fonts = Path(reportlab.__file__).parent / "fonts"
    for name in (_FONT, _BOLD):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(fonts / f"{name}.ttf")))


def pdf(data: SheetData) -> bytes:
    """One A4 page; the content shrinks to fit when it is long (many sources)."""
    _register_fonts()
    styles = {
        "title": ParagraphStyle("title", fontName=_BOLD, fontSize=16, leading=20, spaceAfter=2),
        "sub": ParagraphStyle("sub", fontName=_FONT, fontSize=8.5, leading=11, textColor=colors.HexColor("#444444")),
        "head": ParagraphStyle("head", fontName=_BOLD, fontSize=10.5, leading=13, spaceBefore=7, spaceAfter=3),
        "body": ParagraphStyle("body", fontName=_FONT, fontSize=7.5, leading=9.5),
        "cell": ParagraphStyle("cell", fontName=_FONT, fontSize=7.5, leading=9),
    }
    name = data.municipality.name
    first, last = data.years
    story = [
        Paragraph(escape(f"Kommunblad: {name} {data.year or ''}".strip()), styles["title"]),
        Paragraph(
            escape(
                f"Sjuhärads kommunalförbund · {MEMBERSHIP.get(data.municipality.membership, '')} · "
                f"{data.municipality.county_name} · åren {first}–{last} · publicerat {data.published}"
            ),
            styles["sub"],
        ),
    ]
    story += [
        Paragraph(escape(f"Nyckeltal {data.year}"), styles["head"]),
        _table([["Uppgift", "Värde"]] + _key_figure_rows(data), [120 * mm, 50 * mm], styles),
    ]
    if not data.comparison.empty:
        rows = [["Mått", name, "Medel", "Placering", "Skillnad mot medel"]] + [
            [
                row["Mått"],
                _measure_text(row["Mått"], row["Kommunen"]),
                _measure_text(row["Mått"], row["Medel, medlemskommuner (oviktat)"]),
                _rank_with_end(row["Mått"], row["Plats"]),
                _difference_text(row["Mått"], row["Skillnad mot medel"]),
            ]
            for _, row in data.comparison.iterrows()
        ]
        story += [
            Paragraph(escape(f"Jämfört med medlemskommunerna {data.year}"), styles["head"]),
            _table(rows, [52 * mm, 24 * mm, 24 * mm, 36 * mm, 44 * mm], styles),
        ]
    development = (
        data.development.dropna(subset=["Förändring"])
        if "Förändring" in data.development
        else data.development.iloc[0:0]
    )
    if not development.empty:
        rows = [["Mått", "Första år", "Sista år", "Förändring", "Per år (%)"]] + [
            [
                row["Mått"],
                f"{int(row['Första år'])}: {_measure_text(row['Mått'], row['Värde första år'])}",
                f"{int(row['Sista år'])}: {_measure_text(row['Mått'], row['Värde sista år'])}",
                _difference_text(row["Mått"], row["Förändring"]),
                formatting.format_signed_percent(row["Genomsnitt per år (%)"]),
            ]
            for _, row in development.iterrows()
        ]
        story += [
            Paragraph(escape(f"Utveckling {first}–{last}"), styles["head"]),
            _table(rows, [54 * mm, 30 * mm, 30 * mm, 44 * mm, 22 * mm], styles),
        ]
    story += [Paragraph("Att läsa", styles["head"])] + [
        Paragraph(escape(line), styles["body"]) for line in _reading_notes(data)
    ]
    story += [
        Paragraph("Källor", styles["head"]),
        Paragraph(escape("; ".join(data.sources) or "Sjuhärad Insyn"), styles["body"]),
    ]
    buffer = io.BytesIO()
    width, height = A4
    margin = 15 * mm
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=f"Kommunblad {name}",
        author="Sjuhärad Insyn",
    )
    document.build([KeepInFrame(width - 2 * margin, height - 2 * margin - 2 * mm, story, mode="shrink")])
    return buffer.getvalue()


def _measure_by_label(label: str):
    return next((measure for measure in MEASURES.values() if measure.label == label), None)


def _measure_text(label: str, value: object) -> str:
    measure = _measure_by_label(label)
    return measure_value(measure, value) if measure else formatting.format_number(value)


def _rank_with_end(label: str, rank: str) -> str:
    """`plats 6 av 6 (1 = lägst)`: the rank and which end is first."""
    measure = _measure_by_label(label)
    return f"{rank} (1 = {measure.first_end})" if measure and rank.startswith("plats") else rank


def _difference_text(label: str, value: object) -> str:
    measure = _measure_by_label(label)
    return measure_difference(measure, value) if measure else formatting.format_signed(value)


def _key_figure_rows(data: SheetData) -> list[list[str]]:
    rows = []
    for (_, label, unit, share), value in zip(KEY_FIGURES, data.key_figures["Värde"]):
        text = formatting.format_share(value) if share else formatting.with_unit(formatting.format_number(value), unit)
        if label.startswith("Personer till positiv") and data.positive_changes_inferred and value is not None:
            text += " (slutsats)"
        rows.append([label, text])
    return rows


def _table(rows: list[list[str]], widths: list[float], styles: dict) -> Table:
    cells = [[Paragraph(escape(str(cell)), styles["cell"]) for cell in row] for row in rows]
    table = Table(cells, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dbe9f6")),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#bbbbbb")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return table


def file_stem(municipality: Municipality) -> str:
    return "kommunblad_" + "".join(c if c.isalnum() else "_" for c in municipality.name.lower()).strip("_")
