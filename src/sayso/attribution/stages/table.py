"""Stage ``table``: the parse as a token table; an article without tokens ends here.

Reads ``doc``, ``meta``.  Adds ``table``, or ``report`` (the empty report) when there is nothing to read.
"""

from __future__ import annotations

from sayso.attribution.context import ArticleContext
from sayso.attribution.table import build_table
from sayso.records import ArticleReport


def run(ctx: ArticleContext) -> None:
    ctx.table = build_table(ctx.doc)
    if not ctx.table.n:
        ctx.report = ArticleReport(text_length=len(ctx.doc.text), publisher=ctx.meta.publisher,
                                   published=ctx.meta.published, title=ctx.meta.title)
