"""`make check-draft YEAR=2013`: every check on a draft, in a scratch warehouse, before anyone confirms it.

The draft (report.yml.draft) and the published report folders are copied into a temporary
raw folder, validated and loaded into a temporary DuckDB file, dbt builds the marts there,
and the reconciliation and Great Expectations checks run on it. The problems are printed
table by table. Nothing is published and the published warehouse is never opened: every
file this writes is under the temporary folder, removed at the end.

This module is the only glue between the drafter and the pipeline's checks: it calls the
raw loader, dbt's command line, `reconciliation.evaluate_all` and
`great_expectations_runner.run_suites`.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from dagster_project import paths
from dagster_project.duckdb_connection import connect
from dagster_project.raw_format.errors import ReportRejected
from dagster_project.raw_format.loader import load_reports, validate_report
from dagster_project.raw_format.manifest import MANIFEST_FILE
from dagster_project.raw_format.new_report import DRAFT_SUFFIX, REPORT_FOLDER_PREFIX
from dagster_project.raw_format.reader import parse_table
from dagster_project.raw_format.specs import TABLE_SPECS
from dagster_project.raw_format.years import report_year

GENERAL = "(the whole report)"


class CheckDraftError(ValueError):
    pass


@dataclass
class DraftCheck:
    draft: Path
    report_id: str
    problems: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    warnings: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    checks_run: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(self.problems.values())


def find_draft(raw_dir: Path, year: int, draft: Path | None = None) -> Path:
    if draft is not None:
        folder = Path(draft) if Path(draft).is_absolute() or Path(draft).exists() else raw_dir / draft
        if not (folder / f"{MANIFEST_FILE}{DRAFT_SUFFIX}").is_file():
            raise CheckDraftError(f"{folder}: no {MANIFEST_FILE}{DRAFT_SUFFIX} there")
        return folder
    drafts = sorted(
        p for p in raw_dir.glob(f"{REPORT_FOLDER_PREFIX}{year}*") if (p / f"{MANIFEST_FILE}{DRAFT_SUFFIX}").is_file()
    )
    if not drafts:
        raise CheckDraftError(
            f"no draft for {year} in {raw_dir} (a folder {REPORT_FOLDER_PREFIX}{year}* with {MANIFEST_FILE}{DRAFT_SUFFIX})"
        )
    if len(drafts) > 1:
        names = ", ".join(p.name for p in drafts)
        raise CheckDraftError(f"more than one draft for {year} in {raw_dir} ({names}); name one with DRAFT=<folder>")
    return drafts[0]


def _table_of(problem, manifest_tables: dict[str, str]) -> str:
    return manifest_tables.get(Path(problem.file).name, GENERAL)


def _stage(draft: Path, target: Path, result: DraftCheck) -> None:
    """The draft as a report folder: its manifest renamed, tables that do not validate left out (and listed)."""
    target.mkdir(parents=True)
    manifest = yaml.safe_load((draft / f"{MANIFEST_FILE}{DRAFT_SUFFIX}").read_text(encoding="utf-8"))
    by_file = {entry["file"]: entry["table_id"] for entry in manifest.get("tables", []) if isinstance(entry, dict)}
    kept = []
    for entry in manifest.get("tables", []):
        source = draft / entry["file"]
        table = (
            parse_table(source, TABLE_SPECS[entry["table_type"]])
            if source.is_file() and entry.get("table_type") in TABLE_SPECS
            else None
        )
        if table is not None and table.problems:
            result.problems[entry["table_id"]].extend(str(p) for p in table.problems)
            result.problems[entry["table_id"]].append("this table does not validate, so no other check ran on it")
            continue
        if source.is_file():
            shutil.copy2(source, target / entry["file"])
        kept.append(entry)
    manifest["tables"] = kept
    (target / MANIFEST_FILE).write_text(yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False), encoding="utf-8")
    try:
        validate_report(target)
    except ReportRejected as rejection:
        for problem in rejection.problems:
            result.problems[_table_of(problem, by_file)].append(str(problem).replace(str(target), draft.name))


def _published_reports(raw_dir: Path, year: int, scratch_raw: Path) -> list[Path]:
    copies = []
    for folder in sorted(raw_dir.glob(f"{REPORT_FOLDER_PREFIX}*")):
        if not (folder / MANIFEST_FILE).is_file():
            continue
        manifest = yaml.safe_load((folder / MANIFEST_FILE).read_text(encoding="utf-8")) or {}
        if manifest.get("report_year") == year:
            continue
        copies.append(Path(shutil.copytree(folder, scratch_raw / folder.name)))
    return copies


def _dbt_build(database: Path, scratch: Path, result: DraftCheck) -> None:
    project = paths.dbt_project_dir()
    command = [
        str(paths.dbt_executable()),
        "build",
        "--exclude-resource-type",
        "unit_test",
        "--project-dir",
        str(project),
        "--profiles-dir",
        str(project),
        "--target-path",
        str(scratch / "dbt_target"),
        "--log-path",
        str(scratch / "dbt_logs"),
        "--quiet",
    ]
    env = {
        **os.environ,
        paths.BUILD_DB_VARIABLE: str(database),
        "DO_NOT_TRACK": "1",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    completed = subprocess.run(command, env=env, capture_output=True, text=True, cwd=project)
    results_path = scratch / "dbt_target" / "run_results.json"
    result.checks_run.append("dbt build (models and their tests)")
    if not results_path.exists():
        result.problems[GENERAL].append(
            f"dbt stopped before it wrote its results: {completed.stdout[-2000:]} {completed.stderr[-2000:]}"
        )
        return
    for entry in json.loads(results_path.read_text(encoding="utf-8"))["results"]:
        if entry["status"] in ("error", "fail", "warn"):
            name = entry["unique_id"].split(".")[2] if entry["unique_id"].count(".") >= 2 else entry["unique_id"]
            message = " ".join((entry.get("message") or "").split())
            target = result.warnings if entry["status"] == "warn" else result.problems
            target[f"dbt: {name}"].append(f"{entry['status']}: {message}")


def _table_in(message: str, report_id: str) -> str | None:
    prefix = f"{report_id} / "
    if not message.startswith(prefix):
        return None
    return message[len(prefix) :].split(":", 1)[0]


def _reconciliation(database: Path, result: DraftCheck) -> None:
    from dagster_project.quality import reconciliation

    for outcome in reconciliation.evaluate_all(database):
        result.checks_run.append(f"reconciliation: {outcome.check_name}")
        for severity, messages in (
            ("error", outcome.observed.get("errors", [])),
            ("warning", outcome.observed.get("warnings", [])),
        ):
            for message in messages:
                table = _table_in(message, result.report_id)
                if table is None:
                    continue
                (result.problems if severity == "error" else result.warnings)[table].append(message.split(": ", 1)[1])


def _expectations(database: Path, result: DraftCheck) -> None:
    from dagster_project.quality import great_expectations_runner
    from dagster_project.quality.suites import all_suites

    con = connect(database, read_only=True)
    try:
        built = {
            f"{schema}.{name}"
            for schema, name in con.execute("select table_schema, table_name from information_schema.tables").fetchall()
        }
    finally:
        con.close()
    suites = [suite for suite in all_suites() if suite.table in built]
    for suite in all_suites():
        if suite.table not in built:
            result.problems[f"expectations: {suite.table}"].append(
                "not checked: the table was not built (see dbt above)"
            )
    for outcome in great_expectations_runner.run_suites(suites, database):
        result.checks_run.append(f"Great Expectations: {outcome.check_name}")
        if not outcome.passed:
            (result.problems if outcome.severity == "error" else result.warnings)[
                f"expectations: {outcome.asset}"
            ].append(outcome.message)


def check_draft(year: int, raw_dir: Path | None = None, draft: Path | None = None, say=print) -> DraftCheck:
    raw_dir = Path(raw_dir) if raw_dir is not None else paths.raw_dir()
    folder = find_draft(raw_dir, year, draft)
    report_id = f"{REPORT_FOLDER_PREFIX}{year}"
    result = DraftCheck(folder, report_id)
    scratch = Path(tempfile.mkdtemp(prefix="sjuharad-check-draft-"))
    try:
        scratch_raw = scratch / "raw"
        say(f"Checking the draft {folder} in a scratch warehouse ({scratch}); nothing is published.")
        _stage(folder, scratch_raw / report_id, result)
        published = _published_reports(raw_dir, year, scratch_raw)
        database = scratch / "check.duckdb"
        say(f"Validating and loading the draft with {len(published)} published report(s) ...")
        con = connect(database)
        try:
            _, rejected = load_reports(con, [scratch_raw / report_id, *published])
            con.execute("CHECKPOINT")
        finally:
            con.close()
        for name, rejection in rejected.items():
            for problem in rejection.problems:
                result.problems[name if name != report_id else GENERAL].append(
                    str(problem).replace(str(scratch_raw), str(raw_dir))
                )
        if report_id in rejected:
            say("The draft does not load; the checks after loading did not run.")
            return result
        say("Building the marts with dbt ...")
        _dbt_build(database, scratch, result)
        say("Running the reconciliation checks ...")
        _reconciliation(database, result)
        say("Running the Great Expectations suites ...")
        _expectations(database, result)
        return result
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def report_text(result: DraftCheck) -> str:
    lines = []
    errors = sum(len(v) for v in result.problems.values())
    warnings = sum(len(v) for v in result.warnings.values())
    lines.append(
        f"Draft {result.draft.name}: {errors} problem(s), {warnings} warning(s) in {len(result.checks_run)} checks."
    )
    for heading, found in (
        ("PROBLEMS (fix before confirming)", result.problems),
        ("WARNINGS (confirm against the printed report)", result.warnings),
    ):
        tables = {table: messages for table, messages in found.items() if messages}
        if not tables:
            continue
        lines.append(f"\n{heading}:")
        for table in sorted(tables):
            lines.append(f"  {table}:")
            lines.extend(f"    - {message}" for message in tables[table])
    if result.ok:
        lines.append(
            "\nEvery check passed. Review the doubts in draft_review/, then rename report.yml.draft to report.yml."
        )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="make check-draft", description="Every check on a draft report, without publishing anything."
    )
    parser.add_argument("year", type=report_year)
    parser.add_argument(
        "--draft", type=lambda text: Path(text) if text else None, help="the draft folder, where a year has two"
    )
    parser.add_argument("--raw-dir", type=Path)
    args = parser.parse_args(argv)
    try:
        result = check_draft(args.year, args.raw_dir, args.draft)
    except CheckDraftError as error:
        print(f"Cannot check the draft: {error}", file=sys.stderr)
        return 2
    print(report_text(result))
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
