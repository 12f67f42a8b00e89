"""Diagnostic behind docs/reliability.md: reads of a DuckDB file while new versions are swapped in.

A publisher replaces the file (os.replace, as publishing.py does) with versions of different
layout, every `--interval` seconds, while this process connects read-only and reads, either
with a plain `duckdb.connect` or with the project's `connect` (which retries a connect that
a swap overlapped). Prints reads, swaps and errors per mode.

    python -m benchmarks.swap_race --seconds 180 --interval 0.1
"""

import argparse
import shutil
import tempfile
import threading
import time
from pathlib import Path

import duckdb

from dagster_project.duckdb_connection import connect

_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


def _version(folder: Path, number: int, rows: int) -> Path:
    path = folder / f"version{number}.duckdb"
    con = duckdb.connect(str(path), config=dict(_CONFIG))
    con.execute(f"create table t as select range a, range::varchar b from range({rows})")
    con.execute("checkpoint")
    con.execute("create schema meta")
    con.execute(f"create table meta.publication as select {number} v")
    con.execute("checkpoint")
    con.close()
    return path


def run(mode: str, seconds: float, interval: float) -> str:
    folder = Path(tempfile.mkdtemp(prefix="swap_race_"))
    versions = [_version(folder, 0, 10), _version(folder, 1, 300_000)]
    expected_rows = {0: 10, 1: 300_000}
    published = folder / "published.duckdb"
    shutil.copyfile(versions[0], published)
    stop, swaps = threading.Event(), [0]

    def publisher() -> None:
        while not stop.is_set():
            prepared = folder / ".prepared.tmp"
            shutil.copyfile(versions[swaps[0] % 2], prepared)
            prepared.replace(published)
            swaps[0] += 1
            time.sleep(interval)

    thread = threading.Thread(target=publisher)
    thread.start()
    reads, errors = 0, {}
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            con = (
                connect(published, read_only=True)
                if mode == "project"
                else duckdb.connect(str(published), read_only=True, config=dict(_CONFIG))
            )
            version = con.execute("select v from meta.publication").fetchone()[0]
            rows = con.execute("select count(*) from t").fetchone()[0]
            con.close()
            if rows != expected_rows[version]:
                raise RuntimeError(f"a mixture: the record of version {version} with {rows} rows")
        except (duckdb.Error, RuntimeError) as error:
            key = f"{type(error).__name__}: {str(error)[:60]}"
            errors[key] = errors.get(key, 0) + 1
        reads += 1
    stop.set()
    thread.join()
    shutil.rmtree(folder, ignore_errors=True)
    return f"{mode}: {reads} reads, {swaps[0]} swaps, {sum(errors.values())} errors {errors}"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.swap_race")
    parser.add_argument("--seconds", type=float, default=180)
    parser.add_argument("--interval", type=float, default=0.1)
    args = parser.parse_args()
    for mode in ("plain", "project"):
        print(run(mode, args.seconds, args.interval), flush=True)


if __name__ == "__main__":
    main()
