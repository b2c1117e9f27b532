"""Command line: ``python -m ingest {build,load,validate,rollback,docs} --help``."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from ingest.errors import EXIT_FAILED, UserError, from_os_error, writing
from ingest.mapping import FIELD_NAMES, read_options
from ingest.publish import DEFAULT_KEEP
from ingest.settings import LoaderSettings

DEFAULT_WAREHOUSE = Path("warehouse/warehouse.duckdb")


def _settings(args: argparse.Namespace) -> LoaderSettings:
    from ingest.build import BuildPaths

    return LoaderSettings(
        exclusions=args.exclusions or BuildPaths(args.warehouse.resolve()).exclusions_file,
        model_name=args.model,
        reference_dir=Path(args.reference_dir),
        max_file_bytes=args.max_file_mb * 1024 * 1024,
        batch_size=args.batch_size,
        processes=args.processes,
        near_duplicate_threshold=args.near_duplicate_threshold,
        full_refresh=args.full_refresh,
        extract_all=args.extract_all,
        parse_every_sentence=args.parse_every_sentence,
        extra_pipes=tuple(args.add_pipe),
        read_options=read_options(args.mapping, args.field, args.date_order),
        executor=args.executor,
    )


def _add_loader_options(parser: argparse.ArgumentParser) -> None:
    defaults = LoaderSettings()
    parser.add_argument("--articles", type=Path, default=Path("seeds/articles"),
                        help="a directory (searched recursively) or one file: .txt .md .json .jsonl .csv .html, "
                             "optionally .gz (default: %(default)s)")
    parser.add_argument("--field", action="append", default=[], metavar="FIELD=COLUMN",
                        help="read FIELD from COLUMN of JSON, JSONL and CSV exports (repeatable), e.g. "
                             "--field text=body --field published=pubDate --field source=site; fields: "
                             f"{', '.join(FIELD_NAMES)}. Without it the usual names are tried "
                             "(text: maintext, text, body, content, ...)")
    parser.add_argument("--date-order", choices=["dmy", "mdy"],
                        help="how the sources write numeric dates whose day and month could be swapped: "
                             "03/12/2026 is 3 December with dmy, 12 March with mdy. Without it such dates are "
                             "left empty, never guessed (13/03/2026 needs no option)")
    parser.add_argument("--mapping", type=Path, metavar="FILE.yaml",
                        help="field mappings and date orders per group of files, e.g. "
                             "'sources: [{files: \"lemonde/*.csv\", date_order: dmy, fields: {text: corps}}]'; "
                             "--field and --date-order apply over it")
    parser.add_argument("--exclusions", type=Path, metavar="FILE.csv",
                        help="the exclusion list this build honours (match,value,reason,requested_at; written by "
                             "`python -m ingest remove`); default: exclusions.csv in the folder named after "
                             "the warehouse")
    parser.add_argument("--model", default=defaults.model_name,
                        help="spaCy pipeline with a parser (default: %(default)s)")
    parser.add_argument("--reference-dir", default=str(defaults.reference_dir),
                        help="folder of reference CSVs: gazetteer, aliases, lexicons (default: seeds/reference)")
    parser.add_argument("--max-file-mb", type=int, default=defaults.max_file_bytes // (1024 * 1024),
                        help="a file larger than this is rejected, not read; JSONL and CSV dumps (and their .gz) "
                             "are read record by record whatever their size, and the limit guards each line "
                             "(default: %(default)s)")
    parser.add_argument("--batch-size", type=int, default=defaults.batch_size,
                        help="articles per spaCy batch (default: %(default)s)")
    parser.add_argument("--processes", type=int, default=defaults.processes,
                        help="extraction processes; 0 picks 1 for small inputs, 2 for large (default: %(default)s)")
    parser.add_argument("--executor", choices=["local", "ray"], default=defaults.executor,
                        help="where extraction runs: 'local', a process pool on this machine; 'ray', Ray Data "
                             "with an actor pool (each actor loads the pipeline once), on this machine or on "
                             "the cluster at RAY_ADDRESS (default: %(default)s)")
    parser.add_argument("--near-duplicate-threshold", type=float, default=defaults.near_duplicate_threshold,
                        help="MinHash Jaccard similarity above which an article is linked as a rewrite of "
                             "another (default: %(default)s)")
    parser.add_argument("--full-refresh", action="store_true",
                        help="re-extract every article already in the warehouse and rebuild every dbt model")
    parser.add_argument("--extract-all", action="store_true",
                        help="run the NLP pipeline on every article, even those with no trigger or casualty "
                             "word (which cannot report an event); only place/actor mentions differ")
    parser.add_argument("--parse-every-sentence", action="store_true",
                        help="tag and parse every sentence of an article; by default only the sentences a "
                             "conflict rule reads are (a trigger, outcome or place word: sentence_gate), which "
                             "gives the same mentions faster")
    parser.add_argument("--add-pipe", action="append", default=[], metavar="MODULE:FACTORY",
                        help="import MODULE and add its registered spaCy component FACTORY at the end of the "
                             "pipeline (repeatable): your own extraction next to ours")


def _add_warehouse_option(parser: argparse.ArgumentParser, help_text: str = "DuckDB file") -> None:
    parser.add_argument("--warehouse", type=Path, default=DEFAULT_WAREHOUSE,
                        help=f"{help_text} (default: %(default)s)")


def _add_lock_options(parser: argparse.ArgumentParser, keep: bool = True) -> None:
    parser.add_argument("--no-wait", action="store_true",
                        help="when another build holds this warehouse's lock, exit at once with code 75 "
                             "instead of waiting for it")
    if keep:
        parser.add_argument("--keep", type=int, default=DEFAULT_KEEP,
                            help="earlier published warehouses kept for `rollback` (default: %(default)s)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m ingest",
        description="Build a warehouse of conflict events from news articles. Articles are parsed, cleaned "
                    "and de-duplicated, mentions (places, actors, casualty claims, event triggers, dates) are "
                    "extracted with spaCy into DuckDB, dbt turns them into event tables, and Great "
                    "Expectations checks the result before it is published.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    parser.add_argument("--debug", action="store_true",
                        help="debug logging, and a traceback (not just one line) when the command fails")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="load articles, run dbt, validate and publish the warehouse",
                                description="Everything `make build` does: load ARTICLES into a work copy of "
                                            "WAREHOUSE, run `dbt build`, validate, write Parquet and docs into the "
                                            "folder named after WAREHOUSE, then publish by atomic rename, keeping the "
                                            "replaced file for `rollback`. A failure leaves the published file alone "
                                            "and ends in one line (--debug for the traceback). One build at a time "
                                            "per WAREHOUSE: a second one waits for the lock beside it, or exits 75 "
                                            "with --no-wait.")
    _add_loader_options(build)
    _add_lock_options(build)
    _add_warehouse_option(build, "published DuckDB file")

    load = commands.add_parser("load", help="only load articles into the raw schema of a DuckDB file",
                               description="Read, clean, de-duplicate and extract ARTICLES into the raw "
                                           "schema of a DuckDB file, in place. Only articles not seen before "
                                           "are processed.")
    _add_loader_options(load)
    _add_lock_options(load, keep=False)
    load.add_argument("--warehouse", type=Path, required=True, help="DuckDB file to write (created if absent)")

    validate = commands.add_parser("validate", help="run the dbt data tests and the Great Expectations checkpoint",
                                   description="Validate an existing warehouse: dbt's data tests (on a scratch "
                                               "copy, so a reader of the warehouse is never disturbed) and the "
                                               "Great Expectations checkpoint. Exits 1 when a dbt test or a "
                                               "critical expectation fails.")
    _add_warehouse_option(validate)

    rollback = commands.add_parser(
        "rollback", help="put the previously published warehouse back",
        description="Replace the published warehouse by the one the last build replaced (kept in "
                    "<name>/history/ beside it), atomically and under the build lock. The replaced file stays in "
                    "the history, marked rolled back, so a rollback can itself be undone with --to RUN_ID; "
                    "raw.ingest_runs of the restored file records the rollback.")
    _add_warehouse_option(rollback, "published DuckDB file")
    rollback.add_argument("--to", metavar="RUN_ID", help="restore the warehouse this build run published")
    rollback.add_argument("--list", action="store_true", help="list the kept warehouses and exit")
    _add_lock_options(rollback)

    remove = commands.add_parser(
        "remove", help="take articles out of the marts on the next build (by id, URL or source file)",
        description="Add articles to the warehouse's exclusion list (exclusions.csv in the folder named after "
                    "WAREHOUSE, or --exclusions). The next build takes them out of every model and mart, "
                    "incremental ones included, and records each removal in raw.article_removals (what matched, "
                    "why, when). Nothing is deleted: the articles stay in the raw schema, and deleting a line "
                    "from the exclusion list brings its articles back on the build after.")
    _add_warehouse_option(remove, "published DuckDB file")
    remove.add_argument("--article-id", action="append", default=[], metavar="ID",
                        help="an article_id as dim_articles spells it (repeatable)")
    remove.add_argument("--url", action="append", default=[],
                        help="every article published under this URL (scheme, www. and tracking parameters "
                             "ignored; repeatable)")
    remove.add_argument("--source", action="append", default=[], metavar="FILE",
                        help="every article read from this input file (repeatable)")
    remove.add_argument("--reason", required=True, help="why, kept with each removal (e.g. 'tag page, not news')")
    remove.add_argument("--exclusions", type=Path, metavar="FILE.csv", help="the exclusion list to add to")

    docs = commands.add_parser("docs", help="serve the dbt docs written by the last build")
    _add_warehouse_option(docs)
    docs.add_argument("--port", type=int, default=8080)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose or args.debug else logging.INFO,
                        format="%(asctime)s %(levelname)-7s %(name)s: %(message)s", datefmt="%H:%M:%S")
    for noisy in ("great_expectations", "urllib3", "matplotlib"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        return run(args)
    except KeyboardInterrupt:
        print("error: interrupted; the published warehouse is unchanged", file=sys.stderr)
        return 130
    except Exception as error:  # every failure ends in one line unless --debug
        if args.debug:
            raise
        print(f"error: {one_line(error)}", file=sys.stderr)
        return getattr(error, "exit_code", EXIT_FAILED)


def one_line(error: Exception) -> str:
    """The message a user sees: what failed and how to fix it; a bug names itself and asks for --debug."""
    if isinstance(error, UserError):
        return error.one_line()
    if isinstance(error, OSError):
        return from_os_error(error, "building").one_line()
    text = " ".join(str(error).split())[:300]
    return f"unexpected {type(error).__name__}: {text} (run again with --debug for the traceback, and report it)"


def run(args: argparse.Namespace) -> int:
    if args.command == "build":
        from ingest.build import build
        return build(args.articles, args.warehouse, _settings(args), wait=not args.no_wait, keep=args.keep)
    if args.command == "load":
        from ingest import warehouse
        from ingest.build import check_inputs
        from ingest.loader import load
        from ingest.lock import build_lock
        check_inputs(args.articles, _settings(args))
        with build_lock(args.warehouse.resolve(), wait=not args.no_wait), writing(f"loading into {args.warehouse}"):
            con = warehouse.connect(args.warehouse)
            try:
                load(con, args.articles, _settings(args))
            finally:
                con.close()
        return 0
    if args.command == "rollback":
        return _rollback(args)
    if args.command == "remove":
        return _remove(args)
    if args.command == "validate":
        from ingest.build import BuildPaths
        from ingest.validation import validate
        report = validate(args.warehouse, BuildPaths(args.warehouse.resolve()).validation_dir)
        print(report.console_table())
        return 0 if report.success else 1
    if args.command == "docs":
        from ingest.build import BuildPaths
        from ingest.publish import serve_docs
        return serve_docs(BuildPaths(args.warehouse.resolve()).docs_dir, args.port)
    return 2


def _remove(args: argparse.Namespace) -> int:
    from ingest.build import BuildPaths
    from ingest.revisions import MatchKind, request_removals

    paths = BuildPaths(args.warehouse.resolve())
    exclusions_file = args.exclusions or paths.exclusions_file
    wanted = ([(MatchKind.ARTICLE_ID, v) for v in args.article_id] + [(MatchKind.URL, v) for v in args.url]
              + [(MatchKind.SOURCE, v) for v in args.source])
    added = request_removals(exclusions_file, paths.published, wanted, args.reason)
    for exclusion, matched in added:
        found = ("no published warehouse yet" if matched is None
                 else f"matches {matched} article{'s' if matched != 1 else ''} now" if matched
                 else "matches no article yet: it will be left out when it arrives")
        print(f"excluded {exclusion.match.value} {exclusion.value}: {found}")
    if len(added) < len(wanted):
        print(f"{len(wanted) - len(added)} already on the list")
    print(f"{exclusions_file}: the next build (make build WAREHOUSE={args.warehouse}) takes them out of the marts; "
          "delete a line to bring its articles back")
    return 0


def _rollback(args: argparse.Namespace) -> int:
    from ingest.build import BuildPaths
    from ingest.publish import history
    from ingest.rollback import rollback

    paths = BuildPaths(args.warehouse.resolve())
    if args.list:
        entries = history(paths.history_dir)
        for entry in entries:
            print(f"{entry.run_id}  replaced {entry.retired_at[:15]}{'  (rolled back)' if entry.rolled_back else ''}"
                  f"  {entry.path}")
        if not entries:
            print(f"no earlier warehouses in {paths.history_dir}")
        return 0
    result = rollback(paths.published, paths.history_dir, paths.parquet_dir, to_run=args.to,
                      wait=not args.no_wait, keep=args.keep)
    print(f"rolled back {paths.published}: now the build of run {result.restored.run_id} "
          f"(replaced run {result.replaced_run_id}, kept in {paths.history_dir}); Parquet rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main())
