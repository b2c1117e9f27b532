"""spaCy components that turn conflict reporting into mentions.

Importing this package registers the factories ``conflict_places``, ``conflict_actors``,
``conflict_triggers``, ``casualty_claims`` and ``conflict_dates`` with spaCy, so any pipeline can
``nlp.add_pipe("casualty_claims", config={"reference_dir": ...})``.
"""

from ingest.nlp import actors, casualties, dates, paragraphs, places, triggers  # noqa: F401  (registers factories)
from ingest.nlp.pipeline import build_pipeline

__all__ = ["build_pipeline"]
