"""Event: one event's figures and why (which report gave each), its actors, its aggregate links, every report."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from explorer.evidence import escape_markdown, figure_sources, highlighted_sentence
from explorer.ui import count, current_build, events_or_stop, figure_range, plural

build = current_build()
st.title("Event")
events = events_or_stop(build)


def _label(row: pd.Series) -> str:
    when = row["event_date"].isoformat() if row["event_date"] is not None else "undated"
    aggregate = " [aggregate]" if row["is_aggregate"] else ""
    return f"{when} · {row['summary']}{aggregate}"


# The picker lists at most this many events (a browser does not want 100,000 options): those whose summary
# holds the search words, events first and aggregate summaries after them, and the one the link asks for.
PICKER_LIMIT = 500
wanted = st.query_params.get("event")
search = st.text_input("Find an event (words of its summary: a place, an actor, a date)", key="event_search")
ordered = events.sort_values("is_aggregate", kind="stable")
if search:
    ordered = ordered[ordered["summary"].fillna("").str.contains(search, case=False, regex=False)]
picked = ordered.head(PICKER_LIMIT)
if not search and wanted in set(events["event_id"]) and wanted not in set(picked["event_id"]):
    picked = pd.concat([events[events["event_id"] == wanted], picked])
if picked.empty:
    st.info(f"No event's summary holds “{search}”.")
    st.stop()
if len(ordered) > PICKER_LIMIT:
    st.caption(f"{len(ordered):,} events match; the first {PICKER_LIMIT} are listed. Narrow the search, or open "
               "an event from the Events page.")
labels = dict(zip(picked["event_id"], picked.apply(_label, axis=1), strict=True))
ids = list(labels)
event_id = st.selectbox("Event", ids, index=ids.index(wanted) if wanted in labels else 0,
                        format_func=labels.__getitem__, key=f"event_picker_{wanted}")
st.query_params["event"] = event_id
event = build.get("event", event_id)
reports = build.get("event_reports", event_id)

st.subheader(event["summary"])
facts = [
    f"**{event['event_type'] or 'unknown type'}** › {event['acled_sub_event_type'] or '–'} "
    f"(mode: {event['event_subtype'] or '–'})",
    f"**When** {event['event_date'].isoformat() if event['event_date'] is not None else 'undated'} "
    f"(precision: {event['date_precision']})",
    f"**Where** {', '.join(str(v) for v in (event['location_name'], event['admin1_name'], event['country_code']) if v is not None) or 'no place named'}"  # noqa: E501
    + (f" (geo-precision {int(event['geo_precision'])})" if event["geo_precision"] is not None else ""),
    f"**Initiator** {event['initiator_name'] or 'unattributed'} · **target** {event['target_name'] or '–'}",
    f"**Reported by** {plural(event['n_articles'], 'article')} from {plural(event['n_sources'], 'outlet')}",
]
st.markdown("  \n".join(facts))

flags = []
if event["is_aggregate"]:
    flags.append(f"Aggregate summary ({event['aggregate_reason'] or 'sums other events'}): its figures are never "
                 "added to the events it sums.")
if event["attribution_disputed"]:
    flags.append("Attribution disputed: the outlets name different initiators.")
if event["casualties_disputed"]:
    flags.append("Casualties disputed: the reports give different figures; low and high show the range.")
for flag in flags:
    st.warning(flag)

st.subheader("Figures and where they come from")
killed, injured = st.columns(2)
killed.metric("Killed (best)", count(event["killed_best"]),
              help=f"low {count(event['killed_low'])}, high {count(event['killed_high'])}")
injured.metric("Injured (best)", count(event["injured_best"]),
               help=f"low {count(event['injured_low'])}, high {count(event['injured_high'])}")
st.dataframe(figure_sources(event, reports), hide_index=True, width="stretch")
st.caption("low/best/high as UCDP codes them: the lowest and highest figure any report supports and the best "
           "estimate (the latest toll when it rises). A dash: no report gives a number.")

actors = build.get("event_actors", event_id)
st.subheader("Actors")
if actors.empty:
    st.caption("No actor is named in the event's sentences.")
else:
    st.dataframe(actors, hide_index=True, width="stretch")

related = build.get("related_events", event_id)
if not related.empty:
    st.subheader("Parts of this summary" if event["is_aggregate"] else "Summaries that include this event")
    st.dataframe(related, hide_index=True, width="stretch")

st.subheader(f"Reports ({len(reports)})")
if reports.empty:
    st.caption("No casualty figure is reported for this event.")
for report in reports.itertuples():
    outlet = escape_markdown(report.outlet or "unknown outlet")
    published = report.published_date.isoformat() if report.published_date is not None else "undated"
    link = f" · [source]({report.url})" if isinstance(report.url, str) and report.url else ""
    figure = figure_range(report.count_low, report.count_best, report.count_high)
    group = "" if report.victim_group == "all" else f" ({report.victim_group}, part of the total)"
    st.markdown(f"**{report.outcome} {figure}**{group} · {report.qualifier} · {outlet} · {published}{link}  \n"
                f"<small>{escape_markdown(str(report.title or report.source_uri))}</small>", unsafe_allow_html=True)
    st.markdown(highlighted_sentence(report.sentence_text, report.claim_text), unsafe_allow_html=True)

articles = build.get("event_articles", event_id)
with st.expander(f"Articles reporting this event ({len(articles)})"):
    st.dataframe(articles, hide_index=True, width="stretch")
