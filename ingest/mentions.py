"""Turn a processed spaCy Doc into mention rows with offsets into the clean text."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import date

from spacy.tokens import Doc, Span

from ingest.nlp.dates import resolve_date
from ingest.nlp.extensions import SPAN_ATTRIBUTES

MENTION_TYPES = {
    "conflict_places": "place",
    "conflict_actors": "actor",
    "conflict_triggers": "trigger",
    "conflict_dates": "date",
    "casualty_claims": "casualty",
}


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
    count_low: int | None
    count_best: int | None
    count_high: int | None
    outcome: str | None
    victim_group: str | None
    qualifier: str | None
    is_subset: bool
    is_negated: bool
    is_aggregate_hint: bool
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


def doc_to_mentions(doc: Doc, article_id: str, published: date | None, extractor_version: str) -> list[Mention]:
    sentences = list(doc.sents)
    sentence_of_token: dict[int, int] = {}
    clause_of_token: dict[int, int] = {}
    for index, sent in enumerate(sentences):
        for token, clause in zip(sent, clause_indices(sent), strict=False):
            sentence_of_token[token.i] = index
            clause_of_token[token.i] = clause
    paragraphs = paragraph_starts(doc.text)

    def paragraph_of(char: int) -> int:
        lo, hi = 0, len(paragraphs) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if paragraphs[mid] <= char:
                lo = mid
            else:
                hi = mid - 1
        return lo

    rows: list[Mention] = []
    for key, mention_type in MENTION_TYPES.items():
        for span in doc.spans.get(key, []):
            info = getattr(span._, SPAN_ATTRIBUTES[key])
            # "no casualties" speaks of both outcomes: one row each, so every row has one outcome.
            outcomes = ("killed", "injured") if info and info.get("outcome") == "both" else (None,)
            for outcome in outcomes:
                row_info = {**info, "outcome": outcome} if outcome else info
                rows.append(_row(span, row_info, mention_type, article_id, sentences, sentence_of_token,
                                 clause_of_token[span.start], paragraph_of, published, extractor_version))
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
        mention_id=mention_id(article_id, mention_type, span.start_char, span.end_char,
                              info.get("outcome") or span.label_),
        article_id=article_id,
        sentence_index=sentence_index,
        paragraph_index=paragraph_of(span.start_char),
        clause_index=clause_index,
        sentence_start=sentence.start_char,
        sentence_end=sentence.end_char,
        char_start=span.start_char,
        char_end=span.end_char,
        mention_type=mention_type,
        label=info.get("outcome") or span.label_ if claim else span.label_,
        text=span.text,
        value_text=value_text,
        count_low=info.pop("count_low") if claim else None,
        count_best=info.pop("count_best") if claim else None,
        count_high=info.pop("count_high") if claim else None,
        outcome=info.pop("outcome") if claim else None,
        victim_group=info.pop("victim_group") if claim else None,
        qualifier=info.pop("qualifier") if claim else None,
        is_subset=bool(info.pop("is_subset", False)),
        is_negated=bool(info.pop("is_negated", False)),
        is_aggregate_hint=bool(info.pop("is_aggregate_hint", False)),
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
