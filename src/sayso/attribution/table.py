"""A flat, read-only view of a parsed Doc that the extractors share.

Reading token attributes from spaCy one by one is slow in Python; the
extractors read each attribute many times, so they are copied out once into
plain lists here.  Quote regions and paragraphs are added, which spaCy does
not know about.
"""

from __future__ import annotations

import bisect
import sys
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from spacy.tokens import Doc

from sayso.attribution.zones import Zone, body_start, text_zones
from sayso.nlp.pos import pos_map
from sayso.nlp.quotes import Quote, find_quotes

#: Dash tokens: a spaced one sets off a dateline ("BRUSSELS - ") or an aside.
DASHES = frozenset({"-", "--", "\u2014", "\u2013"})


@dataclass(frozen=True, slots=True)
class TokenTable:
    text: str
    n: int
    starts: list[int]
    ends: list[int]
    words: list[str]
    lower: list[str]
    pos: list[str]
    tag: list[str]
    dep: list[str]
    head: list[int]
    ent: list[str]
    ent_iob: list[str]
    is_punct: list[bool]
    is_space: list[bool]
    sent: list[int]
    sent_bounds: list[tuple[int, int]]
    para: list[int]
    quote: list[int]
    quotes: list[Quote]
    quote_tokens: list[tuple[int, int]]
    children: list[list[int]]
    sent_has_quote: list[bool]
    quote_first: list[int]  # first token of each quote, ascending
    quote_last: list[int]  # last token of each quote, ascending
    #: The headline and dek (sayso.attribution.zones), and the first token of the body.
    zones: tuple[Zone, ...] = ()
    body_token: int = 0
    #: What the features derive from the table once for all its cues (``features.table_numbers``).
    scratch: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def quotes_near(self, lo: int, hi: int) -> range:
        """Indices of the quotes whose tokens overlap tokens lo..hi (quotes are in text order)."""
        first = bisect.bisect_left(self.quote_last, lo)
        last = bisect.bisect_right(self.quote_first, hi)
        return range(first, max(first, last))

    def span_chars(self, i: int, j: int) -> tuple[int, int]:
        """Character span of tokens i..j (inclusive)."""
        return (self.starts[i], self.ends[j])

    def token_at(self, char: int) -> int:
        """Index of the token that contains or follows character ``char``."""
        return min(bisect.bisect_right(self.ends, char), self.n - 1)

    def subtree(self, i: int) -> list[int]:
        out, stack = [], [i]
        while stack:
            k = stack.pop()
            out.append(k)
            stack.extend(self.children[k])
        out.sort()
        return out


#: Token attributes that ``build_table`` copies out of the Doc in one ``Doc.to_array`` call.
_ATTRS = ("IDX", "ORTH", "SPACY", "LOWER", "TAG", "DEP", "ENT_TYPE", "ENT_IOB", "IS_PUNCT", "IS_SPACE", "HEAD",
          "SENT_START")
#: Token.ent_iob_ of each ENT_IOB value.
_IOB = ("", "I", "O", "B")


#: The string of each StringStore hash met (a hash is its string's, whichever the vocabulary), up to
#: _MAX_STRINGS; looking a hash up in the StringStore costs several times more.
_STRING_OF: dict[int, str] = {}
_MAX_STRINGS = 500_000


def _strings(doc: Doc, hashes: np.ndarray) -> list[str]:
    """The string of each hash, looked up once per distinct hash.

    One object per string across articles (interned, and remembered by hash).
    """
    distinct, inverse = np.unique(hashes, return_inverse=True)
    keys = distinct.tolist()
    known = _STRING_OF
    found = list(map(known.get, keys))
    if None in found:
        if len(known) > _MAX_STRINGS:
            known.clear()
        store = doc.vocab.strings
        for j, s in enumerate(found):
            if s is None:
                found[j] = known[keys[j]] = sys.intern(store[keys[j]])
    return np.array(found, dtype=object)[inverse].tolist()


def build_table(doc: Doc) -> TokenTable:
    n = len(doc)
    # One Doc.to_array call: making a Token object per word and attribute was most of the cost.
    attrs = doc.to_array(list(_ATTRS)) if n else np.zeros((0, len(_ATTRS)), dtype=np.uint64)
    col = {name: attrs[:, j] for j, name in enumerate(_ATTRS)}
    starts: list[int] = col["IDX"].tolist()
    words = _strings(doc, col["ORTH"])
    # Doc.text is each token's text and its trailing space (a Token object per word); the same from the array.
    text = "".join([w + " " if space else w for w, space in zip(words, col["SPACY"].tolist())])
    ends = [s + len(w) for s, w in zip(starts, words)]
    lower = _strings(doc, col["LOWER"])
    tag = _strings(doc, col["TAG"])
    dep = _strings(doc, col["DEP"])
    ent = _strings(doc, col["ENT_TYPE"])
    ent_iob = [_IOB[v] for v in col["ENT_IOB"].tolist()]
    is_punct = col["IS_PUNCT"].astype(bool).tolist()
    is_space = col["IS_SPACE"].astype(bool).tolist()
    # Relative head offsets come back as uint64: reinterpret them as signed.
    head = (np.arange(n, dtype=np.int64) + col["HEAD"].view(np.int64)).tolist()
    # A new paragraph after every token holding a line break (Token.whitespace_ is at most a space).
    breaks = np.fromiter(("\n" in w for w in words), dtype=bool, count=n)
    para = np.concatenate(([0], np.cumsum(breaks[:-1]))).tolist() if n else []
    children: list[list[int]] = [[] for _ in range(n)]
    for i, h in enumerate(head):
        if h != i:
            children[h].append(i)
    sent = [0] * n
    sent_bounds = []
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        if "sents" in doc.user_hooks:
            firsts = [s.start for s in doc.sents]
        else:
            # Doc.sents without its Span objects: a sentence starts at token 0 and where SENT_START is 1.
            firsts = [0, *(np.flatnonzero(col["SENT_START"][1:] == 1) + 1).tolist()] if n else []
        for k, (s0, s1) in enumerate(zip(firsts, [*firsts[1:], n])):
            sent_bounds.append((s0, s1 - 1))
            sent[s0:s1] = [k] * (s1 - s0)
    elif n:
        sent_bounds.append((0, n - 1))
    quotes = find_quotes(text)
    quote = [-1] * n
    quote_tokens = []
    for qn, q in enumerate(quotes):
        a = bisect.bisect_right(ends, q.start)
        b = bisect.bisect_left(starts, q.end) - 1
        quote_tokens.append((a, b))
        for i in range(a, b + 1):
            quote[i] = qn
    sent_has_quote = [False] * len(sent_bounds)
    for i in range(n):
        if quote[i] >= 0:
            sent_has_quote[sent[i]] = True
    # The coarse tags come from the tag map, not from the attribute_ruler (see sayso.nlp.pos).
    pm = pos_map()
    zones = text_zones(text)
    pos = pm.tags(lower, tag, dep, is_space)
    return TokenTable(
        text=text, n=n, starts=starts, ends=ends, words=words, lower=lower, pos=pos, tag=tag, dep=dep,
        head=head, ent=ent, ent_iob=ent_iob, is_punct=is_punct, is_space=is_space,
        sent=sent, sent_bounds=sent_bounds, para=para, quote=quote, quotes=quotes,
        quote_tokens=quote_tokens, children=children, sent_has_quote=sent_has_quote,
        quote_first=[a for a, _ in quote_tokens], quote_last=[b for _, b in quote_tokens],
        zones=tuple(zones), body_token=bisect.bisect_left(starts, body_start(zones)),
    )
