"""Publication dates as news exports write them: right or absent, never guessed.

A value becomes a ``Published``: the calendar day the source states (in the source's own time zone, as its
readers saw it) and, when the value carries a time of day and a zone, the instant in UTC. Formats: ISO 8601 with
or without an offset, RFC 2822 (RSS, e-mail), Unix timestamps, written-out dates in English ("12 March 2026",
"Mar 12, 2026 8:15 AM EST"), and numeric dates. A numeric date whose day and month could be swapped
(03/12/2026) is read only when the user says the order (``--date-order dmy|mdy``); a day after tomorrow is no
publication date at all.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from enum import StrEnum

from dateutil import parser as dateutil_parser
from dateutil.tz import tzoffset


class DateOrder(StrEnum):
    """How a source writes numeric dates whose day and month cannot be told apart."""

    DMY = "dmy"
    MDY = "mdy"


@dataclass(frozen=True)
class Published:
    day: date
    utc: datetime | None = None  # naive UTC, like every timestamp in the warehouse; None without a time and zone


# Zone abbreviations that news sites print after a time and that name one offset. Ambiguous ones (IST, CST in
# China) are left out: a time in an unknown zone keeps its day and gets no instant.
_ZONE_ABBREVIATIONS = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "BST": 1, "WEST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3,
    "MSK": 3, "EST": -5, "EDT": -4, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
}
_TZINFOS = {name: tzoffset(name, hours * 3600) for name, hours in _ZONE_ABBREVIATIONS.items()}

_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_NUMERIC = re.compile(r"^(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?:[ T,]+(.*))?$")
_YEAR_FIRST = re.compile(r"^(\d{4})([./])(\d{1,2})\2(\d{1,2})(?:[ T,]+(.*))?$")
_MONTH_WORD = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b", re.I)
_HAS_TIME = re.compile(r"\d{1,2}:\d{2}")
_RFC2822 = re.compile(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?"
                      r"\s+(?:[+-]\d{4}|[A-Z]{1,5})$")
# Far-apart defaults tell whether a written date named its own year and day.
_DEFAULTS = (datetime(1904, 1, 1), datetime(1908, 2, 2))


def parse_published(value: object, date_order: DateOrder | str | None = None,
                    today: date | None = None) -> Published | None:
    """The publication day (and instant) a field states, or None when it states none for certain."""
    parsed = _parse(value, DateOrder(date_order) if date_order else None)
    if parsed is None:
        return None
    limit = (today or datetime.now(UTC).date()) + timedelta(days=1)  # a day of slack for zones east of UTC
    return parsed if parsed.day <= limit else None


def _parse(value: object, order: DateOrder | None) -> Published | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return _from_datetime(value)
    if isinstance(value, date):
        return Published(value)
    if isinstance(value, (int, float)):
        return _from_epoch(value)
    text = " ".join(str(value).split())
    if not text:
        return None
    if re.fullmatch(r"\d{9,13}(\.\d+)?", text):
        return _from_epoch(float(text))
    if _ISO_DAY.match(text):
        return _from_iso(text)
    numeric = _NUMERIC.match(text)
    if numeric:
        return _from_numeric(numeric, order)
    year_first = _YEAR_FIRST.match(text)
    if year_first:
        year, _, month, day, rest = year_first.groups()
        return _with_time(_day(int(year), int(month), int(day)), rest)
    if not _MONTH_WORD.search(text):
        return None
    return _from_rfc2822(text) or _from_words(text)


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _from_datetime(moment: datetime) -> Published:
    if moment.tzinfo is None or moment.utcoffset() is None:
        return Published(moment.date())
    return Published(moment.date(), moment.astimezone(UTC).replace(tzinfo=None))


def _from_epoch(value: float) -> Published | None:
    """A Unix timestamp in seconds or milliseconds between 1973 and 2096; anything else is not a date."""
    seconds = value / 1000 if 10**11 < value < 4 * 10**12 else value
    if not 10**8 < seconds < 4 * 10**9:
        return None
    moment = datetime.fromtimestamp(seconds, UTC)
    return Published(moment.date(), moment.replace(tzinfo=None))


def _from_iso(text: str) -> Published | None:
    candidate = text.replace(" ", "T", 1) if re.match(r"^\d{4}-\d{2}-\d{2} \d", text) else text
    try:
        return _from_datetime(datetime.fromisoformat(candidate))
    except ValueError:
        year, month, day = (int(part) for part in _ISO_DAY.match(text).groups())
        found = _day(year, month, day)
        return Published(found) if found else None


def _from_numeric(match: re.Match, order: DateOrder | None) -> Published | None:
    first, _, second, year, rest = match.groups()
    a, b = int(first), int(second)
    if a > 12 and b <= 12:
        day, month = a, b
    elif b > 12 and a <= 12:
        month, day = a, b
    elif a == b:
        day = month = a
    elif order is DateOrder.DMY:
        day, month = a, b
    elif order is DateOrder.MDY:
        month, day = a, b
    else:  # 03/12/2026: 3 December or 12 March; the source must say
        return None
    return _with_time(_day(int(year), month, day), rest)


def _with_time(day: date | None, rest: str | None) -> Published | None:
    """A day with whatever time and zone follow it."""
    if day is None:
        return None
    if not rest or not _HAS_TIME.search(rest):
        return Published(day)
    moment = _dateutil(f"{day.isoformat()} {rest}")
    if moment is None or moment.date() != day:
        return Published(day)
    return _from_datetime(moment)


def _from_rfc2822(text: str) -> Published | None:
    if not _RFC2822.match(text):
        return None
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return _from_datetime(moment)


def _from_words(text: str) -> Published | None:
    """Dates with a month name ("12 March 2026", "Mar 12, 2026 8:15 AM EST"), read only when they name
    a year and a day."""
    first, second = (_dateutil(text, default) for default in _DEFAULTS)
    if first is None or second is None:
        return None
    if first.year != second.year or first.day != second.day:
        return None
    return _from_datetime(first)


def _dateutil(text: str, default: datetime = _DEFAULTS[0]) -> datetime | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # an unknown zone name: the time stays local, which is what we keep
        try:
            return dateutil_parser.parse(text, default=default, tzinfos=_TZINFOS, dayfirst=True, fuzzy=True)
        except (ValueError, OverflowError, TypeError):
            return None
