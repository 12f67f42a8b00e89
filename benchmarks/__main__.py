"""`python -m benchmarks [--quick]`: the benchmarks, written to docs/benchmarks.md.

--quick runs every scenario once (for trying the harness).
"""

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

from benchmarks import floor, machine, report
from benchmarks.breakdown import dbt_execution_seconds, run_breakdown
from benchmarks.daemon import drop_to_publish
from benchmarks.measure import PYTHON, Series, environment, run
from benchmarks.workspaces import (
    PRODUCTION_INSTANCE,
    SYNTHETIC_2013,
    Workspace,
    production_instance_on_sqlite,
    real_2012,
    synthetic_years,
    with_instance,
)

BUILD = [PYTHON, "-m", "benchmarks.build_process"]
LARGEST_YEARS = range(1101, 2101)


def _say(message: str) -> None:
    print(message, flush=True)


_compiled_models: list = []


def _models(workspace: Workspace) -> list:
    if not _compiled_models:
        _compiled_models.extend(floor.compiled_models(workspace.env(), workspace.build_file))
    return _compiled_models


def full_builds(name: str, workspace: Workspace, runs: int) -> dict:
    """A build from raw to published, `runs` times from scratch (after one warm-up when runs > 2)."""
    times, peaks, servers, loads, parts, floors = Series(), [], [], [], [], []
    warm_up = runs > 2
    for number in range(runs + (1 if warm_up else 0)):
        workspace.reset_warehouse()
        measured = run(BUILD, workspace.env(), others=(workspace.postgres.pid(),) if workspace.postgres else ())
        if measured.returncode != 0:
            raise RuntimeError(f"{name}: the build failed\n{measured.output[-3000:]}")
        if warm_up and number == 0:
            _say(f"  {name}: warm-up {measured.seconds:.1f} s")
            continue
        times.runs.append(measured.seconds)
        peaks.append(measured.peak_rss_mb)
        servers.append(measured.others_peak_mb)
        loads.append(machine.load_now())
        part = run_breakdown(workspace.home)
        part["dbt node execution (run_results elapsed)"] = dbt_execution_seconds(workspace.dbt_target)
        part["process total"] = measured.seconds
        parts.append(part)
        floors.append(floor.run_floor(workspace.build_file, _models(workspace)))
        _say(f"  {name}: {measured.seconds:.1f} s, peak {measured.peak_rss_mb:.0f} MB, load {machine.load_now()}")
    return {
        "times": times,
        "peak_rss_mb": max(peaks),
        "server_peak_mb": max(servers),
        "loads": loads,
        "parts": parts[-1],
        "floor": min(floors),
    }


def storage_comparison(workspace: Workspace, runs: int) -> dict:
    """The same build with deploy/dagster.yaml on Dagster's SQLite storage and on PostgreSQL (a throwaway server)."""
    from tests.support.postgres_server import throwaway_postgres

    results = {
        "SQLite": full_builds(
            "SQLite storage", with_instance(workspace, production_instance_on_sqlite(workspace.root)), runs
        )
    }
    # The server's variables in this process too: the breakdown opens the instance the build used.
    with throwaway_postgres() as server, mock.patch.dict(os.environ, server.environment()):
        results["PostgreSQL"] = full_builds(
            "PostgreSQL storage", with_instance(workspace, PRODUCTION_INSTANCE, server), runs
        )
    return results


def new_report(workspace: Workspace, runs: int) -> tuple[Series, dict]:
    """report_pipeline for the synthetic 2013 report on a warehouse published from 2012."""
    times = Series()
    target = workspace.raw / SYNTHETIC_2013.name
    for _ in range(runs):
        shutil.rmtree(target, ignore_errors=True)
        workspace.restore_published()
        shutil.copytree(SYNTHETIC_2013, target)
        measured = run([PYTHON, "-m", "benchmarks.event_path", SYNTHETIC_2013.name], workspace.env())
        if measured.returncode != 0:
            raise RuntimeError(f"the new report's run failed\n{measured.output[-3000:]}")
        times.runs.append(measured.seconds)
        parts = run_breakdown(workspace.home) | {"process total": measured.seconds}
        _say(f"  new report: {measured.seconds:.1f} s")
    shutil.rmtree(target, ignore_errors=True)
    return times, parts


def daemon_latency(workspace: Workspace, runs: int) -> tuple[Series, dict]:
    """Drop to publish, each with a daemon of its own started on the published 2012 warehouse."""
    times, parts = Series(), {}
    for _ in range(runs):
        shutil.rmtree(workspace.raw / SYNTHETIC_2013.name, ignore_errors=True)
        workspace.restore_published()
        seconds, parts = drop_to_publish(workspace)
        times.runs.append(seconds)
        _say(f"  drop to publish: {seconds:.1f} s")
    shutil.rmtree(workspace.raw / SYNTHETIC_2013.name, ignore_errors=True)
    return times, parts


def bookkeeping(workspace: Workspace, runs: int) -> dict:
    """The 2012 build in one process on Dagster's stock SQLite storage and on an in-memory instance,
    from the warehouse and Dagster home the 2012 builds left (the dropped report's run undone)."""
    workspace.restore_published()
    measured = run([PYTHON, "-m", "benchmarks.bookkeeping", str(runs)], workspace.env())
    result = json.loads(measured.output.strip().splitlines()[-1]) if measured.output.strip() else {}
    if measured.returncode != 0 or "error" in result:
        raise RuntimeError(f"the storage comparison failed\n{measured.output[-3000:]}")
    for storage, times in result.items():
        _say(f"  {storage}: {min(times['wall']):.1f} to {max(times['wall']):.1f} s")
    return {storage: {kind: Series(values) for kind, values in times.items()} for storage, times in result.items()}


def app_pages(workspace: Workspace, runs: int) -> dict:
    measured = run(
        [PYTHON, "-m", "benchmarks.app_pages", str(runs)], environment(SJUHARAD_WAREHOUSE=str(workspace.warehouse))
    )
    if measured.returncode != 0:
        raise RuntimeError(f"app pages failed\n{measured.output[-3000:]}")
    return json.loads(measured.output.strip().splitlines()[-1])


def drafting(runs: int) -> dict:
    measured = run([PYTHON, "-m", "benchmarks.drafting", str(runs)], environment())
    if measured.returncode != 0:
        raise RuntimeError(f"the drafting benchmark failed\n{measured.output[-3000:]}")
    return json.loads(measured.output.strip().splitlines()[-1])


def storage_only(root: Path) -> dict:
    """`--only storage`: the 1 000 × 290 build on both storages, written into its section of docs/benchmarks.md."""
    _say("Full build, 1 000 × 290 report-years × municipalities, SQLite and PostgreSQL storage ...")
    workspace = synthetic_years(root / "1000x290", LARGEST_YEARS, 290)
    return {"storage 1 000 × 290": storage_comparison(workspace, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="one run each")
    parser.add_argument(
        "--only",
        choices=["storage", "drafting", "targets"],
        help="only the PostgreSQL storage comparison, only drafting a report from its PDF, or only the 2012 build "
        "and a dropped report against their speed targets (its section only)",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    results: dict = {"machine": machine.describe(), "quick": args.quick}
    with tempfile.TemporaryDirectory(prefix="sjuharad_bench_") as folder:
        root = Path(folder)
        if args.only == "drafting":
            results["drafting"] = drafting(1 if args.quick else 3)
            report.write_drafting_section(results)
            _say(f"Wrote the drafting section of {report.OUTPUT} in {(time.perf_counter() - started) / 60:.1f} min.")
            return 0
        if args.only == "targets":
            base = real_2012(root / "real_2012")
            _say("Full build, the 2012 report ...")
            results["build_2012"] = full_builds("2012", base, 1 if args.quick else 3)
            base.keep_published()
            _say("Drop to publish with the daemon running ...")
            results["daemon"], results["daemon_parts"] = daemon_latency(base, 1 if args.quick else 3)
            _say("The 2012 build on Dagster's SQLite storage and in memory ...")
            results["bookkeeping"] = bookkeeping(base, 1 if args.quick else 3)
            report.write_speed_section(results)
            _say(
                f"Wrote the speed targets' section of {report.OUTPUT} in {(time.perf_counter() - started) / 60:.1f} min."
            )
            return 0
        if args.only == "storage":
            results |= storage_only(root)
            report.write_storage_section(results)
            _say(f"Wrote the storage section of {report.OUTPUT} in {(time.perf_counter() - started) / 60:.1f} min.")
            return 0
        _say("Drafting a report from its PDF ...")
        results["drafting"] = drafting(1 if args.quick else 3)
        base = real_2012(root / "real_2012")
        _say("Full build, the 2012 report ...")
        results["build_2012"] = full_builds("2012", base, 1 if args.quick else 3)
        base.keep_published()
        _say("App pages at 2012 ...")
        results["app_2012"] = app_pages(base, 1 if args.quick else 3)
        _say("One new report on the 2012 warehouse (sensor-requested run) ...")
        results["new_report"], results["new_report_parts"] = new_report(base, 1 if args.quick else 2)
        _say("Drop to publish with the daemon running ...")
        results["daemon"], results["daemon_parts"] = daemon_latency(base, 1 if args.quick else 3)
        _say("The 2012 build on Dagster's SQLite storage and in memory ...")
        results["bookkeeping"] = bookkeeping(base, 1 if args.quick else 3)
        for name, years, runs in [
            ("50 × 290", range(2001, 2051), 1 if args.quick else 2),
            ("1 000 × 290", LARGEST_YEARS, 1),
        ]:
            _say(f"Full build, {name} report-years × municipalities ...")
            workspace = synthetic_years(root / name.replace(" ", ""), years, 290)
            results[f"build {name}"] = full_builds(name, workspace, runs)
            _say(f"App pages at {name} ...")
            results[f"app {name}"] = app_pages(workspace, 1 if args.quick else 3)
            if years == LARGEST_YEARS:
                _say(f"Full build, {name}, SQLite and PostgreSQL storage ...")
                results[f"storage {name}"] = storage_comparison(workspace, 1)
            shutil.rmtree(workspace.root)
        results["total_seconds"] = time.perf_counter() - started
    report.write(results)
    _say(f"Wrote {report.OUTPUT} in {results['total_seconds'] / 60:.1f} min.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
