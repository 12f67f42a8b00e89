"""Drafts waiting for review: the app reads the review files the drafter writes next to a draft.

The file names and the CSV layout are the drafter's (dagster_project/drafting/review/report.py);
the app does not import the pipeline, so they are named here as the drafter writes them.
The raw folder is `SJUHARAD_RAW_DIR`, by default `<repo>/raw`, as for the pipeline.
"""

import os
from pathlib import Path

import pandas as pd

RAW_DIR_VARIABLE = "SJUHARAD_RAW_DIR"
DEFAULT_RAW_DIR = Path(__file__).resolve().parent.parent / "raw"
DRAFT_MANIFEST = "report.yml.draft"
REVIEW_DIR = "draft_review"
REVIEW_MD = "draft_review.md"
REVIEW_CSV = "draft_review.csv"


def raw_dir() -> Path:
    value = os.environ.get(RAW_DIR_VARIABLE, "").strip()
    return Path(value).expanduser() if value else DEFAULT_RAW_DIR


def pending_drafts() -> list[Path]:
    """Report folders whose manifest is still a draft and that have a review, newest first."""
    raw = raw_dir()
    if not raw.is_dir():
        return []
    found = (
        folder
        for folder in raw.iterdir()
        if (folder / DRAFT_MANIFEST).is_file() and (folder / REVIEW_DIR / REVIEW_CSV).is_file()
    )
    return sorted(found, key=lambda folder: folder.name, reverse=True)


def review(folder: Path) -> pd.DataFrame:
    """The draft's review, one row per cell or doubt, every column as text."""
    return pd.read_csv(folder / REVIEW_DIR / REVIEW_CSV, sep=";", dtype=str, keep_default_na=False)
