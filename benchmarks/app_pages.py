"""Server time of every app page (streamlit AppTest) and the process's memory afterwards.

Run as `python -m benchmarks.app_pages RUNS` with SJUHARAD_WAREHOUSE set; prints JSON:
the first page of the fresh process (imports included), then per page, RUNS times, a
render with an empty cache (as after a new publication, in a running app) followed by one
served from the cache (cached per published version): the median and the slowest of
each, and the RSS of this process after every page. Next to the wall-clock time, each
render's CPU time (this process, all threads): on a machine shared with other work the
wall clock also counts the time waiting for a core, the CPU time does not.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from benchmarks.measure import tree_rss_mb
from streamlit_app.navigation import PAGES

APP = Path(__file__).resolve().parent.parent / "streamlit_app" / "app.py"


def render_seconds(page_file: str) -> tuple[float, float]:
    """(wall-clock, CPU) seconds of switching to the page and rendering it."""
    app = AppTest.from_file(str(APP), default_timeout=300)
    app.run()
    started, cpu_started = time.perf_counter(), time.process_time()
    app.switch_page(f"views/{page_file}").run()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    if app.exception:
        raise RuntimeError(f"{page_file}: {app.exception[0].message}")
    return seconds, cpu


def _summary(measured: list[tuple[float, float]], name: str) -> dict:
    wall, cpu = [seconds for seconds, _ in measured], [seconds for _, seconds in measured]
    return {
        f"{name}_median": statistics.median(wall),
        f"{name}_max": max(wall),
        f"{name}_cpu_median": statistics.median(cpu),
    }


def main(runs: int) -> dict:
    import streamlit as st

    process_first = {page_file: render_seconds(page_file)[0] for page_file, _, _, _ in PAGES}
    pages = {}
    for page_file, title, _, _ in PAGES:
        empty, cached = [], []
        for _ in range(runs):
            st.cache_data.clear()
            empty.append(render_seconds(page_file))
            cached.append(render_seconds(page_file))
        pages[title] = _summary(empty, "empty") | _summary(cached, "cached")
    return {
        "pages": pages,
        "process_first_page": process_first[PAGES[0][0]],
        "process_first_max": max(process_first.values()),
        "rss_mb": tree_rss_mb(os.getpid()),
    }


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]))))
