"""Stage ``non_responses``: "declined to comment", "did not respond to a request".

Reads ``table``.  Adds ``raw_non_responses`` (made records by the ``summary`` stage, once the
entities are final).
"""

from __future__ import annotations

from sayso.attribution.context import ArticleContext
from sayso.attribution.nonresponses import find_non_responses


def run(ctx: ArticleContext) -> None:
    ctx.raw_non_responses = find_non_responses(ctx.table)
