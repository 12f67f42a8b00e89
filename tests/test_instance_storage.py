"""The Dagster instance of dagster.yaml: Dagster's SQLite files, with the event log kept open and batched."""

import shutil

import dagster as dg
from dagster._core.storage.tags import ASSET_PARTITION_RANGE_END_TAG, ASSET_PARTITION_RANGE_START_TAG

from dagster_project import paths
from dagster_project.instance_storage import KeptOpenSqliteEventLogStorage, SjuharadInstance

REPORTS = dg.StaticPartitionsDefinition(["arsredovisning-2011", "arsredovisning-2012", "arsredovisning-2013"])


@dg.asset(partitions_def=REPORTS, backfill_policy=dg.BackfillPolicy.single_run())
def report_rows(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    return dg.MaterializeResult(metadata={"reports": len(context.partition_keys)})


def test_a_run_over_many_reports_stores_one_batch_readable_by_another_instance(tmp_path, monkeypatch):
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(paths.repo_root() / "dagster_project" / "dagster.yaml", home / "dagster.yaml")
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    monkeypatch.setenv("DAGSTER_EVENT_BATCH_SIZE", "1000")
    batches = []
    store_batch = KeptOpenSqliteEventLogStorage.store_event_batch
    monkeypatch.setattr(
        KeptOpenSqliteEventLogStorage, "store_event_batch", lambda self, events: (batches.append(len(events)), store_batch(self, events))
    )
    keys = REPORTS.get_partition_keys()
    with dg.DagsterInstance.get() as instance:
        assert isinstance(instance.event_log_storage, KeptOpenSqliteEventLogStorage)
        result = dg.materialize(
            [report_rows], instance=instance, tags={ASSET_PARTITION_RANGE_START_TAG: keys[0], ASSET_PARTITION_RANGE_END_TAG: keys[-1]}
        )
        assert result.success
    assert batches == [3, 3], "the three reports' planned events, then their materializations"
    assert (home / "storage" / "history" / "runs" / f"{result.run_id}.db").is_file()
    with dg.DagsterInstance.from_config(str(home)) as reader:
        records = reader.fetch_materializations(dg.AssetKey("report_rows"), limit=10).records
        assert sorted(record.partition_key for record in records) == keys
        assert {record.asset_materialization.metadata["reports"].value for record in records} == {3}
        assert reader.get_run_by_id(result.run_id).is_success


def test_an_instance_opened_from_its_folder_keeps_its_files_there(tmp_path, monkeypatch):
    shutil.copy(paths.repo_root() / "dagster_project" / "dagster.yaml", tmp_path / "dagster.yaml")
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "another_home"))
    with dg.DagsterInstance.from_config(str(tmp_path)) as instance:
        assert isinstance(instance, SjuharadInstance)
        assert isinstance(instance.event_log_storage, KeptOpenSqliteEventLogStorage)
    assert (tmp_path / "storage" / "history" / "runs" / "index.db").is_file()
    assert not (tmp_path / "another_home").exists()
