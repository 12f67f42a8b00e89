"""Great Expectations in a process of its own, started when a run starts.

Importing GX costs several seconds of CPU. Dagster sets up a run's resources before its
first step, so the process pool of this resource imports GX on the other core while the
run ingests and dbt builds; the quality gate then hands it the suites and does the
reconciliations itself meanwhile. This is the only place that starts such a process.

A `multiprocessing.Pool` rather than a `ProcessPoolExecutor`, whose shutdown was measured
at about 2 s after every run. At the end of a run the pool is closed and joined: its workers
have no work left, and a terminated worker left a semaphore behind, which multiprocessing's
resource tracker warned of after `make build`.

With `workers=0` (SJUHARAD_GX_WORKERS=0) the suites are validated in the run's own process,
which imports GX once and keeps it. That pays only where one process executes many runs in
process, as the test suite does (tests/conftest.py); `make build` and the daemon's runs use
one process per run, where the pool's head start is worth more.
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


WORKERS_VARIABLE = "SJUHARAD_GX_WORKERS"


def workers_from_environment() -> int:
    """The pool's size: SJUHARAD_GX_WORKERS, or 2."""
    value = os.environ.get(WORKERS_VARIABLE, "").strip() or "2"
    if not value.isdigit():
        raise ValueError(
            f"{WORKERS_VARIABLE}: expected a whole number of worker processes (0 or more); found {value!r}"
        )
    return int(value)


class ExpectationValidator(dg.ConfigurableResource):
    """Validates Great Expectations suites in worker processes that import GX ahead of time
    (or, with 0 workers, in the run's own process)."""

    workers: int = 2

    _pool: Pool | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        if self.workers == 0:
            return
        self._pool = multiprocessing.get_context("spawn").Pool(
            self.workers, initializer=_start_worker, initargs=(os.getpid(),)
        )

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def submit(self, suites: list[Suite], database: Path) -> "ValidationRequest":
        """Start validating; the suites are shared among the workers."""
        if self.workers == 0:
            return ValidationRequest(suites, [_Validated(_validate(suites, str(database)))])
        if self._pool is None:
            raise RuntimeError("ExpectationValidator is used outside a run; Dagster sets it up when a run starts")
        parts = [suites[i :: self.workers] for i in range(self.workers)]
        return ValidationRequest(
            suites, [self._pool.apply_async(_validate, (part, str(database))) for part in parts if part]
        )


class _Validated:
    """Outcomes validated already, read like a pool's result."""

    def __init__(self, outcomes: list[CheckOutcome]) -> None:
        self._outcomes = outcomes

    def get(self) -> list[CheckOutcome]:
        return self._outcomes


class ValidationRequest:
    def __init__(self, suites: list[Suite], results: list[AsyncResult | _Validated]) -> None:
        self._suites = suites
        self._results = results

    def outcomes(self) -> list[CheckOutcome]:
        """Every suite's outcome, in the order the suites were given."""
        by_name = {outcome.check_name: outcome for result in self._results for outcome in result.get()}
        return [by_name[suite.check_name] for suite in self._suites]
