"""Read the shared corpora into article records for the loader. Nothing is copied into the project."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class GoldIncident:
    incident_id: str
    num_killed: int
    num_injured: int


def acled_notes(corpora: Path, limit: int | None = None) -> Iterator[tuple[dict, int]]:
    """(article record, ACLED fatalities) for every row of the ACLED sample."""
    with (corpora / "acled-africa-2016-sample" / "acled.csv").open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle)):
            if limit is not None and number >= limit:
                break
            record = {"id": row["data_id"], "text": row["notes"], "date": row["event_date"],
                      "source": row["source"]}
            yield record, int(row["fatalities"] or 0)


def gva_incidents(corpora: Path, max_incidents: int | None) -> tuple[list[dict], dict[str, GoldIncident]]:
    """Articles of the first max_incidents GVA incidents (by id) that have articles, and their gold counts."""
    folder = corpora / "gva-longtail-gunviolence"
    gold: dict[str, GoldIncident] = {}
    with (folder / "incidents.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            gold[str(row["incident_uri"])] = GoldIncident(str(row["incident_uri"]), int(row["num_killed"]),
                                                          int(row["num_injured"]))
    by_incident: dict[str, list[dict]] = {}
    with (folder / "articles.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if str(row["incident_id"]) in gold:
                by_incident.setdefault(str(row["incident_id"]), []).append(row)
    chosen = sorted(by_incident)[:max_incidents] if max_incidents else sorted(by_incident)
    articles = [
        {"id": row["doc_id"], "incident_id": incident, "title": row.get("title"), "text": row["content"],
         "date": row.get("dct"), "url": row.get("uri")}
        for incident in chosen for row in by_incident[incident]
    ]
    return articles, {incident: gold[incident] for incident in chosen}


def write_jsonl(records: Iterable[dict], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def bbc_articles(corpora: Path, exclude_categories: tuple[str, ...] = ()) -> Iterator[dict]:
    """BBC News articles (title line + text), outside the excluded categories."""
    path = corpora / "bbc-news-fulltext" / "bbc_fulltext.jsonl"
    if not path.exists():
        return
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["category"] not in exclude_categories:
                yield {"id": row["id"], "title": row["title"], "text": row["text"]}
