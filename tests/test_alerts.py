"""Alert e-mails: a rejected report and a failing scheduled check each send one e-mail, in
Swedish, naming the report or the check and where to look, to a local SMTP server the test
starts. Without SMTP settings nothing is sent and the sensor's log says alerts are off.

The runs are real (report_pipeline on a broken copy of the 2012 report, the scheduled
check's job on a tampered copy of the published 2012 warehouse); the sensor is Dagster's
run-failure sensor called with the context of the failed run. tests/test_production_services.py
covers the same through a running daemon. The scheduled check's run is also the end-to-end test of
the scheduled re-check itself: its results recorded with the published data, which stays as it was.
"""

import shutil
from pathlib import Path

import dagster as dg
import pytest

from dagster_project.defs.alerts import mail
from dagster_project.defs.alerts.messages import FailedRun, FailedStep, compose
from dagster_project.defs.alerts.sensors import email_on_failure
from dagster_project.defs.ingest.assets import run_config
from dagster_project.defs.resources import Warehouse
from dagster_project.duckdb_connection import connect
from dagster_project.quality import report
from tests.support.network import free_port
from tests.support.project import copy_report, project_environment, query
from tests.support.smtp_server import local_smtp_server

REPORT = "arsredovisning-2012"
UI_URL = "https://dagster.example.test"


@pytest.fixture
def inbox(monkeypatch):
    with local_smtp_server() as server:
        for name, value in server.environment().items():
            monkeypatch.setenv(name, value)
        monkeypatch.setenv("DAGSTER_UI_URL", UI_URL)
        yield server


def run_failed_job(job_name: str, raw_dir: Path, warehouse: Path, report: str | None = None) -> str:
    """Run the job in this process, then call the alert sensor with the failed run, as the daemon does."""
    from dagster_project.definitions import defs

    with project_environment(raw_dir, warehouse), dg.DagsterInstance.ephemeral() as instance:
        tags = {"sjuharad/report": report} if report else {}
        result = defs.resolve_job_def(job_name).execute_in_process(
            instance=instance, run_config=run_config([report]) if report else None, tags=tags, raise_on_error=False
        )
        assert not result.success
        context = dg.build_run_status_sensor_context(
            sensor_name="email_on_failure",
            dagster_event=result.get_run_failure_event(),
            dagster_instance=instance,
            dagster_run=result.dagster_run,
        ).for_run_failure()
        email_on_failure(context, warehouse=Warehouse())
        return result.run_id


def body(message) -> str:
    return message.get_content().replace("\r\n", "\n")


@pytest.mark.pipeline
def test_a_rejected_report_sends_one_email_naming_the_problem_and_where_to_look(tmp_path, inbox):
    raw_dir, warehouse = tmp_path / "raw", tmp_path / "warehouse" / "sjuharad.duckdb"
    report_dir = copy_report(raw_dir)
    path = report_dir / "not_kassa_och_bank.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("40 783", "fyrtiotusen", 1), encoding="utf-8")

    run_id = run_failed_job("report_pipeline", raw_dir, warehouse, report=REPORT)

    [message] = inbox.wait_for(1, timeout=30)
    assert message["Subject"] == "Sjuhärad Insyn: rapporten arsredovisning-2012 avvisades"
    assert message["To"] == "ekonomi@example.test, it@example.test"
    assert message["X-Envelope-To"] == "ekonomi@example.test, it@example.test"
    assert message["From"] == "sjuharad-insyn@example.test"
    text = body(message)
    assert "Rapporten arsredovisning-2012 avvisades och lästes inte in." in text
    assert "den publicerade datan är oförändrad" in text
    assert (
        "not_kassa_och_bank.csv, row 1, column amount_current: expected a number in Swedish format such as 15 861"
        in text
    )
    assert "found 'fyrtiotusen'" in text
    record = warehouse.parent / "rejections" / f"{REPORT}.json"
    assert record.is_file()
    assert f"- Avvisningsposten för arsredovisning-2012, med alla problem: {record}" in text
    assert f"- Körningen i Dagster: {UI_URL}/runs/{run_id}" in text
    assert "sensorn på raw/ startar en ny körning av sig själv" in text
    assert not warehouse.exists(), "nothing was published"


def tamper_with_published(published_2012: Path, root: Path) -> Path:
    """A copy of the published 2012 warehouse in which Borås's förbundsbidrag 2012 (7 249 tkr) reads 27 249."""
    shutil.copytree(published_2012.parent, root / "warehouse")
    warehouse = root / "warehouse" / published_2012.name
    con = connect(warehouse)
    try:
        changed = con.execute(
            "update marts.fct_fees set amount_tkr = 27249 where year = 2012 and municipality_code = '1490' "
            "and fee_type = 'forbundsbidrag' and amount_tkr = 7249 returning amount_tkr"
        ).fetchall()
        assert changed == [(27249,)]
    finally:
        con.close()
    return warehouse


# The 2012 report's own discrepancies, warnings in every check of its published data (tests/test_quality_gate.py).
REPORT_WARNINGS = [
    "balances_carry_over",
    "fee_changes_plausible",
    "medarbetarcentrum_totals_add_up",
    "printed_totals_add_up",
    "text_figures_match_tables",
]


def test_a_failing_scheduled_check_keeps_the_published_data_and_sends_one_email_naming_the_check(
    published_2012, tmp_path, inbox
):
    """The scheduled job re-checks the published warehouse: every kind of check runs again, their results are
    recorded with the published data, which stays as it was, and the one changed figure is the only error."""
    warehouse = tamper_with_published(published_2012, tmp_path)
    fees_before = query(warehouse, "select * from marts.fct_fees order by all")
    publication_before = query(warehouse, "select record from meta.publication")

    run_id = run_failed_job("published_quality_checks", tmp_path / "raw", warehouse)

    [message] = inbox.wait_for(1, timeout=30)
    assert (
        message["Subject"] == "Sjuhärad Insyn: den schemalagda kvalitetskontrollen hittade fel i den publicerade datan"
    )
    text = body(message)
    assert "Steg som misslyckades:\n- recheck_published_warehouse:" in text
    assert "gx_fct_fees (marts/fct_fees)" in text
    assert (
        "municipality_code=1490, fee_type=forbundsbidrag, source_report=arsredovisning-2012, amount_tkr=27249" in text
    )
    assert f"- Körningen i Dagster: {UI_URL}/runs/{run_id}" in text
    assert "audit.check_results" in text and "Datakvalitet" in text

    rechecked = query(
        warehouse, "select kind, check_name, severity, passed from audit.check_results where target = 'published'"
    )
    assert {kind for kind, *_ in rechecked} == {"dbt_test", "great_expectations", "reconciliation", "year_over_year"}
    failed = [(name, severity) for _, name, severity, passed in rechecked if not passed]
    assert sorted(failed) == sorted([("gx_fct_fees", "error"), *((name, "warning") for name in REPORT_WARNINGS)])
    assert query(warehouse, "select * from marts.fct_fees order by all") == fees_before, "the published data stays"
    assert query(warehouse, "select record from meta.publication") == publication_before

    with project_environment(tmp_path / "raw", warehouse):
        assert report.main() == 1, "`make quality` exits 1 while an error-level check fails"
    markdown = (warehouse.parent / "quality_report.md").read_text(encoding="utf-8")
    assert "| ERROR | great_expectations | gx_fct_fees | marts/fct_fees | published |" in markdown
    assert "Borås (1490) forbundsbidrag 2011 → 2012: 7 198 → 27 249 tkr (+278.6%)" in markdown
    assert "| warning | year_over_year | fee_changes_plausible | marts/fct_fees | published |" in markdown


def test_without_smtp_settings_nothing_is_sent_and_the_log_says_alerts_are_off(tmp_path, monkeypatch, capfd):
    for name in ("SJUHARAD_SMTP_HOST", "SJUHARAD_ALERT_TO"):
        monkeypatch.delenv(name, raising=False)
    raw_dir = tmp_path / "raw"
    report_dir = copy_report(raw_dir)
    (report_dir / "resultatrakning.csv").unlink()
    with local_smtp_server() as server:
        run_failed_job("report_pipeline", raw_dir, tmp_path / "warehouse" / "sjuharad.duckdb", report=REPORT)
        assert server.wait_for(1, timeout=3) == []
    log = capfd.readouterr().err
    assert (
        "WARNING - Alert e-mails are off: SJUHARAD_SMTP_HOST and SJUHARAD_ALERT_TO not set (docs/deploy.md, Alerts). "
        "Not sent: Sjuhärad Insyn: rapporten arsredovisning-2012 avvisades"
    ) in log
    assert "report.yml, field file of table resultatrakning: expected a file resultatrakning.csv" in log


def test_any_other_failed_run_names_the_job_the_report_and_the_step():
    run = FailedRun(
        run_id="4f1c",
        job_name="report_pipeline",
        report="arsredovisning-2013",
        run_message="Execution of run for \"report_pipeline\" failed. Steps failed: ['warehouse_dbt_models'].",
        steps=(
            FailedStep(
                "warehouse_dbt_models", "dbt build failed; nothing is published.\nfct_fees: CHECK constraint failed"
            ),
        ),
    )
    alert = compose(run, "http://127.0.0.1:3000/")
    assert alert.subject == "Sjuhärad Insyn: körningen report_pipeline för rapporten arsredovisning-2013 misslyckades"
    assert alert.body.startswith(
        "Körningen report_pipeline för rapporten arsredovisning-2013 misslyckades i steget warehouse_dbt_models.\n"
        "Inget publicerades från den här körningen; den publicerade datan är oförändrad.\n"
    )
    assert (
        "- warehouse_dbt_models:\n    dbt build failed; nothing is published.\n    fct_fees: CHECK constraint failed"
        in alert.body
    )
    assert "- Körningen i Dagster: http://127.0.0.1:3000/runs/4f1c" in alert.body


def test_smtp_settings_come_from_the_environment_with_clear_errors():
    settings, state = mail.settings_from_environment(
        {"SJUHARAD_SMTP_HOST": "smtp.example.test", "SJUHARAD_ALERT_TO": "a@example.test,, b@example.test "}
    )
    assert (settings.port, settings.security, settings.recipients) == (
        587,
        "starttls",
        ("a@example.test", "b@example.test"),
    )
    assert state == "Alert e-mails go to a@example.test, b@example.test through smtp.example.test:587 (starttls)."
    assert mail.settings_from_environment({"SJUHARAD_SMTP_HOST": "smtp.example.test"}) == (
        None,
        "Alert e-mails are off: SJUHARAD_ALERT_TO not set (docs/deploy.md, Alerts).",
    )
    with pytest.raises(
        mail.MailConfigurationError, match="SJUHARAD_SMTP_PORT: expected a port number such as 587, found 'smtp'"
    ):
        mail.settings_from_environment(
            {"SJUHARAD_SMTP_HOST": "h", "SJUHARAD_ALERT_TO": "a@b", "SJUHARAD_SMTP_PORT": "smtp"}
        )
    with pytest.raises(
        mail.MailConfigurationError, match="SJUHARAD_SMTP_SECURITY: expected starttls, ssl or none, found 'tls'"
    ):
        mail.settings_from_environment(
            {"SJUHARAD_SMTP_HOST": "h", "SJUHARAD_ALERT_TO": "a@b", "SJUHARAD_SMTP_SECURITY": "tls"}
        )


def test_an_smtp_server_that_does_not_answer_is_an_error_not_a_silent_loss():
    settings, _ = mail.settings_from_environment(
        {
            "SJUHARAD_SMTP_HOST": "127.0.0.1",
            "SJUHARAD_SMTP_PORT": str(free_port()),
            "SJUHARAD_SMTP_SECURITY": "none",
            "SJUHARAD_ALERT_TO": "it@example.test",
        }
    )
    with pytest.raises(ConnectionRefusedError):
        mail.send(settings, mail.Alert("Sjuhärad Insyn: test", "text"), pause_seconds=0)


def test_the_mail_sensor_is_stopped_and_says_why_while_no_mail_server_is_configured(monkeypatch):
    from dagster_project.defs.alerts.sensors import mail_status

    for name in ("SJUHARAD_SMTP_HOST", "SJUHARAD_ALERT_TO"):
        monkeypatch.delenv(name, raising=False)
    status, reason = mail_status()
    assert status == dg.DefaultSensorStatus.STOPPED
    assert reason == "Alert e-mails are off: SJUHARAD_SMTP_HOST and SJUHARAD_ALERT_TO not set (docs/deploy.md, Alerts)."
    monkeypatch.setenv("SJUHARAD_SMTP_HOST", "smtp.example.test")
    monkeypatch.setenv("SJUHARAD_ALERT_TO", "styrelse@example.test")
    assert mail_status()[0] == dg.DefaultSensorStatus.RUNNING
    monkeypatch.setenv("SJUHARAD_SMTP_PORT", "tjugofem")
    assert mail_status() == (
        dg.DefaultSensorStatus.RUNNING,
        "The mail configuration is wrong: SJUHARAD_SMTP_PORT: expected a port number such as 587, found 'tjugofem'",
    )
