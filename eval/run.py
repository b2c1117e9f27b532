"""``make eval``: run the real pipeline (loader + dbt) on annotated corpora and score it.

Corpora: ACLED notes (killed per note), Gun Violence Archive incidents (killed, injured, and which articles
report one incident), conflict-news-dev (real conflict news read by hand, scored by the shared
``score_news.py``) and BBC News outside politics (general news: casualty events there are false positives).
ACLED and GVA figures are also given on a fixed dev and test half (a hash of the note or incident id):
rules are tuned looking at dev, and test is what they reach. Writes eval/results/latest.json; skips cleanly
when ../shared/corpora is absent.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import shutil
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from eval.corpora import acled_notes, gva_incidents, write_jsonl
from eval.metrics import bcubed_f1, half_of, share
from eval.news import evaluate_bbc, evaluate_news
from eval.warehouses import build_warehouse

log = logging.getLogger("eval")
RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"
SUITES = ("acled", "gva", "news", "bbc")
HALVES = ("dev", "test")


def record_articles(con: duckdb.DuckDBPyConnection) -> dict[int, str]:
    """Record number in the JSONL -> article_id (identical texts share one article)."""
    return dict(con.execute("select record_number, article_id from raw.article_sources").fetchall())


def evaluate_acled(corpora: Path, work: Path, limit: int | None) -> dict:
    rows = list(acled_notes(corpora, limit))
    path = build_warehouse(write_jsonl([record for record, _ in rows], work / "acled.jsonl"), work, "acled")
    con = duckdb.connect(str(path), read_only=True)
    try:
        article_of = record_articles(con)
        killed = dict(con.execute("""
            select b.article_id, coalesce(sum(e.killed_best), 0)
            from marts.bridge_event_articles b join marts.fct_events e using (event_id)
            where not e.is_aggregate group by b.article_id
        """).fetchall())
    finally:
        con.close()
    hit = [killed.get(article_of.get(number + 1), 0) == fatalities for number, (_, fatalities) in enumerate(rows)]
    results = {"acled_notes": len(rows), "acled_killed_exact": share(sum(hit), len(rows)),
               "acled_killed_exact_where_fatal": share(sum(h for h, (_, f) in zip(hit, rows, strict=True) if f > 0),
                                                       sum(f > 0 for _, f in rows))}
    for half in HALVES:
        mine = [h for h, (record, _) in zip(hit, rows, strict=True) if half_of(record["id"]) == half]
        results[f"acled_killed_exact_{half}"] = share(sum(mine), len(mine))
    return results


def _gva_main_events(path: Path) -> tuple[dict[int, str], dict[str, list], dict[str, tuple[int, int]]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        article_of = record_articles(con)
        links = con.execute("""
            select b.article_id, e.event_id,
                   coalesce(e.killed_best, 0) as killed, coalesce(e.injured_best, 0) as injured
            from marts.bridge_event_articles b join marts.fct_events e using (event_id)
            where not e.is_aggregate
        """).fetchall()
    finally:
        con.close()
    events_of: dict[str, list[tuple[str, int, int]]] = {}
    figures: dict[str, tuple[int, int]] = {}
    for article_id, event_id, killed, injured in links:
        events_of.setdefault(article_id, []).append((event_id, killed, injured))
        figures[event_id] = (killed, injured)
    return article_of, events_of, figures


def evaluate_gva(corpora: Path, work: Path, max_incidents: int | None) -> dict:
    articles, gold = gva_incidents(corpora, max_incidents)
    path = build_warehouse(write_jsonl(articles, work / "gva.jsonl"), work, "gva")
    article_of, events_of, figures = _gva_main_events(path)

    # An article's main event: the one with the most victims (its headline incident).
    def main_event(article_id: str | None) -> str | None:
        candidates = events_of.get(article_id or "", [])
        return sorted(candidates, key=lambda e: (-(e[1] + e[2]), e[0]))[0][0] if candidates else None

    predicted, truth = {}, {}
    for number, article in enumerate(articles, start=1):
        item = f"{article['incident_id']}/{article['id']}"
        predicted[item] = main_event(article_of.get(number)) or f"none:{item}"
        truth[item] = article["incident_id"]
    results = {"gva_incidents": len(gold), "gva_articles": len(articles)}
    for half in (None, *HALVES):
        incidents = {i: c for i, c in gold.items() if half is None or half_of(i) == half}
        killed_hits = injured_hits = 0
        for incident, counts in incidents.items():
            votes = Counter(predicted[item] for item, inc in truth.items() if inc == incident
                            and not predicted[item].startswith("none:"))
            event = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if votes else None
            killed, injured = figures.get(event, (0, 0)) if event else (0, 0)
            killed_hits += killed == counts.num_killed
            injured_hits += injured == counts.num_injured
        items = {item for item, incident in truth.items() if incident in incidents}
        clustering = bcubed_f1({i: predicted[i] for i in items}, {i: truth[i] for i in items})
        suffix = f"_{half}" if half else ""
        results[f"gva_killed_exact{suffix}"] = share(killed_hits, len(incidents))
        results[f"gva_injured_exact{suffix}"] = share(injured_hits, len(incidents))
        results[f"gva_cluster_bcubed_f1{suffix}"] = clustering["f1"]
        if half is None:
            results["gva_cluster_bcubed_precision"] = clustering["precision"]
            results["gva_cluster_bcubed_recall"] = clustering["recall"]
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpora", type=Path, default=Path("../shared/corpora"),
                        help="folder of the shared annotated corpora (default: %(default)s)")
    parser.add_argument("--only", default=",".join(SUITES),
                        help=f"comma-separated corpora to score, of {', '.join(SUITES)} (default: all)")
    parser.add_argument("--acled-limit", type=int, default=None, help="score only the first N ACLED notes")
    parser.add_argument("--gva-incidents", type=int, default=150,
                        help="GVA incidents to score, with all their articles (0 = all 3,418; default: %(default)s)")
    parser.add_argument("--keep", type=Path, default=None,
                        help="build the evaluation warehouses in this folder and keep them (default: a temporary one)")
    parser.add_argument("--out", type=Path, default=RESULTS,
                        help="results file (default: eval/results/latest.json); figures of corpora not scored "
                             "in this run are kept from the file")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)-7s %(name)s: %(message)s",
                        datefmt="%H:%M:%S")
    if not args.corpora.exists():
        print(f"eval skipped: no corpora at {args.corpora}")
        return 0
    chosen = {name.strip() for name in args.only.split(",") if name.strip()}
    started = time.monotonic()
    results: dict = json.loads(args.out.read_text(encoding="utf-8")) if args.out.exists() else {}
    results.update({"date": datetime.now(UTC).strftime("%Y-%m-%d"), "machine": platform.node(),
                    "cores": os.cpu_count()})
    if args.keep:
        shutil.rmtree(args.keep, ignore_errors=True)
        args.keep.mkdir(parents=True)
    with tempfile.TemporaryDirectory(prefix="eval-") as scratch:
        work = str(args.keep or scratch)
        if "acled" in chosen and (args.corpora / "acled-africa-2016-sample").exists():
            results.update(evaluate_acled(args.corpora, Path(work), args.acled_limit))
        if "gva" in chosen and (args.corpora / "gva-longtail-gunviolence").exists():
            results.update(evaluate_gva(args.corpora, Path(work), args.gva_incidents or None))
        if "news" in chosen:
            results.update(evaluate_news(args.corpora, Path(work), args.out.parent / "news_misses.txt"))
        if "bbc" in chosen:
            results.update(evaluate_bbc(args.corpora, Path(work)))
    results["seconds"] = round(time.monotonic() - started, 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    width = max(map(len, results))
    for key, value in sorted(results.items()):
        print(f"{key:<{width}}  {value}")
    print(f"written to {args.out}")
    return 0
