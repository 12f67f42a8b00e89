"""Great Expectations in a process of its own, started when a run starts.

Importing GX costs several seconds of CPU. Dagster sets up a run's resources before its
first step, so the process pool of this resource imports GX on the other core while the
run ingests and dbt builds; the quality gate then hands it the suites and does the
reconciliations itself meanwhile. This is the only place that starts such a process.

A `multiprocessing.Pool` rather than a `ProcessPoolExecutor`: at the end of a run its
workers are terminated, where the executor's would unload GX first (about 2 s after every run).
"""

import multiprocessing
import os
import signal
import threading
import time
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path

import dagster as dg
from pydantic import PrivateAttr

from dagster_project.quality import great_expectations_runner
from dagster_project.quality.results import CheckOutcome
from dagster_project.quality.suites import Suite


def _start_worker(parent: int) -> None:
    # Ctrl-C is for the run, which shuts the pool down; the import can wait for idle CPU,
    # since Dagster's start-up and dbt are what the run waits for.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.nice(10)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    great_expectations_runner.prepare()


def _exit_with_parent(parent: int) -> None:
    """A run killed outright cannot shut its pool down; its worker then ends by itself."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(0)


def _validate(suites: list[Suite], database: str) -> list[CheckOutcome]:
    return list(great_expectations_runner.run_suites(suites, database))


class ExpectationValidator(dg.ConfigurableResource):
    """Validates Great Expectations suites in worker processes that import GX ahead of time."""

    workers: int = 2

    _pool: Pool | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        self._pool = multiprocessing.get_context("spawn").Pool(
            self.workers, initializer=_start_worker, initargs=(os.getpid(),)
        )

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        if self._pool is not None:
            self._pool.terminate()

    def submit(self, suites: list[Suite], database: Path) -> "ValidationRequest":
        """Start validating; the suites are shared among the workers."""
        if self._pool is None:
            raise RuntimeError("ExpectationValidator is used outside a run; Dagster sets it up when a run starts")
        parts = [suites[i :: self.workers] for i in range(self.workers)]
        return ValidationRequest(
            suites, [self._pool.apply_async(_validate, (part, str(database))) for part in parts if part]
        )


class ValidationRequest:
    def __init__(self, suites: list[Suite], results: list[AsyncResult]) -> None:
        self._suites = suites
        self._results = results

    def outcomes(self) -> list[CheckOutcome]:
        """Every suite's outcome, in the order the suites were given."""
        by_name = {outcome.check_name: outcome for result in self._results for outcome in result.get()}
        return [by_name[suite.check_name] for suite in self._suites]
