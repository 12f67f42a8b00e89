"""Stage 4, the review: every total recomputed and prior-year figures compared with last year's
report (`arithmetic.py`), and the review a person reads (`report.py`)."""
