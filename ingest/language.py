"""Which language an article is written in (lingua), so that English rules never run on other languages.

The question that matters is "can the English rules read this?", so English is recognised first by its function
words (spaCy's English stop words make up a fifth to a half of any English prose, and almost none of a text in
another language); lingua then names the other languages, among those in ``seeds/reference/languages.csv``
(comparing only those keeps it fast and small). Lingua alone, on a short English note full of foreign place and
group names ("AMISOM forces clash with al Shabaab, retake Goof Guduud"), answers Somali or French. A text too
short to tell, or one where no candidate is clearly ahead, gets no language and is extracted: skipping an
English article is the costlier mistake.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder
from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH_STOP_WORDS

from ingest.errors import UserError
from ingest.reference import column, read_tables

LANGUAGES_FILE = "languages.csv"
SAMPLE_CHARS = 2000  # the opening of an article tells its language; the rest only costs time
MIN_WORDS = 12
ENGLISH_FUNCTION_WORD_SHARE = 0.15
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


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
        words = _WORD.findall(sample.lower())
        if len(words) < MIN_WORDS:
            return None
        if sum(word in ENGLISH_STOP_WORDS for word in words) >= ENGLISH_FUNCTION_WORD_SHARE * len(words):
            return "en"
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
