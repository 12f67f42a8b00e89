"""The quality gate: the real 2012 report publishes with its own discrepancies as warnings;
each rule stops a broken figure where the rule lives (the raw tables loaded on their own,
or a copy of the published warehouse with one UPDATE); and one broken report through the
whole pipeline shows the checks as Dagster sees them, with nothing published. The scheduled
re-check of the published data runs end to end in tests/test_alerts.py, on a copy with one figure changed."""

import hashlib
from pathlib import Path

import dagster as dg
import pytest

from dagster_project.defs.ingest.assets import run_config
from dagster_project.duckdb_connection import connect
from dagster_project.quality import great_expectations_runner, reconciliation, year_over_year
from dagster_project.quality.suites import Suite, all_suites
from dagster_project.raw_format.loader import load_report
from tests.support.project import changed_copy, copy_published, copy_report, project_environment

REPORT = "arsredovisning-2012"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def results(warehouse: Path, where: str = "true") -> list[tuple]:
    con = connect(warehouse, read_only=True)
    try:
        return con.execute(
            f"select kind, check_name, severity, passed, message, target from audit.check_results where {where} "
            "order by kind, check_name"
        ).fetchall()
    finally:
        con.close()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def run_job(job_name: str, raw_dir: Path, warehouse: Path) -> dg.ExecuteInProcessResult:
    from dagster_project.definitions import defs

    with project_environment(raw_dir, warehouse), dg.DagsterInstance.ephemeral() as instance:
        job = defs.resolve_job_def(job_name)
        ingests = job_name in ("report_pipeline", "ingest_report")
        return job.execute_in_process(
            instance=instance, run_config=run_config([REPORT]) if ingests else None, raise_on_error=False
        )


def evaluations(result: dg.ExecuteInProcessResult) -> dict[str, dg.AssetCheckEvaluation]:
    return {e.check_name: e for e in result.get_asset_check_evaluations()}


def published_was_not_run(result: dg.ExecuteInProcessResult) -> bool:
    materialized = {e.asset_key for e in result.get_asset_materialization_events()}
    return dg.AssetKey("published_warehouse") not in materialized and not result.is_node_success("published_warehouse")


# --- the real report -------------------------------------------------------------------

EXPECTED_REPORT_WARNINGS = {
    ("printed_totals_add_up", "not_maskiner_och_inventarier", "utgaende_balans", "amount_current", 928, 927),
    ("balances_carry_over", "resultatrakning", "avskrivningar", "amount_prior", -109, -110),
    ("medarbetarcentrum_totals_add_up", "mc_positiv_forandring", "Totalt, kommun", "2", 71, 64),
    ("medarbetarcentrum_totals_add_up", "mc_positiv_forandring", "Totalt, kommun", "3", 3, 2),
    ("medarbetarcentrum_totals_add_up", "mc_positiv_forandring", "Totalt, kommun", "7", 87, 79),
    ("text_figures_match_tables", "nyckeltal", "navet_kompetensutveckling_deltagare", "value", 11700, 11770),
}


def test_2012_every_error_level_check_passes(published_2012):
    rows = results(published_2012)
    assert {kind for kind, *_ in rows} >= {"dbt_test", "great_expectations", "reconciliation", "year_over_year"}
    assert [r for r in rows if r[2] == "error" and not r[3]] == []
    gx = [r for r in rows if r[0] == "great_expectations"]
    assert len(gx) >= 25 and all(r[3] for r in gx)


def test_2012_report_discrepancies_are_warnings_with_their_figures(published_2012):
    con = connect(published_2012, read_only=True)
    try:
        differences = con.execute(
            """
            select check_name, d.table, d.line, d.column, d.printed::double, d.computed::double, d.severity
            from audit.check_results,
                 unnest(from_json(observed->'differences',
                   '[{"table":"VARCHAR","line":"VARCHAR","column":"VARCHAR","printed":"DOUBLE","computed":"DOUBLE","severity":"VARCHAR"}]')) as u(d)
            where kind = 'reconciliation'
            """
        ).fetchall()
    finally:
        con.close()
    assert {row[:6] for row in differences} == EXPECTED_REPORT_WARNINGS
    assert {row[6] for row in differences} == {"warning"}
    messages = " ".join(r[4] for r in results(published_2012, "kind = 'reconciliation' and not passed"))
    assert "printed 71, computed 64" in messages and "printed 11700, computed 11770" in messages


def test_2012_fee_changes_are_year_over_year_warnings(published_2012):
    [(kind, name, severity, passed, message, target)] = results(published_2012, "kind = 'year_over_year'")
    assert (name, severity, passed, target) == ("fee_changes_plausible", "warning", False, "build")
    assert "Varberg (1383) forbundsbidrag 2011 → 2012: 1 010 → 641 tkr (-36.5%)" in message
    assert "Falkenberg (1382) forbundsbidrag 2011 → 2012: 0 → 454 tkr (new fee)" in message
    assert "Ulricehamn (1491) medarbetarcentrum 2011 → 2012: 272 → 0 tkr (-100.0%)" in message
    assert message.startswith("3 fee(s) changed by more than 25%")


def test_make_quality_on_the_published_2012_warehouse_exits_0_and_lists_its_warnings(published_2012, tmp_path):
    """`make quality` reads the recorded results: the 2012 report's own discrepancies are warnings, not errors."""
    from dagster_project.quality import report

    warehouse = copy_published(published_2012, tmp_path)
    with project_environment(tmp_path / "raw", warehouse):
        assert report.main() == 0
    markdown = (warehouse.parent / "quality_report.md").read_text(encoding="utf-8")
    assert "| ERROR |" not in markdown
    assert "| warning | year_over_year | fee_changes_plausible | marts/fct_fees | build |" in markdown
    assert "Varberg (1383) forbundsbidrag 2011 → 2012: 1 010 → 641 tkr (-36.5%)" in markdown


# --- each rule where it lives ------------------------------------------------------------


def loaded_raw(tmp_path: Path, edits: list[tuple[str, str, str]]) -> Path:
    """The 2012 report with edits (file, old, new) loaded into a raw schema of its own: no dbt, no Dagster."""
    report_dir = copy_report(tmp_path / "raw")
    for file, old, new in edits:
        edit(report_dir / file, old, new)
    database = tmp_path / "loaded.duckdb"
    con = connect(database)
    try:
        load_report(con, report_dir)
    finally:
        con.close()
    return database


def suite(table: str) -> Suite:
    return next(s for s in all_suites() if s.table == table)


def test_an_impossible_count_fails_the_raw_suite_naming_file_and_row(tmp_path):
    database = loaded_raw(
        tmp_path, [("mc_arendestatistik.csv", "Antal individer;2;;203", "Antal individer;2;;2 000 203")]
    )

    [outcome] = great_expectations_runner.run_suites([suite("raw.mc_case_statistics")], database)

    assert (outcome.check_name, outcome.severity, outcome.passed) == ("gx_mc_case_statistics", "error", False)
    assert "value: expected values between 0 and 1000000" in outcome.message
    assert (
        "column_no=2, source_file=arsredovisning-2012/mc_arendestatistik.csv, row_number=2, value=2000203"
        in outcome.message
    )


def test_a_changed_figure_fails_printed_totals_add_up_with_both_figures(tmp_path):
    database = loaded_raw(tmp_path, [("not_kassa_och_bank.csv", "40 783", "40 873")])

    outcome = next(o for o in reconciliation.evaluate_all(database) if o.check_name == "printed_totals_add_up")

    assert (outcome.severity, outcome.passed) == ("error", False)
    assert (
        "not_kassa_och_bank: statement_sum at line 'summa', column amount_current 2012: "
        "printed 40803, computed 40893, difference -90 (not acknowledged in report.yml"
    ) in outcome.message
    assert outcome.observed["reports_in_error"] == [REPORT]


@pytest.mark.parametrize(
    ("amount", "shown"),
    [(-7249, "amount_tkr=-7249.0"), (27249, "amount_tkr=27249.0")],
    ids=["negative", "a_digit_too_many"],
)
def test_a_fee_out_of_range_fails_the_fees_suite(published_2012, tmp_path, amount, shown):
    database = changed_copy(
        published_2012,
        tmp_path,
        f"update marts.fct_fees set amount_tkr = {amount} "
        "where year = 2012 and municipality_code = '1490' and fee_type = 'forbundsbidrag' returning 1",
    )

    [outcome] = great_expectations_runner.run_suites([suite("marts.fct_fees")], database)

    assert (outcome.check_name, outcome.severity, outcome.passed) == ("gx_fct_fees", "error", False)
    assert "amount_tkr: expected values between 0 and 20000" in outcome.message
    assert (
        f"municipality_code=1490, fee_type=forbundsbidrag, source_report=arsredovisning-2012, {shown}"
        in outcome.message
    )


def test_a_fee_jump_is_a_year_over_year_warning_with_both_figures(published_2012, tmp_path):
    database = changed_copy(
        published_2012,
        tmp_path,
        "update marts.fct_fees set amount_tkr = 27249 "
        "where year = 2012 and municipality_code = '1490' and fee_type = 'forbundsbidrag' returning 1",
    )

    outcome = year_over_year.run_fee_changes(database)

    assert (outcome.severity, outcome.passed) == ("warning", False)
    assert "Borås (1490) forbundsbidrag 2011 → 2012: 7 198 → 27 249 tkr (+278.6%)" in outcome.message
    assert outcome.message.startswith("4 fee(s) changed by more than 25%")


# --- one broken report through the whole pipeline ------------------------------------------


@pytest.fixture(scope="module")
def broken_figures(published_2012, tmp_path_factory):
    """A changed figure (note 11) and a fee keyed with a digit too many (7 249 as 27 249, its total too), run as
    the sensor runs a report."""
    root = tmp_path_factory.mktemp("broken_figures")
    warehouse = copy_published(published_2012, root)
    published_before = sha256(warehouse)
    report_dir = copy_report(root / "raw")
    edit(report_dir / "not_kassa_och_bank.csv", "40 783", "40 873")
    edit(
        report_dir / "not_forbundsbidrag_kansli.csv", "boras;Borås;item;summa;;7 249", "boras;Borås;item;summa;;27 249"
    )
    edit(report_dir / "not_forbundsbidrag_kansli.csv", "summa;Summa;total;;;15 861", "summa;Summa;total;;;35 861")
    result = run_job("report_pipeline", root / "raw", warehouse)
    return result, warehouse, published_before


def test_blocking_checks_stop_publishing_and_warnings_are_kept(broken_figures):
    result, warehouse, published_before = broken_figures
    checks = evaluations(result)
    for name, severity in [
        ("printed_totals_add_up", dg.AssetCheckSeverity.ERROR),
        ("gx_fct_fees", dg.AssetCheckSeverity.ERROR),
        ("fee_changes_plausible", dg.AssetCheckSeverity.WARN),
    ]:
        assert not checks[name].passed and checks[name].severity == severity, name
    assert "printed 40803, computed 40893, difference -90" in checks["printed_totals_add_up"].description
    assert "amount_tkr=27249.0" in checks["gx_fct_fees"].description
    assert published_was_not_run(result)
    assert sha256(warehouse) == published_before


def test_every_check_result_of_the_stopped_run_is_recorded(broken_figures):
    result, warehouse, _ = broken_figures
    recorded = results(warehouse.parent / "build" / "sjuharad.build.duckdb", f"run_id = '{result.run_id}'")
    failed = {(kind, name, severity) for kind, name, severity, passed, *_ in recorded if not passed}
    assert {
        ("reconciliation", "printed_totals_add_up", "error"),
        ("great_expectations", "gx_fct_fees", "error"),
        ("year_over_year", "fee_changes_plausible", "warning"),
    } <= failed
    assert {kind for kind, *_ in recorded} == {"dbt_test", "great_expectations", "reconciliation", "year_over_year"}
