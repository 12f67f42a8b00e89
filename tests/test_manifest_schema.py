"""raw/report.schema.json: generated from the manifest's models, and agreeing with them."""

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from dagster_project import paths
from dagster_project.raw_format.manifest import check_manifest
from dagster_project.raw_format.manifest_schema import EDITOR_MODELINE, schema_text
from dagster_project.raw_format.new_report import new_report
from tests.support.project import REPORT_2012

RAW = paths.repo_root() / "raw"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(paths.report_schema().read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def manifest_2012() -> dict:
    return yaml.safe_load((REPORT_2012 / "report.yml").read_text(encoding="utf-8"))


def test_committed_schema_is_the_one_the_models_give():
    assert paths.report_schema().read_text(encoding="utf-8") == schema_text(), (
        "raw/report.schema.json is out of date: run `make schema` and commit it"
    )


def test_schema_accepts_the_2012_manifest(validator):
    assert [error.message for error in validator.iter_errors(manifest_2012())] == []


def test_schema_names_the_fields_and_table_types(validator):
    table = validator.schema["properties"]["tables"]["items"]
    assert table["properties"]["table_type"]["enum"] == [
        "statement",
        "navet_visits",
        "navet_goals",
        "staff",
        "mc_case_statistics",
        "mc_positive_changes",
        "key_figures",
    ]
    assert table["properties"]["file"]["description"] == (
        "a plain file name in the report folder ending in .csv, such as not_03.csv"
    )
    assert validator.schema["properties"]["report_year"]["description"] == "a whole number"


def _misspell_table_type(document):
    document["tables"][22]["table_typ"] = document["tables"][22].pop("table_type")


def _misspell_printed(document):
    document["acknowledged_discrepancies"][0]["prnted"] = document["acknowledged_discrepancies"][0].pop("printed")


def _file_name(name):
    return lambda document: document["tables"][10].update(file=name)


# Each change, with what the model's message says about it: the schema must reject it as well.
REJECTED = {
    "misspelled table field": (_misspell_table_type, "field table_typ of tables entry 23"),
    "misspelled acknowledgement field": (_misspell_printed, "unknown field 'prnted'"),
    "misspelled report field": (lambda d: d.update(titel=d.pop("title")), "unknown field 'titel'"),
    "quoted report year": (lambda d: d.update(report_year="2012"), "field report_year: expected a whole number"),
    "boolean as a number": (
        lambda d: d["acknowledged_discrepancies"][0].update(computed=True),
        "field computed of acknowledged_discrepancies entry 1: expected a number; found True",
    ),
    "unknown table type": (lambda d: d["tables"][0].update(table_type="income_statement"), "found 'income_statement'"),
    "no tables": (lambda d: d.update(tables=[]), "expected a non-empty list of tables; found []"),
    "blank title": (lambda d: d["tables"][0].update(title="  "), "field title of tables entry 1: expected text"),
    "file in another folder": (_file_name("../2011/not_vardepapper.csv"), "field file of tables entry 11"),
    "absolute file name": (_file_name("/etc/passwd.csv"), "field file of tables entry 11"),
    "backslashes": (_file_name("..\\..\\not_vardepapper.csv"), "field file of tables entry 11"),
    "two dots": (_file_name("not..vardepapper.csv"), "field file of tables entry 11"),
    "hidden file": (_file_name(".not_vardepapper.csv"), "field file of tables entry 11"),
    "drive letter": (_file_name("C:not_vardepapper.csv"), "field file of tables entry 11"),
    "not .csv": (_file_name("not_vardepapper.CSV"), "field file of tables entry 11"),
}


@pytest.mark.parametrize("case", REJECTED)
def test_schema_rejects_what_the_models_reject(case, validator, tmp_path):
    change, message = REJECTED[case]
    document = manifest_2012()
    change(document)
    report_dir = Path(shutil.copytree(REPORT_2012, tmp_path / REPORT_2012.name))
    (report_dir / "report.yml").write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")

    assert any(message in str(problem) for problem in check_manifest(report_dir).problems)
    assert list(validator.iter_errors(document)) != []


def test_schema_accepts_a_bare_column_number_as_the_models_do(validator):
    document = manifest_2012()
    document["acknowledged_discrepancies"][0]["column"] = 2

    assert list(validator.iter_errors(document)) == []


@pytest.mark.parametrize(
    "manifest", sorted(RAW.glob("*/report.yml*")), ids=lambda path: path.relative_to(RAW).as_posix()
)
def test_every_manifest_in_raw_names_the_schema_in_its_first_line(manifest):
    first_line = manifest.read_text(encoding="utf-8").splitlines()[0]

    assert first_line == EDITOR_MODELINE
    assert (manifest.parent / first_line.split("$schema=")[1]).resolve() == paths.report_schema()


def test_new_report_draft_names_the_schema(tmp_path):
    shutil.copytree(REPORT_2012, tmp_path / REPORT_2012.name)

    draft = new_report(tmp_path, 2013) / "report.yml.draft"

    text = draft.read_text(encoding="utf-8")
    assert text.splitlines()[0] == EDITOR_MODELINE
    assert yaml.safe_load(text)["report_year"] == 2013
