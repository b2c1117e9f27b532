"""Turn a processed spaCy Doc into mention rows with offsets into the clean text."""

from __future__ import annotations

import bisect
import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date, datetime

from spacy.tokens import Doc, Span

from ingest.nlp.dates import article_time_zone, local_publication_day, resolve_date


@dataclass(frozen=True)
class Mention:
    mention_id: str
    article_id: str
    sentence_index: int
    paragraph_index: int
    clause_index: int  # clauses split at ';', dashes and ', while' inside the sentence
    sentence_start: int
    sentence_end: int
    char_start: int
    char_end: int
    mention_type: str
    label: str
    text: str
    value_text: str | None  # location_id, actor_id, ISO date, event family
    count_stated: int | None  # the number as written; coded to low/best/high in dbt
    count_stated_high: int | None  # upper end of a stated range ("10 to 15")
    vague_term: str | None  # "dozens", "several": coded in dbt from vague_numbers
    outcome: str | None  # killed, injured, or both ("no casualties")
    victim_group: str | None
    qualifier: str | None
    is_subset: bool
    is_negated: bool
    has_summary_cue: bool  # "two on each side", "nationwide": the sentence sums several events
    cause: str | None  # a cause that is not conflict, named in the sentence: disaster, accident, disease ...
    is_hypothetical: bool  # "will die", "could have been killed": not something that happened
    year_stated: int | None  # a year the sentence names outside a full date ("in 1998")
    is_toll_update: bool
    attributes: str  # JSON with everything else the component read
    extractor_version: str


def mention_id(article_id: str, mention_type: str, char_start: int, char_end: int, label: str) -> str:
    key = f"{article_id}|{mention_type}|{char_start}|{char_end}|{label}"
    return hashlib.sha256(key.encode()).hexdigest()[:20]


def paragraph_starts(text: str) -> list[int]:
    """Character offsets where each paragraph (a line with text) begins."""
    starts, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            starts.append(offset)
        offset += len(line) + 1
    return starts or [0]


def doc_to_mentions(doc: Doc, article_id: str, published: date | None, extractor_version: str,
                    sources: dict[str, tuple[str, str]], published_at: datetime | None = None,
                    time_zones: Mapping[str, str] | None = None) -> list[Mention]:
    """Mention rows for every span the conflict components left in ``doc.spans``; ``sources`` maps each
    spans key to its mention type and span attribute (``ingest.nlp.pipeline.mention_sources``).

    Relative dates ("yesterday", "on Tuesday") are read against the publication day where the article's
    place is, when the publication instant (``published_at``, UTC) and the place's time zone are known."""
    if published_at is not None and time_zones:
        countries = [(getattr(span._, attribute) or {}).get("country_code")
                     for key, (mention_type, attribute) in sources.items() if mention_type == "place"
                     for span in doc.spans.get(key, [])]
        published = local_publication_day(published, published_at,
                                          article_time_zone([c for c in countries if c], time_zones))
    sentences = list(doc.sents)
    sentence_of_token: dict[int, int] = {}
    clause_of_token: dict[int, int] = {}
    for index, sent in enumerate(sentences):
        for token, clause in zip(sent, clause_indices(sent), strict=False):
            sentence_of_token[token.i] = index
            clause_of_token[token.i] = clause
    paragraphs = paragraph_starts(doc.text)

    def paragraph_of(char: int) -> int:
        return bisect.bisect_right(paragraphs, char) - 1 if char >= paragraphs[0] else 0

    rows: list[Mention] = []
    for key, (mention_type, attribute) in sources.items():
        for span in doc.spans.get(key, []):
            rows.append(_row(span, getattr(span._, attribute), mention_type, article_id, sentences,
                             sentence_of_token, clause_of_token[span.start], paragraph_of, published,
                             extractor_version))
    return rows


_DASHES = {"—", "–", "--"}


def clause_indices(sent: Span) -> list[int]:
    """A clause number for every token of a sentence.

    Clauses break at ';' and at ', while' / ', whereas'. A pair of dashes encloses an aside
    ("... market and a boulevard—part of a UNESCO site—were also hit"): the aside is a clause of its
    own and the words after the closing dash return to the clause before it. A lone dash breaks.
    """
    dashes = sum(token.text in _DASHES for token in sent)
    clause, newest, outer = 0, 0, None
    seen_dashes = 0
    indices = []
    for token in sent:
        breaks = token.text == ";" or (
            token.lower_ in {"while", "whereas"} and token.i > sent.start and token.nbor(-1).text == ",")
        if token.text in _DASHES:
            seen_dashes += 1
            if outer is not None:  # closing dash of an aside
                clause, outer = outer, None
            else:
                newest += 1
                if seen_dashes < dashes:  # another dash follows: this one opens an aside
                    outer = clause
                clause = newest
        elif breaks:
            newest += 1
            clause, outer = newest, None
        indices.append(clause)
    return indices


def _row(span: Span, info: dict | None, mention_type: str, article_id: str, sentences: list[Span],
         sentence_of_token: dict, clause_index: int, paragraph_of, published: date | None,
         extractor_version: str) -> Mention:
    info = dict(info or {})
    sentence_index = sentence_of_token[span.start]
    sentence = sentences[sentence_index]
    value_text = None
    if mention_type == "place":
        value_text = info.pop("location_id")
    elif mention_type == "actor":
        value_text = info.pop("actor_id")
    elif mention_type == "trigger":
        value_text = info.get("event_family")
    elif mention_type == "date":
        resolved, precision = resolve_date(info, published)
        value_text = resolved.isoformat() if resolved else None
        info["precision"] = precision
    claim = mention_type == "casualty"
    return Mention(
        mention_id=mention_id(article_id, mention_type, span.start_char, span.end_char, span.label_),
        article_id=article_id,
        sentence_index=sentence_index,
        paragraph_index=paragraph_of(span.start_char),
        clause_index=clause_index,
        sentence_start=sentence.start_char,
        sentence_end=sentence.end_char,
        char_start=span.start_char,
        char_end=span.end_char,
        mention_type=mention_type,
        label=span.label_,
        text=span.text,
        value_text=value_text,
        count_stated=info.pop("count_stated") if claim else None,
        count_stated_high=info.pop("count_stated_high") if claim else None,
        vague_term=info.pop("vague_term") if claim else None,
        outcome=info.pop("outcome") if claim else None,
        victim_group=info.pop("victim_group") if claim else None,
        qualifier=info.pop("qualifier") if claim else None,
        is_subset=bool(info.pop("is_subset", False)),
        is_negated=bool(info.pop("is_negated", False)),
        has_summary_cue=bool(info.pop("has_summary_cue", False)),
        cause=info.pop("cause", None) if claim else None,
        is_hypothetical=bool(info.pop("is_hypothetical", False)),
        year_stated=info.pop("year_stated", None) if claim else None,
        is_toll_update=bool(info.pop("is_toll_update", False)),
        attributes=json.dumps(info, sort_keys=True, ensure_ascii=False),
        extractor_version=extractor_version,
    )


def mentions_as_columns(rows: list[Mention]) -> dict[str, list]:
    """Column-oriented form for a bulk Arrow insert."""
    columns: dict[str, list] = {name: [] for name in Mention.__dataclass_fields__}
    for row in rows:
        for name, value in asdict(row).items():
            columns[name].append(value)
    return columns
