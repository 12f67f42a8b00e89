"""Every query the app runs, by mart family. Parameters only; no SQL is built from user input.
The year range is always an argument, `years` = (first, last): no query reads the session."""

from streamlit_app.queries import common, fees, medarbetarcentrum, meta, municipalities, statements, visits

__all__ = ["common", "fees", "medarbetarcentrum", "meta", "municipalities", "statements", "visits"]
