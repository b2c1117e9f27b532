"""spaCy components that turn conflict reporting into mentions.

Importing this package registers the factories ``conflict_places``, ``conflict_actors``,
``conflict_triggers``, ``conflict_dates`` and ``casualty_claims`` with spaCy, and ``sentence_gate``, which
runs a pipeline's trained components only on the sentences these read. Each is configured from the
reference CSVs in ``seeds/reference/`` when it is initialised, and saved with the pipeline::

    import ingest.nlp
    nlp.add_pipe("casualty_claims").initialize(reference_dir="seeds/reference")
"""

from ingest.nlp import actors, casualties, dates, paragraphs, places, sentence_gate, triggers  # noqa: F401  (registers factories)
from ingest.nlp.pipeline import build_pipeline, mention_sources

__all__ = ["build_pipeline", "mention_sources"]
