"""Server time of every app page (streamlit AppTest) and the process's memory afterwards.

Run as `python -m benchmarks.app_pages RUNS` with SJUHARAD_WAREHOUSE set; prints JSON:
the first page of the fresh process (imports included), then per page, RUNS times, a
render with an empty cache (as after a new publication, in a running app) followed by one
served from the cache (cached per published version): the median and the slowest of
each, and the RSS of this process after every page.
"""

import json
import statistics
import sys
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from benchmarks.measure import tree_rss_mb
from streamlit_app.navigation import PAGES

APP = Path(__file__).resolve().parent.parent / "streamlit_app" / "app.py"


def render_seconds(page_file: str) -> float:
    app = AppTest.from_file(str(APP), default_timeout=300)
    app.run()
    started = time.perf_counter()
    app.switch_page(f"views/{page_file}").run()
    seconds = time.perf_counter() - started
    if app.exception:
        raise RuntimeError(f"{page_file}: {app.exception[0].message}")
    return seconds


def main(runs: int) -> dict:
    import os

    import streamlit as st

    process_first = {page_file: render_seconds(page_file) for page_file, _, _, _ in PAGES}
    pages = {}
    for page_file, title, _, _ in PAGES:
        empty, cached = [], []
        for _ in range(runs):
            st.cache_data.clear()
            empty.append(render_seconds(page_file))
            cached.append(render_seconds(page_file))
        pages[title] = {"empty_median": statistics.median(empty), "empty_max": max(empty),
                        "cached_median": statistics.median(cached), "cached_max": max(cached)}
    return {"pages": pages, "process_first_page": process_first[PAGES[0][0]],
            "process_first_max": max(process_first.values()), "rss_mb": tree_rss_mb(os.getpid())}


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]))))
