"""The analyst explorer: ``make explore`` (``python -m explorer``) serves this with Streamlit.

Pages: Overview (totals, map, timeline, top places and initiators), Events (filter, sort, download), Event (one event's
figures and every sentence behind them) and Sources and runs (ingest runs, rejected inputs, near-duplicates).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from explorer.reader import BuildIdentity, warehouse_path
from explorer.ui import build_caption

PAGES = Path(__file__).parent / "pages"

st.set_page_config(page_title="Conflict events explorer", layout="wide")

navigation = st.navigation([
    st.Page(PAGES / "overview.py", title="Overview", default=True),
    st.Page(PAGES / "events.py", title="Events"),
    st.Page(PAGES / "event.py", title="Event"),
    st.Page(PAGES / "sources.py", title="Sources and runs"),
])


@st.fragment(run_every=3)
def watch_for_new_build(shown: BuildIdentity | None) -> None:
    """A build publishes by renaming a new file into place; when that happens, show the new build."""
    if BuildIdentity.of(warehouse_path()) != shown:
        st.rerun()


with st.sidebar:
    path = warehouse_path()
    st.caption(f"Warehouse: `{path}`")
    shown = BuildIdentity.of(path)
    st.caption(build_caption(path, shown))
    watch_for_new_build(shown)

navigation.run()
