"""Stage ``entities``: the article's people, organisations and outlets, and their mentions.

Reads ``table``, ``meta.published`` (it dates "the president").  Adds ``entities``.
"""

from __future__ import annotations

import re

from sayso.attribution.context import ArticleContext
from sayso.attribution.entities import find_entities


def run(ctx: ArticleContext) -> None:
    ctx.entities = find_entities(ctx.table, year=_year(ctx.meta.published))


def _year(published: str | None) -> int | None:
    """The year of a publication date ("2016-09-12", "12 September 2016"), if it names one."""
    m = re.search(r"\b(1[89]\d\d|20\d\d)\b", published or "")
    return int(m.group(1)) if m else None
