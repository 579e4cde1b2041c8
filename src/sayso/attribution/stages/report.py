"""Stage ``report``: the ArticleReport, from what the stages before found.

Reads ``table``, ``work``, ``polnear_only``, ``entity_records``, ``events``, ``non_responses``, ``summary``, ``publisher``,
``meta``, ``warnings``.  Adds ``report``, which ends the walk.
"""

from __future__ import annotations

from sayso.attribution.context import ArticleContext
from sayso.records import ArticleReport


def run(ctx: ArticleContext) -> None:
    ctx.report = ArticleReport(
        text_length=len(ctx.table.text),  # the same text; Doc.text rebuilds it a Token at a time
        attributions=tuple(w.record for w in ctx.work),
        polnear_only=ctx.polnear_only,
        non_responses=tuple(ctx.non_responses),
        entities=ctx.entity_records,
        sourcing_summary=ctx.summary,
        events=ctx.events,
        publisher=ctx.publisher,
        publisher_evidence=ctx.publisher_evidence,
        published=ctx.meta.published,
        title=ctx.meta.title,
        warnings=tuple(ctx.warnings),
    )
