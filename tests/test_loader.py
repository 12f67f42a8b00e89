import hashlib
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from dagster_project.duckdb_connection import connect
from dagster_project.raw_format import loader
from dagster_project.raw_format.errors import ReportRejected
from dagster_project.raw_format.loader import load_report, validate_report

FIXTURE_REPORT = Path(__file__).parent / "fixtures" / "raw_format" / "arsredovisning-2012"
LOADED_AT = datetime(2024, 5, 17, 9, 30)
RAW_TABLES = (
    "reports",
    "report_tables",
    "statement_lines",
    "navet_visits",
    "navet_goals",
    "staff",
    "mc_case_statistics",
    "mc_positive_changes",
    "key_figures",
)


def copy_report(tmp_path: Path, report_id: str = "arsredovisning-2012") -> Path:
    report_dir = Path(shutil.copytree(FIXTURE_REPORT, tmp_path / "raw" / report_id))
    if report_id != FIXTURE_REPORT.name:
        year = report_id.rsplit("-", 1)[1]
        manifest = report_dir / "report.yml"
        manifest.write_text(
            manifest.read_text(encoding="utf-8").replace("report_year: 2012", f"report_year: {year}"), encoding="utf-8"
        )
    return report_dir


@pytest.fixture
def report_dir(tmp_path: Path) -> Path:
    return copy_report(tmp_path)


@pytest.fixture
def con(tmp_path: Path):
    connection = connect(tmp_path / "warehouse" / "build" / "sjuharad.build.duckdb")
    yield connection
    connection.close()


def snapshot(con) -> dict[str, list[tuple]]:
    return {table: con.execute(f"SELECT * FROM raw.{table} ORDER BY ALL").fetchall() for table in RAW_TABLES}


def statement_rows(con) -> list[tuple]:
    return con.execute(
        "SELECT row_number, line_id, label, line_kind, part_of, note, amount_current, amount_prior"
        " FROM raw.statement_lines ORDER BY report_id, row_number"
    ).fetchall()


def test_loads_rows_with_values_as_printed(con, report_dir):
    load_report(con, report_dir, loaded_at=LOADED_AT)

    assert statement_rows(con) == [
        (1, "boras", "Borås", "item", "summa", None, 7249.0, 7198.0),
        (2, "bollebygd", "Bollebygd", "item", "summa", None, 584.0, 583.0),
        (3, "summa", "Summa", "total", None, None, 15861.0, 15709.0),
    ]
    assert con.execute(
        "SELECT visitor_group, line_kind, tema_elever, allmanhet_barn, konferenser, summa"
        " FROM raw.navet_visits ORDER BY row_number"
    ).fetchall() == [
        ("Bollebygd", "item", 1205, None, None, 1366),
        ("Borås", "item", 12259, 600, None, 18542),
        (None, "total", 13464, 600, None, 19908),
    ]


def test_lineage_columns(con, report_dir):
    load_report(con, report_dir, loaded_at=LOADED_AT)

    expected_sha256 = hashlib.sha256((report_dir / "not_forbundsbidrag_kansli.csv").read_bytes()).hexdigest()
    assert con.execute(
        "SELECT DISTINCT report_id, table_id, source_file, file_sha256, loaded_at FROM raw.statement_lines"
    ).fetchall() == [
        (
            "arsredovisning-2012",
            "not_forbundsbidrag_kansli",
            "arsredovisning-2012/not_forbundsbidrag_kansli.csv",
            expected_sha256,
            LOADED_AT,
        )
    ]
    assert con.execute("SELECT * FROM raw.reports").fetchall() == [
        (
            "arsredovisning-2012",
            "Sjuhärads kommunalförbund",
            2012,
            "Årsredovisning 2012",
            "tkr",
            "Sjuhärads Kommunalförbund, Årsredovisning 2012",
            hashlib.sha256((report_dir / "report.yml").read_bytes()).hexdigest(),
            LOADED_AT,
        )
    ]
    assert con.execute("SELECT * FROM raw.report_tables ORDER BY table_id").fetchall() == [
        (
            "arsredovisning-2012",
            "navet_besok_ar",
            "navet_visits",
            "navet_besok_ar.csv",
            "Antal per kommun 2012",
            None,
            None,
            "besök",
            2012,
            hashlib.sha256((report_dir / "navet_besok_ar.csv").read_bytes()).hexdigest(),
            "The total row's label is lost in the source.",
        ),
        (
            "arsredovisning-2012",
            "not_forbundsbidrag_kansli",
            "statement",
            "not_forbundsbidrag_kansli.csv",
            "Förbundsbidrag, kansli",
            3,
            20,
            "tkr",
            None,
            expected_sha256,
            None,
        ),
    ]


def test_summary(con, report_dir):
    summary = load_report(con, report_dir, loaded_at=LOADED_AT)

    assert summary.report_id == "arsredovisning-2012"
    assert summary.rows_by_table_id == {"not_forbundsbidrag_kansli": 3, "navet_besok_ar": 3}
    assert (
        summary.sha256_by_file["not_forbundsbidrag_kansli.csv"]
        == hashlib.sha256((report_dir / "not_forbundsbidrag_kansli.csv").read_bytes()).hexdigest()
    )
    assert summary.total_rows == 6


def test_creates_every_raw_table_with_the_spec_types(con, report_dir):
    load_report(con, report_dir, loaded_at=LOADED_AT)

    columns = con.execute(
        "SELECT column_name, data_type FROM information_schema.columns"
        " WHERE table_schema = 'raw' AND table_name = 'statement_lines' ORDER BY ordinal_position"
    ).fetchall()
    assert columns == [
        ("report_id", "VARCHAR"),
        ("table_id", "VARCHAR"),
        ("source_file", "VARCHAR"),
        ("file_sha256", "VARCHAR"),
        ("row_number", "BIGINT"),
        ("loaded_at", "TIMESTAMP"),
        ("line_id", "VARCHAR"),
        ("label", "VARCHAR"),
        ("line_kind", "VARCHAR"),
        ("part_of", "VARCHAR"),
        ("note", "BIGINT"),
        ("amount_current", "DOUBLE"),
        ("amount_prior", "DOUBLE"),
    ]
    assert set(snapshot(con)) == set(RAW_TABLES)
    assert con.execute("SELECT count(*) FROM raw.key_figures").fetchone() == (0,)


def test_reloading_replaces_the_report_rows(con, report_dir):
    load_report(con, report_dir, loaded_at=LOADED_AT)
    path = report_dir / "not_forbundsbidrag_kansli.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("7 249", "7 250"), encoding="utf-8")
    reloaded_at = datetime(2024, 5, 18, 8, 0, tzinfo=UTC)

    load_report(con, report_dir, loaded_at=reloaded_at)

    assert [row[6] for row in statement_rows(con)] == [7250.0, 584.0, 15861.0]
    assert con.execute("SELECT count(*) FROM raw.navet_visits").fetchone() == (3,)
    assert con.execute("SELECT count(*), max(loaded_at) FROM raw.reports").fetchone() == (
        1,
        datetime(2024, 5, 18, 8, 0),
    )
    assert con.execute("SELECT count(*) FROM raw.report_tables").fetchone() == (2,)
    assert con.execute("SELECT DISTINCT file_sha256 FROM raw.statement_lines").fetchone() == (
        hashlib.sha256(path.read_bytes()).hexdigest(),
    )


def test_reports_are_replaced_independently(con, tmp_path):
    load_report(con, copy_report(tmp_path, "arsredovisning-2012"), loaded_at=LOADED_AT)
    report_2013 = copy_report(tmp_path, "arsredovisning-2013")
    load_report(con, report_2013, loaded_at=LOADED_AT)
    load_report(con, report_2013, loaded_at=LOADED_AT)

    assert con.execute(
        "SELECT report_id, count(*) FROM raw.statement_lines GROUP BY report_id ORDER BY report_id"
    ).fetchall() == [("arsredovisning-2012", 3), ("arsredovisning-2013", 3)]


def test_a_report_with_one_bad_file_writes_nothing(con, tmp_path):
    load_report(con, copy_report(tmp_path, "arsredovisning-2012"), loaded_at=LOADED_AT)
    report_2013 = copy_report(tmp_path, "arsredovisning-2013")
    load_report(con, report_2013, loaded_at=LOADED_AT)
    before = snapshot(con)
    (report_2013 / "navet_besok_ar.csv").write_text(
        "visitor_group;line_kind;tema_elever;tema_larare;kompetensutveckling_larare;"
        "allmanhet_barn;allmanhet_vuxna;konferenser;summa\nBorås;item;12 259 st;;;;;;\n",
        encoding="utf-8",
    )
    statement = report_2013 / "not_forbundsbidrag_kansli.csv"
    statement.write_text(statement.read_text(encoding="utf-8").replace("7 249", "9 999"), encoding="utf-8")

    with pytest.raises(ReportRejected) as raised:
        load_report(con, report_2013, loaded_at=datetime(2025, 1, 1))

    [problem] = raised.value.problems
    assert "navet_besok_ar.csv, row 1, column tema_elever" in str(problem)
    assert snapshot(con) == before


def test_problems_of_every_file_are_reported_together(report_dir):
    (report_dir / "navet_besok_ar.csv").write_text("visitor_group\n", encoding="utf-8")
    statement = report_dir / "not_forbundsbidrag_kansli.csv"
    statement.write_text(statement.read_text(encoding="utf-8").replace("item", "post", 1), encoding="utf-8")
    (report_dir / "forgotten.csv").write_text("x\n", encoding="utf-8")

    with pytest.raises(ReportRejected) as raised:
        validate_report(report_dir)

    messages = str(raised.value).splitlines()
    assert messages[0] == "report rejected: 3 problems"
    assert "report.yml, field tables" in messages[1] and "no entry for forgotten.csv" in messages[1]
    assert (
        "not_forbundsbidrag_kansli.csv, row 1, column line_kind: expected one of item, total, memo, heading; found 'post'"
        in messages[2]
    )
    assert "navet_besok_ar.csv, header: expected the navet_visits header" in messages[3]


def test_a_failure_while_writing_rolls_everything_back(con, tmp_path, monkeypatch):
    report_2012 = copy_report(tmp_path)
    load_report(con, report_2012, loaded_at=LOADED_AT)
    before = snapshot(con)
    insert_rows = loader._insert_rows
    calls = []

    def fail_on_third_insert(*arguments):
        calls.append(arguments[1])
        if len(calls) == 3:
            raise RuntimeError("disk full")
        insert_rows(*arguments)

    monkeypatch.setattr(loader, "_insert_rows", fail_on_third_insert)

    with pytest.raises(RuntimeError, match="disk full"):
        load_report(con, report_2012, loaded_at=datetime(2025, 1, 1))

    assert snapshot(con) == before


def test_validate_report_writes_nothing(report_dir, tmp_path):
    report = validate_report(report_dir)

    assert report.report_id == "arsredovisning-2012"
    assert [table.path.name for table in report.tables] == ["not_forbundsbidrag_kansli.csv", "navet_besok_ar.csv"]
    assert not (tmp_path / "warehouse").exists()


def test_connect_disables_extension_autoloading(con):
    assert con.execute(
        "SELECT current_setting('autoinstall_known_extensions'), current_setting('autoload_known_extensions')"
    ).fetchone() == (False, False)
