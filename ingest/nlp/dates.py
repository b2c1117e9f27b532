"""``conflict_dates``: weekday, relative and calendar date expressions.

The component records what the text says (``kind`` and its parts); ``resolve_date`` turns that into
a calendar date only against a known publication date, so nothing is invented without one.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ingest.nlp.extensions import register_extensions

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"]
# Relative expressions: days back from publication, and the precision that leaves.
RELATIVE = {
    "today": (0, "day"),
    "tonight": (0, "day"),
    "this morning": (0, "day"),
    "overnight": (0, "day"),
    "last night": (1, "day"),
    "yesterday": (1, "day"),
    "this week": (0, "week"),
    "earlier this week": (0, "week"),
    "earlier in the week": (0, "week"),
    "last week": (7, "week"),
    "this month": (0, "month"),
    "last month": (30, "month"),
}
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


@Language.factory("conflict_dates", default_config={"spans_key": "conflict_dates"})
def make_conflict_dates(nlp: Language, name: str, spans_key: str) -> DateRecognizer:
    return DateRecognizer(spans_key)


class DateRecognizer:
    def __init__(self, spans_key: str):
        register_extensions()
        self.spans_key = spans_key
        self.relative = {tuple(phrase.split()): phrase for phrase in RELATIVE}
        self.longest_relative = max(len(key) for key in self.relative)
        self.relative_starts = {key[0] for key in self.relative}

    def __call__(self, doc: Doc) -> Doc:
        found: list[Span] = []
        for token in doc:
            lower = token.lower_
            if lower in WEEKDAYS and token.text[0].isupper():
                found.append(self._span(doc, token.i, token.i + 1, "weekday", {"weekday": WEEKDAYS.index(lower)}))
            elif _ISO.match(token.text) or _ISO.match(doc[token.i: token.i + 5].text):
                width = 1 if _ISO.match(token.text) else 5  # the tokenizer may split 2026-03-05 at hyphens
                year, month, day = (int(part) for part in _ISO.match(doc[token.i: token.i + width].text).groups())
                found.append(self._span(doc, token.i, token.i + width, "absolute",
                                        {"year": year, "month": month, "day": day}))
            elif lower in MONTHS and token.text[0].isupper():
                month = MONTHS.index(lower) + 1
                if token.i + 1 < len(doc) and doc[token.i + 1].is_digit and int(doc[token.i + 1].text) <= 31:
                    found.append(self._span(doc, token.i, token.i + 2, "absolute",
                                            {"month": month, "day": int(doc[token.i + 1].text)}))
                elif token.i > 0 and doc[token.i - 1].is_digit and int(doc[token.i - 1].text) <= 31:
                    found.append(self._span(doc, token.i - 1, token.i + 1, "absolute",
                                            {"month": month, "day": int(doc[token.i - 1].text)}))
            if lower not in self.relative_starts:
                continue
            for length in range(self.longest_relative, 0, -1):
                words = tuple(t.lower_ for t in doc[token.i: token.i + length])
                if len(words) == length and words in self.relative:
                    found.append(self._span(doc, token.i, token.i + length, "relative",
                                            {"phrase": self.relative[words]}))
                    break
        doc.spans[self.spans_key] = filter_spans(found)
        return doc

    @staticmethod
    def _span(doc: Doc, start: int, end: int, kind: str, parts: dict) -> Span:
        span = Span(doc, start, end, label=kind)
        span._.date_parts = {"kind": kind, **parts}
        return span


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
        days_back, precision = RELATIVE[parts["phrase"]]
        return published - timedelta(days=days_back), precision
    if kind == "absolute":
        try:
            candidate = date(published.year, parts["month"], parts["day"])
        except ValueError:
            return None, "unknown"
        if candidate > published + timedelta(days=1):  # "March 30" read in January means last year
            candidate = candidate.replace(year=published.year - 1)
        return candidate, "day"
    return None, "unknown"
