"""Stage ``reader_view``: finds only PolNeAR's scheme counts leave the reader's attributions.

Reads ``table``, ``work`` (resolved, with provenance), ``events``.  Moves from ``work`` the finds
a reader would not count (sayso.attribution.reader_view) and adds ``polnear_only``, each with the
rule that moved it; each event's ``statements`` is counted again over what stays (the summary
stage counts the bases over ``work`` as it is left).  It runs after provenance, so the finds that
stay are resolved as if nothing moved.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from sayso.attribution.context import ArticleContext
from sayso.attribution.extract import RawAttribution
from sayso.attribution.reader_view import QUOTE_PARTS, reader_rule, told_in_parts
from sayso.kinds import RULE_NESTED_CONFIDENCE
from sayso.records import PolnearOnly


def run(ctx: ArticleContext) -> None:
    kept, moved = [], []
    parts: dict[int, list[RawAttribution]] = {}
    for w in ctx.work:
        if w.raw.cue_probability == RULE_NESTED_CONFIDENCE:
            parts.setdefault(w.raw.cue_head, []).append(w.raw)
    for w in ctx.work:
        split = told_in_parts(w.raw, parts.get(w.raw.cue_head, []))
        rule = QUOTE_PARTS if split else reader_rule(ctx.table, w.raw, w.record)
        if rule is None:
            kept.append(w)
        else:
            moved.append(PolnearOnly(rule=rule, attribution=w.record))
    ctx.work = kept
    ctx.polnear_only = tuple(moved)
    if moved:  # the events' statements count what a reader sees
        said_in = Counter(w.record.setting for w in kept if w.record.setting)
        ctx.events = tuple(replace(e, statements=said_in[e.id]) for e in ctx.events)
