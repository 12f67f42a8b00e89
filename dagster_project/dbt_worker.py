"""dbt started ahead of its step: imported while Dagster loads, then given the step's command.

Before dbt does anything it spends about 3 s importing itself and its DuckDB adapter.
`make build` starts this worker first thing, so that the import runs on the other core
while Dagster loads the definitions and ingests the reports; the daemon's warm process
(warm_runs.py) keeps one waiting for the next run it forks. dagster-dbt starts
`sjuharad-dbt` (client_main below) as its dbt executable; that client hands its
arguments, environment and working folder to the worker over a Unix socket and relays
dbt's output and exit status, so dagster-dbt sees what it would see from dbt itself.
Without a worker (most tests) the client becomes dbt: it replaces itself with this
environment's `dbt`.

A worker serves one command and exits. It exits, too, when the process that started it
ends before the command comes, and it stops dbt when its client goes away.
"""

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

SOCKET_VARIABLE = "SJUHARAD_DBT_WORKER"


def _real_dbt() -> str:
    return str(Path(sys.executable).parent / "dbt")


class DbtWorker:
    def __init__(self) -> None:
        self.folder = tempfile.mkdtemp(prefix="sjuharad-dbt-")
        self.socket_path = os.path.join(self.folder, "worker.sock")
        # The worker reads the end of its stdin when this process goes away.
        self._process = subprocess.Popen([sys.executable, "-m", __name__, self.socket_path], stdin=subprocess.PIPE)

    def listening(self, timeout: float = 10.0) -> bool:
        """Wait until the worker listens (a fraction of a second: it binds before it imports dbt)."""
        deadline = time.monotonic() + timeout
        while not os.path.exists(self.socket_path):
            if self._process.poll() is not None or time.monotonic() > deadline:
                return False
            time.sleep(0.01)
        return True

    def release(self) -> None:
        """Forget the worker without stopping it: a forked child has it (warm_runs.py) and ends it by ending."""
        self._process.stdin.close()
        self._process.returncode = 0

    def stop(self) -> None:
        if self._process.poll() is None:
            self._process.stdin.close()
            try:
                self._process.wait(timeout=600)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


_started: list[DbtWorker] = []


def start() -> None:
    """Start a worker for this process's next dbt command; the command finds it through the environment."""
    if _started:
        return
    worker = DbtWorker()
    _started.append(worker)
    if worker.listening():
        os.environ[SOCKET_VARIABLE] = worker.socket_path


def hand_over() -> None:
    """After a fork (warm_runs.py): the child has this process's worker; this process lets go of it."""
    os.environ.pop(SOCKET_VARIABLE, None)
    while _started:
        _started.pop().release()


def stop() -> None:
    """After the run: a worker that was never used exits; one that is running dbt is waited for."""
    os.environ.pop(SOCKET_VARIABLE, None)
    while _started:
        _started.pop().stop()


def _exit_when_parent_ends(serving: threading.Event) -> None:
    sys.stdin.buffer.read()
    if not serving.is_set():
        os._exit(0)


def _stop_dbt_when_client_ends(conn: socket.socket) -> None:
    while conn.recv(1024):
        pass
    os.kill(os.getpid(), signal.SIGTERM)


def serve(socket_path: str) -> None:
    # Until a command comes, Ctrl-C in the terminal is not for this worker: it ends with its parent.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(socket_path + ".binding")
    server.listen(1)
    os.rename(socket_path + ".binding", socket_path)
    serving = threading.Event()
    threading.Thread(target=_exit_when_parent_ends, args=(serving,), daemon=True).start()
    from dbt.adapters.duckdb import impl  # noqa: F401  the adapter dbt would load for the profile
    from dbt.cli.main import cli

    conn, _ = server.accept()
    signal.signal(signal.SIGINT, signal.default_int_handler)
    serving.set()
    server.close()
    os.unlink(socket_path)
    request = json.loads(conn.makefile("rb").readline())
    conn.sendall(f"{request['marker']} pid {os.getpid()}\n".encode())
    threading.Thread(target=_stop_dbt_when_client_ends, args=(conn,), daemon=True).start()
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    sys.stdout.flush()
    sys.stderr.flush()
    os.dup2(conn.fileno(), 1)
    os.dup2(conn.fileno(), 2)
    sys.stdout.reconfigure(line_buffering=True)
    sys.stderr.reconfigure(line_buffering=True)
    try:
        cli.main(args=request["args"], prog_name="dbt")
        code = 0
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
    sys.stdout.flush()
    sys.stderr.flush()
    os.write(1, f"{request['marker']} exit {code}\n".encode())
    os._exit(0)


def client_main() -> None:
    """`sjuharad-dbt`: dbt through the worker when there is one, else dbt itself."""
    args = sys.argv[1:]
    socket_path = os.environ.get(SOCKET_VARIABLE, "")
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.connect(socket_path)
    except OSError:
        conn.close()
        os.execv(_real_dbt(), [_real_dbt(), *args])
    marker = secrets.token_hex(16)
    env = {name: value for name, value in os.environ.items() if name != SOCKET_VARIABLE}
    conn.sendall(json.dumps({"args": args, "env": env, "cwd": os.getcwd(), "marker": marker}).encode() + b"\n")
    sys.exit(_relay(conn, marker.encode()))


def _relay(conn: socket.socket, marker: bytes) -> int:
    """Copy dbt's output to stdout until the worker has exited; dbt's exit status, or 2 without one.

    The worker holds the build file open until it exits, so the client, like dbt itself,
    ends only after that: the run's next step opens the file.
    """
    worker_pid, code = None, None

    def forward(signum, _frame):
        if worker_pid:
            os.kill(worker_pid, signum)

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    output = sys.stdout.buffer
    with conn.makefile("rb") as stream:
        for line in stream:
            before, found, after = line.partition(marker + b" ")
            if before:
                output.write(before if found else line)
                output.flush()
            if not found:
                continue
            kind, value = after.split()
            if kind == b"pid":
                worker_pid = int(value)
            else:
                code = int(value)
    if code is None:
        print("The dbt worker ended without dbt's exit status.", file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":
    serve(sys.argv[1])
