"""Comparing municipalities the way Kolada does: the rank among the members that have a
value ("plats 3 av 8"), the difference from the members' unweighted mean, and a colour only
where the measure has a direction in which it is better.

The measures are the columns of fct_municipality_figures and fct_municipality_returns
(queries.municipalities.municipalities_in_year); MEASURES says for each what it is, how it is derived and whether
higher or lower is better. Pure functions over a frame with one row per municipality.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from streamlit_app import formatting
from streamlit_app.derived import POPULATION_BASIS_LABEL

HIGHER, LOWER = "higher", "lower"
GOOD, MIDDLE, BAD = "good", "middle", "bad"
ASSESSMENT_TEXT = {
    GOOD: "Bland de bästa (bästa fjärdedelen)",
    MIDDLE: "Mittemellan",
    BAD: "Bland de sämsta (sämsta fjärdedelen)",
}
ASSESSMENT_COLOURS = {GOOD: "#d4edda", MIDDLE: "#fff3cd", BAD: "#f8d7da"}
CHOSEN_COLOUR = "#dbe9f6"
COLOUR_NOTE = (
    "Färg används bara där måttet har en riktning som är bättre: grön för den bästa fjärdedelen av "
    "medlemskommunerna, röd för den sämsta och gul däremellan. Mått utan en sådan riktning, som avgifter "
    "och avgifter per invånare, färgas inte."
)
NO_DIRECTION_HELP = "Måttet har ingen riktning som är bättre eller sämre, så jämförelsen färgas inte."


@dataclass(frozen=True)
class Measure:
    column: str
    label: str
    unit: str
    decimals: int
    meaning: str
    direction: str | None = None
    share: bool = False
    most: str = "högst"
    subject: str = ""
    printed_negative: bool = False

    @property
    def first_end(self) -> str:
        """Which end of the ranking is plats 1: `lägst` where lower is better, else the largest value."""
        return "lägst" if self.direction == LOWER else self.most

    @property
    def first_place(self) -> str:
        """`plats 1 = lägst navetavgift per besök`: the rank's order in words."""
        return f"plats 1 = {self.first_end} {self.label[0].lower()}{self.label[1:]}"

    @property
    def help(self) -> str:
        if self.direction == HIGHER:
            rank = "Högre är bättre, och färgen visar om kommunen hör till den bästa eller sämsta fjärdedelen."
        elif self.direction == LOWER:
            rank = "Lägre är bättre, och färgen visar om kommunen hör till den bästa eller sämsta fjärdedelen."
        else:
            rank = NO_DIRECTION_HELP
        return f"{self.meaning} {rank} Placeringen: {self.first_place}."


_DERIVED = f"Invånarunderlaget är härlett, inte tryckt: {POPULATION_BASIS_LABEL}; det finns bara för år då årsredovisningen anger avgiften per invånare."
MEASURES = {
    measure.column: measure
    for measure in (
        Measure(
            "fees_total_tkr",
            "Avgifter totalt",
            "tkr",
            0,
            "Förbundsbidrag och medlemsavgifter till Navet och Medarbetarcentrum, summerade (noterna om avgifter).",
        ),
        Measure(
            "forbundsbidrag_tkr",
            "Förbundsbidrag",
            "tkr",
            0,
            "Förbundsbidraget till kansliet (noten Förbundsbidrag, kansli).",
        ),
        Measure(
            "navet_tkr", "Medlemsavgift Navet", "tkr", 0, "Medlemsavgiften till Navet (noten Medlemsavgifter, Navet)."
        ),
        Measure(
            "medarbetarcentrum_tkr",
            "Medlemsavgift Medarbetarcentrum",
            "tkr",
            0,
            "Medlemsavgiften till Medarbetarcentrum (noten Medlemsavgifter, Medarbetarcentrum).",
        ),
        Measure(
            "fees_per_inhabitant_kr",
            "Avgifter per invånare",
            "kr",
            1,
            f"Alla avgifter i kronor delat med invånarunderlaget. {_DERIVED} En högre avgift per invånare "
            "speglar vilka tjänster kommunen köper, inte att den får mer eller mindre för pengarna.",
        ),
        Measure(
            "fee_share",
            "Andel av alla avgifter",
            "%",
            1,
            "Kommunens avgifter delat med alla kommuners avgifter samma år.",
            share=True,
        ),
        Measure(
            "visits",
            "Besök på Navet",
            "besök",
            0,
            "Besök på Navet av kommunens egna besöksgrupper (Navets besökstabell i bilaga 1). "
            "Antalet följer kommunens storlek.",
            most="flest",
        ),
        Measure(
            "visit_share",
            "Andel av Navets kommunbesök",
            "%",
            1,
            "Kommunens besök delat med besöken av alla besöksgrupper som är en kommun; "
            "övriga besöksgrupper ingår inte.",
            share=True,
        ),
        Measure(
            "visits_per_thousand",
            "Besök per 1 000 invånare",
            "besök",
            1,
            f"Besök på Navet delat med invånarunderlaget, gånger 1 000. {_DERIVED} "
            "Fler besök per invånare betyder att fler av kommunens barn, lärare och invånare använder Navet.",
            direction=HIGHER,
            most="flest",
        ),
        Measure(
            "navet_kr_per_visit",
            "Navetavgift per besök",
            "kr",
            0,
            "Medlemsavgiften till Navet i kronor delat med kommunens besök. En lägre avgift per besök "
            "betyder att kommunen får fler besök för sin avgift.",
            direction=LOWER,
        ),
        Measure(
            "positive_change_share",
            "Andel av Medarbetarcentrums positiva förändringar",
            "%",
            1,
            "Personer i kommunens kolumn som kommit till positiv förändring, delat med alla kommuners. "
            "Kolumnens kommun är tryckt eller en dokumenterad slutsats (se Om Sjuhärad Insyn).",
            share=True,
        ),
    )
}


# The federation's own figures on Översikt: what a change means, in words, and whether it is good.
# Costs are printed as negative amounts in the income statement; they rise when the amount grows.
FEDERATION_MEASURES = {
    measure.column: measure
    for measure in (
        Measure("arets_resultat", "Årets resultat", "tkr", 0, "Resultaträkningen.", HIGHER, subject="resultatet"),
        Measure(
            "verksamhetens_intakter", "Verksamhetens intäkter", "tkr", 0, "Resultaträkningen.", subject="intäkterna"
        ),
        Measure(
            "verksamhetens_kostnader",
            "Verksamhetens kostnader",
            "tkr",
            0,
            "Resultaträkningen, där kostnaderna står med minustecken.",
            LOWER,
            subject="kostnaderna",
            printed_negative=True,
        ),
        Measure(
            "fees_total",
            "Medlemsavgifter och förbundsbidrag",
            "tkr",
            0,
            "Noterna om avgifter.",
            subject="avgifterna",
        ),
        Measure("visits_total", "Besök på Navet", "", 0, "Navets besökstabell i bilaga 1.", HIGHER, subject="besöken"),
    )
}


@dataclass(frozen=True)
class Change:
    """A change from one year to the next, as a reader reads it."""

    sentence: str
    short: str
    arrow: str
    colour: str
    difference: float


def change_in_words(
    measure: Measure, current: float | None, previous: float | None, previous_year: int
) -> Change | None:
    """`Kostnaderna ökade med 649 tkr (1,0 %) mot 2011`; the arrow follows the words, the colour what the
    change means for the reader (green where the measure moved in its better direction, grey where none is)."""
    if formatting.is_missing(current) or formatting.is_missing(previous):
        return None
    sign = -1 if measure.printed_negative else 1
    now, before = sign * float(current), sign * float(previous)
    difference = now - before
    subject = measure.subject[0].upper() + measure.subject[1:]
    if difference == 0:
        return Change(f"{subject} ändrades inte mot {previous_year}", "Oförändrat", "off", "gray", 0.0)
    verb = "ökade" if difference > 0 else "minskade"
    amount = formatting.format_number(abs(difference), measure.decimals)
    amount = formatting.with_unit(amount, measure.unit) if measure.unit else amount
    percent = formatting.percent_change(now, before)
    relative = f" ({formatting.format_percent(abs(percent))})" if percent is not None else ""
    colour = "gray"
    if measure.direction is not None:
        colour = "green" if (difference > 0) == (measure.direction == HIGHER) else "red"
    return Change(
        f"{subject} {verb} med {amount}{relative} mot {previous_year}",
        f"{verb.capitalize()} med {amount}{relative}",
        "up" if difference > 0 else "down",
        colour,
        difference,
    )


def rank_and_compare(rows: pd.DataFrame, measure: Measure) -> pd.DataFrame:
    """Per municipality: value, rank among the members with a value, the members' count and mean, the difference.

    `rows` has municipality_code, municipality_name, membership and the measure's column. An
    adjoined municipality keeps its value but has no rank, and is not part of the mean. Sorted by
    rank, then name; the unranked last.
    """
    values = pd.to_numeric(rows[measure.column], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    ranked = (rows["membership"] == "member").to_numpy(dtype=bool) & ~np.isnan(values)
    count = int(ranked.sum())
    ordered = values if measure.direction == LOWER else -values
    rank = pd.Series(np.where(ranked, ordered, np.nan)).rank(method="min").to_numpy()
    mean = float(values[ranked].mean()) if count else float("nan")
    difference = values - mean
    result = pd.DataFrame(
        {
            "municipality_code": rows["municipality_code"].to_numpy(),
            "municipality_name": rows["municipality_name"].to_numpy(),
            "membership": rows["membership"].to_numpy(),
            "value": values,
            "rank": pd.array(np.where(np.isnan(rank), 0, rank).astype("int64"), dtype="Int64"),
            "ranked_count": count,
            "member_mean": mean,
            "difference": difference,
            "difference_percent": difference / abs(mean) * 100 if mean else np.nan,
            "assessment": _assessments(rank, count, measure),
        }
    )
    result.loc[np.isnan(rank), "rank"] = pd.NA
    order = np.lexsort((result["municipality_name"].to_numpy(dtype=str), np.where(np.isnan(rank), np.inf, rank)))
    return result.iloc[order].reset_index(drop=True)


def position(rows: pd.DataFrame, measure: Measure, code: str) -> dict:
    """One municipality's row of rank_and_compare (value, rank, ranked_count, member_mean, difference,
    difference_percent, assessment), computed without ranking every municipality."""
    values = pd.to_numeric(rows[measure.column], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    ranked = (rows["membership"] == "member").to_numpy(dtype=bool) & ~np.isnan(values)
    count = int(ranked.sum())
    mean = float(values[ranked].mean()) if count else float("nan")
    mine = (rows["municipality_code"] == code).to_numpy(dtype=bool)
    value = float(values[mine][0]) if mine.any() else float("nan")
    rank = float("nan")
    if mine.any() and ranked[mine][0]:
        better = values[ranked] < value if measure.direction == LOWER else values[ranked] > value
        rank = float(better.sum() + 1)
    difference = value - mean
    return {
        "value": value,
        "rank": pd.NA if np.isnan(rank) else int(rank),
        "ranked_count": count,
        "member_mean": mean,
        "difference": difference,
        "difference_percent": difference / abs(mean) * 100 if mean else float("nan"),
        "assessment": _assessments(np.array([rank]), count, measure)[0],
    }


def _assessments(rank: np.ndarray, count: int, measure: Measure) -> np.ndarray:
    if measure.direction is None or count < 2:
        return np.full(len(rank), None, dtype=object)
    found = np.where(rank <= count / 4, GOOD, np.where(rank > count * 3 / 4, BAD, MIDDLE)).astype(object)
    found[np.isnan(rank)] = None
    return found


def assessment(rank: object, count: int, measure: Measure) -> str | None:
    """Kolada's colours by quartile: the best quarter good, the worst bad; none without a direction."""
    if rank is None or pd.isna(rank):
        return None
    return _assessments(np.array([float(rank)]), count, measure)[0]


def rank_text(rank: object, count: int) -> str:
    if rank is None or pd.isna(rank):
        return "ingen placering"
    return f"plats {int(rank)} av {count}"
