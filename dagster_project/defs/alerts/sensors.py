"""One e-mail for every failed run: a rejected report, a failed scheduled check, any other failure.

Dagster's run-failure sensor sees each failed run of this code location once (its cursor
is kept in the instance, so a daemon restart neither repeats nor skips an alert). Dagster's
ready-made make_email_on_run_failure_sensor is not used: it always logs in, over SSL or
STARTTLS, so it cannot use a relay on the local network, and it sends HTML without a
character set, which breaks Swedish letters.

Runs of `make build` run in the engineer's own process and say what failed there; the
sensor alerts on the runs of the daemon (the sensor on raw/, the schedules) and the UI.
"""

import os
from pathlib import Path

import dagster as dg

from dagster_project.defs.alerts.mail import Alert, MailConfigurationError, send, settings_from_environment
from dagster_project.defs.alerts.messages import FailedRun, FailedStep, Rejection, compose
from dagster_project.defs.resources import Warehouse
from dagster_project.publishing.rejections import read_rejections_of_run, rejection_record_path
from dagster_project.raw_format.errors import display_path

UI_URL_VARIABLE = "DAGSTER_UI_URL"
REPORT_TAG = "sjuharad/report"
# Run-status sensors default to 30 s between evaluations; an alert should not wait that long.
EVALUATION_INTERVAL_SECONDS = 10


def dagster_ui_url() -> str:
    configured = os.environ.get(UI_URL_VARIABLE, "").strip()
    if configured:
        return configured
    return f"http://{os.environ.get('DAGSTER_HOST') or '127.0.0.1'}:{os.environ.get('DAGSTER_PORT') or '3000'}"


def step_message(event: dg.DagsterEvent) -> str:
    """A failed step's own words: a dg.Failure's description, otherwise the error it raised."""
    data = event.event_specific_data
    if data.user_failure_data and data.user_failure_data.description:
        return data.user_failure_data.description
    error = data.error.cause or data.error
    return error.message


def rejections_of_run(run_id: str, published: Path) -> tuple[Rejection, ...]:
    """The rejection records this run wrote (warehouse/rejections/<report>.json)."""
    return tuple(
        Rejection(
            record["report"],
            display_path(rejection_record_path(record["report"], published)),
            record.get("folder", ""),
            tuple(problem["message"] for problem in record.get("problems", [])),
            bool(record.get("quarantine")),
        )
        for record in read_rejections_of_run(run_id, published)
    )


def describe(context: dg.RunFailureSensorContext, published: Path) -> FailedRun:
    run = context.dagster_run
    return FailedRun(
        run_id=run.run_id,
        job_name=run.job_name,
        report=run.tags.get(REPORT_TAG),
        run_message=context.failure_event.message or "",
        steps=tuple(
            FailedStep(event.step_key or "", step_message(event)) for event in context.get_step_failure_events()
        ),
        rejections=rejections_of_run(run.run_id, published),
        places={"Den publicerade datan": display_path(published)},
    )


def mail_status() -> tuple[dg.DefaultSensorStatus, str]:
    """Running when a mail server is configured in the code location's environment; stopped, saying
    why, when it is not. A configuration that is wrong keeps the sensor running, so that every
    failed run logs the configuration error with its alert."""
    try:
        settings, state = settings_from_environment()
    except MailConfigurationError as error:
        return dg.DefaultSensorStatus.RUNNING, f"The mail configuration is wrong: {error}"
    return (dg.DefaultSensorStatus.RUNNING if settings else dg.DefaultSensorStatus.STOPPED), state


_STATUS, _STATE = mail_status()


@dg.run_failure_sensor(
    name="email_on_failure",
    minimum_interval_seconds=EVALUATION_INTERVAL_SECONDS,
    default_status=_STATUS,
    description="Sends one e-mail (in Swedish) for every failed run: a rejected report, a failed scheduled "
    f"check, any other failure. {_STATE} Stopped from the start while no mail server is configured.",
)
def email_on_failure(context: dg.RunFailureSensorContext, warehouse: Warehouse) -> None:
    deliver(compose(describe(context, warehouse.published()), dagster_ui_url()), context.log)


def deliver(alert: Alert, log: dg.DagsterLogManager) -> None:
    """Send the alert; while alerts are off, say so in the log with the alert's text.

    For every sensor that alerts: Dagster's run-status sensors do not come back to a run
    whose evaluation raised, so an alert that cannot be sent stays in the log, whole.
    """
    try:
        settings, state = settings_from_environment()
        if settings is None:
            log.warning(f"{state} Not sent: {alert.subject}\n{alert.body}")
            return
        send(settings, alert)
    except Exception as error:
        log.error(f"Could not send the alert ({error}):\n{alert.subject}\n{alert.body}")
        raise
    log.info(f'Sent "{alert.subject}": {state}')
