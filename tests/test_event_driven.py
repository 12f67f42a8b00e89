"""A new report dropped into raw/ flows through to the published marts by itself.

Starts from a warehouse built from the real 2012 report, drops the synthetic 2013 report
(tests/fixtures/synthetic-2013, made up for this test) and runs what the sensor requests.
"""

import shutil

import dagster as dg
import pytest

from dagster_project.definitions import defs
from dagster_project.defs.automation import raw_folder_sensor as sensor_module
from dagster_project.defs.ingest.assets import run_config
from tests.support.project import SYNTHETIC_2013, copy_published, copy_report, project_environment, query

pytestmark = pytest.mark.pipeline


def evaluate_sensor(instance: dg.DagsterInstance, cursor: str | None) -> dg.SensorResult:
    context = dg.build_sensor_context(
        instance=instance, cursor=cursor, definitions=defs, resources={"warehouse": defs.resources["warehouse"]}
    )
    return defs.resolve_sensor_def("raw_folder_sensor")(context)


def run_requested(instance: dg.DagsterInstance, result: dg.SensorResult) -> list[dg.ExecuteInProcessResult]:
    job = defs.resolve_job_def("report_pipeline")
    return [
        job.execute_in_process(instance=instance, run_config=request.run_config, tags=request.tags)
        for request in result.run_requests
    ]


@pytest.fixture
def no_settle_time(monkeypatch):
    monkeypatch.setattr(sensor_module, "SETTLE_SECONDS", 0.0)


def test_a_dropped_report_is_published_and_its_restatements_listed(tmp_path, published_2012, no_settle_time):
    raw_dir = tmp_path / "raw"
    copy_report(raw_dir)
    warehouse = copy_published(published_2012, tmp_path)
    with project_environment(raw_dir, warehouse), dg.DagsterInstance.ephemeral() as instance:
        first = evaluate_sensor(instance, None)
        assert first.run_requests == [], "the published 2012 report is not run again"

        shutil.copytree(SYNTHETIC_2013, raw_dir / SYNTHETIC_2013.name)
        requested = evaluate_sensor(instance, first.cursor)
        assert [r.tags["sjuharad/report"] for r in requested.run_requests] == ["arsredovisning-2013"]
        assert requested.run_requests[0].run_config == run_config(["arsredovisning-2013"])
        assert requested.run_requests[0].tags["sjuharad/reason"] == "new or changed report folder"
        assert all(run.success for run in run_requested(instance, requested))

        shutil.rmtree(raw_dir / SYNTHETIC_2013.name)
        shutil.copytree(SYNTHETIC_2013, raw_dir / SYNTHETIC_2013.name)
        cursor = requested.cursor
        for _ in range(2):
            again = evaluate_sensor(instance, cursor)
            assert again.run_requests == [], "the same content dropped again requests no run"
            cursor = again.cursor

    assert query(
        warehouse,
        "select amount_tkr from marts.fct_fees where year = 2013 and municipality_code = '1490' "
        "and fee_type = 'forbundsbidrag'",
    ) == [(7310,)]
    assert query(warehouse, "select year, sum(visits) from marts.fct_visits group by 1 order by 1") == [
        (2011, 53013),
        (2012, 57576),
        (2013, 58630),
    ]
    assert query(
        warehouse,
        "select amount_tkr, source_report from marts.fct_note_lines where year = 2012 and line_id = 'momsfordran'",
    ) == [(780, "arsredovisning-2013")]
    assert query(
        warehouse,
        "select year, earlier_report, earlier_value, later_report, later_value from marts.fct_restatements "
        "where grain like '%momsfordran%' or grain like '%interimsfordringar%' order by later_value",
    ) == [
        (2012, "arsredovisning-2012", 772, "arsredovisning-2013", 780),
        (2012, "arsredovisning-2012", 9689, "arsredovisning-2013", 9681),
    ]
    assert query(
        warehouse, "select count(*) from marts.fct_figure_history where year = 2012 and grain like '%momsfordran%'"
    ) == [(2,)]
