"""``casualty_claims``: how many people a sentence says were killed or injured.

A claim is recorded only when a count is tied to an outcome: by the verb before it ("killed two
people"), by the outcome after it ("two residents died", "60 wounded", "a 65-year-old woman and a
47-year-old man dead"), or by its own noun ("two fatalities"). A count of anything else (drones,
prisoners, strikes, days, kilometres, ages, times) is not a claim. Subsets ("including nine
children", "Among the wounded were ..."), negations ("nobody was hurt"), updated tolls ("rose to
34") and summary cues ("two on each side") are recorded as qualifiers, never resolved here.
A claim about "casualties" has outcome ``both``: it speaks of the killed and the injured at once, and so does
one count for both outcomes ("over 200 dead and wounded"): a combined toll that dbt does not split.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc, Span

from ingest.nlp.component import ReferenceComponent
from ingest.nlp.dates import MONTHS
from ingest.nlp.modality import says_what_keeps_happening, says_what_might_happen
from ingest.nlp.numbers import Quantity, read_quantity
from ingest.reference import CasualtyVocabulary, ReferenceTables

_YEAR = re.compile(r"^(1[0-9]{3}|20[0-9]{2})s?$")
_MONTHS = {*MONTHS, *(month[:3] for month in MONTHS), "sept"}
# "hit since March 3, killing more than 120", "since 2022": a toll counted from a date is cumulative
_SINCE_A_DATE = re.compile(
    r"\bsince (?:(?:early|late|mid)[- ])?(?:" + "|".join(sorted(MONTHS)) + r"|(?:1[0-9]|20)[0-9]{2})\b")
# Quotation marks around a figure ('killed "up to 100" people', "'Up to 100' killed") are read through.
_QUOTES = frozenset({'"', "'", "“", "”", "‘", "’", "«", "»"})


def _words_pattern(phrases: Iterable[str], plural: bool) -> re.Pattern:
    """Any of the phrases as whole words (longest first), optionally in the plural; never matches when empty."""
    ordered = sorted(phrases, key=len, reverse=True)
    if not ordered:
        return re.compile(r"(?!)")
    return re.compile(r"\b(" + "|".join(map(re.escape, ordered)) + r")" + (r"(?:e?s)?" if plural else "") + r"\b")


@dataclass(frozen=True)
class _SentenceCues:
    """What a sentence says about all of its claims."""

    summary: bool  # "two on each side", "since the war began": the figures sum several events
    cause: str | None  # a cause that is not conflict: "tsunami" -> disaster, "overdose" -> drugs
    year: int | None  # a year the sentence names on its own ("in 1998", "the 1600s"), not in a full date
    earlier_report: bool = False  # "he had previously reported two dead": a figure a later report replaced


@dataclass
class _Reading:
    quantity: Quantity
    end: int  # after the counted noun, if any
    victim_group: str | None
    noun_outcome: str | None


def _combined_qualifier(first: str, second: str) -> str:
    """The qualifier of an enumeration's sum ("over two dozen soldiers and a medic" is over 25): vague when
    either part is; an exact part leaves the other's qualifier; two lower bounds stay a lower bound."""
    if first == second:
        return first
    if "vague" in (first, second):
        return "vague"
    if "exact" in (first, second):
        return second if first == "exact" else first
    return "at_least" if {first, second} <= {"at_least", "over"} else "about"


def _add(first: int | None, second: int | None) -> int | None:
    return None if first is None and second is None else (first or 0) + (second or 0)


@Language.factory(
    "casualty_claims",
    default_config={"spans_key": "casualty_claims", "triggers_key": "conflict_triggers",
                    "names_keys": ["conflict_places", "conflict_actors"]},
    default_score_weights={"casualty_claims_f": 1.0, "casualty_claims_p": 0.0, "casualty_claims_r": 0.0},
)
def make_casualty_claims(nlp: Language, name: str, spans_key: str, triggers_key: str,
                         names_keys: list[str]) -> CasualtyRecognizer:
    return CasualtyRecognizer(nlp, name, spans_key, triggers_key, tuple(names_keys))


class CasualtyRecognizer(ReferenceComponent):
    reference_files = CasualtyVocabulary.FILES
    mention_type = "casualty"
    span_attribute = "casualty"

    def __init__(self, nlp: Language, name: str, spans_key: str, triggers_key: str,
                 names_keys: tuple[str, ...] = ()):
        super().__init__(nlp, name, spans_key)
        self.triggers_key = triggers_key
        self.names_keys = names_keys  # spans of places and actors: a name there is no victim

    def configure(self, tables: ReferenceTables) -> None:
        self.vocab = CasualtyVocabulary.from_tables(tables)
        self._cause_pattern = _words_pattern(self.vocab.non_conflict_causes_by_phrase, plural=True)
        # whole words only: "in the war" is not in "in the ward", "overall" not in "overalls"
        self._summary_pattern = _words_pattern(self.vocab.summary_cues, plural=False)
        self._earlier_report_pattern = _words_pattern(self.vocab.earlier_report_cues, plural=True)

    def find(self, doc: Doc) -> list[Span]:
        claims: list[Span] = []
        summary_before = False
        for sent in doc.sents:
            found = self._sentence_claims(doc, sent)
            if summary_before and self._continues(sent):
                for claim in found:
                    claim._.casualty["has_summary_cue"] = True
            summary_before = any(claim._.casualty["has_summary_cue"] for claim in found)
            claims.extend(found)
        article_cause = self._article_cause(doc)
        if article_cause is not None:
            for claim in claims:
                claim._.casualty["cause"] = claim._.casualty["cause"] or article_cause
        return claims

    def _continues(self, sent: Span) -> bool:
        """'An additional 30,100 have been injured': the sentence adds to the figures of the one before."""
        opening = sent.text.lstrip().lower()
        return any(opening.startswith(cue + " ") for cue in self.vocab.continuation_cues)

    def _article_cause(self, doc: Doc) -> str | None:
        """An article that reports no attack, strike or clash at all (no trigger that is not background, outside
        the sentences that name the cause: "the tsunami hit the coast" is no attack) and names a cause that
        is not conflict puts its deaths down to that cause, even in a sentence that does not repeat it
        ("relief work in Thailand, where more than 5,000 people were killed")."""
        if any(not trigger._.trigger["is_background"] and not self._cause_pattern.search(trigger.sent.text.lower())
               for trigger in doc.spans.get(self.triggers_key, [])):
            return None
        cause = self._cause_pattern.search(doc.text.lower())
        return self.vocab.non_conflict_causes_by_phrase[cause.group(1)] if cause else None

    def span_label(self, span: Span) -> str:
        """A claim is right when its outcome and the number it reads are."""
        claim = span._.casualty
        number = claim["count_stated"] if claim["count_stated"] is not None else claim["vague_term"]
        return f"{claim['outcome']} {number}"

    # -- per sentence -------------------------------------------------------------------------
    def _sentence_claims(self, doc: Doc, sent: Span) -> list[Span]:
        v = self.vocab
        text_lower = sent.text.lower()
        has_discovery = any(t.lower_ in v.discovery_cues for t in sent)
        cause = self._cause_pattern.search(text_lower)
        cues = _SentenceCues(
            summary=bool(self._summary_pattern.search(text_lower) or _SINCE_A_DATE.search(text_lower)),
            cause=v.non_conflict_causes_by_phrase[cause.group(1)] if cause else None,
            year=self._year_named(sent),
            earlier_report=self._earlier_report_pattern.search(text_lower) is not None,
        )
        subset_outcome = self._leading_subset_outcome(sent)
        claims: list[Span] = []
        i = sent.start
        while i < sent.end:
            reading = self._read_counted(doc, i, sent.end, has_discovery)
            if reading is None:
                i += 1
                continue
            reading = self._extend_enumeration(doc, reading, sent.end, has_discovery)
            outcome = reading.noun_outcome or self._outcome_after(doc, reading.end, sent.end, reading) \
                or self._outcome_before(doc, reading.quantity.start, sent.start) \
                or self._outcome_by_dependency(doc, reading) or self._shot_many(doc, reading, sent.start)
            is_whole = self._is_leading_whole(sent, reading)
            is_subset = self._subset_cue_before(doc, reading.quantity.start, sent.start) and not is_whole
            if subset_outcome and not is_whole and reading.victim_group not in (None, "people"):
                outcome, is_subset = outcome or subset_outcome, True
            if is_subset and outcome is None and claims:
                outcome = claims[-1]._.casualty["outcome"]
            is_toll = self._toll_update_before(doc, reading.quantity.start, sent.start)
            if is_toll:
                outcome = outcome or "killed"
            generic_noun = reading.victim_group is None and reading.end > reading.quantity.end and not is_toll
            if generic_noun and not (self._generic_noun_tied(doc[reading.end - 1])
                                     or self._outcome_before(doc, reading.quantity.start, sent.start)):
                outcome = None
            if outcome is None or (reading.victim_group is None and reading.noun_outcome is None
                                   and not self._bare_count_allowed(doc, reading, sent)):
                i = max(i + 1, reading.quantity.end) if outcome is None else reading.end
                continue
            claims.append(self._claim(doc, reading, outcome, is_subset, False, cues, is_toll))
            i = reading.end
        partly_fatal, replaced = self._partly_fatal_claims(doc, sent, cues, has_discovery)
        claims = [claim for claim in claims if not any(claim.start < end and start < claim.end
                                                       for start, end in replaced)] + partly_fatal
        self._take_the_dead_from_the_shot(doc, sent, claims)
        negated = self._negated_claims(doc, sent, cues)
        claims.extend(negated)
        claims.extend(self._named_victims(doc, sent, claims, cues))
        claims.extend(self._unquantified_claims(doc, sent, claims, cues))
        return claims

    def _named_victims(self, doc: Doc, sent: Span, claims: list[Span], cues: _SentenceCues) -> list[Span]:
        """'Lavell Lee Smith was shot and killed in a drive-by shooting', 'Hassan Nasrallah was killed in an Israeli
        strike': a person's name that is the passive subject of an outcome verb (or the subject of 'die') counts
        one, in a sentence that reports an attack (a trigger that is not background): a name that merely died
        ("the actor died aged 84") is news of another kind. Names of places and actors (other components'
        spans) are not people."""
        v = self.vocab
        if not any(sent.start <= trigger.start < sent.end and not trigger._.trigger["is_background"]
                   for trigger in doc.spans.get(self.triggers_key, [])):
            return []
        covered = _tokens_of(claims) | _tokens_of(span for key in self.names_keys for span in doc.spans.get(key, []))
        found = []
        for token in sent:
            if token.pos_ != "PROPN" or token.i in covered or token.tag_ != "NNP" or token.is_upper:
                continue  # "KHARKIV (Wire) - ...": a word in capitals is a dateline or an acronym, not a name
            head = token.head
            verbs = [head, *(child for child in head.children if child.dep_ == "conj")]
            outcome = next((v.outcome_verbs[verb.lemma_.lower()] for verb in verbs
                            if verb.lemma_.lower() in v.outcome_verbs), None)
            passive = token.dep_ == "nsubjpass"
            dies = token.dep_ == "nsubj" and head.lemma_.lower() in v.intransitive_outcome_verbs
            if outcome is None or not (passive or dies) or any(c.dep_ == "neg" for c in head.children):
                continue
            if any(child.i in covered for child in head.children):
                continue  # the verb already has its counted victims ("Six people were killed"): a name is no more
            start = token.i
            while start - 1 >= sent.start and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN":
                start -= 1
            if any(i in covered for i in range(start, token.i + 1)):
                continue
            reading = _Reading(Quantity(start, token.i + 1, 1, None, None, "exact"), token.i + 1, "people", outcome)
            found.append(self._claim(doc, reading, outcome, False, False, cues, False))
        return found

    def _partly_fatal_claims(self, doc: Doc, sent: Span, cues: _SentenceCues,
                             has_discovery: bool) -> tuple[list[Span], list[tuple[int, int]]]:
        """'Four people were shot, one fatally', '14 shot, one fatally', 'shot six people, one fatally', 'four
        teens, one fatally, were shot', 'six were wounded, two mortally', 'seven people were shot, with six
        confirmed dead': the count after the comma was killed, the rest of the count the verb governs were
        injured. Returns the claims and the token ranges of the counts they replace (a claim the verb alone made
        of the whole count: 'six were wounded')."""
        v = self.vocab
        found: list[Span] = []
        replaced: list[tuple[int, int]] = []
        for token in sent:
            with_dead = v.outcome_words.get(token.lower_) == "killed"  # ", with six confirmed dead"
            if token.lower_ not in v.fatal_words and not with_dead:
                continue
            fatal_end = token.i - 2 if doc[token.i - 2: token.i].text.lower() == "of them" else token.i
            while with_dead and fatal_end - 1 > sent.start and doc[fatal_end - 1].lower_ in v.linking_words:
                fatal_end -= 1
            killed = self._count_ending_at(doc, fatal_end, sent)
            if killed is None:
                continue
            lead = killed.start - 1 if with_dead else killed.start
            if with_dead and (lead <= sent.start or doc[lead].lower_ != "with"):
                continue
            if lead - 1 <= sent.start or doc[lead - 1].text != ",":
                continue
            comma = lead - 1
            verb_before_comma = self._kills_some(doc[comma - 1])
            whole_end = comma
            if verb_before_comma:
                whole_end = comma - 1
                while whole_end - 1 > sent.start and doc[whole_end - 1].lower_ in v.linking_words:
                    whole_end -= 1
            whole = self._reading_ending_at(doc, whole_end, sent, has_discovery)
            if whole is None:
                continue
            after = token.i + 1
            if after < sent.end and doc[after].text == ",":
                after += 1
            while after < sent.end and doc[after].lower_ in v.linking_words:
                after += 1
            candidates = [comma - 1] if verb_before_comma else [whole.quantity.start - 1, after]
            verb = next((doc[i] for i in candidates if sent.start <= i < sent.end
                         and self._kills_some(doc[i])), None)
            if verb is None:
                continue
            derived = f"{doc[whole.quantity.start:whole.end].text} {verb.text}, {doc[killed.start:token.i + 1].text}"
            fatal_reading = _Reading(killed, token.i + 1, whole.victim_group, None)
            found.append(self._claim(doc, fatal_reading, "killed", False, False, cues, False))
            shot, dead = whole.quantity.value, killed.value
            if shot is not None and dead is not None and shot > dead:
                injured = replace(whole.quantity, value=shot - dead, value_high=None)
                claim = self._claim(doc, _Reading(injured, whole.end, whole.victim_group, None), "injured", False,
                                    False, cues, False)
                claim._.casualty["derived_from"] = derived
                found.append(claim)
            replaced.extend([(whole.quantity.start, whole.end), (killed.start, token.i + 1)])
        return found, replaced

    def _take_the_dead_from_the_shot(self, doc: Doc, sent: Span, claims: list[Span]) -> None:
        """'4 shot, 1 dead', 'Six people were shot and one died': people a partly fatal verb counts include the
        dead the sentence names right after them, so the wounded are the rest (4 shot, 1 dead is 1 killed and
        3 injured). Only the next killed figure counts, when it is no larger and no other figure stands between."""
        ordered = sorted(claims, key=lambda claim: claim.start)
        for shot, dead in pairwise(ordered):
            wounded, killed = shot._.casualty, dead._.casualty
            if wounded["outcome"] != "injured" or killed["outcome"] != "killed" or "derived_from" in wounded \
                    or killed["is_subset"] or wounded["count_stated"] is None or killed["count_stated"] is None \
                    or wounded["count_stated_high"] is not None or not self._counted_by_a_partly_fatal_verb(shot, sent):
                continue
            if killed["count_stated"] >= wounded["count_stated"] or not self._told_right_after(shot, dead):
                continue
            wounded["derived_from"] = doc[shot.start:dead.end].text
            wounded["count_stated"] -= killed["count_stated"]

    def _counted_by_a_partly_fatal_verb(self, claim: Span, sent: Span) -> bool:
        """'4 shot', 'Five people were shot': the verb after the count (past linking words) kills some and is no
        outcome of its own ('five were wounded and two killed' are seven people)."""
        doc = claim.doc
        j = claim.end
        while j < sent.end and doc[j].lower_ in self.vocab.linking_words:
            j += 1
        return j < sent.end and self._kills_some(doc[j]) and self._outcome_word(doc[j]) is None

    @staticmethod
    def _told_right_after(shot: Span, dead: Span) -> bool:
        """'4 shot, 1 dead', 'six were shot and one died': the dead follow the shot within a few words, with
        nothing but a comma, 'and' or 'with' between the verb and them."""
        doc = shot.doc
        between = [token for token in doc[shot.end:dead.start] if not token.is_punct or token.text != ","]
        verb_and_glue = [token for token in between if token.lower_ not in {"and", "with", "were", "was"}]
        return len(verb_and_glue) <= 1 and not any(token.text in {";", ":", "."} for token in doc[shot.end:dead.start])

    def _kills_some(self, token) -> bool:
        return _listed(token, self.vocab.partly_fatal_verbs)

    def _count_ending_at(self, doc: Doc, end: int, sent: Span) -> Quantity | None:
        """The longest count that ends right before token ``end`` ('one', 'at least two')."""
        for start in range(max(sent.start, end - 5), end):
            quantity = read_quantity(doc, start, end, self.vocab)
            if quantity is not None and quantity.end == end:
                return quantity
        return None

    def _reading_ending_at(self, doc: Doc, end: int, sent: Span, has_discovery: bool) -> _Reading | None:
        for start in range(max(sent.start, end - 8), end):
            reading = self._read_counted(doc, start, end, has_discovery)
            if reading is not None and reading.end == end and reading.quantity.value is not None:
                return reading
        return None

    def _unquantified_claims(self, doc: Doc, sent: Span, claims: list[Span], cues: _SentenceCues) -> list[Span]:
        """'experienced injuries', 'resulted in casualties': an outcome with no number (counts NULL)."""
        covered = _tokens_of(claims)
        # "the deaths of 44 civilians": the noun that introduces a counted claim is part of it
        covered |= {claim.start - 2 for claim in claims if claim.start >= 2 and doc[claim.start - 1].lower_ == "of"}
        found = []
        for token in sent:
            # "the death toll" is a toll, "injury-ravaged years" a modifier: neither an outcome
            modifies = token.i + 1 < len(doc) and doc[token.i + 1].lower_ in {"toll", "-"}
            if token.i in covered or token.pos_ != "NOUN" or modifies or self._carried_by_a_count(token, claims):
                continue
            outcome = self.vocab.outcome_nouns.get(token.lemma_.lower())
            if outcome is None:
                continue
            before = doc[max(sent.start, token.i - 3):token.i]
            if any(t.lower_ in self.vocab.fatal_modifiers for t in before[-1:]) or any(
                    t.lemma_.lower() in self.vocab.intransitive_outcome_verbs for t in before):
                outcome = "killed"  # "sustained fatal injuries", "died of his wounds", "succumbed to his injuries"
            quantity = Quantity(token.i, token.i + 1, None, None, None, "vague")
            reading = _Reading(quantity, token.i + 1, "people", outcome)
            found.append(self._claim(doc, reading, outcome, False, False, cues, False))
        return found

    def _carried_by_a_count(self, noun, claims: list[Span]) -> bool:
        """'Four people suffered injuries': the noun a carrier verb gives a counted claim is part of that claim."""
        doc = noun.doc
        for k in range(noun.i - 1, max(noun.sent.start, noun.i - 7) - 1, -1):
            if _listed(doc[k], self.vocab.carrier_verbs):
                return any(claim.end <= k and k - claim.end <= 4 for claim in claims)
        return False

    def _read_counted(self, doc: Doc, i: int, end: int, has_discovery: bool) -> _Reading | None:
        """A quantity and the noun it counts, or None when it counts something other than people."""
        if i > 0 and doc[i - 1].lower_ == "no":
            return None  # "no one was killed" is a negation, read by _negated_claims
        quantity = read_quantity(doc, i, end, self.vocab) or self._enumerated_person(doc, i, end) \
            or self._bare_person(doc, i, end)
        if quantity is None:
            return None
        j = quantity.end
        while j < end and doc[j].text in _QUOTES:
            j += 1
        if j < end and (doc[j].like_num or doc[j].lower_ in self.vocab.number_words) \
                and doc[j].lower_ not in self.vocab.enumeration_articles \
                and doc[j].lower_ not in self.vocab.scale_words and not _in_a_hyphenated_modifier(doc, j):
            return None  # "Image 23 of 33 Seven people were shot": the next number is the count
        if j < end and doc[j].lower_ == "of" and quantity.qualifier == "vague":
            j += 1
        armed_group_end = self._armed_group_ending(doc, j)
        if armed_group_end is not None:  # "leaving seven Boko Haram dead", "12 Hamas fighters"
            while armed_group_end < end and doc[armed_group_end].lower_ in self.vocab.victim_nouns:
                armed_group_end += 1
            return _Reading(quantity, armed_group_end, "combatants", None)
        # Skip modifiers between the count and its noun: "two elderly residents", "1,200 captured soldiers",
        # and an age or size joined by hyphens as one ("two 15-year-old boys").
        j = _after_hyphenated_compound(doc, j, end)
        while j < end and j - quantity.end < 4 and (
            doc[j].pos_ == "ADJ" or doc[j].dep_ in {"amod", "compound", "nummod"} or doc[j].text == "-"
        ) and doc[j].lower_ not in self.vocab.victim_nouns and doc[j].lower_ not in self.vocab.outcome_words:
            j += 1
        if j >= end:
            return _Reading(quantity, quantity.end, None, None)
        token = doc[j]
        lower = token.lower_
        if lower in self.vocab.victim_nouns:
            # "13 more people", "two other civilians": the last victim word names the group
            while j + 1 < end and doc[j + 1].lower_ in self.vocab.victim_nouns:
                j += 1
            return _Reading(quantity, self._past_kin(doc, j + 1, end), self.vocab.victim_nouns[doc[j].lower_], None)
        if token.lemma_.lower() in self.vocab.outcome_nouns or lower in self.vocab.outcome_nouns:
            outcome = self.vocab.outcome_nouns.get(token.lemma_.lower()) or self.vocab.outcome_nouns[lower]
            if outcome == "injured" and quantity.qualifier == "vague":
                return None  # "they have many injuries": one person can have many; a number still counts people
            return _Reading(quantity, j + 1, "people", outcome)
        if lower in self.vocab.body_nouns:
            return _Reading(quantity, j + 1, "people", "killed") if has_discovery else None
        if lower in self.vocab.outcome_words:
            return _Reading(quantity, quantity.end, None, None)
        if lower in self.vocab.not_victims or token.lemma_.lower() in self.vocab.not_victims:
            return None  # drones, prisoners, strikes, kilometres ...
        if self._kills_some(token) and _misparsed_headline_passive(token, 0):
            return _Reading(quantity, quantity.end, None, None)  # "6 shot at Easter party": the verb, not a noun
        if token.pos_ in {"NOUN", "PROPN"} and token.tag_ in {"NNS", "NNPS", "NN"}:
            kin_end = self._past_kin(doc, j + 1, end)
            if kin_end > j + 1:
                return _Reading(quantity, kin_end, "people", None)  # "five members of one family"
            # Another counted noun ("six villagers"): a claim only if an outcome word touches it,
            # which _bare_count_allowed checks because the victim group is unknown.
            return _Reading(quantity, j + 1, None, None)
        return _Reading(quantity, quantity.end, None, None)

    def _past_kin(self, doc: Doc, j: int, end: int) -> int:
        """'members of one family', 'relatives of the al-Masri family': where the counted people's family ends
        (the count is of people, and the outcome follows the family); j when no family follows."""
        if j >= end or doc[j].lower_ != "of":
            return j
        for k in range(j + 1, min(end, j + 6)):
            if doc[k].lower_ in self.vocab.kin_nouns:
                return k + 1
            if (doc[k].is_punct and doc[k].text != "-") or doc[k].pos_ in {"VERB", "AUX"}:
                break
        return j

    def _armed_group_ending(self, doc: Doc, j: int) -> int | None:
        """'seven Boko Haram', 'four Houthis': a count of an armed group's name counts its members. Where the
        name ends, or None when no armed group's name starts at token j."""
        for key in self.names_keys:
            for span in doc.spans.get(key, []):
                actor = span._.actor if span.has_extension("actor") else None
                if span.start == j and actor and actor.get("actor_type") == "armed group":
                    return span.end
        return None

    def _enumerated_person(self, doc: Doc, i: int, end: int) -> Quantity | None:
        """'a 65-year-old woman' counts one person."""
        if doc[i].lower_ not in self.vocab.enumeration_articles:
            return None
        j = i + 1
        while j < end and j - i < 7 and (doc[j].like_num or doc[j].text == "-" or doc[j].pos_ == "ADJ"
                                          or doc[j].lower_ in {"year", "old", "years"}
                                          or (doc[j].dep_ == "compound" and doc[j].pos_ in {"NOUN", "PROPN"})
                                          or _in_a_hyphenated_modifier(doc, j)):
            j += 1
        while j + 1 < end and doc[j].tag_ == "NN" and doc[j + 1].tag_ == "NN" and doc[j].dep_ == "compound":
            j += 1  # "a police colonel", "a port worker"
        if j < end and doc[j].tag_ == "NN" and self._names_a_person(doc[j]):
            # "a soldier", "the driver": one person, who must still touch the outcome
            # ("a bomb killed ..." names none), which _bare_count_allowed checks.
            return Quantity(i, j, 1, None, None, "exact")
        if j - i >= 5 and doc[j - 1].lower_ == "old" and (j >= end or doc[j].pos_ not in {"NOUN", "PROPN"}):
            return Quantity(i, j, 1, None, None, "exact")  # "a 16-year-old was fatally shot": the age is the person
        return None

    def _bare_person(self, doc: Doc, i: int, end: int) -> Quantity | None:
        """'Farmer killed in Selea', 'Unidentified gunmen kill NISS officer': in the clipped style of headlines
        and notes a singular person noun with no article is one victim when an outcome verb takes it as its
        object, or as its subject where the verb has no object ('Gunman kills two' names the killer)."""
        j = i
        while j < end and j - i < 3 and doc[j].dep_ in {"compound", "amod"} and doc[j].head.i > j:
            j += 1
        if j >= end or (i > 0 and doc[i - 1].dep_ in {"compound", "amod", "det", "poss"} and doc[i - 1].head.i == j):
            return None
        noun, verb = doc[j], doc[j].head
        if noun.tag_ != "NN" or noun.lemma_.lower() not in self.vocab.person_nouns \
                or any(child.dep_ in {"det", "poss", "nummod", "predet"} for child in noun.children) \
                or verb.lemma_.lower() not in self.vocab.outcome_verbs:
            return None
        has_object = any(child.dep_ == "dobj" for child in verb.children)
        if noun.dep_ == "dobj" or noun.dep_ == "nsubjpass" or (noun.dep_ == "nsubj" and not has_object and (
                verb.lemma_.lower() in self.vocab.intransitive_outcome_verbs or verb.tag_ in {"VBD", "VBN"})):
            return Quantity(i, j, 1, None, None, "exact")
        return None

    def _names_a_person(self, noun) -> bool:
        """'the driver', 'a village chief' name a person, and so does 'the body' where bodies are found, or 'the
        death' in a sentence that reports violence ('the accidental shooting death'); 'a head injury' (a
        person has an injury, and is counted where they are named), 'the ball', 'the war' do not."""
        lower, lemma = noun.lower_, noun.lemma_.lower()
        if lower in self.vocab.victim_nouns or lemma in self.vocab.person_nouns or lower in self.vocab.person_nouns:
            return True
        sent = noun.sent
        if lower in self.vocab.body_nouns:
            return any(t.lower_ in self.vocab.discovery_cues for t in sent)
        doc = noun.doc
        followed_by_hyphen = noun.i + 1 < len(doc) and doc[noun.i + 1].text == "-"  # "injury-hit"
        # "the death of nine people": the count that follows is the claim, not the noun
        counts_follow = noun.i + 2 < sent.end and doc[noun.i + 1].lower_ == "of" \
            and read_quantity(doc, noun.i + 2, sent.end, self.vocab) is not None
        if lemma in self.vocab.outcome_nouns and self.vocab.outcome_nouns[lemma] == "killed" \
                and not followed_by_hyphen and not counts_follow:
            return self._reports_violence(sent, noun)
        return False

    def _reports_violence(self, sent: Span, noun) -> bool:
        """A trigger, or an outcome verb that does not merely govern the noun ('died a normal death'), in
        the sentence."""
        doc = sent.doc
        if any(sent.start <= span.start < sent.end for span in doc.spans.get(self.triggers_key, [])):
            return True
        return any(t.pos_ == "VERB" and t.i != noun.head.i and t.lemma_.lower() in self.vocab.outcome_verbs
                   for t in sent)

    def _extend_enumeration(self, doc: Doc, reading: _Reading, end: int, has_discovery: bool) -> _Reading:
        """'three women and four men' and 'a woman and a man' are one claim of their sum."""
        while reading.victim_group is not None and reading.end + 1 < end and doc[reading.end].lower_ in {"and", ","}:
            following = self._read_counted(doc, reading.end + 1, end, has_discovery)
            counts_people = following is not None and (following.victim_group is not None
                                                       or following.end > following.quantity.end)
            if not counts_people or following.noun_outcome or self._speaks(doc[following.end - 1]):
                break
            q, f = reading.quantity, following.quantity
            total = Quantity(q.start, f.end, _add(q.value, f.value), None, q.vague_term or f.vague_term,
                             _combined_qualifier(q.qualifier, f.qualifier))
            group = reading.victim_group if reading.victim_group == following.victim_group else "people"
            reading = _Reading(total, following.end, group, None)
        return reading

    def _speaks(self, noun) -> bool:
        """'wounded seven more, the governor said': a noun that is the subject of a verb other than an
        outcome is the source of the claim, not one more victim."""
        return noun.dep_ == "nsubj" and noun.head.lemma_.lower() not in self.vocab.outcome_verbs

    def _outcome_after(self, doc: Doc, j: int, end: int, reading: _Reading | None = None) -> str | None:
        """The outcome that follows a count: 'were killed', 'died', 'dead', 'were shot dead'. An
        active transitive verb after it makes the count the perpetrators ('two gunmen killed ...')."""
        steps = 0
        while j < end and doc[j].text in _QUOTES:
            j += 1
        while j < end:
            # a phrase may open with a linking word ("to the hospital", "to death"): read it before skipping
            phrase_outcome = self._phrase_at(doc, j)
            if phrase_outcome is not None:
                return phrase_outcome
            if doc[j].lower_ not in self.vocab.linking_words or steps >= 4:
                break
            j, steps = j + 1, steps + 1
        if j >= end:
            return None
        token = doc[j]
        lemma = token.lemma_.lower()
        if _listed(token, self.vocab.carrier_verbs):
            return self._carried_outcome(token)
        # A bare count before the verb is headline passive ("12 killed in bombing").
        has_noun = reading is not None and (reading.end > reading.quantity.end or (  # "a 16-year-old":
            reading.quantity.end > reading.quantity.start and doc[reading.quantity.end - 1].lower_ == "old"))
        # ... but "Farmer killed in Selea", with nothing killed, is a headline's passive too
        is_active = has_noun and token.tag_ in {"VBD", "VBZ", "VBP"} \
            and lemma not in self.vocab.intransitive_outcome_verbs \
            and any(child.dep_ == "nsubj" for child in token.children) and steps == 0 \
            and (token.tag_ != "VBD" or any(child.dep_ in {"dobj", "conj", "ccomp", "xcomp"}
                                            for child in token.children))
        if is_active or _reflexive(token):
            return None  # the count did it, or did it to itself ("the 33-year-old injured herself while performing")
        if token.lower_ in self.vocab.outcome_words:
            return self._joined_outcome(token, self.vocab.outcome_words[token.lower_], end)
        if lemma in self.vocab.outcome_verbs and token.tag_ in {"VBD", "VBN", "VBZ", "VBP"}:
            return self._joined_outcome(token, self.vocab.outcome_verbs[lemma], end)
        if self._wounds_many(token, steps, reading):
            return "injured"
        return None

    def _phrase_at(self, doc: Doc, j: int) -> str | None:
        for phrase, outcome in self.vocab.outcome_phrases.items():
            n = len(phrase.split())
            if doc[j: j + n].text.lower() == phrase:
                return outcome
        return None

    def _outcome_word(self, token) -> str | None:
        return self.vocab.outcome_words.get(token.lower_) or self.vocab.outcome_verbs.get(token.lemma_.lower())

    def _joined_outcome(self, token, outcome: str, end: int) -> str:
        """'over 200 dead and wounded', '30 people killed or injured': one count for both outcomes is a combined
        toll ('both', as 'casualties' is), which no one can split. 'killed two and wounded seven' gives the
        second outcome its own count."""
        doc = token.doc
        k = token.i
        if k + 2 >= end or doc[k + 1].lower_ not in {"and", "or", "and/or", "&"}:
            return outcome
        other = self._outcome_word(doc[k + 2])
        if other is None or other == outcome or {outcome, other} != {"killed", "injured"}:
            return outcome
        if k + 3 < end and self._opens_a_count(doc[k + 3]):
            return outcome
        return "both"

    def _opens_a_count(self, token) -> bool:
        v, word = self.vocab, token.lower_
        return token.like_num or token.pos_ == "NUM" or word in v.number_words or word in v.qualifier_index \
            or word in v.vague_index or word in v.enumeration_articles

    def _carried_outcome(self, verb) -> str | None:
        """'suffered non-life-threatening injuries' -> injured, 'sustained fatal wounds' -> killed: the carried
        noun within a few modifiers after the verb (read on the surface: the parser often takes 'sustained' for
        an adjective)."""
        doc = verb.doc
        fatal = False
        for k in range(verb.i + 1, min(verb.i + 7, verb.sent.end)):
            token = doc[k]
            outcome = self.vocab.carried_nouns.get(token.lemma_.lower()) or self.vocab.carried_nouns.get(token.lower_)
            if outcome is not None:
                return "killed" if fatal else outcome
            if (token.is_punct and token.text != "-") or token.pos_ == "AUX" \
                    or token.tag_ in {"VBD", "VBZ", "VBP", "VB", "MD"}:
                return None
            fatal = fatal or token.lower_ in self.vocab.fatal_modifiers
        return None

    def _wounds_many(self, verb, steps: int, reading: _Reading | None) -> bool:
        """'Seven people were shot outside a nightclub': people a partly fatal verb counts, in the passive, are
        wounded unless a phrase says they died ('shot dead', 'fatally shot', read before this). One person 'was
        shot' is left alone: in such reports the same person often dies a sentence later."""
        many = reading is not None and _counts_many(reading.quantity)
        # "Four people shot outside a nightclub", "6 shot at Easter party": a headline's passive, with no object
        # ("Doom 3 shot straight to the top of the charts" counts no people)
        headline = steps == 0 and verb.tag_ in {"VBN", "VBD"} and reading is not None \
            and reading.victim_group is not None and not any(child.dep_ in {"dobj", "attr"} for child in verb.children)
        return many and ((steps > 0 and verb.tag_ == "VBN") or headline or _misparsed_headline_passive(verb, steps)) \
            and self._kills_some(verb)

    def _shot_many(self, doc: Doc, reading: _Reading, sent_start: int) -> str | None:
        """'the person who shot six people at a party': two or more people a partly fatal verb takes as its
        object are wounded (a phrase that says they died, 'shot dead', is read before this; 'shot 66' in a
        golf report names no people)."""
        start = reading.quantity.start
        if not _counts_many(reading.quantity) or reading.victim_group is None or start - 1 < sent_start:
            return None
        verb = doc[start - 1]
        return "injured" if verb.pos_ == "VERB" and self._kills_some(verb) else None

    def _outcome_before(self, doc: Doc, start: int, sent_start: int) -> str | None:
        """The outcome verb right before a count: 'killed two', 'gunned down a priest'."""
        if start - 1 >= sent_start and doc[start - 1].text in _QUOTES:
            start -= 1
        if start - 1 < sent_start:
            return None
        before = doc[max(sent_start, start - self.vocab.longest_outcome_phrase): start].text.lower()
        for phrase, outcome in self.vocab.outcome_phrases.items():
            if before.endswith(phrase):
                return outcome
        token = doc[start - 1]
        if token.lower_ == "of" and start - 2 >= sent_start and doc[start - 2].lower_ in self.vocab.kin_nouns:
            # "killed a family of five": the outcome before the family is the count's
            family_start = start - 2
            while family_start - 1 >= sent_start and doc[family_start - 1].pos_ in {"DET", "ADJ", "NUM"}:
                family_start -= 1
            return self._outcome_before(doc, family_start, sent_start)
        if token.lower_ == "of" and start - 2 >= sent_start:
            # "the deaths of 44 civilians", "the injury of 21 others", "the demise of at least 37 people"
            noun = doc[start - 2]
            outcome = self.vocab.outcome_nouns.get(noun.lemma_.lower()) or self.vocab.outcome_nouns.get(noun.lower_)
            if outcome in ("killed", "injured"):
                return outcome
        if token.pos_ in {"VERB", "AUX"} and token.lemma_.lower() in self.vocab.outcome_verbs:
            return self.vocab.outcome_verbs[token.lemma_.lower()]
        return None

    def _outcome_by_dependency(self, doc: Doc, reading: _Reading) -> str | None:
        """The outcome verb a counted noun depends on when words stand between them: "At least 36
        soldiers from the operations room were killed" (passive subject), "killed in the raid were
        ...". Only nouns that name people (victim words) are read this way."""
        if reading.victim_group is None or reading.end <= reading.quantity.end:
            return None
        noun = doc[reading.end - 1]
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
            noun = noun.head.head  # "A total of 51 people, including a boy, were killed": the total is the subject
        head = noun.head
        if head.lemma_.lower() not in self.vocab.outcome_verbs and noun.dep_ in {"nsubj", "nsubjpass"}:
            # "51 people are known to have been killed", "ten are feared dead": the verb it completes
            # (passive or intransitive: in "five people tried to kill the guard" the five are the attackers)
            completed = next((child for child in head.children if child.dep_ == "xcomp"
                              and child.lemma_.lower() in self.vocab.outcome_verbs
                              and (child.lemma_.lower() in self.vocab.intransitive_outcome_verbs
                                   or any(grand.dep_ == "auxpass" for grand in child.children))), None)
            if completed is not None:
                return self.vocab.outcome_verbs[completed.lemma_.lower()]
        lemma = head.lemma_.lower()
        if lemma not in self.vocab.outcome_verbs:
            return None
        if noun.dep_ == "nsubjpass" or (noun.dep_ == "nsubj" and lemma in self.vocab.intransitive_outcome_verbs) \
                or (noun.dep_ == "dobj" and lemma not in self.vocab.intransitive_outcome_verbs):
            return self.vocab.outcome_verbs[lemma]
        return None

    def _generic_noun_tied(self, noun) -> bool:
        """A counted noun that is not a known victim word ("a police colonel", "the driver") counts
        only as the subject or object of the outcome itself: "killed a police colonel", "shot the
        driver dead", "a villager was found dead" - not "the operations room were killed"."""
        if noun.dep_ not in {"nsubj", "nsubjpass", "dobj", "appos", "conj"}:
            return False
        head = noun.head
        lemma = head.lemma_.lower()
        # "Farmer killed in Selea": a headline's passive, read by the parser as a past tense without an object
        headline_passive = head.tag_ == "VBD" and not any(child.dep_ == "dobj" for child in head.children)
        if lemma in self.vocab.outcome_verbs and (noun.dep_ != "nsubj" or lemma in self.vocab.intransitive_outcome_verbs
                                                 or head.tag_ == "VBN" or headline_passive):
            return True
        return any(child.lower_ in self.vocab.outcome_words or child.lemma_.lower() in self.vocab.outcome_verbs
                   for child in head.children if child.dep_ in {"oprd", "acomp", "xcomp", "advcl", "conj"})

    def _bare_count_allowed(self, doc: Doc, reading: _Reading, sent: Span) -> bool:
        """A count with no noun ('killing five', '60 wounded') must touch its outcome word."""
        return bool(self._outcome_after(doc, reading.end, sent.end, reading)) or bool(
            self._outcome_before(doc, reading.quantity.start, sent.start)) or \
            self._toll_update_before(doc, reading.quantity.start, sent.start) or bool(
            self._outcome_by_dependency(doc, reading))

    def _subset_cue_before(self, doc: Doc, start: int, sent_start: int) -> bool:
        window = doc[max(sent_start, start - 3): start].text.lower()
        return any(window.endswith(cue) for cue in self.vocab.subset_cues)

    def _leading_subset_outcome(self, sent: Span) -> str | None:
        """'Among the wounded were at least nine children', 'Among the 64 wounded were 14 children': the
        outcome the subset belongs to."""
        words = list(sent[:5])
        if len(words) >= 3 and words[0].lower_ == "among" and words[1].lower_ == "the":
            word = words[3].lower_ if words[2].like_num and len(words) > 3 else words[2].lower_
            return self.vocab.outcome_words.get(word) or self.vocab.outcome_words.get(word.rstrip("s"))
        return None

    @staticmethod
    def _is_leading_whole(sent: Span, reading: _Reading) -> bool:
        """'Among the 64 wounded were ...': the 64 are the whole the subset is drawn from."""
        return reading.quantity.start == sent.start + 2 and sent[0].lower_ == "among" and sent[1].lower_ == "the"

    def _toll_update_before(self, doc: Doc, start: int, sent_start: int) -> bool:
        """'the death toll ... has risen to 34', 'the toll stands at 26', 'revised the death toll to four'."""
        before = doc[sent_start: start].text.lower()
        if not any(toll in before for toll in self.vocab.toll_phrases):
            return False
        if any(before.endswith(update) for update in self.vocab.toll_updates):
            return True
        return any(before.endswith(f"{toll} {glue}") for toll in self.vocab.toll_phrases for glue in ("of", "to", "at"))

    def _negated_claims(self, doc: Doc, sent: Span, cues: _SentenceCues) -> list[Span]:
        """'no casualties', 'nobody was hurt', 'no one was killed', 'no reports of hits or casualties' ->
        explicit zero counts."""
        claims = []
        tokens = list(sent)
        for k, token in enumerate(tokens):
            two = f"{token.lower_} {tokens[k + 1].lower_}" if k + 1 < len(tokens) else ""
            if token.lower_ not in self.vocab.negations and two not in self.vocab.negations:
                continue
            for ahead in tokens[k + 1: k + 7]:
                if ahead.is_punct or ahead.lower_ == "but":
                    break  # "no damage, but two were killed" negates nothing about the two
                lemma, lower = ahead.lemma_.lower(), ahead.lower_
                outcome = (self.vocab.outcome_nouns.get(lemma) or self.vocab.outcome_nouns.get(lower)
                           or self.vocab.outcome_words.get(lower)
                           or (self.vocab.outcome_verbs.get(lemma) if ahead.pos_ == "VERB" else None))
                if outcome:
                    quantity = Quantity(token.i, ahead.i + 1, 0, None, None, "exact")
                    reading = _Reading(quantity, ahead.i + 1, "people", outcome)
                    claims.append(self._claim(doc, reading, outcome, False, True, cues, False))
                    break
        return claims

    def _year_named(self, sent: Span) -> int | None:
        """The first year a sentence names outside a full date: 'in 1998', 'since 2014', 'the 1600s', 'in
        October 1996' ('23 October 2022' and 'October 23, 2022' date the event itself and do not count; a
        month without its day is a period, as a bare year is)."""
        for token in sent:
            found = _YEAR.match(token.text)
            if not found or token.i == sent.start:
                continue
            before = token.nbor(-1)
            if before.text == "," or before.is_digit:
                continue
            if before.lower_.rstrip(".") in _MONTHS and before.i > sent.start and before.nbor(-1).is_digit:
                continue
            return int(found.group(1))
        return None

    def _claim(self, doc: Doc, reading: _Reading, outcome: str, is_subset: bool, is_negated: bool,
               cues: _SentenceCues, is_toll_update: bool) -> Span:
        q = reading.quantity
        span = Span(doc, q.start, max(reading.end, q.end), label=outcome)
        span._.casualty = {
            "outcome": outcome,
            "count_stated": q.value,
            "count_stated_high": q.value_high,
            "vague_term": q.vague_term,
            "qualifier": q.qualifier,
            "victim_group": reading.victim_group or "people",
            "is_subset": is_subset,
            "is_negated": is_negated,
            # "are being killed" tells of something ongoing: a pooled figure, like "since the war began"
            "has_summary_cue": cues.summary or says_what_keeps_happening(span, self.vocab.outcome_verbs),
            "is_toll_update": is_toll_update,
            "cause": cues.cause,
            "year_stated": cues.year,
            "is_hypothetical": says_what_might_happen(span, self.vocab.hypothetical_cues),
        }
        if cues.earlier_report:
            span._.casualty["is_earlier_report"] = True  # kept in the mention's attributes
        return span


def _counts_many(quantity: Quantity) -> bool:
    """Two or more, or a vague many: people a partly fatal verb counts in that number are wounded."""
    return quantity.value is None or quantity.value >= 2


def _tokens_of(spans: Iterable[Span]) -> set[int]:
    return {i for span in spans for i in range(span.start, span.end)}


def _listed(token, words: frozenset[str] | dict[str, str]) -> bool:
    """The token's lemma or its form is in a lexicon (a headline's parse may leave "shot" unlemmatised)."""
    return token.lemma_.lower() in words or token.lower_ in words


def _reflexive(verb) -> bool:
    """A verb whose object is its own subject: 'injured herself', 'killed themselves'."""
    return any(child.dep_ == "dobj" and child.tag_ == "PRP" and child.lower_.endswith(("self", "selves"))
               for child in verb.children)


def _in_a_hyphenated_modifier(doc: Doc, i: int) -> bool:
    """'a Kremlin-installed official', 'an Iran-backed fighter': the words joined by the hyphen."""
    return (i + 1 < len(doc) and doc[i + 1].text == "-") or (i > 0 and doc[i - 1].text == "-")


def _after_hyphenated_compound(doc: Doc, i: int, end: int) -> int:
    """Past a hyphenated compound that starts at i ('15-year-old', '10-month-old'); i when there is none."""
    j = i
    while j + 2 < end and doc[j + 1].text == "-" and not doc[j].whitespace_ and not doc[j + 1].whitespace_:
        j += 2
    return j + 1 if j > i else i


def _misparsed_headline_passive(verb, steps: int) -> bool:
    """'6 shot at Easter party': a bare count opening the sentence, then a passive the parser took for a noun
    ('a shot'). ('6 shot glasses' never gets here: the parser makes 'shot' a compound of the noun after it,
    which the count reads as its modifier.)"""
    return not steps and verb.tag_ == "NN" and verb.i == verb.sent.start + 1
