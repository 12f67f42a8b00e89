"""From dropping a report folder to its publication, with the Dagster daemon running.

Starts `dagster-daemon run` (sensor, run queue and run launcher; it starts the code
location from a workspace file) on a copy of a published 2012 warehouse, waits until it
runs (the sensor evaluated and the daemon's processes idle),
drops the synthetic 2013 report into raw/ by renaming a complete folder, and polls the
published meta.publication until the report's fingerprint is there.
"""

import os
import random
import re
import shutil
import signal
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.measure import PYTHON, REPO
from benchmarks.workspaces import SYNTHETIC_2013, Workspace

READY_TIMEOUT = 120
SENSOR_LOOP_SECONDS = 5
SETTLED_CPU_SECONDS = 0.3  # over one second: the daemon between its evaluations
PUBLISH_TIMEOUT = 300


def _published_reports(warehouse: Path) -> set[str]:
    from dagster_project.publishing.publish import read_publication

    try:
        return set((read_publication(warehouse) or {}).get("fingerprints", {}))
    except Exception:  # noqa: BLE001 - a file being swapped in is read again on the next poll
        return set()


def _write_workspace(workspace: Workspace) -> Path:
    path = workspace.home / "workspace.yaml"
    path.write_text(
        "load_from:\n"
        f"  - python_module:\n      module_name: dagster_project.definitions\n      working_directory: {REPO}\n"
        f"      executable_path: {PYTHON}\n"
    )
    return path


def _wait_until_running(log: Path, session: int, started: float) -> None:
    """The sensor evaluated once and the daemon's processes idle."""
    while time.perf_counter() - started < READY_TIMEOUT:
        if "raw_folder_sensor" in log.read_text(errors="replace"):
            break
        time.sleep(0.5)
    else:
        raise TimeoutError("the daemon did not evaluate the sensor")
    previous = _cpu_seconds(session)
    while time.perf_counter() - started < READY_TIMEOUT:
        time.sleep(1)
        now = _cpu_seconds(session)
        if now - previous < SETTLED_CPU_SECONDS:
            return
        previous = now
    raise TimeoutError("the daemon's processes did not settle")


def _log_after_the_run(log: Path, seconds: float = 10) -> str:
    """The daemon's log once the run has logged its end (it publishes a moment before)."""
    deadline = time.perf_counter() + seconds
    while "RUN_SUCCESS" not in (text := log.read_text(errors="replace")) and time.perf_counter() < deadline:
        time.sleep(0.1)
    return text


def _cpu_seconds(session: int) -> float:
    """CPU time used so far by the processes of the daemon's session (the daemon, code server, workers)."""
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[3]) == session:
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def drop_to_publish(workspace: Workspace) -> tuple[float, dict[str, float]]:
    """Seconds from the rename into raw/ to the publication naming the report, and their parts."""
    log = workspace.root / "daemon.log"
    daemon_bin = str(Path(PYTHON).parent / "dagster-daemon")
    with open(log, "w") as output:
        daemon = subprocess.Popen(
            [daemon_bin, "run", "-w", str(_write_workspace(workspace))],
            cwd=REPO,
            env=workspace.env(),
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_until_running(log, daemon.pid, time.perf_counter())
        staging = workspace.root / f".{SYNTHETIC_2013.name}"
        shutil.copytree(SYNTHETIC_2013, staging)
        # A report arrives at any point of the sensor daemon's 5-second loop, not just after an evaluation.
        time.sleep(random.uniform(0, SENSOR_LOOP_SECONDS))
        dropped, dropped_at = time.perf_counter(), time.time()
        staging.rename(workspace.raw / SYNTHETIC_2013.name)
        while time.perf_counter() - dropped < PUBLISH_TIMEOUT:
            if SYNTHETIC_2013.name in _published_reports(workspace.warehouse):
                seconds = time.perf_counter() - dropped
                return seconds, _parts(_log_after_the_run(log), dropped_at, dropped_at + seconds)
            time.sleep(0.1)
        raise TimeoutError(f"not published within {PUBLISH_TIMEOUT} s; see {log}")
    finally:
        daemon.send_signal(signal.SIGINT)
        try:
            daemon.wait(30)
        except subprocess.TimeoutExpired:
            daemon.kill()
        _end_group(daemon.pid)


def _end_group(group: int, timeout: float = 30.0) -> None:
    """End the code server and run processes the daemon started, and wait until they are gone:
    a run still writing its logs into the Dagster home would race the next measurement's copy."""
    try:
        os.killpg(group, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            os.killpg(group, 0)
            time.sleep(0.2)
        os.killpg(group, signal.SIGKILL)
    except ProcessLookupError:
        pass


_LOG_TIME = re.compile(r"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) \+0000")
_MILESTONES = {"run created": "Creating new run for raw_folder_sensor", "run started": "RUN_START"}
_STEP = re.compile(r'Finished execution of step "(\w+)" in ([\d.]+)(ms|s)\.')


def _parts(log: str, dropped_at: float, published_at: float) -> dict[str, float]:
    """From the daemon's log: waiting for the sensor and the launch (to the second), each step (to the ms)."""
    times, steps = {}, {}
    for line in re.sub(r"\x1b\[[0-9;]*m", "", log).splitlines():
        stamp = _LOG_TIME.search(line)
        for name, text in _MILESTONES.items():
            if text in line and stamp and name not in times:
                times[name] = datetime.strptime(stamp.group(1), "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC).timestamp()
        if step := _STEP.search(line):
            steps[f"step {step.group(1)}"] = float(step.group(2)) / (1000 if step.group(3) == "ms" else 1)
    if len(times) < len(_MILESTONES):
        return {}
    return {
        "sensor: drop to run created": times["run created"] - dropped_at,
        "queue and launch: created to started": times["run started"] - times["run created"],
        **steps,
        "run: started to seen published": published_at - times["run started"],
    }
