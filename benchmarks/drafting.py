"""Drafting a report from its PDF: `python -m benchmarks.drafting RUNS` prints JSON.

Two reports: the 2013 report's text drawn line by line (reportlab, 28 pages, as the 30-page
2012 report's text extraction) and the same report typeset by Chromium in 13 pt type
(tests/support/drafting_typeset.py: about 20 pages of real tables, two-column text and per-glyph
positioning, the slowest kind of PDF for pdfminer). Each is drafted RUNS times into an empty raw folder, in this
process; wall clock and CPU time (this process and the page-parsing processes it starts) are
reported, with the page count.
"""

import contextlib
import io
import json
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import machine
from dagster_project.drafting.draft import draft_report
from tests.support.drafting_texts import report_2013, write_pdf
from tests.support.drafting_typeset import Design, typeset
from tests.support.drafting_variants import base, shift_years
from tests.support.project import REPORT_2012

TARGET_SECONDS = 10.0
LARGE_TYPE = Design("the bench's: 13 pt, Navet's text in two columns", size=13.0, two_columns="navet")


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _pages(pdf: Path) -> int:
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        return len(document.pages)


def measure(pdf: Path, runs: int, root: Path) -> dict:
    walls, cpus = [], []
    load_before = machine.load_now()
    for number in range(runs):
        raw = root / f"raw{number}"
        raw.mkdir()
        shutil.copytree(REPORT_2012, raw / REPORT_2012.name)
        started, cpu = time.perf_counter(), _cpu()
        with contextlib.redirect_stdout(io.StringIO()):
            draft_report(pdf, raw)
        walls.append(time.perf_counter() - started)
        cpus.append(_cpu() - cpu)
        shutil.rmtree(raw)
    return {
        "pages": _pages(pdf),
        "median_seconds": statistics.median(walls),
        "max_seconds": max(walls),
        "median_cpu_seconds": statistics.median(cpus),
        "runs": runs,
        "load_average": f"{load_before} before, {machine.load_now()} after",
    }


def main(runs: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="sjuharad_draft_bench_") as folder:
        root = Path(folder)
        text_pdf = write_pdf(report_2013(), root / "text.pdf")
        typeset_pdf, _ = typeset(shift_years(base(), 1), LARGE_TYPE, "chromium", root / "typeset")
        return {
            "the 2013 report's text drawn line by line (reportlab)": measure(text_pdf, runs, root),
            "the 2013 report typeset by Chromium": measure(typeset_pdf, runs, root),
        }


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)))
