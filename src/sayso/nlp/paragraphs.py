"""A paragraph break always ends a sentence.

The parser sometimes runs a sentence on across a paragraph break, most often
after a closing quotation mark ('... Hillary Clinton."' then a new paragraph
'Matt Lauer faced ...'), which makes the new paragraph's subject part of the
quotation's sentence.  Marking the first token after a break as a sentence
start before the parser runs keeps each paragraph's sentences its own (the
parser respects boundaries that are already set).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

NAME = "sayso_paragraph_breaks"


@Language.component(NAME)
def paragraph_breaks(doc: Doc) -> Doc:
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if (prev.is_space and "\n" in prev.text) or "\n" in prev.whitespace_:
            tok.is_sent_start = True
    return doc
