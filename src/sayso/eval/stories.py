"""Score claims and stories across outlets on a fresh set whose gold marks them (tests/fresh/FORMAT.md).

Each article's gold JSON has a ``story`` key, and each gold attribution that
states a claim a ``claim`` key (with its ``stance``).  The articles are
analysed, stored in a temporary store (outlet as publisher, the published
date), and claims are formed as ``sayso claims`` forms them.  Predicted
attributions are matched to gold ones with ``sayso.eval.fresh.match``.

The figures:

- claim-pair recall: of the pairs of gold attributions in different articles
  that share a ``claim`` key, the share whose two matched predicted
  attributions sit in one predicted claim;
  ``claim_pair_recall_found`` counts only the gold pairs whose two
  attributions sayso found (what claim grouping alone can reach);
- claim-pair precision: of the pairs of predicted attributions in different
  articles that share a predicted claim and are both matched to a gold
  attribution with a ``claim`` key, the share whose gold claims are the same
  (pairs touching an unmatched or claim-less attribution are counted apart,
  as ``unscored_pairs``);
- story purity: articles grouped into predicted stories (articles joined by a
  shared claim or, when both carry claims, a reported event: ``sayso.corpus.stories``), each story's share of articles from its majority gold story,
  weighted by size; and article-pair recall of gold stories;
- stance: over predicted claim members matched to a gold attribution with a
  stance, the share whose predicted stance (``stance_of``) is the gold one;
- first carrier: for each gold story of two or more articles whose earliest
  publication is one article, whether the predicted first carrier of the claim
  most of its articles share is that article.
"""

from __future__ import annotations

import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from sayso.eval.fresh import FreshArticle, match
from sayso.records import ArticleReport


@dataclass(slots=True)
class StoryScore:
    gold_pairs: int = 0
    found_pairs: int = 0
    #: Gold pairs whose two attributions sayso found: what claim grouping alone can reach.
    matched_gold_pairs: int = 0
    predicted_pairs: int = 0
    right_pairs: int = 0
    unscored_pairs: int = 0
    claims: int = 0
    story_purity: float | None = None
    story_pair_recall: float | None = None
    predicted_stories: int = 0
    stance_right: int = 0
    stance_scored: int = 0
    first_carrier: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def figures(self) -> dict[str, Any]:
        def share(a: int, b: int) -> float | None:
            return round(a / b, 3) if b else None

        right = sum(1 for f in self.first_carrier if f["right"])
        return {
            "claims": self.claims,
            "claim_pair_recall": share(self.found_pairs, self.gold_pairs), "gold_pairs": self.gold_pairs,
            "claim_pair_recall_found": share(self.found_pairs, self.matched_gold_pairs),
            "found_gold_pairs": self.matched_gold_pairs,
            "claim_pair_precision": share(self.right_pairs, self.predicted_pairs),
            "predicted_pairs": self.predicted_pairs, "unscored_pairs": self.unscored_pairs,
            "predicted_stories": self.predicted_stories,
            "story_purity": self.story_purity, "story_pair_recall": self.story_pair_recall,
            "first_carrier_right": share(right, len(self.first_carrier)),
            "stance_right": share(self.stance_right, self.stance_scored), "stances_scored": self.stance_scored,
            "first_carrier": self.first_carrier,
        }


def _gold_first(articles: Sequence[FreshArticle]) -> set[str] | None:
    """The articles published first (timestamps compared where both have one); None when all tie."""
    def key(a: FreshArticle) -> str:
        return a.published or "9999"
    dates = {key(a)[:10] for a in articles}
    if len(dates) < 2:
        return None
    day = min(dates)
    first_day = [a for a in articles if key(a)[:10] == day]
    timed = [a for a in first_day if len(key(a)) > 10]
    if len(first_day) > 1 and len(timed) == len(first_day):
        earliest = min(key(a) for a in timed)
        return {a.id for a in timed if key(a) == earliest}
    return {a.id for a in first_day}


def score_stories(articles: Sequence[FreshArticle], reports: Sequence[ArticleReport],
                  claims: Iterable[Any], stored_ids: Sequence[str | None]) -> StoryScore:
    """Score predicted ``claims`` (``sayso.corpus.claims.Claim``) over ``articles`` stored as ``stored_ids``."""
    out = StoryScore()
    by_stored = {sid: n for n, sid in enumerate(stored_ids) if sid}
    # (article index, predicted attribution id) -> gold attribution dict, and the gold claim pairs.
    gold_of: dict[tuple[int, str], dict[str, Any]] = {}
    pred_of: dict[tuple[int, int], str] = {}
    for n, (art, rep) in enumerate(zip(articles, reports, strict=True)):
        gold = art.gold.get("attributions", [])
        for i, j in match(rep.attributions, gold):
            gold_of[(n, rep.attributions[i].id)] = gold[j]
            pred_of[(n, j)] = rep.attributions[i].id
    claim_of: dict[tuple[int, str], str] = {}
    claim_list = list(claims)
    out.claims = len(claim_list)
    for c in claim_list:
        for m, _ in c.members:
            if m.article_id in by_stored:
                claim_of[(by_stored[m.article_id], m.attr_id)] = c.id

    gold_items = [(n, j, g) for n, art in enumerate(articles)
                  for j, g in enumerate(art.gold.get("attributions", [])) if g.get("claim")]
    for (n1, j1, g1), (n2, j2, g2) in combinations(gold_items, 2):
        if n1 == n2 or g1["claim"] != g2["claim"]:
            continue
        out.gold_pairs += 1
        p1, p2 = pred_of.get((n1, j1)), pred_of.get((n2, j2))
        out.matched_gold_pairs += bool(p1 and p2)
        c1 = claim_of.get((n1, p1)) if p1 else None
        if c1 and c1 == claim_of.get((n2, p2)):
            out.found_pairs += 1
        else:
            out.errors.append({"error": "missed_pair", "claim": g1["claim"],
                               "a": [articles[n1].id, articles[n1].text[g1["content_start"]:g1["content_end"]],
                                     "matched" if p1 else "unmatched"],
                               "b": [articles[n2].id, articles[n2].text[g2["content_start"]:g2["content_end"]],
                                     "matched" if p2 else "unmatched"]})

    from sayso.corpus.claims import stance_of

    for c in claim_list:
        for m, _ in c.members:
            g = gold_of.get((by_stored.get(m.article_id, -1), m.attr_id))
            if g and g.get("stance"):
                out.stance_scored += 1
                out.stance_right += stance_of(m, c.first) == g["stance"]
        members = [(by_stored[m.article_id], m.attr_id) for m, _ in c.members if m.article_id in by_stored]
        for a, b in combinations(members, 2):
            if a[0] == b[0]:
                continue
            ga, gb = gold_of.get(a), gold_of.get(b)
            if not ga or not gb or not ga.get("claim") or not gb.get("claim"):
                out.unscored_pairs += 1
                continue
            out.predicted_pairs += 1
            if ga["claim"] == gb["claim"]:
                out.right_pairs += 1
            else:
                out.errors.append({"error": "wrong_pair", "claim": c.id, "gold": [ga["claim"], gb["claim"]],
                                   "a": [articles[a[0]].id, ga.get("stance")],
                                   "b": [articles[b[0]].id, gb.get("stance")]})

    # Predicted stories: articles joined by shared claims.
    parent = list(range(len(articles)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for c in claim_list:
        arts = sorted({by_stored[m.article_id] for m, _ in c.members if m.article_id in by_stored})
        for b in arts[1:]:
            parent[find(b)] = find(arts[0])
    # Articles that carry claims and report one event join one story, as ``Store.stories`` joins them.
    from sayso.corpus.stories import event_links

    carrying = {m.article_id for c in claim_list for m, _ in c.members}
    stored_events = {sid: [e.to_dict() if hasattr(e, "to_dict") else e for e in reports[n].events]
                     for sid, n in by_stored.items() if sid in carrying}
    for a, b in event_links(stored_events):
        parent[find(by_stored[b])] = find(by_stored[a])
    groups: dict[int, list[int]] = defaultdict(list)
    for n in range(len(articles)):
        groups[find(n)].append(n)
    multi = [g for g in groups.values() if len(g) > 1]
    out.predicted_stories = len(multi)
    if multi:
        pure = sum(Counter(articles[n].gold.get("story") for n in g).most_common(1)[0][1] for g in multi)
        out.story_purity = round(pure / sum(len(g) for g in multi), 3)
    by_story: dict[str, list[int]] = defaultdict(list)
    for n, art in enumerate(articles):
        if art.gold.get("story"):
            by_story[art.gold["story"]].append(n)
    story_pairs = [p for ns in by_story.values() for p in combinations(ns, 2)]
    if story_pairs:
        out.story_pair_recall = round(sum(find(a) == find(b) for a, b in story_pairs) / len(story_pairs), 3)

    for story, ns in sorted(by_story.items()):
        if len(ns) < 2:
            continue
        firsts = _gold_first([articles[n] for n in ns])
        if firsts is None:
            continue
        members = set(ns)
        best = None
        for c in claim_list:
            arts = {by_stored[m.article_id] for m, _ in c.members if m.article_id in by_stored} & members
            if len(arts) >= 2 and (best is None or len(arts) > best[0]):
                best = (len(arts), c)
        predicted = None
        if best is not None:
            c = best[1]
            tied = getattr(c, "first_tied", None)
            ids = [c.first.article_id] if not tied else list(tied)
            predicted = sorted(articles[by_stored[i]].id for i in ids if i in by_stored)
        out.first_carrier.append({"story": story, "gold": sorted(firsts), "predicted": predicted,
                                  "right": bool(predicted) and set(predicted) <= firsts})
    return out


def run_stories(articles: Sequence[FreshArticle], reports: Sequence[ArticleReport], *,
                embedder: Any = None) -> StoryScore:
    """Store the analysed articles in a temporary SQLite store, form claims there and score them."""
    from sayso.store.core import ArticleInfo, open_store

    with tempfile.TemporaryDirectory(prefix="sayso-stories-") as tmp:
        store = open_store(f"sqlite:///{Path(tmp) / 'stories.db'}")
        try:
            ids = [store.ingest_report(ArticleInfo(source=a.id, source_id=a.id, publisher=a.outlet,
                                                   published=a.published, title=a.gold.get("title")),
                                       a.text, r)
                   for a, r in zip(articles, reports, strict=True)]
            _, found, _ = store.derive(embedder=embedder)
        finally:
            store.close()
    return score_stories(articles, reports, found, ids)


def format_story_figures(figures: dict[str, Any], title: str) -> str:
    lines = [title]
    for key in ("claims", "claim_pair_recall", "gold_pairs", "claim_pair_recall_found", "found_gold_pairs",
                "claim_pair_precision", "predicted_pairs",
                "unscored_pairs", "predicted_stories", "story_purity", "story_pair_recall",
                "first_carrier_right", "stance_right", "stances_scored"):
        v = figures[key]
        lines.append(f"  {key:<22} {'-' if v is None else v}")
    for f in figures["first_carrier"]:
        mark = "right" if f["right"] else "wrong"
        lines.append(f"    first carrier {f['story']}: {mark} (gold {', '.join(f['gold'])}; "
                     f"predicted {', '.join(f['predicted'] or ['none'])})")
    return "\n".join(lines)
