"""Command line for the data engineer: `python -m dagster_project.cli build|rollback|versions`.

`build` is what `make build` runs (dagster_project/build.py). Dagster, dbt and Great
Expectations are imported only by the command that needs them. The Makefile hands every
value a person gives (VERSION, REASON) to these commands as one argument each, never as
shell text.
"""

import argparse
import sys

BUSY_EXIT = 3


def _build() -> int:
    import dagster as dg

    from dagster_project.build import build_all

    with dg.DagsterInstance.get() as instance:
        return 0 if build_all(instance) else 1


def _versions() -> int:
    from dagster_project import paths
    from dagster_project.publishing.publish import read_publication
    from dagster_project.publishing.versions import describe_versions

    live = (read_publication(paths.published_warehouse()) or {}).get("version_id")
    lines = describe_versions(paths.versions_dir(), live)
    print("\n".join(lines) if lines else f"No versions kept in {paths.versions_dir()}.")
    return 0


def _rollback(version: str | None, reason: str | None) -> int:
    from dagster_project import paths
    from dagster_project.publishing.publish import rollback
    from dagster_project.publishing.writer_lock import writer_lock

    with writer_lock(paths.build_warehouse(), "make rollback"):
        try:
            version_id = rollback(paths.published_warehouse(), paths.versions_dir(), version, reason)
        except ValueError as error:
            print(f"Cannot roll back: {error}")
            return 1
    print(f"Version {version_id} is published again at {paths.published_warehouse()}.")
    return 0


def _optional(value: str) -> str | None:
    """An empty value (a Makefile variable left unset) means none."""
    return value or None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dagster_project.cli")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("build", help="ingest raw/, build, check and publish")
    commands.add_parser("versions", help="list the kept published versions, the live one marked")
    undo = commands.add_parser("rollback", help="publish an earlier version again")
    undo.add_argument("version", nargs="?", type=_optional, help="version id (default: the one before the live one)")
    undo.add_argument("--reason", type=_optional, help="why, recorded in the versions' history")
    args = parser.parse_args(argv)

    from dagster_project.publishing.writer_lock import WarehouseBusy

    try:
        if args.command == "build":
            return _build()
        if args.command == "versions":
            return _versions()
        return _rollback(args.version, args.reason)
    except WarehouseBusy as busy:
        print(f"Stoppad: {busy}.", file=sys.stderr)
        return BUSY_EXIT


if __name__ == "__main__":
    sys.exit(main())
