"""The Events page's filters, as one value applied to the events table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

# Columns of the Events table, in the order an analyst reads them.
EVENT_COLUMNS = [
    "event_date", "location_name", "admin1_name", "country_code", "event_subtype", "initiator_name", "killed_best",
    "injured_best", "summary", "killed_low", "killed_high", "injured_low", "injured_high", "event_type",
    "acled_sub_event_type", "target_name", "date_precision", "attribution_disputed", "casualties_disputed",
    "is_aggregate", "n_articles", "n_sources", "event_id",
]


@dataclass(frozen=True)
class EventFilter:
    date_from: date | None = None
    date_to: date | None = None
    include_undated: bool = True
    countries: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    modes: tuple[str, ...] = ()
    initiators: tuple[str, ...] = ()
    disputed_only: bool = False
    min_killed: int = 0
    include_aggregates: bool = False
    text: str = ""

    def apply(self, events: pd.DataFrame) -> pd.DataFrame:
        keep = pd.Series(True, index=events.index)
        if not self.include_aggregates:
            keep &= ~events["is_aggregate"].astype(bool)
        dates = events["event_date"]
        dated = events["event_date"].notna()
        in_range = pd.Series(True, index=events.index)
        if self.date_from is not None:
            in_range &= dated & (dates >= self.date_from)
        if self.date_to is not None:
            in_range &= dated & (dates <= self.date_to)
        keep &= in_range | (~dated if self.include_undated else False)
        for column, chosen in (("country_code", self.countries), ("admin1_name", self.regions),
                               ("event_type", self.event_types), ("event_subtype", self.modes),
                               ("initiator_label", self.initiators)):
            if chosen:
                values = initiator_labels(events) if column == "initiator_label" else events[column]
                keep &= values.isin(chosen)
        if self.disputed_only:
            keep &= events["attribution_disputed"].astype(bool) | events["casualties_disputed"].astype(bool)
        if self.min_killed > 0:
            keep &= events["killed_best"].fillna(0) >= self.min_killed
        if self.text:
            keep &= events["summary"].fillna("").str.contains(self.text, case=False, regex=False)
        return events[keep]


def initiator_labels(events: pd.DataFrame) -> pd.Series:
    return events["initiator_name"].fillna("unattributed")


def options(values: pd.Series) -> list[str]:
    return sorted(str(v) for v in values.dropna().unique())
