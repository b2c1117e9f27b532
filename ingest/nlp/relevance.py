"""Which articles can yield an event at all, decided before any costly NLP.

A statement reports an event only with a trigger word or a casualty figure (int_statements_assembled), so
an article with neither (a football report, a budget story) cannot produce one: the loader skips the
tagger and parser for it. The cue words come from the same reference CSVs as the components.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.reference import CasualtyVocabulary, read_tables, trigger_entries

# A lemma this short is matched whole, with its listed inflections (outcome_verb_form), because its
# stem would match other words ("di" -> "did").
_SHORTEST_STEM = 4


def _verb_pattern(lemma: str) -> str:
    if len(lemma) < _SHORTEST_STEM:
        return re.escape(lemma)
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    return rf"{re.escape(stem)}\w*"


def _term_pattern(term: str) -> str:
    """A word or phrase and its inflections: 'fatality' finds 'fatalities' too."""
    stem = term[:-1] if term.endswith("y") and len(term) >= _SHORTEST_STEM else term
    return re.escape(stem).replace(r"\ ", r"\s+") + r"\w*"


@lru_cache(maxsize=8)
def cue_pattern(reference_dir: str) -> re.Pattern:
    tables = read_tables(reference_dir, (*CasualtyVocabulary.FILES, "event_triggers.csv"))
    vocab = CasualtyVocabulary.from_tables(tables)
    words: set[str] = {_verb_pattern(lemma) for lemma in vocab.outcome_verbs}
    words.update(re.escape(form) for form in vocab.outcome_verb_forms)
    # "two soldiers were stabbed": the claim rules read these too
    words.update(_verb_pattern(verb) for verb in vocab.partly_fatal_verbs)
    for term in [*vocab.outcome_words, *vocab.outcome_nouns, *vocab.outcome_phrases, *vocab.body_nouns,
                 *vocab.toll_phrases, *vocab.carried_nouns]:  # "three suffered gunshot wounds"
        words.add(_term_pattern(term))
    for entry in trigger_entries(tables):
        words.add(re.escape(entry.phrase.lower()).replace(r"\ ", r"\s+"))
    return re.compile(r"\b(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")\b", re.IGNORECASE)


def can_report_events(text: str, reference_dir: str) -> bool:
    """True when the text holds at least one trigger or casualty outcome word."""
    return cue_pattern(str(reference_dir)).search(text) is not None
