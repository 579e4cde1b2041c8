"""Stories: articles that carry the same claims, with a timeline across outlets.

A story is a connected group of articles sharing at least one claim
(``sayso.corpus.claims``): "Trump ordered Mueller fired" joins The New York
Times' report, the outlets relaying it and the articles carrying Trump's
denial.  Its timeline lists, earliest first, every statement of its claims:
the first report with what it rests on (unnamed sources or a named one), the
relays (with the chain of citations they give), confirmations and denials.
Times are compared as ``sayso.corpus.claims.when_published`` does, and a tie
for first is shown as a tie.

Articles that carry claims also join one story when they report the same
event (``event_links``): an event of the same type (its PLOVER class, else what
it is), with at least ``MIN_SHARED_PARTICIPANTS`` named participants in common,
dated at most ``DATE_WINDOW_DAYS`` apart.  An article that carries no claim
spanning articles joins no story by its events alone.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from sayso.corpus.claims import DATE_WINDOW_DAYS, _day, when_published
from sayso.corpus.names import fold

#: Named participants two reports of one event must share ("Trump" and "McGahn" in a meeting).
MIN_SHARED_PARTICIPANTS = 2


def event_keys(events: Sequence[dict[str, Any]]) -> list[tuple[str, frozenset[str], int]]:
    """(type, named participants, day) of a report's events that can link stories: dated to the
    day, with at least MIN_SHARED_PARTICIPANTS named participants."""
    out = []
    for e in events:
        date = e.get("date")
        day = _day(date[0] if isinstance(date, list) and date else date if isinstance(date, str) else None)
        names = frozenset(fold(p["name"]).strip() for p in e.get("participants") or () if p.get("name"))
        kind = e.get("plover") or fold(e.get("what") or "").strip()
        if day is not None and kind and len(names) >= MIN_SHARED_PARTICIPANTS:
            out.append((kind, names, day))
    return out


def event_links(events_by_article: dict[str, Sequence[dict[str, Any]]]) -> list[tuple[str, str]]:
    """Pairs of articles that report the same event (type, shared participants, date window).

    Blocked by (type, a pair of participants), and within a block only articles next to each
    other by date are linked, which gives the same connected groups as every pair at a cost
    that grows with the events, not their square."""
    blocks: dict[tuple[str, str, str], list[tuple[int, str]]] = defaultdict(list)
    for article_id, events in sorted(events_by_article.items()):
        for kind, names, day in event_keys(events):
            ordered = sorted(names)
            for n, a in enumerate(ordered):
                for b in ordered[n + 1:]:
                    blocks[(kind, a, b)].append((day, article_id))
    links: set[tuple[str, str]] = set()
    for members in blocks.values():
        members.sort()
        for (d1, a1), (d2, a2) in pairwise(members):
            if a1 != a2 and d2 - d1 <= DATE_WINDOW_DAYS:
                links.add((min(a1, a2), max(a1, a2)))
    return sorted(links)


def _order(m: dict[str, Any]) -> tuple[str, str, str, str]:
    day, instant = when_published(m.get("published"))
    return (day, instant or "", m["article_id"], m["attr_id"])


def group_stories(claims: Sequence[dict[str, Any]],
                  events: dict[str, Sequence[dict[str, Any]]] | None = None) -> list[dict[str, Any]]:
    """Stories from the store's claims (``Store.claims`` rows with members), most articles first;
    ``events`` (article id -> its report's events) also joins articles that report one event."""
    parent: dict[str, str] = {}

    def find(a: str) -> str:
        parent.setdefault(a, a)
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for c in claims:
        arts = sorted({m["article_id"] for m in c["members"]})
        for b in arts[1:]:
            ra, rb = find(arts[0]), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    carrying = {m["article_id"] for c in claims for m in c["members"]}
    for a, b in event_links({k: v for k, v in (events or {}).items() if k in carrying}):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    by_root: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in claims:
        if c["members"]:
            by_root[find(c["members"][0]["article_id"])].append(c)
    stories = []
    for group in by_root.values():
        members = sorted((dict(m, claim_id=c["id"], claim_status=c.get("status")) for c in group
                          for m in c["members"]), key=_order)
        first_day, first_t = when_published(members[0].get("published"))
        firsts = sorted({m["publisher"] or "?" for m in members
                         if when_published(m.get("published"))[0] == first_day
                         and (first_t is None or when_published(m.get("published"))[1] in (None, first_t))})
        articles = {m["article_id"] for m in members}
        outlets = {m["publisher"] for m in members if m["publisher"]}
        timeline = []
        seen_outlets: set[str] = set()
        for m in members:
            stance = m.get("stance") or "asserts"
            if stance == "asserts":
                role = "first report" if not seen_outlets else (
                    "relay" if m["publisher"] not in seen_outlets else "repeat")
            else:
                role = {"denies": "denial", "confirms": "confirmation"}.get(stance, stance)
            seen_outlets.add(m["publisher"] or "")
            timeline.append({"published": m.get("published"), "publisher": m["publisher"], "role": role,
                             "stance": stance, "source": m.get("source"), "content": m.get("content"),
                             "chain": m.get("chain") or [], "rests_on": "unnamed sources" if m.get("anonymous")
                             else "named source", "claim_id": m["claim_id"], "article_id": m["article_id"],
                             "title": m.get("title")})
        sid = "s" + hashlib.sha1(min(articles).encode()).hexdigest()[:12]
        stories.append({"id": sid, "title": members[0].get("title"), "n_articles": len(articles),
                        "n_outlets": len(outlets), "n_claims": len(group), "first_published": members[0].get(
                            "published"), "first_carriers": firsts, "tie_for_first": len(firsts) > 1,
                        "claims": [{"id": c["id"], "text": c["text"], "status": c.get("status")} for c in group],
                        "timeline": timeline})
    stories.sort(key=lambda s: (-s["n_articles"], -s["n_claims"], s["id"]))
    return stories
