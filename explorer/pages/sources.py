"""Sources and runs: what each build loaded, what it rejected and why, and which articles rewrite each other."""

from __future__ import annotations

import streamlit as st

from explorer.ui import current_build, table_section

build = current_build()

st.title("Sources and runs")

table_section("Ingest runs", build.get("ingest_runs"),
              "One row per build or rollback: what it read, loaded, found duplicate and rejected, and when it was "
              "published.", "No build has been recorded in this warehouse.")

rejected = build.get("rejected_inputs")
if not rejected.empty:
    st.subheader("Rejected inputs by reason")
    by_reason = rejected.groupby(["stage", "reason"]).size().reset_index(name="inputs")
    st.dataframe(by_reason.sort_values("inputs", ascending=False), hide_index=True, width="stretch")
table_section("Rejected inputs", rejected,
              "Files and records that could not be read (stage read) or raised during extraction (stage extract), "
              "with the reason; the rest of each build loaded.",
              "Nothing was rejected: every file and record could be read.")

table_section("Articles", build.get("articles"),
              "Every distinct article text, its outlet and date, and how many events it reports; a skipped reason "
              "says why an article gave no mentions (a language the pipeline does not read, an extraction error).",
              "No article has been loaded.")

table_section("Near-duplicate articles", build.get("near_duplicate_groups"),
              "Rewrites of one story (a wire report carried by several outlets) stay separate articles, linked to "
              "the article they rewrite.",
              "No article rewrites another (MinHash similarity under the build's threshold).")
