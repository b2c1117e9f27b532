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
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from charset_normalizer import from_bytes

from ingest.records import Rejection, SourceRecord

SUPPORTED_SUFFIXES = {".txt", ".md", ".markdown", ".jsonl", ".ndjson", ".json", ".csv", ".html", ".htm"}
TEXT_FIELDS = ("maintext", "text", "body", "content", "article", "full_text")
TITLE_FIELDS = ("title", "headline")
DATE_FIELDS = ("date_publish", "published_at", "published", "publish_date", "date", "pubdate")
SOURCE_FIELDS = ("source_domain", "source", "outlet", "domain", "publisher", "source_name")
URL_FIELDS = ("url", "link", "source_url")
ID_FIELDS = ("id", "article_id", "uuid", "doc_id")
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


def parse_date(value: object) -> date | None:
    """Dates as news exports write them: ISO dates or timestamps, with or without a zone."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return _epoch_date(value)
    text = str(value).strip()
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    if match:
        try:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            return None
    for fmt in ("%d %B %Y", "%B %d, %Y", "%d/%m/%Y", "%m/%d/%Y", "%Y/%m/%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _epoch_date(value: float) -> date | None:
    """A Unix timestamp in seconds or milliseconds between 1973 and 2096; anything else is not a date."""
    seconds = value / 1000 if 10**11 < value < 4 * 10**12 else value
    if not 10**8 < seconds < 4 * 10**9:
        return None
    return datetime.fromtimestamp(seconds, UTC).date()


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


def read_path(path: Path, max_bytes: int) -> Iterator[ReadResult]:
    uri = str(path)
    if path.is_symlink() and not path.exists():
        yield Rejection(uri, None, "broken symlink", excerpt(str(path.readlink())))
        return
    suffixes = [s.lower() for s in path.suffixes]
    compressed = bool(suffixes) and suffixes[-1] == ".gz"
    kind = suffixes[-2] if compressed and len(suffixes) >= 2 else (suffixes[-1] if suffixes else "")
    if kind not in SUPPORTED_SUFFIXES:
        yield Rejection(uri, None, f"unsupported file type '{''.join(path.suffixes) or path.name}'", "")
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
    for result in _read_kind(kind, uri, text, encoding):
        produced += 1
        yield result
    if not produced:
        yield Rejection(uri, None, "no records in the file", excerpt(text))


def _read_kind(kind: str, uri: str, text: str, encoding: str) -> Iterator[ReadResult]:
    if kind in {".jsonl", ".ndjson"}:
        yield from _read_jsonl(uri, text, encoding)
    elif kind == ".json":
        yield from _read_json(uri, text, encoding)
    elif kind == ".csv":
        yield from _read_csv(uri, text, encoding)
    elif kind in {".html", ".htm"}:
        yield _read_html(uri, text, encoding)
    elif kind in {".md", ".markdown"}:
        yield _read_markdown(uri, text, encoding)
    else:
        yield _read_txt(uri, text, encoding)


def _first(record: dict, names: tuple[str, ...]) -> object:
    lowered = {str(k).lower(): v for k, v in record.items()}
    for name in names:
        value = lowered.get(name)
        if value not in (None, ""):
            return value
    return None


def from_mapping(uri: str, number: int | None, record: object, encoding: str) -> ReadResult:
    """A news-export record (news-please, generic text/body/content) as a SourceRecord."""
    where = f"{uri}#{number}" if number is not None else uri
    if not isinstance(record, dict):
        return Rejection(where, number, "record is not a JSON object", excerpt(json.dumps(record)[:200]))
    text = _first(record, TEXT_FIELDS)
    if not isinstance(text, str) or not text.strip():
        fields = ", ".join(sorted(map(str, record))[:12])
        return Rejection(where, number, f"record has no text (looked for {', '.join(TEXT_FIELDS)}; found {fields})",
                         excerpt(json.dumps(record, default=str)))
    title = _first(record, TITLE_FIELDS)
    url = _first(record, URL_FIELDS)
    source = _first(record, SOURCE_FIELDS)
    external = _first(record, ID_FIELDS)
    return SourceRecord(
        source_uri=where,
        record_number=number,
        raw_text=text,
        title=str(title) if title else None,
        url=str(url) if url else None,
        source_name=str(source) if source else None,
        published_date=parse_date(_first(record, DATE_FIELDS)),
        external_id=str(external) if external is not None else None,
        encoding=encoding,
    )


def _read_jsonl(uri: str, text: str, encoding: str) -> Iterator[ReadResult]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield Rejection(f"{uri}#{number}", number, f"malformed JSON on line {number}: {error.msg}", excerpt(line))
            continue
        yield from_mapping(uri, number, record, encoding)


def _read_json(uri: str, text: str, encoding: str) -> Iterator[ReadResult]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        yield Rejection(uri, None, f"malformed JSON at line {error.lineno}: {error.msg}", excerpt(text))
        return
    if isinstance(document, dict):
        for key in ("articles", "data", "results", "items", "records"):
            if isinstance(document.get(key), list):
                document = document[key]
                break
    if isinstance(document, list):
        for number, record in enumerate(document, start=1):
            yield from_mapping(uri, number, record, encoding)
    else:
        yield from_mapping(uri, None, document, encoding)


def _read_csv(uri: str, text: str, encoding: str) -> Iterator[ReadResult]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = [str(name).lower() for name in (reader.fieldnames or [])]
    except csv.Error as error:
        yield Rejection(uri, None, f"malformed CSV header: {error}", excerpt(text))
        return
    if not any(name in header for name in TEXT_FIELDS):
        yield Rejection(uri, None, f"CSV has no text column (looked for {', '.join(TEXT_FIELDS)}; header is "
                        f"{', '.join(header)})", excerpt(text))
        return
    # Record numbers are the CSV line where a row starts (the header is line 1) so users can find the row.
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:  # the rest of the file cannot be split into rows reliably
            yield Rejection(f"{uri}#{start}", start, f"malformed CSV from line {start}: {error}", excerpt(text))
            return
        yield from_mapping(uri, start, row, encoding)
        start = reader.line_num + 1


def _read_txt(uri: str, text: str, encoding: str) -> ReadResult:
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
        return Rejection(uri, None, "no article text after the header lines", excerpt(text))
    return SourceRecord(
        source_uri=uri,
        record_number=None,
        raw_text=body,
        title=meta.get("title"),
        url=meta.get("url"),
        source_name=meta.get("source") or meta.get("outlet"),
        published_date=parse_date(meta.get("date") or meta.get("published") or meta.get("publish_date")),
        encoding=encoding,
    )


def _read_markdown(uri: str, text: str, encoding: str) -> ReadResult:
    meta: dict = {}
    body = text
    if text.startswith("---"):
        parts = text.split("\n---", 1)
        if len(parts) == 2:
            try:
                loaded = yaml.safe_load(parts[0][3:])
            except yaml.YAMLError as error:
                return Rejection(uri, None, f"malformed YAML front matter: {error}", excerpt(text))
            meta = loaded if isinstance(loaded, dict) else {}
            body = parts[1].lstrip("-").lstrip("\n")
    if not body.strip():
        return Rejection(uri, None, "no article text after the front matter", excerpt(text))
    record = from_mapping(uri, None, {**{str(k): v for k, v in meta.items()}, "text": body}, encoding)
    return record


def _read_html(uri: str, text: str, encoding: str) -> ReadResult:
    import trafilatura

    extracted = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False)
    if extracted is None:
        return Rejection(uri, None, "no main text found in HTML", excerpt(text))
    data = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    body = data.get("text")
    if not body or not str(body).strip():
        return Rejection(uri, None, "no main text found in HTML", excerpt(text))
    return SourceRecord(
        source_uri=uri,
        record_number=None,
        raw_text=str(body),
        title=data.get("title"),
        url=data.get("url"),
        source_name=data.get("sitename") or data.get("hostname"),
        published_date=parse_date(data.get("date")),
        encoding=encoding,
    )
