"""Stage ``provenance``: each statement's route from the publisher to the speaker, its basis and
setting, and the article's events (sayso.attribution.provenance, sayso.attribution.events).

Reads ``table``, ``entities``, ``work`` (resolved and nested), ``publisher``, ``meta.published``.  Adds
``entity_records`` and ``events``, and replaces each work item's record
with the one provenance completed (its ``provenance``, ``setting``, and the ``chain`` and
``rests_on_anonymous`` read along the route: provenance is the only stage that sets them).
"""

from __future__ import annotations

from sayso.attribution.context import ArticleContext
from sayso.attribution.dates import published_date
from sayso.attribution.entities import ArticleEntities
from sayso.attribution.events import EventContext
from sayso.attribution.provenance import find_provenance
from sayso.attribution.table import TokenTable
from sayso.records import Entity, Mention


def run(ctx: ArticleContext) -> None:
    t = ctx.table
    ctx.entity_records = entity_records(t, ctx.entities)
    sentences = [(t.starts[a], t.ends[b]) for a, b in t.sent_bounds]
    attributions = [w.record for w in ctx.work]
    events = EventContext(t.text, sentences, ctx.entity_records, ctx.publisher, published_date(ctx.meta.published),
                          contents=[s for a in attributions for s in a.content.spans])
    result = find_provenance(t.text, sentences, attributions, ctx.entity_records, ctx.publisher, events)
    for w, record in zip(ctx.work, result.attributions, strict=True):
        w.record = record
    ctx.events = result.events


def entity_records(t: TokenTable, ents: ArticleEntities) -> tuple[Entity, ...]:
    """The report's Entity records, mentions as character offsets in text order."""
    out = []
    for e in ents.entities:
        mentions = tuple(Mention(t.text[t.starts[a]:t.ends[b]], t.starts[a], t.ends[b]) for a, b in sorted(e.mentions))
        out.append(Entity(id=e.id, name=e.name, type=e.type, titles=tuple(e.titles), mentions=mentions))
    return tuple(out)
