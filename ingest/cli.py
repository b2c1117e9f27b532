"""Command line: ``python -m ingest {build,load,validate,docs} --help``."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from ingest.settings import LoaderSettings

DEFAULT_WAREHOUSE = Path("warehouse/warehouse.duckdb")


def _settings(args: argparse.Namespace) -> LoaderSettings:
    return LoaderSettings(
        model_name=args.model,
        reference_dir=Path(args.reference_dir),
        max_file_bytes=args.max_file_mb * 1024 * 1024,
        batch_size=args.batch_size,
        processes=args.processes,
        near_duplicate_threshold=args.near_duplicate_threshold,
        full_refresh=args.full_refresh,
        extract_all=args.extract_all,
    )


def _add_loader_options(parser: argparse.ArgumentParser) -> None:
    defaults = LoaderSettings()
    parser.add_argument("--articles", type=Path, default=Path("seeds/articles"),
                        help="a directory (searched recursively) or one file: .txt .md .json .jsonl .csv .html, "
                             "optionally .gz (default: %(default)s)")
    parser.add_argument("--model", default=defaults.model_name,
                        help="spaCy pipeline with a parser (default: %(default)s)")
    parser.add_argument("--reference-dir", default=str(defaults.reference_dir),
                        help="folder of reference CSVs: gazetteer, aliases, lexicons (default: seeds/reference)")
    parser.add_argument("--max-file-mb", type=int, default=defaults.max_file_bytes // (1024 * 1024),
                        help="files larger than this are rejected, not read (default: %(default)s)")
    parser.add_argument("--batch-size", type=int, default=defaults.batch_size,
                        help="articles per spaCy batch (default: %(default)s)")
    parser.add_argument("--processes", type=int, default=defaults.processes,
                        help="extraction processes; 0 picks 1 for small inputs, 2 for large (default: %(default)s)")
    parser.add_argument("--near-duplicate-threshold", type=float, default=defaults.near_duplicate_threshold,
                        help="MinHash Jaccard similarity above which an article is linked as a rewrite of "
                             "another (default: %(default)s)")
    parser.add_argument("--full-refresh", action="store_true",
                        help="re-extract every article already in the warehouse and rebuild every dbt model")
    parser.add_argument("--extract-all", action="store_true",
                        help="run the NLP pipeline on every article, even those with no trigger or casualty "
                             "word (which cannot report an event); only place/actor mentions differ")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m ingest",
        description="Build a warehouse of conflict events from news articles. Articles are parsed, cleaned "
                    "and de-duplicated, mentions (places, actors, casualty claims, event triggers, dates) are "
                    "extracted with spaCy into DuckDB, dbt turns them into event tables, and Great "
                    "Expectations checks the result before it is published.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="load articles, run dbt, validate and publish the warehouse",
                                description="Everything `make build` does: load ARTICLES into a work copy of "
                                            "WAREHOUSE, run `dbt build`, validate, write Parquet and docs, then "
                                            "publish by atomic rename. A failure leaves the published file alone.")
    _add_loader_options(build)
    build.add_argument("--warehouse", type=Path, default=DEFAULT_WAREHOUSE,
                       help="published DuckDB file (default: %(default)s)")

    load = commands.add_parser("load", help="only load articles into the raw schema of a DuckDB file",
                               description="Read, clean, de-duplicate and extract ARTICLES into the raw "
                                           "schema of a DuckDB file, in place. Only articles not seen before "
                                           "are processed.")
    _add_loader_options(load)
    load.add_argument("--warehouse", type=Path, required=True, help="DuckDB file to write (created if absent)")

    validate = commands.add_parser("validate", help="run the dbt data tests and the Great Expectations checkpoint",
                                   description="Validate an existing warehouse: dbt's data tests (on a scratch "
                                               "copy, so a reader of the warehouse is never disturbed) and the "
                                               "Great Expectations checkpoint. Exits 1 when a dbt test or a "
                                               "critical expectation fails.")
    validate.add_argument("--warehouse", type=Path, default=DEFAULT_WAREHOUSE,
                          help="DuckDB file (default: %(default)s)")

    docs = commands.add_parser("docs", help="serve the dbt docs written by the last build")
    docs.add_argument("--warehouse", type=Path, default=DEFAULT_WAREHOUSE, help="DuckDB file (default: %(default)s)")
    docs.add_argument("--port", type=int, default=8080)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(levelname)-7s %(name)s: %(message)s", datefmt="%H:%M:%S")
    for noisy in ("great_expectations", "urllib3", "matplotlib"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    if args.command == "build":
        from ingest.build import build
        return build(args.articles, args.warehouse, _settings(args))
    if args.command == "load":
        from ingest import warehouse
        from ingest.loader import load
        con = warehouse.connect(args.warehouse)
        try:
            load(con, args.articles, _settings(args))
        finally:
            con.close()
        return 0
    if args.command == "validate":
        from ingest.validation import validate
        report = validate(args.warehouse, args.warehouse.parent / "validation")
        print(report.console_table())
        return 0 if report.success else 1
    if args.command == "docs":
        from ingest.publish import serve_docs
        return serve_docs(args.warehouse.parent / "docs", args.port)
    return 2


if __name__ == "__main__":
    sys.exit(main())
