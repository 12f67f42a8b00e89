"""Command line for the data engineer: `python -m dagster_project.cli build|rollback|versions`.

`build` is what `make build` runs (dagster_project/build.py). Dagster, dbt and Great
Expectations are imported only by the command that needs them, and `build` starts the
dbt worker before it imports anything else, so that dbt's import overlaps Dagster's.
"""

import argparse
import os
import sys

from dagster_project import dbt_worker


def _build() -> int:
    dbt_worker.start()
    try:
        import dagster as dg

        from dagster_project.build import build_all
        from dagster_project.instance_storage import store_events_in_batches

        store_events_in_batches()
        return 0 if build_all(dg.DagsterInstance.get()) else 1
    finally:
        dbt_worker.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dagster_project.cli")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("build", help="ingest raw/, build, check and publish")
    commands.add_parser("versions", help="list the kept published versions")
    undo = commands.add_parser("rollback", help="publish an earlier version again")
    undo.add_argument("version", nargs="?", help="version id (default: the one before the newest)")
    args = parser.parse_args(argv)

    if args.command == "build":
        return _build()

    from dagster_project import paths
    from dagster_project.publishing import list_versions, rollback

    if args.command == "versions":
        for version_id in list_versions(paths.versions_dir()):
            print(version_id)
        return 0
    try:
        version_id = rollback(paths.published_warehouse(), paths.versions_dir(), args.version)
    except ValueError as error:
        print(f"Cannot roll back: {error}")
        return 1
    print(f"Version {version_id} is published again at {paths.published_warehouse()}.")
    return 0


if __name__ == "__main__":
    exit_code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # Everything is written and closed by now; tearing down the interpreter's objects
    # (Dagster's, dbt's) would take another second or more of a build.
    os._exit(exit_code)
