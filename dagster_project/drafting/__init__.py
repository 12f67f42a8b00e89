"""Drafting next year's raw tables from the published report (PDF or its text).

`draft.py` is the entry point (`make draft-report`); `check.py` stages a draft for the
pipeline's checks, which `dagster_project/check_draft.py` runs (`make check-draft`). See
docs/drafting.md.
"""
