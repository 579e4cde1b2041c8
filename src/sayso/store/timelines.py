"""What the story pages show beyond ``Store.stories``: each story's outlets, dates and status, and
each statement's route (the outlet it relays, what it rests on).

The stories themselves are ``sayso.corpus.stories.group_stories`` over the
stored claims; this module only reads and summarises them, so the pages
follow whatever rules form claims and stories.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import and_, select

from sayso.corpus.claims import when_published
from sayso.kinds import UNNAMED_KINDS, SourceKind
from sayso.store import schema as S
from sayso.store.core import Store, publisher_key

#: How a claim's or story's status reads, on the web pages and in the terminal.
STATUS_LABELS = {
    "disputed": "disputed on the record",
    "confirmed": "confirmed on the record",
    "corroborated": "corroborated by several outlets",
    "unnamed_sources": "resting on unnamed sources alone",
    "reported": "reported",
}
#: A story's status is its most telling claim's, in this order: someone denies one of its claims,
#: a participant confirms one on the record, two outlets carry one, or it rests on unnamed sources.
STATUS_ORDER = ("disputed", "confirmed", "corroborated", "unnamed_sources", "reported")


def story_status(claims: Iterable[dict[str, Any]]) -> str:
    """The first of ``STATUS_ORDER`` that any of the story's claims has (``reported`` when none)."""
    found = {c.get("status") for c in claims}
    return next((s for s in STATUS_ORDER if s in found), "reported")


def _outlets_in_order(timeline: Iterable[dict[str, Any]]) -> list[str]:
    seen: list[str] = []
    for t in timeline:
        name = t.get("publisher") or "(unknown)"
        if name not in seen:
            seen.append(name)
    return seen


def lead_claim(story: dict[str, Any]) -> dict[str, Any] | None:
    """The claim carried by the most outlets (the earliest of those tied): what the story is about."""
    outlets: dict[str, set[str]] = defaultdict(set)
    first_seen: dict[str, int] = {}
    for i, t in enumerate(story["timeline"]):
        outlets[t["claim_id"]].add(t.get("publisher") or "")
        first_seen.setdefault(t["claim_id"], i)
    claims = story.get("claims") or []
    if not claims:
        return None
    return min(claims, key=lambda c: (-len(outlets[c["id"]]), first_seen.get(c["id"], 1 << 30)))


def summary(story: dict[str, Any]) -> dict[str, Any]:
    """One line of the story list: id, title, lead claim, outlets (in order of first carrying it),
    first carriers (several: a tie), first and last dates, status and each claim's status."""
    dates = sorted(when_published(t.get("published"))[0] for t in story["timeline"] if t.get("published"))
    lead = lead_claim(story)
    # Copies: the story may be the store's shared one (``Store.all_stories``).
    return {"id": story["id"], "title": story.get("title"), "lead_claim": copy.deepcopy(lead),
            "outlets": _outlets_in_order(story["timeline"]), "first_carriers": list(story.get("first_carriers") or []),
            "tie_for_first": bool(story.get("tie_for_first")), "first_date": dates[0] if dates else None,
            "last_date": dates[-1] if dates else None, "n_articles": story.get("n_articles"),
            "n_claims": story.get("n_claims"), "status": story_status(story.get("claims") or []),
            "statuses": sorted({c.get("status") or "reported" for c in story.get("claims") or []},
                               key=lambda s: STATUS_ORDER.index(s) if s in STATUS_ORDER else 99)}


def story_summaries(store: Store, *, outlet: str | None = None, article_id: str | None = None,
                    claim_id: str | None = None) -> list[dict[str, Any]]:
    """Every story's ``summary``, largest first; only those an outlet (name or key), an article
    or a claim is part of when given."""
    key = publisher_key(outlet) if outlet else None
    out = []
    for st in store.all_stories():  # read only: each row out is a new summary
        if key and all(publisher_key(t.get("publisher")) != key for t in st["timeline"]):
            continue
        if article_id and all(t.get("article_id") != article_id for t in st["timeline"]):
            continue
        if claim_id and all(c["id"] != claim_id for c in st.get("claims") or []):
            continue
        out.append(summary(st))
    return out


def statement_routes(store: Store, claim_ids: Iterable[str]) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """The stored route facts of every statement of these claims, keyed by (claim id, article id,
    content) as the story's timeline names them: attr_id, via (the outlet it relays), basis,
    anonymous, anonymous_count, source_kind; earliest attribution first."""
    M, A = S.claim_members, S.attributions
    ids = sorted(set(claim_ids))
    if not ids:
        return {}
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(M.c.claim_id, M.c.article_id, A.c.attr_id, A.c.content_text, A.c.via, A.c.basis, A.c.anonymous,
                   A.c.anonymous_count, A.c.source_kind)
            .select_from(M.join(A, and_(A.c.article_id == M.c.article_id, A.c.attr_id == M.c.attr_id)))
            .where(M.c.claim_id.in_(ids)).order_by(M.c.claim_id, M.c.article_id, A.c.seq)).mappings().all()
    out: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        out[(r["claim_id"], r["article_id"], r["content_text"] or "")].append(
            {k: r[k] for k in ("attr_id", "via", "basis", "anonymous", "anonymous_count", "source_kind")})
    return out


def rests_on(entry: dict[str, Any]) -> str:
    """What a statement rests on, as a reader says it: "Axios on 4 unnamed sources", "The Daily
    Caller citing Axios", "Mediaite on Donald Trump"."""
    who = entry.get("publisher") or "an unknown publisher"
    via = entry.get("via")
    if entry.get("anonymous") or entry.get("rests_on") == "unnamed sources":
        n = entry.get("anonymous_count") or 0
        unnamed = f"{n} unnamed source{'s' if n != 1 else ''}" if n else "unnamed sources"
        return f"{who} citing {via}, on {unnamed}" if via else f"{who} on {unnamed}"
    if via:
        return f"{who} citing {via}"
    if not entry.get("source") or entry.get("source_kind") == SourceKind.NONE:
        return f"{who}, naming no source"
    if entry.get("source_kind") in UNNAMED_KINDS:  # "some", "critics": vague, not anonymous
        return f"{who} on a source it does not name (“{entry['source']}”)"
    chain = [c for c in entry.get("chain") or [] if c]
    return f"{who} on {chain[-1] if len(chain) > 1 else entry['source']}"


def story_page(store: Store, story_id: str) -> dict[str, Any] | None:
    """One story for its page: the story (``Store.story``) with each timeline entry's route facts
    and ``rests_on_text``, and: summary, first_reports (each first carrier's earliest assertion, with the outlets its
    articles relay; several: a tie),
    relays (the edges publisher -> relayed outlet among its articles, ``relay_edges``),
    origins (outlets its articles relay that carry none of it here: name, key, in_corpus,
    cited_by, statements, unnamed), on_record (confirmations
    and denials), wording ({claim, outlets: [{publisher, statements}]} per claim)."""
    from sayso.store.relays import relay_edges

    st = store.story(story_id)
    if st is None:
        return None
    routes = statement_routes(store, (c["id"] for c in st.get("claims") or []))
    used: dict[tuple[str, str, str], int] = defaultdict(int)
    timeline = []
    for t in st["timeline"]:
        k = (t["claim_id"], t["article_id"], t.get("content") or "")
        facts = routes.get(k) or []
        fact = facts[min(used[k], len(facts) - 1)] if facts else {}
        used[k] += 1
        timeline.append({**t, **fact})
        timeline[-1]["rests_on_text"] = rests_on(timeline[-1])
    articles = {t["article_id"] for t in timeline}
    relays = relay_edges(store, articles)
    first_reports = []
    for name in st.get("first_carriers") or []:
        # A report asserts: the first carrier's earliest assertion, not a denial it also carries
        # (rule first_report_asserts); its earliest statement when it asserts none.
        own = [t for t in timeline if (t.get("publisher") or "?") == name]
        entry = next((t for t in own if (t.get("stance") or "asserts") == "asserts"), own[0] if own else None)
        if entry is not None:
            key = publisher_key(entry.get("publisher"))
            first_reports.append({**entry, "rule": "first_report_asserts",
                                  "relays": [e for e in relays if e["source_key"] == key]})
    carriers = {publisher_key(t.get("publisher")) for t in timeline}
    origins: dict[str, dict[str, Any]] = {}
    for e in relays:
        if e["target_key"] not in carriers:
            o = origins.setdefault(e["target_key"], {"name": e["target"], "key": e["target_key"],
                                                     "in_corpus": e["target_in_corpus"], "cited_by": [],
                                                     "statements": 0, "unnamed": 0})
            o["cited_by"].append(e["source"])
            o["statements"] += e["count"]
            o["unnamed"] += e["unnamed"]
    on_record = [t for t in timeline if (t.get("stance") or "asserts") != "asserts"]
    wording = []
    for c in st.get("claims") or []:
        by_outlet: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for t in timeline:
            if t["claim_id"] == c["id"]:
                by_outlet[t.get("publisher") or "(unknown)"].append(t)
        wording.append({"claim": c, "outlets": [{"publisher": p, "statements": s} for p, s in by_outlet.items()]})
    return {**st, "timeline": timeline, "summary": summary(st), "first_reports": first_reports,
            "relays": relays, "origins": sorted(origins.values(), key=lambda o: (-len(o["cited_by"]), o["key"])),
            "on_record": on_record, "wording": wording}
