"""A good report and a bad one dropped together beside the published 2012 report, and what to read back.

The good one is the synthetic 2013 report (tests/fixtures/synthetic-2013); the bad one is 2012
again, corrected wrongly: Borås's 2011 fee 7 198 keyed as 7 298, so note 3's 2011 column no
longer adds up.
"""

import shutil
from pathlib import Path

from tests.support.project import REPORT_2012, SYNTHETIC_2013, query

BAD_FEE = ("boras;Borås;item;summa;;7 249;7 198", "boras;Borås;item;summa;;7 249;7 298")


def borås_förbundsbidrag(warehouse: Path) -> dict[int, float]:
    return dict(
        query(
            warehouse,
            "select year, amount_tkr from marts.fct_fees where municipality_code = '1490' "
            "and fee_type = 'forbundsbidrag' order by year",
        )
    )


def drop_good_and_bad(raw_dir: Path) -> None:
    shutil.copytree(SYNTHETIC_2013, raw_dir / SYNTHETIC_2013.name)
    fees = raw_dir / REPORT_2012.name / "not_forbundsbidrag_kansli.csv"
    fees.write_text(fees.read_text(encoding="utf-8").replace(*BAD_FEE), encoding="utf-8")
