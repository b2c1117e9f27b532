"""Syntactic tests shared by the place and actor components: does a polity name act or locate?"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from ingest.reference import ReferenceTables, column

# Dependency labels and tags of the English parser: grammar, not vocabulary.
_ACTING_DEPS = {"nsubj", "poss", "dobj", "dative", "nmod"}
_FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}


def _followed_by_finite_verb(span: Span) -> bool:
    """'Moscow and Kyiv exchanged strikes': a name (or a pair of names) right before its verb.
    A passive ('Kyiv was hit') names the place that suffered, not an actor."""
    doc = span.doc
    i = span.end
    if i + 1 < len(doc) and doc[i].lower_ == "and" and doc[i + 1].pos_ == "PROPN":
        i += 2
        while i < len(doc) and doc[i].pos_ == "PROPN":
            i += 1
    if i >= len(doc) or doc[i].tag_ not in _FINITE_TAGS:
        return False
    is_passive = doc[i].lemma_ == "be" and i + 1 < len(doc) and doc[i + 1].tag_ == "VBN"
    return not is_passive


@dataclass(frozen=True)
class PolityRoles:
    """Tells a government from a place. ``strike_verbs`` (``strike_verbs.csv``) are verbs whose object
    is where a blow landed, not who was addressed: "a missile hit Kyiv"."""

    strike_verbs: frozenset[str]

    @classmethod
    def from_tables(cls, tables: ReferenceTables) -> PolityRoles:
        return cls(frozenset(lemma.lower() for lemma in column(tables, "strike_verbs.csv", "lemma")))

    def acts_as_actor(self, span: Span) -> bool:
        """True when a polity name (a capital or a country) acts or speaks rather than locates.

        "Kyiv said", "Moscow's forces", "pushing Kyiv and Moscow", "Moscow-installed", "Moscow and Kyiv
        exchanged" name a government; "strikes on Kyiv", "a briefing in Moscow", "Kyiv was hit" name a place.
        """
        doc = span.doc
        if span.end < len(doc) and doc[span.end].text in {"-", "'s", "’s"}:
            return True
        if _followed_by_finite_verb(span):
            return True
        token = span.root
        if token.dep_ == "conj":  # "Kyiv and Moscow" share the role of the first conjunct
            token = token.head
        if token.dep_ == "dobj" and token.head.lemma_.lower() in self.strike_verbs:
            return False
        return token.dep_ in _ACTING_DEPS
