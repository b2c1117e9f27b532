"""What every conflict component shares, in the style of spaCy's own ``span_ruler``.

A component is created empty by its factory, reads its reference tables in ``initialize`` (from
``seeds/reference/`` unless told otherwise), writes the spans it finds to ``doc.spans[spans_key]``
and saves its tables with the pipeline (``to_disk``/``from_disk``), so a configured pipeline is
saved and loaded as one unit::

    nlp.add_pipe("casualty_claims").initialize(reference_dir="seeds/reference")
    nlp.to_disk("my_pipeline")            # the tables travel with it
    spacy.load("my_pipeline")             # after `import ingest.nlp`

Do not call ``nlp.initialize()`` on a trained pipeline: it would reset the trained components. Call
``initialize`` on these components alone, as ``ingest.nlp.build_pipeline`` does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, ClassVar

import srsly
from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc, Span
from spacy.training import Example

from ingest.reference import DEFAULT_REFERENCE_DIR, ReferenceTables, read_tables

TABLES_FILE = "reference_tables.json"


class NotInitializedError(RuntimeError):
    pass


class ReferenceComponent:
    """Base class: reference tables in, spans with one custom attribute out."""

    # Set by each component.
    reference_files: ClassVar[tuple[str, ...]] = ()
    mention_type: ClassVar[str] = ""  # what the loader calls its spans in raw.mentions
    span_attribute: ClassVar[str] = ""  # the Span extension holding its reading

    def __init__(self, nlp: Language, name: str, spans_key: str):
        # Each component has its own attribute: spaCy keys span attributes by character offsets, and
        # one stretch of text can be both a place and an actor ("Russia").
        if not Span.has_extension(self.span_attribute):
            Span.set_extension(self.span_attribute, default=None)
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.tables: ReferenceTables = {}

    # -- lifecycle ---------------------------------------------------------------------------------
    def initialize(self, get_examples: Callable[[], Iterable[Example]] | None = None, *,
                   nlp: Language | None = None, reference_dir: str | Path | None = None) -> None:
        """Read the reference tables (``seeds/reference/`` by default) and build the lookups."""
        self.tables = read_tables(reference_dir or DEFAULT_REFERENCE_DIR, self.reference_files)
        self.configure(self.tables)

    def configure(self, tables: ReferenceTables) -> None:
        """Build the component's lookups from its tables."""
        raise NotImplementedError

    @property
    def is_initialized(self) -> bool:
        return bool(self.tables)

    def __call__(self, doc: Doc) -> Doc:
        if not self.is_initialized:
            raise NotInitializedError(
                f"spaCy component '{self.name}' has no reference tables: call "
                f"nlp.get_pipe('{self.name}').initialize(reference_dir=...) before using it")
        doc.spans[self.spans_key] = self.find(doc)
        return doc

    def find(self, doc: Doc) -> list[Span]:
        raise NotImplementedError

    # -- serialisation -----------------------------------------------------------------------------
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / TABLES_FILE, self.tables)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> ReferenceComponent:
        self.tables = srsly.read_json(Path(path) / TABLES_FILE)
        self.configure(self.tables)
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.json_dumps(self.tables).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> ReferenceComponent:
        self.tables = srsly.json_loads(data.decode("utf-8"))
        self.configure(self.tables)
        return self

    # -- evaluation --------------------------------------------------------------------------------
    def score(self, examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
        """Precision, recall and F of the spans against gold spans under the same key, compared by
        offsets and by ``span_label`` (for claims: the outcome and the number read)."""

        def labelled(doc: Doc, key: str) -> list[Span]:
            # A gold span carries its label as written; a predicted one is labelled from its reading.
            return [Span(doc, span.start, span.end,
                         label=self.span_label(span) if getattr(span._, self.span_attribute) else span.label_)
                    for span in doc.spans.get(key, [])]

        return Scorer.score_spans(list(examples), self.spans_key, getter=labelled, labeled=True,
                                  allow_overlap=True)

    def span_label(self, span: Span) -> str:
        """What must be right about a span for it to count as correct, besides its offsets."""
        return span.label_
