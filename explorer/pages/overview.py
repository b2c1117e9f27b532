"""Overview: totals, where and when people were killed and injured, the places and initiators with most events."""

from __future__ import annotations

import streamlit as st

from explorer import charts
from explorer.reader import build_time_text
from explorer.ui import count, current_build

build = current_build()
totals = build.get("totals")

st.title("Overview")
if not totals["events"] and not totals["aggregates"]:
    st.info(f"The warehouse holds {totals['articles']} articles and no events yet. Add articles that report strikes, "
            "clashes or attacks and run `make build`.")
    st.stop()

st.markdown(
    f"**{count(totals['killed'])} killed, {count(totals['injured'])} injured** in {totals['events']:,} events "
    f"(best estimates; {totals['aggregates']:,} aggregate summaries are not added) · "
    f"{totals['articles']:,} articles from {totals['outlets']:,} outlets · "
    f"last build {build_time_text(totals['last_build_at'])}")
columns = st.columns(5)
columns[0].metric("Events", f"{totals['events']:,}")
columns[1].metric("Killed", count(totals["killed"]))
columns[2].metric("Injured", count(totals["injured"]))
columns[3].metric("Articles", f"{totals['articles']:,}")
columns[4].metric("Outlets", f"{totals['outlets']:,}")

events = build.get("events")
located = events[~events["is_aggregate"] & events["latitude"].notna() & events["longitude"].notna()]
st.subheader("Where")
if located.empty:
    st.info("No event has coordinates: the articles name no place the gazetteer knows.")
else:
    st.altair_chart(charts.event_map(located), width="stretch")
    st.caption(f"{len(located):,} of {int((~events['is_aggregate']).sum()):,} events placed; circle area is the "
               "number killed (best estimate). Points on a plain grid of meridians and parallels: no map tiles, "
               "nothing fetched from the internet.")

st.subheader("When")
grain = st.radio("Timeline by", ["day", "week"], horizontal=True, key="timeline_grain")
timeline = build.get("timeline", grain)
if timeline.empty:
    st.info("No event has a date: no article gives a publication date to anchor it.")
else:
    st.altair_chart(charts.timeline(timeline, grain), width="stretch")
    undated = int((~events["is_aggregate"] & events["event_date"].isna()).sum())
    if undated:
        st.caption(f"{undated:,} undated events are not on the timeline.")

left, right = st.columns(2)
with left:
    st.subheader("Top places")
    st.dataframe(build.get("top_places"), hide_index=True, width="stretch")
with right:
    st.subheader("Top initiators")
    st.dataframe(build.get("top_initiators"), hide_index=True, width="stretch")
