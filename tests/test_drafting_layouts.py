"""Unit tests for each layout the drafter reads, on small texts with a small template."""

from pathlib import Path

import pytest

from dagster_project.drafting import figures, grids, labels, statements
from dagster_project.drafting.draft import free_folder, report_year
from dagster_project.drafting.locate import YearError
from dagster_project.drafting.model import DraftTable
from dagster_project.drafting.phrases import find_phrases, phrase_pattern, running_text
from dagster_project.drafting.source import from_text
from dagster_project.drafting.template import FILLED, TemplateTable
from dagster_project.raw_format.manifest import TableEntry
from dagster_project.raw_format.specs import TABLE_SPECS


def _entry(table_type="statement", table_id="t"):
    return TableEntry(f"{table_id}.csv", table_id, table_type, "T", None, None, "tkr", None, None)


def _statement(rows, text):
    template = TemplateTable(_entry(), tuple({"line_id": i, "label": l, "line_kind": k, "part_of": p, "note": n, FILLED: frozenset()}
                                             for i, l, k, p, n in rows))
    draft = DraftTable(_entry(), TABLE_SPECS["statement"].header)
    statements.read_statement(template, draft, list(from_text(Path("x.txt"), text).lines))
    return {row["line_id"]: row for row in draft.rows}, draft


NOTE = [("a", "Bollebygd", "item", "summa", None), ("b", "Borås", "item", "summa", None), ("summa", "Summa", "total", None, None)]


def test_figures_group_thousands_only_where_the_count_needs_it():
    split = figures.split_line("Borås 7 249 7 198 ")
    assert split.label == "Borås"
    assert [[f.printed for f in g] for g in figures.read_figures(split.tokens, (2,))] == [["7 249", "7 198"]]
    assert [[f.printed for f in g] for g in figures.read_figures(figures.split_line("Bollebygd 584 583").tokens, (2,))] == [["584", "583"]]
    memo = figures.split_line("(varav avgångsvederlag)  0 (1 414) ")
    (grouping,) = figures.read_figures(memo.tokens, (2,))
    assert memo.label == "(varav avgångsvederlag)" and grouping[1].printed == "1 414" and grouping[1].parenthesised


def test_swedish_number_formats():
    split = figures.split_line("Kostnader \u221263\u00a0300 \u221262\u202f651")
    assert [[f.printed for f in g] for g in figures.read_figures(split.tokens, (2,))] == [["-63 300", "-62 651"]]
    bound = figures.split_line("Summa 1\u00a0234 567")
    assert [g[0].printed for g in figures.read_figures(bound.tokens, (2,))] == ["1 234"], "a no-break group is one figure"
    assert figures.split_line("Pedagoger 11 10,7").tokens[-1].fraction == "7"
    assert [f.printed for f in figures.read_figures(figures.split_line("Samtliga 11770* 9 777").tokens, (2,))[0]] == ["11770", "9 777"]


def test_one_figure_per_line_with_blank_lines_and_a_page_footer_in_between():
    rows, draft = _statement(NOTE, "Bollebygd \n \n\n584 \n \n\n583 \nSidan 17 av 30 \nBorås 7 249 7 198\nSumma 7 833 7 781\n")
    assert (rows["a"]["amount_current"], rows["a"]["amount_prior"]) == ("584", "583")
    assert rows["summa"]["amount_current"] == "7 833"
    assert not draft.findings


def test_labels_before_their_figures_are_read_column_by_column_and_flagged():
    rows, draft = _statement(NOTE, "Bollebygd\nBorås\n\n584\n7 249\n\n583\n7 198\nSumma 7 833 7 781\n")
    assert (rows["a"]["amount_current"], rows["b"]["amount_current"], rows["b"]["amount_prior"]) == ("584", "7 249", "7 198")
    assert {f.row for f in draft.findings if f.kind == "layout"} == {"a", "b"}


def test_a_label_broken_over_two_lines_around_its_figures():
    rows, _ = _statement([("x", "Förändrad diskonteringsränta vid pensionsskuldsberäkning", "item", None, None)],
                         "Förändrad diskonteringsränta vid pensions-\n\n0\n\n476\nskuldsberäkning\n")
    assert rows["x"]["label"] == "Förändrad diskonteringsränta vid pensionsskuldsberäkning"
    assert (rows["x"]["amount_current"], rows["x"]["amount_prior"]) == ("0", "476")


def test_note_numbers_and_a_memo_line():
    rows, _ = _statement([("i", "Finansiella intäkter", "item", None, 6), ("m", "(varav utdelning)", "memo", None, None)],
                         "Finansiella intäkter 678 722 6\n(varav utdelning) 806 (0)\n")
    assert rows["i"]["note"] == "6" and rows["m"]["amount_current"] == "806" and rows["m"]["amount_prior"] == "0"


def test_ambiguous_digits_are_decided_by_the_total_or_left_empty():
    decided, _ = _statement(NOTE, "Bollebygd 1 484 722\nBorås 1 1\nSumma 1 485 723\n")
    assert (decided["a"]["amount_current"], decided["a"]["amount_prior"]) == ("1 484", "722")
    undecided, draft = _statement(NOTE, "Bollebygd 1 484 722\nBorås 1 1\nSumma 9 9\n")
    assert undecided["a"]["amount_current"] is None
    assert any(f.kind == "ambiguous" and f.row == "a" for f in draft.findings)


def test_a_reworded_label_an_added_row_and_a_removed_row():
    rows, draft = _statement(NOTE, "Bollebygds 584 583\nHerrljunga 653 655\nSumma 1 237 1 238\n")
    assert rows["a"]["label"] == "Bollebygds"
    assert rows["herrljunga"]["part_of"] == "summa" and rows["herrljunga"]["amount_current"] == "653"
    kinds = {(f.kind, f.row) for f in draft.findings}
    assert {("approximate", "a"), ("added", "herrljunga"), ("not_found", "b")} <= kinds


def test_visitor_rows_with_fewer_figures_are_placed_by_the_column_totals():
    rows = (("Bollebygd", "item"), ("Högskolan", "item"), ("Samtliga", "total"))
    template = TemplateTable(_entry("navet_visits"), tuple({"visitor_group": g, "line_kind": k, FILLED: frozenset()} for g, k in rows))
    draft = DraftTable(_entry("navet_visits"), TABLE_SPECS["navet_visits"].header)
    text = "Kommun\nSumma\nBollebygd 448 38 385 871\nHögskolan 775 775\nSamtliga 448 38 1 160 0 0 0 1 646\n"
    grids.read_navet_visits(template, draft, list(from_text(Path("x.txt"), text).lines))
    by_group = {r["visitor_group"]: r for r in draft.rows}
    assert by_group["Högskolan"]["kompetensutveckling_larare"] == "775" and by_group["Högskolan"]["tema_elever"] is None
    assert by_group["Samtliga"]["kompetensutveckling_larare"] == "1 160" and by_group["Samtliga"]["line_kind"] == "total"


def test_phrases_find_this_years_figure_across_a_hyphenated_line_break():
    text = running_text(from_text(Path("x.txt"), "Navet har arbetat med 61 000 barn, ungdo-\nmar och vuxna under 2013.\n").lines)
    pattern = phrase_pattern("Navet har arbetat med 57 576 barn, ungdomar och vuxna under 2012", 2012, 2013, 0)
    (match,) = find_phrases(pattern, text)
    assert match.slot == "61 000"
    assert not find_phrases(phrase_pattern("under 2012", 2012, 2014, None), text), "last year's years become this year's"


def test_labels_compare_spacing_aside():
    assert labels.best_match("Antal samtal/tillf ällen", ["Antal individer", "Antal samtal/tillfällen"]).exact
    assert labels.printed_label("Antal samtal/tillf ällen", "Antal samtal/tillfällen") == "Antal samtal/tillfällen"
    assert labels.best_match("Kassa", ["Kundfordringar"]) is None


def test_the_year_must_agree_and_pages_come_from_footers(tmp_path):
    source = from_text(tmp_path / "r.txt", "Årsredovisning 2013\nResultat\nÅrsredovisning 2013\nSidan 16 av 30\nNot\n")
    assert [line.page for line in source.lines][:4] == [16, 16, 16, 16] and source.lines[4].page is None
    assert report_year(source, None, None)[0] == 2013
    with pytest.raises(YearError, match="2013"):
        report_year(source, None, 2014)
    with pytest.raises(YearError, match="YEAR="):
        report_year(from_text(tmp_path / "r.txt", "no year here\n"), None, None)


def test_an_existing_folder_gets_a_new_name(tmp_path):
    (tmp_path / "arsredovisning-2013").mkdir()
    folder, note = free_folder(tmp_path, 2013)
    assert folder.name == "arsredovisning-2013-draft" and "not touched" in note
