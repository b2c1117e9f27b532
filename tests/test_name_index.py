"""The gazetteer's name index finds what a PhraseMatcher on the tokens' text finds, without tokenising names."""

from __future__ import annotations

from spacy.matcher import PhraseMatcher
from spacy.util import filter_spans

from ingest.nlp.name_index import NameIndex

NAMES = ["Kyiv", "Kryvyi Rih", "Ivano-Frankivsk", "St. Petersburg", "Petersburg", "Al Hudaydah", "Rih",
         "New York City", "New York"]
TEXT = ("Missiles hit Kyiv's outskirts and Kryvyi Rih overnight; drones reached Ivano-Frankivsk, St. Petersburg "
        "and Al Hudaydah. In New York City, kyiv (lower case) and Kryvyi  Rih (two spaces) were not read.")


def test_finds_every_listed_name_as_a_matcher_would(nlp):
    doc = nlp.make_doc(TEXT)
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    matcher.add("PLACE", list(nlp.tokenizer.pipe(NAMES)))
    expected = {(span.start, span.end) for span in matcher(doc, as_spans=True)}
    found = NameIndex(NAMES).spans(doc, "PLACE")
    assert {(span.start, span.end) for span in found} == expected - _whitespace_variants(doc, expected)
    assert [span.text for span in filter_spans(found)] == [
        "Kyiv", "Kryvyi Rih", "Ivano-Frankivsk", "St. Petersburg", "Al Hudaydah", "New York City", "Rih"]
    assert {span.label_ for span in found} == {"PLACE"}


def _whitespace_variants(doc, spans: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """A matcher ignores the whitespace between tokens; the index reads the name as the text spells it."""
    return {(start, end) for start, end in spans if doc[start:end].text not in NAMES}


def test_overlapping_names_are_all_returned_and_unlisted_text_is_not(nlp):
    doc = nlp.make_doc("A strike on New York City.")
    assert sorted(span.text for span in NameIndex(NAMES).spans(doc)) == ["New York", "New York City"]
    assert NameIndex(NAMES).spans(nlp.make_doc("A strike on York.")) == []
