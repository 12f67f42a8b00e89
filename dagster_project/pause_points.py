"""A test hook: stop a run at a named point, so that a test can kill it exactly there.

With SJUHARAD_PAUSE_AT=<name> in the environment, pause_point(<name>) prints
"paused at <name>" and waits until the process is killed. Without the variable (always,
outside tests/test_reliability_crash.py) it does nothing. The points: "ingest" (the build
file is open for writing, before the report is loaded) and "publish" (the prepared copy is
written, before it is swapped in).
"""

import os
import time

PAUSE_VARIABLE = "SJUHARAD_PAUSE_AT"


def pause_point(name: str) -> None:
    if os.environ.get(PAUSE_VARIABLE) != name:
        return
    print(f"paused at {name}", flush=True)
    while True:
        time.sleep(1)
