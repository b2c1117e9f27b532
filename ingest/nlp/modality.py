"""Whether a span says what might happen rather than what happened: one rule for claims and triggers."""

from __future__ import annotations

from spacy.tokens import Span


def says_what_might_happen(span: Span, cues: frozenset[str]) -> bool:
    """'Two million children will die', 'could have been killed', 'threatened to kill', 'the next round of
    talks may take place in Istanbul': a verb among the span's nearest heads is a cue ("threaten") or has
    a cue as its auxiliary ("will", "could", "may"). The cues are ``hypothetical_cue`` terms in
    ``casualty_vocabulary.csv``."""
    token = span.root
    for _ in range(3):
        if token.pos_ in {"VERB", "AUX"} and (token.lemma_.lower() in cues or any(
                child.dep_ in {"aux", "auxpass"} and child.lemma_.lower() in cues for child in token.children)):
            return True
        if token.head is token:
            break
        token = token.head
    return False
