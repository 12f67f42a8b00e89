"""Daily quality checks of the published warehouse."""

import dagster as dg

from dagster_project.defs.quality.published_recheck import published_quality_checks

daily_published_quality_checks = dg.ScheduleDefinition(
    name="daily_published_quality_checks",
    job=published_quality_checks,
    cron_schedule="0 6 * * *",
    execution_timezone="Europe/Stockholm",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Every morning: every check against the published warehouse (read-only), results kept in its audit table.",
)

SCHEDULES = [daily_published_quality_checks]
