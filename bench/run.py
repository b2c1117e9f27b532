"""``make bench``: how cost grows with the work, next to the bare spaCy pipeline it depends on.

All figures for one size are measured side by side in one run on the same texts. Writes
bench/results/latest.json and prints a table. Skips cleanly without ../shared/corpora.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bench.corpus import make_corpus, real_texts
from bench.synthetic import replicate_warehouse, time_dbt_build
from eval.corpora import write_jsonl
from ingest.extraction import ExtractionItem, extract_locally
from ingest.loader import LoadReport, read_articles
from ingest.nlp.pipeline import DEFAULT_MODEL
from ingest.settings import LoaderSettings

log = logging.getLogger("bench")
# The side-by-side spaCy comparison holds its texts and runs the bare pipeline too: up to this size.
NLP_COMPARISON_LIMIT = 10_000
RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"


def peak_rss_mb() -> float:
    """Peak resident memory of this process (the side-by-side NLP runs, validation at scale) and of its
    finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, children) / 1024, 1)


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    value = function(*args, **kwargs)
    return value, time.perf_counter() - started


_TIME_LINE = re.compile(r"^\s*time\s+([\d.]+)s \((.*)\)$", re.M)
_EVENTS_LINE = re.compile(r"^\s*events\s+(\d+) events", re.M)


@dataclass
class BuildRun:
    seconds: float
    timings: dict[str, float]
    events: int | None
    peak_rss_mb: float  # the largest process of the build (the loader, a spaCy worker, dbt)
    peak_tree_rss_mb: float  # all of them at once (pages shared after a fork are counted in each)


def _tree_rss_mb(root: int) -> tuple[float, float]:
    """(largest process, sum) of the resident memory of a process and its descendants, read from /proc."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents[int(stat.parent.name)] = int(fields[1])
        except (OSError, ValueError, IndexError):
            continue
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        children = [child for child, parent in parents.items() if parent == pid and child not in tree]
        tree.update(children)
        frontier.extend(children)
    sizes = []
    for pid in tree:
        try:
            sizes.append(int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE"))
        except (OSError, ValueError, IndexError):
            continue
    return (max(sizes, default=0) / 2**20, sum(sizes) / 2**20)


def run_build_process(source: Path, published: Path, *options: str) -> BuildRun:
    """`python -m ingest build` in its own process, as a user runs it, its memory sampled from /proc every
    quarter second over its process tree. (The peak that getrusage reports for a child starts at the bench's
    own size, which Linux carries across fork and exec, so it cannot tell the build's memory.)"""
    command = [sys.executable, "-m", "ingest", "build", "--articles", str(source), "--warehouse", str(published),
               *options]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    largest = total = 0.0
    with tempfile.TemporaryFile(mode="w+") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=env, text=True)
        while process.poll() is None:
            one, everything = _tree_rss_mb(process.pid)
            largest, total = max(largest, one), max(total, everything)
            time.sleep(0.25)
        output.seek(0)
        printed = output.read()
    if process.returncode != 0:
        raise RuntimeError(f"build of {source} failed (exit {process.returncode}):\n{printed[-3000:]}")
    time_line = _TIME_LINE.search(printed)
    events = _EVENTS_LINE.search(printed)
    timings = {name: float(value.rstrip("s")) for name, value in
               (part.split() for part in time_line.group(2).split(", "))} if time_line else {}
    return BuildRun(seconds=float(time_line.group(1)) if time_line else float("nan"), timings=timings,
                    events=int(events.group(1)) if events else None,
                    peak_rss_mb=round(largest, 1), peak_tree_rss_mb=round(total, 1))


def measure_nlp(texts: list[str], processes: int, batch_size: int) -> dict[str, float]:
    """Side by side on the same texts: tokenizer only (the speed limit), the bare pipeline (the
    reference), and our extraction as the loader runs it (relevance gate, then workers that build the
    pipeline with the conflict components and return mention rows; their start is counted). The bare
    pipeline is timed separately on the texts the gate keeps, so the cost of the components themselves
    shows where every text needs NLP."""
    import spacy

    from ingest.nlp.relevance import can_report_events
    from ingest.reference import DEFAULT_REFERENCE_DIR

    reference = str(DEFAULT_REFERENCE_DIR)
    bare = spacy.load(DEFAULT_MODEL, exclude=["ner"])
    _, tokenizer_s = timed(lambda: sum(1 for _ in bare.tokenizer.pipe(texts, batch_size=1000)))
    relevant, gate_s = timed(lambda: [t for t in texts if can_report_events(t, reference)])
    rest = [t for t in texts if not can_report_events(t, reference)]
    _, bare_relevant_s = timed(lambda: sum(1 for _ in bare.pipe(relevant, batch_size=batch_size, n_process=processes)))
    _, bare_rest_s = timed(lambda: sum(1 for _ in bare.pipe(rest, batch_size=batch_size, n_process=processes)))
    bare_s = bare_relevant_s + bare_rest_s

    def extract() -> int:
        items = (ExtractionItem(f"bench-{i}", text, None, None) for i, text in enumerate(relevant))
        settings = LoaderSettings(batch_size=batch_size)
        return sum(len(batch.mentions) for batch in extract_locally(items, settings, "bench", processes))

    mentions, pipeline_s = timed(extract)
    extract_s = gate_s + pipeline_s
    words = sum(len(t.split()) for t in texts)
    n = len(texts)
    return {
        "tokenizer_articles_per_s": round(n / tokenizer_s, 1),
        "spacy_pipe_articles_per_s": round(n / bare_s, 2),
        "extract_articles_per_s": round(n / extract_s, 2),
        "extract_words_per_s": round(words / extract_s, 0),
        "spacy_pipe_words_per_s": round(words / bare_s, 0),
        "extract_vs_pipe_ratio": round(extract_s / bare_s, 3),
        "relevant_share": round(len(relevant) / n, 3),
        "extract_vs_pipe_ratio_when_all_need_nlp": round(pipeline_s / bare_relevant_s, 3) if relevant else None,
        "mentions": mentions,
    }


def measure_parse_clean(path: Path, settings: LoaderSettings) -> dict[str, float]:
    report = LoadReport(run_id="bench")
    count, seconds = timed(lambda: sum(1 for _ in read_articles(path, settings, report)))
    return {"parse_clean_articles_per_s": round(count / seconds, 1), "parse_clean_seconds": round(seconds, 2)}


def measure_validation(published: Path, work: Path, target_mentions: int) -> dict:
    """Validation time on a copy of a built warehouse whose articles and mentions are replicated
    (new IDs, same texts and offsets) until raw.mentions holds target_mentions rows."""
    import duckdb

    from expectations.checkpoint import run_checkpoint

    copy = work / "validation-scale.duckdb"
    shutil.copy2(published, copy)
    con = duckdb.connect(str(copy))
    try:
        mentions = con.execute("select count(*) from raw.mentions").fetchone()[0]
        copies = max(1, -(-target_mentions // max(mentions, 1)))
        con.execute(f"create temp table copies as select range as k from range(1, {copies})")
        con.execute("""insert into raw.articles select a.* replace (a.article_id || '_c' || k as article_id,
                       a.content_hash || '_c' || k as content_hash) from raw.articles a, copies""")
        con.execute("""insert into raw.mentions select m.* replace (m.mention_id || '_c' || k as mention_id,
                       m.article_id || '_c' || k as article_id) from raw.mentions m, copies""")
        con.execute("""insert into marts.dim_articles select d.* replace (d.article_id || '_c' || k as article_id,
                       d.content_hash || '_c' || k as content_hash) from marts.dim_articles d, copies""")
        total = con.execute("select count(*) from raw.mentions").fetchone()[0]
    finally:
        con.close()
    result, seconds = timed(run_checkpoint, copy, work / "validation-scale")
    return {"validation_mentions": total, "validation_seconds_at_scale": round(seconds, 1),
            "validation_at_scale_passed": result.success}


def measure_dbt_growth(published: Path, articles: int, work: Path, sizes: tuple[int, ...] = (10_000, 100_000)) -> dict:
    """The dbt layer alone on synthetic warehouses of each size, grown from a built one (see
    bench.synthetic), and how its cost grows: dbt_growth_exponent = log10 of the 100k / 10k ratio, 1.0
    for linear, 2.0 for quadratic. The same exponent over model time alone (no seeds, tests or dbt start)
    shows the models' own growth, which the fixed part would otherwise hide."""
    import math

    figures: dict = {}
    timings: dict[int, dict] = {}
    for size in sizes:
        copies = max(1, round(size / max(articles, 1)))
        target = work / f"synthetic-{size}.duckdb"
        counts = replicate_warehouse(published, target, copies)
        timings[size] = time_dbt_build(target, work / f".dbt-synthetic-{size}")
        label = f"{size // 1000}k"
        figures[f"dbt_seconds_{label}_synthetic"] = timings[size]["seconds"]
        figures[f"dbt_model_seconds_{label}_synthetic"] = timings[size]["model_seconds"]
        figures[f"dbt_mentions_{label}_synthetic"] = counts["mentions"]
        figures[f"dbt_slowest_models_{label}_synthetic"] = timings[size]["slowest_models"]
        target.unlink()
    small, large = sizes[0], sizes[-1]
    scale = math.log10(large / small)
    figures["dbt_growth_exponent"] = round(math.log10(timings[large]["seconds"] / timings[small]["seconds"]) / scale, 3)
    figures["dbt_model_growth_exponent"] = round(
        math.log10(timings[large]["model_seconds"] / max(timings[small]["model_seconds"], 0.1)) / scale, 3)
    return figures


def bench_size(texts: list[dict], size: int, work: Path, processes: int, skip_nlp: bool,
               validation_mentions: int, with_ray: bool = False) -> dict:
    source = write_jsonl(make_corpus(texts, size), work / f"corpus-{size}" / "articles.jsonl")
    settings = LoaderSettings(processes=processes)
    figures: dict = {"articles": size, "words": sum(len(r["text"].split()) for r in make_corpus(texts, size))}
    figures.update(measure_parse_clean(source, settings))
    if not skip_nlp and size <= NLP_COMPARISON_LIMIT:
        figures.update(measure_nlp([r["text"] for r in make_corpus(texts, size)], processes, settings.batch_size))

    published = work / f"warehouse-{size}" / "warehouse.duckdb"
    full = run_build_process(source, published, "--processes", str(processes))
    figures["build_seconds"] = round(full.seconds, 1)
    figures.update({f"build_{step}_seconds": round(seconds, 1) for step, seconds in full.timings.items()})
    if "ingest" in full.timings:
        figures["parse_clean_share_of_ingest"] = round(figures["parse_clean_seconds"] / full.timings["ingest"], 3)
    figures["warehouse_mb"] = round(published.stat().st_size / 2**20, 1)
    figures["events"] = full.events
    figures["build_peak_rss_mb"] = full.peak_rss_mb
    figures["build_peak_tree_rss_mb"] = full.peak_tree_rss_mb

    if with_ray:
        on_ray = run_build_process(source, work / f"warehouse-{size}-ray" / "warehouse.duckdb",
                                   "--processes", str(processes), "--executor", "ray")
        figures["ray_build_seconds"] = round(on_ray.seconds, 1)
        figures["ray_ingest_seconds"] = round(on_ray.timings.get("ingest", 0.0), 1)
        figures["ray_vs_local_build_ratio"] = round(on_ray.seconds / full.seconds, 3)

    extra = make_corpus(texts, max(1, size // 100), offset=size + 10**6)
    extra_dir = work / f"corpus-{size}-plus"
    shutil.copytree(source.parent, extra_dir)
    write_jsonl(extra, extra_dir / "new.jsonl")
    incremental = run_build_process(extra_dir, published, "--processes", str(processes))
    figures["incremental_1pct_seconds"] = round(incremental.seconds, 1)
    figures["incremental_1pct_ratio"] = round(incremental.seconds / full.seconds, 3)
    figures.update({f"incremental_{step}_seconds": round(seconds, 1) for step, seconds in incremental.timings.items()})
    figures["build_peak_rss_mb"] = max(full.peak_rss_mb, incremental.peak_rss_mb)
    figures["build_peak_tree_rss_mb"] = max(full.peak_tree_rss_mb, incremental.peak_tree_rss_mb)
    if validation_mentions:
        figures.update(measure_validation(published, work, validation_mentions))
    figures["bench_process_peak_rss_mb"] = peak_rss_mb()
    figures["peak_rss_mb"] = figures["build_peak_rss_mb"]
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--corpora", type=Path, default=Path("../shared/corpora"))
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes (default: %(default)s)")
    parser.add_argument("--with-100k", action="store_true", help="also run 100,000 articles")
    parser.add_argument("--processes", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--skip-nlp-comparison", action="store_true",
                        help="skip the side-by-side spaCy measurements (build figures only)")
    parser.add_argument("--validation-mentions", type=int, default=1_000_000,
                        help="also time validation on the largest warehouse grown to this many mentions "
                             "(0 skips; default: %(default)s)")
    parser.add_argument("--skip-ray", action="store_true",
                        help="skip building the smallest size a second time with --executor ray (Ray locally)")
    parser.add_argument("--skip-dbt-synthetic", action="store_true",
                        help="skip timing the dbt layer on synthetic 10k and 100k warehouses grown from the "
                             "smallest size's")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)-7s %(name)s: %(message)s")
    if not (args.corpora / "gva-longtail-gunviolence").exists():
        print(f"bench skipped: no corpora at {args.corpora}")
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s] + ([100_000] if args.with_100k else [])
    texts = real_texts(args.corpora)
    results: dict = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "machine": {"cores": os.cpu_count(), "memory_gb": round(os.sysconf("SC_PAGE_SIZE") *
                                                                os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
                    "python": platform.python_version(), "node": platform.node()},
        "sizes": {},
    }
    with tempfile.TemporaryDirectory(prefix="bench-") as work:
        for size in sizes:
            print(f"benchmarking {size} articles ...", flush=True)
            results["sizes"][str(size)] = bench_size(texts, size, Path(work), args.processes,
                                                     args.skip_nlp_comparison,
                                                     args.validation_mentions if size == max(sizes) else 0,
                                                     with_ray=size == min(sizes) and not args.skip_ray)
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")  # keep partial figures
            if size == min(sizes) and not args.skip_dbt_synthetic:
                print("timing dbt on synthetic 10k and 100k warehouses ...", flush=True)
                results["dbt_synthetic"] = measure_dbt_growth(Path(work) / f"warehouse-{size}" / "warehouse.duckdb",
                                                              size, Path(work))
                results.update({k: v for k, v in results["dbt_synthetic"].items() if not isinstance(v, dict)})
    headline = results["sizes"].get("10000") or results["sizes"][str(sizes[-1])]
    for key in ("extract_articles_per_s", "spacy_pipe_articles_per_s", "extract_vs_pipe_ratio",
                "incremental_1pct_ratio", "peak_rss_mb", "validation_seconds_at_scale"):
        results[key] = headline.get(key)
    results["build_10k_seconds"] = results["sizes"].get("10000", {}).get("build_seconds")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    keys = sorted({k for figures in results["sizes"].values() for k in figures})
    print(f"{'figure':<34}" + "".join(f"{size:>14}" for size in results["sizes"]))
    for key in keys:
        print(f"{key:<34}" + "".join(f"{f.get(key, '')!s:>14}" for f in results["sizes"].values()))
    for key, value in results.get("dbt_synthetic", {}).items():
        print(f"{key:<34}{value!s:>14}" if not isinstance(value, dict) else f"{key:<34}  {value}")
    print(f"written to {args.out}")
    return 0
