"""Readers of the published warehouse while it is published again and again.

Reader processes read the way the app does (read-only, one short-lived connection per
batch, a query across the marts) while the test publishes a prepared build file
PUBLISHES times with publishing.publish. Each publish is made distinguishable by a counter
in the build file and in the publication record; every read must succeed and see a
version whose record, counter and marts belong together.
"""

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dagster_project.duckdb_connection import connect
from dagster_project.publishing.publish import publish, read_publication, record_checked
from tests.support.project import REPO

PUBLISHES = 10
READERS = 2  # one per core: each reads without pause

READER = """
import json, sys
from pathlib import Path
from dagster_project.duckdb_connection import connect

published, stop, output = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
with output.open("w") as out:
    while not stop.exists():
        try:
            con = connect(published, read_only=True)
            try:
                record = json.loads(con.execute("select record from meta.publication").fetchone()[0])
                counter = con.execute("select counter from meta.refresh_counter").fetchone()[0]
                fees, municipalities = con.execute(
                    "select sum(f.amount_tkr), count(distinct m.municipality_code) from marts.fct_fees f "
                    "join marts.dim_municipality m using (municipality_code)"
                ).fetchone()
            finally:
                con.close()
            line = {"version_id": record["version_id"], "record_counter": record["counter"], "counter": counter,
                    "errors": record["checks"]["errors"], "fees": fees, "municipalities": municipalities}
        except Exception as error:
            line = {"error": f"{type(error).__name__}: {error}"}
        out.write(json.dumps(line) + "\\n")
        out.flush()
"""


def set_counter(build: Path, counter: int) -> None:
    con = connect(build)
    try:
        con.execute("create schema if not exists meta")
        con.execute("create or replace table meta.refresh_counter as select ?::integer as counter", [counter])
    finally:
        con.close()


def marts_figures(database: Path) -> list:
    con = connect(database, read_only=True)
    try:
        return list(
            con.execute(
                "select sum(f.amount_tkr), count(distinct m.municipality_code) from marts.fct_fees f "
                "join marts.dim_municipality m using (municipality_code)"
            ).fetchone()
        )
    finally:
        con.close()


def reads(output: Path) -> list[dict]:
    if not output.exists():
        return []
    return [json.loads(line) for line in output.read_text().splitlines() if line.endswith("}")]


def wait_for(condition, what: str, limit_seconds: float = 300) -> None:
    deadline = time.monotonic() + limit_seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.05)


def test_readers_see_only_complete_checked_versions_during_publishes(tmp_path, published_2012):
    checks = read_publication(published_2012)["checks"]
    build = tmp_path / "build" / "sjuharad.build.duckdb"
    build.parent.mkdir()
    build.write_bytes((published_2012.parent / "build" / "sjuharad.build.duckdb").read_bytes())
    published, versions = tmp_path / "sjuharad.duckdb", tmp_path / "versions"
    expected_marts = marts_figures(build)
    set_counter(build, 0)
    record_checked(build, "run-0")
    publish(build, published, versions, {"run_id": "run-0", "counter": 0, "checks": checks})

    stop = tmp_path / "stop"
    outputs = [tmp_path / f"reader-{number}.jsonl" for number in range(READERS)]
    readers = [
        subprocess.Popen([sys.executable, "-c", READER, str(published), str(stop), str(output)], cwd=REPO)
        for output in outputs
    ]
    try:
        wait_for(lambda: all(reads(output) for output in outputs), "every reader's first read")
        published_versions = {}
        for counter in range(1, PUBLISHES + 1):
            set_counter(build, counter)
            record_checked(build, f"run-{counter}")
            publication = publish(
                build, published, versions, {"run_id": f"run-{counter}", "counter": counter, "checks": checks}
            )
            published_versions[publication.version_id] = counter
        last_read_count = [len(reads(output)) for output in outputs]
        wait_for(
            lambda: all(len(reads(output)) > count for output, count in zip(outputs, last_read_count)),
            "a read of the last version by every reader",
        )
    finally:
        stop.touch()
        for reader in readers:
            reader.wait(timeout=120)

    all_reads = [read for output in outputs for read in reads(output)]
    errors = [read["error"] for read in all_reads if "error" in read]
    assert errors == []
    assert all(reader.returncode == 0 for reader in readers)
    for read in all_reads:
        assert read["counter"] == read["record_counter"], "the record and the data are of the same version"
        assert published_versions.get(read["version_id"], 0) == read["counter"]
        assert [read["fees"], read["municipalities"]] == expected_marts, "the marts are complete"
        assert read["errors"] == 0, "only checked versions are published"
    seen = {read["version_id"] for read in all_reads}
    assert len(seen) > 1, "the readers read across the publishes"
    assert max(read["counter"] for read in all_reads) == PUBLISHES
    assert not list(tmp_path.glob(".*.tmp*")), "no prepared copy is left behind"
    print(f"{len(all_reads)} reads by {READERS} readers during {PUBLISHES} publishes; {len(seen)} versions seen")
