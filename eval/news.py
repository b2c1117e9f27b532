"""Real conflict news scored by the shared scorer, and general news that must give (almost) no events.

* conflict-news-dev: a warehouse built from its pages/ folder with the real pipeline, scored by
  ``../shared/tools/score_news.py`` as it is, so figures mean the same in every report.
* BBC News: every article outside 'politics' (business, entertainment, sport, tech) - casualty events
  built from them are false positives, counted per 1,000 articles.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import duckdb

from eval.corpora import bbc_articles, write_jsonl
from eval.warehouses import build_warehouse

log = logging.getLogger("eval.news")


def evaluate_news(corpora: Path, work: Path, misses: Path) -> dict:
    """news_* figures; the scorer's list of misses (one line per wrong figure or place) goes to misses."""
    folder = corpora / "conflict-news-dev"
    scorer = corpora.parent / "tools" / "score_news.py"
    if not (folder / "pages").exists() or not scorer.exists():
        log.warning("conflict-news-dev or its scorer is missing: news figures skipped")
        return {}
    path = build_warehouse(folder / "pages", work, "news")
    out = work / "news_scores.json"
    # The scorer exits 1 when a target is missed; its figures are what we report either way. It breaks a tie
    # between two events of one article by the order of a set of ids, which follows Python's string hashing:
    # a fixed seed makes the same warehouse score the same in every run.
    result = subprocess.run([sys.executable, str(scorer), str(path), str(folder / "gold.json"), "--json", str(out)],
                            capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    if not out.exists():
        raise RuntimeError(f"score_news.py wrote no figures: {result.stderr[-2000:]}")
    misses.parent.mkdir(parents=True, exist_ok=True)
    misses.write_text(result.stdout, encoding="utf-8")
    return {f"news_{name}": value for name, value in json.loads(out.read_text(encoding="utf-8")).items()}


def evaluate_bbc(corpora: Path, work: Path) -> dict:
    records = list(bbc_articles(corpora, exclude_categories=("politics",)))
    if not records:
        return {}
    path = build_warehouse(write_jsonl(records, work / "bbc.jsonl"), work, "bbc")
    con = duckdb.connect(str(path), read_only=True)
    try:
        (events,) = con.execute("""
            select count(*) from marts.fct_events
            where not is_aggregate and (coalesce(killed_best, 0) > 0 or coalesce(injured_best, 0) > 0)
        """).fetchone()
        examples = con.execute("""
            select summary from marts.fct_events
            where not is_aggregate and (coalesce(killed_best, 0) > 0 or coalesce(injured_best, 0) > 0)
            order by coalesce(killed_best, 0) + coalesce(injured_best, 0) desc limit 10
        """).fetchall()
    finally:
        con.close()
    for (summary,) in examples:
        log.info("BBC casualty event: %s", summary)
    return {"bbc_articles": len(records), "bbc_casualty_events": events,
            "bbc_casualty_events_per_1k": round(1000 * events / len(records), 1)}
