"""``paragraph_sentences``: a paragraph break always ends a sentence.

Headlines and crossheads often have no final full stop; without this the parser glues them to the
next paragraph and a claim inherits the wrong sentence.
"""

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc
