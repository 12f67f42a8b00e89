"""Drafting next year's raw tables from the published report (PDF or its text).

`draft.py` is the entry point (`make draft-report`); `check.py` checks a draft in a
scratch warehouse (`make check-draft`). See docs/drafting.md.
"""
