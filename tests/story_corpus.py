"""A small corpus of one real story for the story and relay tests: the articles of
tests/fresh/dev on Trump and the nuclear bombs in hurricanes (August 2019, five outlets, most of
them relaying Axios), analysed in fast mode (these tests are about pages and counts, not the engine).

``reports()`` analyses them once per test session; ``build(url)`` stores them in a fresh store
and derives entities and claims, as ``sayso ingest`` would.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "fresh" / "dev"
STORY = "trump-nuke-hurricanes-2019"
FAST = "fast"


@cache
def reports() -> tuple[tuple[Any, Any], ...]:
    """(article, report) for each of the story's articles, by file name."""
    from sayso.eval.fresh import load_fresh
    from sayso.pipeline import Article, analyze_many

    arts = [a for a in load_fresh([DEV]) if a.gold.get("story") == STORY]
    reps = analyze_many([Article(a.text, a.outlet, a.published, a.gold.get("title")) for a in arts], mode=FAST)
    return tuple(zip(arts, reps, strict=True))


def build(url: str) -> str:
    """Store the story's articles at ``url`` and rebuild entities and claims; the URL."""
    from sayso.store.core import ArticleInfo, open_store

    store = open_store(url)
    try:
        for a, r in reports():
            store.ingest_report(ArticleInfo(source=a.id, source_id=a.id, publisher=a.outlet,
                                            published=a.published, title=a.gold.get("title")), a.text, r)
        store.rebuild()
    finally:
        store.close()
    return url
