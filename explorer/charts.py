"""Altair charts that render with no network: no map tiles, no remote data."""

from __future__ import annotations

import altair as alt
import pandas as pd


def _extent(events: pd.DataFrame) -> tuple[list[list[float]], float]:
    """The events' bounding box, padded, and a grid step that draws about ten lines across it."""
    west, east = float(events["longitude"].min()), float(events["longitude"].max())
    south, north = float(events["latitude"].min()), float(events["latitude"].max())
    pad = max(1.0, 0.1 * max(east - west, north - south))
    box = [[max(-180.0, west - pad), max(-90.0, south - pad)], [min(180.0, east + pad), min(90.0, north + pad)]]
    span = max(box[1][0] - box[0][0], box[1][1] - box[0][1])
    step = next((s for s in (0.5, 1, 2, 5, 10, 20) if span / s <= 12), 30)
    return box, float(step)


def event_map(events: pd.DataFrame, labels: int = 12) -> alt.LayerChart:
    """Events as circles sized by killed over a graticule of their own extent, the places with most killed named.
    Vega draws the graticule itself: no tiles, nothing downloaded."""
    points = events.assign(killed=events["killed_best"].fillna(0), injured=events["injured_best"].fillna(0),
                           date=events["event_date"].astype("string").fillna("undated"))
    box, step = _extent(points)
    grid = alt.Chart(alt.graticule(extent=box, step=[step, step])).mark_geoshape(
        stroke="#d9d9d9", strokeWidth=0.5, filled=False)
    circles = alt.Chart(points).mark_circle(opacity=0.65, stroke="#333333", strokeWidth=0.5).encode(
        longitude="longitude:Q",
        latitude="latitude:Q",
        size=alt.Size("killed:Q", title="killed", scale=alt.Scale(range=[40, 1500]),
                      legend=alt.Legend(format="d", tickMinStep=1)),
        color=alt.Color("event_family:N", title="family", scale=alt.Scale(scheme="tableau10")),
        tooltip=[alt.Tooltip("summary:N"), alt.Tooltip("location_name:N", title="place"),
                 alt.Tooltip("date:N"), alt.Tooltip("killed:Q"), alt.Tooltip("injured:Q")],
    )
    places = (points.groupby(["location_name", "latitude", "longitude"], as_index=False)["killed"].sum()
              .sort_values("killed", ascending=False).head(labels))
    names = alt.Chart(places).mark_text(align="left", dx=8, dy=-8, fontSize=11, color="#444444").encode(
        longitude="longitude:Q", latitude="latitude:Q", text="location_name:N")
    return alt.layer(grid, circles, names).project(type="equirectangular").properties(height=440)


def timeline(periods: pd.DataFrame, grain: str) -> alt.Chart:
    """Killed and injured per day or week, side by side."""
    long = periods.melt(id_vars=["period", "events"], value_vars=["killed", "injured"], var_name="outcome",
                        value_name="people")
    return alt.Chart(long).mark_bar(width={"band": 0.9}).encode(
        # Discrete periods, so that killed and injured stand side by side in each; labels thin out when crowded.
        x=alt.X(f"{'yearmonthdate' if grain == 'day' else 'yearweek'}(period):O", title=grain,
                axis=alt.Axis(labelOverlap=True, labelAngle=0)),
        xOffset="outcome:N",
        y=alt.Y("people:Q", title="people (best estimates)"),
        color=alt.Color("outcome:N", scale=alt.Scale(domain=["killed", "injured"], range=["#b2182b", "#ef8a62"])),
        tooltip=[alt.Tooltip("period:T", title=grain), "outcome:N", "people:Q", "events:Q"],
    ).properties(height=260)
