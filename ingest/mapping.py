"""Which field of an export holds what: ``--field text=body``, ``--date-order dmy`` and ``--mapping FILE.yaml``.

Without a mapping, readers look for the names news exports usually use (``FIELD_NAMES``). A mapping names the
column for a field outright (then only that column is read for it) and may say how a source writes numeric
dates. A mapping file holds one or more entries, each for the files its ``files`` glob matches (all files when
it has none)::

    sources:
      - files: "lemonde/*.csv"      # matched against the path below --articles, and the file name
        date_order: dmy
        fields: {text: corps, published: date_publication, source: site}
      - fields: {url: link}         # every file

Every matching entry applies, later ones over earlier ones, and the command line's ``--field`` and
``--date-order`` over the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path

import yaml

from ingest.errors import UserError
from ingest.published import DateOrder

# The names readers try for each field when no mapping names it, in order.
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("maintext", "text", "body", "content", "article", "full_text"),
    "title": ("title", "headline"),
    "published": ("date_publish", "published_at", "published", "publish_date", "date", "pubdate"),
    "source": ("source_domain", "source", "outlet", "domain", "publisher", "source_name"),
    "url": ("url", "link", "source_url"),
    "id": ("id", "article_id", "uuid", "doc_id"),
}


@dataclass(frozen=True)
class SourceMapping:
    """How the files ``files`` matches name their fields (None: every file)."""

    fields: dict[str, str] = field(default_factory=dict)  # field -> the export's column
    date_order: DateOrder | None = None
    files: str | None = None

    def names_for(self, field_name: str) -> tuple[str, ...]:
        """The columns to read a field from: the mapped one alone, or the usual names."""
        mapped = self.fields.get(field_name)
        return (mapped.lower(),) if mapped else FIELD_NAMES[field_name]

    def matches(self, path: Path, root: Path | None) -> bool:
        if self.files is None:
            return True
        relative = str(path.relative_to(root)) if root is not None and path.is_relative_to(root) else str(path)
        return fnmatch(relative, self.files) or fnmatch(path.name, self.files)


@dataclass(frozen=True)
class ReadOptions:
    """Every mapping in force, in the order they apply (the command line's last)."""

    mappings: tuple[SourceMapping, ...] = ()

    def for_file(self, path: Path, root: Path | None = None) -> SourceMapping:
        fields: dict[str, str] = {}
        order: DateOrder | None = None
        for mapping in self.mappings:
            if mapping.matches(path, root):
                fields.update(mapping.fields)
                order = mapping.date_order or order
        return SourceMapping(fields=fields, date_order=order)


def parse_field_option(value: str) -> tuple[str, str]:
    """``text=body`` as (field, column); the error names the fields there are."""
    name, sep, column = value.partition("=")
    name, column = name.strip().lower(), column.strip()
    if not sep or not column:
        raise UserError(f"--field {value!r} is not FIELD=COLUMN", f"for example --field text=body; fields: "
                        f"{', '.join(FIELD_NAMES)}")
    _check_field(name, f"--field {value!r}")
    return name, column


def _check_field(name: str, where: str) -> None:
    if name not in FIELD_NAMES:
        raise UserError(f"{where}: unknown field '{name}'", f"fields are {', '.join(FIELD_NAMES)}")


def _date_order(value: object, where: str) -> DateOrder | None:
    if value in (None, ""):
        return None
    try:
        return DateOrder(str(value).lower())
    except ValueError:
        raise UserError(f"{where}: date_order '{value}' is neither dmy nor mdy",
                        "dmy reads 03/12/2026 as 3 December, mdy as 12 March") from None


def load_mapping_file(path: Path) -> tuple[SourceMapping, ...]:
    """The entries of a mapping file, checked: a wrong key or field names the file and the entry."""
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise UserError(f"cannot read mapping file {path}: {error.strerror or error}", "check --mapping") from None
    except yaml.YAMLError as error:
        raise UserError(f"mapping file {path} is not valid YAML: {' '.join(str(error).split())}",
                        "see `python -m ingest build --help` for its shape") from None
    if document is None:
        return ()
    if not isinstance(document, dict):
        raise UserError(f"mapping file {path} is not a mapping", "write 'sources:' with a list of entries")
    entries = document.get("sources", [document])
    if not isinstance(entries, list):
        raise UserError(f"mapping file {path}: 'sources' is not a list", "write each entry as '- fields: ...'")
    return tuple(_entry(entry, f"mapping file {path}, entry {number}")
                 for number, entry in enumerate(entries, start=1))


def _entry(entry: object, where: str) -> SourceMapping:
    if not isinstance(entry, dict):
        raise UserError(f"{where} is not a mapping", "give it 'fields', 'date_order' or 'files'")
    unknown = sorted(set(map(str, entry)) - {"fields", "date_order", "files"})
    if unknown:
        raise UserError(f"{where}: unknown key '{unknown[0]}'", "keys are fields, date_order and files")
    fields = entry.get("fields") or {}
    if not isinstance(fields, dict):
        raise UserError(f"{where}: 'fields' is not a mapping", "write it as {text: body, published: pubDate}")
    for name in fields:
        _check_field(str(name).lower(), where)
    files = entry.get("files")
    return SourceMapping(fields={str(k).lower(): str(v) for k, v in fields.items()},
                         date_order=_date_order(entry.get("date_order"), where),
                         files=str(files) if files is not None else None)


def read_options(mapping_file: Path | None, field_options: list[str], date_order: str | None) -> ReadOptions:
    """The mappings of a command line: the file's entries, then --field and --date-order."""
    mappings = list(load_mapping_file(mapping_file)) if mapping_file else []
    if field_options or date_order:
        mappings.append(SourceMapping(fields=dict(parse_field_option(value) for value in field_options),
                                      date_order=_date_order(date_order, "--date-order")))
    return ReadOptions(tuple(mappings))
