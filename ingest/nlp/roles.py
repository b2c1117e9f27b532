"""Syntactic tests shared by the place and actor components."""

from spacy.tokens import Span

_ACTING_DEPS = {"nsubj", "poss", "dobj", "dative", "nmod"}
_FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
# The object of these verbs is where a blow landed, not who was addressed: "a missile hit Kyiv".
_STRIKE_VERBS = {"hit", "strike", "attack", "target", "shell", "bomb", "pound", "bombard", "raid", "rock", "storm"}


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


def acts_as_actor(span: Span) -> bool:
    """True when a polity name (a capital or a country) acts or speaks rather than locates.

    "Kyiv said", "Moscow's forces", "pushing Kyiv and Moscow", "Moscow-installed", "Moscow and Kyiv
    exchanged" name a government; "strikes on Kyiv", "a briefing in Moscow", "Kyiv was hit" name a place.
    """
    doc = span.doc
    root = span.root
    if span.end < len(doc) and doc[span.end].text in {"-", "'s", "’s"}:
        return True
    if _followed_by_finite_verb(span):
        return True
    token = root
    if token.dep_ == "conj":  # "Kyiv and Moscow" share the role of the first conjunct
        token = token.head
    if token.dep_ == "dobj" and token.head.lemma_.lower() in _STRIKE_VERBS:
        return False
    return token.dep_ in _ACTING_DEPS
