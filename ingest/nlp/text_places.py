"""Places the gazetteer does not hold, named as places by the text itself.

Villages, camps and small towns are where much of the killing is reported, and no offline gazetteer holds
them all. The text often says what they are:

* a settlement word before or after the name: "the village of Hroza", "Fambita village", "Komanda city";
* an apposition: "Yelwata, a town in Benue State", "Al-Mawasi, a coastal community in ...";
* a place it lies in, after a comma, where a preposition names it as a location: "in Komanda, Ituri
  province", "in Metulla, in northern Israel".

Such a name lies in the region or country its sentence names, else in the country the article names most,
else in the country of the last place named before it, else in the country its adjectives name most ("a
Nigerian town", ``country_demonyms.csv``); with none of these it is left out. Once the text has
named it as a place, its other mentions in the article are that place too ("Barsalogho lies near ...").
The cue words live in ``settlement_words.csv`` and ``compass_words.csv``.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ingest.nlp.gazetteer import Location, folded

_CALENDAR_NAMES = frozenset(name for name in [*calendar.day_name, *calendar.month_name] if name)
_NAME_PARTICLES = {"al", "el", "ad", "as", "ar", "an", "-", "de", "du", "la", "le"}
_NAME = [{"IS_TITLE": True}, {"LOWER": {"IN": sorted(_NAME_PARTICLES)}, "OP": "*"}, {"IS_TITLE": True, "OP": "?"}]


@dataclass(frozen=True)
class TextPlaceCues:
    """The words that tell a place name from other proper names."""

    settlement_words_before: tuple[str, ...]  # "the village of X"
    settlement_words_after: tuple[str, ...]  # "X village" (the word in lower case: "Hull City" is a club)
    compass_words: tuple[str, ...]  # "in northern Israel"
    region_words: tuple[str, ...]  # "Ituri province"
    demonyms: dict[str, str]  # "Nigerian" -> NG

    @classmethod
    def from_rows(cls, settlements: Iterable[dict[str, str]], compass: Iterable[dict[str, str]],
                  regions: Iterable[dict[str, str]], demonyms: Iterable[dict[str, str]]) -> TextPlaceCues:
        settlements = list(settlements)
        return cls(
            settlement_words_before=tuple(r["word"].lower() for r in settlements if r["position"] == "before"),
            settlement_words_after=tuple(r["word"].lower() for r in settlements if r["position"] == "after"),
            compass_words=tuple(r["word"].lower() for r in compass),
            region_words=tuple(r["word"].lower() for r in regions if r["position"] == "after"),
            demonyms={r["demonym"]: r["country_code"] for r in demonyms},
        )

    @cached_property
    def parse_words(self) -> frozenset[str]:
        """The words whose sentence a place rule reads with the parse (a name's part of speech, a preposition)."""
        return frozenset((*self.settlement_words_before, *self.settlement_words_after, *self.region_words))


class TextPlaceFinder:
    """Finds the places a document names as places that the gazetteer does not hold."""

    def __init__(self, nlp: Language, cues: TextPlaceCues):
        self.cues = cues
        every_word = sorted({*cues.settlement_words_before, *cues.settlement_words_after})
        self.matcher = Matcher(nlp.vocab)
        self.matcher.add("BEFORE", [[{"LOWER": {"IN": list(cues.settlement_words_before)}}, {"LOWER": "of"}, *_NAME]])
        # "Fambita village", and with one word of what the place is for: "the Ras Isa fuel port", "Nuseirat
        # refugee camp"
        self.matcher.add("AFTER", [[*_NAME, {"IS_LOWER": True, "IS_ALPHA": True, "POS": "NOUN", "OP": "?"},
                                    {"LOWER": {"IN": list(cues.settlement_words_after)}, "IS_LOWER": True}]])
        self.matcher.add("APPOSITION", [[*_NAME, {"ORTH": ","}, {"LOWER": {"IN": ["a", "an"]}},
                                         {"IS_LOWER": True, "IS_ALPHA": True, "OP": "{0,3}"},
                                         {"LOWER": {"IN": every_word}}]])

    def find(self, doc: Doc, places: list[Span], article_countries: Counter[str]) -> list[tuple[Span, Location]]:
        """Each new place name with its location, in the order the document names them."""
        known = {i for span in places for i in range(span.start, span.end)}
        in_order = sorted(places, key=lambda place: place.start)
        if not article_countries:
            # no country named as a place: the one its adjectives name most ("a Nigerian town")
            article_countries = Counter(self.cues.demonyms[t.text] for t in doc if t.text in self.cues.demonyms)
        located: dict[str, Location] = {}
        found: list[tuple[Span, Location]] = []
        for name in self._cued_names(doc, places):
            if any(i in known for i in range(name.start, name.end)):
                continue
            location = located.get(name.text) or self._locate(name, places, in_order, article_countries)
            if location is None:
                continue
            located[name.text] = location
            found.append((name, location))
            known.update(range(name.start, name.end))
        for name in self._other_mentions(doc, located, known):
            found.append((name, located[name.text]))
        return sorted(found, key=lambda pair: pair[0].start)

    def _cued_names(self, doc: Doc, places: list[Span]) -> list[Span]:
        names = []
        # A document the sentence gate left wholly unparsed has no cue for a place, and the matcher refuses it.
        matches = self.matcher(doc, as_spans=True) if doc.has_annotation("POS") else []
        for match in filter_spans(matches):
            if match.label_ == "AFTER" and match.end < len(doc) and doc[match.end].lower_ == "of":
                continue  # "the Black Sea resort city of Sochi": the settlement word names the place after it
            tokens = match[:-1] if match.label_ == "AFTER" else match
            name = _proper_name(doc, tokens.start, tokens.end)
            if name is not None:
                names.append(name)
        names.extend(self._names_placed_by_a_comma(doc, places))
        return sorted(filter_spans(names), key=lambda span: span.start)

    def _names_placed_by_a_comma(self, doc: Doc, places: list[Span]) -> list[Span]:
        """'in Metulla, in northern Israel', 'in Komanda, Ituri province': a name that a preposition makes a
        location, followed by a comma and a region or country it lies in (known, or named with a region word)."""
        regions_at = {place.start for place in places if place._.location["feature_class"] in {"admin1", "country"}}
        names = []
        for comma in (token for token in doc if token.text == "," and token.i > 0):
            if not (self._known_region_follows(doc, comma.i + 1, regions_at) or self._region_named(doc, comma.i + 1)):
                continue
            start = comma.i
            while start > 0 and (doc[start - 1].is_title or doc[start - 1].lower_ in _NAME_PARTICLES):
                start -= 1
            name = _proper_name(doc, start, comma.i) if start < comma.i else None
            # "Ministry of Emergency Situations, Belgorod Oblast" is no location; "in Benue State, Nigeria"
            # names a region, which this finder does not make up
            if name is not None and name.root.dep_ == "pobj" and name.root.head.lower_ != "of" \
                    and name[-1].lower_ not in self.cues.region_words:
                names.append(name)
        return names

    def _known_region_follows(self, doc: Doc, i: int, regions_at: set[int]) -> bool:
        if i < len(doc) and doc[i].lower_ == "in":
            i += 1
        while i < len(doc) and doc[i].lower_ in self.cues.compass_words:
            i += 1
        return i in regions_at

    def _region_named(self, doc: Doc, i: int) -> bool:
        """'Ituri province': a name and a region word, whether or not the gazetteer holds the region."""
        end = i
        while end < len(doc) and doc[end].is_title and doc[end].lower_ not in self.cues.region_words:
            end += 1
        return i < end < len(doc) and doc[end].lower_ in self.cues.region_words

    @staticmethod
    def _locate(name: Span, places: list[Span], in_order: list[Span],
                article_countries: Counter[str]) -> Location | None:
        # the places of its sentence, those after it first ("the village of X in southern Lebanon"); a place
        # that owns it comes before all ("US jets struck Yemen's Ras Kanatib fuel port" is in Yemen)
        around = sorted((place for place in places if place.sent == name.sent),
                        key=lambda p: (not _owns(p, name), p.start < name.start))
        region = next((place._.location for place in around if place._.location["feature_class"] == "admin1"), None)
        before = [place._.location["country_code"] for place in reversed(in_order) if place.start < name.start]
        countries = [place._.location["country_code"] for place in around]
        countries += [code for code, _ in article_countries.most_common(1)] + before
        if region is not None:
            countries.insert(0, region["country_code"])
        if not countries:
            return None
        country = countries[0]
        return Location(
            location_id=f"text:{country.lower()}:{_slug(name.text)}", location_name=name.text,
            feature_class="P", admin1_id=region["location_id"] if region else None,
            admin1_name=region["admin1_name"] if region else None, country_code=country,
            latitude=None, longitude=None, geonames_id=None, population=0)

    @staticmethod
    def _other_mentions(doc: Doc, located: dict[str, Location], known: set[int]) -> list[Span]:
        """The later and earlier mentions of a name the text has placed ("In Barsalogho, civilians ...")."""
        mentions = []
        for token in doc:
            if token.i in known or not token.is_title:
                continue
            for name in located:
                span = doc.char_span(token.idx, token.idx + len(name))
                if span is not None and span.text == name and not any(i in known for i in range(span.start, span.end)):
                    mentions.append(span)
                    known.update(range(span.start, span.end))
                    break
        return mentions


def _owns(place: Span, name: Span) -> bool:
    """'Yemen's Ras Kanatib': the place stands right before the name with a possessive."""
    return place.end == name.start - 1 and name.doc[place.end].lower_ in {"'s", "\u2019s"}


def _proper_name(doc: Doc, start: int, end: int) -> Span | None:
    """The proper name among doc[start:end], without cue words; None when it is not one."""
    tokens = [t for t in doc[start:end] if (t.is_title and t.pos_ in {"PROPN", "NOUN"}) or t.lower_ in _NAME_PARTICLES]
    while tokens and tokens[-1].lower_ in _NAME_PARTICLES:
        tokens.pop()
    while tokens and tokens[0].lower_ in _NAME_PARTICLES and not tokens[0].is_title:
        tokens.pop(0)
    if not tokens or tokens[0].is_sent_start or all(t.lower_ in _NAME_PARTICLES for t in tokens):
        return None
    if len(tokens) == 1 and (len(tokens[0].text) < 3 or tokens[0].text in _CALENDAR_NAMES):
        return None  # "on X" (the platform), "By Friday, Burkina Faso's ..."
    span = doc[tokens[0].i: tokens[-1].i + 1]
    return span if all(t.is_title or t.lower_ in _NAME_PARTICLES for t in span) else None


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", folded(name).lower()).strip("-")
