"""Stage 1, the report's text: numbered lines with their page, from a text file (`source.py`) or
from a PDF read by its layout (`layout.py`); Swedish figures (`figures.py`), row labels
(`labels.py`) and last year's phrases with every figure a slot (`phrases.py`)."""
