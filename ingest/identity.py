"""Deterministic identities: the same text always gets the same IDs."""

from __future__ import annotations

import hashlib
import re

from datasketch import MinHash

MINHASH_SCHEME = "affine32"
_WORD = re.compile(r"\w+", re.UNICODE)


def content_hash(clean_text: str) -> str:
    """Hash of the normalised clean text: case, punctuation and spacing do not change it."""
    normalised = " ".join(_WORD.findall(clean_text.lower()))
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def article_id(content_hash_value: str) -> str:
    return f"art_{content_hash_value[:16]}"


def minhash_signature(clean_text: str, num_perm: int = 64, shingle: int = 5) -> list[int]:
    """A MinHash of word 5-shingles, for linking rewrites of one wire story."""
    words = _WORD.findall(clean_text.lower())
    signature = MinHash(num_perm=num_perm, seed=17)
    grams = {" ".join(words[i: i + shingle]) for i in range(max(1, len(words) - shingle + 1))}
    signature.update_batch([g.encode("utf-8") for g in grams])
    return [int(v) for v in signature.hashvalues]
