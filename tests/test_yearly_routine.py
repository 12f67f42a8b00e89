"""The yearly routine with `make build` in the middle: draft, build, review, confirm, publish.

Starts from the published 2012 warehouse. The 2013 report is drafted from its text; while
the draft is under review, `make build` builds 2012 only, says the draft waits, rejects and
quarantines nothing, and adds no version (nothing changed). The review's corrections are the
hand-keyed synthetic 2013 report (tests/fixtures/synthetic-2013); confirming renames the
manifest, and the next build publishes 2013.
"""

import shutil

import dagster as dg
import pytest

from dagster_project.build import build_all
from dagster_project.drafting.draft import draft_report
from dagster_project.publishing.rejections import read_all_rejections
from dagster_project.publishing.versions import list_versions
from dagster_project.raw_format.folders import DRAFT_MANIFEST
from tests.support.drafting_texts import report_2013
from tests.support.project import SYNTHETIC_2013, project_environment, query


@pytest.mark.pipeline
def test_draft_build_review_confirm_publish(report_beside_published_2012, tmp_path, capsys):
    raw_dir, warehouse = report_beside_published_2012
    versions = warehouse.parent / "versions"
    before = list_versions(versions)

    source = tmp_path / "arsredovisning-2013.txt"
    source.write_text(report_2013(), encoding="utf-8")
    draft = draft_report(source, raw_dir).folder
    assert (draft / DRAFT_MANIFEST).is_file()

    with project_environment(raw_dir, warehouse), dg.DagsterInstance.ephemeral() as instance:
        assert build_all(instance), "a draft under review is no failure"
        during_review = capsys.readouterr().out
        assert f"DRAFT {draft.name}: under review" in during_review
        assert "REJECTED" not in during_review and "QUARANTINED" not in during_review
        assert read_all_rejections(warehouse) == []
        assert query(warehouse, "select count(*) from audit.quarantined_reports") == [(0,)]
        assert list_versions(versions) == before, "nothing changed: no new version"

        for corrected in SYNTHETIC_2013.glob("*.csv"):
            shutil.copyfile(corrected, draft / corrected.name)
        shutil.copyfile(SYNTHETIC_2013 / "report.yml", draft / "report.yml")
        (draft / DRAFT_MANIFEST).unlink()

        assert build_all(instance)
    assert len(list_versions(versions)) == len(before) + 1
    assert query(
        warehouse,
        "select amount_tkr from marts.fct_fees where municipality_code = '1490' "
        "and fee_type = 'forbundsbidrag' and year = 2013",
    ) == [(7310,)]
