"""``conflict_dates``: weekday, relative and calendar date expressions.

The component records what the text says (``kind`` and its parts); ``resolve_date`` turns that into
a calendar date only against a known publication date, so nothing is invented without one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ingest.nlp.component import ReferenceComponent
from ingest.reference import ReferenceTables, rows_with

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"]
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


@Language.factory(
    "conflict_dates",
    default_config={"spans_key": "conflict_dates"},
    default_score_weights={"conflict_dates_f": 1.0, "conflict_dates_p": 0.0, "conflict_dates_r": 0.0},
)
def make_conflict_dates(nlp: Language, name: str, spans_key: str) -> DateRecognizer:
    return DateRecognizer(nlp, name, spans_key)


class DateRecognizer(ReferenceComponent):
    """Weekdays, calendar dates ("March 4", "2026-03-05") and the relative expressions of
    ``relative_dates.csv`` ("yesterday", "overnight", "last week"), each with what it says."""

    reference_files = ("relative_dates.csv", "country_time_zones.csv")
    mention_type = "date"
    span_attribute = "date_parts"

    def configure(self, tables: ReferenceTables) -> None:
        self.relative = {
            tuple(row["phrase"].lower().split()): {"phrase": row["phrase"].lower(), "days_back": int(row["days_back"]),
                                                   "precision": row["precision"]}
            for row in rows_with(tables, "relative_dates.csv", "phrase", "days_back", "precision")
        }
        self.longest_relative = max((len(key) for key in self.relative), default=0)
        self.relative_starts = {key[0] for key in self.relative}
        # "yesterday" in an article published at 22:30 UTC is read in the time zone of the place it reports
        self.time_zones = {row["country_code"]: row["time_zone"]
                           for row in rows_with(tables, "country_time_zones.csv", "country_code", "time_zone")}

    def find(self, doc: Doc) -> list[Span]:
        found: list[Span] = []
        for token in doc:
            absolute = self._absolute(doc, token)
            if absolute is not None:
                found.append(absolute)
            if token.lower_ not in self.relative_starts:
                continue
            for length in range(self.longest_relative, 0, -1):
                words = tuple(t.lower_ for t in doc[token.i: token.i + length])
                if len(words) == length and words in self.relative:
                    found.append(self._span(doc, token.i, token.i + length, "relative", self.relative[words]))
                    break
        return filter_spans(found)

    def _absolute(self, doc: Doc, token) -> Span | None:
        """A weekday, an ISO date or a day of a month starting at token."""
        lower = token.lower_
        if lower in WEEKDAYS and token.text[0].isupper():
            return self._span(doc, token.i, token.i + 1, "weekday", {"weekday": WEEKDAYS.index(lower)})
        if _ISO.match(token.text) or _ISO.match(doc[token.i: token.i + 5].text):
            width = 1 if _ISO.match(token.text) else 5  # the tokenizer may split 2026-03-05 at hyphens
            year, month, day = (int(part) for part in _ISO.match(doc[token.i: token.i + width].text).groups())
            return self._span(doc, token.i, token.i + width, "absolute", {"year": year, "month": month, "day": day})
        if lower in MONTHS and token.text[0].isupper():
            month = MONTHS.index(lower) + 1
            following = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if following is not None and following.is_digit and int(following.text) <= 31:
                return self._span(doc, token.i, token.i + 2, "absolute", {"month": month, "day": int(following.text)})
            before = doc[token.i - 1] if token.i > 0 else None
            if before is not None and before.is_digit and int(before.text) <= 31:
                return self._span(doc, token.i - 1, token.i + 1, "absolute", {"month": month, "day": int(before.text)})
        return None

    @staticmethod
    def _span(doc: Doc, start: int, end: int, kind: str, parts: dict) -> Span:
        span = Span(doc, start, end, label=kind)
        span._.date_parts = {"kind": kind, **parts}
        return span


def local_publication_day(day: date | None, published_at: datetime | None, time_zone: str | None) -> date | None:
    """The day it was where the news happened when the article was published: the stated day unless the
    publication instant (naive UTC) and the place's time zone are both known."""
    if published_at is None or not time_zone:
        return day
    try:
        zone = ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        return day
    return published_at.replace(tzinfo=UTC).astimezone(zone).date()


def article_time_zone(country_codes: list[str], time_zones: Mapping[str, str]) -> str | None:
    """The time zone of the article's place: the country of its first place with a known zone (a dateline
    or the lead's place comes first)."""
    for code in country_codes:
        if code in time_zones:
            return time_zones[code]
    return None


def resolve_date(parts: dict, published: date | None) -> tuple[date | None, str]:
    """The calendar date an expression points to and its precision (day/week/month/unknown)."""
    kind = parts["kind"]
    if kind == "absolute" and "year" in parts:
        try:
            return date(parts["year"], parts["month"], parts["day"]), "day"
        except ValueError:
            return None, "unknown"
    if published is None:
        return None, "unknown"
    if kind == "weekday":
        back = (published.weekday() - parts["weekday"]) % 7
        return published - timedelta(days=back), "day"
    if kind == "relative":
        return published - timedelta(days=parts["days_back"]), parts["precision"]
    if kind == "absolute":
        try:
            candidate = date(published.year, parts["month"], parts["day"])
        except ValueError:
            return None, "unknown"
        if candidate > published + timedelta(days=1):  # "March 30" read in January means last year
            candidate = candidate.replace(year=published.year - 1)
        return candidate, "day"
    return None, "unknown"
