"""sentence_gate: the trained components parse only the sentences a conflict rule reads, and the mentions
are those of parsing every sentence."""

from __future__ import annotations

import dataclasses

import pytest

from ingest.mentions import doc_to_mentions
from ingest.nlp.pipeline import mention_sources
from ingest.nlp.relevance import cue_pattern
from ingest.nlp.sentence_gate import SentenceGate, rough_sentence_starts
from ingest.reference import DEFAULT_REFERENCE_DIR, CasualtyVocabulary, read_tables
from tests.conftest import SAMPLES

# A wire report: two sentences a rule reads (a place, a claim), the rest quotes and background.
REPORT = (
    "Officials said the talks would resume next week.\n\n"
    "Gunmen killed five villagers and wounded two others in Maiduguri on Monday, police said.\n\n"
    "The weather was mild and most shops stayed open. Residents said they hoped for calm. "
    "\"We have seen worse,\" one trader said.\n\n"
    "Attackers stormed the village of Kaleri, a local official said."
)


@pytest.fixture(scope="module")
def every_sentence_nlp():
    from ingest.nlp import build_pipeline

    return build_pipeline(parse_every_sentence=True)


def _sentence(doc, fragment: str):
    return next(sent for sent in doc.sents if fragment in sent.text)


def _comparable(mention) -> tuple:
    # The sentence a mention is numbered in may differ where unparsed sentences are split by punctuation
    # instead of by the parser; everything a mention says must not.
    row = dataclasses.asdict(mention)
    for key in ("mention_id", "sentence_index", "sentence_start", "sentence_end", "paragraph_index"):
        row.pop(key)
    return tuple(sorted(row.items()))


def _mentions(nlp, text: str) -> list[tuple]:
    return sorted(_comparable(m) for m in doc_to_mentions(nlp(text), "a", None, "v", mention_sources(nlp)))


def test_the_gate_replaces_the_trained_components_in_the_pipeline(nlp, every_sentence_nlp):
    assert nlp.pipe_names[0] == "sentence_gate"
    assert "parser" not in nlp.pipe_names and "parser" in nlp.get_pipe("sentence_gate").parse_components
    assert "sentence_gate" not in every_sentence_nlp.pipe_names and "parser" in every_sentence_nlp.pipe_names


def test_sentences_no_rule_reads_keep_their_tokens_but_are_not_parsed(nlp):
    doc = nlp(REPORT)
    assert doc.text == REPORT
    claim = _sentence(doc, "Gunmen killed")
    assert all(token.pos_ for token in claim) and any(token.dep_ == "nsubj" for token in claim)
    village = _sentence(doc, "village of Kaleri")  # a settlement word: a place the gazetteer lacks
    assert all(token.pos_ for token in village)
    for quiet in ("The weather was mild", "Residents said", "We have seen worse"):
        sentence = _sentence(doc, quiet)
        assert sentence.text.startswith(quiet.split()[0]) or sentence.text.startswith('"')
        assert not any(token.pos_ or token.dep_ for token in sentence), quiet


def test_mentions_are_those_of_parsing_every_sentence(nlp, every_sentence_nlp):
    gated = _mentions(nlp, REPORT)
    assert {dict(m)["mention_type"] for m in gated} >= {"casualty", "place", "trigger", "date"}
    assert gated == _mentions(every_sentence_nlp, REPORT)


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.stem)
def test_sample_articles_give_the_same_mentions_gated(nlp, every_sentence_nlp, path):
    text = path.read_text(encoding="utf-8")
    assert _mentions(nlp, text) == _mentions(every_sentence_nlp, text)


def test_a_document_whose_every_sentence_needs_the_parse_is_parsed_whole(nlp, every_sentence_nlp):
    text = "Two soldiers were killed in Kharkiv. Three civilians were wounded when shells hit Izium."
    assert nlp.get_pipe("sentence_gate").windows(nlp.make_doc(text)) == [(0, len(nlp.make_doc(text)))]
    gated, everywhere = nlp(text), every_sentence_nlp(text)
    assert [(t.pos_, t.dep_, t.head.i, t.lemma_) for t in gated] == \
           [(t.pos_, t.dep_, t.head.i, t.lemma_) for t in everywhere]


def test_a_document_no_rule_reads_is_only_tokenised(nlp):
    text = "Shares rose on Tuesday. The bank said profits would grow.\n\nAnalysts agreed."
    doc = nlp(text)
    assert not doc.has_annotation("DEP") and not doc.has_annotation("POS")
    assert [sent.text.strip() for sent in doc.sents] == ["Shares rose on Tuesday.", "The bank said profits would grow.",
                                                        "Analysts agreed."]
    assert [span.text for span in doc.spans["conflict_dates"]] == ["Tuesday"]  # dates need no parse


def test_context_sentences_parse_the_neighbours_too(nlp):
    gate = nlp.get_pipe("sentence_gate")
    doc = nlp.make_doc("It was quiet. Then two men were shot. Everyone left. Nobody returned.")
    starts = rough_sentence_starts(doc)
    assert gate.windows(doc) == [(starts[1], starts[2])]
    wider = SentenceGate(nlp, "wider", gate.parse_components, context_sentences=1)
    wider.cues = gate.cues
    assert wider.windows(doc) == [(0, starts[3])]


@pytest.mark.parametrize("text, expected", [
    ("Five died. Two were hurt.", ["Five", "Two"]),
    ("Headline without a stop\nFirst line of the story.", ["Headline", "First"]),
    ("He said \"we will stay.\" Then he left.", ["He", "Then"]),
    ("Troops advanced 3 km. by nightfall they held it.", ["Troops"]),  # a lower-case word goes on
    ("Fighting resumed (reports said.) 12 were hurt.", ["Fighting", "12"]),
    ("Shots were fired on NW. 12th Ave. near the store. Two were hurt.", ["Shots", "Two"]),  # abbreviations
])
def test_rough_sentences_start_after_a_line_break_or_a_sentence_end(nlp, text, expected):
    doc = nlp.make_doc(text)
    assert [doc[i].text for i in rough_sentence_starts(doc)] == expected


def test_every_word_a_claim_rule_reads_opens_the_gate():
    vocab = CasualtyVocabulary.from_tables(read_tables(DEFAULT_REFERENCE_DIR, CasualtyVocabulary.FILES))
    pattern = cue_pattern(str(DEFAULT_REFERENCE_DIR))
    words = [*vocab.outcome_verbs, *vocab.outcome_verb_forms, *vocab.outcome_words, *vocab.outcome_nouns,
             *vocab.outcome_phrases, *vocab.partly_fatal_verbs, *vocab.carried_nouns, *vocab.toll_phrases]
    nouns = [*vocab.outcome_nouns, *vocab.carried_nouns]
    plurals = [noun[:-1] + "ies" if noun.endswith("y") else noun + "s" for noun in nouns]  # "No fatalities."
    assert words and plurals
    assert [word for word in [*words, *plurals] if not pattern.search(word)] == []


def test_the_gate_travels_with_the_pipeline(nlp):
    gate = nlp.get_pipe("sentence_gate")
    restored = SentenceGate(nlp, "copy", gate.parse_components, 0).from_bytes(gate.to_bytes())
    assert restored.cues.pattern == gate.cues.pattern
    doc = nlp.make_doc(REPORT)
    assert restored.windows(doc) == gate.windows(doc)
