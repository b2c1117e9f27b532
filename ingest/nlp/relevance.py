"""Which articles can yield an event at all, decided before any costly NLP.

An event report needs a trigger word or a casualty outcome word (see int_event_reports_grouped), so
an article with neither (a football report, a budget story) cannot produce one: the loader skips the
tagger and parser for it. The cue words come from the same reference CSVs as the components.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.reference import casualty_vocabulary, triggers

# Inflections of the short outcome lemmas that a prefix match would over-generate ("di" -> "did").
_SHORT_FORMS = {"die": ["die", "dies", "died", "dying", "dead", "death", "deaths"]}


def _verb_forms(lemma: str) -> list[str]:
    if lemma in _SHORT_FORMS:
        return _SHORT_FORMS[lemma]
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    return [rf"{re.escape(stem)}\w*"]


@lru_cache(maxsize=8)
def cue_pattern(reference_dir: str) -> re.Pattern:
    vocab = casualty_vocabulary(reference_dir)
    words: set[str] = set()
    for lemma in vocab.outcome_verbs:
        words.update(_verb_forms(lemma))
    for term in [*vocab.outcome_words, *vocab.outcome_nouns, *vocab.outcome_phrases, *vocab.body_nouns,
                 *vocab.toll_phrases]:
        words.add(re.escape(term).replace(r"\ ", r"\s+") + r"\w*")
    for entry in triggers(reference_dir):
        words.add(re.escape(entry.phrase.lower()).replace(r"\ ", r"\s+"))
    return re.compile(r"\b(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")\b", re.IGNORECASE)


def can_report_events(text: str, reference_dir: str) -> bool:
    """True when the text holds at least one trigger or casualty outcome word."""
    return cue_pattern(reference_dir).search(text) is not None
