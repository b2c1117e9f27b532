"""Reading a count out of tokens: digits, number words, "two dozen", ranges and vague quantities."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from spacy.tokens import Doc

from ingest.reference import CasualtyVocabulary

_DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+$")
_RANGE_GLUE = {"to", "-", "–", "or"}
_SCALES = {"hundred": 100, "thousand": 1000}
# A number directly followed by these is a measure, an age or a time, never a head count.
_MEASURE_AFTER = {"%", "percent", "per", "a.m.", "p.m.", "am", "pm", "o'clock"}
_CURRENCY_BEFORE = {"$", "€", "£", "usd", "eur", "uah", "rubles", "hryvnias"}


@dataclass(frozen=True)
class Quantity:
    start: int  # token index of the first token (qualifier included)
    end: int  # token index after the last token
    low: int | None
    best: int | None
    high: int | None
    qualifier: str  # exact, at_least, over, about, vague


def _parse_digits(text: str) -> int | None:
    return int(text.replace(",", "")) if _DIGITS.match(text) else None


def _read_words(doc: Doc, i: int, end: int, words: dict[str, int]) -> tuple[int, int] | None:
    """'eleven', 'twenty-one', 'two hundred', 'a dozen', 'two dozen' -> (value, end index)."""
    total, current, j, used = 0, 0, i, False
    while j < end:
        lower = doc[j].lower_
        if lower in {"a", "an"} and not used and j + 1 < end and doc[j + 1].lower_ in {"dozen", "hundred", "thousand"}:
            current, used, j = 1, True, j + 1
            continue
        if lower == "-" and used and j + 1 < end and doc[j + 1].lower_ in words:
            j += 1
            continue
        if lower == "and" and used and current >= 100 and j + 1 < end and doc[j + 1].lower_ in words:
            j += 1
            continue
        if lower in {"a", "an"} or lower not in words:
            break
        value = words[lower]
        if lower in _SCALES:
            current = max(current, 1) * value
            if value == 1000:
                total, current = total + current, 0
        elif lower == "dozen":
            current = max(current, 1) * 12
        else:
            current += value
        used = True
        j += 1
    if not used:
        return None
    return total + current, j


def _match(doc: Doc, j: int, end: int, index: dict) -> tuple[int, object] | None:
    """The longest indexed phrase starting at token j: (its length, its value)."""
    for words, value in index.get(doc[j].lower_, ()):
        n = len(words)
        if j + n <= end and all(doc[j + k].lower_ == words[k] for k in range(1, n)):
            return n, value
    return None


def read_quantity(doc: Doc, i: int, end: int, vocab: CasualtyVocabulary) -> Quantity | None:
    """The quantity starting at token i (with a leading qualifier such as 'at least'), if any."""
    first = doc[i]
    if not (first.like_num or first.lower_ in vocab.number_words or first.lower_ in vocab.qualifier_index
            or first.lower_ in vocab.vague_index):
        return None
    qualifier, j = "exact", i
    matched = _match(doc, j, end, vocab.qualifier_index)
    if matched:
        qualifier, j = matched[1], j + matched[0]
    if j >= end:
        return None
    start_of_number = j
    vague = _match(doc, j, end, vocab.vague_index)
    if vague:
        low, best, high = vague[1]
        return Quantity(i, j + vague[0], low, best, high, "vague")
    token = doc[j]
    if j > 0 and doc[j - 1].lower_ in _CURRENCY_BEFORE:
        return None
    value = _parse_digits(token.text)
    if value is not None:
        j += 1
        if j < end and doc[j].lower_ in {"dozen", "hundred", "thousand"}:
            value *= {"dozen": 12, "hundred": 100, "thousand": 1000}[doc[j].lower_]
            j += 1
    else:
        read = _read_words(doc, j, end, vocab.number_words)
        if read is None:
            return None
        value, j = read
    if j < end and doc[j].lower_ in _MEASURE_AFTER:
        return None
    if j + 1 < end and doc[j].text == "-" and not doc[j + 1].like_num:
        return None  # "65-year-old", "50-day deadline"
    if 1900 <= value <= 2100 and _DIGITS.match(doc[start_of_number].text) and "," not in doc[start_of_number].text:
        return None  # a year
    high_value = None
    if j + 1 < end and doc[j].lower_ in _RANGE_GLUE:
        other = _parse_digits(doc[j + 1].text)
        if other is None:
            words = _read_words(doc, j + 1, end, vocab.number_words)
            other = words[0] if words else None
        if other is not None and other > value:
            high_value = other
            j = j + 2
    if high_value is not None:
        return Quantity(i, j, value, value, high_value, "about")
    return bounded(i, j, value, qualifier)


def bounded(start: int, end: int, value: int, qualifier: str) -> Quantity:
    """Low/best/high as UCDP codes them: 'at least N' low N; 'over N' low N+1; 'about N' a range."""
    if qualifier == "at_least":
        return Quantity(start, end, value, value, None, qualifier)
    if qualifier == "over":
        return Quantity(start, end, value + 1, value + 1, None, qualifier)
    if qualifier == "about":
        return Quantity(start, end, math.floor(value * 0.8), value, math.ceil(value * 1.2), qualifier)
    return Quantity(start, end, value, value, value, qualifier)
