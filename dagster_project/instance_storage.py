"""Dagster's SQLite instance storage, with the event log's connections kept open.

Dagster's SqliteEventLogStorage creates a SQLAlchemy engine, connects and throws the
engine away for every event it stores, two to four times per asset event. Here that
was about 20 ms an event and 5 s of the 2012 build. This storage keeps one engine per
database file it writes (the index and the latest runs') for the life of the process.
A batch of events (the materializations of a run over many reports, when
DAGSTER_EVENT_BATCH_SIZE is set) is written in one transaction per database file
instead of two to four per event.
The files, their schema and every row written are Dagster's own: the UI, the daemon
and `dagster` commands read them as before. Configured in dagster.yaml (`instance_class`).
"""

import os
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager

import yaml
from dagster import DagsterInstance
from dagster._core.instance.ref import InstanceRef
from dagster._core.storage.event_log.sqlite.sqlite_event_log import SqliteEventLogStorage
from dagster._core.storage.runs import SqliteRunStorage
from dagster._core.storage.schedules import SqliteScheduleStorage
from dagster._core.storage.sqlite import SQLITE_BUSY_TIMEOUT_SECONDS
from dagster._core.storage.sqlite_storage import (
    DagsterSqliteStorage,
    _event_logs_directory,
    _runs_directory,
    _schedule_directory,
)
from dagster._serdes import ConfigurableClassData
from dagster._utils import mkdir_p
from sqlalchemy import create_engine
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import StaticPool

# The index database and the databases of the last few runs: a run writes to its own
# and to the index; the UI's watchers read recent runs.
KEPT_ENGINES = 6


class KeptOpenSqliteEventLogStorage(SqliteEventLogStorage):
    def __init__(self, base_dir: str, inst_data: ConfigurableClassData | None = None):
        self._engines: OrderedDict[str, Engine] = OrderedDict()
        self._batch_connections: dict[str, Connection] | None = None
        self._tables_present: set[str] = set()
        super().__init__(base_dir, inst_data)
        # Reentrant: a batch holds it while store_event connects for each event.
        self._db_lock = threading.RLock()

    def _engine(self, shard: str) -> Engine:
        if shard in self._engines:
            self._engines.move_to_end(shard)
            return self._engines[shard]
        # One connection per file, shared by threads: _connect holds self._db_lock while it is used.
        engine = create_engine(
            self.conn_string_for_shard(shard),
            poolclass=StaticPool,
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS, "check_same_thread": False},
        )
        if shard not in self._initialized_dbs:
            self._initdb(engine)
            self._initialized_dbs.add(shard)
        self._engines[shard] = engine
        while len(self._engines) > KEPT_ENGINES:
            self._engines.popitem(last=False)[1].dispose()
        return engine

    @contextmanager
    def _connect(self, shard: str) -> Iterator[Connection]:
        with self._db_lock:
            if self._batch_connections is None:
                with self._engine(shard).connect() as conn, conn.begin():
                    yield conn
                return
            if shard not in self._batch_connections:
                conn = self._engine(shard).connect()
                conn.begin()
                self._batch_connections[shard] = conn
            yield self._batch_connections[shard]

    def store_event_batch(self, events) -> None:
        with self._db_lock:
            self._batch_connections = {}
            try:
                for event in events:
                    self.store_event(event)
                for conn in self._batch_connections.values():
                    conn.commit()
            except BaseException:
                for conn in self._batch_connections.values():
                    conn.rollback()
                raise
            finally:
                for conn in self._batch_connections.values():
                    conn.close()
                self._batch_connections = None

    def has_table(self, table_name: str) -> bool:
        """Dagster asks before every asset event; a table, once there, stays (migrations only add)."""
        if table_name not in self._tables_present and super().has_table(table_name):
            self._tables_present.add(table_name)
        return table_name in self._tables_present

    def _dispose_engines(self) -> None:
        with self._db_lock:
            while self._engines:
                self._engines.popitem()[1].dispose()

    def wipe(self) -> None:
        self._dispose_engines()
        super().wipe()

    def dispose(self) -> None:
        self._dispose_engines()
        super().dispose()


class KeptOpenSqliteStorage(DagsterSqliteStorage):
    """Dagster's default SQLite storage, with the kept-open event log."""

    def __init__(self, base_dir: str, inst_data: ConfigurableClassData | None = None):
        self.base_dir = base_dir
        self._run_storage = SqliteRunStorage.from_local(_runs_directory(base_dir))
        self._event_log_storage = KeptOpenSqliteEventLogStorage(_event_logs_directory(base_dir))
        self._schedule_storage = SqliteScheduleStorage.from_local(_schedule_directory(base_dir))
        self._inst_data = inst_data
        super(DagsterSqliteStorage, self).__init__()

    @classmethod
    def from_config_value(cls, inst_data: ConfigurableClassData, config_value) -> "KeptOpenSqliteStorage":
        mkdir_p(config_value["base_dir"])
        return cls(config_value["base_dir"], inst_data=inst_data)


def store_events_in_batches() -> None:
    """Settings for this process's runs (`make build`, and the daemon's warm run process)."""
    # One planned-materialization event per raw asset for the run's range of reports,
    # instead of one per asset and report (9 000 SQLite writes for 1 000 reports). The
    # price: if a run over many reports fails, Dagster does not mark each report's partition
    # as failed; the build says what failed and writes the rejection records.
    os.environ.setdefault("DAGSTER_EMIT_PARTITION_SUBSET_IN_PLANNED_EVENTS", "1")
    # A step's events are stored in batches, one transaction each (the event log above),
    # not two to four transactions apiece.
    os.environ.setdefault("DAGSTER_EVENT_BATCH_SIZE", "1000")


class SjuharadInstance(DagsterInstance):
    """Dagster's instance; its default storage is the one above, in <instance folder>/storage.

    Named in dagster.yaml (`instance_class`), so that every process that opens the instance
    (`make build`, the daemon, its runs, the UI) stores events this way, whichever folder
    it is opened from.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from dagster_project import warm_runs

        if warm_runs.is_daemon_process() and isinstance(self.run_launcher, warm_runs.WarmRunLauncher):
            warm_runs.warm_process()  # importing takes seconds: start now, not at the first run

    @classmethod
    def config_schema(cls) -> dict:
        return {}

    @staticmethod
    def config_defaults(base_dir: str) -> dict:
        storage = {"base_dir": os.path.join(base_dir, "storage")}
        return {
            **InstanceRef.config_defaults(base_dir),
            "storage": ConfigurableClassData(__name__, KeptOpenSqliteStorage.__name__, yaml.dump(storage, default_flow_style=False)),
        }
