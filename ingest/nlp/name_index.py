"""Find the names of a long list (the gazetteer's ~125,000) in a Doc by their text.

What a PhraseMatcher on ORTH finds where the text spells the name as listed, without tokenising every name
first: that took about 10 s and 500 MB in every process that loads the pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span

# An upper bound on the tokens the tokenizer makes of a name: its words and its punctuation marks.
_PIECES = re.compile(r"\w+|[^\w\s]")


class NameIndex:
    def __init__(self, names: Iterable[str]) -> None:
        self.names = frozenset(name for name in names if name.strip())
        # the most tokens a name can run to, by its first word: most tokens start no name at all
        self.longest_from: dict[str, int] = {}
        for name in self.names:
            pieces = _PIECES.findall(name)
            if pieces:
                self.longest_from[pieces[0]] = max(self.longest_from.get(pieces[0], 0), len(pieces))

    def spans(self, doc: Doc, label: str = "") -> list[Span]:
        """Every run of tokens whose text is a listed name, overlapping ones included (as a matcher gives)."""
        text, found = doc.text, []
        for token in doc:
            first = _PIECES.match(token.text)
            longest = self.longest_from.get(first.group()) if first else None
            if longest is None:
                continue
            start = token.i
            for end in range(start + 1, min(start + longest, len(doc)) + 1):
                last = doc[end - 1]
                if text[token.idx:last.idx + len(last)] in self.names:
                    found.append(Span(doc, start, end, label=label))
        return found
