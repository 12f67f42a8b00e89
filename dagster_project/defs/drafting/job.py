"""The job that drafts one report dropped into the inbox: raw tables for a person to review and confirm.

Nothing is published: the draft's manifest is report.yml.draft, which the raw-folder sensor
ignores until a person renames it. The draft is made within the limits of
drafting/limits.py; the file then leaves the inbox for inbox/handled/ or inbox/failed/,
with why beside it. Drafts never write the warehouse, so they run in a pool of their own
(`drafting`) and never wait for the warehouse's runs; Dagster's run monitoring ends a run
past MAX_RUNTIME_SECONDS, should the worker's own limits not.
"""

from pathlib import Path

import dagster as dg

from dagster_project import paths
from dagster_project.defs.drafting.inbox_files import move_out
from dagster_project.drafting.draft import DRAFT_MANIFEST
from dagster_project.drafting.limits import LIMITS, DraftLimitError, draft_within_limits
from dagster_project.raw_format.fingerprint import file_sha256

DRAFT_JOB = "draft_report"
DRAFTING_POOL = "drafting"
MAX_RUNTIME_SECONDS = int(LIMITS.max_seconds) + 120


class DraftReportConfig(dg.Config):
    source: str  # the report file: a PDF or a text extraction of it
    sha256: str = ""  # the file's hash when the sensor saw it; a file changed since is not drafted
    year: int | None = None


def _in_inbox(source: Path) -> bool:
    return source.absolute().parent == paths.inbox_dir().absolute()


@dg.op(
    pool=DRAFTING_POOL,
    description="Draft next year's raw tables from the report file into a new folder in raw/, with its review.",
)
def draft_report_from_file(context: dg.OpExecutionContext, config: DraftReportConfig) -> dg.Output[str]:
    source = Path(config.source)
    if not source.is_file():
        raise dg.Failure(description=f"{source}: the file is gone from the inbox; nothing was drafted")
    sha256 = file_sha256(source)
    if config.sha256 and sha256 != config.sha256:
        raise dg.Failure(
            description=f"{source} changed after the sensor saw it; the sensor drafts the new content in its own run"
        )
    try:
        result = draft_within_limits(source, year=config.year)
    except DraftLimitError as error:
        if _in_inbox(source):
            moved = move_out(source, "failed", str(error))
            context.log.warning(f"{source.name} moved to {moved.parent}")
        raise dg.Failure(description=f"{source.name} could not be drafted: {error}") from None
    if _in_inbox(source):
        move_out(source, "handled", f"utkast i {result.folder} (körning {context.run_id})")
    context.log.info(f"Drafted {result.folder} ({result.cells} cells, {result.doubts} doubts); review: {result.review}")
    return dg.Output(
        str(result.folder),
        metadata={
            "review": dg.MetadataValue.path(str(result.review)),
            "draft_folder": dg.MetadataValue.path(str(result.folder)),
            "year": result.year,
            "tables_found": f"{result.tables_found} of {result.tables}",
            "cells": result.cells,
            "doubts": result.doubts,
            "source_sha256": sha256,
            "next_step": dg.MetadataValue.md(
                f"Review `{result.review}`, run `make check-draft YEAR={result.year}`, then rename `{DRAFT_MANIFEST}` to `report.yml`."
                + (f"\n\n**{result.folder_note}.**" if result.folder_note else "")
            ),
        },
    )


@dg.job(
    name=DRAFT_JOB,
    executor_def=dg.in_process_executor,
    tags={"dagster/max_runtime": MAX_RUNTIME_SECONDS},
    description="Draft a report dropped into the inbox into raw/ (report.yml.draft and draft_review/); publishes nothing.",
)
def draft_report_job():
    draft_report_from_file()
