"""A flat, read-only view of a parsed Doc that the extractors share.

Reading token attributes from spaCy one by one is slow in Python; the
extractors read each attribute many times, so they are copied out once into
plain lists here.  Quote regions and paragraphs are added, which spaCy does
not know about.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

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


def build_table(doc: Doc) -> TokenTable:
    text = doc.text
    n = len(doc)
    starts: list[int] = []
    ends: list[int] = []
    words: list[str] = []
    lower: list[str] = []
    tag: list[str] = []
    dep: list[str] = []
    head: list[int] = []
    ent: list[str] = []
    ent_iob: list[str] = []
    is_punct: list[bool] = []
    is_space: list[bool] = []
    para = [0] * n
    p = 0
    # Relative head offsets come back as uint64: reinterpret them as signed.
    rel_heads = doc.to_array("HEAD").view("int64").tolist() if n else []
    # One pass over the Doc: creating Token objects is the expensive part.
    for i, tok in enumerate(doc):
        w = tok.text
        starts.append(tok.idx)
        ends.append(tok.idx + len(w))
        words.append(w)
        lower.append(tok.lower_)
        tag.append(tok.tag_)
        dep.append(tok.dep_)
        head.append(i + int(rel_heads[i]))
        ent.append(tok.ent_type_)
        ent_iob.append(tok.ent_iob_)
        is_punct.append(tok.is_punct)
        is_space.append(tok.is_space)
        para[i] = p
        if "\n" in w or "\n" in tok.whitespace_:
            p += 1
    children: list[list[int]] = [[] for _ in range(n)]
    for i, h in enumerate(head):
        if h != i:
            children[h].append(i)
    sent = [0] * n
    sent_bounds = []
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        for k, s in enumerate(doc.sents):
            sent_bounds.append((s.start, s.end - 1))
            sent[s.start:s.end] = [k] * (s.end - s.start)
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
    pos = [pm.pos(lower[i], tag[i], dep[i], dep[i - 1] if i else "", is_space[i]) for i in range(n)]
    return TokenTable(
        text=text, n=n, starts=starts, ends=ends, words=words, lower=lower, pos=pos, tag=tag, dep=dep,
        head=head, ent=ent, ent_iob=ent_iob, is_punct=is_punct, is_space=is_space,
        sent=sent, sent_bounds=sent_bounds, para=para, quote=quote, quotes=quotes,
        quote_tokens=quote_tokens, children=children, sent_has_quote=sent_has_quote,
        quote_first=[a for a, _ in quote_tokens], quote_last=[b for _, b in quote_tokens],
        zones=tuple(zones), body_token=next((i for i in range(n) if starts[i] >= body_start(zones)), n),
    )
