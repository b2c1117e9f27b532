"""The headline an article is read with.

A record's title (a JSONL/CSV field, an HTML page's title, a 'Title:' header line) often holds the figures the
body repeats only in pieces ("Five wounded in East Side shooting"), so it is read as the article's first
paragraph when the body does not already carry it. A page title carries the site's name as well ("... - WMC
Action News 5 - Memphis, Tennessee"): read as text, that name would become a place of the event, so segments
that read as a site's name are left out of the headline (the stored title keeps them).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ingest.cleaning import content_key

# " - ", " | ", " – ", " — " between segments, and a trailing "|"
_SEGMENT_BREAK = re.compile(r"\s+[-|\u2013\u2014]\s+|\s*\|\s*$|\s+\|\s+|^\s*\|\s*")
_DOMAIN = re.compile(r"\b[\w-]+\.(?:com|org|net|tv|us|info|co\.uk|co)\b", re.IGNORECASE)
# A headline is a sentence: it has lowercase words ("shot", "in", "after"). A site's name is a run of
# capitalised words, call letters and numbers ("KSLA News 12 Shreveport, Louisiana News Weather & Sports").
_RUNNING_WORD = re.compile(r"\b[a-z][a-z']{2,}\b")
_NAME_CONNECTORS = frozenset({"and", "the", "for", "of"})


def reads_as_site_name(segment: str) -> bool:
    if _DOMAIN.search(segment):
        return True
    return not any(word not in _NAME_CONNECTORS for word in _RUNNING_WORD.findall(segment))


def headline_of(title: str | None) -> str | None:
    """The title without the segments that name the site; a title that is all name is kept whole."""
    if not title or not title.strip():
        return None
    flat = " ".join(title.split())
    segments = [segment.strip() for segment in _SEGMENT_BREAK.split(flat) if segment and segment.strip()]
    kept = [segment for segment in segments if not reads_as_site_name(segment)]
    return " - ".join(kept) if kept else (segments[0] if segments else None)


class HeadedText(NamedTuple):
    text: str
    headline_length: int  # characters of text before the body: the headline put in front and its break; 0 if none


def with_headline(text: str, headline: str | None) -> HeadedText:
    """The text led by its headline, unless the text already holds it (most bodies repeat their headline).

    The headline's length is kept so that SQL can tell its claims from the body's: a headline rounds ("over 90
    dead" where the body says "at least 90"), so its figures count only where they say more than the body.
    """
    if not headline:
        return HeadedText(text, 0)
    key = content_key(headline)
    if not key or key in content_key(text):
        return HeadedText(text, 0)
    lead = f"{headline}\n\n"
    return HeadedText(lead + text, len(lead))
