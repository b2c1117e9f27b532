"""``conflict_places``: places named in the text, resolved offline to a location key."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ingest.nlp.component import ReferenceComponent
from ingest.nlp.gazetteer import GAZETTEER_FILES, GazetteerSettings, Location, build_gazetteer
from ingest.nlp.name_index import NameIndex
from ingest.nlp.roles import PolityRoles
from ingest.nlp.text_places import TextPlaceCues, TextPlaceFinder
from ingest.reference import ReferenceTables, actor_aliases, rows_with

_LIST_GLUE = {",", "and", "or", "the"}


@Language.factory(
    "conflict_places",
    default_config={
        "spans_key": "conflict_places",
        "min_population": 15_000,
        "conflict_countries": ["UA", "RU"],
        "conflict_min_population": 15_000,
        "believed_anywhere_population": 100_000,
    },
    default_score_weights={"conflict_places_f": 1.0, "conflict_places_p": 0.0, "conflict_places_r": 0.0},
)
def make_conflict_places(nlp: Language, name: str, spans_key: str, min_population: int,
                         conflict_countries: list[str], conflict_min_population: int,
                         believed_anywhere_population: int) -> PlaceRecognizer:
    settings = GazetteerSettings(min_population, tuple(conflict_countries), conflict_min_population)
    return PlaceRecognizer(nlp, name, spans_key, settings, believed_anywhere_population)


class PlaceRecognizer(ReferenceComponent):
    """Finds gazetteer names (case-sensitive) and resolves them in the light of the whole article:

    * a name that is part of a person's or an organisation's name ("Dr Graham", "Micah Hyde", "Democratic
      Republic", "Ras Isa") is not a place (``name_context_words.csv``);
    * a capital or country that acts as a government ("Kyiv said") is an actor, not a place;
    * a name several places share goes to the large city if one is, else to the one in the countries the
      article names;
    * a town smaller than ``believed_anywhere_population`` in a country the article never names, while it
      names others, is a namesake of some other place and is left out ("Solhan" in a Burkina Faso report);
    * "X region" is lifted to the region."""

    reference_files = (*GAZETTEER_FILES, "actor_aliases.csv", "strike_verbs.csv", "name_context_words.csv",
                       "settlement_words.csv", "compass_words.csv", "country_demonyms.csv")
    mention_type = "place"
    span_attribute = "location"

    def __init__(self, nlp: Language, name: str, spans_key: str, settings: GazetteerSettings,
                 believed_anywhere_population: int):
        super().__init__(nlp, name, spans_key)
        self.settings = settings
        self.believed_anywhere_population = believed_anywhere_population

    def configure(self, tables: ReferenceTables) -> None:
        self.gazetteer = build_gazetteer(tables, self.settings)
        self.roles = PolityRoles.from_tables(tables)
        self.polity_names = {alias.alias for alias in actor_aliases(tables)
                             if alias.alias_kind in {"capital", "name"}} & set(self.gazetteer.places_by_name)
        words = rows_with(tables, "name_context_words.csv", "word", "role")
        self.titles = frozenset(row["word"].lower() for row in words if row["role"] == "title")
        self.facilities = frozenset(row["word"].lower() for row in words if row["role"] == "facility")
        self.launch_words = frozenset(row["word"].lower() for row in words if row["role"] == "launch")
        self.distance_words = frozenset(row["word"].lower() for row in words if row["role"] == "distance")
        self.proximity_words = frozenset(row["word"].lower() for row in words if row["role"] == "proximity")
        self.names = NameIndex(self.gazetteer.names())
        self.text_places = TextPlaceFinder(self.nlp, TextPlaceCues.from_rows(
            rows_with(tables, "settlement_words.csv", "word", "position"),
            rows_with(tables, "compass_words.csv", "word"),
            rows_with(tables, "region_words.csv", "word", "position"),
            rows_with(tables, "country_demonyms.csv", "demonym", "country_code")))

    def find(self, doc: Doc) -> list[Span]:
        matches = [span for span in filter_spans(self.names.spans(doc, "PLACE"))
                   if not self._part_of_a_name(doc, span)
                   and not (span.text in self.polity_names and self.roles.acts_as_actor(span))]
        context = self._article_countries(matches)
        found: list[Span] = []
        for span in matches:
            location = self._resolve(span.text, context)
            if location is None:
                continue
            end = span.end
            region = self._region(doc, span, location)
            if region is not None:
                location = region
                if end < len(doc) and doc[end].lower_ in self.gazetteer.region_words_after:
                    end += 1
            found.append(self._place(doc, span.start, end, location))
        for name, location in self.text_places.find(doc, found, context):
            found.append(self._place(doc, name.start, name.end, location))
        places = filter_spans(found)
        place_at = {i for place in places for i in range(place.start, place.end)}
        for place in places:
            role = ("origin" if self._is_origin(place)
                    else "context" if _describes_another(place, place_at) or self._is_distance_reference(place)
                    or self._locates_a_settlement_before(place, places)
                    else None)
            if role:
                place._.location = {**place._.location, "role": role}
        return places

    def needs_parse(self, doc: Doc) -> Iterator[int]:
        """The tokens whose sentences ``sentence_gate`` must parse: every gazetteer name (whether it is a place
        depends on its neighbours' parts of speech and on its dependencies) and every word that cues a place
        the gazetteer lacks ('the village of X', 'X province')."""
        yield from (span.start for span in self.names.spans(doc))
        yield from (token.i for token in doc if token.lower_ in self.text_places.cues.parse_words)

    def _is_distance_reference(self, place: Span) -> bool:
        """'26 km from the border with Ukraine's Sumy region', '40 miles away from Kyiv': a point a distance is
        measured from. Climbs the prepositional chain to a 'from' that a distance governs."""
        token = place.root
        for _ in range(6):
            if token.dep_ not in {"pobj", "prep", "poss"} or token.head.i == token.i:
                return False
            token = token.head
            if token.lower_ == "from" and (token.head.lower_ in self.distance_words or any(
                    child.lower_ in self.distance_words for child in token.head.children)):
                return True
        return False

    def _locates_a_settlement_before(self, place: Span, places: list[Span]) -> bool:
        """'the Kalma camp near Nyala', 'the village of Pisky near Donetsk': a place after a proximity word that
        follows a settlement named just before it (no verb between) says where that settlement lies. Read on the
        surface: the parser attaches 'near' to the verb as often as to the noun. 'Strikes near Khan Younis'
        (no settlement before) and 'the Donetsk region near Bakhmut' (a region before) keep their place."""
        doc = place.doc
        cue = place.start - 1
        while cue > place.sent.start and doc[cue].lower_ in {"the", "city", "town", "of"}:
            cue -= 1  # "near the city of Goma"
        if cue < place.sent.start or doc[cue].lower_ not in self.proximity_words:
            return False
        window_start = max(place.sent.start, cue - _PROXIMITY_WINDOW)
        for other in places:
            if other is place or not (window_start <= other.start and other.end <= cue):
                continue
            if other._.location["feature_class"] != "P":
                continue
            between = doc[other.end: cue]
            if not any(token.pos_ in {"VERB", "AUX"} for token in between):
                return True
        return False

    def _is_origin(self, place: Span) -> bool:
        """'rocket fire from Lebanon', 'drones launched from Kursk': where an attack came from, not where it
        struck. Not a range ('strikes from Kharkiv to Odesa') and not a place a launch word does not govern."""
        root = place.root
        while root.dep_ == "conj" and root.head.i != root.i:  # "from Kursk and Bryansk"
            root = root.head
        preposition = root.head
        if root.dep_ != "pobj" or preposition.lower_ != "from":
            return False
        if any(child.lower_ in {"to", "through"} for child in (*preposition.head.children, *root.children)):
            return False
        governor = preposition.head
        return governor.lower_ in self.launch_words or any(
            child.lower_ in self.launch_words for child in governor.children if child.dep_ in {"compound", "amod"})

    @staticmethod
    def _place(doc: Doc, start: int, end: int, location: Location) -> Span:
        place = Span(doc, start, end, label=location.feature_class)
        place._.location = {"location_id": location.location_id, **location.as_attributes()}
        return place

    def span_label(self, span: Span) -> str:
        """A place is right when it resolves to the right location."""
        return span._.location["location_id"]

    def _part_of_a_name(self, doc: Doc, span: Span) -> bool:
        """'Dr Graham', 'St Mary's', 'Micah Hyde', 'Martin Luther King', 'Democratic Republic of ...': a
        gazetteer name inside a longer proper name is not a place. An office ('Kharkiv Mayor'), a region
        word ('Kharkiv Oblast') or a facility ('Sochi Airport') after the name leaves it a place."""
        before = doc[span.start - 1] if span.start > 0 else None
        after = doc[span.end] if span.end < len(doc) else None
        if before is not None and before.lower_.rstrip(".") in self.titles:
            return True
        for neighbour in (before, after):
            if neighbour is None or neighbour.pos_ != "PROPN" or not neighbour.text[:1].isupper():
                continue
            lower = neighbour.lower_
            if lower in self.titles or lower in self.facilities or lower in self.gazetteer.region_words_after \
                    or neighbour.text in self.gazetteer.places_by_name:
                continue
            return True
        return False

    def _article_countries(self, matches: list[Span]) -> Counter[str]:
        """The countries an article is about, with how often it names them or their regions and large cities."""
        countries: Counter[str] = Counter()
        for span in matches:
            location = self.gazetteer.places_by_name[span.text]
            if span.text in self.gazetteer.candidates_by_name:
                continue
            if location.feature_class != "P" or location.population >= self.believed_anywhere_population:
                countries[location.country_code] += 1
        return countries

    def _resolve(self, name: str, context: Counter[str]) -> Location | None:
        candidates = self.gazetteer.candidates_by_name.get(name) or (self.gazetteer.places_by_name[name],)
        if candidates[0].population >= self.believed_anywhere_population:
            return candidates[0]  # a large city is meant wherever it is named ("Moscow" is not the one in Idaho)
        fitting = sorted((place for place in candidates if place.country_code in context),
                         key=lambda place: -context[place.country_code])
        if fitting:
            return fitting[0]
        best = candidates[0]
        small_foreign_town = best.feature_class == "P" and 0 <= best.population < self.believed_anywhere_population
        return None if context and small_foreign_town else best

    def _region(self, doc: Doc, span: Span, location: Location) -> Location | None:
        """The region meant by "Kharkiv region" or "the regions of Zaporizhzhia, Kherson, and Odesa"."""
        if location.feature_class == "country":
            return None
        named_as_region = span.end < len(doc) and doc[span.end].lower_ in self.gazetteer.region_words_after
        if not named_as_region:
            i = span.start - 1
            while i >= 0 and (doc[i].lower_ in _LIST_GLUE or doc[i].text in self.gazetteer.places_by_name):
                i -= 1
            before = doc[max(0, i - 1): i + 1].text.lower()
            named_as_region = any(before.endswith(words) for words in self.gazetteer.region_words_before)
        if not named_as_region:
            return None
        region = self.gazetteer.regions_by_short_name.get(span.text)
        if region is None and location.admin1_id is not None:
            region = next((r for r in self.gazetteer.regions_by_short_name.values()
                           if r.location_id == location.admin1_id), None)
        return region


# How far before a proximity word the settlement it locates may be named ("the Kalma Internally Displaced
# Persons (IDP) camp near Nyala" is eight tokens)
_PROXIMITY_WINDOW = 10


def _describes_another(place: Span, place_at: set[int]) -> bool:
    """'Ramenskoye, a Moscow suburb', 'Bucha, a Kyiv suburb': a name modifying the noun in apposition to another
    place says where that place lies; it is context, not where anything happened."""
    root = place.root
    apposition = root.head
    return (root.dep_ in {"compound", "amod", "nmod"} and apposition.dep_ == "appos"
            and apposition.head.i in place_at and not place_at.issuperset({apposition.i}))
