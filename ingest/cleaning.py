"""Clean article text without losing anything: every removal is counted, the raw text is kept."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from ingest.records import CleanedText

_DATE_MARKER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b\s*")
_BOLD_LINE = re.compile(r"^\*\*(.+?)\*\*$")
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")
# "MOSCOW (Reuters) -Six people were killed": a dateline's dash glued to the first word hides that word
# from the tokenizer ("-Six" is no number)
_GLUED_DATELINE_DASH = re.compile(r"\)\s*([-\u2013\u2014])(?=[A-Za-z0-9])")


def normalise(text: str) -> str:
    """NFC, unified newlines, no control characters, collapsed runs of spaces, a dateline's dash set apart."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    text = _GLUED_DATELINE_DASH.sub(r") \1 ", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def content_key(paragraph: str) -> str:
    """What makes two paragraphs 'the same' for de-duplication: case, spacing and markup ignored."""
    return re.sub(r"[\W_]+", " ", paragraph).strip().lower()


def is_furniture(line: str, furniture: tuple[tuple[str, str], ...]) -> bool:
    stripped = line.strip()
    for pattern, kind in furniture:
        if kind == "line" and stripped.lower() == pattern.lower():
            return True
        if kind == "prefix" and stripped.lower().startswith(pattern.lower()):
            return True
    return False


def clean_text(raw: str, furniture: tuple[tuple[str, str], ...]) -> CleanedText:
    """Strip page furniture, a leading ``date YYYY-MM-DD`` marker, markdown bold, repeated paragraphs
    and a headline repeated in the body. Returns the clean text and what was removed."""
    text = normalise(raw)
    published: date | None = None
    marker = _DATE_MARKER.match(text)
    if marker:
        try:
            published = date.fromisoformat(marker.group(1))
        except ValueError:
            published = None
        text = text[marker.end():]

    kept: list[str] = []
    seen: set[str] = set()
    lines_removed = paragraphs_removed = 0
    title: str | None = None
    for line in text.split("\n"):
        if not line.strip():
            continue
        if is_furniture(line, furniture):
            lines_removed += 1
            continue
        bold = _BOLD_LINE.match(line.strip())
        if bold:
            line = bold.group(1).strip()
            if title is None:
                title = line
        key = content_key(line)
        if not key:
            lines_removed += 1
            continue
        if key in seen:
            paragraphs_removed += 1
            continue
        seen.add(key)
        kept.append(line)
    return CleanedText(
        text="\n\n".join(kept),
        lines_removed=lines_removed,
        paragraphs_removed=paragraphs_removed,
        published_date=published,
        title=title,
    )
