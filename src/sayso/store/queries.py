"""Read queries for browsing a corpus, and the one correction a user makes by hand (article metadata).

Every aggregate here is one GROUP BY in the database, never rows paged
through Python, and each function works the same on SQLite and PostgreSQL.
Functions take a ``Store`` and return plain dicts and lists (JSON-able).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import and_, case, func, select, true, update

from sayso.corpus.names import name_key, split_title
from sayso.errors import InputError, StoreError
from sayso.ingest.text import is_iso_date
from sayso.store import schema as S
from sayso.store.core import Store, _no_nul, publisher_key

#: The orders of the article list: newest first, oldest first, by title.
ARTICLE_ORDERS = ("newest", "oldest", "title")

def check_date(value: str, what: str = "date") -> str:
    """``value`` if it is an ISO 8601 date (``2016``, ``2016-10``, ``2016-10-05``, or with a time);
    InputError saying what is expected otherwise."""
    v = value.strip()
    if not is_iso_date(v):
        raise InputError(f"{what} {value!r} is not a date: give it as YYYY-MM-DD (or YYYY-MM, or YYYY)")
    return v


def known_names(store: Store, names: Iterable[str]) -> set[str]:
    """Those of ``names`` that an entity page resolves: their alias key is in the corpus."""
    keys = {n: name_key(split_title(n)[1]) for n in names}
    wanted = {k for k in keys.values() if k}
    if not wanted:
        return set()
    with store.engine.connect() as conn:
        found = set(conn.execute(select(S.aliases.c.key).where(S.aliases.c.key.in_(sorted(wanted)))).scalars())
    return {n for n, k in keys.items() if k in found}


def _anonymous_count() -> Any:
    A = S.attributions
    return func.coalesce(func.sum(case((A.c.anonymous.is_(True), 1), else_=0)), 0)


def article_list(store: Store, *, publisher: str | None = None, order: str = "newest",
                 limit: int = 25, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Stored articles, one page, and how many there are in all.

    ``publisher``: a name or key; ``order``: one of ``ARTICLE_ORDERS`` (undated
    articles come last either way).  Each row: id, title, source, publisher,
    published, n_attributions, anonymous (attributions resting on unnamed sources).
    """
    if order not in ARTICLE_ORDERS:
        raise InputError(f"order {order!r}: choose one of {', '.join(ARTICLE_ORDERS)}")
    R, A = S.articles, S.attributions
    cond = R.c.publisher_key == publisher_key(publisher) if publisher else true()
    anon = (select(A.c.article_id, _anonymous_count().label("anonymous"))
            .group_by(A.c.article_id).subquery())
    sort = {"newest": (R.c.published.desc().nulls_last(), R.c.id),
            "oldest": (R.c.published.asc().nulls_last(), R.c.id),
            "title": (func.lower(func.coalesce(R.c.title, R.c.source, R.c.id)), R.c.id)}[order]
    with store.engine.connect() as conn:
        total = int(conn.execute(select(func.count()).select_from(R).where(cond)).scalar() or 0)
        rows = conn.execute(
            select(R.c.id, R.c.title, R.c.source, R.c.publisher, R.c.published, R.c.n_attributions,
                   func.coalesce(anon.c.anonymous, 0).label("anonymous"))
            .select_from(R.outerjoin(anon, anon.c.article_id == R.c.id))
            .where(cond).order_by(*sort).limit(limit).offset(offset)).mappings().all()
    return [dict(r) | {"anonymous": int(r["anonymous"])} for r in rows], total


def outlet_names(store: Store) -> list[str]:
    """Every publisher's name, once per publisher, alphabetically (for the article list's filter)."""
    R = S.articles
    with store.engine.connect() as conn:
        names = conn.execute(select(func.min(R.c.publisher)).where(R.c.publisher_key.is_not(None))
                             .group_by(R.c.publisher_key)).scalars().all()
    return sorted((n for n in names if n), key=str.casefold)


def article_labels(store: Store, article_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """For each id: title, source, published and publisher, to name links to the articles."""
    ids = sorted(set(article_ids))
    if not ids:
        return {}
    R = S.articles
    with store.engine.connect() as conn:
        rows = conn.execute(select(R.c.id, R.c.title, R.c.source, R.c.published, R.c.publisher)
                            .where(R.c.id.in_(ids))).mappings().all()
    return {r["id"]: dict(r) for r in rows}


def monthly_sourcing(store: Store, publisher: str) -> list[dict[str, Any]]:
    """One publisher's attributions per month, and how many rest on unnamed sources.

    Each: month ("2016-10", or "(undated)"), attributions, anonymous, anonymous_share.
    """
    R, A = S.articles, S.attributions
    month = func.coalesce(func.substr(R.c.published, 1, 7), "")
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(month.label("month"), func.count().label("n"), _anonymous_count().label("anon"))
            .select_from(A.join(R, R.c.id == A.c.article_id))
            .where(R.c.publisher_key == publisher_key(publisher))
            .group_by(month).order_by(month)).all()
    return [{"month": m or "(undated)", "attributions": int(n), "anonymous": int(an),
             "anonymous_share": round(int(an) / int(n), 4) if n else 0.0} for m, n, an in rows]


def set_article_meta(store: Store, article_id: str, *, publisher: str | None = None,
                     published: str | None = None, title: str | None = None) -> dict[str, Any]:
    """Correct an article's publisher, date or title (None: leave it; "": clear it).

    The publisher also replaces the old one at the head of the article's
    sourcing chains.  Entities and claims are not updated here: call
    ``sayso.store.ingest.update_derived`` after.  Returns the new id, publisher,
    published and title.  StoreError if the article is unknown, InputError for a bad date.
    """
    R, A = S.articles, S.attributions
    values: dict[str, Any] = {}
    if publisher is not None:
        p = _no_nul(publisher.strip()) or None
        values |= {"publisher": p, "publisher_key": publisher_key(p)}
    if published is not None:
        values["published"] = check_date(published, "published") if published.strip() else None
    if title is not None:
        values["title"] = _no_nul(" ".join(title.split())) or None
    with store._tx() as conn:
        old = conn.execute(select(R.c.publisher).where(R.c.id == article_id)).first()
        if old is None:
            raise StoreError(f"no stored article has the id {article_id!r} (see `sayso articles list`)")
        if values:
            conn.execute(update(R).where(R.c.id == article_id).values(**values))
        if "publisher" in values and old[0] != values["publisher"]:
            for attr_id, chain in conn.execute(select(A.c.attr_id, A.c.chain).where(A.c.article_id == article_id)):
                if chain and chain[0] == old[0]:
                    new_chain = ([values["publisher"]] if values["publisher"] else []) + list(chain[1:])
                    conn.execute(update(A).where(and_(A.c.article_id == article_id, A.c.attr_id == attr_id))
                                 .values(chain=new_chain))
        row = conn.execute(select(R.c.id, R.c.publisher, R.c.published, R.c.title)
                           .where(R.c.id == article_id)).mappings().one()
    return dict(row)
