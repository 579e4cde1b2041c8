"""Stage ``reader_view``: finds only PolNeAR's scheme counts leave the reader's attributions.

Reads ``table``, ``work`` (resolved, with provenance), ``provenance_summary``.  Moves from ``work``
the finds a reader would not count (sayso.attribution.reader_view) and adds ``polnear_only``, each
with the rule that moved it; the summary's ``by_basis`` and ``rests_on`` and each event's
``statements`` are counted again over what stays (replacing ``provenance_summary`` and
``events``).  It runs after provenance, so the finds that stay are resolved as if nothing moved.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from sayso.attribution.context import ArticleContext
from sayso.attribution.provenance import basis_counts, rests_on_sentence
from sayso.attribution.reader_view import reader_rule
from sayso.records import PolnearOnly


def run(ctx: ArticleContext) -> None:
    kept, moved = [], []
    for w in ctx.work:
        rule = reader_rule(ctx.table, w.raw, w.record)
        if rule is None:
            kept.append(w)
        else:
            moved.append(PolnearOnly(rule=rule, attribution=w.record))
    ctx.work = kept
    ctx.polnear_only = tuple(moved)
    if moved:  # the summary's bases and the events' statements count what a reader sees
        records = [w.record for w in kept]
        ctx.provenance_summary = replace(ctx.provenance_summary, by_basis=basis_counts(records),
                                         rests_on=rests_on_sentence(records))
        said_in = Counter(a.setting for a in records if a.setting)
        ctx.events = tuple(replace(e, statements=said_in[e.id]) for e in ctx.events)
