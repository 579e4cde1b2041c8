"""Stage ``nesting``: ``nested_in``, the innermost attribution whose content holds this one's cue
(or, for a cue in a quotation over paragraphs, an earlier paragraph of it: ``extract.holds``).

Reads ``work``.  Adds each record's ``nested_in``.
"""

from __future__ import annotations

from dataclasses import replace

from sayso.attribution.context import ArticleContext, AttributionWork
from sayso.attribution.extract import holds


def run(ctx: ArticleContext) -> None:
    t, work = ctx.table, ctx.work
    parents: dict[str, str] = {}
    for w in work:
        cue_start = w.record.cue.start
        # A quotation over paragraphs: its first part's attribution holds the later parts.
        quoted = t.quote[w.raw.cue_head] >= 0
        best: AttributionWork | None = None
        for other in work:
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
