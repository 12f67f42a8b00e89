"""The 2013 report typeset as designers typeset it (tests/support/drafting_typeset.py: Chromium, LibreOffice,
reportlab; two designs each), drafted from its PDF and scored cell by cell: no silently wrong
cell, at least 99 % of the statement, note and Navet cells right, every other cell right or flagged."""

import contextlib
import io
import re
import shutil
from dataclasses import replace

import pytest

from dagster_project.drafting.draft import draft_report
from dagster_project.drafting.text.source import read_source
from dagster_project.raw_format.numbers import parse_number
from tests.support.drafting_scoring import SPECS, score
from tests.support.drafting_typeset import DESIGNS, ROUTES, typeset
from tests.support.drafting_variants import base, shift_years
from tests.support.project import REPORT_2012

pytestmark = pytest.mark.pdf

CASES = [(route, index) for route in ROUTES for index in range(len(DESIGNS[route]))]
# The cells the bar is about: the statements, the notes and Navet's tables.
MAIN_TABLES = [
    t
    for t, entry in SPECS.items()
    if entry.table_type in ("statement", "navet_visits", "navet_goals", "staff") and t != "mc_personalresurs"
]


@pytest.fixture(scope="session")
def typeset_drafts(tmp_path_factory):
    """Each design typeset once per session and drafted: (route, index) -> (pdf, variant as printed, result)."""
    variant = shift_years(base(), 1)
    made = {}

    def get(route: str, index: int):
        if (route, index) not in made:
            workdir = tmp_path_factory.mktemp(f"{route}{index}")
            pdf, printed = typeset(variant, DESIGNS[route][index], route, workdir)
            raw = workdir / "raw"
            raw.mkdir()
            shutil.copytree(REPORT_2012, raw / REPORT_2012.name)
            with contextlib.redirect_stdout(io.StringIO()):
                made[(route, index)] = (pdf, printed, draft_report(pdf, raw))
        return made[(route, index)]

    return get


@pytest.mark.parametrize(("route", "index"), CASES)
def test_a_typeset_report_drafts_without_a_silent_wrong_cell(typeset_drafts, route, index):
    _, printed, result = typeset_drafts(route, index)
    everything = score(printed, result, "pdf")
    assert everything.problems == [] and everything.silent == 0
    assert everything.correct + everything.flagged + everything.empty == everything.cells > 1_700
    main = score(replace(printed, expected={t: printed.expected[t] for t in MAIN_TABLES}), result, "pdf")
    assert main.silent == 0 and main.correct >= 0.99 * main.cells, (main.correct, main.cells)


@pytest.mark.parametrize(("route", "index"), CASES)
def test_a_typeset_report_has_the_real_figures(typeset_drafts, route, index):
    _, _, result = typeset_drafts(route, index)
    rows = {r["line_id"]: r for r in _rows(result.folder / "not_forbundsbidrag_kansli.csv")}
    assert (_value(rows["boras"]["amount_current"]), _value(rows["boras"]["amount_prior"])) == (7249, 7198)
    income = {r["line_id"]: r for r in _rows(result.folder / "resultatrakning.csv")}
    assert _value(income["verksamhetens_kostnader"]["amount_current"]) == -63300
    assert result.year == 2013


def test_notes_printed_first_or_between_are_notes_and_parenthesised_negatives_are_negative(typeset_drafts):
    # reportlab design 2 prints "Not" first; chromium design 2 prints negatives as (63 300).
    for route, index in (("reportlab", 1), ("chromium", 1), ("libreoffice", 1)):
        _, printed, result = typeset_drafts(route, index)
        income = {r["line_id"]: r for r in _rows(result.folder / "resultatrakning.csv")}
        row = income["finansiella_intakter"]
        assert (row["note"], _value(row["amount_current"]), _value(row["amount_prior"])) == ("6", 1484, 722)
        assert _value(income["avskrivningar"]["amount_prior"]) == -109


def test_page_numbers_running_headers_and_repeated_table_headers_are_noise_and_never_rows(typeset_drafts):
    for route, index in (("chromium", 0), ("libreoffice", 0)):
        pdf, _, _ = typeset_drafts(route, index)
        source = read_source(pdf)
        pages = max(line.page for line in source.lines)
        footers = [
            line for line in source.lines if line.noise and re.fullmatch(r"(Sidan )?\d+( av \d+)?", line.text.strip())
        ]
        assert [line.page for line in footers] == list(range(1, pages + 1))
        body_started: set[int] = set()
        for line in source.lines:
            text = line.text.strip()
            if line.noise and line not in footers and "Årsredovisning 2013" not in text:
                # A table's header printed again at the top of the next page, before the table goes on.
                assert line.page not in body_started, (line.page, text)
            if not line.noise and text:
                body_started.add(line.page)
        assert not any(line.noise for line in source.lines if line.text.startswith(("Summa", "Årets resultat")))


def _value(printed: str):
    return parse_number(printed)


def _rows(path):
    import csv

    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))
