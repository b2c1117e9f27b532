"""``conflict_actors``: states, governments, forces, armed groups and people, by alias and metonym."""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ingest.nlp.component import ReferenceComponent
from ingest.nlp.roles import PolityRoles
from ingest.reference import ReferenceTables, actor_aliases, rows_with


@Language.factory(
    "conflict_actors",
    default_config={"spans_key": "conflict_actors"},
    default_score_weights={"conflict_actors_f": 1.0, "conflict_actors_p": 0.0, "conflict_actors_r": 0.0},
)
def make_conflict_actors(nlp: Language, name: str, spans_key: str) -> ActorRecognizer:
    return ActorRecognizer(nlp, name, spans_key)


class ActorRecognizer(ReferenceComponent):
    """Matches aliases case-sensitively (``actor_aliases.csv``). A capital ("Kyiv", "Moscow") counts as its
    government only when it acts or speaks; nationality adjectives ("Russian") are kept as cues for
    initiators."""

    reference_files = ("actor_aliases.csv", "actors.csv", "strike_verbs.csv")
    mention_type = "actor"
    span_attribute = "actor"

    def configure(self, tables: ReferenceTables) -> None:
        self.by_alias = {alias.alias: alias for alias in actor_aliases(tables)}
        self.actor_types = {row["actor_id"]: row["actor_type"] for row in rows_with(tables, "actors.csv", "actor_id",
                                                                                    "actor_type")}
        self.roles = PolityRoles.from_tables(tables)
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self.matcher.add("ACTOR", list(self.nlp.tokenizer.pipe(self.by_alias)))

    def find(self, doc: Doc) -> list[Span]:
        found: list[Span] = []
        for span in filter_spans(self.matcher(doc, as_spans=True)):
            alias = self.by_alias[span.text]
            if alias.alias_kind == "capital" and not self.roles.acts_as_actor(span):
                continue
            actor = Span(doc, span.start, span.end, label=alias.alias_kind)
            actor._.actor = {"actor_id": alias.actor_id, "alias_kind": alias.alias_kind,
                             "actor_type": self.actor_types.get(alias.actor_id)}
            found.append(actor)
        return found

    def span_label(self, span: Span) -> str:
        """An actor is right when it resolves to the right actor."""
        return span._.actor["actor_id"]
