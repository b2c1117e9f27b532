"""Scores: exact-match shares and B-cubed clustering F1."""

from __future__ import annotations

import hashlib
from collections import defaultdict


def share(hits: int, total: int) -> float | None:
    return round(hits / total, 4) if total else None


def bcubed_f1(predicted: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of an item -> cluster assignment against a gold one."""
    items = sorted(set(predicted) & set(gold))
    if not items:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    by_predicted: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for item in items:
        by_predicted[predicted[item]].add(item)
        by_gold[gold[item]].add(item)
    precision = recall = 0.0
    for item in items:
        same_predicted = by_predicted[predicted[item]]
        same_gold = by_gold[gold[item]]
        overlap = len(same_predicted & same_gold)
        precision += overlap / len(same_predicted)
        recall += overlap / len(same_gold)
    precision /= len(items)
    recall /= len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def half_of(identifier: str) -> str:
    """A fixed split of a corpus into a development and a test half, by a hash of the item's id: rules are
    tuned looking at 'dev' and reported on 'test'."""
    return "dev" if int(hashlib.sha256(identifier.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "test"
