"""The outlets' relay graph: which outlet cites which, how often, and on what basis.

An edge runs from the publisher of an article to the first outlet the route
of one of its statements passes through (``Provenance.via``: "Axios" in "The
Daily Caller, citing Axios, says ..."), so it reads "The Daily Caller relays
Axios".  The counts are one SQL GROUP BY over the attributions, the same on
SQLite and PostgreSQL; the rows are then joined under each outlet's key
(``publisher_key``: "NYT" and "The New York Times" are one outlet), summing
the grouped counts.

Left out, each by a named rule:

- ``no_publisher``: an article without a publisher cites from nowhere the graph can draw.
- ``self_citation``: an outlet citing its own earlier reporting relays no other outlet.

Per edge: ``count`` (statements relayed), ``articles`` (articles of the
publisher that relay it), ``unnamed`` (of the statements, those resting on
unnamed sources) and ``bases`` (the statements' provenance bases:
relayed, public, to_publisher, unknown).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import case, func, select

from sayso.corpus.names import fold
from sayso.lexicon import outlets as outlet_names
from sayso.store import schema as S
from sayso.store.core import Store, publisher_key

#: Why an edge is not in the graph: the rule names above.
LEFT_OUT_RULES = ("no_publisher", "self_citation")


def _outlet_name(raw: str) -> str:
    """The canonical name of a cited outlet ("the NYT" -> "The New York Times"), else as written."""
    f = fold(raw)
    return outlet_names().get(f) or outlet_names().get(f.removeprefix("the ")) or raw


def relay_edges(store: Store, article_ids: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Every edge publisher -> relayed outlet, most statements first (ties by names); with
    ``article_ids``, only those articles' edges (a story's relays).

    Each: source, source_key, target, target_key, target_in_corpus (the cited
    outlet has articles of its own in the store), count, articles, unnamed,
    bases [{basis, count}] most first.
    """
    R, A = S.articles, S.attributions
    join = A.join(R, R.c.id == A.c.article_id)
    has_route = A.c.via.is_not(None) & R.c.publisher_key.is_not(None)
    if article_ids is not None:
        has_route = has_route & R.c.id.in_(sorted(set(article_ids)))
    unnamed = func.coalesce(func.sum(case((A.c.anonymous.is_(True), 1), else_=0)), 0)
    with store.engine.connect() as conn:
        by_basis = conn.execute(
            select(R.c.publisher_key, A.c.via, A.c.basis, func.count(), unnamed).select_from(join)
            .where(has_route).group_by(R.c.publisher_key, A.c.via, A.c.basis)).all()
        article_rows = conn.execute(
            select(R.c.publisher_key, A.c.via, func.count(func.distinct(A.c.article_id))).select_from(join)
            .where(has_route).group_by(R.c.publisher_key, A.c.via)).all()
        names = dict(conn.execute(select(R.c.publisher_key, func.min(R.c.publisher))
                                  .where(R.c.publisher_key.is_not(None)).group_by(R.c.publisher_key)).all())
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    cited_as: dict[str, Counter[str]] = defaultdict(Counter)

    def edge(source_key: str, via: str) -> dict[str, Any] | None:
        target_key = publisher_key(via)
        if not target_key or target_key == source_key:  # self_citation
            return None
        cited_as[target_key][_outlet_name(via)] += 1
        return edges.setdefault((source_key, target_key), {
            "source_key": source_key, "target_key": target_key, "count": 0, "articles": 0, "unnamed": 0,
            "bases": Counter()})

    for key, via, basis, n, n_unnamed in by_basis:
        e = edge(key, via)
        if e is not None:
            e["count"] += int(n)
            e["unnamed"] += int(n_unnamed)
            e["bases"][basis or "unknown"] += int(n)
    for key, via, n_articles in article_rows:
        e = edge(key, via)
        if e is not None:
            # An article naming one outlet two ways ("NYT", "The Times") counts under each: rare, and
            # the statement counts stay exact.
            e["articles"] += int(n_articles)
    out = []
    for e in edges.values():
        target = names.get(e["target_key"]) or cited_as[e["target_key"]].most_common(1)[0][0]
        out.append({"source": names.get(e["source_key"]) or e["source_key"], "source_key": e["source_key"],
                    "target": target, "target_key": e["target_key"],
                    "target_in_corpus": e["target_key"] in names, "count": e["count"],
                    "articles": e["articles"], "unnamed": e["unnamed"],
                    "bases": [{"basis": b, "count": c}
                              for b, c in sorted(e["bases"].items(), key=lambda kv: (-kv[1], kv[0]))]})
    out.sort(key=lambda e: (-e["count"], e["source_key"], e["target_key"]))
    return out


def outlet_relays(store: Store, key: str, edges: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """One outlet's place in the relay graph, by its publisher key: ``cites`` (outlets it relays)
    and ``cited_by`` (outlets relaying it), each a list of edges most statements first."""
    edges = relay_edges(store) if edges is None else edges
    return {"cites": [e for e in edges if e["source_key"] == key],
            "cited_by": [e for e in edges if e["target_key"] == key]}


def bases_text(edge: dict[str, Any]) -> str:
    """An edge's bases in one field: ``relayed:9;public:1`` (most first)."""
    return ";".join(f"{b['basis']}:{b['count']}" for b in edge["bases"])
