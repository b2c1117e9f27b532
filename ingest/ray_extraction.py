"""Extraction on Ray Data (``--executor ray``): the expensive stage spread over a machine's cores or a cluster.

Articles go to Ray as Arrow batches; an actor pool (each actor loads the spaCy pipeline once, the
``nlp`` object is never pickled) turns each batch into mention rows; the driver writes each result batch
as a Parquet shard and DuckDB bulk-loads the shards into raw.mentions. Without ``RAY_ADDRESS`` Ray runs
locally on this machine; with it, on that cluster, whose nodes need this project's environment (the
pinned packages and the spaCy model) — the code itself is shipped with the job.

Nothing here is imported unless the Ray executor is asked for: the default executor has no Ray import.
"""

from __future__ import annotations

import logging
import os
import tempfile
import typing
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb
from tqdm import tqdm

from ingest.extraction import ExtractionItem, MentionWorker
from ingest.mentions import Mention
from ingest.settings import LoaderSettings

log = logging.getLogger("ingest.ray")
INPUT_CHUNK = 2000  # articles per Arrow block handed to Ray
_ARROW_TYPES = {str: "string", int: "int64", bool: "bool_"}


@dataclass
class RayExtraction:
    mentions_written: int = 0
    failures: dict[str, str] = field(default_factory=dict)  # article_id -> why extraction failed


def mention_schema():
    """The Arrow schema of a result batch: every Mention field, and ``failure`` for an article that failed."""
    import pyarrow as pa

    fields = []
    for name, hint in typing.get_type_hints(Mention).items():
        base = next((t for t in typing.get_args(hint) if t is not type(None)), hint)
        fields.append(pa.field(name, getattr(pa, _ARROW_TYPES[base])()))
    fields.append(pa.field("failure", pa.string()))
    return pa.schema(fields)


class MentionExtractor:
    """A Ray Data actor: a MentionWorker (the pipeline built once), mapping a batch of articles to mention rows."""

    def __init__(self, settings: LoaderSettings, version: str) -> None:
        self.worker = MentionWorker(settings, version)
        self.schema = mention_schema()

    def __call__(self, batch):
        import pyarrow as pa

        result = self.worker.extract([
            ExtractionItem(article["article_id"], article["text"], article["published_date"], None,
                           article["published_at"]) for article in batch.to_pylist()])
        rows = [{**asdict(mention), "failure": None} for mention in result.mentions]
        rows += [{"article_id": article_id, "failure": failure} for article_id, failure in result.failures.items()]
        return pa.Table.from_pylist(rows, schema=self.schema)


def _start_ray(processes: int) -> bool:
    """Connect to RAY_ADDRESS, or start Ray on this machine; True when this call started it."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # telemetry off, as everywhere else
    import ray

    if ray.is_initialized():
        return False
    package = Path(__file__).resolve().parent
    address = os.environ.get("RAY_ADDRESS") or None
    if address:
        log.info("extracting on the Ray cluster at %s", address)
        ray.init(address=address, runtime_env={"py_modules": [str(package)]}, log_to_driver=False,
                 logging_level=logging.WARNING)
    else:
        ray.init(num_cpus=processes, include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING,
                 runtime_env={"env_vars": {"PYTHONPATH": str(package.parent), "RAY_USAGE_STATS_ENABLED": "0"}})
    return True


def extract_with_ray(con: duckdb.DuckDBPyConnection, article_ids: list[str], settings: LoaderSettings,
                     version: str, extracted_at) -> RayExtraction:
    """Extract the articles on Ray and bulk-load their mentions into raw.mentions."""
    import pyarrow.parquet as pq
    import ray

    processes = settings.processes or min(2, os.cpu_count() or 1)
    started = _start_ray(processes)
    result = RayExtraction()
    try:
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        blocks = [
            con.sql("select article_id, clean_text as text, published_date, published_at from raw.articles "
                    "where article_id in (select unnest($ids)) order by article_id",
                    params={"ids": article_ids[start:start + INPUT_CHUNK]}).to_arrow_table()
            for start in range(0, len(article_ids), INPUT_CHUNK)
        ]
        size = processes if not os.environ.get("RAY_ADDRESS") else max(1, int(ray.cluster_resources().get("CPU", 1)))
        mentions = ray.data.from_arrow(blocks).map_batches(
            MentionExtractor, fn_constructor_kwargs={"settings": settings, "version": version},
            compute=ray.data.ActorPoolStrategy(size=size), batch_size=settings.batch_size,
            batch_format="pyarrow", num_cpus=1)
        del blocks
        with tempfile.TemporaryDirectory(prefix="ray-mentions-") as shards:
            written = 0
            for number, batch in enumerate(tqdm(mentions.iter_batches(batch_format="pyarrow", batch_size=None),
                                                desc="extracting on Ray", unit="batch", mininterval=2.0)):
                failed = batch.filter(batch["failure"].is_valid())
                result.failures.update(zip(failed["article_id"].to_pylist(), failed["failure"].to_pylist(),
                                           strict=True))
                rows = batch.filter(batch["failure"].is_null()).drop_columns(["failure"])
                if rows.num_rows:
                    pq.write_table(rows, Path(shards) / f"part-{number:06d}.parquet")
                    written += rows.num_rows
            if written:
                names = ", ".join(mention_schema().names[:-1])
                con.execute(f"insert into raw.mentions ({names}, extracted_at) "
                            f"select {names}, ? from read_parquet(?)", [extracted_at, f"{shards}/*.parquet"])
            result.mentions_written = written
    finally:
        if started:
            ray.shutdown()
    return result
