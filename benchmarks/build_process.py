"""`make build` for benchmarks: `python -m dagster_project.cli build` with the check scope widened for synthetic data."""

import sys

from benchmarks.check_scope import widen_for_synthetic_data

if __name__ == "__main__":
    widen_for_synthetic_data()
    from dagster_project.cli import main

    sys.exit(main(["build"]))
