"""Recall by kind of attribution: direct, mixed, indirect quotes and those with no source.

A gold attribution's kind follows the reference scorer's statistics: content
with a double quotation mark is direct or mixed (direct when the quoted part
covers all its words), otherwise indirect; "no source" is orthogonal.  Recall
of a kind counts gold attributions of that kind that were found under the
headline criterion (content overlap, source overlap, cue overlap) in the same
one-to-one matching as ``score``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from sayso.eval.scoring import ROLES, Prediction, _overlap_ok, _Tokens, partial_pairs
from sayso.nlp.quotes import find_quotes

KINDS = ("direct", "mixed", "indirect", "no_source")
_WORD = re.compile(r"\w+")


def gold_kind(text: str, content: Sequence[Sequence[int]]) -> str:
    chunk_marks = [text[s:e] for s, e in content]
    joined = " ".join(chunk_marks)
    if not any(q in joined for q in ('"', "\u201c", "\u201d", "\u201e", "\u201f", "\u00ab", "\u00bb", "\u2033",
                                     "''", "``")):
        return "indirect"
    quotes = find_quotes(text)
    words = [(s + m.start(), s + m.end()) for s, e in content for m in _WORD.finditer(text[s:e])]
    inside = sum(1 for a, b in words if any(q.start <= a and b <= q.end for q in quotes))
    return "direct" if words and inside == len(words) else "mixed"


def recall_by_kind(texts: Mapping[str, str], gold: Mapping[str, Sequence[Prediction]],
                   pred: Mapping[str, Sequence[Prediction]]) -> dict[str, Any]:
    found = dict.fromkeys(KINDS, 0)
    total = dict.fromkeys(KINDS, 0)
    for aid in sorted(texts):
        tk = _Tokens(texts[aid])
        golds = list(gold.get(aid, []))
        G = [{r: tk.tokset(a[r]) for r in ROLES} for a in golds]
        P = [{r: tk.tokset(a[r]) for r in ROLES} for a in pred.get(aid, [])]
        pairs = dict(partial_pairs(P, G))
        for j, g in enumerate(golds):
            kinds = [gold_kind(texts[aid], g["content"])]
            if not g["source"]:
                kinds.append("no_source")
            ok = False
            if j in pairs:
                i = pairs[j]
                ok = _overlap_ok(P[i]["source"], G[j]["source"]) and _overlap_ok(P[i]["cue"], G[j]["cue"])
            for k in kinds:
                total[k] += 1
                found[k] += ok
    return {k: {"gold": total[k], "found": found[k], "recall": found[k] / total[k] if total[k] else 0.0}
            for k in KINDS}
