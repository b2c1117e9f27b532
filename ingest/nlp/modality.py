"""Whether a span says what might happen rather than what happened: one rule for claims and triggers."""

from __future__ import annotations

from spacy.tokens import Span, Token


def says_what_might_happen(span: Span, cues: frozenset[str]) -> bool:
    """'Two million children will die', 'could have been killed', 'threatened to kill', 'the next round of
    Russia-Ukraine-U.S. talks may take place in Istanbul': the verb that governs the span is a cue
    ("threaten") or has a cue as its auxiliary ("will", "could", "may"), or it completes a verb that is
    one ("threatened to strike"). The cues are ``hypothetical_cue`` terms in ``casualty_vocabulary.csv``."""
    verb = _governing_verb(span.root)
    while verb is not None:
        if verb.lemma_.lower() in cues or any(
                child.dep_ in {"aux", "auxpass"} and child.lemma_.lower() in cues for child in verb.children):
            return True
        verb = verb.head if verb.dep_ == "xcomp" and verb.head is not verb else None
    return False


def _governing_verb(token: Token, max_steps: int = 5) -> Token | None:
    for _ in range(max_steps):
        if token.pos_ in {"VERB", "AUX"}:
            return token
        if token.head is token:
            return None
        token = token.head
    return None
