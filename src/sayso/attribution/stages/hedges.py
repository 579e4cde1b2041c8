"""Step ``hedges``: hedge words on the cue ("reportedly") and whether it was said on the record.

Reads the record's ``source_kind`` (an anonymous source is off the record).  Adds the record's
``hedges`` and ``on_record``.
"""

from __future__ import annotations

from dataclasses import replace

from sayso.attribution.context import ArticleContext, AttributionWork
from sayso.attribution.hedges import hedges, on_record
from sayso.records import ANONYMOUS_KINDS


def run(ctx: ArticleContext, w: AttributionWork) -> None:
    c = w.raw.cue_head
    anonymous = w.record.source_kind in ANONYMOUS_KINDS
    w.record = replace(w.record, hedges=hedges(ctx.table, c), on_record=on_record(ctx.table, c, anonymous))
