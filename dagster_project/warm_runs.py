"""Runs the daemon launches, forked from a process that has imported everything already.

Dagster's default launcher starts every run as a new Python process (through the code
server) that imports Dagster, dagster-dbt and the definitions before the run does
anything, about 5 s; the run's dbt step then waits for dbt to import itself, about 3 s
more, and its checks for Great Expectations to import itself. WarmRunLauncher keeps one
process ready that has done those imports (the warm process, `python -m
dagster_project.warm_runs`), with a dbt worker (dbt_worker.py) and a Great Expectations
worker (quality/expectation_worker.py) waiting beside it. For a run it forks: the child
executes the run as `dagster api execute_run` does and hands its dbt command and its
suites to those workers, and the warm process starts the next two.

The daemon starts the warm process when it starts (SjuharadInstance). A change to the
project's Python code or dbt manifest replaces it before the next run, and a run it cannot
take is launched the default way, with an engine event saying why.
"""

import hashlib
import json
import os
import select
import signal
import subprocess
import sys
import threading
import traceback
from pathlib import Path

from dagster._core.launcher import DefaultRunLauncher, LaunchRunContext
from dagster._grpc.types import ExecuteRunArgs
from dagster._serdes import serialize_value

from dagster_project import paths

READY = "ready"
LOG_PREFIX = "Sjuhärad warm run process"
PID_TAG = "sjuharad/warm_process_pid"
READY_TIMEOUT_SECONDS = 120
FORK_TIMEOUT_SECONDS = 30
PROJECT = Path(__file__).resolve().parent


class WarmProcessUnavailable(Exception):
    pass


# Written anew by every `dbt parse`, also when nothing changed (`dagster dev` parses when it starts).
VOLATILE_MANIFEST_KEYS = frozenset({"metadata", "created_at", "generated_at", "invocation_id"})


def code_fingerprint() -> tuple:
    """What the warm process has loaded: the project's modules (by modification time) and the dbt manifest (by content)."""
    modules = sorted((str(path), path.stat().st_mtime_ns) for path in PROJECT.rglob("*.py"))
    manifest = paths.dbt_project_dir() / "target" / "manifest.json"
    content = _without_volatile(json.loads(manifest.read_bytes())) if manifest.exists() else None
    return (*modules, hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest())


def _without_volatile(value):
    if isinstance(value, dict):
        return {key: _without_volatile(item) for key, item in value.items() if key not in VOLATILE_MANIFEST_KEYS}
    if isinstance(value, list):
        return [_without_volatile(item) for item in value]
    return value


def is_daemon_process() -> bool:
    """`dagster-daemon run`, or `python -m dagster._daemon run` as `dagster dev` starts it."""
    program = Path(sys.argv[0]) if sys.argv and sys.argv[0] else Path()
    return program.name == "dagster-daemon" or program.parts[-2:] == ("_daemon", "__main__.py")


class WarmProcess:
    """The daemon's side: the warm process, its fingerprint, and one request per run."""

    def __init__(self) -> None:
        self.fingerprint = code_fingerprint()
        self._process = subprocess.Popen(
            [sys.executable, "-m", __name__], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        self._ready = False

    @property
    def pid(self) -> int:
        return self._process.pid

    def usable(self) -> bool:
        return self._process.poll() is None and self.fingerprint == code_fingerprint()

    def fork_run(self, execute_run_args: str) -> int:
        """Hand the run to the warm process; the pid of the process that executes it."""
        if not self._ready:
            if self._answer(READY_TIMEOUT_SECONDS) != READY:
                raise WarmProcessUnavailable("the warm process did not get ready")
            self._ready = True
        try:
            self._process.stdin.write(execute_run_args + "\n")
            self._process.stdin.flush()
        except OSError as error:
            raise WarmProcessUnavailable(f"the warm process is gone ({error})") from None
        answer = self._answer(FORK_TIMEOUT_SECONDS)
        if not answer.isdigit():
            raise WarmProcessUnavailable(f"the warm process answered {answer!r} instead of a pid")
        return int(answer)

    def _answer(self, timeout: float) -> str:
        readable, _, _ = select.select([self._process.stdout], [], [], timeout)
        return self._process.stdout.readline().strip() if readable else ""

    def stop(self) -> None:
        """The warm process ends when its input ends; runs it forked go on."""
        if self._process.poll() is None:
            self._process.stdin.close()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()


_lock = threading.Lock()
_current: list[WarmProcess] = []


def warm_process() -> WarmProcess:
    """This process's warm process, started (again) when there is none or its code has changed."""
    with _lock:
        return _usable_warm_process()


def _usable_warm_process() -> WarmProcess:
    if _current and not _current[0].usable():
        _current.pop().stop()
    if not _current:
        _current.append(WarmProcess())
    return _current[0]


def fork_run(execute_run_args: str) -> int:
    """One run at a time through the pipe; a warm process that fails a run is replaced for the next."""
    with _lock:
        warm = _usable_warm_process()
        try:
            return warm.fork_run(execute_run_args)
        except (WarmProcessUnavailable, OSError):
            _current.remove(warm)
            warm.stop()
            raise


def stop() -> None:
    with _lock:
        while _current:
            _current.pop().stop()


class WarmRunLauncher(DefaultRunLauncher):
    """DefaultRunLauncher, except that a run is forked from the warm process when it can be."""

    def launch_run(self, context: LaunchRunContext) -> None:
        run = context.dagster_run
        if run.job_code_origin is None:
            return super().launch_run(context)
        args = ExecuteRunArgs(job_origin=run.job_code_origin, run_id=run.run_id,
                              instance_ref=self._instance.get_ref(), set_exit_code_on_failure=True)
        try:
            pid = fork_run(serialize_value(args))
        except (WarmProcessUnavailable, OSError) as error:
            self._instance.report_engine_event(f"Launched the default way: {error}.", run)
            return super().launch_run(context)
        self._instance.add_run_tags(run.run_id, {PID_TAG: str(pid)})

    def terminate(self, run_id: str) -> bool:
        run = self._instance.get_run_by_id(run_id)
        if run is None or PID_TAG not in run.tags:
            return super().terminate(run_id)
        if run.is_finished:
            return False
        self._instance.report_run_canceling(run)
        try:
            os.kill(int(run.tags[PID_TAG]), signal.SIGINT)
        except ProcessLookupError:
            return False
        return True


def _execute(request: str) -> None:
    """In the forked child: execute the run like `dagster api execute_run`, then exit."""
    code = 1
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.close(devnull)
        from dagster._cli.api import execute_run_command

        execute_run_command.callback(input_json=request, compressed_input_json=None)  # the click command's body
        code = 0
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else 1
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _reap(_signum, _frame) -> None:
    try:
        while os.waitpid(-1, os.WNOHANG)[0] > 0:
            pass
    except ChildProcessError:
        pass


def serve() -> None:
    """The warm process: import, start a dbt worker, then fork a run for every request line."""
    # Ctrl-C in the terminal stops the daemon, and this process ends with it (its input ends);
    # runs forked from it handle SIGINT again, as Dagster's runs do.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    answers = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)  # whatever a run or a worker prints goes to stderr, never into the answers
    # Reap finished runs and workers. A handler, not SIG_IGN: an ignored SIGCHLD would be inherited
    # by the workers' programs, and a worker that waits for its own child would get ECHILD.
    signal.signal(signal.SIGCHLD, _reap)
    from dagster._cli.api import execute_run_command  # noqa: F401

    from dagster_project import dbt_worker
    from dagster_project.definitions import defs
    from dagster_project.instance_storage import store_events_in_batches
    from dagster_project.quality import expectation_worker

    store_events_in_batches()
    defs.get_repository_def().get_all_jobs()  # cached on defs, which the runs' origin loads again
    workers = (dbt_worker, expectation_worker)
    for worker in workers:
        worker.start()
    print(READY, file=answers, flush=True)
    print(f"{LOG_PREFIX} {os.getpid()} is ready for runs", file=sys.stderr, flush=True)
    while request := sys.stdin.readline():
        pid = os.fork()
        if pid == 0:
            answers.close()
            _execute(request.strip())
        print(pid, file=answers, flush=True)
        for worker in workers:
            worker.hand_over()
            worker.start()


if __name__ == "__main__":
    serve()
