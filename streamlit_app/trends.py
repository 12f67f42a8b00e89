"""Change over the chosen period next to the change against the year before. Pure functions.

For a figure with a value per year: from the first to the last year of the range that has a
value, the change in units and in per cent, and the average yearly change (in units per
year, and in per cent per year as a compound rate where both ends are positive); and the
change from the year before the last.
"""

from dataclasses import dataclass

import pandas as pd

from streamlit_app import formatting

TREND_COLUMNS = [
    "Mått",
    "Första år",
    "Värde första år",
    "Sista år",
    "Värde sista år",
    "Förändring",
    "Förändring (%)",
    "Genomsnitt per år",
    "Genomsnitt per år (%)",
    "Mot året före",
    "Mot året före (%)",
]


@dataclass(frozen=True)
class Trend:
    first_year: int
    first_value: float
    last_year: int
    last_value: float
    previous_value: float | None

    @property
    def years(self) -> int:
        return self.last_year - self.first_year

    @property
    def change(self) -> float | None:
        return self.last_value - self.first_value if self.years else None

    @property
    def change_percent(self) -> float | None:
        return formatting.percent_change(self.last_value, self.first_value) if self.years else None

    @property
    def yearly_change(self) -> float | None:
        return self.change / self.years if self.years else None

    @property
    def yearly_percent(self) -> float | None:
        """The compound yearly rate; None unless both ends are positive."""
        if not self.years or self.first_value <= 0 or self.last_value <= 0:
            return None
        return ((self.last_value / self.first_value) ** (1 / self.years) - 1) * 100

    @property
    def previous_change(self) -> float | None:
        return None if self.previous_value is None else self.last_value - self.previous_value

    @property
    def previous_change_percent(self) -> float | None:
        return formatting.percent_change(self.last_value, self.previous_value)


def trend(values: pd.Series, first: int, last: int) -> Trend | None:
    """`values` indexed by year; the range is first..last. None when no year of the range has a value."""
    known = pd.to_numeric(values, errors="coerce").dropna()
    known.index = known.index.astype(int)
    in_range = known[(known.index >= first) & (known.index <= last)].sort_index()
    if in_range.empty:
        return None
    last_year = int(in_range.index[-1])
    previous = known.get(last_year - 1)
    return Trend(
        int(in_range.index[0]),
        float(in_range.iloc[0]),
        last_year,
        float(in_range.iloc[-1]),
        None if previous is None else float(previous),
    )


def trend_row(
    label: str, found: Trend | None, unit: str = "", decimals: int = 0, change_unit: str | None = None
) -> dict:
    """One row of a trend table, formatted for display (Swedish numbers); `change_unit` for the changes
    when it differs from the values' unit (a share in % changes in procentenheter)."""
    change_unit = unit if change_unit is None else change_unit

    def number(value):
        return (
            formatting.with_unit(formatting.format_number(value, decimals), unit)
            if unit
            else formatting.format_number(value, decimals)
        )

    def signed(value):
        text = formatting.format_signed(value, decimals)
        return formatting.with_unit(text, change_unit) if change_unit else text

    if found is None:
        return {"Mått": label} | {column: formatting.MISSING for column in TREND_COLUMNS[1:]}
    return {
        "Mått": label,
        "Första år": str(found.first_year),
        "Värde första år": number(found.first_value),
        "Sista år": str(found.last_year),
        "Värde sista år": number(found.last_value),
        "Förändring": signed(found.change),
        "Förändring (%)": formatting.format_signed_percent(found.change_percent),
        "Genomsnitt per år": signed(found.yearly_change),
        "Genomsnitt per år (%)": formatting.format_signed_percent(found.yearly_percent),
        "Mot året före": signed(found.previous_change),
        "Mot året före (%)": formatting.format_signed_percent(found.previous_change_percent),
    }


def trend_values_row(label: str, found: Trend | None) -> dict:
    """The same row with raw numbers, for downloads."""
    if found is None:
        return {"Mått": label}
    return {
        "Mått": label,
        "Första år": found.first_year,
        "Värde första år": found.first_value,
        "Sista år": found.last_year,
        "Värde sista år": found.last_value,
        "Förändring": found.change,
        "Förändring (%)": found.change_percent,
        "Genomsnitt per år": found.yearly_change,
        "Genomsnitt per år (%)": found.yearly_percent,
        "Mot året före": found.previous_change,
        "Mot året före (%)": found.previous_change_percent,
    }
