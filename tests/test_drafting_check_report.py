"""What `make check-draft` tells: the results the pipeline's run recorded, sorted by the draft's tables."""

from dagster_project.drafting.check import (
    GENERAL,
    DraftCheck,
    add_not_loaded,
    add_outcomes,
    add_step_failures,
    report_text,
)
from dagster_project.quality.reconciliation import Difference, Finding
from dagster_project.quality.results import CheckOutcome

DRAFT = "arsredovisning-2013"


def _message(report: str, printed: float, computed: float) -> str:
    difference = Difference(
        "statement_sum", report, "not_forbundsbidrag_kansli", "summa", "amount_current", 2013, printed, computed, 1.0
    )
    return Finding(difference, "error", "not acknowledged in report.yml").message


def test_each_discrepancy_of_the_draft_is_told_under_its_table_and_what_passed_is_counted(tmp_path):
    result = DraftCheck(tmp_path / DRAFT, DRAFT)
    outcomes = [
        CheckOutcome(
            "printed_totals_add_up",
            "marts/fct_note_lines",
            "reconciliation",
            "error",
            False,
            "see observed",
            {"errors": [_message(DRAFT, 16100, 16071), _message("arsredovisning-2012", 15861, 15860)], "warnings": []},
        ),
        CheckOutcome(
            "fct_fees_suite", "marts/fct_fees", "great_expectations", "error", True, "every expectation is met"
        ),
        CheckOutcome("groups_add_up", "marts/fct_visits", "dbt_test", "warning", False, "failed rows: 1"),
    ]

    add_outcomes(result, outcomes)

    assert result.problems == {
        "not_forbundsbidrag_kansli": [
            "statement_sum at line 'summa', column amount_current 2013: printed 16100, computed 16071, "
            "difference 29 (not acknowledged in report.yml)"
        ]
    }, "another report's discrepancy is not the draft's"
    assert result.warnings == {"dbt: groups_add_up": ["failed rows: 1"]}
    text = report_text(result)
    assert "1 problem(s), 1 warning(s) in 3 checks." in text
    assert "Passed: dbt tests 0 of 1; Great Expectations suites 1 of 1; reconciliations 0 of 1." in text
    assert "Every check passed" not in text


def test_a_failed_step_is_told_in_its_own_words_and_the_checks_it_kept_from_running_are_named(tmp_path):
    result = DraftCheck(tmp_path / DRAFT, DRAFT)

    add_step_failures(result, {"warehouse_dbt_models": "dbt build failed; nothing is published.\nfct_fees: boom"})
    add_outcomes(result, [CheckOutcome("not_null", "marts/fct_fees", "dbt_test", "error", True, "passed")])

    assert result.problems["step warehouse_dbt_models"] == ["dbt build failed; nothing is published.\nfct_fees: boom"]
    assert result.problems[GENERAL] == [
        "the reconciliations and the Great Expectations suites did not run: a step before them failed (above)"
    ]
    assert not result.ok


def test_a_draft_the_run_did_not_load_never_reads_as_passed(tmp_path):
    """Beside other reports, a report rejected at ingest is taken out and the run goes on: its checks pass without it."""
    result = DraftCheck(tmp_path / DRAFT, DRAFT)
    add_outcomes(
        result, [CheckOutcome("statement_sums", "marts/fct_income_statement", "reconciliation", "error", True, "ok")]
    )
    assert result.ok

    add_not_loaded(result, ["resultatrakning.csv, row 4, column amount_current: expected a number, found 'x'"])

    assert not result.ok
    assert "Every check passed" not in report_text(result)
    assert result.problems[GENERAL][0] == "the pipeline did not load the draft, so none of its checks ran on it"
