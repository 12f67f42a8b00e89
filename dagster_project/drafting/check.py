"""A draft made ready for the pipeline's checks (`make check-draft`), and what they found, table by table.

The checks run as the pipeline runs them: `dagster_project/check_draft.py` runs the
`report_pipeline` job's ingest, dbt and quality-gate steps on a scratch warehouse. This
module is the drafting side of it and knows nothing of Dagster: it copies the draft (its
manifest renamed, tables that do not validate left out and listed) and the other years'
report folders into the scratch raw folder, and sorts the results the run recorded
(`audit.check_results`) and its failed steps by the draft's tables.
"""

import shutil
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from dagster_project.quality.results import CheckOutcome
from dagster_project.raw_format.errors import ReportRejected
from dagster_project.raw_format.loader import validate_report
from dagster_project.raw_format.manifest import MANIFEST_FILE
from dagster_project.raw_format.new_report import DRAFT_SUFFIX, REPORT_FOLDER_PREFIX
from dagster_project.raw_format.reader import parse_table
from dagster_project.raw_format.specs import TABLE_SPECS

GENERAL = "(the whole report)"
KIND_NAMES = {
    "dbt_test": "dbt tests",
    "great_expectations": "Great Expectations suites",
    "reconciliation": "reconciliations",
    "year_over_year": "year-over-year warnings",
}


class CheckDraftError(ValueError):
    pass


@dataclass
class DraftCheck:
    draft: Path
    report_id: str
    problems: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    warnings: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    # Per kind of check (dbt_test, great_expectations, reconciliation, ...): how many ran and how many passed.
    ran: Counter = field(default_factory=Counter)
    passed: Counter = field(default_factory=Counter)

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


def stage_draft(draft: Path, target: Path, result: DraftCheck) -> bool:
    """The draft as a report folder: its manifest renamed, tables that do not validate left out (and listed).

    False when what is left does not validate as a report either (its problems listed): then nothing can load."""
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
        return False
    return True


def copy_other_reports(raw_dir: Path, year: int, scratch_raw: Path) -> list[Path]:
    """The confirmed report folders of the other years, which the draft's checks compare it with."""
    copies = []
    for folder in sorted(raw_dir.glob(f"{REPORT_FOLDER_PREFIX}*")):
        if not (folder / MANIFEST_FILE).is_file():
            continue
        manifest = yaml.safe_load((folder / MANIFEST_FILE).read_text(encoding="utf-8")) or {}
        if manifest.get("report_year") == year:
            continue
        copies.append(Path(shutil.copytree(folder, scratch_raw / folder.name)))
    return copies


def _table_in(message: str, report_id: str) -> str | None:
    prefix = f"{report_id} / "
    if not message.startswith(prefix):
        return None
    return message[len(prefix) :].split(":", 1)[0]


def add_step_failures(result: DraftCheck, failures: dict[str, str]) -> None:
    """A step of the run that failed, in its own words (a draft rejected at ingest, a model dbt could not build)."""
    for step, message in failures.items():
        result.problems[f"step {step}"].append(message)


def add_not_loaded(result: DraftCheck, problems: list[str]) -> None:
    """The run did not load the draft (rejected at ingest): whatever its checks say, none was on the draft."""
    result.problems[GENERAL].append("the pipeline did not load the draft, so none of its checks ran on it")
    result.problems[GENERAL].extend(problems)


def add_outcomes(result: DraftCheck, outcomes: list[CheckOutcome]) -> None:
    """The run's check results: the reconciliations' discrepancies in the draft's tables by table, the others by check."""
    for outcome in outcomes:
        result.ran[outcome.kind] += 1
        result.passed[outcome.kind] += outcome.passed
        if outcome.kind == "reconciliation":
            for severity in ("errors", "warnings"):
                for message in outcome.observed.get(severity, []):
                    table = _table_in(message, result.report_id)
                    if table is not None:
                        found = result.problems if severity == "errors" else result.warnings
                        found[table].append(message.split(": ", 1)[1])
            continue
        if outcome.passed:
            continue
        found = result.problems if outcome.severity == "error" else result.warnings
        found[_heading(outcome)].append(outcome.message)
    if not any(outcome.kind == "reconciliation" for outcome in outcomes):
        result.problems[GENERAL].append(
            "the reconciliations and the Great Expectations suites did not run: a step before them failed (above)"
        )


def _heading(outcome: CheckOutcome) -> str:
    if outcome.kind == "dbt_test":
        return f"dbt: {outcome.check_name}"
    if outcome.kind == "great_expectations":
        return f"expectations: {outcome.asset.replace('/', '.')}"
    return f"{outcome.kind}: {outcome.check_name}"


def report_text(result: DraftCheck) -> str:
    lines = []
    errors = sum(len(v) for v in result.problems.values())
    warnings = sum(len(v) for v in result.warnings.values())
    lines.append(
        f"Draft {result.draft.name}: {errors} problem(s), {warnings} warning(s) in {sum(result.ran.values())} checks."
    )
    if result.ran:
        lines.append(
            "Passed: "
            + "; ".join(
                f"{KIND_NAMES.get(kind, kind)} {result.passed[kind]} of {result.ran[kind]}"
                for kind in sorted(result.ran)
            )
            + "."
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
