"""The explorer's rules that need no warehouse: filters, how figures are traced, how sentences are shown."""

from __future__ import annotations

import os
from datetime import date

import pandas as pd

from explorer.evidence import figure_sources, highlighted_sentence
from explorer.filters import EventFilter
from explorer.reader import BuildIdentity


def _events() -> pd.DataFrame:
    return pd.DataFrame([
        {"event_id": "a", "event_date": date(2026, 3, 1), "country_code": "UA", "admin1_name": "Kharkiv Oblast",
         "event_type": "Explosions/Remote violence", "event_subtype": "drone", "initiator_name": "Russia",
         "killed_best": 2.0, "attribution_disputed": False, "casualties_disputed": False, "is_aggregate": False,
         "summary": "Air/drone strike in Kharkiv"},
        {"event_id": "b", "event_date": date(2026, 3, 9), "country_code": "RU", "admin1_name": "Belgorod Oblast",
         "event_type": "Explosions/Remote violence", "event_subtype": "missile", "initiator_name": None,
         "killed_best": None, "attribution_disputed": True, "casualties_disputed": False, "is_aggregate": False,
         "summary": "Missile strike in Belgorod"},
        {"event_id": "c", "event_date": None, "country_code": "UA", "admin1_name": None,
         "event_type": "Strategic developments", "event_subtype": "talks", "initiator_name": None,
         "killed_best": None, "attribution_disputed": False, "casualties_disputed": True, "is_aggregate": False,
         "summary": "Talks in Istanbul"},
        {"event_id": "d", "event_date": date(2026, 3, 1), "country_code": "UA", "admin1_name": None,
         "event_type": "Explosions/Remote violence", "event_subtype": "drone", "initiator_name": "Russia",
         "killed_best": 5.0, "attribution_disputed": False, "casualties_disputed": False, "is_aggregate": True,
         "summary": "Aggregate of several events"},
    ])


def _ids(chosen: EventFilter) -> set[str]:
    return set(chosen.apply(_events())["event_id"])


def test_filters_keep_aggregates_out_unless_asked():
    assert _ids(EventFilter()) == {"a", "b", "c"}
    assert _ids(EventFilter(include_aggregates=True)) == {"a", "b", "c", "d"}


def test_a_date_range_keeps_undated_events_only_when_asked():
    assert _ids(EventFilter(date_from=date(2026, 3, 5), date_to=date(2026, 3, 31))) == {"b", "c"}
    assert _ids(EventFilter(date_from=date(2026, 3, 5), include_undated=False)) == {"b"}
    assert _ids(EventFilter(date_to=date(2026, 3, 1), include_undated=False)) == {"a"}


def test_filters_by_place_type_initiator_disputes_and_killed():
    assert _ids(EventFilter(countries=("RU",))) == {"b"}
    assert _ids(EventFilter(regions=("Kharkiv Oblast",))) == {"a"}
    assert _ids(EventFilter(modes=("drone", "missile"))) == {"a", "b"}
    assert _ids(EventFilter(event_types=("Strategic developments",))) == {"c"}
    assert _ids(EventFilter(initiators=("unattributed",))) == {"b", "c"}
    assert _ids(EventFilter(disputed_only=True)) == {"b", "c"}
    assert _ids(EventFilter(min_killed=1)) == {"a"}  # NULL killed is no figure, never a match
    assert _ids(EventFilter(text="kharkiv")) == {"a"}


def test_a_sentence_is_quoted_literally_with_its_claim_marked():
    sentence = "Officials said *two* civilians were killed in a $5m warehouse, [reports] say."
    shown = highlighted_sentence(sentence, "two* civilians were killed")
    assert shown.startswith("> ")
    assert "<mark>two\\* civilians were killed</mark>" in shown
    assert "\\$5m" in shown and "\\[reports\\]" in shown  # no maths, no links, no emphasis
    assert "<mark>" not in highlighted_sentence("Nobody was hurt.", "two killed")
    assert "&lt;script&gt;" in highlighted_sentence("<script>alert(1)</script> three killed", "three killed")


def test_each_bound_names_the_reports_that_state_it():
    event = {"killed_low": 2, "killed_best": 3, "killed_high": 3, "injured_low": 5, "injured_best": 5,
             "injured_high": None}
    reports = pd.DataFrame([
        {"outcome": "killed", "victim_group": "all", "is_subset": False, "count_low": 2, "count_best": 2,
         "count_high": 2, "outlet": "Outlet A", "published_date": date(2026, 3, 1), "claim_text": "killed two"},
        {"outcome": "killed", "victim_group": "all", "is_subset": False, "count_low": 3, "count_best": 3,
         "count_high": 3, "outlet": "Outlet B", "published_date": date(2026, 3, 2), "claim_text": "toll rose to three"},
        {"outcome": "killed", "victim_group": "children", "is_subset": True, "count_low": 3, "count_best": 3,
         "count_high": 3, "outlet": "Outlet C", "published_date": None, "claim_text": "three children"},
        {"outcome": "injured", "victim_group": "all", "is_subset": False, "count_low": 5, "count_best": 5,
         "count_high": None, "outlet": "Outlet A", "published_date": date(2026, 3, 1),
         "claim_text": "at least five injured"},
    ])
    rows = {(r["outcome"], r["bound"]): r["given by"] for r in figure_sources(event, reports).to_dict("records")}
    assert rows[("killed", "low")].startswith("Outlet A (2026-03-01)")
    assert rows[("killed", "best")].startswith("Outlet B") and "Outlet C" not in rows[("killed", "best")]
    assert "Outlet A" in rows[("injured", "best")]
    assert rows[("injured", "high")].startswith("open")
    assert figure_sources({**event, "injured_low": None, "injured_best": None}, reports.iloc[:0]).iloc[3][
        "given by"] == "no report gives a number"


def test_a_publish_by_rename_is_a_new_build_even_with_the_same_size_and_time(tmp_path):
    shown, successor = tmp_path / "w.duckdb", tmp_path / ".w.building.duckdb"
    shown.write_bytes(b"a" * 100)
    successor.write_bytes(b"b" * 100)
    stat = shown.stat()
    os.utime(successor, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    before = BuildIdentity.of(shown)
    os.replace(successor, shown)
    assert BuildIdentity.of(shown) != before
    assert BuildIdentity.of(tmp_path / "missing.duckdb") is None
