"""docs/benchmarks.md from the results of one `python -m benchmarks` run."""

from datetime import datetime, timezone

from benchmarks.measure import REPO

OUTPUT = REPO / "docs" / "benchmarks.md"
TARGETS = {"build_2012": 20.0, "new_report": 15.0, "daemon": 15.0, "page": 0.3, "memory_mb": 2048.0}

NOTES = """
## What remains above target, and why

- **Full build of the 2012 report (target 20 s warm).** The floor, the same SQL in one
  DuckDB connection, takes well under a second: the data is tiny and almost all of the
  time is fixed cost. By the breakdown above: starting Python and importing Dagster and
  the definitions; dbt, which is a subprocess with its own start-up and partial parse and
  then executes 270 nodes (41 models and seeds, 222 data tests, 7 unit tests) at
  roughly 50 to 70 ms of Python overhead each; importing Great Expectations (5 to 8 s of
  CPU, paid once per process) and validating 25 suites through pandas; and Dagster
  writing every event (several hundred: each dbt test is an asset check) to the SQLite
  event log in DAGSTER_HOME, one commit each. To reach 20 s, the remaining levers are:
  fewer dbt nodes (for example the not_null/unique tests that the
  Great Expectations suites repeat, or `store_failures` off and tests grouped), running
  the suites with DuckDB SQL instead of GX on pandas, or a Postgres run storage.
- **New report published within 15 s of the drop.** The sensor waits until a folder has
  been seen unchanged on two evaluations 5 s apart (plus 2 s of settling), so detection
  alone costs 5 to 10 s; the daemon then launches the run in a new process (imports,
  job resolution) and the run rebuilds every mart and runs every check, as the full build
  does. The incremental path is therefore bounded below by the full build's fixed costs.
- **1 000 report-years × 290 municipalities.** Not part of `make bench` (run it with
  `python -m benchmarks --large`). One run over 1 000 report partitions makes Dagster
  record a planned materialization and a materialization per partition and raw asset
  (9 000 of each) in the SQLite event log before and after the ingest step; on this
  machine the run spent over 6 minutes before its first step started. The ingest itself
  is about 0.2 s per report (Python CSV validation), so ingest alone is over 3 minutes.
  The 50-year case shows the per-report costs; the Great Expectations suites also load
  each mart into pandas, which grows with the data.
- **App pages (target 300 ms with 1 000 report-years).** The queries are cached per
  published version (streamlit_app/warehouse.py), so a repeated page costs no query at
  all; what remains in a slow page is the page's own pandas work on the cached frames
  (pivoting per municipality and year, Styler formatting of every cell), which grows
  with municipalities × years. The pages over target at 50 × 290 are listed above; they
  need aggregation in SQL and paging or a year filter by default in streamlit_app/views,
  not a faster warehouse.
- **Checks on synthetic data.** The Great Expectations suites (dagster_project/quality)
  accept the municipality codes of the committed seed file and the years 1990
  to 2100. The benchmarks widen both, in the benchmark process only
  (benchmarks/check_scope.py): codes from the seed folder dbt loads, earliest year the
  first synthetic year. Reading the codes from SJUHARAD_DBT_SEEDS in
  suites.municipality_codes() would make that patch unnecessary for the municipalities.

## How it is measured

- `make bench` runs `python -m benchmarks`. Every build is a subprocess
  (`python -m benchmarks.build_process`, which is `python -m dagster_project.cli build`
  with the check scope above) in a throwaway folder with its own raw folder, warehouse and
  DAGSTER_HOME; a warm-up build comes first, so bytecode and dbt's partial parse are
  warm. Times are wall-clock; memory is the peak resident set of the whole process tree
  (the build, dbt and any other child), sampled every 0.2 s from /proc.
- Python bytecode caching is on in the benchmark processes. With PYTHONDONTWRITEBYTECODE
  set (as in some shells), every process compiles Dagster, dbt and GX from source, about
  10 s more per process.
- Synthetic reports come from benchmarks/synthetic.py: the real raw format, the tables
  of the 2012 report, figures from one deterministic model so that every total, note,
  carried-over balance and text figure adds up (all checks pass, no warnings). The first
  10 municipalities are the real ones; the others (codes 9010 and up) are added to a copy
  of the seeds in dbt/target/benchmark_seeds, which dbt loads when SJUHARAD_DBT_SEEDS
  names it (dbt/dbt_project.yml). The committed seeds are never changed.
- The floor: `dbt compile`, then every model's compiled SQL, in dependency order, as
  `create or replace view/table` in one DuckDB connection on a copy of the build file
  (benchmarks/floor.py). No tests, no checks, no publish.
- App pages: streamlit's AppTest, the server-side run of each page script; the first
  render fills the cache, the later ones are served from it (cached per published version).
  Memory is the RSS of that AppTest process after every page was shown.
"""


def _row(cells) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _status(value: float, target: float) -> str:
    return "met" if value <= target else "**not met**"


def _builds(results: dict) -> list[str]:
    lines = ["## Full build, raw to published", "",
             _row(["data", "median (s)", "spread (s)", "floor (s)", "ratio to floor", "peak memory (MB)"]),
             _row(["---"] * 6)]
    builds = {"2012 report": results["build_2012"], **{k.removeprefix("build "): v for k, v in results.items() if k.startswith("build ")}}
    for name, build in builds.items():
        times = build["times"]
        lines.append(_row([name, f"{times.median:.1f}", times.spread, f"{build['floor']:.2f}",
                           f"{times.median / build['floor']:.0f}×", f"{build['peak_rss_mb']:.0f}"]))
    lines += ["", "### Where the time goes (last run of each)", ""]
    keys = sorted({key for build in builds.values() for key in build["parts"]})
    lines += [_row(["part", *builds]), _row(["---"] * (len(builds) + 1))]
    for key in keys:
        lines.append(_row([key, *(f"{build['parts'].get(key, 0):.1f}" for build in builds.values())]))
    lines.append(_row(["floor (the models as plain SQL)", *(f"{build['floor']:.2f}" for build in builds.values())]))
    lines += ["", "The steps run one after another in one process; \"process total\" minus \"run wall time\" is "
              "process start, imports and resolving the job. \"dbt node execution\" is part of the dbt step; the "
              "rest of that step is dbt's start-up, partial parse and Dagster recording its events.", ""]
    return lines


def _page_targets(results: dict) -> list[str]:
    apps = {k: v for k, v in results.items() if k.startswith("app")}
    largest = apps[max(apps, key=lambda k: ("1 000" in k, "50" in k))]
    cached = max(t["cached_max"] for t in largest["pages"].values())
    empty = max(t["first"] for t in largest["pages"].values())
    scale = next(k for k, v in apps.items() if v is largest).removeprefix("app ").removeprefix("app_")
    return [
        _row([f"every app page under 300 ms server time ({scale}), cached", f"slowest {cached:.3f} s", _status(cached, TARGETS["page"])]),
        _row([f"every app page under 300 ms server time ({scale}), empty cache after a publication",
              f"slowest {empty:.3f} s", _status(empty, TARGETS["page"])]),
    ]


def _app(name: str, app: dict, floor_name: str) -> list[str]:
    lines = [f"### {name}", "", _row(["page", "empty cache (s)", "cached, median (s)", "cached, slowest (s)", "target 0.3 s"]),
             _row(["---"] * 5)]
    for page, times in app["pages"].items():
        slowest = max(times["first"], times["cached_max"])
        lines.append(_row([page, f"{times['first']:.3f}", f"{times['cached_median']:.3f}", f"{times['cached_max']:.3f}",
                           _status(slowest, TARGETS["page"])]))
    lines += ["", f"First page of a fresh app process (imports included): {app['process_first_page']:.3f} s; "
              f"slowest page in it {app['process_first_max']:.3f} s. Memory of the app process after every page: "
              f"{app['rss_mb']:.0f} MB ({floor_name}).", ""]
    return lines


def write(results: dict) -> None:
    build_2012 = results["build_2012"]
    lines = ["# Benchmarks", "",
             f"Written by `make bench` (`python -m benchmarks`) on {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC "
             f"in {results['total_seconds'] / 60:.1f} minutes{' (quick: one run each)' if results['quick'] else ''}.", "",
             "## Machine", ""]
    lines += [f"- {key}: {value}" for key, value in results["machine"].items()]
    lines += ["- shared with other work: the load average above is what else was running", "",
              "## Targets", "", _row(["target", "measured", "status"]), _row(["---"] * 3),
              _row(["2012 full build under 20 s warm", f"{build_2012['times'].median:.1f} s",
                    _status(build_2012["times"].median, TARGETS["build_2012"])]),
              _row(["new report published within 15 s of the drop (daemon)", f"{results['daemon']:.1f} s",
                    _status(results["daemon"], TARGETS["daemon"])]),
              _row(["build memory under 2 GB", f"{max(v['peak_rss_mb'] for k, v in results.items() if k.startswith('build')):.0f} MB",
                    _status(max(v['peak_rss_mb'] for k, v in results.items() if k.startswith('build')), TARGETS["memory_mb"])]),
              *_page_targets(results),
              ""]
    lines += _builds(results)
    new = results["new_report"]
    lines += ["## One new report on an existing warehouse", "",
              "The synthetic 2013 report (tests/fixtures/synthetic-2013) added to a warehouse published from 2012: the "
              "sensor is evaluated and the run it requests (report_pipeline for that partition) is executed, in a new "
              "process, as the daemon's run launcher would.", "",
              f"- sensor-requested run, process included: median {new.median:.1f} s, {new.spread}; "
              f"ratio to the 2012 floor {new.median / build_2012['floor']:.0f}×",
              f"- drop to published, `dagster-daemon run` running (sensor evaluated about every 5 s by the daemon, run queue checked every second, run in a new process): "
              f"{results['daemon']:.1f} s (1 run)", "",
              "Where the sensor-requested run's time goes (last run):", "",
              _row(["part", "seconds"]), _row(["---"] * 2),
              *(_row([key, f"{value:.1f}"]) for key, value in sorted(results["new_report_parts"].items())), "",
              "## App", ""]
    lines += _app("Published from the 2012 report", results["app_2012"], "2012")
    for key, app in results.items():
        if key.startswith("app ") and key != "app_2012":
            lines += _app(f"Published from {key.removeprefix('app ')} report-years × municipalities", app, key)
    lines.append(NOTES)
    OUTPUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
