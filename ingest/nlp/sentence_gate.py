"""``sentence_gate``: the trained components parse only the sentences a conflict rule can read.

A casualty claim or an event trigger needs an outcome or trigger word in its sentence (the same cue words
as the article gate, ``ingest.nlp.relevance``), and a place needs a gazetteer name or a word that cues a
place (a component says which tokens it needs parsed through ``needs_parse(doc)``). Most sentences of news
have none of them (quotes, background, the results under a sports headline) and only need tokens.

The gate runs the pipeline's trained components (tagger, parser, lemmatizer, ...), which ``build_pipeline``
disables in the pipeline itself, on windows of the sentences that need them (with ``context_sentences``
neighbours each side), batched across documents, and writes their annotations back into the whole
document: the conflict components see one document with the character offsets of the full text. A document
whose every sentence needs the parse is parsed whole, exactly as without the gate. The other sentences keep
their tokens and get their boundaries from paragraph breaks and sentence-final punctuation; they have no
tags, lemmas or dependencies.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np
import srsly
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, SENT_START, TAG
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.util import minibatch

from ingest.nlp.component import NotInitializedError
from ingest.nlp.relevance import cue_pattern
from ingest.reference import DEFAULT_REFERENCE_DIR

_PARSE_ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]
_SENTENCE_END = {".", "!", "?"}
_GATE_FILE = "sentence_gate.json"


@Language.factory("sentence_gate", default_config={"parse_components": [], "context_sentences": 0})
def make_sentence_gate(nlp: Language, name: str, parse_components: list[str],
                       context_sentences: int) -> SentenceGate:
    return SentenceGate(nlp, name, tuple(parse_components), context_sentences)


def rough_sentence_starts(doc: Doc) -> list[int]:
    """Where sentences start before any parse: after a line break, and after '.', '!' or '?' (a closing
    quote or bracket may follow) when the next word starts like a sentence, unless the stop follows an
    abbreviation ('Gen. Smith'). A sentence split too rarely only widens what the gate parses."""
    starts = [0]
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and "\n" in previous.text:
            starts.append(token.i)
            continue
        if not previous.whitespace_ or token.is_space:
            continue
        end = previous
        while (end.is_quote or end.is_bracket) and end.i > 0 and not doc[end.i - 1].whitespace_:
            end = doc[end.i - 1]
        if end.text in _SENTENCE_END and not _abbreviated(doc, end) and (
                token.is_title or token.is_upper or token.like_num or token.is_quote or token.is_bracket):
            starts.append(token.i)
    return starts


def _abbreviated(doc: Doc, stop: Token) -> bool:
    """'NW. 12th Ave.', 'Gen. Smith', 'St. Louis': a full stop after a short capitalised word rarely ends a
    sentence, and joining two sentences only parses them together, where a wrong split would cut one."""
    word = doc[stop.i - 1] if stop.i > 0 and stop.text == "." and not doc[stop.i - 1].whitespace_ else None
    return word is not None and word.is_alpha and len(word) <= 3 and (word.is_title or word.is_upper)


class SentenceGate:
    """Parses the sentences that need it; see the module docstring."""

    def __init__(self, nlp: Language, name: str, parse_components: tuple[str, ...], context_sentences: int):
        self.nlp = nlp
        self.name = name
        self.parse_components = parse_components
        self.context_sentences = context_sentences
        self.cues: re.Pattern | None = None

    def initialize(self, get_examples=None, *, nlp: Language | None = None,
                   reference_dir: str | Path | None = None) -> None:
        """Read the trigger and outcome words from the reference CSVs (``seeds/reference/`` by default)."""
        self.cues = cue_pattern(str(reference_dir or DEFAULT_REFERENCE_DIR))

    # -- which tokens are parsed -------------------------------------------------------------------
    def windows(self, doc: Doc) -> list[tuple[int, int]]:
        """The token ranges to parse, in order and disjoint: whole runs of rough sentences."""
        if self.cues is None:
            raise NotInitializedError(f"spaCy component '{self.name}' has no cue words: call "
                                      f"nlp.get_pipe('{self.name}').initialize(reference_dir=...) first")
        if not len(doc):
            return []
        starts = rough_sentence_starts(doc)
        needed: set[int] = set()
        token_chars = [token.idx for token in doc]
        for match in self.cues.finditer(doc.text):
            token = bisect.bisect_right(token_chars, match.start()) - 1
            needed.add(bisect.bisect_right(starts, token) - 1)
        for _, pipe in self.nlp.pipeline:
            if hasattr(pipe, "needs_parse"):
                needed.update(bisect.bisect_right(starts, i) - 1 for i in pipe.needs_parse(doc))
        context = self.context_sentences
        wanted = sorted({s for n in needed for s in range(n - context, n + context + 1) if 0 <= s < len(starts)})
        ends = [*starts[1:], len(doc)]
        windows: list[tuple[int, int]] = []
        for sentence in wanted:
            start, end = starts[sentence], ends[sentence]
            if windows and windows[-1][1] == start:
                windows[-1] = (windows[-1][0], end)
            else:
                windows.append((start, end))
        return windows

    # -- parsing -----------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        components = [self.nlp.get_pipe(name) for name in self.parse_components]
        for batch in minibatch(docs, batch_size):
            plans = [(doc, self.windows(doc)) for doc in batch]
            pieces = [doc if windows == [(0, len(doc))] else self._piece(doc, start, end)
                      for doc, windows in plans for start, end in windows]
            for component in components:
                pieces = list(component.pipe(pieces, batch_size=batch_size) if hasattr(component, "pipe")
                              else map(component, pieces))
            parsed = iter(pieces)
            for doc, windows in plans:
                if windows == [(0, len(doc))]:
                    yield next(parsed)
                else:
                    yield _assemble(doc, windows, [next(parsed) for _ in windows])

    def _piece(self, doc: Doc, start: int, end: int) -> Doc:
        """doc[start:end] as a document of its own. Tokenising its text again is four times cheaper than
        Span.as_doc and gives the same tokens (the tokenizer splits on whitespace first, and a window begins
        and ends at whitespace); where it would not, as_doc."""
        piece = self.nlp.make_doc(doc[start:end].text_with_ws)
        return piece if len(piece) == end - start else doc[start:end].as_doc()

    # -- serialisation -----------------------------------------------------------------------------
    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.json_dumps({"cues": self.cues.pattern if self.cues else None}).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> SentenceGate:
        pattern = srsly.json_loads(data.decode("utf-8"))["cues"]
        self.cues = re.compile(pattern, re.IGNORECASE) if pattern else None
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)
        (Path(path) / _GATE_FILE).write_bytes(self.to_bytes())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> SentenceGate:
        return self.from_bytes((Path(path) / _GATE_FILE).read_bytes())


def _assemble(doc: Doc, windows: list[tuple[int, int]], pieces: list[Doc]) -> Doc:
    """Copy the parsed pieces' annotations into doc; the sentences between them start where the rough
    splitter says."""
    annotations = doc.to_array(_PARSE_ATTRS)
    for (start, end), piece in zip(windows, pieces, strict=True):
        annotations[start:end] = piece.to_array(_PARSE_ATTRS)  # heads are relative: valid in doc too
    doc.from_array(_PARSE_ATTRS, annotations)  # sets the pieces' sentence starts from their trees
    sentence_starts = doc.to_array([SENT_START]).astype(np.int64)
    parsed = np.zeros(len(doc), dtype=bool)
    for start, end in windows:
        parsed[start:end] = True
    sentence_starts[~parsed] = -1
    for start in rough_sentence_starts(doc):
        if not parsed[start]:
            sentence_starts[start] = 1
    doc.from_array([SENT_START], sentence_starts.astype(np.uint64))
    return doc
