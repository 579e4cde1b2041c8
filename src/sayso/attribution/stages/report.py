"""Stage ``report``: the ArticleReport, from what the stages before found.

Reads ``work``, ``entities``, ``non_responses``, ``summary``, ``publisher``, ``meta``,
``warnings``.  Adds ``report``, which ends the walk.
"""

from __future__ import annotations

from sayso.attribution.context import ArticleContext
from sayso.attribution.entities import ArticleEntities
from sayso.attribution.table import TokenTable
from sayso.records import ArticleReport, Entity, Mention


def run(ctx: ArticleContext) -> None:
    ctx.report = ArticleReport(
        text_length=len(ctx.doc.text),
        attributions=tuple(w.record for w in ctx.work),
        non_responses=tuple(ctx.non_responses),
        entities=_entity_records(ctx.table, ctx.entities),
        sourcing_summary=ctx.summary,
        publisher=ctx.publisher,
        publisher_evidence=ctx.publisher_evidence,
        published=ctx.meta.published,
        title=ctx.meta.title,
        warnings=tuple(ctx.warnings),
    )


def _entity_records(t: TokenTable, ents: ArticleEntities) -> tuple[Entity, ...]:
    out = []
    for e in ents.entities:
        mentions = tuple(Mention(t.text[t.starts[a]:t.ends[b]], t.starts[a], t.ends[b]) for a, b in sorted(e.mentions))
        out.append(Entity(id=e.id, name=e.name, type=e.type, titles=tuple(e.titles), mentions=mentions))
    return tuple(out)
