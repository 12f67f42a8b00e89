from pathlib import Path

import pytest

from dagster_project.raw_format.errors import ReportRejected
from dagster_project.raw_format.reader import parse_table, read_table
from dagster_project.raw_format.specs import TABLE_SPECS

STATEMENT = TABLE_SPECS["statement"]
VISITS = TABLE_SPECS["navet_visits"]
STATEMENT_HEADER = "line_id;label;line_kind;part_of;note;amount_current;amount_prior"
VISITS_HEADER = (
    "visitor_group;line_kind;tema_elever;tema_larare;kompetensutveckling_larare;"
    "allmanhet_barn;allmanhet_vuxna;konferenser;summa"
)
NUMBER_FORMAT = "expected a number in Swedish format such as 15 861, -63 300 or 10,7"


def write(tmp_path: Path, lines: list[str], *, name: str = "not_03.csv", newline: str = "\n") -> Path:
    path = tmp_path / name
    path.write_bytes(newline.join(lines).encode("utf-8") + newline.encode())
    return path


def problems(path: Path, spec=STATEMENT, **options) -> list[str]:
    with pytest.raises(ReportRejected) as raised:
        read_table(path, spec, **options)
    return [str(problem) for problem in raised.value.problems]


def test_reads_rows_with_row_numbers_and_parsed_values(tmp_path):
    path = write(
        tmp_path,
        [
            STATEMENT_HEADER,
            "boras;Borås;item;summa;;7 249;7 198",
            "bollebygd;Bollebygd;item;summa;;584;583",
            "summa;Summa;total;;3;15 861;15 709",
        ],
    )

    rows = read_table(path, STATEMENT)

    assert rows == [
        {
            "row_number": 1,
            "line_id": "boras",
            "label": "Borås",
            "line_kind": "item",
            "part_of": "summa",
            "note": None,
            "amount_current": 7249,
            "amount_prior": 7198,
        },
        {
            "row_number": 2,
            "line_id": "bollebygd",
            "label": "Bollebygd",
            "line_kind": "item",
            "part_of": "summa",
            "note": None,
            "amount_current": 584,
            "amount_prior": 583,
        },
        {
            "row_number": 3,
            "line_id": "summa",
            "label": "Summa",
            "line_kind": "total",
            "part_of": None,
            "note": 3,
            "amount_current": 15861,
            "amount_prior": 15709,
        },
    ]


def test_accepts_bom_crlf_and_quoted_semicolons(tmp_path):
    path = tmp_path / "not_03.csv"
    content = f'{STATEMENT_HEADER}\r\nrorelse;"Rörelse; netto";total;;;\u221263 300;10,7\r\n'
    path.write_bytes(b"\xef\xbb\xbf" + content.encode("utf-8"))

    table = parse_table(path, STATEMENT)

    assert table.problems == []
    assert table.rows[0]["label"] == "Rörelse; netto"
    assert table.rows[0]["amount_current"] == -63300
    assert table.rows[0]["amount_prior"] == 10.7


def test_hash_is_of_the_exact_bytes(tmp_path):
    import hashlib

    path = write(tmp_path, [STATEMENT_HEADER, "summa;Summa;total;;;1;2"], newline="\r\n")

    assert parse_table(path, STATEMENT).sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_bad_number_names_file_row_column_and_format(tmp_path):
    path = write(
        tmp_path, [STATEMENT_HEADER, "a;A;item;;;1;2", "b;B;item;;;3;4", "c;C;item;;;5;6", "d;D;item;;;1.234,5;8"]
    )

    [message] = problems(path)

    assert message.startswith(str(path) + ", row 4, column amount_current: ")
    assert f"{NUMBER_FORMAT}; found '1.234,5'" in message
    assert "'.' is not allowed" in message


def test_int_column_rejects_decimals(tmp_path):
    path = write(tmp_path, [STATEMENT_HEADER, "a;A;item;;3,5;1;2"])

    [message] = problems(path)

    assert "not_03.csv, row 1, column note: expected a whole number such as 3, 2012 or 15 861; found '3,5'" in message
    assert "decimals are not allowed" in message


def test_latin1_file_names_byte_offset_and_row(tmp_path):
    path = tmp_path / "not_03.csv"
    path.write_bytes(f"{STATEMENT_HEADER}\nboras;Borås;item;;;1;2\n".encode("latin-1"))

    [message] = problems(path)

    offset = len(STATEMENT_HEADER) + 1 + len("boras;Bor")
    assert "not_03.csv, row 1: expected UTF-8 text" in message
    assert f"byte 0xe5 at byte offset {offset}" in message


def test_file_larger_than_the_limit(tmp_path):
    path = write(tmp_path, [STATEMENT_HEADER, "a;A;item;;;1;2"])

    [message] = problems(path, max_bytes=20)

    assert "not_03.csv: expected a file of at most 20 bytes; found" in message


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\n\n"])
def test_empty_file(tmp_path, content):
    path = tmp_path / "not_03.csv"
    path.write_bytes(content)

    [message] = problems(path)

    assert f"not_03.csv: expected the header {STATEMENT_HEADER}; found an empty file" in message


def test_only_a_header(tmp_path):
    path = write(tmp_path, [STATEMENT_HEADER])

    [message] = problems(path)

    assert "not_03.csv: expected at least one data row below the header; found only the header" in message


@pytest.mark.parametrize(
    ("header", "difference"),
    [
        ("line_id;label;line_kind;part_of;note;amount_current", "missing amount_prior"),
        (STATEMENT_HEADER + ";comment", "unexpected 'comment'"),
        ("label;line_id;line_kind;part_of;note;amount_current;amount_prior", "columns in another order"),
        ("line_id,label,line_kind,part_of,note,amount_current,amount_prior", "missing line_id"),
    ],
)
def test_header_different_from_the_spec(tmp_path, header, difference):
    path = write(tmp_path, [header, "a;A;item;;;1;2"])

    [message] = problems(path)

    assert f"not_03.csv, header: expected the statement header {STATEMENT_HEADER}; found {header}" in message
    assert difference in message


def test_wrong_number_of_cells(tmp_path):
    path = write(tmp_path, [STATEMENT_HEADER, "a;A;item;;;1;2", "b;B;item;;1;2", "", "c;C;item;;;1;2"])

    messages = problems(path)

    assert messages == [
        f"{path}, row 2: expected 7 cells separated by ';', as in the header; found 6 cells",
        f"{path}, row 3: expected 7 cells separated by ';', as in the header; found an empty line",
    ]


def test_required_cell_empty(tmp_path):
    path = write(tmp_path, [STATEMENT_HEADER, "a;;item;;;1;2"])

    [message] = problems(path)

    assert "not_03.csv, row 1, column label: expected text; found an empty cell (this column is required)" in message


def test_value_not_allowed(tmp_path):
    path = write(tmp_path, [STATEMENT_HEADER, "a;A;subtotal;;;1;2"])

    [message] = problems(path)

    assert (
        "not_03.csv, row 1, column line_kind: expected one of item, total, memo, heading; found 'subtotal'" in message
    )


def test_duplicate_key_names_both_rows(tmp_path):
    path = write(tmp_path, [STATEMENT_HEADER, "summa;Summa;total;;;1;2", "a;A;item;;;1;2", "summa;Summa;total;;;1;2"])

    [message] = problems(path)

    assert (
        "not_03.csv, row 3, column line_id: expected each (line_id) once in the file; found 'summa' again, first on row 1"
        in message
    )


def test_visits_total_with_lost_label_is_not_a_duplicate_but_a_repeated_group_is(tmp_path):
    path = write(
        tmp_path,
        [VISITS_HEADER, "Borås;item;1;;;;;;1", ";total;1;;;;;;1", ";item;2;;;;;;2", "Borås;item;3;;;;;;3"],
        name="navet.csv",
    )

    [message] = problems(path, VISITS)

    assert "navet.csv, row 4, column line_kind, visitor_group" in message
    assert "found 'item', 'Borås' again, first on row 1" in message


def test_every_problem_of_the_file_is_collected(tmp_path):
    path = write(tmp_path, [STATEMENT_HEADER, "a;A;item;;;12 345 tkr;2", "b;;item;;x;1;12345*", "a;A;item;;;1;2"])

    messages = problems(path)

    assert [message.split(": expected")[0].removeprefix(str(path)) for message in messages] == [
        ", row 1, column amount_current",
        ", row 2, column label",
        ", row 2, column note",
        ", row 2, column amount_prior",
        ", row 3, column line_id",
    ]
    assert "footnote markers are not allowed" in messages[3]


KEY_FIGURES = TABLE_SPECS["key_figures"]
KEY_FIGURES_HEADER = "figure_id;section;label;year;value;unit;qualifier;as_printed"


def test_a_key_figure_as_printed_is_part_of_its_phrase_and_writes_its_figure(tmp_path):
    path = write(
        tmp_path,
        [
            KEY_FIGURES_HEADER,
            "resultat_navet;2.1 Övergripande;Navet gör ett negativt resultat om 601 tkr;2012;-601;tkr;;601 tkr",
            "teknikcollege_skolor;5.2 Utbildning;på sammanlagt sex skolor;2012;6;skolor;;sex skolor",
            "tillvaxtmedel_delregionalt;4.1 Tillväxtprogram;omfattat 17,5 Mkr;2012;17,5;Mkr;;17,5 Mkr",
        ],
        name="nyckeltal.csv",
    )
    assert [row["as_printed"] for row in read_table(path, KEY_FIGURES)] == ["601 tkr", "sex skolor", "17,5 Mkr"]


def test_a_key_figure_as_printed_elsewhere_or_with_another_figure_is_rejected(tmp_path):
    path = write(
        tmp_path,
        [
            KEY_FIGURES_HEADER,
            "tillvaxtmedel_delregionalt;4.1 Tillväxtprogram;omfattat 17,5 Mkr;2012;17,5;Mkr;;18 Mkr",
            "stimulansmedel;5.1 Social välfärd;motsvarande ca 4 700 000 kr;2012;4 700 000;kr;ca;ca 4 700 000 kronor",
            "summa_medlemsbidrag;2.1 Övergripande;Summa medlemsbidrag är 15 861 tkr;2012;15 816;tkr;;15 861 tkr",
        ],
        name="nyckeltal.csv",
    )
    found = problems(path, KEY_FIGURES)
    assert len(found) == 3, found
    assert "nyckeltal.csv, row 1, column as_printed: expected the figure as it stands in the label" in found[0]
    assert "'18 Mkr'" in found[0]
    assert "row 2, column as_printed" in found[1] and "'ca 4 700 000 kronor'" in found[1]
    assert "row 3, column as_printed: expected the value 15816 written in it" in found[2], found[2]
