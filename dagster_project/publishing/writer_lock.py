"""One writer of the warehouse at a time: an OS file lock beside the build file.

Every writer holds it for as long as it writes: `make build` (over all its runs), every
Dagster run that writes the build file or publishes (the `writer_lock` resource), and
`make rollback`. The lock is the kernel's (flock), so a writer that dies releases it. The
file names the holder, so that a second writer can say who it waits for.

Within one process the lock is re-entrant: `make build` holds it and runs its Dagster runs
in the same process.
"""

import fcntl
import getpass
import json
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

BUSY = "en annan körning bygger lagret just nu"
LOCK_NAME = ".writer.lock"

held_here: dict[Path, int] = {}


class WarehouseBusy(RuntimeError):
    """Another writer holds the warehouse; the message says who."""


def lock_path(build: Path) -> Path:
    return build.parent / LOCK_NAME


def describe_holder(path: Path) -> str:
    try:
        holder = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        holder = {}
    if not holder:
        return "okänd innehavare"
    return (
        f"{holder.get('what', '?')}, process {holder.get('pid', '?')} på {holder.get('host', '?')} "
        f"(användare {holder.get('user', '?')}), sedan {holder.get('since', '?')}"
    )


def _holder(what: str) -> str:
    return json.dumps(
        {
            "what": what,
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "user": getpass.getuser(),
            "since": datetime.now(UTC).isoformat(timespec="seconds"),
        },
        ensure_ascii=False,
    )


def _try_lock(descriptor: int) -> bool:
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


@contextmanager
def writer_lock(build: Path, what: str, wait_seconds: float = 0.0, on_wait=None) -> Iterator[None]:
    """Hold the warehouse's writer lock. Waits up to `wait_seconds` (0: stops at once), calling
    `on_wait(holder)` once when it has to wait; then raises WarehouseBusy naming the holder."""
    path = lock_path(build)
    if held_here.get(path):
        held_here[path] += 1
        try:
            yield
        finally:
            held_here[path] -= 1
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait_seconds
        told = False
        while not _try_lock(descriptor):
            if time.monotonic() >= deadline:
                raise WarehouseBusy(f"{BUSY}: {describe_holder(path)}")
            if on_wait is not None and not told:
                on_wait(describe_holder(path))
                told = True
            time.sleep(0.5)
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, _holder(what).encode(), 0)
        held_here[path] = 1
        try:
            yield
        finally:
            del held_here[path]
            os.ftruncate(descriptor, 0)
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)
