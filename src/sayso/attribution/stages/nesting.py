"""Stage ``nesting``: ``nested_in``, the innermost attribution whose content holds this one's cue
(or, for a cue in a quotation over paragraphs, an earlier paragraph of it: ``extract.holds``).

Reads ``work``.  Adds each record's ``nested_in``.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import replace

from sayso.attribution.context import ArticleContext, AttributionWork
from sayso.attribution.extract import earlier_parts, holds
from sayso.attribution.table import TokenTable


def run(ctx: ArticleContext) -> None:
    t, work = ctx.table, ctx.work
    candidates = _candidates(t, work)
    parents: dict[str, str] = {}
    for i, w in enumerate(work):
        cue_start = w.record.cue.start
        # A quotation over paragraphs: its first part's attribution holds the later parts.
        quoted = t.quote[w.raw.cue_head] >= 0
        best: AttributionWork | None = None
        for j in sorted(candidates[i]):
            other = work[j]
            if other is w:
                continue
            according = other.record.cue_type == "according_to" and t.head[other.raw.cue_head] == w.raw.cue_head
            inside = any(s <= cue_start < e for s, e in other.record.content.spans) or (
                quoted and holds(t, other.raw, w.raw.cue_head))
            if not (inside or according):
                continue
            size = sum(e - s for s, e in other.record.content.spans)
            if best is None or size < sum(e - s for s, e in best.record.content.spans):
                best = other
        if best is not None:
            # Never a cycle: walk up from the candidate parent.
            p: str | None = best.record.id
            while p is not None and p != w.record.id:
                p = parents.get(p)
            if p is None:
                parents[w.record.id] = best.record.id
    for w in work:
        if w.record.id in parents:
            w.record = replace(w.record, nested_in=parents[w.record.id])


def _candidates(t: TokenTable, work: list[AttributionWork]) -> list[set[int]]:
    """For each attribution, the indices of every other that may hold it (a superset: ``run`` tests each).

    Testing every pair cost time in the square of the attributions (1,000 in a 200 KB text,
    docs/scale.md); an attribution holds another's cue only through a content span around it,
    a quotation part before it, or an "according to" on its cue, so those are looked up.
    """
    cue_chars = [w.record.cue.start for w in work]
    cue_heads = [w.raw.cue_head for w in work]
    by_char = _holding(((s, e, j) for j, o in enumerate(work) for s, e in o.record.content.spans), cue_chars)
    by_token = _holding(((x, y + 1, j) for j, o in enumerate(work) for x, y in o.raw.content), cue_heads)
    according: dict[int, set[int]] = {}
    for j, o in enumerate(work):
        if o.record.cue_type == "according_to":
            according.setdefault(t.head[o.raw.cue_head], set()).add(j)
    everyone = set(range(len(work)))
    out: list[set[int]] = []
    for w in work:
        k = w.raw.cue_head
        found = by_char[w.record.cue.start] | according.get(k, set())
        if t.quote[k] >= 0:
            # A quotation's earlier paragraph may be held by any content that overlaps it: rare, so all.
            found |= everyone if earlier_parts(t, k) else by_token[k]
        out.append(found)
    return out


def _holding(spans: Iterable[tuple[int, int, int]], points: list[int]) -> dict[int, set[int]]:
    """For each point, the owners of the half-open spans [start, end) that hold it: one sweep over both, sorted."""
    ordered = sorted(spans)
    active: list[tuple[int, int]] = []
    out: dict[int, set[int]] = {}
    n = 0
    for p in sorted(set(points)):
        while n < len(ordered) and ordered[n][0] <= p:
            heapq.heappush(active, (ordered[n][1], ordered[n][2]))
            n += 1
        while active and active[0][0] <= p:
            heapq.heappop(active)
        out[p] = {owner for _, owner in active}
    return out
