"""Check the reference CSVs before a build writes anything.

The seeds' properties file (``_reference__seeds.yml``, which dbt also reads) is the schema: every column it
documents must be in the file's header, every row must have as many fields as the header, values must be UTF-8,
and a column with a ``not_null`` or ``unique`` test must hold no empty or repeated value. A bad edit is named by
file, line and column, so the analyst who made it can find it; dbt would otherwise fail much later, or the
extractor with a bare ``KeyError``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import yaml

from ingest.errors import UserError
from ingest.reference import DEFAULT_REFERENCE_DIR

PROPERTIES_FILE = "_reference__seeds.yml"


@dataclass(frozen=True)
class ColumnRule:
    name: str
    not_null: bool
    unique: bool


class ReferenceFileError(UserError):
    def __init__(self, path: Path, line: int | None, problem: str, column: str | None = None) -> None:
        where = f"{path}" + (f", line {line}" if line else "") + (f", column '{column}'" if column else "")
        super().__init__(f"bad reference file {where}: {problem}",
                         "fix the file (the seeds' properties file lists each file's columns) and build again")
        self.path, self.line, self.column = path, line, column


def expected_columns(properties: Path) -> dict[str, list[ColumnRule]]:
    """File name -> the columns the properties file documents for it, with their null/unique tests."""
    seeds = yaml.safe_load(properties.read_text(encoding="utf-8")).get("seeds", [])
    return {f"{seed['name']}.csv": [_rule(column) for column in seed.get("columns", [])] for seed in seeds}


def _rule(column: dict) -> ColumnRule:
    tests = [test if isinstance(test, str) else next(iter(test)) for test in column.get("data_tests", []) or []]
    return ColumnRule(column["name"], "not_null" in tests, "unique" in tests)


def check_reference_dir(reference_dir: Path | str) -> int:
    """Raise ``ReferenceFileError`` at the first problem; returns the number of files checked."""
    directory = Path(reference_dir)
    properties = directory / PROPERTIES_FILE
    if not properties.exists():
        properties = DEFAULT_REFERENCE_DIR / PROPERTIES_FILE
    if not directory.is_dir():
        raise UserError(f"reference folder not found: {directory}", "pass --reference-dir a folder of reference CSVs")
    schema = expected_columns(properties)
    for name, rules in schema.items():
        check_reference_file(directory / name, rules)
    return len(schema)


def check_reference_file(path: Path, rules: list[ColumnRule]) -> None:
    if not path.exists():
        raise ReferenceFileError(path, None, "file missing")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        raise ReferenceFileError(path, line, "not UTF-8 text (save it as UTF-8)") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        rows = [(reader.line_num, row) for row in reader]
    except csv.Error as error:
        raise ReferenceFileError(path, reader.line_num, f"not readable as CSV: {error}") from None
    if not rows:
        raise ReferenceFileError(path, 1, "empty file: the header line is missing")
    header = [cell.strip() for cell in rows[0][1]]
    for rule in rules:
        if rule.name not in header:
            raise ReferenceFileError(path, 1, f"no column '{rule.name}' in the header ({', '.join(header)})")
    seen: dict[str, dict[str, int]] = {rule.name: {} for rule in rules if rule.unique}
    for line, row in rows[1:]:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise ReferenceFileError(path, line, f"{len(row)} fields where the header has {len(header)} "
                                                 "(a missing or extra comma, or an unquoted comma in a value)")
        values = dict(zip(header, (cell.strip() for cell in row), strict=True))
        for rule in rules:
            value = values[rule.name]
            if rule.not_null and not value:
                raise ReferenceFileError(path, line, "empty, but every row needs a value", rule.name)
            if rule.unique:
                first = seen[rule.name].setdefault(value, line)
                if first != line:
                    raise ReferenceFileError(path, line, f"'{value}' repeats line {first}; values must be unique",
                                             rule.name)
