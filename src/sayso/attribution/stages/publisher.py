"""Stage ``publisher``: who published the article: the metadata's publisher, else the outlet that
refers to itself ("told The Daily Beast"), not one cited as a source or addressee.

Reads ``meta``, ``work``, ``entities``.  Adds ``publisher`` and ``publisher_evidence``.
"""

from __future__ import annotations

from sayso.attribution.context import ArticleContext
from sayso.attribution.publisher import infer_publisher


def run(ctx: ArticleContext) -> None:
    publisher, evidence = ctx.meta.publisher, None
    if publisher is None:
        relays = {w.speaker_id for w in ctx.work if w.speaker_id} | {
            w.addressee_id for w in ctx.work if w.addressee_id}
        inferred = infer_publisher(ctx.table, ctx.entities, {r for r in relays if r})
        if inferred:
            publisher, evidence = inferred
    ctx.publisher, ctx.publisher_evidence = publisher, evidence
