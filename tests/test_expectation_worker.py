"""The Great Expectations worker process: the same outcomes as in this process, from a file
it only reads, and a clear error when it cannot do its work."""

import hashlib

import pytest

from dagster_project.quality import great_expectations_runner
from dagster_project.quality.expectation_worker import ExpectationWorker
from dagster_project.quality.suites import all_suites


def test_the_worker_gives_every_suite_the_outcome_this_process_gives(published_2012):
    before = hashlib.sha256(published_2012.read_bytes()).hexdigest()
    worker = ExpectationWorker()
    worker.submit(all_suites(), published_2012)
    from_worker = worker.outcomes()

    here = list(great_expectations_runner.run_suites(all_suites(), published_2012))
    assert [(o.check_name, o.passed, o.message) for o in from_worker] == [(o.check_name, o.passed, o.message) for o in here]
    assert {o.check_name for o in from_worker} >= {"gx_fct_fees", "gx_fct_visits", "gx_navet_visits"}
    assert next(o for o in from_worker if o.check_name == "gx_fct_fees").observed["rows"] == 44
    assert hashlib.sha256(published_2012.read_bytes()).hexdigest() == before


def test_a_missing_file_is_an_error_that_names_it(tmp_path):
    worker = ExpectationWorker()
    worker.submit(all_suites()[:1], tmp_path / "no_such.duckdb")
    with pytest.raises(RuntimeError, match="no_such.duckdb"):
        worker.outcomes()
