"""Stage 2, where each table stands: the latest published report as the template, its figures
removed (`template.py`), and each of its tables found in this report by title and rows, the
report's year from its title (`tables.py`)."""
