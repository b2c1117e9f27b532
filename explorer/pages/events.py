"""Events: every event, filtered, sortable (click a column header) and downloadable as CSV."""

from __future__ import annotations

import streamlit as st

from explorer.filters import EVENT_COLUMNS, EventFilter, initiator_labels, options
from explorer.ui import current_build, events_or_stop

build = current_build()
st.title("Events")
events = events_or_stop(build)

dated = events["event_date"].dropna()
with st.expander("Filters", expanded=True):
    left, middle, right = st.columns(3)
    with left:
        date_range = ()
        if not dated.empty:
            date_range = st.date_input("Date range", value=(dated.min(), dated.max()), key="date_range")
        include_undated = st.checkbox("Include undated events", value=True, key="include_undated")
        text = st.text_input("Summary contains", key="text")
    with middle:
        countries = st.multiselect("Country", options(events["country_code"]), key="countries")
        regions = st.multiselect("Region (admin1)", options(events["admin1_name"]), key="regions")
        event_types = st.multiselect("ACLED event type", options(events["event_type"]), key="event_types")
        modes = st.multiselect("Mode", options(events["event_subtype"]), key="modes")
    with right:
        initiators = st.multiselect("Initiator", options(initiator_labels(events)), key="initiators")
        min_killed = st.number_input("Minimum killed", min_value=0, value=0, step=1, key="min_killed")
        disputed_only = st.checkbox("Disputed only (attribution or casualties)", key="disputed_only")
        include_aggregates = st.checkbox("Include aggregate summaries", key="include_aggregates")

chosen = EventFilter(
    date_from=date_range[0] if len(date_range) >= 1 else None,
    date_to=date_range[1] if len(date_range) == 2 else None,
    include_undated=include_undated, countries=tuple(countries), regions=tuple(regions),
    event_types=tuple(event_types), modes=tuple(modes), initiators=tuple(initiators),
    disputed_only=disputed_only, min_killed=int(min_killed), include_aggregates=include_aggregates, text=text,
)
shown = chosen.apply(events)[EVENT_COLUMNS]

st.markdown(f"**{len(shown):,} of {len(events):,} events** · {int(shown['killed_best'].fillna(0).sum()):,} killed, "
            f"{int(shown['injured_best'].fillna(0).sum()):,} injured (best estimates)"
            + (" · aggregates included: do not add their figures to their parts" if include_aggregates else ""))
selection = st.dataframe(shown, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row",
                         key="events_table")
st.download_button("Download these events as CSV", shown.to_csv(index=False).encode(), file_name="events.csv",
                   mime="text/csv")

rows = selection.selection.rows if selection else []
if rows:
    event_id = shown.iloc[rows[0]]["event_id"]
    if st.button(f"Open event {event_id}", type="primary"):
        st.switch_page("pages/event.py", query_params={"event": event_id})
else:
    st.caption("Select a row to open the event with every sentence behind its figures.")
