"""Unit tests for each layout the drafter reads, on small texts with a small template."""

from pathlib import Path

import pytest

from dagster_project.drafting.draft import free_folder, report_year
from dagster_project.drafting.locate.tables import YearError
from dagster_project.drafting.locate.template import ACHIEVED_WORDS, FILLED, TemplateTable
from dagster_project.drafting.model import DraftTable, ReadContext
from dagster_project.drafting.readers import staff, statements, texts, visits
from dagster_project.drafting.text import figures, labels
from dagster_project.drafting.text.phrases import figure_as_printed, find_phrases, phrase_pattern, running_text
from dagster_project.drafting.text.source import SourceError, from_text, read_source
from dagster_project.raw_format.manifest import TableEntry
from dagster_project.raw_format.specs import TABLE_SPECS


def _entry(table_type="statement", table_id="t"):
    return TableEntry(f"{table_id}.csv", table_id, table_type, "T", None, None, "tkr", None, None)


def _statement(rows, text):
    template = TemplateTable(
        _entry(),
        tuple(
            {"line_id": i, "label": text, "line_kind": k, "part_of": p, "note": n, FILLED: frozenset()}
            for i, text, k, p, n in rows
        ),
    )
    draft = DraftTable(_entry(), TABLE_SPECS["statement"].header)
    statements.read_statement(template, draft, list(from_text(Path("x.txt"), text).lines), CONTEXT)
    return {row["line_id"]: row for row in draft.rows}, draft


CONTEXT = ReadContext(2013, frozenset())
NOTE = [
    ("a", "Bollebygd", "item", "summa", None),
    ("b", "Borås", "item", "summa", None),
    ("summa", "Summa", "total", None, None),
]


def test_figures_group_thousands_only_where_the_count_needs_it():
    split = figures.split_line("Borås 7 249 7 198 ")
    assert split.label == "Borås"
    assert [[f.printed for f in g] for g in figures.read_figures(split.tokens, (2,))] == [["7 249", "7 198"]]
    assert [
        [f.printed for f in g] for g in figures.read_figures(figures.split_line("Bollebygd 584 583").tokens, (2,))
    ] == [["584", "583"]]
    memo = figures.split_line("(varav avgångsvederlag)  0 (1 414) ")
    (grouping,) = figures.read_figures(memo.tokens, (2,))
    assert memo.label == "(varav avgångsvederlag)" and grouping[1].printed == "1 414" and grouping[1].parenthesised


def test_swedish_number_formats():
    split = figures.split_line("Kostnader \u221263\u00a0300 \u221262\u202f651")
    assert [[f.printed for f in g] for g in figures.read_figures(split.tokens, (2,))] == [["-63 300", "-62 651"]]
    bound = figures.split_line("Summa 1\u00a0234 567")
    assert [g[0].printed for g in figures.read_figures(bound.tokens, (2,))] == ["1 234"], (
        "a no-break group is one figure"
    )
    assert figures.split_line("Pedagoger 11 10,7").tokens[-1].fraction == "7"
    assert [f.printed for f in figures.read_figures(figures.split_line("Samtliga 11770* 9 777").tokens, (2,))[0]] == [
        "11770",
        "9 777",
    ]


def test_one_figure_per_line_with_blank_lines_and_a_page_footer_in_between():
    rows, draft = _statement(
        NOTE, "Bollebygd \n \n\n584 \n \n\n583 \nSidan 17 av 30 \nBorås 7 249 7 198\nSumma 7 833 7 781\n"
    )
    assert (rows["a"]["amount_current"], rows["a"]["amount_prior"]) == ("584", "583")
    assert rows["summa"]["amount_current"] == "7 833"
    assert not draft.findings


def test_labels_before_their_figures_are_read_column_by_column_and_flagged():
    rows, draft = _statement(NOTE, "Bollebygd\nBorås\n\n584\n7 249\n\n583\n7 198\nSumma 7 833 7 781\n")
    assert (rows["a"]["amount_current"], rows["b"]["amount_current"], rows["b"]["amount_prior"]) == (
        "584",
        "7 249",
        "7 198",
    )
    assert {f.row for f in draft.findings if f.kind == "layout"} == {"a", "b"}


def test_a_label_broken_over_two_lines_around_its_figures():
    rows, _ = _statement(
        [("x", "Förändrad diskonteringsränta vid pensionsskuldsberäkning", "item", None, None)],
        "Förändrad diskonteringsränta vid pensions-\n\n0\n\n476\nskuldsberäkning\n",
    )
    assert rows["x"]["label"] == "Förändrad diskonteringsränta vid pensionsskuldsberäkning"
    assert (rows["x"]["amount_current"], rows["x"]["amount_prior"]) == ("0", "476")


def test_note_numbers_and_a_memo_line():
    rows, _ = _statement(
        [("i", "Finansiella intäkter", "item", None, 6), ("m", "(varav utdelning)", "memo", None, None)],
        "Finansiella intäkter 678 722 6\n(varav utdelning) 806 (0)\n",
    )
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


def _visits(groups, text):
    template = TemplateTable(
        _entry("navet_visits"), tuple({"visitor_group": g, "line_kind": k, FILLED: frozenset()} for g, k in groups)
    )
    draft = DraftTable(_entry("navet_visits"), TABLE_SPECS["navet_visits"].header)
    visits.read_navet_visits(template, draft, list(from_text(Path("x.txt"), text).lines), CONTEXT)
    return draft


def _staff(roles, text):
    """Last year's staff table with these roles (the last one the total row, every row with both figures), drafted from text."""
    kinds = ["item"] * (len(roles) - 1) + ["total"]
    template = TemplateTable(
        _entry("staff"),
        tuple({"role": r, "line_kind": k, FILLED: frozenset({"persons", "fte"})} for r, k in zip(roles, kinds)),
    )
    draft = DraftTable(_entry("staff"), TABLE_SPECS["staff"].header)
    staff.read_staff(template, draft, list(from_text(Path("x.txt"), text).lines), CONTEXT)
    return draft


def test_visitor_rows_with_fewer_figures_are_placed_by_the_column_totals():
    rows = (("Bollebygd", "item"), ("Högskolan", "item"), ("Samtliga", "total"))
    draft = _visits(
        rows, "Kommun\nSumma\nBollebygd 448 38 385 871\nHögskolan 775 775\nSamtliga 448 38 1 160 0 0 0 1 646\n"
    )
    by_group = {r["visitor_group"]: r for r in draft.rows}
    assert by_group["Högskolan"]["kompetensutveckling_larare"] == "775" and by_group["Högskolan"]["tema_elever"] is None
    assert (
        by_group["Samtliga"]["kompetensutveckling_larare"] == "1 160" and by_group["Samtliga"]["line_kind"] == "total"
    )


def test_phrases_find_this_years_figure_across_a_hyphenated_line_break():
    text = running_text(
        from_text(Path("x.txt"), "Navet har arbetat med 61 000 barn, ungdo-\nmar och vuxna under 2013.\n").lines
    )
    pattern = phrase_pattern("Navet har arbetat med 57 576 barn, ungdomar och vuxna under 2012", 2012, 2013, 0)
    (match,) = find_phrases(pattern, text)
    assert match.slot == "61 000"
    assert not find_phrases(phrase_pattern("under 2012", 2012, 2014, None), text), (
        "last year's years become this year's"
    )


def test_labels_compare_spacing_aside():
    assert labels.best_match("Antal samtal/tillf ällen", ["Antal individer", "Antal samtal/tillfällen"]).exact
    split_by_extraction = labels.keyed_label(
        "Antal samtal/tillf ällen", "Antal samtal/tillfällen", frozenset({"tillfällen"})
    )
    assert (split_by_extraction.text, split_by_extraction.doubt) == (
        "Antal samtal/tillfällen",
        None,
    ) and split_by_extraction.note
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


TOTAL_LAST = [
    ("a", "Semesterlöneskuld", "item", "summa", None),
    ("b", "Preliminär skatt", "item", "summa", None),
    ("c", "Övrigt", "item", "summa", None),
    ("summa", "Summa", "total", None, None),
]


def test_a_table_with_a_row_less_ends_after_its_total_row():
    text = (
        "Semesterlöneskuld 1 335 1 211\nÖvrigt 617 33\nSumma 1 952 1 244\n BILAGA 1 - NAVET 2013\n"
        "Kortfristigt 5 5\nutvecklat en idé om ett material för årskurs 1 till 6. Skolverket har beviljat medel, 1 250 000\n"
    )
    rows, draft = _statement(TOTAL_LAST, text)
    assert list(rows) == ["a", "c", "summa"] and rows["summa"]["amount_current"] == "1 952"
    assert {(f.kind, f.row) for f in draft.findings} == {("not_found", "b")}


def test_running_text_and_headings_in_capitals_end_a_table_whose_last_row_is_not_a_total():
    rows = [("x", "Ingående balans", "item", None, None), ("y", "Pension inkl löneskatt", "item", None, None)]
    prose, _ = _statement(
        rows,
        "Pension inkl löneskatt 4 733 4 186\nutvecklat en idé om ett material för årskurs 1 till 6. Skolverket har beviljat medel, 1 250 000\n",
    )
    heading, _ = _statement(rows, "Pension inkl löneskatt 4 733 4 186\nBILAGA 1 - NAVET 2013 5 5\n")
    assert list(prose) == list(heading) == ["y"]


def test_an_added_row_needs_figures_that_fit_the_columns():
    rows, draft = _statement(NOTE, "Bollebygd 584 583\nBorås 7 249 7 198\nFotnot 3\nKassa 10 20\nSumma 7 843 7 801\n")
    assert list(rows) == ["a", "b", "kassa", "summa"], "'Fotnot 3' has one figure, where a row prints two"
    assert ("added", "kassa") in {(f.kind, f.row) for f in draft.findings}


def test_a_reworded_label_is_keyed_as_printed_keeps_its_line_id_and_is_listed():
    rows = [
        ("bankkonton", "Bankkonton", "item", "summa", None),
        ("kontantkassa", "Kontantkassa", "item", "summa", None),
        ("ovrigt", "Övrigt", "item", "summa", None),
        ("summa", "Summa", "total", None, None),
    ]
    drafted, draft = _statement(
        rows, "Bankmedel 40 783 31 795\nKontant kassa 25 20\nÖvriga skulder 1 1\nSumma 40 809 31 816\n"
    )
    assert [(r["line_id"], r["label"]) for r in drafted.values()] == [
        ("bankkonton", "Bankmedel"),
        ("kontantkassa", "Kontant kassa"),
        ("ovrigt", "Övriga skulder"),
        ("summa", "Summa"),
    ]
    assert drafted["bankkonton"]["amount_current"] == "40 783" and drafted["kontantkassa"]["amount_prior"] == "20"
    approximate = {f.row for f in draft.findings if f.kind == "approximate" and f.column == "label"}
    assert approximate == {"bankkonton", "kontantkassa", "ovrigt"}
    assert not [f for f in draft.findings if f.kind in ("added", "not_found")]


def test_a_row_in_the_place_of_a_row_with_other_words_is_a_row_removed_and_a_row_added():
    drafted, draft = _statement(NOTE, "Bollebygd 584 583\nHerrljunga 653 655\nSumma 1 237 1 238\n")
    assert drafted["herrljunga"]["label"] == "Herrljunga" and "b" not in drafted
    assert {("added", "herrljunga"), ("not_found", "b")} <= {(f.kind, f.row) for f in draft.findings}


def test_labels_differing_in_spacing_or_case_only_are_keyed_as_printed_without_doubt():
    words = frozenset({"kontantkassa"})
    assert labels.keyed_label("SUMMA", "Summa", words) == labels.Keyed("SUMMA")
    assert labels.keyed_label("Kontant  kassa", "Kontant kassa", words) == labels.Keyed("Kontant kassa")
    reworded = labels.keyed_label("Kontant kassa", "Kontantkassa", frozenset())
    assert (reworded.text, reworded.doubt) == ("Kontant kassa", "printed 'Kontant kassa', last year 'Kontantkassa'")
    assert labels.keyed_label("Kontant kassa", "Kontantkassa", words).text == "Kontantkassa", (
        "the report prints the word whole elsewhere"
    )


def test_a_table_row_repeated_near_two_page_breaks_is_not_a_running_header():
    text = (
        "Tranemo 781 813\nSjuhärads Kommunalförbund: Årsredovisning 2013\nSidan 18 av 30\nTranemo 214 200\n"
        "Sjuhärads Kommunalförbund: Årsredovisning 2013\nSidan 19 av 30\n"
    )
    noise = [line.text for line in from_text(Path("x.txt"), text).lines if line.noise]
    assert noise == [
        "Sjuhärads Kommunalförbund: Årsredovisning 2013",
        "Sidan 18 av 30",
        "Sjuhärads Kommunalförbund: Årsredovisning 2013",
        "Sidan 19 av 30",
    ]


def test_an_added_row_adds_into_the_total_with_which_the_printed_totals_add_up():
    rows = [
        ("a", "Intäkter", "item", "netto", None),
        ("b", "Kostnader", "item", "netto", None),
        ("netto", "Nettokostnader", "total", "resultat", None),
        ("c", "Bidrag", "item", "resultat", None),
        ("resultat", "Resultat", "total", None, None),
    ]
    text = "Intäkter 100 90\nKostnader -150 -140\nNettokostnader -50 -50\nÖvriga intäkter 30 20\nBidrag 60 60\nResultat 40 30\n"
    drafted, draft = _statement(rows, text)
    assert drafted["ovriga_intakter"]["part_of"] == "resultat", "with 'netto', Nettokostnader would not add up"
    assert not [f for f in draft.findings if f.kind == "not_adding"]


def test_a_row_printed_after_the_total_row_is_told_not_drafted():
    rows, draft = _statement(
        NOTE, "Bollebygd 584 583\nBorås 7 249 7 198\nSumma 7 833 7 781\nVarav förfaller inom ett år 7 833 7 781\n"
    )
    assert list(rows) == ["a", "b", "summa"]
    assert ("added", "varav_forfaller_inom_ett_ar") in {(f.kind, f.row) for f in draft.findings}


def _read_two_goals(text: str, achieved_words: int) -> DraftTable:
    """Last year's goals 1 and 2 (Navet's visitors on theme visits and at weekends) read from the text."""
    entry = _entry("navet_goals")
    goals = tuple(
        {"goal_no": n, "planned": p, "value_unit": "elever", ACHIEVED_WORDS: achieved_words, FILLED: frozenset()}
        for n, p in ((1, "Minst 20 000 elever på temabesök"), (2, "15 000 besökare på helger och lov"))
    )
    draft = DraftTable(entry, TABLE_SPECS["navet_goals"].header)
    texts.read_goals(
        TemplateTable(entry, goals),
        draft,
        list(from_text(Path("x.txt"), text).lines),
        ReadContext(2013, frozenset(), 2012),
    )
    return draft


def test_a_goal_whose_achieved_text_may_run_into_a_new_goal_is_left_empty_and_flagged():
    text = (
        "Minst 21 000 elever på temabesök Genomfört 25 671\nMinst 500 lärare på kurs i programmering Genomfört 620\n"
        "15 000 besökare på helger och lov Genomfört 14 066\n"
    )
    draft = _read_two_goals(text, achieved_words=3)
    by_goal = {row["goal_no"]: row for row in draft.rows}
    assert by_goal["1"]["planned"] == "Minst 21 000 elever på temabesök" and by_goal["1"]["achieved"] is None
    assert by_goal["2"]["achieved"] == "Genomfört 14 066" and by_goal["2"]["achieved_value"] == "14 066"
    assert {("ambiguous", "1"), ("added", "")} <= {(f.kind, f.row) for f in draft.findings}


def test_a_goal_after_one_without_achieved_text_is_left_empty_as_the_columns_may_be_out_of_order():
    # Goal 1's achieved text printed after goal 2's planned text, as two text columns read row by row would not.
    text = "Minst 20 000 elever på temabesök\n15 000 besökare på helger och lov\nGenomfört 25 671\nGenomfört 14 066\n"
    draft = _read_two_goals(text, achieved_words=2)
    by_goal = {row["goal_no"]: row for row in draft.rows}
    assert by_goal["1"]["achieved"] is None and by_goal["2"]["achieved"] is None
    assert by_goal["2"]["achieved_value"] is None
    assert {("1", "achieved"), ("2", "achieved, achieved_value")} <= {
        (f.row, f.column) for f in draft.findings if f.kind == "ambiguous"
    }


def test_a_staff_row_with_one_figure_is_placed_where_the_total_row_adds_up():
    draft = _staff(("Pedagoger", "Summa"), "Pedagoger 11 10,7\nPraktikant 1\nSumma 12 10,7\n")
    by_role = {r["role"]: r for r in draft.rows}
    assert (by_role["Praktikant"]["persons"], by_role["Praktikant"]["fte"]) == ("1", None)
    assert ("layout", "Praktikant", "persons") in {(f.kind, f.row, f.column) for f in draft.findings}


def test_a_last_visitor_row_whose_summa_sums_the_rows_above_is_the_total_row():
    draft = _visits(
        (("Bollebygd", "item"), ("Borås", "item"), ("", "total")),
        "Bollebygd 448 38 385    871\nBorås 100 10 20    130\nSamtliga 548 48 405 0 0 0 1001\n",
    )
    assert {r["visitor_group"]: r["line_kind"] for r in draft.rows} == {
        "Bollebygd": "item",
        "Borås": "item",
        "Samtliga": "total",
    }


def test_a_phrase_figure_never_runs_on_from_the_line_before():
    text = running_text(from_text(Path("x.txt"), "Mål 2\n429 personer har registrerats för jobbväxling.\n").lines)
    (match,) = find_phrases(phrase_pattern("29 personer har registrerats för jobbväxling", 2012, 2013, 0), text)
    assert match.slot == "429"


def test_staff_figures_that_group_more_than_one_way_are_read_the_way_the_summa_row_adds_up():
    draft = _staff(("Pedagoger", "Tekniker", "Summa"), "Pedagoger 1 234 567\nTekniker 2 3\nSumma 1 236 570\n")
    by_role = {r["role"]: r for r in draft.rows}
    assert (by_role["Pedagoger"]["persons"], by_role["Pedagoger"]["fte"]) == ("1 234", "567")
    assert (by_role["Summa"]["persons"], by_role["Summa"]["fte"]) == ("1 236", "570")
    assert ("layout", "Pedagoger") in {(f.kind, f.row) for f in draft.findings}


def test_a_file_that_is_not_a_pdf_is_refused_naming_the_file(tmp_path):
    fake = tmp_path / "arsredovisning-2013.pdf"
    fake.write_text("Årsredovisning 2013, not a PDF", encoding="utf-8")
    with pytest.raises(SourceError, match=r"arsredovisning-2013\.pdf: not a readable PDF"):
        read_source(fake)


@pytest.mark.pdf
def test_the_layout_readers_characters_and_rules_are_pdfplumbers(tmp_path):
    """pdf_objects takes pdfminer's objects itself (pdfplumber's dictionaries cost a fifth of the time):
    the same characters and horizontal rules as pdfplumber's, on pages with rules, a form, an offset
    MediaBox and a rotation."""
    import pdfplumber
    from reportlab.pdfgen import canvas

    from dagster_project.drafting.text.pdf_objects import CHAR_KEYS, page_count, parsed_pages

    path = tmp_path / "objects.pdf"
    document = canvas.Canvas(str(path), pagesize=(595, 842))
    document.setFont("Helvetica-Bold", 9)
    document.drawString(40, 800, "Summa medlemsbidrag 16 100 15 861")
    document.line(40, 790, 300, 790)
    document.rect(40, 700, 260, 40)
    path_object = document.beginPath()
    path_object.moveTo(40, 650)
    path_object.lineTo(300, 650)
    path_object.curveTo(310, 650, 320, 640, 320, 630)
    document.drawPath(path_object)
    document.beginForm("logo")
    document.drawString(400, 20, "Sidan 1 av 3")
    document.endForm()
    document.doForm("logo")
    document.showPage()
    document.setPageSize((842, 595))
    document.setPageRotation(90)
    document.drawString(40, 500, "Borås 7 249 7 110")
    document.line(40, 490, 200, 490)
    document.showPage()
    document.setPageSize((594, 842))
    document.setCropBox((10, 20, 585, 822))
    document.drawString(60, 400, "Kommun Elever Lärare")
    document.showPage()
    document.save()
    # The last page (rotated, as reportlab carries the rotation over) with its MediaBox moved off the origin;
    # the same length, so the file's offsets hold.
    moved = path.read_bytes().replace(b"/MediaBox [ 0 0 842 594 ]", b"/MediaBox [ 9 9 842 594 ]")
    assert moved != path.read_bytes()
    path.write_bytes(moved)

    ours = parsed_pages(path, range(page_count(path)))
    with pdfplumber.open(path) as pdf:
        theirs = [
            (
                page.page_number,
                float(page.width),
                float(page.height),
                [{key: char[key] for key in CHAR_KEYS} for char in page.chars],
                [(float(e["top"]), float(e["x0"]), float(e["x1"])) for e in page.horizontal_edges],
            )
            for page in pdf.pages
        ]
    assert [len(page[3]) for page in ours] == [45, 17, 20]
    assert ours[2][2] == 833.0, "the moved MediaBox's height"
    assert len(ours[0][4]) == 4, "the line, the rectangle's top and bottom, the path's straight part"
    assert ours == theirs


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Under 2013 har det delregionala tillväxtprogrammet omfattat 18 Mkr", "18 Mkr"),
        ("Under 2013 har det delregionala tillväxtprogrammet omfattat 18 Mkr.", "18 Mkr"),
        ("Under 2013 har det delregionala tillväxtprogrammet omfattat 18 miljoner", None),
    ],
)
def test_a_key_figure_is_taken_as_printed_with_last_years_words_beside_it(phrase, expected):
    template = "Under 2012 har det delregionala tillväxtprogrammet omfattat 17,5 Mkr"
    assert figure_as_printed(phrase, template, "17,5 Mkr", 1) == expected


def test_a_unit_that_only_begins_this_years_word_is_not_the_same_unit():
    assert figure_as_printed("har varit 70 kronor per invånare", "har varit 70 kr", "70 kr", 0) is None
    assert figure_as_printed("motsvarande ca 4 000 000 kr", "motsvarande ca 4 700 000 kr", "ca 4 700 000 kr", 0) == (
        "ca 4 000 000 kr"
    )
    assert figure_as_printed("på sammanlagt sju skolor", "på sammanlagt sex skolor", "sex skolor", 0) == "sju skolor"
