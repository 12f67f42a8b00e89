"""Command line for the data engineer: `python -m dagster_project.cli build|rollback|versions`.

`build` is what `make build` runs (dagster_project/build.py). Dagster, dbt and Great
Expectations are imported only by the command that needs them.
"""

import argparse
import sys


def _build() -> int:
    import dagster as dg

    from dagster_project.build import build_all

    with dg.DagsterInstance.get() as instance:
        return 0 if build_all(instance) else 1


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
    sys.exit(main())
