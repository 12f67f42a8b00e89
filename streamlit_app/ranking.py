"""The Kolada-style comparison on screen: a sortable table of every municipality with its rank
among the members, the difference from the members' unweighted mean, the chosen municipality
highlighted, and colour only where the measure has a better direction."""

import altair as alt
import pandas as pd
import streamlit as st

from streamlit_app import formatting
from streamlit_app.comparison import (
    ASSESSMENT_COLOURS,
    ASSESSMENT_TEXT,
    CHOSEN_COLOUR,
    Measure,
    rank_text,
)
from streamlit_app.components import chart, table
from streamlit_app.labels import MEMBERSHIP

LABEL_ROOM = 1.35
RANKED_COLUMNS = {
    "municipality_name": "Kommun",
    "membership": "Medlemskap",
    "rank": "Plats",
    "value": "Värde",
    "difference": "Skillnad mot medel",
    "difference_percent": "Skillnad mot medel (%)",
    "assessment": "Bedömning",
}


def measure_value(measure: Measure, value: object) -> str:
    """The value as the measure reads: `54,7 %`, `7 249 tkr`, `243 kr`, `18 542 besök`."""
    if measure.share:
        return formatting.format_share(value, measure.decimals)
    return formatting.with_unit(formatting.format_number(value, measure.decimals), measure.unit)


def measure_difference(measure: Measure, value: object) -> str:
    if measure.share:
        if formatting.is_missing(value):
            return formatting.MISSING
        return formatting.with_unit(formatting.format_signed(float(value) * 100, measure.decimals), "procentenheter")
    return formatting.with_unit(formatting.format_signed(value, measure.decimals), measure.unit)


def ranked_for_display(ranked: pd.DataFrame, measure: Measure) -> pd.DataFrame:
    """The ranked rows with Swedish columns; raw numbers (formatted by the table, sorted as numbers)."""
    shown = ranked.assign(
        membership=ranked["membership"].map(MEMBERSHIP),
        assessment=[ASSESSMENT_TEXT.get(value, "") if value else "" for value in ranked["assessment"]],
    )
    columns = dict(RANKED_COLUMNS)
    if measure.direction is None:
        columns.pop("assessment")
    return shown[list(columns)].rename(columns=columns)


def highlight(colours: pd.DataFrame, frame: pd.DataFrame, chosen_name: str | None) -> pd.DataFrame:
    """`colours` (CSS per cell of `frame`) with the chosen municipality's row marked."""
    if chosen_name is not None:
        colours.loc[frame["Kommun"] == chosen_name, :] = f"background-color: {CHOSEN_COLOUR}; font-weight: bold"
    return colours


def comparison_table(
    ranked: pd.DataFrame, measure: Measure, chosen_name: str | None, title: str, key: str, sources: list[str]
) -> None:
    shown = ranked_for_display(ranked, measure)
    assessments = list(ranked["assessment"])

    def backgrounds(frame: pd.DataFrame) -> pd.DataFrame:
        colours = highlight(pd.DataFrame("", index=frame.index, columns=frame.columns), frame, chosen_name)
        for index in frame.index:
            if "Bedömning" in frame.columns and assessments[index] in ASSESSMENT_COLOURS:
                colours.at[index, "Bedömning"] = f"background-color: {ASSESSMENT_COLOURS[assessments[index]]}"
        return colours

    count = int(ranked["ranked_count"].iloc[0]) if len(ranked) else 0
    table(
        shown,
        title,
        {
            "Plats": lambda rank: rank_text(rank, count),
            "Värde": lambda value: measure_value(measure, value),
            "Skillnad mot medel": lambda value: measure_difference(measure, value),
            "Skillnad mot medel (%)": formatting.format_signed_percent,
        },
        sources,
        source_extra=_mean_note(ranked, measure),
        key=key,
        backgrounds=backgrounds,
        column_help={
            "Värde": st.column_config.Column(help=measure.help),
            "Plats": st.column_config.Column(
                help=f"Placering bland de medlemskommuner som har ett värde: {measure.first_place}."
            ),
            "Skillnad mot medel": st.column_config.Column(help="Skillnad mot medlemskommunernas oviktade medelvärde."),
        },
    )


def _mean_note(ranked: pd.DataFrame, measure: Measure) -> str:
    count = int(ranked["ranked_count"].iloc[0]) if len(ranked) else 0
    mean = ranked["member_mean"].iloc[0] if len(ranked) else None
    return (
        f"Placering: {measure.first_place}. Medelvärdet {measure_value(measure, mean)} är oviktat: summan av medlemskommunernas värden delat med "
        f"antalet medlemskommuner med ett värde ({count}). Adjungerade kommuner visas men rangordnas inte"
    )


def comparison_chart(
    ranked: pd.DataFrame, measure: Measure, chosen_name: str | None, sources: list[str], limit: int
) -> None:
    """Bars of the measure for the ranked members (at most `limit`, the chosen always), the mean as a rule."""
    with_value = ranked[ranked["value"].notna()]
    shown = with_value.head(limit)
    if chosen_name is not None and chosen_name not in set(shown["municipality_name"]):
        shown = pd.concat([shown, with_value[with_value["municipality_name"] == chosen_name]])
    if shown.empty:
        return
    shown = shown.assign(
        chosen=shown["municipality_name"].eq(chosen_name).map({True: chosen_name or "", False: "Övriga"}),
        plotted=shown["value"] * (100 if measure.share else 1),
    )
    unit = "%" if measure.share else measure.unit
    axis_format = f",.{measure.decimals}f"
    bars = (
        alt.Chart(shown)
        .mark_bar()
        .encode(
            y=alt.Y("municipality_name:N", title=None, sort=list(shown["municipality_name"])),
            x=alt.X(
                "plotted:Q",
                axis=alt.Axis(title=f"{measure.label} ({unit})", format=axis_format),
                # Room right of the longest bar for the chosen municipality's label.
                scale=alt.Scale(domainMax=float(max(shown["plotted"].max(), 0)) * LABEL_ROOM),
            ),
            color=alt.Color(
                "chosen:N",
                title=None,
                scale=alt.Scale(domain=[chosen_name or "", "Övriga"], range=["#1f5f99", "#a9c3dd"]),
            ),
            tooltip=[
                alt.Tooltip("municipality_name:N", title="Kommun"),
                alt.Tooltip("plotted:Q", title=f"{measure.label} ({unit})", format=axis_format),
            ],
        )
    )
    mean = ranked["member_mean"].iloc[0]
    layers = [bars, _chosen_label(shown, measure, chosen_name)]
    if not formatting.is_missing(mean):
        rule_frame = pd.DataFrame({"mean": [mean * (100 if measure.share else 1)], "label": ["Medel, medlemskommuner"]})
        layers.append(
            alt.Chart(rule_frame)
            .mark_rule(color="#c0392b", strokeDash=[4, 3])
            .encode(
                x="mean:Q",
                tooltip=[alt.Tooltip("label:N", title=" "), alt.Tooltip("mean:Q", title=unit, format=axis_format)],
            )
        )
    figure = alt.layer(*layers).properties(height=max(160, 28 * len(shown)))
    chart(figure, sources, "Den streckade linjen är medlemskommunernas oviktade medelvärde")


def _chosen_label(shown: pd.DataFrame, measure: Measure, chosen_name: str | None) -> alt.Chart:
    """The chosen municipality's bar labelled with its name and value (`Borås: 243 kr`)."""
    chosen = shown[shown["municipality_name"] == chosen_name]
    labelled = chosen.assign(
        label=[
            f"{name}: {measure_value(measure, value)}"
            for name, value in zip(chosen["municipality_name"], chosen["value"])
        ]
    )
    return (
        alt.Chart(labelled[["municipality_name", "plotted", "label"]])
        .mark_text(align="left", dx=4, fontWeight="bold", color="#1f5f99")
        .encode(
            y=alt.Y("municipality_name:N", sort=list(shown["municipality_name"])),
            x="plotted:Q",
            text="label:N",
        )
    )


def position_text(ranked: pd.DataFrame, measure: Measure, code: str) -> str:
    """`plats 3 av 8, 12,4 kr över medel (+5,1 %)` for the municipality, or why it has no place."""
    own = ranked[ranked["municipality_code"] == code]
    if own.empty or formatting.is_missing(own["value"].iloc[0]):
        return "inget värde"
    row = own.iloc[0]
    if pd.isna(row["rank"]):
        return f"{measure_value(measure, row['value'])} (adjungerad, rangordnas inte)"
    difference = measure_difference(measure, row["difference"])
    return f"{rank_text(row['rank'], int(row['ranked_count']))}, {difference} mot medel"
