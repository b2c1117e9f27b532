"""Casualty claims: each phrase class, in sentences written for the test."""

from __future__ import annotations

import pytest


def claims(nlp, text: str) -> list[dict]:
    """Claims as the component records them; a claim about "casualties" stands for both outcomes."""
    doc = nlp(text)
    found = []
    for span in doc.spans["casualty_claims"]:
        outcomes = ("killed", "injured") if span._.casualty["outcome"] == "both" else (span._.casualty["outcome"],)
        found.extend({**span._.casualty, "outcome": outcome, "text": span.text} for outcome in outcomes)
    return found


def figures(nlp, text: str) -> list[tuple[str, int | str | None]]:
    """(outcome, the number as stated or the vague word) for every claim that gives one."""
    return [(c["outcome"], c["count_stated"] if c["count_stated"] is not None else c["vague_term"])
            for c in claims(nlp, text) if c["count_stated"] is not None or c["vague_term"] is not None]


@pytest.mark.parametrize("text, expected", [
    ("At least 27 people were reported as injured.", [("injured", 27)]),
    ("At least 31 people were dead, with six others seriously injured, the priest said.",
     [("killed", 31), ("injured", 6)]),
    ("A Kremlin-installed official was killed by a Ukrainian drone strike.", [("killed", 1)]),
    ("Shelling killed three people in the village.", [("killed", 3)]),
    ("Eleven soldiers died when the depot exploded.", [("killed", 11)]),
    ("A dozen residents were wounded.", [("injured", 12)]),
    ("Two dozen people were hurt in the blast.", [("injured", 24)]),
    ("The rocket attack killed 1,024 people over the year.", [("killed", 1024)]),
    ("Gunmen wounded six villagers near the market.", [("injured", 6)]),
    ("Police said 14 people lost their lives.", [("killed", 14)]),
    ("Four pedestrians were hospitalized after the explosion.", [("injured", 4)]),
    ("The attack left five people dead and nine injured.", [("killed", 5), ("injured", 9)]),
    ("Two fatalities and eight injuries were recorded at the station.", [("killed", 2), ("injured", 8)]),
    ("Nine bodies were found under the rubble of the school.", [("killed", 9)]),
])
def test_counts_tied_to_an_outcome(nlp, text, expected):
    assert figures(nlp, text) == expected


@pytest.mark.parametrize("text, qualifier, stated, stated_high, vague_term", [
    ("At least 14 people were killed in the raid.", "at_least", 14, None, None),
    ("More than 20 civilians were injured.", "over", 20, None, None),
    ("About 30 people were wounded.", "about", 30, None, None),
    ("Nearly 50 people died in the fire.", "about", 50, None, None),
    ("Several civilians were killed overnight.", "vague", None, None, "several"),
    ("Dozens of people were injured by debris.", "vague", None, None, "dozens of"),
    ("Between the towns, 10 to 15 people were killed.", "about", 10, 15, None),
])
def test_the_number_is_recorded_as_stated_with_its_qualifier(nlp, text, qualifier, stated, stated_high, vague_term):
    """The extractor records what the sentence says; int_casualty_figures_coded codes it to low/best/high."""
    (claim,) = claims(nlp, text)
    assert (claim["qualifier"], claim["count_stated"], claim["count_stated_high"], claim["vague_term"]) == (
        qualifier, stated, stated_high, vague_term)


@pytest.mark.parametrize("text, expected", [
    ('An attack on a village has killed "up to 100" people, a pro-democracy group said.', [("killed", 100)]),
    ("Sudan: 'Up to 100' killed in attack on village", [("killed", 100)]),
    ("Officials said “12” people were wounded.", [("injured", 12)]),
    ('Shelling killed "at least 12" in the village, officials said.', [("killed", 12)]),
])
def test_quotation_marks_around_a_figure_are_read_through(nlp, text, expected):
    assert figures(nlp, text) == expected


def test_a_possessive_apostrophe_after_a_count_is_no_quotation(nlp):
    assert figures(nlp, "The two soldiers' families were told on Monday.") == []


def test_an_enumeration_keeps_the_qualifier_of_its_open_part(nlp):
    (claim,) = claims(nlp, "Over two dozen soldiers and a medic were wounded.")
    assert (claim["count_stated"], claim["qualifier"]) == (25, "over")


def test_enumerated_victims_are_counted(nlp):
    assert figures(nlp, "The blast killed a 70-year-old man and a 12-year-old girl.") == [("killed", 2)]
    assert figures(nlp, "Five women and two children were injured in the shelling.") == [("injured", 7)]


@pytest.mark.parametrize("text, expected", [
    ("Gunmen shot dead a village chief near the mosque.", [("killed", 1)]),
    ("A soldier was killed by a sniper.", [("killed", 1)]),
    ("A roadside bomb killed a policeman.", [("killed", 1)]),
    ("Militants stabbed to death a local official.", [("killed", 1)]),
    ("Two gunmen killed three people at the checkpoint.", [("killed", 3)]),
    ("12 killed in bombing at market.", [("killed", 12)]),
    ("Nine people were reported killed in the clashes.", [("killed", 9)]),
    ("Gunmen stopped the bus and shot the driver dead.", [("killed", 1)]),
    ("At least 36 soldiers from the northern operations room were killed on Tuesday.", [("killed", 36)]),
])
def test_singular_victims_and_perpetrators(nlp, text, expected):
    """One named victim counts one; the count of perpetrators never counts as victims."""
    assert figures(nlp, text) == expected


def test_subsets_are_marked_and_never_a_new_total(nlp):
    found = claims(nlp, "The strike killed eight people, including three children.")
    totals = [(c["outcome"], c["count_stated"]) for c in found if not c["is_subset"]]
    subsets = [(c["outcome"], c["count_stated"], c["victim_group"]) for c in found if c["is_subset"]]
    assert totals == [("killed", 8)]
    assert subsets == [("killed", 3, "children")]


def test_leading_among_the_wounded_is_a_subset_of_the_injured(nlp):
    found = claims(nlp, "Among the wounded were four police officers.")
    assert [(c["outcome"], c["count_stated"], c["is_subset"]) for c in found] == [("injured", 4, True)]


def test_the_number_after_among_the_is_the_whole_the_subset_is_drawn_from(nlp):
    found = claims(nlp, "Among the 64 wounded were 14 children, according to police.")
    assert [(c["outcome"], c["count_stated"], c["is_subset"]) for c in found] == [
        ("injured", 64, False), ("injured", 14, True)]


def test_a_negation_ends_at_its_clause(nlp):
    found = claims(nlp, "There was no damage, but two died.")
    assert [(c["outcome"], c["count_stated"], c["is_negated"]) for c in found] == [("killed", 2, False)]


def test_rising_toll_is_flagged(nlp):
    (claim,) = claims(nlp, "By evening the death toll rose to 34.")
    assert (claim["outcome"], claim["count_stated"], claim["is_toll_update"]) == ("killed", 34, True)


@pytest.mark.parametrize("text, expected", [
    ("No casualties were reported after the strike.", {("killed", 0), ("injured", 0)}),
    ("Nobody was hurt in the attack.", {("injured", 0)}),
    ("No one was killed, officials said.", {("killed", 0)}),
    ("The emergency service said there were no reports of hits or casualties.", {("killed", 0), ("injured", 0)}),
])
def test_negation_is_an_explicit_zero(nlp, text, expected):
    found = claims(nlp, text)
    assert {(c["outcome"], c["count_stated"]) for c in found} == expected
    assert all(c["is_negated"] for c in found)


@pytest.mark.parametrize("text", [
    "Russia launched 120 drones overnight.",
    "The two sides exchanged 300 prisoners on Friday.",
    "Air defences intercepted 40 missiles over the capital.",
    "A 45-year-old man told reporters the sirens lasted for hours.",
    "The town lies 30 kilometres from the border.",
    "The ultimatum set a 60-day deadline.",
    "At 10:30 the sirens sounded again.",
    "Aid worth $2 million arrived in 2024.",
    "Moscow agreed to hand over 500 bodies of fallen soldiers.",
    "The city suffered 17 drone strikes in one night.",
])
def test_numbers_that_are_not_casualties(nlp, text):
    assert figures(nlp, text) == []


@pytest.mark.parametrize("text, summary", [
    ("Six people were killed, three on each side, in the clashes.", True),
    # a toll counted from a date is cumulative
    ("At least nine clinics have been hit since March 3, killing more than 120 people.", True),
    ("Strikes have killed 1,200 civilians since 2022, the monitors said.", True),
    ("A strike on the school killed 12 people on March 3.", False),
    ("Since Monday, the death toll has risen to 34.", False),
    ("Aid is scarce in the region, where the two-year war has killed at least 12,000 people.", True),
    # a toll over a stretch of time sums several events
    ("Strikes over the past week have killed 60 people across the province.", True),
    ("Nearly 600 people had been hurt in less than a week of shelling, the mayor said.", True),
])
def test_summary_cue_is_recorded(nlp, text, summary):
    found = claims(nlp, text)
    assert found and all(c["has_summary_cue"] == summary for c in found)


@pytest.mark.parametrize("text, expected", [
    ("The attack claimed the lives of 10 people and left over 20 wounded.", [("killed", 10), ("injured", 20)]),
    ("The enemy attack took the lives of 35 residents of the building.", [("killed", 35)]),
    ("Officials confirmed the deaths of 44 civilians in the attack on the village.", [("killed", 44)]),
    ("The shelling resulted in the death of nine people and the injury of 21 others.",
     [("killed", 9), ("injured", 21)]),
    ("The blast led to the demise of at least 37 people.", [("killed", 37)]),
    ("The death toll stands at 26, with 93 others injured.", [("killed", 26), ("injured", 93)]),
    ("The death toll from the missile strike on the city has risen to five.", [("killed", 5)]),
    ("He later revised the death toll to four.", [("killed", 4)]),
    ("A rocket hit the village, killing 12 children. 13 more people were wounded.", [("killed", 12), ("injured", 13)]),
    ("Fifteen people are reported to be injured.", [("injured", 15)]),
    ("At least 111 bodies were collected in the streets of the city.", [("killed", 111)]),
    ("A couple died when their apartment was hit by a drone.", [("killed", 2)]),
    ("MOSCOW (Reuters) -Six people were killed in a missile attack.", [("killed", 6)]),
])
def test_claim_shapes_of_real_reporting(nlp, text, expected):
    """Sentences written in the shapes wire reports use for tolls and their updates."""
    assert figures(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "He pulled out of the final with a knee injury.",
    "The singer died a normal death, the book claims.",
    "The injury-hit defence will start on Saturday.",
    "It is totally going to kill the business model of radio.",
    # a person has an injury, even in a sentence that reports an attack: the person is the count
    "The striker needed treatment for a head injury after being hit by a missile thrown from the stands.",
    "The defender, still out injured, missed the game with a hamstring injury.",
    # a vague number of injuries is not a number of people ("200 injuries" still is)
    "It looks from the outside that they have many injuries after the fighting.",
])
def test_an_injury_or_a_figure_of_speech_is_no_victim(nlp, text):
    assert figures(nlp, text) == []


@pytest.mark.parametrize("text", [
    "Many people are getting injured because of the mines in the villages.",
    "Dozens of civilians are being killed every day in the city, the mayor said.",
    "Dozens of people are being wounded by the shelling every week.",
])
def test_what_keeps_happening_is_a_pooled_figure(nlp, text):
    (claim,) = claims(nlp, text)
    assert claim["has_summary_cue"]


@pytest.mark.parametrize("text", [
    "Five people have been killed in the strike on the city.",
    "Twelve people were being treated in hospital after the blast killed two.",
    "Russian drones kill three in Kharkiv.",
])
def test_one_event_in_the_past_or_a_headline_is_not_ongoing(nlp, text):
    assert not any(claim["has_summary_cue"] for claim in claims(nlp, text))


@pytest.mark.parametrize("text, hypothetical", [
    ("It could have been picked up if he touched the car when he found the body.", True),
    ("If the missile had hit the school, 200 children would have been killed.", True),
    ("Unless the shelling stops, more than 20 people will be killed.", True),
    ("Russia vowed to retaliate after the strike killed 15 people.", False),
    ("Fifteen people were killed when the missile hit the school.", False),
])
def test_a_condition_says_what_might_be(nlp, text, hypothetical):
    assert all(claim["is_hypothetical"] == hypothetical for claim in claims(nlp, text))
    assert claims(nlp, text)


@pytest.mark.parametrize("text, expected", [
    # a singular person noun with no article: the object of the outcome, or its subject with nothing killed
    ("Farmer killed in Selea.", [("killed", 1)]),
    ("Unidentified gunmen kill NISS officer.", [("killed", 1)]),
    ("Police officer dies after attack in Lagos.", [("killed", 1)]),
    # the subject of an outcome verb with an object is who did it
    ("Gunman kills two in Kano.", [("killed", 2)]),
    ("Two gunmen killed three villagers in Selea.", [("killed", 3)]),
    # an enumeration of one combatant and another is their sum
    ("The attack resulted in a soldier and a militiaman killed.", [("killed", 2)]),
    ("Tens of Ethiopian soldiers were killed in the ambush.", [("killed", "tens of")]),
    # a scale after digits multiplies them; a number right before another count is not that count
    ("More than 2 million people died in the famine years of the war.", [("killed", 2000000)]),
    ("Image 23 of 33 Seven people have been shot, five fatally, on Wednesday.", [("killed", 5), ("injured", 2)]),
])
def test_the_clipped_style_of_headlines_and_notes(nlp, text, expected):
    assert figures(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # two or more people shot are wounded, in a headline's passive or as the object of the verb
    ("Four people shot outside Kokomo nightclub", [("injured", 4)]),
    ("Police are looking for the person who shot six people at an Easter party.", [("injured", 6)]),
    ("A pair of gunmen shot six people, one fatally, at a West Side party.", [("killed", 1), ("injured", 5)]),
    ("Seven people were shot, with six confirmed dead.", [("killed", 6), ("injured", 1)]),
    ("Five people were killed, with two dead at the scene.", [("killed", 5), ("killed", 2)]),
    # an age joined by hyphens stands between the count and the people it counts
    ("Two 15-year-old boys were shot Saturday night.", [("injured", 2)]),
    ("Three 10-month-old babies were killed in the blast.", [("killed", 3)]),
    # a headline's passive the parser takes for a noun ("a shot")
    ("6 shot at Easter party in Cincinnati", [("injured", 6)]),
    ("Six shot outside nightclub", [("injured", 6)]),
    ("6 shot glasses were sold at the party.", []),
    # ... but a count that names no people, and a score, are no victims
    ("The sci-fi horror Doom 3 shot straight to the top of the charts.", []),
    ("Tiger Woods shot 66 on the final day.", []),
])
def test_people_shot_are_wounded(nlp, text, expected):
    assert figures(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # the count is the object of "a total of", which is the subject
    ("A total of 51 people, including an eight-year-old boy, were killed in the strike.",
     [("killed", 51), ("killed", 1)]),
    # the outcome completes a verb of knowing or reporting, in the passive
    ("As of now, 51 people are known to have been killed.", [("killed", 51)]),
    ("Three people are reported to have died.", [("killed", 3)]),
    # ... not a verb whose subject acts: the five are attackers, and an attempt kills nobody
    ("Five people tried to kill the guard.", []),
    ("Two soldiers were ordered to kill the prisoners.", []),
])
def test_the_verb_a_count_depends_on_through_other_words(nlp, text, expected):
    assert [(c["outcome"], c["count_stated"]) for c in claims(nlp, text) if not c["is_hypothetical"]] == expected


def test_an_attempt_counts_no_victim_but_stays_recorded(nlp):
    assert [(c["text"], c["is_hypothetical"]) for c in claims(nlp, "Five people tried to kill the guard.")] \
        == [("the guard", True)]


def test_an_article_or_possessive_keeps_a_noun_out_of_the_bare_rule(nlp):
    assert figures(nlp, "The president met the farmer's family after the attack.") == []
    assert figures(nlp, "Security forces arrested the driver.") == []


def test_the_death_counts_one_where_the_sentence_reports_violence(nlp):
    assert figures(nlp, "Police said the accidental shooting death was a tragedy.") == [("killed", 1)]


@pytest.mark.parametrize("text, cause", [
    ("More than 23,000 people have been killed following a massive earthquake.", "disaster"),
    ("Two residents died of cholera in the camp.", "disease"),
    ("Shelling killed three people in the village.", None),
])
def test_a_cause_other_than_conflict_is_recorded(nlp, text, cause):
    (claim,) = claims(nlp, text)
    assert claim["cause"] == cause


@pytest.mark.parametrize("text, cause", [
    # an article that reports no attack puts its deaths down to the cause it names elsewhere
    ("The tsunami hit the coast in December. Officials pledged relief work in Thailand, where more than 5,000 "
     "people were killed.", "disaster"),
    ("The plane crashed shortly after take-off. She and eight others were killed.", "accident"),
    # an attack anywhere in the article keeps its figures conflict's, even where a fire or blaze is named
    ("A guided bomb struck a building in Kharkiv, setting off a blaze. One person was killed. The attack is part "
     "of the war.", None),
])
def test_an_article_that_reports_no_attack_gives_its_figures_its_cause(nlp, text, cause):
    assert {claim["cause"] for claim in claims(nlp, text)} == {cause}


def test_what_might_happen_is_hypothetical(nlp):
    (claim,) = claims(nlp, "Two million children will die needlessly before the next meeting.")
    assert claim["is_hypothetical"]
    (claim,) = claims(nlp, "Two children died in the strike.")
    assert not claim["is_hypothetical"]


def test_a_year_named_outside_a_full_date_is_recorded(nlp):
    (claim,) = claims(nlp, "The hurricane killed about 10,000 people in 1998.")
    assert claim["year_stated"] == 1998
    (claim,) = claims(nlp, "The strike killed 50 people on Sunday, 23 October 2022.")
    assert claim["year_stated"] is None
    (claim,) = claims(nlp, "He was jailed in October 1996, hours before two men were killed in a shooting.")
    assert claim["year_stated"] == 1996


@pytest.mark.parametrize("text, earlier", [
    ("He had previously reported that there were two dead, including an 11-year-old.", True),
    ("An unconfirmed earlier report by a Telegram channel put the death toll at seven.", True),
    ("The police reported earlier that 55 people had been killed, though this was later updated.", True),
    ("Six people were killed on Friday in a missile attack on the town, the governor said.", False),
])
def test_a_figure_a_later_report_replaced_is_marked(nlp, text, earlier):
    found = claims(nlp, text)
    assert found and all(claim.get("is_earlier_report", False) == earlier for claim in found)


def test_summary_cues_are_whole_words(nlp):
    (claim,) = claims(nlp, "Two people were killed in the warehouse fire at the front.")
    assert not claim["has_summary_cue"]
    (claim,) = claims(nlp, "More than 40,000 people have been killed since the war began.")
    assert claim["has_summary_cue"]


@pytest.mark.parametrize("text, expected", [
    # the count after the comma was killed, the rest of the count the verb governs were injured
    ("Police say four people were shot, one fatally, at the park late Wednesday.", {("killed", 1), ("injured", 3)}),
    ("14 shot, one fatally, since 8 p.m. Friday", {("killed", 1), ("injured", 13)}),
    ("A pair of gunmen shot six people, one fatally, at a party early Saturday.", {("killed", 1), ("injured", 5)}),
    ("Police said four teens, one fatally, were shot in the parking lot.", {("killed", 1), ("injured", 3)}),
    ("Seven people have been shot, five fatally, on the east side.", {("killed", 5), ("injured", 2)}),
    ("Six soldiers were wounded, two of them mortally, in the ambush.", {("killed", 2), ("injured", 4)}),
    # a qualifier other than a fatal one changes nothing
    ("Six soldiers were wounded, two critically, in the ambush.", {("injured", 6)}),
    # "fatally" before the verb kills: not an injury
    ("A sniper fatally wounded a soldier near the bridge.", {("killed", 1)}),
    ("At least 12 people were shot and wounded.", {("injured", 12)}),
])
def test_a_verb_that_kills_some_of_those_it_counts(nlp, text, expected):
    assert set(figures(nlp, text)) == expected
    derived = [c for c in claims(nlp, text) if c.get("derived_from")]
    if len(expected) == 2:  # the injured figure is not written: it says what it was computed from
        (claim,) = derived
        assert claim["outcome"] == "injured" and "," in claim["derived_from"]


@pytest.mark.parametrize("text, expected", [
    ("Lavell Lee Smith, a 33-year-old man, was shot and killed Sunday in a drive-by shooting.",
     [("killed", 1, "Lavell Lee Smith")]),
    ("Hassan Nasrallah was killed in an Israeli strike on Beirut.", [("killed", 1, "Hassan Nasrallah")]),
    # no attack reported in the sentence: a name that died is news of another kind
    ("The actor Gerald Hale died at his home on Sunday.", []),
    # places and actors are not people; a negated outcome counts nothing
    ("Kharkiv was hit by missiles in a strike overnight.", []),
    ("Smith was not killed in the shooting.", []),
])
def test_a_named_person_killed_in_an_attack_counts_one(nlp, text, expected):
    assert [(c["outcome"], c["count_stated"], c["text"]) for c in claims(nlp, text)] == expected


@pytest.mark.parametrize("text, expected", [
    # an age with no noun after it is the person ("a 16-year-old was fatally shot")
    ("Police say a 16-year-old was fatally shot about midnight.", [("killed", 1)]),
    ("A 30-year-old was wounded in the strike on Kherson.", [("injured", 1)]),
    # ... who may be the perpetrator, or the victim of their own act, which counts nothing
    ("A 14-year-old killed his brother with a rifle.", []),
    ("The 33-year-old injured herself while performing in Chicago.", []),
    # an age that describes a thing is no person
    ("The building, a 100-year-old landmark, was destroyed in the strike.", []),
])
def test_an_age_alone_names_one_person(nlp, text, expected):
    assert figures(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # people a partly fatal verb counts, in the passive, are wounded unless a phrase says they died
    ("Seven people were shot outside a nightclub early Sunday.", [("injured", 7)]),
    ("Two soldiers were stabbed near the checkpoint.", [("injured", 2)]),
    ("Several people were shot at a wedding reception.", [("injured", "several")]),
    ("Two protesters were shot dead by police.", [("killed", 2)]),
    # one person "was shot": in such reports the same person often dies a sentence later
    ("A man was shot in the leg.", []),
])
def test_many_people_shot_are_wounded(nlp, text, expected):
    assert figures(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a carrier verb gives the count what its object names
    ("Four people suffered non-life threatening injuries in a drive-by shooting.", [("injured", 4)]),
    ("In Poonch, a total of 44 people have sustained injuries due to the shelling.", [("injured", 44)]),
    ("The team suffered three defeats in a row.", []),
])
def test_a_count_that_suffered_or_sustained_injuries(nlp, text, expected):
    assert figures(nlp, text) == expected


@pytest.mark.parametrize("text, outcome", [
    ("A local resident on a motorbike sustained fatal injuries.", "killed"),
    ("One of the wounded succumbed to his injuries on Monday.", "killed"),
    ("The soldier died of his wounds in hospital.", "killed"),
    ("Residents reported injuries after the blast.", "injured"),
])
def test_an_injury_that_kills_is_a_death(nlp, text, outcome):
    assert {c["outcome"] for c in claims(nlp, text)} == {outcome}


@pytest.mark.parametrize("text, expected", [
    # one count for both outcomes is a combined toll: both, never a killed figure
    ("The shelling of the market left over 80 dead and wounded.", [("both", 80)]),
    ("More than 40 people were killed or wounded in the shelling.", [("both", 40)]),
    ("The raid left 30 people dead or injured, officials said.", [("both", 30)]),
    # each outcome with its own count stays apart
    ("The strike left 40 dead and over 90 wounded.", [("killed", 40), ("injured", 90)]),
    ("Two people were killed and three wounded in the raid.", [("killed", 2), ("injured", 3)]),
    ("Two people were killed and a child wounded in the raid.", [("killed", 2), ("injured", 1)]),
    ("Drone strikes killed two people and wounded seven more.", [("killed", 2), ("injured", 7)]),
])
def test_one_count_for_the_dead_and_wounded_together_is_a_combined_toll(nlp, text, expected):
    doc = nlp(text)
    assert [(s._.casualty["outcome"], s._.casualty["count_stated"]) for s in doc.spans["casualty_claims"]] == expected


def test_a_sentence_that_adds_to_a_cumulative_toll_is_cumulative_too(nlp):
    cumulative = claims(nlp, "Since the war began, the death toll has risen to 12,400. "
                             "An additional 30,100 people have been injured.")
    assert [(c["outcome"], c["has_summary_cue"]) for c in cumulative] == [("killed", True), ("injured", True)]
    # after a figure of one event, the added figure is that event's
    one_event = claims(nlp, "The strike killed 12 people on Monday. An additional 30 people were injured.")
    assert [(c["outcome"], c["has_summary_cue"]) for c in one_event] == [("killed", False), ("injured", False)]



def test_a_dateline_is_no_named_victim(nlp):
    # the dateline in capitals confuses the parse into making the city the subject of "were killed"
    found = claims(nlp, "KHARKIV (Wire) - Four people, including a boy, were killed in a missile strike on Tuesday.")
    assert not any(c["text"] == "KHARKIV" for c in found)


@pytest.mark.parametrize("text, expected", [
    # people sent or taken to hospital were hurt
    ("The shooting sent four people to the hospital.", [("injured", 4)]),
    ("Twelve people were rushed to the hospital after the blast.", [("injured", 12)]),
    # a phrase that opens with a linking word ("to death") is read after the verb that leads to it
    ("Five people were beaten to death at the market.", [("killed", 5)]),
    # no count of people: nothing
    ("Police said they drove 300 miles to the hospital.", []),
    ("Three people were taken hostage.", []),
])
def test_a_phrase_after_a_linking_word_gives_the_outcome(nlp, text, expected):
    assert [f for f in figures(nlp, text) if f[1] is not None] == expected


@pytest.mark.parametrize("text, expected", [
    # the shot include the dead the sentence names right after them
    ("3 shot, 1 dead outside nightclub", [("injured", 2), ("killed", 1)]),
    ("Six people were shot and one died at the scene.", [("injured", 5), ("killed", 1)]),
    # the wounded do not include the dead
    ("Five people were wounded and two were killed in the attack.", [("injured", 5), ("killed", 2)]),
    # a figure told apart from the shot is another figure
    ("Three people were shot on Monday; in a separate attack two were killed.", [("injured", 3), ("killed", 2)]),
    ("Five people were shot near the market and later two others were killed in a second attack.",
     [("injured", 5), ("killed", 2)]),
])
def test_the_shot_include_the_dead_named_right_after_them(nlp, text, expected):
    assert sorted(figures(nlp, text)) == sorted(expected)


@pytest.mark.parametrize("text, expected", [
    # a count of an armed group's name counts its members
    ("Military forces carried out operations, leaving seven Boko Haram dead and others captured.",
     [("killed", 7, "seven Boko Haram")]),
    ("Israeli strikes killed 12 Hamas fighters.", [("killed", 12, "12 Hamas fighters")]),
    # a state's name after a count is no person
    ("Drone strikes hit two Russian regions overnight.", []),
])
def test_a_count_of_an_armed_group_counts_its_members(nlp, text, expected):
    assert [(c["outcome"], c["count_stated"], c["text"]) for c in claims(nlp, text)] == expected


@pytest.mark.parametrize("text, expected", [
    # a family's members are people, and the outcome stands around the family
    ("An airstrike killed a family of five in the camp.", [("killed", 5)]),
    ("Five members of one family were killed in an airstrike on their home.", [("killed", 5)]),
    ("Eleven members of the al-Hassan family were killed.", [("killed", 11)]),
    # the family does not make other counts people
    ("The family said the strike destroyed three houses.", []),
])
def test_a_family_counts_its_people(nlp, text, expected):
    assert figures(nlp, text) == expected
