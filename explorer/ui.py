"""What every page shares: the warehouse of this build, cached per build, and how figures are written."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from explorer.reader import BuildIdentity, WarehouseProblem, WarehouseReader, build_time_text, warehouse_path


@st.cache_resource
def _read_lock() -> threading.Lock:
    """One reader at a time in this process: DuckDB shares an open file between connections to one path, so a
    connection still open on the replaced file would otherwise serve the old build under the new one's name."""
    return threading.Lock()


@st.cache_data(max_entries=512, show_spinner=False)
def _cached(path: str, identity: tuple[int, int, int], method: str, *args: object) -> object:
    """A reader method's result for one build; a publish changes ``identity``, so nothing is served across builds."""
    del identity  # part of the cache key only
    return getattr(WarehouseReader(Path(path), _read_lock()), method)(*args)


@st.cache_data(max_entries=16, show_spinner=False)
def _problem(path: str, identity: tuple[int, int, int]) -> tuple[str, str] | None:
    del identity
    try:
        WarehouseReader(Path(path), _read_lock()).check()
    except WarehouseProblem as problem:
        return problem.message, problem.remedy
    return None


@dataclass(frozen=True)
class Build:
    """The build a page run shows: one identity for the whole run, so a page never mixes two builds."""

    path: Path
    identity: BuildIdentity

    def get(self, method: str, *args: object):
        key = (self.identity.inode, self.identity.mtime_ns, self.identity.size)
        try:
            return _cached(str(self.path), key, method, *args)
        except WarehouseProblem as problem:
            show_problem(problem.message, problem.remedy)


def show_problem(message: str, remedy: str) -> None:
    st.error(message)
    st.info(remedy)
    st.stop()


def current_build() -> Build:
    """The published build, checked; stops the page with a clear message when there is none to show."""
    path = warehouse_path()
    identity = BuildIdentity.of(path)
    if identity is None:
        show_problem(f"No warehouse at {path}.",
                     "Build one with `make build`, or start the explorer with `make explore WAREHOUSE=path.duckdb`.")
    problem = _problem(str(path), (identity.inode, identity.mtime_ns, identity.size))
    if problem:
        show_problem(*problem)
    return Build(path, identity)


def events_or_stop(build: Build) -> pd.DataFrame:
    """Every event of the build; a page about events stops with a hint when there are none."""
    events = build.get("events")
    if events.empty:
        st.info("No events yet: run `make build` on articles that report strikes, clashes or attacks.")
        st.stop()
    return events


def table_section(title: str, frame: pd.DataFrame, about: str, when_empty: str) -> None:
    """A titled table with what it holds, or a line saying why it is empty."""
    st.subheader(f"{title} ({len(frame):,})")
    if frame.empty:
        st.caption(when_empty)
        return
    st.caption(about)
    st.dataframe(frame, hide_index=True, width="stretch")


def build_caption(path: Path, identity: BuildIdentity | None) -> str:
    if identity is None:
        return "No warehouse yet."
    key = (identity.inode, identity.mtime_ns, identity.size)
    if _problem(str(path), key):
        return "This warehouse cannot be shown (see the page)."
    last_build = _cached(str(path), key, "totals")["last_build_at"]
    return f"Build of {build_time_text(last_build)}. A new build shows by itself."


def count(value: object) -> str:
    """A casualty figure as the marts mean it: NULL is 'no figure given', never zero."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "–"
    return f"{int(value):,}"


def plural(n: object, noun: str) -> str:
    n = int(n)
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def figure_range(low: object, best: object, high: object) -> str:
    if best is None or pd.isna(best):
        return "no figure"
    low_text, high_text = count(low), ("open" if high is None or pd.isna(high) else count(high))
    return count(best) if low_text == high_text == count(best) else f"{count(best)} ({low_text}–{high_text})"
