"""Articles to mention rows: the work of one extraction worker, in a local process pool or a Ray actor.

A worker builds the pipeline once and returns mention rows, not spaCy documents: sending a parsed document
back to the loader costs about as much as parsing it, and the loader has only to write rows.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import islice

from spacy.util import raise_error

from ingest.errors import in_one_line
from ingest.mentions import Mention, doc_to_mentions
from ingest.settings import LoaderSettings

log = logging.getLogger("ingest.extraction")


@dataclass(frozen=True)
class ExtractionItem:
    article_id: str
    text: str
    published: date | None
    language: str | None
    published_at: datetime | None = None


@dataclass
class BatchResult:
    """What one batch of articles gave: mention rows, and the articles whose extraction raised."""

    articles: int
    mentions: list[Mention] = field(default_factory=list)
    failures: dict[str, str] = field(default_factory=dict)  # article_id -> the error in one line


def _skip_failed_doc(proc_name: str, proc: object, docs: list, error: Exception) -> None:
    """spaCy error handler: drop the failing batch from the stream instead of ending it. The worker notices
    the missing documents and runs them one by one, so that only the one that fails is quarantined."""
    log.debug("%s failed on a batch of %d documents: %s", proc_name, len(docs), error)


def _set_error_handler(nlp, handler) -> None:
    """``Language.set_error_handler`` for the components that take one: spaCy's parser cannot (its Cython
    class has no slot for it) and keeps raising, which the worker also survives."""
    nlp.default_error_handler = handler
    for _, pipe in nlp.pipeline:
        with contextlib.suppress(AttributeError):
            pipe.set_error_handler(handler)


class MentionWorker:
    """Builds the pipeline once, then turns batches of articles into mention rows."""

    def __init__(self, settings: LoaderSettings, version: str) -> None:
        from ingest.nlp import build_pipeline
        from ingest.nlp.pipeline import mention_sources, time_zones

        self.nlp = build_pipeline(settings.model_name, settings.reference_dir, settings.extra_pipes,
                                  settings.parse_every_sentence)
        self.sources = mention_sources(self.nlp)
        self.time_zones = time_zones(self.nlp)
        self.version = version

    def extract(self, items: list[ExtractionItem]) -> BatchResult:
        """The batch through ``nlp.pipe``; an article whose extraction raises fails alone (the others of its
        batch are run again one at a time), never the batch."""
        result = BatchResult(articles=len(items))
        done: set[str] = set()
        _set_error_handler(self.nlp, _skip_failed_doc)
        try:
            for doc, item in self.nlp.pipe(((item.text, item) for item in items), as_tuples=True,
                                           batch_size=max(1, len(items))):
                done.add(item.article_id)
                self._add_mentions(doc, item, result)
        except Exception as error:  # a component that takes no error handler (the parser) ended the stream
            log.debug("a batch failed (%s): its articles one at a time", in_one_line(error))
        _set_error_handler(self.nlp, raise_error)
        for item in items:
            if item.article_id in done:
                continue
            try:
                doc = self.nlp(item.text)
            except Exception as error:  # one article's failure is recorded, never the end of the load
                result.failures[item.article_id] = in_one_line(error)
                continue
            self._add_mentions(doc, item, result)
        return result

    def _add_mentions(self, doc, item: ExtractionItem, result: BatchResult) -> None:
        try:
            result.mentions.extend(doc_to_mentions(doc, item.article_id, item.published, self.version,
                                                   self.sources, item.published_at, self.time_zones))
        except Exception as error:  # one article's failure is recorded, never the end of the load
            result.failures[item.article_id] = in_one_line(error)


# The pool's processes each hold one worker; a ProcessPoolExecutor initializer can only leave it here.
_process_worker: MentionWorker | None = None


def _start_process_worker(settings: LoaderSettings, version: str) -> None:
    global _process_worker
    _process_worker = MentionWorker(settings, version)


def _extract_in_process(items: list[ExtractionItem]) -> BatchResult:
    return _process_worker.extract(items)


def extract_locally(items: Iterable[ExtractionItem], settings: LoaderSettings, version: str,
                    processes: int) -> Iterator[BatchResult]:
    """Batches of ``settings.batch_size`` articles through ``processes`` workers (in this process when 1),
    results in input order, a few batches in flight per worker so memory stays bounded."""
    batches = _batched(items, settings.batch_size)
    if processes <= 1:
        worker = MentionWorker(settings, version)
        yield from (worker.extract(batch) for batch in batches)
        return
    # fork: each worker starts from this process's imports; the pipeline is built in the workers, in parallel
    with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork"),
                             initializer=_start_process_worker, initargs=(settings, version)) as pool:
        pending: deque = deque()
        for batch in batches:
            pending.append(pool.submit(_extract_in_process, batch))
            if len(pending) >= 2 * processes:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _batched(items: Iterable[ExtractionItem], size: int) -> Iterator[list[ExtractionItem]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
