"""A benchmark corpus of real texts: conflict and non-conflict news mixed, unique per copy."""

from __future__ import annotations

import csv
import itertools
import json
from collections.abc import Iterator
from pathlib import Path


def real_texts(corpora: Path) -> list[dict]:
    """Every text the shared corpora hold, as article records (GVA, BBC, ACLED notes, Bellingcat)."""
    texts: list[dict] = []
    with (corpora / "gva-longtail-gunviolence" / "articles.jsonl").open(encoding="utf-8") as handle:
        texts += [{"title": row.get("title"), "text": row["content"], "date": row.get("dct"), "kind": "gva"}
                  for row in map(json.loads, handle)]
    with (corpora / "bbc-news-fulltext" / "bbc_fulltext.jsonl").open(encoding="utf-8") as handle:
        texts += [{"title": row.get("title"), "text": row["text"], "kind": "bbc"} for row in map(json.loads, handle)]
    with (corpora / "acled-africa-2016-sample" / "acled.csv").open(encoding="utf-8", newline="") as handle:
        texts += [{"text": row["notes"], "date": row["event_date"], "kind": "acled"} for row in csv.DictReader(handle)]
    events = json.loads((corpora / "bellingcat-civilian-harm-ukraine" / "export_events.json").read_text("utf-8"))
    texts += [{"text": event["description"], "kind": "bellingcat"} for event in events if event.get("description")]
    # Interleave the sources so that every size mixes conflict and non-conflict text.
    by_kind: dict[str, list[dict]] = {}
    for text in texts:
        by_kind.setdefault(text["kind"], []).append(text)
    mixed = [t for group in itertools.zip_longest(*by_kind.values()) for t in group if t is not None]
    return mixed


def make_corpus(texts: list[dict], size: int, offset: int = 0) -> Iterator[dict]:
    """size records cycling through the real texts, one at a time (the bench never holds a corpus); each
    copy gets its own dateline so that its content hash differs and de-duplication does not hide the work."""
    for i in range(offset, offset + size):
        base = texts[i % len(texts)]
        copy = i // len(texts)
        text = base["text"] if copy == 0 else f"Bench copy {copy}, item {i}.\n\n{base['text']}"
        yield {"id": f"bench-{i}", "title": base.get("title"), "text": text, "date": base.get("date")}
