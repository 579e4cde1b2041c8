"""Keep spaCy's tokenizer linear on long runs of characters without a space.

spaCy's tokenizer strips prefixes and suffixes from each space-delimited run
one at a time, and each step searches the rest of the run again, so a run
of punctuation costs time in the square of its length: 4,000 quotation
marks took 1.9 s and 32,000 took 84 s, all of it before sayso's own time
budget starts (issue 31).  Ordinary text never has such runs: the longest in
PolNeAR's 924 articles is 87 characters (a URL in leftover markup).

``tokenize`` cuts every run longer than ``MAX_RUN_CHARS`` into pieces of
that length and tokenizes the pieces separately.  The pieces are joined
with no white space between them, so the Doc's text is the input text,
character for character, and every offset stays true; the only change is a
token boundary at each cut, inside text that is not prose (a URL over the
limit gains one boundary per cut, nothing else).  A text with no long run is
left to spaCy untouched.

The parse that follows is linear, but its memory is large: spaCy's tok2vec
holds about 15 KB a token at its peak (1.5 GB for 100,000 tokens), and text
of one token a character (punctuation again) would need 15 GB at the
1,000,000-character limit.  So a text that makes more than ``MAX_TOKENS``
tokens is refused, before the parse, with an InputError saying so.
``bench/tokenizer_guard.py`` measures the curve that fixes the threshold and
checks the time budget.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc

from sayso.errors import InputError

#: The longest run of non-space characters handed to spaCy's tokenizer in
#: one piece.  On runs of punctuation the tokenizer's cost per character is
#: about 3-5 microseconds up to 50 characters, then grows with the length:
#: 8-11 at 100, 16-50 at 200, 70-150 at 400 (bench/tokenizer_guard.py, runs
#: drawn at random so its cache does not help).  100 keeps every run in
#: PolNeAR whole; ``tokenize`` then costs 20-40 microseconds a character on
#: the shared test machine, join included, whatever the length: under 40 s
#: for a 1,000,000-character run, whose parse (one token a character) takes
#: minutes anyway.
MAX_RUN_CHARS = 100

#: The most tokens one article may make.  Prose makes about 5 characters a
#: token (PolNeAR dev), so 1,000,000 characters of it make 200,000: every
#: article of prose within the character limit passes, with room for
#: figures and tables, and the parse's peak memory stays under about 5 GB.
MAX_TOKENS = 300_000

# spaCy splits on the characters for which str.isspace() is true; so does \s.
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN_CHARS + 1},}}")


def long_runs(text: str) -> Iterator[tuple[int, int]]:
    """The (start, end) offsets of every run of non-space characters longer than ``MAX_RUN_CHARS``."""
    for m in _LONG_RUN.finditer(text):
        yield m.start(), m.end()


def cut_points(text: str) -> list[int]:
    """Where ``tokenize`` cuts ``text``: every ``MAX_RUN_CHARS`` characters inside each long run."""
    cuts: list[int] = []
    for start, end in long_runs(text):
        cuts.extend(range(start + MAX_RUN_CHARS, end, MAX_RUN_CHARS))
    return cuts


def tokenize(nlp: Language, text: str) -> Doc:
    """``text`` tokenized in linear time: by spaCy as usual, or piecewise where it holds long runs.

    The Doc's text is ``text``; ``nlp.pipe`` takes it as it is.  Raises InputError when the
    text makes more than ``MAX_TOKENS`` tokens.
    """
    cuts = cut_points(text)
    if not cuts:
        doc = nlp.make_doc(text)
    else:
        bounds = [0, *cuts, len(text)]
        pieces = [nlp.tokenizer(text[a:b]) for a, b in itertools.pairwise(bounds)]
        doc = Doc.from_docs(pieces, ensure_whitespace=False)
    if len(doc) > MAX_TOKENS:
        raise InputError(
            f"the text makes {len(doc):,} tokens ({len(text) / len(doc):.1f} characters a token, where "
            f"prose has about 5); sayso analyses at most {MAX_TOKENS:,} per article: remove the runs of "
            "punctuation or symbols, or split the text")
    return doc


__all__ = ["MAX_RUN_CHARS", "MAX_TOKENS", "cut_points", "long_runs", "tokenize"]
