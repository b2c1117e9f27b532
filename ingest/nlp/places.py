"""``conflict_places``: places named in the text, resolved offline to a location key."""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ingest.nlp.extensions import register_extensions
from ingest.nlp.gazetteer import Gazetteer, Location, load_gazetteer
from ingest.nlp.roles import acts_as_actor
from ingest.reference import DEFAULT_REFERENCE_DIR, actor_aliases

_LIST_GLUE = {",", "and", "or", "the"}


@Language.factory(
    "conflict_places",
    default_config={
        "reference_dir": str(DEFAULT_REFERENCE_DIR),
        "min_population": 15_000,
        "conflict_countries": ["UA", "RU"],
        "conflict_min_population": 15_000,
        "spans_key": "conflict_places",
    },
)
def make_conflict_places(nlp: Language, name: str, reference_dir: str, min_population: int,
                         conflict_countries: list[str], conflict_min_population: int,
                         spans_key: str) -> PlaceRecognizer:
    gazetteer = load_gazetteer(reference_dir, min_population, tuple(conflict_countries),
                               conflict_min_population)
    polity_names = {alias.alias for alias in actor_aliases(reference_dir)
                    if alias.alias_kind in {"capital", "name"}}
    return PlaceRecognizer(nlp, gazetteer, polity_names, spans_key)


class PlaceRecognizer:
    """Finds gazetteer names (case-sensitive), lifts "X region" to the region, and leaves out a
    capital or country that acts as a government ("Kyiv said")."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer, polity_names: set[str], spans_key: str):
        register_extensions()
        self.gazetteer = gazetteer
        self.polity_names = polity_names & set(gazetteer.places_by_name)
        self.spans_key = spans_key
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.matcher.add("PLACE", list(nlp.tokenizer.pipe(gazetteer.names())))

    def __call__(self, doc: Doc) -> Doc:
        found: list[Span] = []
        for span in filter_spans(self.matcher(doc, as_spans=True)):
            if span.text in self.polity_names and acts_as_actor(span):
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
        doc.spans[self.spans_key] = filter_spans(found)
        return doc

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
