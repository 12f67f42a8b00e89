import shutil
from pathlib import Path

import pytest
import yaml

from dagster_project.raw_format.errors import ReportRejected
from dagster_project.raw_format.manifest import check_manifest, read_manifest

FIXTURE_REPORT = Path(__file__).parent / "fixtures" / "raw_format" / "arsredovisning-2012"


@pytest.fixture
def report_dir(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURE_REPORT, tmp_path / FIXTURE_REPORT.name))


def change_manifest(report_dir: Path, change) -> None:
    path = report_dir / "report.yml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")


def rejection_messages(report_dir: Path) -> list[str]:
    with pytest.raises(ReportRejected) as raised:
        read_manifest(report_dir)
    return [str(problem) for problem in raised.value.problems]


def test_reads_a_valid_manifest(report_dir):
    manifest = read_manifest(report_dir)

    assert manifest.report_id == "arsredovisning-2012"
    assert manifest.organisation == "Sjuhärads kommunalförbund"
    assert manifest.report_year == 2012
    assert manifest.unit == "tkr"
    statement, visits = manifest.tables
    assert (statement.file, statement.table_id, statement.table_type) == (
        "not_forbundsbidrag_kansli.csv",
        "not_forbundsbidrag_kansli",
        "statement",
    )
    assert (statement.title, statement.note, statement.page) == ("Förbundsbidrag, kansli", 3, 20)
    assert statement.unit == "tkr"
    assert statement.period_year is None and statement.comment is None
    assert (visits.unit, visits.period_year) == ("besök", 2012)
    assert visits.spec.raw_table == "navet_visits"


def test_missing_manifest(report_dir):
    (report_dir / "report.yml").unlink()

    [message] = rejection_messages(report_dir)
    assert "report.yml" in message and "no such file" in message


def test_invalid_yaml(report_dir):
    (report_dir / "report.yml").write_text("organisation: [unclosed\n", encoding="utf-8")

    [message] = rejection_messages(report_dir)
    assert "report.yml" in message and "invalid YAML" in message


def test_manifest_that_is_not_a_mapping(report_dir):
    (report_dir / "report.yml").write_text("- just\n- a list\n", encoding="utf-8")

    [message] = rejection_messages(report_dir)
    assert "expected a YAML manifest" in message


def test_missing_and_mistyped_report_fields_are_all_listed(report_dir):
    def change(document):
        del document["organisation"]
        del document["source_document"]
        document["report_year"] = "2012"

    change_manifest(report_dir, change)

    messages = rejection_messages(report_dir)
    assert any("field organisation: expected text; found nothing" in message for message in messages)
    assert any("field source_document: expected text; found nothing" in message for message in messages)
    assert any("field report_year: expected a whole number; found '2012'" in message for message in messages)


def test_unknown_table_type(report_dir):
    change_manifest(report_dir, lambda document: document["tables"][0].update(table_type="income_statement"))

    [message] = rejection_messages(report_dir)
    assert "field table_type of tables entry 1" in message
    assert "expected one of statement, navet_visits" in message
    assert "found 'income_statement'" in message


def test_unknown_field_is_a_typo_not_ignored(report_dir):
    def change(document):
        document["tables"][1]["perod_year"] = document["tables"][1].pop("period_year")

    change_manifest(report_dir, change)

    messages = rejection_messages(report_dir)
    assert any("unknown field 'perod_year'" in message for message in messages)


def test_duplicate_table_id(report_dir):
    change_manifest(report_dir, lambda document: document["tables"][1].update(table_id="not_forbundsbidrag_kansli"))

    [message] = rejection_messages(report_dir)
    assert "field table_id" in message and "'not_forbundsbidrag_kansli' more than once" in message


@pytest.mark.parametrize(
    "file_name",
    [
        "../navet_besok_ar.csv",
        "/etc/navet_besok_ar.csv",
        "sub/navet_besok_ar.csv",
        "sub\\navet_besok_ar.csv",
        ".navet_besok_ar.csv",
        "navet..besok.csv",
        "C:navet_besok_ar.csv",
        "navet_besok_ar.txt",
        "navet_besok_ar.CSV",
        42,
    ],
)
def test_file_must_be_a_plain_csv_name(report_dir, file_name):
    change_manifest(report_dir, lambda document: document["tables"][1].update(file=file_name))

    messages = rejection_messages(report_dir)
    assert any(
        "field file of tables entry 2: expected a plain file name in the report folder ending in .csv" in message
        and repr(file_name) in message
        for message in messages
    )


def test_named_file_that_does_not_exist(report_dir):
    (report_dir / "navet_besok_ar.csv").unlink()

    [message] = rejection_messages(report_dir)
    assert "file of table navet_besok_ar" in message and "navet_besok_ar.csv" in message


def test_symlinked_file_is_rejected(report_dir, tmp_path):
    outside = tmp_path / "outside.csv"
    (report_dir / "navet_besok_ar.csv").rename(outside)
    (report_dir / "navet_besok_ar.csv").symlink_to(outside)

    [message] = rejection_messages(report_dir)
    assert "no such regular file" in message


def test_csv_the_manifest_does_not_name(report_dir):
    (report_dir / "not_04.csv").write_text("line_id;label\n", encoding="utf-8")

    [message] = rejection_messages(report_dir)
    assert "no entry for not_04.csv" in message


def test_navet_visits_needs_period_year(report_dir):
    change_manifest(report_dir, lambda document: document["tables"][1].pop("period_year"))

    [message] = rejection_messages(report_dir)
    assert "period_year of table navet_besok_ar" in message


def test_report_year_must_match_the_folder_name(report_dir):
    change_manifest(report_dir, lambda document: document.update(report_year=2013))

    [message] = rejection_messages(report_dir)
    assert "field report_year: expected 2012, the year in the folder name arsredovisning-2012; found 2013" in message


def test_every_problem_is_reported_at_once(report_dir):
    def change(document):
        document["tables"][0]["table_type"] = "nope"
        document["tables"][1]["file"] = "../x.csv"
        document["tables"][1]["note"] = "3"

    change_manifest(report_dir, change)

    messages = rejection_messages(report_dir)
    assert len(messages) == 4
    assert "field table_type of tables entry 1" in messages[0]
    assert "field file of tables entry 2" in messages[1]
    assert "field note of tables entry 2: expected a whole number or nothing; found '3'" in messages[2]
    assert "no entry for navet_besok_ar.csv" in messages[3]


ACKNOWLEDGEMENT = {
    "check": "mc_column_total",
    "table_id": "mc_positiv_forandring",
    "line": "Totalt, kommun",
    "column": 2,
    "printed": 71,
    "computed": 64,
    "comment": "Column 2 prints the total 71, but its seven outcome rows add up to 64.",
}


def test_acknowledged_discrepancy_with_a_bare_column_number(report_dir):
    change_manifest(report_dir, lambda document: document.update(acknowledged_discrepancies=[ACKNOWLEDGEMENT]))

    [acknowledgement] = read_manifest(report_dir).acknowledged_discrepancies

    assert (acknowledgement.line, acknowledgement.column) == ("Totalt, kommun", "2")
    assert (acknowledgement.printed, acknowledgement.computed) == (71.0, 64.0)


def test_a_boolean_is_not_a_number(report_dir):
    def change(document):
        document["report_year"] = True
        document["acknowledged_discrepancies"] = [{**ACKNOWLEDGEMENT, "printed": True}]

    change_manifest(report_dir, change)

    messages = rejection_messages(report_dir)
    assert any("field report_year: expected a whole number; found True" in message for message in messages)
    assert any(
        "field printed of acknowledged_discrepancies entry 1: expected a number; found True" in message
        for message in messages
    )


def test_unknown_field_in_an_acknowledged_discrepancy(report_dir):
    def change(document):
        misspelled = {("prnted" if name == "printed" else name): value for name, value in ACKNOWLEDGEMENT.items()}
        document["acknowledged_discrepancies"] = [misspelled]

    change_manifest(report_dir, change)

    unknown, missing = rejection_messages(report_dir)
    assert unknown.endswith(
        "report.yml, field prnted of acknowledged_discrepancies entry 1: expected only the fields "
        "check, table_id, line, column, printed, computed, comment; found unknown field 'prnted'"
    )
    assert missing.endswith(
        "report.yml, field printed of acknowledged_discrepancies entry 1: expected a number; found nothing"
    )


def test_blank_text_is_not_text(report_dir):
    change_manifest(report_dir, lambda document: document["tables"][0].update(title="   "))

    [message] = rejection_messages(report_dir)
    assert "field title of tables entry 1: expected text; found '   '" in message


def test_a_bad_table_entry_drops_only_itself(report_dir):
    change_manifest(report_dir, lambda document: document["tables"][0].update(note="3"))

    check = check_manifest(report_dir)

    assert [str(problem).split(": ", 1)[1] for problem in check.problems] == [
        "expected a whole number or nothing; found '3'"
    ]
    assert [entry.table_id for entry in check.manifest.tables] == ["navet_besok_ar"]
