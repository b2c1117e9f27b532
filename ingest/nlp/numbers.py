"""Reading a count out of tokens: digits, number words, "two dozen", ranges and vague quantities.

The number is recorded as the sentence states it, with its qualifier ("at least", "over", "about")
and, for a vague quantity, the vague word itself. What a qualifier or a vague word means as a
low/best/high figure is decided in dbt (``int_casualty_figures_coded``), not here."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from ingest.reference import CasualtyVocabulary

_DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+$")


@dataclass(frozen=True)
class Quantity:
    start: int  # token index of the first token (qualifier included)
    end: int  # token index after the last token
    value: int | None  # the number as written ("two dozen" is 24); None for a vague word
    value_high: int | None  # the upper end of a stated range ("10 to 15")
    vague_term: str | None  # the vague word as listed in vague_numbers.csv ("dozens of", "several")
    qualifier: str  # exact, at_least, over, about, vague


def _parse_digits(text: str) -> int | None:
    return int(text.replace(",", "")) if _DIGITS.match(text) else None


def _read_words(doc: Doc, i: int, end: int, vocab: CasualtyVocabulary) -> tuple[int, int] | None:
    """'eleven', 'twenty-one', 'two hundred', 'a dozen', 'two dozen' -> (value, end index)."""
    words, scales = vocab.number_words, vocab.scale_words
    total, current, j, used = 0, 0, i, False
    while j < end:
        lower = doc[j].lower_
        if lower in {"a", "an"} and not used and j + 1 < end and doc[j + 1].lower_ in scales:
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
        if lower in scales:
            current = max(current, 1) * scales[lower]
            if scales[lower] >= 1000:  # "two thousand five hundred": a thousand closes a group
                total, current = total + current, 0
        else:
            current += words[lower]
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
        return Quantity(i, j + vague[0], None, None, vague[1], "vague")
    if j > 0 and doc[j - 1].lower_ in vocab.currencies_before:
        return None
    value = _parse_digits(doc[j].text)
    if value is not None:
        j += 1
        if j < end and doc[j].lower_ in vocab.scale_words:
            value, j = value * vocab.scale_words[doc[j].lower_], j + 1
    else:
        read = _read_words(doc, j, end, vocab)
        if read is None:
            return None
        value, j = read
    if j < end and doc[j].lower_ in vocab.measures_after:
        return None
    if j + 1 < end and doc[j].text == "-" and not doc[j + 1].like_num:
        return None  # "65-year-old", "50-day deadline"
    if 1900 <= value <= 2100 and _DIGITS.match(doc[start_of_number].text) and "," not in doc[start_of_number].text:
        return None  # a year
    if j + 1 < end and doc[j].lower_ in vocab.range_glue:
        other = _parse_digits(doc[j + 1].text)
        if other is None:
            words = _read_words(doc, j + 1, end, vocab)
            other = words[0] if words else None
        if other is not None and other > value:
            return Quantity(i, j + 2, value, other, None, "about")
    return Quantity(i, j, value, None, None, qualifier)
