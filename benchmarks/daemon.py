"""From dropping a report folder to its publication, with the Dagster daemon running.

Starts `dagster-daemon run` (sensor, run queue and run launcher; it starts the code
location from a workspace file) on a copy of a published 2012 warehouse, drops the
synthetic 2013 report into raw/ by renaming a complete folder, and polls the published
meta.publication until the report's fingerprint is there.
"""

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

from benchmarks.measure import PYTHON, REPO
from benchmarks.workspaces import SYNTHETIC_2013, Workspace

READY_TIMEOUT = 120
PUBLISH_TIMEOUT = 300


def _published_reports(warehouse: Path) -> set[str]:
    from dagster_project.publishing import read_publication

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


def _wait_for_first_evaluation(log: Path, started: float) -> None:
    while time.perf_counter() - started < READY_TIMEOUT:
        if "raw_folder_sensor" in log.read_text(errors="replace"):
            return
        time.sleep(0.5)
    raise TimeoutError("the daemon did not evaluate the sensor")


def drop_to_publish(workspace: Workspace) -> tuple[float, str]:
    """Seconds from the rename into raw/ to the publication naming the report; and the daemon's log."""
    log = workspace.root / "daemon.log"
    daemon_bin = str(Path(PYTHON).parent / "dagster-daemon")
    with open(log, "w") as output:
        daemon = subprocess.Popen(
            [daemon_bin, "run", "-w", str(_write_workspace(workspace))], cwd=REPO, env=workspace.env(),
            stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        _wait_for_first_evaluation(log, time.perf_counter())
        staging = workspace.root / f".{SYNTHETIC_2013.name}"
        shutil.copytree(SYNTHETIC_2013, staging)
        dropped = time.perf_counter()
        staging.rename(workspace.raw / SYNTHETIC_2013.name)
        while time.perf_counter() - dropped < PUBLISH_TIMEOUT:
            if SYNTHETIC_2013.name in _published_reports(workspace.warehouse):
                return time.perf_counter() - dropped, log.read_text(errors="replace")
            time.sleep(0.5)
        raise TimeoutError(f"not published within {PUBLISH_TIMEOUT} s; see {log}")
    finally:
        daemon.send_signal(signal.SIGINT)
        try:
            daemon.wait(30)
        except subprocess.TimeoutExpired:
            daemon.kill()
        try:
            os.killpg(daemon.pid, signal.SIGTERM)  # the code server and run processes it started
        except ProcessLookupError:
            pass
