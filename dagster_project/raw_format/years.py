"""What a plausible report year is, for every command that takes YEAR."""

import argparse
from datetime import date

# Sjuhärads kommunalförbund was formed in the 1990s; no report can be older than this.
FIRST_REPORT_YEAR = 1990


def last_report_year() -> int:
    """A report is printed after its year ends; next year's is drafted at the earliest."""
    return date.today().year + 1


def report_year(text: str) -> int:
    """argparse type: a whole year between FIRST_REPORT_YEAR and next year."""
    value = text.strip()
    if not value.isdigit() or not FIRST_REPORT_YEAR <= int(value) <= last_report_year():
        raise argparse.ArgumentTypeError(
            f"YEAR={text!r} är inget rimligt rapportår: ange ett år mellan {FIRST_REPORT_YEAR} och {last_report_year()}"
        )
    return int(value)


def optional_report_year(text: str) -> int | None:
    """The same, where an empty value (YEAR not given) means none."""
    return report_year(text) if text.strip() else None
