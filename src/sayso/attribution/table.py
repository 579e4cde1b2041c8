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

from sayso.nlp.pos import pos_map
from sayso.nlp.quotes import Quote, find_quotes


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
    starts = [t.idx for t in doc]
    ends = [t.idx + len(t.text) for t in doc]
    head = [t.head.i for t in doc]
    children: list[list[int]] = [[] for _ in range(n)]
    for i, h in enumerate(head):
        if h != i:
            children[h].append(i)
    sent = [0] * n
    sent_bounds = []
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        for k, s in enumerate(doc.sents):
            sent_bounds.append((s.start, s.end - 1))
            for i in range(s.start, s.end):
                sent[i] = k
    elif n:
        sent_bounds.append((0, n - 1))
    para = [0] * n
    p = 0
    for i, t in enumerate(doc):
        para[i] = p
        if "\n" in t.text or "\n" in t.whitespace_:
            p += 1
    quotes = find_quotes(text)
    quote = [-1] * n
    quote_tokens = []
    for qn, q in enumerate(quotes):
        a = bisect.bisect_right(ends, q.start)
        b = bisect.bisect_left(starts, q.end) - 1
        quote_tokens.append((a, b))
        for i in range(a, b + 1):
            quote[i] = qn
    words = [t.text for t in doc]
    lower = [t.lower_ for t in doc]
    tag = [t.tag_ for t in doc]
    dep = [t.dep_ for t in doc]
    is_space = [t.is_space for t in doc]
    # The coarse tags come from the tag map, not from the attribute_ruler (see sayso.nlp.pos).
    pm = pos_map()
    pos = [pm.pos(lower[i], tag[i], dep[i], dep[i - 1] if i else "", is_space[i]) for i in range(n)]
    return TokenTable(
        text=text, n=n, starts=starts, ends=ends,
        words=words, lower=lower, pos=pos, tag=tag, dep=dep,
        head=head, ent=[t.ent_type_ for t in doc], ent_iob=[t.ent_iob_ for t in doc],
        is_punct=[t.is_punct for t in doc], is_space=is_space,
        sent=sent, sent_bounds=sent_bounds, para=para, quote=quote, quotes=quotes,
        quote_tokens=quote_tokens, children=children,
    )
