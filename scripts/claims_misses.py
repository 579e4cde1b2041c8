"""Why gold claim pairs are missed: one line per missed pair of a fresh set's gold claims.

    .venv/bin/python scripts/claims_misses.py tests/fresh/dev --out build/claims-misses.jsonl

For every pair of gold attributions in different articles that share a ``claim``
key and are not in one predicted claim, it writes the two statements (gold
text, sayso's content, date, kind, cue, speaker) and the first reason on the
way through ``sayso.corpus.claims.group_claims``:

- ``extraction``: sayso did not find one of the two attributions at all (no
  predicted attribution matches the gold one): no claim rule can reach it, and
  these pairs bound claim-pair recall;
- ``not_propositional`` / ``too_few_key_words`` / ``reference``: one statement
  is not a paraphrase candidate at all (``propositional``, ``MIN_SHARED``,
  ``refers_to_report``);
- ``outside_window``: published more than ``DATE_WINDOW_DAYS`` apart;
- ``not_candidate``: no shared key words and not among each other's
  ``NEIGHBOURS`` nearest;
- ``below_threshold``: a candidate whose cosine (and key-word overlap) did not
  reach the rule; ``voice``: two quotes of different speakers;
- ``linked_but_apart``: the pair passes the rule but the two ended in
  different claims (a join refused for speakers further along).

It also prints the figures of ``sayso eval stories`` and the counts per
reason.  The analysed articles are cached (``--cache``) so that a change to
the claim rules is measured in seconds; delete the cache after a change to
extraction.  Fast mode, with the default embedder (MiniLM) where installed.
"""

from __future__ import annotations

import argparse
import json
import pickle
import tempfile
from collections import Counter
from itertools import combinations
from pathlib import Path

import numpy as np

from sayso.corpus import claims as C
from sayso.eval.fresh import load_fresh, match
from sayso.eval.stories import format_story_figures, score_stories


def analysed(folder: Path, cache: Path) -> tuple[list, list, list, list]:
    """(articles, reports, stored ids, claim inputs), from the cache when it is there."""
    articles = load_fresh([folder])
    if cache.exists():
        reports, ids, items = pickle.loads(cache.read_bytes())
        return articles, reports, ids, items
    from sayso.pipeline import Article, analyze_many
    from sayso.store.core import ArticleInfo, open_store

    reports = list(analyze_many((Article(a.text, publisher=a.outlet, published=a.published) for a in articles),
                                mode="fast"))
    with tempfile.TemporaryDirectory(prefix="sayso-misses-") as tmp:
        store = open_store(f"sqlite:///{Path(tmp) / 'stories.db'}")
        try:
            ids = [store.ingest_report(ArticleInfo(source=a.id, source_id=a.id, publisher=a.outlet,
                                                   published=a.published, title=a.gold.get("title")), a.text, r)
                   for a, r in zip(articles, reports, strict=True)]
            with store.engine.connect() as conn:
                resolution = store.derive_entities(conn)
                items = store.claim_inputs(conn, resolution.alias_entity)
        finally:
            store.close()
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(pickle.dumps((reports, ids, items)))
    return articles, reports, ids, items


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--out", type=Path, default=Path("build/claims-misses.jsonl"))
    ap.add_argument("--cache", type=Path, default=Path("build/claims-inputs.pkl"))
    ap.add_argument("--no-embeddings", action="store_true", help="the fallback without torch")
    args = ap.parse_args()

    articles, reports, ids, items = analysed(args.folder, args.cache)
    embedder = None if args.no_embeddings else C.default_embedder()
    found = C.group_claims(items, embedder=embedder)
    print(format_story_figures(score_stories(articles, reports, found, ids).figures(), f"stories in {args.folder}"))

    row_of_item = {(x.article_id, x.attr_id): n for n, x in enumerate(items)}
    claim_of = {(m.article_id, m.attr_id): c.id for c in found for m, _ in c.members}
    # gold (article index, gold index) -> item index
    item_of: dict[tuple[int, int], int] = {}
    for n, rep in enumerate(reports):
        for i, j in match(rep.attributions, articles[n].gold.get("attributions", [])):
            k = row_of_item.get((ids[n], rep.attributions[i].id))
            if k is not None:
                item_of[(n, j)] = k
    vectors = embedder([C.proposition(x) for x in items]) if embedder is not None else None
    toks = [C.words(x.content) for x in items]
    keys = [C.key_words(C.words(C.proposition(x))) for x in items]
    days = {n: C._day(x.published) for n, x in enumerate(items)}
    blocks = C.date_blocks(range(len(items)), days)
    eligible = {n for n, t in enumerate(toks) if len(keys[n]) >= C.MIN_SHARED and C.propositional(items[n])
                and not C.refers_to_report(t)}

    def neighbours(a: int, b: int) -> bool:
        """Whether b is among a's NEIGHBOURS nearest eligible contents of one of their shared blocks."""
        if vectors is None:
            return False
        for block in blocks:
            if a in block and b in block:
                others = [m for m in block if m != a and m in eligible]
                sims = np.array([float(vectors[a] @ vectors[m]) for m in others])
                top = {others[r] for r in np.argsort(-sims)[:C.NEIGHBOURS]}
                if b in top:
                    return True
        return False

    def describe(n: int, j: int) -> dict:
        g = articles[n].gold["attributions"][j]
        k = item_of.get((n, j))
        out = {"article": articles[n].id, "published": articles[n].published,
               "gold": articles[n].text[g["content_start"]:g["content_end"]], "gold_kind": g.get("kind"),
               "gold_speaker": g.get("speaker"), "stance": g.get("stance")}
        if k is not None:
            x = items[k]
            out.update(content=x.content, kind=x.kind, cue=x.cue, speaker=x.speaker, anonymous=x.anonymous)
        return out

    def reason(a: int, b: int) -> tuple[str, dict]:
        info: dict = {}
        for n in (a, b):
            if n not in eligible:
                if not C.propositional(items[n]):
                    return "not_propositional", info
                if C.refers_to_report(toks[n]):
                    return "reference", info
                return "too_few_key_words", info
        shared = len(keys[a] & keys[b])
        info["shared_key_words"] = sorted(keys[a] & keys[b])
        info["key_words"] = [len(keys[a]), len(keys[b])]
        overlap = shared >= C.MIN_SHARED and shared >= C.MIN_KEY_SHARE * min(len(keys[a]), len(keys[b]))
        info["overlap"] = overlap
        if vectors is not None:
            info["cosine"] = round(float(vectors[a] @ vectors[b]), 3)
        if not C._within_window(a, b, days):
            return "outside_window", info
        near = neighbours(a, b) or neighbours(b, a)
        info["neighbours"] = near
        if shared < C.MIN_SHARED and not (near and info.get("cosine", 0) >= C.EMBEDDING_LEXICAL_THRESHOLD):
            return "not_candidate", info
        quotes = items[a].kind in ("direct", "mixed") and items[b].kind in ("direct", "mixed")
        if quotes and items[a].speakers and items[b].speakers and not items[a].speakers & items[b].speakers:
            return "voice", info
        if vectors is not None:
            s = info["cosine"]
            ok = s >= C.EMBEDDING_THRESHOLD or (overlap and s >= C.EMBEDDING_LEXICAL_THRESHOLD)
        else:
            ok = False
        return ("linked_but_apart" if ok else "below_threshold"), info

    counts: Counter[str] = Counter()
    by_claim: Counter[tuple[str, str]] = Counter()
    gold_items = [(n, j, g) for n, art in enumerate(articles)
                  for j, g in enumerate(art.gold.get("attributions", [])) if g.get("claim")]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w") as fh:
        for (n1, j1, g1), (n2, j2, g2) in combinations(gold_items, 2):
            if n1 == n2 or g1["claim"] != g2["claim"]:
                continue
            k1, k2 = item_of.get((n1, j1)), item_of.get((n2, j2))
            if k1 is not None and k2 is not None:
                c1 = claim_of.get((items[k1].article_id, items[k1].attr_id))
                if c1 and c1 == claim_of.get((items[k2].article_id, items[k2].attr_id)):
                    counts["found"] += 1
                    continue
                why, info = reason(k1, k2)
            else:
                why, info = "extraction", {}
            counts[why] += 1
            by_claim[(g1["claim"], why)] += 1
            fh.write(json.dumps({"claim": g1["claim"], "reason": why, **info,
                                 "a": describe(n1, j1), "b": describe(n2, j2)}, ensure_ascii=False) + "\n")
    total = sum(counts.values())
    print(f"\ngold pairs {total}; by outcome:")
    for why, v in counts.most_common():
        print(f"  {why:<20} {v:5d}  {v / total:.3f}")
    print(f"extraction-bounded recall ceiling: {(total - counts['extraction']) / total:.3f}")
    print("\nmissed pairs by claim and reason:")
    for (claim, why), v in sorted(by_claim.items(), key=lambda kv: -kv[1])[:40]:
        print(f"  {v:5d}  {claim:<45} {why}")


if __name__ == "__main__":
    main()
