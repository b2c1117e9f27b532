"""Loader settings: defaults that a user can override on the command line."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import ingest
from ingest.mapping import ReadOptions
from ingest.nlp.pipeline import DEFAULT_MODEL
from ingest.reference import DEFAULT_REFERENCE_DIR


@dataclass(frozen=True)
class LoaderSettings:
    model_name: str = DEFAULT_MODEL
    reference_dir: Path = field(default=DEFAULT_REFERENCE_DIR)
    max_file_bytes: int = 50 * 1024 * 1024
    batch_size: int = 64
    processes: int = 0  # 0: one process for small inputs, two for large ones
    near_duplicate_threshold: float = 0.8
    full_refresh: bool = False
    extract_all: bool = False  # run NLP even on articles with no trigger or outcome word
    parse_every_sentence: bool = False  # parse sentences no conflict rule reads too (sentence_gate off)
    extra_pipes: tuple[str, ...] = ()  # "module:factory" components added after ours
    read_options: ReadOptions = field(default_factory=ReadOptions)  # field mappings and date orders
    exclusions: Path | None = None  # the exclusion list (python -m ingest remove writes it); None: no removals
    executor: str = "local"  # where extraction runs: "local" (a process pool) or "ray" (Ray Data, RAY_ADDRESS)

    def extractor_version(self) -> str:
        """Changes whenever the extraction code, the model or any reference CSV changes: a new version
        re-extracts every article on the next run."""
        options = (f"{ingest.__version__}|{self.model_name}|{self.extract_all}|{self.parse_every_sentence}|"
                   f"{self.extra_pipes}")
        digest = hashlib.sha256(options.encode())
        package = Path(ingest.__file__).resolve().parent
        for path in [*sorted((package / "nlp").glob("*.py")), package / "mentions.py",
                     *sorted(Path(self.reference_dir).glob("*.csv"))]:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
        return f"{ingest.__version__}-{digest.hexdigest()[:12]}"
