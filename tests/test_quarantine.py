"""One bad report never holds the others back: it is quarantined and the others publish.

Starts from the published 2012 warehouse. A good report (the synthetic 2013 one) and a bad
one (2012 again, corrected wrongly: Borås's 2011 fee 7 198 keyed as 7 298, so note 3's
2011 column no longer adds up) are dropped together.
"""

from pathlib import Path

import dagster as dg
import pytest

from dagster_project.defs.automation import raw_folder_sensor as sensor_module
from dagster_project.defs.automation.quarantine_sensor import quarantine_request
from dagster_project.defs.resources import Warehouse
from dagster_project.publishing.quarantine import QUARANTINE_TAG
from dagster_project.publishing.rejections import read_rejection
from tests.support.app_pages import assert_no_error, open_page, text_outside_expanders
from tests.support.good_and_bad import SYNTHETIC_2013, borås_förbundsbidrag, drop_good_and_bad
from tests.support.project import REPORT_2012, project_environment, query

pytestmark = pytest.mark.pipeline


def assert_good_published_bad_quarantined(warehouse: Path) -> None:
    assert borås_förbundsbidrag(warehouse) == {2011: 7198, 2012: 7249, 2013: 7310}, (
        "2013 is published; 2011 stays what the last good publication said, not the bad 7 298"
    )
    [(report, figures, reasons)] = query(
        warehouse, "select report_id, figures_kept, reasons from audit.quarantined_reports"
    )
    assert (report, figures) == (REPORT_2012.name, "last_published")
    assert "printed_totals_add_up" in reasons and "printed 15709, computed 15809" in reasons
    record = read_rejection(REPORT_2012.name, warehouse)
    assert record["quarantine"] is True
    assert any(
        "not_forbundsbidrag_kansli: statement_sum at line 'summa', column amount_prior 2011" in p["message"]
        for p in record["problems"]
    )
    assert read_rejection(SYNTHETIC_2013.name, warehouse) is None


def test_the_sensor_runs_each_report_and_the_bad_one_is_quarantined(report_beside_published_2012, monkeypatch):
    from dagster_project.definitions import defs

    raw_dir, warehouse = report_beside_published_2012
    monkeypatch.setattr(sensor_module, "SETTLE_SECONDS", 0.0)
    drop_good_and_bad(raw_dir)
    job = defs.resolve_job_def("report_pipeline")
    with project_environment(raw_dir, warehouse), dg.DagsterInstance.ephemeral() as instance:
        context = dg.build_sensor_context(instance=instance, definitions=defs, resources={"warehouse": Warehouse()})
        requests = defs.resolve_sensor_def("raw_folder_sensor")(context).run_requests
        assert sorted(r.tags["sjuharad/report"] for r in requests) == [REPORT_2012.name, SYNTHETIC_2013.name]
        bad_first = sorted(requests, key=lambda r: r.tags["sjuharad/report"])
        runs = [
            job.execute_in_process(instance=instance, run_config=r.run_config, tags=r.tags, raise_on_error=False)
            for r in bad_first
        ]
        assert [run.success for run in runs] == [False, True]

        failed = instance.get_run_by_id(runs[0].run_id)
        quarantine = quarantine_request(failed, Warehouse())
        assert quarantine.tags[QUARANTINE_TAG] == REPORT_2012.name
        assert quarantine_request(failed, Warehouse()).run_key == quarantine.run_key, "one quarantine run per failure"
        taken_out = job.execute_in_process(instance=instance, run_config=quarantine.run_config, tags=quarantine.tags)
        assert taken_out.success
        assert quarantine_request(instance.get_run_by_id(taken_out.run_id), Warehouse()) is None

    assert_good_published_bad_quarantined(warehouse)
    monkeypatch.setenv("SJUHARAD_WAREHOUSE", str(warehouse))
    app = open_page("data_quality.py")
    assert_no_error(app)
    page = text_outside_expanders(app)
    assert "**Årsredovisning 2012** klarade inte kontrollerna" in page
    assert "Siffrorna från den senast publicerade versionen av årsredovisningen gäller" in page
