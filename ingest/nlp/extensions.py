"""Custom attributes the conflict components set on the spans they find.

Each component has its own attribute, because spaCy keys span attributes by character offsets and
one stretch of text can be both a place and an actor ("Russia").
"""

from spacy.tokens import Span

SPAN_ATTRIBUTES = {
    "conflict_places": "location",
    "conflict_actors": "actor",
    "conflict_triggers": "trigger",
    "conflict_dates": "date_parts",
    "casualty_claims": "casualty",
}


def register_extensions() -> None:
    """Idempotent: each component calls it when it is created."""
    for attribute in SPAN_ATTRIBUTES.values():
        if not Span.has_extension(attribute):
            Span.set_extension(attribute, default=None)
