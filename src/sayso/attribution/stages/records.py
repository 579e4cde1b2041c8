"""Stage ``records``: an Attribution record per attribution found, numbered in text order.

Reads ``table``, ``attributions_found``.  Adds ``work`` (one AttributionWork per attribution,
which later stages fill in).
"""

from __future__ import annotations

from sayso.attribution.context import ArticleContext, AttributionWork
from sayso.attribution.table import TokenTable
from sayso.attribution.tokens import runs, text_span
from sayso.nlp.quotes import ALL_MARKS
from sayso.records import Attribution


def run(ctx: ArticleContext) -> None:
    t = ctx.table
    work = []
    for n, raw in enumerate(ctx.attributions_found, 1):
        source = text_span(t, [(raw.source[0], raw.source[-1])]) if raw.source else None
        record = Attribution(
            id=f"a{n}", cue=text_span(t, runs(raw.cue)), content=text_span(t, raw.content), source=source,
            kind=_kind(t, raw.content), cue_type=_cue_type(t, raw.cue_head),
            confidence=round(raw.cue_probability, 3),
        )
        work.append(AttributionWork(raw, record))
    ctx.work = work


def _kind(t: TokenTable, content: tuple[tuple[int, int], ...]) -> str:
    toks = [k for a, b in content for k in range(a, b + 1) if not t.is_punct[k] and not t.is_space[k]]
    if not toks:
        return "indirect"
    quoted = sum(1 for k in toks if t.quote[k] >= 0)
    if quoted == len(toks):
        return "direct"
    if quoted or any(ch in ALL_MARKS for a, b in content for ch in t.text[t.starts[a]:t.ends[b]]):
        return "mixed"
    return "indirect"


def _cue_type(t: TokenTable, c: int) -> str:
    if t.lower[c] == "according":
        return "according_to"
    if t.pos[c] == "PUNCT":
        return "punctuation"
    if t.pos[c] in ("NOUN", "PROPN"):
        return "noun"
    if t.pos[c] in ("VERB", "AUX"):
        return "verb"
    return "other"
