"""How an event's figures trace back to its reports, and a report's sentence with its claim marked."""

from __future__ import annotations

import html
import re

import pandas as pd

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|$~>])")


def escape_markdown(text: str) -> str:
    """Text shown literally inside Streamlit markdown (which would read ``$`` as maths and ``*`` as emphasis)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def highlighted_sentence(sentence: str, claim: str | None) -> str:
    """The sentence as a quotation with the claim's words marked; the claim is located in the sentence (the mart
    keeps both, and the claim is a slice of the same clean text)."""
    start = sentence.find(claim) if claim else -1
    if start < 0:
        return f"> {escape_markdown(sentence)}"
    end = start + len(claim)
    return (f"> {escape_markdown(sentence[:start])}<mark>{escape_markdown(sentence[start:end])}</mark>"
            f"{escape_markdown(sentence[end:])}")


def _is_set(value: object) -> bool:
    return value is not None and not pd.isna(value)


def figure_sources(event: dict[str, object], reports: pd.DataFrame) -> pd.DataFrame:
    """One row per outcome and bound (low, best, high): the event's figure and the reports that state it.

    A figure no single report states was reconciled from several (a range, a rising toll); then the row says so.
    """
    rows = []
    totals = reports[(reports["victim_group"] == "all") & ~reports["is_subset"].astype(bool)]
    for outcome in ("killed", "injured"):
        mine = totals[totals["outcome"] == outcome]
        for bound in ("low", "best", "high"):
            value = event[f"{outcome}_{bound}"]
            if not _is_set(value):
                open_range = bound == "high" and _is_set(event[f"{outcome}_low"])
                source = "open: 'at least' with no upper figure" if open_range else "no report gives a number"
            else:
                stating = mine[mine[f"count_{bound}"] == value]
                source = "; ".join(sorted({_cite(r) for r in stating.itertuples()})) or (
                    f"no report states it: reconciled from {len(mine)} report{'' if len(mine) == 1 else 's'}"
                    if len(mine) else "no report of the whole toll states it")
            rows.append({"outcome": outcome, "bound": bound, "figure": int(value) if _is_set(value) else None,
                         "given by": source})
    return pd.DataFrame(rows)


def _cite(report) -> str:
    published = report.published_date.isoformat() if report.published_date is not None else "undated"
    return f"{report.outlet or 'unknown outlet'} ({published}): \u201c{report.claim_text}\u201d"
