"""Held-out-style reports built from the 2012 text (tests/support/drafting_variants.py), drafted from their
text (a handful also from a PDF of it): every printed figure drafted correctly or left empty and flagged, no
silently wrong cell, every removed, added or reworded row listed in its doubt section."""

import csv

import pytest

from dagster_project.drafting.review.report import REVIEW_CSV, REVIEW_DIR, read_review_csv
from tests.support.drafting_scoring import draft_variant, score
from tests.support.drafting_texts import _shift_years, seed_text
from tests.support.drafting_variants import CATALOGUE, SOURCES, Variant, base, reword, shift_years

_DRAFTS: dict[tuple[str, str], tuple] = {}


@pytest.fixture(scope="module")
def drafted(tmp_path_factory):
    """A variant's draft, made once per module: (variant, DraftResult)."""

    def get(name: str, source: str = "text"):
        if (name, source) not in _DRAFTS:
            variant = CATALOGUE[name]()
            _DRAFTS[(name, source)] = (
                variant,
                draft_variant(variant, tmp_path_factory.mktemp(name), pdf=source == "pdf"),
            )
        return _DRAFTS[(name, source)]

    yield get
    _DRAFTS.clear()


@pytest.mark.parametrize(
    ("name", "source"),
    [pytest.param(name, source, marks=[pytest.mark.pdf] if source == "pdf" else []) for name, source in SOURCES],
)
def test_every_figure_is_drafted_or_flagged_and_no_wrong_cell_is_silent(drafted, name, source):
    variant, result = drafted(name, source)
    result_score = score(variant, result, source)
    assert result_score.problems == []
    assert result_score.silent == 0
    assert variant.known_empty is None or result_score.empty == variant.known_empty
    assert result_score.correct + result_score.flagged + result_score.empty == result_score.cells > 1_600


def _rows(result, file):
    with open(result.folder / file, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def _doubts(result, table_id):
    return {
        (r["status"], r["row"])
        for r in read_review_csv(result.folder / REVIEW_DIR / REVIEW_CSV)
        if r["table_id"] == table_id
    }


def test_a_note_with_a_row_less_ends_at_its_total_and_lists_the_row(tmp_path):
    text = (
        _shift_years(seed_text())
        .replace("Preliminär skatt 401 400 \n", "")
        .replace("Summa 42 956 33 618", "Summa 42 555 33 217")
    )
    result = draft_variant(Variant("2013, note 15 without a row", text, 2013, base().expected), tmp_path)
    rows = _rows(result, "not_kortfristiga_skulder.csv")
    assert [r["line_id"] for r in rows] == [
        "semesterloneskuld",
        "interimsskulder",
        "beslutade_projekt",
        "pensioner_individuell_del",
        "leverantorsskulder",
        "arbetsgivaravgift",
        "ovrigt",
        "summa",
    ]
    assert (rows[-1]["amount_current"], rows[-1]["amount_prior"]) == ("42 555", "33 217")
    doubts = _doubts(result, "not_kortfristiga_skulder")
    assert ("not_found", "preliminar_skatt") in doubts and not {d for d in doubts if d[0] in ("added", "ambiguous")}


def test_a_label_printed_differently_is_keyed_as_printed_under_last_years_line_id_and_listed(tmp_path):
    text = (
        _shift_years(seed_text())
        .replace("Kontantkassa 20 49", "Kontant kassa 25 20")
        .replace("Bankkonton 40 783", "Bankmedel 40 783")
    )
    variant = Variant("2013, Kontant kassa", text, 2013, base().expected)
    result = draft_variant(variant, tmp_path)
    rows = {r["line_id"]: r for r in _rows(result, "not_kassa_och_bank.csv")}
    assert (
        rows["kontantkassa"]["label"],
        rows["kontantkassa"]["amount_current"],
        rows["kontantkassa"]["amount_prior"],
    ) == ("Kontant kassa", "25", "20")
    assert rows["bankkonton"]["label"] == "Bankmedel" and list(rows) == ["bankkonton", "kontantkassa", "summa"]
    assert {("approximate", "kontantkassa"), ("approximate", "bankkonton")} <= _doubts(result, "not_kassa_och_bank")


def test_the_variants_change_what_they_say(drafted):
    rolled, _ = drafted("2013-rolled")
    seed = base()
    changed = sum(
        1
        for table_id in ("resultatrakning", "balansrakning", "not_forbundsbidrag_kansli")
        for new, old in zip(rolled.expected[table_id], seed.expected[table_id])
        if new["amount_current"] != old["amount_current"]
    )
    assert changed >= 25 and "Borås 7 249 7 198" not in rolled.text
    assert [r["amount_prior"] for r in rolled.expected["not_forbundsbidrag_kansli"]] == [
        r["amount_current"] for r in seed.expected["not_forbundsbidrag_kansli"]
    ]
    twenty, _ = drafted("2020-scaled")
    assert twenty.year == 2020 and "Årsredovisning 2020" in twenty.text and "Årsredovisning 2012" not in twenty.text
    reworded = reword(shift_years(seed, 2), "not_kassa_och_bank", "bankkonton", "Bankmedel")
    assert "Bankmedel 40 783 31 795" in reworded.text and ("not_kassa_och_bank", "bankkonton") in reworded.reworded


def test_the_scoring_counts_a_wrong_cell_as_silent_until_a_doubt_names_it(drafted):
    variant, result = drafted("2013")
    assert score(variant, result, "text").silent == 0
    path = result.folder / "not_forbundsbidrag_kansli.csv"
    original = path.read_text(encoding="utf-8")
    review = result.folder / REVIEW_DIR / REVIEW_CSV
    original_review = review.read_text(encoding="utf-8")
    try:
        path.write_text(
            original.replace("boras;Borås;item;summa;;7 249;", "boras;Borås;item;summa;;7 294;"), encoding="utf-8"
        )
        silent = score(variant, result, "text")
        assert (
            silent.silent == 1
            and "not_forbundsbidrag_kansli ('boras',) amount_current: drafted 7294, 7249 expected" in silent.problems[0]
        )
        review.write_text(
            original_review + "not_forbundsbidrag_kansli;x.csv;boras;amount_current;;;;ambiguous;check\n",
            encoding="utf-8",
        )
        flagged = score(variant, result, "text")
        assert (flagged.silent, flagged.flagged, flagged.problems) == (0, 1, [])
    finally:
        path.write_text(original, encoding="utf-8")
        review.write_text(original_review, encoding="utf-8")
