"""Which language an article is written in (lingua), so that English rules never run on other languages.

The candidates are the languages in ``seeds/reference/languages.csv``: lingua compares only those, which keeps
it fast and small. A text too short to tell, or one where no candidate is clearly ahead, gets no language
and is treated as English-compatible (extracted), since skipping is the costlier mistake.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

from ingest.errors import UserError
from ingest.reference import column, read_tables

LANGUAGES_FILE = "languages.csv"
SAMPLE_CHARS = 2000  # the opening of an article tells its language; the rest only costs time
MIN_LETTERS = 40
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


@dataclass(frozen=True)
class ArticleLanguages:
    detector: LanguageDetector
    min_confidence: float = 0.6

    @classmethod
    def from_reference(cls, reference_dir: str | Path) -> ArticleLanguages:
        codes = column(read_tables(reference_dir, (LANGUAGES_FILE,)), LANGUAGES_FILE, "iso_code")
        languages = []
        for code in codes:
            try:
                languages.append(Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())))
            except (AttributeError, ValueError):
                raise UserError(f"{Path(reference_dir) / LANGUAGES_FILE}: unknown ISO 639-1 code '{code}'",
                                "use a two-letter code lingua knows (en, uk, ru, ar, ...)") from None
        if len(languages) < 2:
            raise UserError(f"{Path(reference_dir) / LANGUAGES_FILE}: at least two languages are needed",
                            "list English and the languages your sources may use")
        return cls(LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build())

    def detect(self, text: str) -> str | None:
        """ISO 639-1 code of the text's language, or None when it cannot be told."""
        sample = text[:SAMPLE_CHARS]
        if len(_LETTER.findall(sample)) < MIN_LETTERS:
            return None
        values = self.detector.compute_language_confidence_values(sample)
        if not values or values[0].value < self.min_confidence:
            return None
        return values[0].language.iso_code_639_1.name.lower()


def pipeline_language(model_name: str) -> str:
    """The language a spaCy pipeline package is trained for (its meta.json), e.g. 'en'."""
    import spacy.util

    try:
        return str(spacy.util.get_model_meta(spacy.util.get_package_path(model_name))["lang"])
    except (OSError, KeyError, ImportError, ModuleNotFoundError):
        return model_name.split("_", 1)[0]
