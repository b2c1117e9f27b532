"""``conflict_places``: places named in the text, resolved offline to a location key."""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ingest.nlp.component import ReferenceComponent
from ingest.nlp.gazetteer import GAZETTEER_FILES, GazetteerSettings, Location, build_gazetteer
from ingest.nlp.roles import PolityRoles
from ingest.reference import ReferenceTables, actor_aliases

_LIST_GLUE = {",", "and", "or", "the"}


@Language.factory(
    "conflict_places",
    default_config={
        "spans_key": "conflict_places",
        "min_population": 15_000,
        "conflict_countries": ["UA", "RU"],
        "conflict_min_population": 15_000,
    },
    default_score_weights={"conflict_places_f": 1.0, "conflict_places_p": 0.0, "conflict_places_r": 0.0},
)
def make_conflict_places(nlp: Language, name: str, spans_key: str, min_population: int,
                         conflict_countries: list[str], conflict_min_population: int) -> PlaceRecognizer:
    settings = GazetteerSettings(min_population, tuple(conflict_countries), conflict_min_population)
    return PlaceRecognizer(nlp, name, spans_key, settings)


class PlaceRecognizer(ReferenceComponent):
    """Finds gazetteer names (case-sensitive), lifts "X region" to the region, and leaves out a
    capital or country that acts as a government ("Kyiv said")."""

    reference_files = (*GAZETTEER_FILES, "actor_aliases.csv", "strike_verbs.csv")
    mention_type = "place"
    span_attribute = "location"

    def __init__(self, nlp: Language, name: str, spans_key: str, settings: GazetteerSettings):
        super().__init__(nlp, name, spans_key)
        self.settings = settings

    def configure(self, tables: ReferenceTables) -> None:
        self.gazetteer = build_gazetteer(tables, self.settings)
        self.roles = PolityRoles.from_tables(tables)
        self.polity_names = {alias.alias for alias in actor_aliases(tables)
                             if alias.alias_kind in {"capital", "name"}} & set(self.gazetteer.places_by_name)
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self.matcher.add("PLACE", list(self.nlp.tokenizer.pipe(self.gazetteer.names())))

    def find(self, doc: Doc) -> list[Span]:
        found: list[Span] = []
        for span in filter_spans(self.matcher(doc, as_spans=True)):
            if span.text in self.polity_names and self.roles.acts_as_actor(span):
                continue
            location = self.gazetteer.places_by_name[span.text]
            end = span.end
            region = self._region(doc, span, location)
            if region is not None:
                location = region
                if end < len(doc) and doc[end].lower_ in self.gazetteer.region_words_after:
                    end += 1
            place = Span(doc, span.start, end, label=location.feature_class)
            place._.location = {"location_id": location.location_id, **location.as_attributes()}
            found.append(place)
        return filter_spans(found)

    def span_label(self, span: Span) -> str:
        """A place is right when it resolves to the right location."""
        return span._.location["location_id"]

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
