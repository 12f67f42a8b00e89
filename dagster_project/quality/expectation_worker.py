"""Great Expectations in a process of its own, started ahead of time.

Importing GX costs several seconds of CPU. A run starts this worker when dbt starts
(defs/dbt/assets.py; `make build` already when it starts the run), so that the import runs
on the other core while dbt works; the
quality gate then hands the worker the suites and the build file and runs the
reconciliations itself meanwhile. The protocol is one pickle each way over the worker's
stdin and stdout: the request (suites, database path), then ("ok", outcomes) or
("error", traceback text). A worker whose parent goes away reads the end of its stdin
and exits.
"""

import os
import pickle
import signal
import subprocess
import sys
import traceback
from pathlib import Path

from dagster_project.quality.results import CheckOutcome
from dagster_project.quality.suites import Suite


class ExpectationWorker:
    def __init__(self) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-m", __name__], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            env={**os.environ, "GX_ANALYTICS_ENABLED": "false"},
        )
        self._parent = os.getpid()

    def submit(self, suites: list[Suite], database: Path) -> None:
        pickle.dump((list(suites), str(database)), self._process.stdin)
        self._process.stdin.close()

    def outcomes(self) -> list[CheckOutcome]:
        answer = self._process.stdout.read()
        code = self._process.wait()
        if code != 0 or not answer:
            raise RuntimeError(f"the Great Expectations worker ended with exit code {code}; its errors are in the run's log")
        status, payload = pickle.loads(answer)
        if status != "ok":
            raise RuntimeError(f"the Great Expectations worker failed:\n{payload}")
        return payload

    def waiting(self) -> bool:
        """Alive and not yet given its suites."""
        return self._running() and not self._process.stdin.closed

    def _running(self) -> bool:
        if os.getpid() == self._parent:
            return self._process.poll() is None
        # A run forked from the warm process (warm_runs.py) is not the worker's parent; poll() cannot tell.
        try:
            os.kill(self._process.pid, 0)
        except ProcessLookupError:
            return False
        return True

    def release(self) -> None:
        """Forget the worker without stopping it: a forked child has it (warm_runs.py)."""
        self._process.stdin.close()
        self._process.stdout.close()
        self._process.returncode = 0

    def stop(self) -> None:
        if self._running():
            self._process.kill()
            self._process.wait()


_started: list[ExpectationWorker] = []


def start() -> None:
    """Start a worker for the checks of this run, unless one is starting already."""
    if _started and _started[-1].waiting():
        return
    while _started:
        _started.pop().stop()
    _started.append(ExpectationWorker())


def hand_over() -> None:
    """After a fork (warm_runs.py): the child has this process's worker; this process lets go of it."""
    while _started:
        _started.pop().release()


def take() -> ExpectationWorker:
    """The worker start() made, or a new one."""
    return _started.pop() if _started else ExpectationWorker()


def main() -> int:
    # Results go to the real stdout; anything GX prints goes to stderr instead.
    results = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    # Ctrl-C in the terminal is for the run; the run stops this worker (stop()), or it ends with its parent.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The import can wait for idle CPU (it has until dbt is done); Dagster's start-up and
    # dbt are what the run waits for.
    os.nice(10)
    from dagster_project.quality import great_expectations_runner

    great_expectations_runner.prepare()
    request = sys.stdin.buffer.read()
    if not request:
        return 0
    suites, database = pickle.loads(request)
    try:
        answer = ("ok", _run_on_both_cores(suites, database))
    except Exception:
        answer = ("error", traceback.format_exc())
    pickle.dump(answer, results)
    results.close()
    return 0


def _run_on_both_cores(suites: list[Suite], database: str) -> list[CheckOutcome]:
    """The suites' outcomes in order, half of them validated by a fork of this worker.

    By now dbt is done and both cores are free. The worker is single-threaded and holds no
    database connection, so the fork starts from GX as it was set up.
    """
    from dagster_project.quality.great_expectations_runner import run_suites

    mine, theirs = suites[::2], suites[1::2]
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(read_end)
        try:
            answer = ("ok", list(run_suites(theirs, database)))
        except Exception:
            answer = ("error", traceback.format_exc())
        with os.fdopen(write_end, "wb") as out:
            pickle.dump(answer, out)
        os._exit(0)
    os.close(write_end)
    outcomes = list(run_suites(mine, database))
    with os.fdopen(read_end, "rb") as answers:
        status, payload = pickle.load(answers)
    os.waitpid(child, 0)
    if status != "ok":
        raise RuntimeError(payload)
    by_name = {outcome.check_name: outcome for outcome in [*outcomes, *payload]}
    return [by_name[suite.check_name] for suite in suites]


if __name__ == "__main__":
    sys.exit(main())
