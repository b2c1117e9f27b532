"""Read the analyst-edited reference CSVs in ``seeds/reference/``.

dbt loads the same files with ``dbt seed``, so one edit changes both the extractor and the models.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DEFAULT_REFERENCE_DIR = Path(__file__).resolve().parent.parent / "seeds" / "reference"


def read_csv(reference_dir: str | Path, name: str) -> list[dict[str, str]]:
    """Rows of one reference CSV, with surrounding whitespace stripped from every value."""
    path = Path(reference_dir) / name
    if not path.exists():
        raise FileNotFoundError(f"reference file missing: {path}")
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            {key.strip(): (value or "").strip() for key, value in row.items()}
            for row in csv.DictReader(handle)
        ]


@dataclass(frozen=True)
class CasualtyVocabulary:
    """Words that make a number a casualty claim, and words that qualify it."""

    outcome_verbs: dict[str, str]  # lemma -> killed/injured
    outcome_words: dict[str, str]  # surface word after a count: "dead", "wounded"
    outcome_nouns: dict[str, str]  # lemma of a counted noun: "fatality" -> killed
    outcome_phrases: dict[str, str]
    victim_nouns: dict[str, str]  # lower-case noun -> victim group
    not_victims: frozenset[str]  # counted nouns that are never casualties (drones, prisoners, days)
    body_nouns: frozenset[str]
    discovery_cues: frozenset[str]
    qualifiers: dict[str, str]  # phrase -> at_least/over/about
    subset_cues: tuple[str, ...]
    negations: frozenset[str]
    aggregate_cues: tuple[str, ...]
    toll_phrases: frozenset[str]
    toll_updates: tuple[str, ...]
    vague_numbers: dict[str, tuple[int, int, int]]  # phrase -> (low, best, high)
    number_words: dict[str, int]
    # The same qualifier and vague phrases as word tuples, longest first, indexed by their first word,
    # so that reading a count costs one set lookup on tokens that cannot start one.
    qualifier_index: dict[str, tuple[tuple[tuple[str, ...], str], ...]]
    vague_index: dict[str, tuple[tuple[tuple[str, ...], tuple[int, int, int]], ...]]


@lru_cache(maxsize=8)
def casualty_vocabulary(reference_dir: str) -> CasualtyVocabulary:
    by_role: dict[str, dict[str, str]] = {}
    for row in read_csv(reference_dir, "casualty_vocabulary.csv"):
        by_role.setdefault(row["role"], {})[row["term"].lower()] = row["value"]
    vague = {
        row["term"].lower(): (int(row["count_low"]), int(row["count_best"]), int(row["count_high"]))
        for row in read_csv(reference_dir, "vague_numbers.csv")
    }
    words = {row["word"].lower(): int(row["value"]) for row in read_csv(reference_dir, "number_words.csv")}

    def role(name: str) -> dict[str, str]:
        return by_role.get(name, {})

    return CasualtyVocabulary(
        outcome_verbs=role("outcome_verb"),
        outcome_words=role("outcome_word"),
        outcome_nouns=role("outcome_noun"),
        outcome_phrases=role("outcome_phrase"),
        victim_nouns=role("victim_noun"),
        not_victims=frozenset(role("not_victim")),
        body_nouns=frozenset(role("body_noun")),
        discovery_cues=frozenset(role("discovery_cue")),
        qualifiers=role("qualifier"),
        subset_cues=tuple(sorted(role("subset_cue"), key=len, reverse=True)),
        negations=frozenset(role("negation")),
        aggregate_cues=tuple(role("aggregate_cue")),
        toll_phrases=frozenset(role("toll_phrase")),
        toll_updates=tuple(role("toll_update")),
        vague_numbers=vague,
        number_words=words,
        qualifier_index=_index_phrases(role("qualifier")),
        vague_index=_index_phrases(vague),
    )


def _index_phrases(phrases: dict) -> dict:
    index: dict[str, list] = {}
    for phrase, value in phrases.items():
        words = tuple(phrase.split())
        index.setdefault(words[0], []).append((words, value))
    return {first: tuple(sorted(entries, key=lambda e: -len(e[0]))) for first, entries in index.items()}


@dataclass(frozen=True)
class TriggerEntry:
    phrase: str
    event_family: str
    event_type: str
    sub_event_type: str
    mode: str | None


@lru_cache(maxsize=8)
def triggers(reference_dir: str) -> tuple[TriggerEntry, ...]:
    return tuple(
        TriggerEntry(
            phrase=row["phrase"],
            event_family=row["event_family"],
            event_type=row["event_type"],
            sub_event_type=row["sub_event_type"],
            mode=row["mode"] or None,
        )
        for row in read_csv(reference_dir, "event_triggers.csv")
    )


@dataclass(frozen=True)
class ActorAlias:
    alias: str
    actor_id: str
    alias_kind: str  # name, adjective, metonym, capital


@lru_cache(maxsize=8)
def actor_aliases(reference_dir: str) -> tuple[ActorAlias, ...]:
    return tuple(
        ActorAlias(row["alias"], row["actor_id"], row["alias_kind"])
        for row in read_csv(reference_dir, "actor_aliases.csv")
    )


@lru_cache(maxsize=8)
def background_modifiers(reference_dir: str) -> frozenset[str]:
    """Words that make a trigger a reference to an earlier event ("recent negotiations")."""
    return frozenset(row["word"].lower() for row in read_csv(reference_dir, "trigger_modifiers.csv")
                     if row["effect"] == "background")


@lru_cache(maxsize=8)
def page_furniture(reference_dir: str) -> tuple[tuple[str, str], ...]:
    return tuple((row["pattern"], row["kind"]) for row in read_csv(reference_dir, "page_furniture.csv"))
