"""Read the analyst-edited reference CSVs in ``seeds/reference/``.

dbt loads the same files with ``dbt seed``, so one edit changes both the extractor and the models.
The spaCy components keep the rows they read (``ReferenceTables``) and save them with the pipeline,
so a configured pipeline can be written to disk and loaded again as one unit.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

DEFAULT_REFERENCE_DIR = Path(__file__).resolve().parent.parent / "seeds" / "reference"

# file name -> its rows, every value a stripped string
ReferenceTables = dict[str, list[dict[str, str]]]


class ReferenceError(ValueError):
    """A reference CSV is missing or does not have the columns its reader needs."""


def read_csv(reference_dir: str | Path, name: str) -> list[dict[str, str]]:
    """Rows of one reference CSV, with surrounding whitespace stripped from every value."""
    path = Path(reference_dir) / name
    if not path.exists():
        raise ReferenceError(f"reference file missing: {path}")
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            {(key or "").strip(): (value or "").strip() for key, value in row.items()}
            for row in csv.DictReader(handle)
        ]


def read_tables(reference_dir: str | Path, names: tuple[str, ...]) -> ReferenceTables:
    return {name: read_csv(reference_dir, name) for name in names}


def column(tables: ReferenceTables, name: str, key: str) -> list[str]:
    """One column of a table, naming the file when the column is missing."""
    rows = tables[name]
    if rows and key not in rows[0]:
        raise ReferenceError(f"{name}: no column '{key}' (columns: {', '.join(rows[0])})")
    return [row[key] for row in rows]


def rows_with(tables: ReferenceTables, name: str, *keys: str) -> list[dict[str, str]]:
    """The rows of a table, after checking that it has every column in keys."""
    rows = tables[name]
    missing = [key for key in keys if rows and key not in rows[0]]
    if missing:
        raise ReferenceError(f"{name}: no column {', '.join(repr(k) for k in missing)} "
                             f"(columns: {', '.join(rows[0])})")
    return rows


@dataclass(frozen=True)
class CasualtyVocabulary:
    """Words that make a number a casualty claim, and words that qualify it
    (``casualty_vocabulary.csv``, by role; ``vague_numbers.csv``; ``number_words.csv``)."""

    outcome_verbs: dict[str, str]  # lemma -> killed/injured
    outcome_words: dict[str, str]  # surface word after a count: "dead", "wounded"
    outcome_nouns: dict[str, str]  # lemma of a counted noun: "fatality" -> killed
    outcome_phrases: dict[str, str]
    outcome_verb_forms: dict[str, str]  # inflections of short lemmas a prefix cannot find: "died", "dying"
    intransitive_outcome_verbs: frozenset[str]  # "die": its subject is the victim, not the perpetrator
    victim_nouns: dict[str, str]  # lower-case noun -> victim group
    person_nouns: frozenset[str]  # a singular noun that names one person: "the driver", "a village chief"
    not_victims: frozenset[str]  # counted nouns that are never casualties (drones, prisoners, days)
    body_nouns: frozenset[str]
    discovery_cues: frozenset[str]
    linking_words: frozenset[str]  # may stand between a count and its outcome: "were reportedly found dead"
    enumeration_articles: frozenset[str]  # "a 65-year-old woman" counts one
    measures_after: frozenset[str]  # a number followed by these is a measure, an age or a time
    currencies_before: frozenset[str]
    range_glue: frozenset[str]  # "10 to 15"
    subset_cues: tuple[str, ...]
    negations: frozenset[str]
    partly_fatal_verbs: frozenset[str]  # "shoot": "four people were shot, one fatally" - some killed, the rest injured
    fatal_words: frozenset[str]  # "fatally": the count before it of those a partly fatal verb counts were killed
    carrier_verbs: frozenset[str]  # "suffer", "sustain": the count had what the verb's object names
    carried_nouns: dict[str, str]  # lemma of that object -> outcome: "injury", "wound" -> injured
    fatal_modifiers: frozenset[str]  # "fatal injuries" kill
    summary_cues: tuple[str, ...]
    earlier_report_cues: tuple[str, ...]  # "previously reported": the sentence gives a figure a later one replaced
    continuation_cues: tuple[str, ...]  # "an additional": a sentence that adds to the figures of the one before
    kin_nouns: frozenset[str]  # "family": "a family of five", "five members of one family" count people
    non_conflict_causes_by_phrase: dict[str, str]  # phrase -> cause: deaths that no conflict caused
    hypothetical_cues: frozenset[str]  # "will", "could", "threaten": what might happen, not what did
    toll_phrases: frozenset[str]
    toll_updates: tuple[str, ...]
    number_words: dict[str, int]
    longest_outcome_phrase: int  # in words: how far before a count an outcome phrase can start
    scale_words: dict[str, int]  # "hundred", "thousand", "dozen": multiply what stands before them
    # The same qualifier and vague phrases as word tuples, longest first, indexed by their first word,
    # so that reading a count costs one set lookup on tokens that cannot start one.
    qualifier_index: dict[str, tuple[tuple[tuple[str, ...], str], ...]]
    vague_index: dict[str, tuple[tuple[tuple[str, ...], str], ...]]

    FILES = ("casualty_vocabulary.csv", "vague_numbers.csv", "number_words.csv")

    @classmethod
    def from_tables(cls, tables: ReferenceTables) -> CasualtyVocabulary:
        by_role: dict[str, dict[str, str]] = {}
        for row in rows_with(tables, "casualty_vocabulary.csv", "term", "role", "value"):
            by_role.setdefault(row["role"], {})[row["term"].lower()] = row["value"]
        vague = {term.lower(): term.lower() for term in column(tables, "vague_numbers.csv", "term")}
        words, scales = {}, {}
        for row in rows_with(tables, "number_words.csv", "word", "value", "kind"):
            (scales if row["kind"] == "scale" else words)[row["word"].lower()] = int(row["value"])

        def role(name: str) -> dict[str, str]:
            return by_role.get(name, {})

        return cls(
            outcome_verbs=role("outcome_verb"),
            outcome_words=role("outcome_word"),
            outcome_nouns=role("outcome_noun"),
            outcome_phrases=role("outcome_phrase"),
            outcome_verb_forms=role("outcome_verb_form"),
            intransitive_outcome_verbs=frozenset(role("intransitive_outcome_verb")),
            victim_nouns=role("victim_noun"),
            person_nouns=frozenset(role("person_noun")),
            not_victims=frozenset(role("not_victim")),
            body_nouns=frozenset(role("body_noun")),
            discovery_cues=frozenset(role("discovery_cue")),
            linking_words=frozenset(role("linking_word")),
            enumeration_articles=frozenset(role("enumeration_article")),
            measures_after=frozenset(role("measure_after")),
            currencies_before=frozenset(role("currency_before")),
            range_glue=frozenset(role("range_glue")),
            subset_cues=tuple(sorted(role("subset_cue"), key=len, reverse=True)),
            negations=frozenset(role("negation")),
            partly_fatal_verbs=frozenset(role("partly_fatal_verb")),
            fatal_words=frozenset(role("fatal_word")),
            carrier_verbs=frozenset(role("carrier_verb")),
            carried_nouns=role("carried_noun"),
            fatal_modifiers=frozenset(role("fatal_modifier")),
            summary_cues=tuple(role("summary_cue")),
            earlier_report_cues=tuple(role("earlier_report_cue")),
            continuation_cues=tuple(role("continuation_cue")),
            kin_nouns=frozenset(role("kin_noun")),
            non_conflict_causes_by_phrase=role("non_conflict_cause"),
            hypothetical_cues=hypothetical_cues(tables, with_future=True),
            toll_phrases=frozenset(role("toll_phrase")),
            toll_updates=tuple(role("toll_update")),
            number_words={**words, **scales},
            longest_outcome_phrase=max((len(p.split()) for p in role("outcome_phrase")), default=1),
            scale_words=scales,
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


def trigger_entries(tables: ReferenceTables) -> tuple[TriggerEntry, ...]:
    return tuple(
        TriggerEntry(
            phrase=row["phrase"],
            event_family=row["event_family"],
            event_type=row["event_type"],
            sub_event_type=row["sub_event_type"],
            mode=row["mode"] or None,
        )
        for row in rows_with(tables, "event_triggers.csv", "phrase", "event_family", "event_type",
                             "sub_event_type", "mode")
    )


def hypothetical_cues(tables: ReferenceTables, with_future: bool) -> frozenset[str]:
    """The words that make a verb say what might happen (``hypothetical_cue`` in ``casualty_vocabulary.csv``:
    "could", "may", "threaten"), with_future also what will ("will", "shall") or was only tried ("tried to
    kill"): a claim about the future or an attempt counts nothing, while talks that will be held on Saturday
    are a scheduled event and an attempted attack is an attack."""
    roles = {"hypothetical_cue", "future_cue", "attempt_cue"} if with_future else {"hypothetical_cue"}
    return frozenset(row["term"].lower() for row in rows_with(tables, "casualty_vocabulary.csv", "term", "role")
                     if row["role"] in roles)


def trigger_modifiers(tables: ReferenceTables, effect: str) -> frozenset[str]:
    """Words of one effect in ``trigger_modifiers.csv``: 'background' ("recent negotiations" refers to an
    earlier event), 'planned' ("the next round of talks" to one that may never happen), 'between' (may
    stand between an initiator cue and its trigger: "a fresh Russian ...") or 'figurative_before' /
    'figurative_after' ("took a hit", "hit hardest": no event at all)."""
    return frozenset(row["word"].lower() for row in rows_with(tables, "trigger_modifiers.csv", "word", "effect")
                     if row["effect"] == effect)


@dataclass(frozen=True)
class ActorAlias:
    alias: str
    actor_id: str
    alias_kind: str  # name, adjective, metonym, capital


def actor_aliases(tables: ReferenceTables) -> tuple[ActorAlias, ...]:
    return tuple(
        ActorAlias(row["alias"], row["actor_id"], row["alias_kind"])
        for row in rows_with(tables, "actor_aliases.csv", "alias", "actor_id", "alias_kind")
    )


def page_furniture(reference_dir: str | Path) -> tuple[tuple[str, str], ...]:
    return tuple((row["pattern"], row["kind"])
                 for row in rows_with({"page_furniture.csv": read_csv(reference_dir, "page_furniture.csv")},
                                      "page_furniture.csv", "pattern", "kind"))
