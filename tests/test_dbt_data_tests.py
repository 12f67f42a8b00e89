"""dbt's data tests, each rule where it lives: on a copy of the published 2012 warehouse with
three faults, one for each rule below, and dbt's tests run once over it (a dbt process costs
about 11 s of CPU, whatever it tests).

- an unknown municipality: Mark's line of note 4 keyed as "Marks kommun";
- an unmapped visitor label: Bilaga 1's "Övriga" (2011) keyed as "Övriga gäster";
- a lost visitor group: 2011's "Högskolan Borås" (775 visits) gone from the mart.
"""

import pytest

from dagster_project.quality.dbt_tests import run_data_tests
from dagster_project.quality.results import CheckOutcome
from tests.support.project import changed_copy

UNKNOWN_MUNICIPALITY = "not_null_int_fees_municipality_code"
UNMAPPED_LABEL = "relationships_int_visits_visitor_group__visitor_group__ref_visitor_groups_"
LOST_GROUP = "groups_add_up_to_printed_total_fct_visits_conformed_group"
FAULTS = (
    "update raw.statement_lines set label = 'Marks kommun' "
    "where table_id = 'not_medlemsavgifter_navet' and label = 'Mark' returning 1",
    "update raw.navet_visits set visitor_group = 'Övriga gäster' where visitor_group = 'Övriga' returning 1",
    "delete from marts.fct_visits where visitor_group = 'Högskolan Borås' returning 1",
)


@pytest.fixture(scope="module")
def outcomes(published_2012, tmp_path_factory) -> dict[str, CheckOutcome]:
    database = changed_copy(published_2012, tmp_path_factory.mktemp("dbt_data_tests"), *FAULTS)
    return {outcome.check_name: outcome for outcome in run_data_tests(database)}


def test_each_fault_fails_its_own_test_and_no_other(outcomes):
    assert sorted(name for name, outcome in outcomes.items() if not outcome.passed) == sorted(
        [UNKNOWN_MUNICIPALITY, UNMAPPED_LABEL, LOST_GROUP]
    )


def test_an_unknown_municipality_fails_the_not_null_test_on_int_fees(outcomes):
    failed = outcomes[UNKNOWN_MUNICIPALITY]
    assert (failed.passed, failed.asset, failed.severity) == (False, "staging/int_fees", "error")
    assert failed.observed == {"status": "fail", "failures": 2}, "the 2012 and the 2011 column"


def test_an_unmapped_visitor_label_fails_its_relationship_to_the_groups_seed(outcomes):
    unmapped = outcomes[UNMAPPED_LABEL]
    assert not unmapped.passed and unmapped.severity == "error", unmapped
    # 'Övriga gäster' has no group: its six category cells of 2011 (2 311, 202, 3 743, 8 177, 5 918, 657).
    assert unmapped.observed["failures"] == 6


def test_a_lost_visitor_group_no_longer_adds_up_to_the_printed_total(outcomes):
    lost = outcomes[LOST_GROUP]
    assert not lost.passed and lost.observed["failures"] == 1, "2011 lost Högskolan Borås's 775 visits"
