"""Plain records passed between the loader's stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class SourceRecord:
    """One article as found in an input file, before cleaning."""

    source_uri: str  # the file, plus '#<record number>' for multi-record files
    record_number: int | None
    raw_text: str
    title: str | None = None
    url: str | None = None
    source_name: str | None = None
    published_date: date | None = None
    published_at: datetime | None = None  # naive UTC, when the source gave a time and a zone
    published_text: str | None = None  # the date as the source wrote it, read or not
    external_id: str | None = None
    encoding: str = "utf-8"


@dataclass(frozen=True)
class Rejection:
    """An input that could not become an article, kept with its reason."""

    source_uri: str
    record_number: int | None
    reason: str
    excerpt: str
    stage: str = "read"  # read (the file or record), or extract (the NLP of a loaded article)


@dataclass(frozen=True)
class CleanedText:
    text: str
    lines_removed: int
    paragraphs_removed: int
    published_date: date | None
    title: str | None


@dataclass
class Article:
    """A cleaned, identified article ready for extraction."""

    article_id: str
    content_hash: str
    clean_text: str
    raw_text: str
    title: str | None
    url: str | None
    source_name: str | None
    source_uri: str
    record_number: int | None
    published_date: date | None
    lines_removed: int
    paragraphs_removed: int
    encoding: str
    published_at: datetime | None = None
    language: str | None = None  # ISO 639-1, None when it cannot be told
    headline_length: int = 0  # characters of clean_text before the body: a headline the body did not repeat
    sources: list[SourceRecord] = field(default_factory=list)
