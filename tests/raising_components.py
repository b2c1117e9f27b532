"""spaCy components that raise on a marked document, to test that one failing document is quarantined.

Added to a real build with ``--add-pipe tests.raising_components:FACTORY``. ``raise_on_marked`` is a plain
component (spaCy's error handler applies to it); ``raise_on_marked_in_batches`` also has a ``pipe`` method that
raises for the whole batch, like a trainable component that takes no error handler.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

MARK = "QUARANTINE-THIS-DOCUMENT"


class MarkedDocumentError(RuntimeError):
    pass


def _check(doc: Doc) -> Doc:
    if MARK in doc.text:
        raise MarkedDocumentError(f"refusing the marked document ({len(doc)} tokens)")
    return doc


@Language.factory("raise_on_marked")
def raise_on_marked(nlp: Language, name: str):
    return _check


class BatchRaiser:
    def __call__(self, doc: Doc) -> Doc:
        return _check(doc)

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        batch = list(docs)
        for doc in batch:
            _check(doc)
        yield from batch


@Language.factory("raise_on_marked_in_batches")
def raise_on_marked_in_batches(nlp: Language, name: str):
    return BatchRaiser()
