"""Whether a span says what might happen, or what keeps happening, rather than what happened: one rule each
for claims and triggers."""

from __future__ import annotations

from spacy.tokens import Span, Token

# How many clauses up a condition is looked for: "... picked up if he touched the car when he found the body".
_MAX_CLAUSES_UP = 3


def says_what_might_happen(span: Span, cues: frozenset[str]) -> bool:
    """'Two million children will die', 'could have been killed', 'threatened to kill', 'the next round of
    Russia-Ukraine-U.S. talks may take place in Istanbul': the verb that governs the span is a cue
    ("threaten") or has a cue as its auxiliary ("will", "could", "may"), or it completes a verb that is
    one ("threatened to strike"). A clause that is a condition ("if he found the body", "unless ...") says
    what might be, and so does a clause inside one. The cues are ``hypothetical_cue`` terms in
    ``casualty_vocabulary.csv``."""
    verb = _governing_verb(span.root)
    while verb is not None:
        if verb.lemma_.lower() in cues or any(
                child.dep_ in {"aux", "auxpass"} and child.lemma_.lower() in cues for child in verb.children):
            return True
        verb = verb.head if verb.dep_ == "xcomp" and verb.head is not verb else None
    return _inside_a_condition(_governing_verb(span.root), cues)


def says_what_keeps_happening(span: Span, outcome_verbs: dict[str, str]) -> bool:
    """'Many people are getting injured', 'civilians are being killed every day': an outcome verb
    in the present progressive tells of something ongoing or habitual, not of one event ('have been
    killed' and 'were being evacuated' are not)."""
    verb = _governing_verb(span.root)
    if verb is None or verb.lemma_.lower() not in outcome_verbs:
        return False
    present_be = any(child.dep_ in {"aux", "auxpass"} and child.lemma_.lower() == "be" and child.tag_ in {"VBP", "VBZ"}
                     for child in verb.children)
    progressive = verb.tag_ == "VBG" or any(child.dep_ in {"aux", "auxpass"} and child.tag_ == "VBG"
                                            for child in verb.children)
    return present_be and progressive


def _inside_a_condition(verb: Token | None, cues: frozenset[str]) -> bool:
    for _ in range(_MAX_CLAUSES_UP):
        if verb is None:
            return False
        if any(child.dep_ == "mark" and child.lower_ in cues for child in verb.children):
            return True
        if verb.dep_ not in {"advcl", "conj"} or verb.head.i == verb.i:
            return False
        verb = verb.head
    return False


def _governing_verb(token: Token, max_steps: int = 5) -> Token | None:
    for _ in range(max_steps):
        if token.pos_ in {"VERB", "AUX"}:
            return token
        if token.head is token:
            return None
        token = token.head
    return None
