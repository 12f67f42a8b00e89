"""Is the published warehouse current with raw/? A warning check on published_warehouse.

It runs after every publication (it is part of the pipeline's asset selection), and every
morning by itself, so that a report that waits unpublished (rejected, or stopped by a
check) shows in the UI as a warning on the published warehouse. `make status` says the same.
"""

import dagster as dg

from dagster_project.defs.publish.assets import published_warehouse
from dagster_project.publishing.status import current_status, describe, duration_text

CHECK_NAME = "published_data_is_current"


@dg.asset_check(
    asset=published_warehouse,
    name=CHECK_NAME,
    blocking=False,
    description="Warns when a report folder in raw/ has waited unpublished for more than 30 minutes "
    "(new, changed or rejected); reports how old the published version is against the newest report folder.",
)
def published_data_is_current() -> dg.AssetCheckResult:
    status = current_status()
    behind = status.behind
    return dg.AssetCheckResult(
        passed=status.published_at is not None and not status.stale,
        severity=dg.AssetCheckSeverity.WARN,
        description="\n".join(describe(status)),
        metadata={
            "published_version": status.version_id or "",
            "published_at": status.published_at.isoformat() if status.published_at else "",
            "newest_report_folder": status.newest.report_id if status.newest else "",
            "behind_newest_folder": duration_text(behind) if behind is not None else "",
            "waiting": dg.MetadataValue.json({folder.report_id: folder.state for folder in status.waiting}),
        },
    )


published_status_job = dg.define_asset_job(
    "published_status",
    selection=dg.AssetSelection.checks(published_data_is_current),
    description="Checks that every report folder in raw/ is published (a warning when not).",
)

daily_published_status = dg.ScheduleDefinition(
    name="daily_published_status",
    job=published_status_job,
    cron_schedule="30 6 * * *",
    execution_timezone="Europe/Stockholm",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Every morning after the quality checks: is every report folder in raw/ published?",
)
