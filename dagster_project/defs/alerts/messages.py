"""What an alert e-mail says, in Swedish: what failed, for which report, and where to look.

Pure functions of a FailedRun, so that every kind of alert can be checked without a run.
The pipeline's own messages (file, row, column, what was expected) are quoted as they are.
"""

from dataclasses import dataclass, field

from dagster_project.defs.alerts.mail import Alert
from dagster_project.defs.automation.jobs import JOBS
from dagster_project.defs.quality.published_recheck import CHECKS_FAILED, published_quality_checks
from dagster_project.defs.quality.quality_gate import RAW_SUITES_FAILED
from dagster_project.defs.quality.quality_gate import STEP_NAME as QUALITY_GATE_STEP

SUBJECT_PREFIX = "Sjuhärad Insyn"
# Jobs whose failure leaves the published warehouse as it was: publishing is their last
# step, and it swaps in the new version whole or not at all.
PUBLISHING_JOBS = {job.name for job in JOBS}
RECHECK_JOB = published_quality_checks.name
MAX_PROBLEMS = 20
MAX_MESSAGE_LINES = 30


@dataclass(frozen=True)
class FailedStep:
    step: str
    message: str


@dataclass(frozen=True)
class Rejection:
    report: str
    record_path: str
    folder: str
    problems: tuple[str, ...]
    quarantine: bool = False  # its figures failed blocking checks: taken out of the build (quarantine.py)


@dataclass(frozen=True)
class FailedRun:
    run_id: str
    job_name: str
    report: str | None
    run_message: str
    steps: tuple[FailedStep, ...] = ()
    rejections: tuple[Rejection, ...] = ()
    places: dict[str, str] = field(default_factory=dict)


def run_url(ui_url: str, run_id: str) -> str:
    return f"{ui_url.rstrip('/')}/runs/{run_id}"


def _shortened(message: str, max_lines: int = MAX_MESSAGE_LINES) -> str:
    lines = message.strip().splitlines()
    if len(lines) <= max_lines:
        return "\n".join(lines)
    return "\n".join([*lines[:max_lines], f"… ({len(lines) - max_lines} rader till: se körningen i Dagster)"])


def _indented(text: str) -> str:
    return "\n".join(f"    {line}" for line in text.splitlines())


def _steps_section(steps: tuple[FailedStep, ...], run_message: str) -> list[str]:
    if not steps:
        return ["Vad som hände:", _indented(_shortened(run_message)), ""]
    lines = ["Steg som misslyckades:"]
    for step in steps:
        lines += [f"- {step.step}:", _indented(_shortened(step.message))]
    return [*lines, ""]


def _where(places: list[tuple[str, str]]) -> list[str]:
    return ["Var du hittar mer:", *(f"- {label}: {place}" for label, place in places), ""]


def _report_words(run: FailedRun) -> str:
    return f" för rapporten {run.report}" if run.report else ""


def _is_rejection(run: FailedRun) -> bool:
    return bool(run.rejections) or any(
        step.step == QUALITY_GATE_STEP and RAW_SUITES_FAILED in step.message for step in run.steps
    )


def _rejection_alert(run: FailedRun, ui_url: str) -> tuple[str, list[str]]:
    reports = [r.report for r in run.rejections] or ([run.report] if run.report else [])
    quarantined = [r.report for r in run.rejections if r.quarantine]
    if quarantined and len(quarantined) == len(reports):
        named = ", ".join(quarantined)
        one = len(quarantined) == 1
        subject = f"{'rapporten' if one else 'rapporterna'} {named} sattes i karantän"
        opening = (
            f"{'Rapporten' if one else 'Rapporterna'} {named} klarade inte kontrollerna och togs ur byggnaden: "
            f"{'dess' if one else 'deras'} siffror publiceras inte, de senast publicerade gäller. "
            "En körning som publicerar de övriga rapporterna startar av sig själv."
        )
        body = [opening, ""]
    elif len(reports) == 1:
        subject = f"rapporten {reports[0]} avvisades"
        opening = f"Rapporten {reports[0]} avvisades och lästes inte in."
        body = [opening, "Inget publicerades från den här körningen; den publicerade datan är oförändrad.", ""]
    else:
        subject = f"{len(reports) or 'några'} rapporter avvisades"
        opening = (
            f"Rapporterna {', '.join(reports)} avvisades och lästes inte in." if reports else "Rapporter avvisades."
        )
        body = [opening, "Inget publicerades från den här körningen; den publicerade datan är oförändrad.", ""]
    places: list[tuple[str, str]] = []
    for rejection in run.rejections:
        shown = rejection.problems[:MAX_PROBLEMS]
        body.append(f"Vad som var fel i {rejection.report} ({len(rejection.problems)} problem):")
        body += [f"- {problem}" for problem in shown]
        if len(rejection.problems) > len(shown):
            body.append(f"- … och {len(rejection.problems) - len(shown)} till (se avvisningsposten)")
        body.append("")
        places += [
            (f"Avvisningsposten för {rejection.report}, med alla problem", rejection.record_path),
            ("Rapportens filer", rejection.folder),
        ]
    if not run.rejections:
        body += _steps_section(run.steps, run.run_message)
    places.append(("Körningen i Dagster", run_url(ui_url, run.run_id)))
    body += _where(places)
    body.append("Rätta filerna i rapportmappen: sensorn på raw/ startar en ny körning av sig själv när de har ändrats.")
    return subject, body


def _recheck_alert(run: FailedRun, ui_url: str) -> tuple[str, list[str]]:
    checks_failed = any(step.message.startswith(CHECKS_FAILED) for step in run.steps)
    if checks_failed:
        subject = "den schemalagda kvalitetskontrollen hittade fel i den publicerade datan"
        opening = [
            "Den schemalagda kontrollen av den publicerade datan hittade fel i kontroller på felnivå.",
            "Resultaten är sparade i den publicerade datan (audit.check_results) och syns på appens sida Datakvalitet;",
            "`python -m dagster_project.quality.report` (`make quality`) visar dem som tabell.",
        ]
    else:
        subject = "den schemalagda kvalitetskontrollen kunde inte köras"
        opening = ["Den schemalagda kontrollen av den publicerade datan misslyckades innan den var klar."]
    places = [("Körningen i Dagster", run_url(ui_url, run.run_id)), *run.places.items()]
    return subject, [*opening, "", *_steps_section(run.steps, run.run_message), *_where(places)]


def _run_alert(run: FailedRun, ui_url: str) -> tuple[str, list[str]]:
    steps = ", ".join(step.step for step in run.steps)
    where = f" i {'stegen' if len(run.steps) > 1 else 'steget'} {steps}." if steps else "."
    subject = f"körningen {run.job_name}{_report_words(run)} misslyckades"
    opening = f"Körningen {run.job_name}{_report_words(run)} misslyckades{where}"
    body = [opening]
    if run.job_name in PUBLISHING_JOBS:
        body.append("Inget publicerades från den här körningen; den publicerade datan är oförändrad.")
    places = [("Körningen i Dagster", run_url(ui_url, run.run_id)), *run.places.items()]
    return subject, [*body, "", *_steps_section(run.steps, run.run_message), *_where(places)]


def compose(run: FailedRun, ui_url: str) -> Alert:
    """The one e-mail about this failed run."""
    if _is_rejection(run):
        subject, body = _rejection_alert(run, ui_url)
    elif run.job_name == RECHECK_JOB:
        subject, body = _recheck_alert(run, ui_url)
    else:
        subject, body = _run_alert(run, ui_url)
    if body[-1]:
        body.append("")
    body += [
        'Vad du gör när en körning misslyckas: docs/deploy.md, avsnittet "When a run fails".',
        f"Körning: {run.run_id} (jobb {run.job_name}).",
    ]
    return Alert(f"{SUBJECT_PREFIX}: {subject}", "\n".join(body) + "\n")
