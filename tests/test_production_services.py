"""The production setup for real: dagster-daemon and dagster-webserver started from their
systemd units (deploy/) with deploy/dagster.yaml, against a throwaway PostgreSQL server.

With the 2012 report published (a copy of the session's build), a broken 2013 report
dropped into raw/ is run by the sensor and rejected with one alert e-mail; after the daemon
is restarted the history is still there and no alert is repeated; the corrected report is
run by the sensor and published, with its run, events and check results in PostgreSQL and
the run served by the webserver. The PostgreSQL server, the
SMTP server and the services are the test's own and are stopped at the end.
"""

import shutil
import subprocess
import time
from pathlib import Path

import dagster as dg
import pytest
from dagster_graphql import DagsterGraphQLClient

from tests.support.network import free_port, wait_for_http
from tests.support.postgres_server import throwaway_postgres
from tests.support.project import SYNTHETIC_2013, query
from tests.support.smtp_server import local_smtp_server
from tests.support.systemd_units import DEPLOY, REPO, Service, group_alive, service_environment

pytestmark = [pytest.mark.service, pytest.mark.pipeline]

# The machine is shared and slow; these bound a wait, they measure nothing.
RUN_TIMEOUT = 1200
START_TIMEOUT = 300
FINISHED = {dg.DagsterRunStatus.SUCCESS, dg.DagsterRunStatus.FAILURE, dg.DagsterRunStatus.CANCELED}


def wait_for_run(instance: dg.DagsterInstance, report: str, known: set[str], daemon: Service) -> dg.DagsterRun:
    """The first run of the report that is not in `known`, once it has finished."""
    deadline = time.monotonic() + RUN_TIMEOUT
    while time.monotonic() < deadline:
        runs = [r for r in instance.get_runs(dg.RunsFilter(tags={"sjuharad/report": report})) if r.run_id not in known]
        if runs and runs[-1].status in FINISHED:
            return runs[-1]
        time.sleep(2)
    pytest.fail(f"no finished run for {report} within {RUN_TIMEOUT} s; daemon log:\n{daemon.output()[-8000:]}")


def broken_copy_of_2013(raw_dir: Path) -> Path:
    folder = raw_dir / SYNTHETIC_2013.name
    shutil.copytree(SYNTHETIC_2013, folder)
    path = folder / "not_kassa_och_bank.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("41856", "fyrtiotusen", 1), encoding="utf-8")
    return folder


def test_daemon_and_webserver_on_postgresql_run_publish_alert_and_keep_history(
    tmp_path, monkeypatch, report_beside_published_2012
):
    raw_dir, warehouse = report_beside_published_2012
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(DEPLOY / "dagster.yaml", home / "dagster.yaml")
    port = free_port()
    with throwaway_postgres() as pg, local_smtp_server() as inbox:
        environment = service_environment(
            {
                **pg.environment(),
                **inbox.environment(),
                "DAGSTER_HOME": str(home),
                "DAGSTER_HOST": "127.0.0.1",
                "DAGSTER_PORT": str(port),
                "DAGSTER_UI_URL": f"http://127.0.0.1:{port}",
                "SJUHARAD_RAW_DIR": str(raw_dir),
                "SJUHARAD_WAREHOUSE": str(warehouse),
                # A pool of one still proves the runs' pools end cleanly; each further worker imports GX
                # again, about 9 s of CPU a run on this shared machine.
                "SJUHARAD_GX_WORKERS": "1",
            }
        )
        for name in ("DAGSTER_HOME", *pg.environment()):
            monkeypatch.setenv(name, environment[name])
        # As docs/deploy.md installs it: the schema first, then the services.
        migrate = subprocess.run(
            [str(REPO / ".venv" / "bin" / "dagster"), "instance", "migrate"],
            env=environment,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert migrate.returncode == 0, migrate.stdout + migrate.stderr
        daemon, webserver = Service("daemon", environment, tmp_path), Service("webserver", environment, tmp_path)
        daemon.start()
        webserver.start()
        try:
            with dg.DagsterInstance.from_config(str(home)) as instance:
                _scenario(instance, pg, inbox, daemon, webserver, port, raw_dir, warehouse)
        finally:
            groups = [s.process.pid for s in (daemon, webserver) if s.process]
            webserver.stop()
            daemon.stop()
        assert not any(group_alive(group) for group in groups), "a service left a process running"
    assert not pg.folder.exists(), "the PostgreSQL server's folder is removed"


def _scenario(instance, pg, inbox, daemon, webserver, port, raw_dir, warehouse):
    client = DagsterGraphQLClient("127.0.0.1", port_number=port)
    if wait_for_http(f"http://127.0.0.1:{port}/server_info", START_TIMEOUT) is None:
        pytest.fail(f"dagster-webserver did not answer within {START_TIMEOUT} s:\n{webserver.output()[-5000:]}")

    # 1. The published 2012 report starts nothing (step 2 finds no run of it); a broken 2013
    # report is rejected, with one e-mail naming it and where to look.
    published_before = query(warehouse, "select run_id from meta.publication")
    broken_copy_of_2013(raw_dir)
    rejected = wait_for_run(instance, SYNTHETIC_2013.name, set(), daemon)
    assert rejected.status == dg.DagsterRunStatus.FAILURE
    [alert] = inbox.wait_for(1, timeout=RUN_TIMEOUT)
    assert alert["Subject"] == "Sjuhärad Insyn: rapporten arsredovisning-2013 avvisades"
    text = alert.get_content().replace("\r\n", "\n")
    assert "not_kassa_och_bank.csv, row 1, column amount_current: expected a number in Swedish format" in text
    assert f"{warehouse.parent / 'rejections' / 'arsredovisning-2013.json'}" in text
    assert f"http://127.0.0.1:{port}/runs/{rejected.run_id}" in text
    assert query(warehouse, "select run_id from meta.publication") == published_before, "the published data stays"

    # 2. The daemon restarted: the history is still there, and no alert is sent again.
    history = pg.query("select run_id, status from runs order by create_timestamp")
    assert [status for _, status in history] == ["FAILURE"], "the published 2012 report started no run"
    event_count = pg.query("select count(*) from event_logs")
    daemon.stop()
    daemon.start()
    assert pg.query("select run_id, status from runs order by create_timestamp") == history
    assert [(r.run_id, r.status) for r in instance.get_runs(dg.RunsFilter(run_ids=[rejected.run_id]))] == [
        (rejected.run_id, dg.DagsterRunStatus.FAILURE)
    ]
    assert pg.query("select count(*) from event_logs")[0][0] >= event_count[0][0]

    # 3. The 2013 report corrected: the restarted daemon runs and publishes it.
    shutil.rmtree(raw_dir / SYNTHETIC_2013.name)
    shutil.copytree(SYNTHETIC_2013, raw_dir / SYNTHETIC_2013.name)
    corrected = wait_for_run(instance, SYNTHETIC_2013.name, {rejected.run_id}, daemon)
    assert corrected.status == dg.DagsterRunStatus.SUCCESS, daemon.output()[-8000:]
    assert (
        corrected.job_name == "report_pipeline" and corrected.tags["sjuharad/reason"] == "new or changed report folder"
    )
    assert query(warehouse, "select run_id from meta.publication") == [(corrected.run_id,)]
    assert query(
        warehouse,
        "select year, amount_tkr from marts.fct_fees where municipality_code = '1490' "
        "and fee_type = 'forbundsbidrag' order by year",
    ) == [(2011, 7198), (2012, 7249), (2013, 7310)]

    # Its run, events and check results are in PostgreSQL, and the webserver serves the run.
    assert pg.query("select status, pipeline_name from runs where run_id = %s", (corrected.run_id,)) == [
        ("SUCCESS", "report_pipeline")
    ]
    events = dict(
        pg.query(
            "select dagster_event_type, count(*) from event_logs where run_id = %s group by 1", (corrected.run_id,)
        )
    )
    count = {kind: events.get(kind.value, 0) for kind in dg.DagsterEventType}
    assert count[dg.DagsterEventType.RUN_SUCCESS] == 1, events
    # Every planned materialization and check (the raw tables, the dbt models, the checks, the publication) happened.
    assert (
        count[dg.DagsterEventType.ASSET_MATERIALIZATION]
        == count[dg.DagsterEventType.ASSET_MATERIALIZATION_PLANNED]
        >= 50
    )
    assert (
        count[dg.DagsterEventType.ASSET_CHECK_EVALUATION]
        == count[dg.DagsterEventType.ASSET_CHECK_EVALUATION_PLANNED]
        >= 50
    )
    checks = dict(
        pg.query(
            "select check_name, execution_status from asset_check_executions where run_id = %s", (corrected.run_id,)
        )
    )
    assert checks["gx_fct_fees"] == "SUCCEEDED"
    assert checks["printed_totals_add_up"] == "FAILED", (
        "2012's 928 printed, 927 computed: the report's own discrepancy, a warning"
    )
    assert checks["published_data_is_current"] == "SUCCEEDED"
    assert client.get_run_status(corrected.run_id) == dg.DagsterRunStatus.SUCCESS
    assert query(warehouse, "select year, sum(visits) from marts.fct_visits group by 1 order by 1") == [
        (2011, 53013),
        (2012, 57576),
        (2013, 58630),
    ]
    assert not (warehouse.parent / "rejections" / "arsredovisning-2013.json").exists()
    assert len(inbox.messages) == 1, ("a successful run sends no e-mail", [m["Subject"] for m in inbox.messages])
    assert "resource_tracker" not in daemon.output(), "the runs' pools of GX workers leave no semaphore behind"
