"""``conflict_actors``: states, governments, forces and people, by alias and metonym."""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ingest.nlp.extensions import register_extensions
from ingest.nlp.roles import acts_as_actor
from ingest.reference import DEFAULT_REFERENCE_DIR, ActorAlias, actor_aliases


@Language.factory(
    "conflict_actors",
    default_config={"reference_dir": str(DEFAULT_REFERENCE_DIR), "spans_key": "conflict_actors"},
)
def make_conflict_actors(nlp: Language, name: str, reference_dir: str, spans_key: str) -> ActorRecognizer:
    return ActorRecognizer(nlp, actor_aliases(reference_dir), spans_key)


class ActorRecognizer:
    """Matches aliases case-sensitively. A capital ("Kyiv", "Moscow") counts as its government only
    when it acts or speaks; nationality adjectives ("Russian") are kept as cues for initiators."""

    def __init__(self, nlp: Language, aliases: tuple[ActorAlias, ...], spans_key: str):
        register_extensions()
        self.spans_key = spans_key
        self.by_alias = {alias.alias: alias for alias in aliases}
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.matcher.add("ACTOR", list(nlp.tokenizer.pipe(self.by_alias)))

    def __call__(self, doc: Doc) -> Doc:
        found: list[Span] = []
        for span in filter_spans(self.matcher(doc, as_spans=True)):
            alias = self.by_alias[span.text]
            if alias.alias_kind == "capital" and not acts_as_actor(span):
                continue
            actor = Span(doc, span.start, span.end, label=alias.alias_kind)
            actor._.actor = {"actor_id": alias.actor_id, "alias_kind": alias.alias_kind}
            found.append(actor)
        doc.spans[self.spans_key] = found
        return doc
