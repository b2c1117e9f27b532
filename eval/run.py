"""``make eval``: run the real pipeline (loader + dbt) on annotated corpora and score it.

Writes eval/results/latest.json. Skips cleanly when ../shared/corpora is absent.
"""

from __future__ import annotations

import argparse
import json
import logging
import platform
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from eval.corpora import acled_notes, gva_incidents, write_jsonl
from eval.metrics import bcubed_f1, share
from ingest import warehouse
from ingest.dbt import run_dbt
from ingest.loader import load
from ingest.settings import LoaderSettings

log = logging.getLogger("eval")
RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"


def build_warehouse(records: list[dict], work: Path, name: str) -> Path:
    """Load records and run the dbt models (seeds + models; data tests are the build's job)."""
    source = write_jsonl(records, work / f"{name}.jsonl")
    path = work / f"{name}.duckdb"
    con = warehouse.connect(path)
    try:
        load(con, source, LoaderSettings())
    finally:
        con.close()
    run_dbt(["seed"], path, work / f".dbt-{name}")
    run_dbt(["run"], path, work / f".dbt-{name}")
    return path


def record_articles(con: duckdb.DuckDBPyConnection) -> dict[int, str]:
    """Record number in the JSONL -> article_id (identical texts share one article)."""
    return dict(con.execute("select record_number, article_id from raw.article_sources").fetchall())


def evaluate_acled(corpora: Path, work: Path, limit: int | None) -> dict:
    rows = list(acled_notes(corpora, limit))
    path = build_warehouse([record for record, _ in rows], work, "acled")
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
    hits = sum(killed.get(article_of.get(number + 1), 0) == fatalities
               for number, (_, fatalities) in enumerate(rows))
    with_deaths = [(n, f) for n, (_, f) in enumerate(rows) if f > 0]
    hits_with_deaths = sum(killed.get(article_of.get(n + 1), 0) == f for n, f in with_deaths)
    return {"acled_notes": len(rows), "acled_killed_exact": share(hits, len(rows)),
            "acled_killed_exact_where_fatal": share(hits_with_deaths, len(with_deaths))}


def evaluate_gva(corpora: Path, work: Path, max_incidents: int | None) -> dict:
    articles, gold = gva_incidents(corpora, max_incidents)
    path = build_warehouse(articles, work, "gva")
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

    # An article's main event: the one with the most victims (its headline incident).
    def main_event(article_id: str | None) -> str | None:
        candidates = events_of.get(article_id or "", [])
        if not candidates:
            return None
        return sorted(candidates, key=lambda e: (-(e[1] + e[2]), e[0]))[0][0]

    killed_hits = injured_hits = 0
    predicted, truth = {}, {}
    for number, article in enumerate(articles, start=1):
        item = f"{article['incident_id']}/{article['id']}"
        event = main_event(article_of.get(number))
        predicted[item] = event or f"none:{item}"
        truth[item] = article["incident_id"]
    for incident, counts in gold.items():
        votes = Counter(predicted[item] for item, inc in truth.items() if inc == incident
                        and not predicted[item].startswith("none:"))
        event = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if votes else None
        killed, injured = figures.get(event, (0, 0)) if event else (0, 0)
        killed_hits += killed == counts.num_killed
        injured_hits += injured == counts.num_injured
    clustering = bcubed_f1(predicted, truth)
    return {
        "gva_incidents": len(gold),
        "gva_articles": len(articles),
        "gva_killed_exact": share(killed_hits, len(gold)),
        "gva_injured_exact": share(injured_hits, len(gold)),
        "gva_cluster_bcubed_precision": clustering["precision"],
        "gva_cluster_bcubed_recall": clustering["recall"],
        "gva_cluster_bcubed_f1": clustering["f1"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval", description=__doc__)
    parser.add_argument("--corpora", type=Path, default=Path("../shared/corpora"),
                        help="folder of the shared annotated corpora (default: %(default)s)")
    parser.add_argument("--acled-limit", type=int, default=None, help="score only the first N ACLED notes")
    parser.add_argument("--gva-incidents", type=int, default=150,
                        help="GVA incidents to score, with all their articles (0 = all 3,418; default: %(default)s)")
    parser.add_argument("--out", type=Path, default=RESULTS, help="results file (default: eval/results/latest.json)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)-7s %(name)s: %(message)s",
                        datefmt="%H:%M:%S")
    if not (args.corpora / "acled-africa-2016-sample").exists():
        print(f"eval skipped: no corpora at {args.corpora}")
        return 0
    started = time.monotonic()
    results: dict = {"date": datetime.now(UTC).strftime("%Y-%m-%d"), "machine": platform.node(),
                     "cores": __import__("os").cpu_count()}
    with tempfile.TemporaryDirectory(prefix="eval-") as work:
        results.update(evaluate_acled(args.corpora, Path(work), args.acled_limit))
        results.update(evaluate_gva(args.corpora, Path(work), args.gva_incidents or None))
    results["seconds"] = round(time.monotonic() - started, 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    width = max(map(len, results))
    for key, value in results.items():
        print(f"{key:<{width}}  {value}")
    print(f"written to {args.out}")
    return 0
