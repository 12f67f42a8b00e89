"""Stage 3, the readers, one per table type, all with one contract (`draft.READERS`): statements
and notes (`rows.py`, `statements.py`), Navet's visitors (`visits.py`), staff (`staff.py`),
Medarbetarcentrum (`mc_tables.py`), their rows found by `grids.py`, key figures and goals
(`texts.py`); the one search against the printed totals (`totals.py`)."""
