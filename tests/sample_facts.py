"""Facts about the bundled sample corpus, read off the articles by hand (see ../shared/acceptance/).

Each expected event is identified by its family, its place and the articles that report it; the
build must reproduce its figures and its exact set of reporting articles. Optional events may be
absent, but an event that matches one must satisfy it.
"""

from __future__ import annotations

from dataclasses import dataclass

VAGUE = "vague"  # a vague-word estimate: NULL or a small number


@dataclass(frozen=True)
class ExpectedEvent:
    key: str
    family: str
    place: str | None
    admin1: str | None
    country: str | None
    killed: int | str | None
    injured: int | str | None
    articles: frozenset[str]
    mode: str | None = None
    initiator: str | None = None
    date: str | None = None
    optional: bool = False


def _arts(*prefixes: str) -> frozenset[str]:
    return frozenset(prefixes)


EXPECTED_EVENTS = [
    ExpectedEvent("kharkiv-2-7", "strike", "Kharkiv", "Kharkiv Oblast", "UA", 2, 7, _arts("000"), "drone", "RUS",
                  "2026-03-11"),
    ExpectedEvent("vasylivka", "strike", "Vasylivka", "Zaporizhzhia Oblast", "UA", 2, None, _arts("000"), "drone",
                  "UKR", "2026-03-11"),
    ExpectedEvent("kharkiv-region-3", "strike", None, "Kharkiv Oblast", "UA", 3, None, _arts("001", "002", "003")),
    ExpectedEvent("sochi", "strike", "Sochi", "Krasnodar Krai", "RU", 2, 11, _arts("001", "002", "003"), "drone",
                  "UKR"),
    ExpectedEvent("kharkiv-33", "strike", "Kharkiv", "Kharkiv Oblast", "UA", None, 33, _arts("001", "002", "003"),
                  None, "RUS"),
    ExpectedEvent("istanbul-round-3", "talks", "Istanbul", None, "TR", None, None, _arts("001", "002", "003")),
    ExpectedEvent("cherkasy", "strike", "Cherkasy", "Cherkasy Oblast", "UA", None, VAGUE, _arts("001", "002", "003"),
                  "drone", "RUS", optional=True),
    ExpectedEvent("zaporizhzhia", "strike", "Zaporizhzhia", "Zaporizhzhia Oblast", "UA", None, VAGUE,
                  _arts("001", "002", "003"), "drone", "RUS", optional=True),
    ExpectedEvent("odesa", "strike", "Odesa", "Odesa Oblast", "UA", None, None, _arts("002", "003"), None, "RUS",
                  optional=True),
    ExpectedEvent("kharkiv-2-60", "strike", "Kharkiv", "Kharkiv Oblast", "UA", 2, 60, _arts("004"), "drone", "RUS"),
    ExpectedEvent("belgorod", "strike", "Belgorod", "Belgorod Oblast", "RU", 1, 4, _arts("004"), "drone", "UKR"),
    ExpectedEvent("nationwide-week", "strike", None, None, "UA", 3, 13, _arts("004"), "drone", "RUS", optional=True),
    ExpectedEvent("prisoner-exchange", "prisoner_exchange", None, None, None, None, None, _arts("004"),
                  optional=True),
    ExpectedEvent("interception", "interception", None, None, "RU", None, None, _arts("004"), "drone", "RUS",
                  optional=True),
    ExpectedEvent("istanbul-offer", "talks", "Istanbul", None, "TR", None, None, _arts("000"), date="2026-03-10",
                  optional=True),
]

# Figures in the samples that are never casualty counts: prisoners, bodies returned, drones, strikes,
# a deadline, ages.
NOT_CASUALTY_FIGURES = {1200, 3000, 315, 32, 17, 50, 65, 47}
MAX_KILLED_IN_ONE_SAMPLE_EVENT = 20
KILLED_TOTALS = {12, 15}  # 15 if the nationwide weekly figure stands as its own country-level event
INJURED_RANGE = (115, 150)
UNDATED_ARTICLES = {"001", "002", "003", "004"}
