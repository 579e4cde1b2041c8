"""Stories: articles that carry the same claims, with a timeline across outlets.

A story is a connected group of articles sharing at least one claim
(``sayso.corpus.claims``): "Trump ordered Mueller fired" joins The New York
Times' report, the outlets relaying it and the articles carrying Trump's
denial.  Its timeline lists, earliest first, every statement of its claims:
the first report with what it rests on (unnamed sources or a named one), the
relays (with the chain of citations they give), confirmations and denials.
Times are compared as ``sayso.corpus.claims.when_published`` does, and a tie
for first is shown as a tie.

Grouping by the report's events (same participants, type and date window) is
not done yet: a story is only as wide as its shared claims.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sayso.corpus.claims import when_published


def _order(m: dict[str, Any]) -> tuple[str, str, str, str]:
    day, instant = when_published(m.get("published"))
    return (day, instant or "", m["article_id"], m["attr_id"])


def group_stories(claims: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Stories from the store's claims (``Store.claims`` rows with members), most articles first."""
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
