"""Jobs the warm-run tests launch: they report where they ran, or wait to be cancelled."""

import json
import os
import sys
import time
from pathlib import Path

import dagster as dg

from dagster_project.dbt_worker import SOCKET_VARIABLE
from dagster_project.quality import expectation_worker

MARKER_VARIABLE = "SJUHARAD_TEST_WARM_RUN_MARKER"


@dg.op
def report_where_it_ran() -> None:
    Path(os.environ[MARKER_VARIABLE]).write_text(json.dumps({
        "pid": os.getpid(),
        "parent": os.getppid(),
        "definitions_imported": "dagster_project.definitions" in sys.modules,
        "dbt_worker": os.environ.get(SOCKET_VARIABLE),
        "expectation_worker": expectation_worker.take()._process.pid if expectation_worker._started[-1].waiting() else None,
    }))


@dg.job(executor_def=dg.in_process_executor)
def where_job() -> None:
    report_where_it_ran()


@dg.op
def wait_to_be_cancelled() -> None:
    Path(os.environ[MARKER_VARIABLE]).write_text(json.dumps({"pid": os.getpid()}))
    time.sleep(120)


@dg.job(executor_def=dg.in_process_executor)
def waiting_job() -> None:
    wait_to_be_cancelled()
