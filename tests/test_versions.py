"""History that keeps its meaning: a new version only when the content changed, versions kept
by count and one per report change, the live one marked, and every rollback recorded."""

import json
from pathlib import Path

from dagster_project import cli
from dagster_project.duckdb_connection import connect
from dagster_project.publishing import versions as versions_module
from dagster_project.publishing.publish import publish, read_publication, record_checked, rollback
from dagster_project.publishing.versions import list_versions, read_history


def build_with(build: Path, fees: list[tuple[int, int]], loaded_at: str = "2026-12-01 10:00:00") -> None:
    """A build file with Borås's förbundsbidrag per year, loaded at `loaded_at`."""
    build.parent.mkdir(parents=True, exist_ok=True)
    con = connect(build)
    try:
        con.execute(
            "create schema if not exists raw; create schema if not exists marts; create schema if not exists audit"
        )
        con.execute("create or replace table raw.reports (report_id varchar, loaded_at timestamp)")
        con.execute("insert into raw.reports values ('arsredovisning-2012', ?)", [loaded_at])
        con.execute("create or replace table marts.fct_fees (year int, municipality_code varchar, amount_tkr double)")
        con.executemany("insert into marts.fct_fees values (?, '1490', ?)", fees)
        con.execute("create or replace table audit.check_results (run_id varchar, passed boolean)")
        con.execute("insert into audit.check_results values (?, true)", [loaded_at])
    finally:
        con.close()


def published_run(build: Path, published: Path, versions: Path, run_id: str, reports: dict[str, str]):
    record_checked(build, run_id)
    return publish(build, published, versions, {"run_id": run_id, "fingerprints": reports})


def test_an_unchanged_build_adds_no_version_and_is_recorded_against_the_live_one(tmp_path):
    build, published, versions = tmp_path / "build" / "b.duckdb", tmp_path / "w.duckdb", tmp_path / "versions"
    build_with(build, [(2011, 7198), (2012, 7249)])
    first = published_run(build, published, versions, "run-1", {"arsredovisning-2012": "a"})
    build_with(build, [(2012, 7249), (2011, 7198)], loaded_at="2026-12-02 09:00:00")
    again = published_run(build, published, versions, "run-2", {"arsredovisning-2012": "a"})
    assert first.new and not again.new
    assert again.version_id == first.version_id and list_versions(versions) == [first.version_id]
    assert [(e["event"], e["version_id"], e["run_id"]) for e in read_history(versions)] == [
        ("published", first.version_id, "run-1"),
        ("checked", first.version_id, "run-2"),
    ]
    con = connect(published, read_only=True)
    try:
        assert con.execute("select run_id from audit.check_results").fetchall() == [("2026-12-02 09:00:00",)], (
            "the live version shows the latest check run"
        )
    finally:
        con.close()
    build_with(build, [(2011, 7198), (2012, 7249), (2013, 7310)])
    assert published_run(build, published, versions, "run-3", {"arsredovisning-2012": "a"}).new


def test_the_version_before_a_report_change_outlives_many_builds(tmp_path, monkeypatch):
    monkeypatch.setattr(versions_module, "KEPT_VERSIONS", 3)
    build, published, versions = tmp_path / "build" / "b.duckdb", tmp_path / "w.duckdb", tmp_path / "versions"
    build_with(build, [(2012, 7249)])
    before_2013 = published_run(build, published, versions, "run-0", {"2012": "a"}).version_id
    after = []
    for number in range(1, 7):  # the marts change (say, a corrected model); the reports do not
        build_with(build, [(2012, 7249), (2013, 7310 + number)])
        after.append(published_run(build, published, versions, f"run-{number}", {"2012": "a", "2013": "b"}).version_id)
    assert list_versions(versions) == [before_2013, *after[-3:]], (
        "the last 3, and the last version before 2013 came (one per report change)"
    )


def test_versions_marks_the_live_one_and_a_rollback_is_recorded(tmp_path, monkeypatch, capsys):
    build, published, versions = tmp_path / "build" / "b.duckdb", tmp_path / "w.duckdb", tmp_path / "versions"
    build_with(build, [(2012, 7249)])
    old = published_run(build, published, versions, "run-1", {"arsredovisning-2012": "a"}).version_id
    build_with(build, [(2012, 7249), (2013, 7310)])
    new = published_run(build, published, versions, "run-2", {"arsredovisning-2013": "b"}).version_id
    assert rollback(published, versions, why="2013 felaktigt inläst") == old
    assert read_publication(published)["version_id"] == old
    [entry] = [e for e in read_history(versions) if e["event"] == "rollback"]
    assert (entry["version_id"], entry["from"], entry["why"]) == (old, new, "2013 felaktigt inläst")
    assert "@" in entry["who"] and entry["at"]

    monkeypatch.setenv("SJUHARAD_WAREHOUSE", str(published))
    assert cli.main(["versions"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"* {old}") and lines[0].endswith("(live)")
    assert lines[1].startswith(f"  {new}") and "(live)" not in lines[1]
    assert any("2013 felaktigt inläst" in line for line in lines)
    assert json.loads((versions / f"{new}.json").read_text())["version_id"] == new
