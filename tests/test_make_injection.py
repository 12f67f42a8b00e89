"""No shell injection: what a person gives the Makefile (VERSION, SOURCE, YEAR, DRAFT, REASON)
reaches the command as one argument; neither make nor the shell runs any of it."""

import os
import subprocess

from tests.support.project import REPO

# A command separator, backticks, the shell's $() and make's own $(shell).
HOSTILE = "x; touch {marker}1 `touch {marker}2` $(touch {marker}3) $(shell touch {marker}4)"


def hostile(tmp_path) -> tuple[str, list]:
    markers = [tmp_path / f"ran{number}" for number in range(1, 5)]
    return HOSTILE.format(marker=tmp_path / "ran"), markers


def ran(markers) -> list:
    return [marker.name for marker in markers if marker.exists()]


def make(target: str, tmp_path, **variables: str) -> subprocess.CompletedProcess:
    environment = {
        **os.environ,
        "SJUHARAD_RAW_DIR": str(tmp_path / "raw"),
        "SJUHARAD_WAREHOUSE": str(tmp_path / "warehouse" / "sjuharad.duckdb"),
    }
    arguments = [f"{name}={value}" for name, value in variables.items()]
    # -o install: the environment is installed already; only the target's own command runs.
    return subprocess.run(
        ["make", "--no-print-directory", "-o", "install", target, *arguments],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_version_and_reason_reach_rollback_as_text(tmp_path):
    value, markers = hostile(tmp_path)
    completed = make("rollback", tmp_path, VERSION=value, REASON=value)
    assert ran(markers) == [], "nothing of VERSION or REASON was run"
    assert completed.returncode != 0
    assert f"version {value!r} not found" in completed.stdout


def test_source_and_year_reach_draft_report_as_text(tmp_path):
    value, markers = hostile(tmp_path)
    completed = make("draft-report", tmp_path, SOURCE=f"{value}.pdf")
    assert ran(markers) == [], "nothing of SOURCE was run"
    assert f"{os.path.basename(value)}.pdf: ingen sådan fil ({value}.pdf)" in completed.stderr
    completed = make("draft-report", tmp_path, SOURCE="report.pdf", YEAR=value)
    assert ran(markers) == [], "nothing of YEAR was run"
    assert f"YEAR={value!r} är inget rimligt rapportår" in completed.stderr


def test_year_and_draft_reach_new_report_and_check_draft_as_text(tmp_path):
    value, markers = hostile(tmp_path)
    for target in ("new-report", "check-draft"):
        completed = make(target, tmp_path, YEAR=value, DRAFT=value)
        assert ran(markers) == [], f"nothing of YEAR or DRAFT was run by make {target}"
        assert f"YEAR={value!r} är inget rimligt rapportår" in completed.stderr
