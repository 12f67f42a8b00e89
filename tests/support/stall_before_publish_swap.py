"""`python -m dagster_project.cli build`, except that it stalls where publishing would swap
the prepared copy in (os.replace onto the published file), so that a test can kill it exactly
there. Used by tests/test_reliability_crash.py; production code has no hook for this."""

import os
import sys
import time
from pathlib import Path

from dagster_project import cli, paths

STALLED = "stalled before replacing the published file"
_replace = os.replace


def _stalling_replace(source, destination, *args, **kwargs):
    if Path(destination) == paths.published_warehouse():
        print(STALLED, flush=True)
        while True:
            time.sleep(1)
    return _replace(source, destination, *args, **kwargs)


if __name__ == "__main__":
    os.replace = _stalling_replace
    sys.exit(cli.main(["build"]))
