"""Find input files and read them into SourceRecords; anything unreadable becomes a Rejection.

One bad file or record never stops the others: every reader yields rejections instead of raising.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from charset_normalizer import from_bytes

from ingest import html_pages
from ingest.mapping import FIELD_NAMES, SourceMapping
from ingest.published import Published, parse_published
from ingest.records import Rejection, SourceRecord

SUPPORTED_SUFFIXES = {".txt", ".md", ".markdown", ".jsonl", ".ndjson", ".json", ".csv", ".html", ".htm"}
TEXT_FIELDS = FIELD_NAMES["text"]
TITLE_FIELDS = FIELD_NAMES["title"]
DATE_FIELDS = FIELD_NAMES["published"]
URL_FIELDS = FIELD_NAMES["url"]
CSV_DELIMITERS = (",", ";", "\t", "|")
# Line-oriented dumps are read record by record, so a news export of any size loads in the memory of one
# record; the size limit guards each record (line) of them and every other file as a whole.
STREAMED_SUFFIXES = {".jsonl", ".ndjson", ".csv"}
_CHUNK_BYTES = 1 << 16
_HEADER_LINE = re.compile(r"^(title|url|source|outlet|date|published|publish_date|author):\s*(.*)$", re.I)

ReadResult = SourceRecord | Rejection


def discover(path: Path) -> Iterator[Path]:
    """Every candidate file below a directory (recursive, sorted), or the file itself."""
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() or child.is_symlink():
                if child.name.startswith("."):
                    continue
                yield child
    else:
        yield path


_URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})([/-]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")


def date_from_url(url: str | None) -> date | None:
    """The day in a URL's path, as news sites write it ('/2024/10/31/', '/2024-10-31-', '/20241031/');
    None when the path names no whole date (a month alone is not a day)."""
    if not url:
        return None
    path = urlsplit(url).path
    for match in _URL_DATE.finditer(path):
        try:
            return date(int(match.group(1)), int(match.group(3)), int(match.group(4)))
        except ValueError:
            continue
    return None


def excerpt(data: bytes | str, limit: int = 200) -> str:
    if isinstance(data, bytes):
        data = data[:limit].decode("utf-8", errors="replace")
    return data[:limit]


def decode(data: bytes) -> tuple[str, str] | None:
    """UTF-8 first; otherwise the detected encoding, which is recorded. None for binary data."""
    if b"\x00" in data[:4096]:
        return None
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            return None
        return str(best), best.encoding


def read_path(path: Path, max_bytes: int, mapping: SourceMapping | None = None) -> Iterator[ReadResult]:
    """Every record of one file, read with the file's field mapping (the usual field names without one)."""
    uri = str(path)
    mapping = mapping or SourceMapping()
    if path.is_symlink() and not path.exists():
        yield Rejection(uri, None, "broken symlink", excerpt(str(path.readlink())))
        return
    suffixes = [s.lower() for s in path.suffixes]
    compressed = bool(suffixes) and suffixes[-1] == ".gz"
    kind = suffixes[-2] if compressed and len(suffixes) >= 2 else (suffixes[-1] if suffixes else "")
    if kind not in SUPPORTED_SUFFIXES:
        yield Rejection(uri, None, f"unsupported file type '{''.join(path.suffixes) or path.name}'", "")
        return
    if kind in STREAMED_SUFFIXES:
        yield from _read_streamed(path, kind, compressed, max_bytes, mapping)
        return
    size = path.stat().st_size
    if size > max_bytes:
        yield Rejection(uri, None, f"file of {size} bytes exceeds the limit of {max_bytes} bytes", "")
        return
    data = path.read_bytes()
    if compressed:
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as error:
            yield Rejection(uri, None, f"corrupt gzip: {error}", excerpt(data))
            return
    if not data.strip():
        yield Rejection(uri, None, "empty file", "")
        return
    decoded = decode(data)
    if decoded is None:
        yield Rejection(uri, None, "binary or undecodable content", excerpt(data))
        return
    text, encoding = decoded
    if not text.strip():  # only Unicode spaces and separators, which bytes.strip() leaves
        yield Rejection(uri, None, "empty file", excerpt(data))
        return
    produced = 0
    for result in _read_kind(kind, _Context(uri, encoding, mapping), text):
        produced += 1
        yield result
    if not produced:
        yield Rejection(uri, None, "no records in the file", excerpt(text))


def _read_streamed(path: Path, kind: str, compressed: bool, max_bytes: int,
                   mapping: SourceMapping) -> Iterator[ReadResult]:
    """A JSONL or CSV dump (or its .gz), line by line: the encoding is told from its first 64 KB, each
    line is decoded on its own (one undecodable line costs that line), and a line longer than max_bytes
    is rejected by number without being held."""
    uri = str(path)
    opener = gzip.open if compressed else open
    produced = 0
    head = b""
    try:
        with opener(path, "rb") as stream:
            head = stream.read(_CHUNK_BYTES)
            complete = len(head) < _CHUNK_BYTES
            if not head.strip() and complete:
                yield Rejection(uri, None, "empty file", "")
                return
            decoded = _decode_sample(head, complete)
            if decoded is None:
                yield Rejection(uri, None, "binary or undecodable content", excerpt(head))
                return
            text, encoding = decoded
            if not text.strip() and complete:
                yield Rejection(uri, None, "empty file", excerpt(head))
                return
            context = _Context(uri, encoding, mapping)
            lines = _LineStream(uri, head, stream, max_bytes, encoding)
            reader = _read_jsonl if kind in {".jsonl", ".ndjson"} else _read_csv
            for result in reader(context, lines, text):
                produced += 1
                yield result
    except (EOFError, zlib.error, gzip.BadGzipFile) as error:
        yield Rejection(uri, None, f"corrupt gzip: {error}", excerpt(head))
        return
    if not produced:
        yield Rejection(uri, None, "no records in the file", excerpt(head))


def _decode_sample(head: bytes, complete: bool) -> tuple[str, str] | None:
    """decode() for the first bytes of a longer stream, whose last character may be cut in two."""
    if not complete and b"\x00" not in head[:4096]:
        try:
            head.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            if error.start >= len(head) - 3:  # only the cut character fails: UTF-8
                return head[:error.start].decode("utf-8-sig"), "utf-8"
    return decode(head)


class _LineStream:
    """The decoded lines of a byte stream that starts with head, numbered from 1. A line longer than
    max_bytes is skipped unread and its number kept in ``oversized`` for the reader to reject."""

    def __init__(self, uri: str, head: bytes, stream, max_bytes: int, encoding: str) -> None:
        self.uri, self.head, self.stream, self.max_bytes, self.encoding = uri, head, stream, max_bytes, encoding
        self.number = 0
        self.oversized: list[int] = []

    def __iter__(self) -> Iterator[str]:
        for raw in self._byte_lines():
            self.number += 1
            if raw is None or len(raw) > self.max_bytes:
                self.oversized.append(self.number)
                yield "\n"
                continue
            yield self._decode(raw)

    def _decode(self, raw: bytes) -> str:
        encoding = "utf-8-sig" if self.number == 1 and self.encoding == "utf-8" else self.encoding
        try:
            return raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            decoded = decode(raw)
            return decoded[0] if decoded else raw.decode("utf-8", errors="replace")

    def _byte_lines(self) -> Iterator[bytes | None]:
        buffer, start = self.head, 0
        while True:
            newline = buffer.find(b"\n", start)
            if newline >= 0:
                yield buffer[start:newline + 1]
                start = newline + 1
                continue
            rest = buffer[start:]
            chunk = self.stream.read(_CHUNK_BYTES)
            if not chunk:
                if rest:
                    yield rest
                return
            if len(rest) > self.max_bytes:  # too long to hold: skip to the end of the line
                yield None
                while (newline := chunk.find(b"\n")) < 0:
                    chunk = self.stream.read(_CHUNK_BYTES)
                    if not chunk:
                        return
                buffer, start = chunk, newline + 1
                continue
            buffer, start = rest + chunk, 0

    def too_long(self) -> Iterator[Rejection]:
        """Rejections for the lines found too long since the last call."""
        while self.oversized:
            number = self.oversized.pop(0)
            yield Rejection(f"{self.uri}#{number}", number,
                            f"line {number} is longer than the limit of {self.max_bytes} bytes", "")


class _Context:
    """What every record of one file shares: where it came from, its encoding and its field mapping."""

    def __init__(self, uri: str, encoding: str, mapping: SourceMapping) -> None:
        self.uri, self.encoding, self.mapping = uri, encoding, mapping

    def where(self, number: int | None) -> str:
        return f"{self.uri}#{number}" if number is not None else self.uri

    def published(self, value: object) -> tuple[Published | None, str | None]:
        """The parsed date and the value as written (kept so that a date that could not be read is seen)."""
        if value is None or value == "":
            return None, None
        return parse_published(value, self.mapping.date_order), str(value)[:100]


def _read_kind(kind: str, context: _Context, text: str) -> Iterator[ReadResult]:
    if kind == ".json":
        yield from _read_json(context, text)
    elif kind in {".html", ".htm"}:
        yield _read_html(context, text)
    elif kind in {".md", ".markdown"}:
        yield _read_markdown(context, text)
    else:
        yield _read_txt(context, text)


def _field(record: dict, names: tuple[str, ...]) -> tuple[str | None, object]:
    """The first of names the record has a value for, and the value; (name, None) when the record has
    the field but it is empty; (None, None) when it has none of them."""
    lowered = {str(k).strip().lower(): v for k, v in record.items()}
    empty = None
    for name in names:
        if name not in lowered:
            continue
        value = lowered[name]
        if value is None or (isinstance(value, str) and not value.strip()):
            empty = empty or name
            continue
        return name, value
    return empty, None


def from_mapping(context: _Context, number: int | None, record: object) -> ReadResult:
    """A news-export record (news-please, generic text/body/content, or mapped fields) as a SourceRecord."""
    where = context.where(number)
    if not isinstance(record, dict):
        return Rejection(where, number, "record is not a JSON object", excerpt(json.dumps(record)[:200]))
    mapping = context.mapping
    text_name, text = _field(record, mapping.names_for("text"))
    if not isinstance(text, str) or not text.strip():
        return Rejection(where, number, _no_text_reason(record, mapping, text_name, text),
                         excerpt(json.dumps(record, default=str)))
    value = {name: _field(record, mapping.names_for(name))[1] for name in ("title", "url", "source", "id")}
    published, published_text = context.published(_field(record, mapping.names_for("published"))[1])
    return SourceRecord(
        source_uri=where,
        record_number=number,
        raw_text=text,
        title=str(value["title"]) if value["title"] else None,
        url=str(value["url"]) if value["url"] else None,
        source_name=str(value["source"]) if value["source"] else None,
        published_date=published.day if published else None,
        published_at=published.utc if published else None,
        published_text=published_text,
        external_id=str(value["id"]) if value["id"] is not None else None,
        encoding=context.encoding,
    )


def _no_text_reason(record: dict, mapping: SourceMapping, name: str | None, value: object) -> str:
    if name is not None and value is None:
        return f"record's text field '{name}' is empty"
    if name is not None:
        return f"record's text field '{name}' is not text ({type(value).__name__})"
    fields = ", ".join(sorted(map(str, record))[:12])
    looked = ", ".join(mapping.names_for("text"))
    hint = "" if "text" in mapping.fields else "; name it with --field text=COLUMN"
    return f"record has no text field (looked for {looked}; found {fields}){hint}"


def _read_jsonl(context: _Context, lines: _LineStream, head: str) -> Iterator[ReadResult]:
    for number, line in enumerate(lines, start=1):
        yield from lines.too_long()
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield Rejection(context.where(number), number, f"malformed JSON on line {number}: {error.msg}",
                            excerpt(line))
            continue
        yield from_mapping(context, number, record)
    yield from lines.too_long()


def _read_json(context: _Context, text: str) -> Iterator[ReadResult]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        yield Rejection(context.uri, None, f"malformed JSON at line {error.lineno}: {error.msg}", excerpt(text))
        return
    if isinstance(document, dict):
        for key in ("articles", "data", "results", "items", "records"):
            if isinstance(document.get(key), list):
                document = document[key]
                break
    if isinstance(document, list):
        for number, record in enumerate(document, start=1):
            yield from_mapping(context, number, record)
    else:
        yield from_mapping(context, None, document)


def csv_delimiter(text: str, text_columns: tuple[str, ...]) -> tuple[str, list[str]]:
    """The delimiter a CSV export uses, told from its header (Excel in European locales writes ';', some
    tools tab or '|'): the one whose header holds a text column, else the one that splits the header most."""
    best: tuple[str, list[str]] = (",", [])
    for delimiter in CSV_DELIMITERS:
        try:
            header = next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), [])
        except csv.Error:
            continue
        names = [name.strip().lower() for name in header]
        if any(name in text_columns for name in names):
            return delimiter, names
        if len(names) > len(best[1]):
            best = (delimiter, names)
    return best


def _read_csv(context: _Context, lines: _LineStream, head: str) -> Iterator[ReadResult]:
    text_columns = context.mapping.names_for("text")
    delimiter, header = csv_delimiter(head, text_columns)
    if not any(name in text_columns for name in header):
        shown = {"\t": "tab"}.get(delimiter, delimiter)
        yield Rejection(context.uri, None, f"CSV has no text column (looked for {', '.join(text_columns)}; "
                        f"header read with delimiter '{shown}' is {', '.join(header)})"
                        + ("" if "text" in context.mapping.fields else "; name it with --field text=COLUMN"),
                        excerpt(head))
        return
    reader = csv.DictReader(iter(lines), delimiter=delimiter)
    try:
        reader.fieldnames  # noqa: B018 - reads the header row
    except csv.Error as error:
        yield Rejection(context.uri, None, f"malformed CSV header: {error}", excerpt(head))
        return
    # Record numbers are the CSV line where a row starts (the header is line 1) so users can find the row.
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            yield from lines.too_long()
            return
        except csv.Error as error:  # the rest of the file cannot be split into rows reliably
            yield from lines.too_long()
            yield Rejection(context.where(start), start, f"malformed CSV from line {start}: {error}", excerpt(head))
            return
        yield from lines.too_long()
        yield from_mapping(context, start, row)
        start = reader.line_num + 1


def _read_txt(context: _Context, text: str) -> ReadResult:
    """Plain text with optional leading 'Key: value' header lines."""
    meta: dict[str, str] = {}
    lines = text.split("\n")
    index = 0
    while index < len(lines) and _HEADER_LINE.match(lines[index].strip()):
        key, value = _HEADER_LINE.match(lines[index].strip()).groups()
        meta[key.lower()] = value.strip()
        index += 1
    if meta and index < len(lines) and not lines[index].strip():
        index += 1
    body = "\n".join(lines[index:]) if meta else text
    if not body.strip():
        return Rejection(context.uri, None, "no article text after the header lines", excerpt(text))
    published, published_text = context.published(meta.get("date") or meta.get("published")
                                                   or meta.get("publish_date"))
    return SourceRecord(
        source_uri=context.uri,
        record_number=None,
        raw_text=body,
        title=meta.get("title"),
        url=meta.get("url"),
        source_name=meta.get("source") or meta.get("outlet"),
        published_date=published.day if published else None,
        published_at=published.utc if published else None,
        published_text=published_text,
        encoding=context.encoding,
    )


def _read_markdown(context: _Context, text: str) -> ReadResult:
    meta: dict = {}
    body = text
    if text.startswith("---"):
        parts = text.split("\n---", 1)
        if len(parts) == 2:
            try:
                loaded = yaml.safe_load(parts[0][3:])
            except yaml.YAMLError as error:
                return Rejection(context.uri, None, f"malformed YAML front matter: {error}", excerpt(text))
            meta = loaded if isinstance(loaded, dict) else {}
            body = parts[1].lstrip("-").lstrip("\n")
    if not body.strip():
        return Rejection(context.uri, None, "no article text after the front matter", excerpt(text))
    front = {str(k): v for k, v in meta.items() if str(k).lower() not in TEXT_FIELDS}
    return from_mapping(context, None, {**front, context.mapping.names_for("text")[0]: body})


def _read_html(context: _Context, text: str) -> ReadResult:
    import trafilatura

    tree = html_pages.parse(text)
    if tree is None:
        return Rejection(context.uri, None, "not an HTML document", excerpt(text))
    list_page = html_pages.page_shape(tree).list_page_reason()
    if list_page:
        return Rejection(context.uri, None, list_page, excerpt(text))
    extracted = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False)
    if extracted is None:
        return Rejection(context.uri, None, "no main text found in HTML", excerpt(text))
    data = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    body = data.get("text")
    if not body or not str(body).strip():
        return Rejection(context.uri, None, "no main text found in HTML", excerpt(text))
    url = html_pages.canonical_url(tree) or data.get("url")
    # trafilatura's own date may come from anywhere on the page (a footer's year); only declared dates count
    published, published_text = context.published(html_pages.declared_date(tree))
    return SourceRecord(
        source_uri=context.uri,
        record_number=None,
        raw_text=str(body),
        title=data.get("title"),
        url=url,
        source_name=data.get("sitename") or data.get("hostname"),
        published_date=published.day if published else None,
        published_at=published.utc if published else None,
        published_text=published_text,
        encoding=context.encoding,
    )
