"""``conflict_triggers``: words that report an event, coded to ACLED type, sub-type and a mode."""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ingest.nlp.component import ReferenceComponent
from ingest.nlp.modality import says_what_might_happen
from ingest.reference import ReferenceTables, hypothetical_cues, trigger_entries, trigger_modifiers


@Language.factory(
    "conflict_triggers",
    default_config={"spans_key": "conflict_triggers", "actors_key": "conflict_actors"},
    default_score_weights={"conflict_triggers_f": 1.0, "conflict_triggers_p": 0.0, "conflict_triggers_r": 0.0},
)
def make_conflict_triggers(nlp: Language, name: str, spans_key: str, actors_key: str) -> TriggerRecognizer:
    return TriggerRecognizer(nlp, name, spans_key, actors_key)


class TriggerRecognizer(ReferenceComponent):
    """Matches trigger phrases (``event_triggers.csv``; case-insensitive, longest wins) and reads the
    initiator from a nationality cue before the trigger ("Russian drone strikes"), an agent after it
    ("strikes by Russian forces") or the subject of the verb that governs it ("Russia launched attacks").
    Runs after ``conflict_actors``, whose spans (under ``actors_key``) it reads."""

    reference_files = ("event_triggers.csv", "trigger_modifiers.csv", "casualty_vocabulary.csv")
    mention_type = "trigger"
    span_attribute = "trigger"

    def __init__(self, nlp: Language, name: str, spans_key: str, actors_key: str):
        super().__init__(nlp, name, spans_key)
        self.actors_key = actors_key

    def configure(self, tables: ReferenceTables) -> None:
        self.background = trigger_modifiers(tables, "background")
        self.planned = trigger_modifiers(tables, "planned")
        self.planned_after = trigger_modifiers(tables, "planned_after")
        self.hypothetical_cues = hypothetical_cues(tables, with_future=False)
        self.between = trigger_modifiers(tables, "between")
        self.figurative_before = trigger_modifiers(tables, "figurative_before")
        self.figurative_after = trigger_modifiers(tables, "figurative_after")
        self.by_phrase = {entry.phrase.lower(): entry for entry in trigger_entries(tables)}
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.matcher.add("TRIGGER", list(self.nlp.tokenizer.pipe(self.by_phrase)))

    def find(self, doc: Doc) -> list[Span]:
        actor_at = {}
        for actor in doc.spans.get(self.actors_key, []):
            for i in range(actor.start, actor.end):
                actor_at[i] = actor
        found: list[Span] = []
        for span in filter_spans(self.matcher(doc, as_spans=True)):
            entry = self.by_phrase[span.text.lower()]
            trigger = Span(doc, span.start, span.end, label=entry.event_family)
            initiators = self._initiators(doc, span, actor_at)
            trigger._.trigger = {
                "event_family": entry.event_family,
                "event_type": entry.event_type,
                "sub_event_type": entry.sub_event_type,
                "mode": entry.mode,
                "initiator_actor_id": initiators[0] if len(initiators) == 1 else None,
                "initiator_candidates": initiators,
                "is_background": self._is_background(doc, span),
            }
            found.append(trigger)
        return found

    def _is_background(self, doc: Doc, span: Span) -> bool:
        """Reports no event now: 'recent negotiations', 'the previous round of talks' refer back to an earlier
        event; 'the next round of talks', 'talks may take place in Istanbul', 'Istanbul talks back on the
        cards', 'threatened to strike' to one that may never happen ('will hold talks on Saturday' is
        scheduled, and stays); 'travel firms took a hit', 'the firms hit hardest' are figures of speech."""
        before = doc[max(span.sent.start, span.start - 4): span.start]
        after = doc[span.end: min(span.sent.end, span.end + 4)]
        if any(token.lower_ in self.background or token.lower_ in self.planned for token in before) \
                or any(token.lower_ in self.planned_after for token in after):
            return True
        close_before = doc[max(span.sent.start, span.start - 2): span.start]
        close_after = doc[span.end: min(span.sent.end, span.end + 2)]
        if any(token.lower_ in self.figurative_before for token in close_before) \
                or any(token.lower_ in self.figurative_after for token in close_after):
            return True
        return says_what_might_happen(span, self.hypothetical_cues)

    def _initiators(self, doc: Doc, span: Span, actor_at: dict[int, Span]) -> list[str]:
        i = span.start - 1
        while i >= 0 and doc[i].lower_ in self.between:
            i -= 1
        if i >= 0 and i in actor_at:
            return [actor_at[i]._.actor["actor_id"]]
        if span.end + 1 < len(doc) and doc[span.end].lower_ == "by":
            agents = []
            j = span.end + 1
            while j < len(doc) and (j in actor_at or doc[j].lower_ in {"and", ",", "the"}):
                if j in actor_at and actor_at[j]._.actor["actor_id"] not in agents:
                    agents.append(actor_at[j]._.actor["actor_id"])
                    j = actor_at[j].end
                else:
                    j += 1
            if agents:
                return agents
        token = span.root
        for _ in range(2):
            if token.pos_ in {"VERB", "AUX"}:
                for child in token.children:
                    if child.dep_ == "nsubj" and child.i in actor_at:
                        return [actor_at[child.i]._.actor["actor_id"]]
            if token.head is token:
                break
            token = token.head
        return []
