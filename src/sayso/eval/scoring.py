"""The PolNeAR metrics of docs/metrics.md, computed as the reference scorer does.

Tokens are ``\\w+|[^\\w\\s]``; punctuation-only tokens are ignored unless a span
has nothing else (a ':' cue).  Predictions pair with gold one-to-one per
article: greedily by content-token overlap (PARTIAL) and by identical content
token sets (EXACT).  tests/test_eval.py checks these figures against the
reference implementation to 3 decimals.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

TOKEN_RE = re.compile(r"\w+|[^\w\s]")
WORD_RE = re.compile(r"\w")
ROLES = ("source", "cue", "content")
HEADLINE_METRICS = (
    "attribution", "attribution_strict", "content_partial", "content_exact",
    "content_tokens", "source_tokens", "cue_tokens",
)

Spans = Iterable[Sequence[int]]
Prediction = Mapping[str, Spans]


class _Tokens:
    def __init__(self, text: str) -> None:
        toks = [(m.start(), m.end(), bool(WORD_RE.search(m.group()))) for m in TOKEN_RE.finditer(text)]
        self.starts = [t[0] for t in toks]
        self.ends = [t[1] for t in toks]
        self.is_word = [t[2] for t in toks]

    def tokset(self, frags: Spans) -> frozenset[int]:
        hit: set[int] = set()
        for s, e in frags:
            if s >= e:
                continue
            hit.update(range(bisect.bisect_right(self.ends, s), bisect.bisect_left(self.starts, e)))
        words = frozenset(i for i in hit if self.is_word[i])
        return words if words else frozenset(hit)


def _prf(tp: int, npred: int, ngold: int) -> dict[str, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f, "tp": tp, "pred": npred, "gold": ngold}


def _overlap_ok(a: frozenset[int], b: frozenset[int]) -> bool:
    if not a and not b:
        return True
    return bool(a and b and (a & b))


TokenSets = Sequence[Mapping[str, frozenset[int]]]


def partial_pairs(P: TokenSets, G: TokenSets) -> list[tuple[int, int]]:
    """(gold index, prediction index) pairs of the PARTIAL matching, in the order they are taken.

    Greedy by content-token overlap, then content Jaccard, then how many of
    source and cue agree, then gold order, then prediction order.
    """
    cands = []
    for i, p in enumerate(P):
        for j, g in enumerate(G):
            ov = len(p["content"] & g["content"])
            if ov:
                jac = ov / len(p["content"] | g["content"])
                agree = _overlap_ok(p["source"], g["source"]) + _overlap_ok(p["cue"], g["cue"])
                cands.append((-ov, -jac, -agree, j, i))
    cands.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, _, _, j, i in cands:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        pairs.append((j, i))
    return pairs


def score(
    texts: Mapping[str, str],
    gold: Mapping[str, Sequence[Prediction]],
    pred: Mapping[str, Sequence[Prediction]],
) -> dict[str, Any]:
    """Score ``pred`` against ``gold`` (both keyed by article id; roles as fragment lists)."""
    c = dict.fromkeys(("n_gold", "n_pred", "exact", "partial", "src_exact", "src_partial",
                       "cue_partial", "attr", "attr_strict"), 0)
    tok = {r: [0, 0, 0] for r in ROLES}
    for aid in sorted(texts):
        tk = _Tokens(texts[aid])
        G = [{r: tk.tokset(a[r]) for r in ROLES} for a in gold.get(aid, [])]
        P = [{r: tk.tokset(a[r]) for r in ROLES} for a in pred.get(aid, [])]
        c["n_gold"] += len(G)
        c["n_pred"] += len(P)
        for r in ROLES:
            gu: frozenset[int] = frozenset().union(*[g[r] for g in G]) if G else frozenset()
            pu: frozenset[int] = frozenset().union(*[p[r] for p in P]) if P else frozenset()
            tok[r][0] += len(gu & pu)
            tok[r][1] += len(pu)
            tok[r][2] += len(gu)
        for j, i in partial_pairs(P, G):
            p, g = P[i], G[j]
            c["partial"] += 1
            sp = _overlap_ok(p["source"], g["source"])
            cu = _overlap_ok(p["cue"], g["cue"])
            c["src_exact"] += p["source"] == g["source"]
            c["src_partial"] += sp
            c["cue_partial"] += cu
            c["attr"] += sp and cu
        groups: dict[frozenset[int], tuple[list[int], list[int]]] = {}
        for i, p in enumerate(P):
            if p["content"]:
                groups.setdefault(p["content"], ([], []))[0].append(i)
        for j, g in enumerate(G):
            if g["content"] in groups:
                groups[g["content"]][1].append(j)
        for pis, gjs in groups.values():
            free_p, free_g = list(pis), list(gjs)
            for strict_pass in (True, False):
                for j in list(free_g):
                    for i in free_p:
                        ok = P[i]["source"] == G[j]["source"] and _overlap_ok(P[i]["cue"], G[j]["cue"])
                        if ok or not strict_pass:
                            c["exact"] += 1
                            c["attr_strict"] += ok
                            free_p.remove(i)
                            free_g.remove(j)
                            break
    npair = c["partial"]

    def acc(k: str) -> float:
        return c[k] / npair if npair else 0.0

    return {
        "articles": len(texts),
        "articles_with_predictions": sum(1 for a in texts if a in pred),
        "n_gold": c["n_gold"], "n_pred": c["n_pred"],
        "content_exact": _prf(c["exact"], c["n_pred"], c["n_gold"]),
        "content_partial": _prf(c["partial"], c["n_pred"], c["n_gold"]),
        "content_tokens": _prf(*tok["content"]),
        "source_tokens": _prf(*tok["source"]),
        "cue_tokens": _prf(*tok["cue"]),
        "matched_pairs": npair,
        "source_acc_exact": acc("src_exact"),
        "source_acc_partial": acc("src_partial"),
        "cue_acc_partial": acc("cue_partial"),
        "attribution": _prf(c["attr"], c["n_pred"], c["n_gold"]),
        "attribution_strict": _prf(c["attr_strict"], c["n_pred"], c["n_gold"]),
    }


def format_table(res: Mapping[str, Any], title: str = "") -> str:
    """The reference scorer's table, line for line (hence its %-formatting)."""
    lines = [title] if title else []
    lines.append("articles %d (with predictions %d), gold attributions %d, predicted %d"
                 % (res["articles"], res["articles_with_predictions"], res["n_gold"], res["n_pred"]))
    lines.append("%-24s %7s %7s %7s %8s %8s %8s" % ("metric", "P", "R", "F1", "TP", "#pred", "#gold"))
    for k in HEADLINE_METRICS:
        m = res[k]
        lines.append("%-24s %7.3f %7.3f %7.3f %8d %8d %8d"
                     % (k, m["p"], m["r"], m["f1"], m["tp"], m["pred"], m["gold"]))
    lines.append("on %d PARTIAL-matched pairs: source_acc_exact %.3f  source_acc_partial %.3f  "
                 "cue_acc_partial %.3f" % (res["matched_pairs"], res["source_acc_exact"],
                                           res["source_acc_partial"], res["cue_acc_partial"]))
    return "\n".join(lines)
