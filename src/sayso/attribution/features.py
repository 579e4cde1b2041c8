"""Features for the two learned decisions: is this token a cue, and which
role (source, content or neither) does a token play for a given cue.

Features are strings; the linear model hashes them.  The role features rest
on where a token sits in the dependency tree relative to the cue (the branch
of the cue it hangs from: ``ccomp`` is usually content, ``nsubj`` source),
and on quotation marks, which the parser does not see.
"""

from __future__ import annotations

import sys

from sayso.attribution.table import TokenTable

#: Parts of speech whose words are kept as features (closed classes and the
#: cue-like ones); other words are represented by their part of speech only,
#: so the role model generalises over content words.
_KEEP_WORD_POS = frozenset({"ADP", "DET", "PRON", "SCONJ", "PUNCT", "AUX", "PART", "CCONJ"})
_CLAUSAL = frozenset({"ccomp", "xcomp", "advcl", "acl", "relcl", "parataxis", "conj"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "agent", "expl", "csubj"})

#: How far up from the cue the role features follow the tree.
_MAX_UP = 3
#: How many steps a token walks up the tree looking for the cue's ancestors.
_MAX_WALK = 60
#: Tokens in sentences further than this from the cue's sentence are not tagged.
SENTENCE_WINDOW = 1
#: The role window never exceeds this many tokens on either side of the cue.
MAX_WINDOW = 160


def _bucket(d: int) -> str:
    d = abs(d)
    if d <= 3:
        return str(d)
    if d <= 6:
        return "4-6"
    if d <= 12:
        return "7-12"
    if d <= 25:
        return "13-25"
    return "26+"


#: A feature column: its name and one key per row.  The feature's string is
#: ``name=key``, a key of several parts joined by "|"; the bias "b" has no key
#: (None).  The linear models hash the strings (``feature_string``); at run time
#: ``sayso.attribution.feature_index`` memoises each column's buckets by key, so
#: that the strings are built only for keys it has not seen.
Key = str | tuple[str, ...] | None
Column = tuple[str, list[Key]]


#: str() of a bool, one object each.
_BOOL = {True: "True", False: "False"}


def feature_string(name: str, key: Key) -> str:
    if key is None:
        return name
    return name + "=" + (key if key.__class__ is str else "|".join(key))  # type: ignore[arg-type]


def _rows_of(columns: list[Column], extra: list[list[tuple[str, Key]]] | None = None) -> list[list[str]]:
    """The feature strings of each row, columns first, then the row's own extra features."""
    n = len(columns[0][1])
    rows = [[feature_string(name, keys[r]) for name, keys in columns] for r in range(n)]
    for row, more in zip(rows, extra or ()):
        row.extend(feature_string(name, key) for name, key in more)
    return rows


def cue_feature_keys(t: TokenTable, cands: list[int]) -> tuple[list[Column], list[list[tuple[str, Key]]]]:
    """The cue features of each candidate token: 24 columns, then each token's ``kd`` and ``wkd``."""
    lower, pos, dep, tag, ent, head, children = t.lower, t.pos, t.dep, t.tag, t.ent, t.head, t.children
    n = t.n
    ws = [lower[i] for i in cands]
    ps = [pos[i] for i in cands]
    ds = [dep[i] for i in cands]
    heads = [head[i] for i in cands]
    kid_deps = [sorted({dep[k] for k in children[i]}) for i in cands]
    clause = [_BOOL[any(dep[k] in ("ccomp", "xcomp", "parataxis") for k in children[i])] for i in cands]
    subj_kind = []
    for i in cands:
        subj = next((k for k in children[i] if dep[k] in _SUBJECTS), -1)
        subj_kind.append("none" if subj < 0 else (ent[subj] or pos[subj]))
    prev_w = [lower[i - 1] if i > 0 else "<s>" for i in cands]
    next_w = [lower[i + 1] if i + 1 < n else "</s>" for i in cands]
    next2 = [lower[i + 2] if i + 2 < n else "</s>" for i in cands]
    if t.sent_bounds:
        sent_quote = [_BOOL[t.sent_has_quote[t.sent[i]]] for i in cands]
    else:
        sent_quote = ["False"] * len(cands)
    q = [_BOOL[t.quote[i] >= 0] for i in cands]
    columns: list[Column] = [
        ("b", [None] * len(cands)), ("w", ws), ("p", ps), ("t", [tag[i] for i in cands]), ("d", ds),
        ("wp", list(zip(ws, ps))), ("wd", list(zip(ws, ds))), ("hw", [lower[h] for h in heads]),
        ("hd", [dep[h] for h in heads]), ("hp", [pos[h] for h in heads]),
        ("kc", clause), ("wkc", list(zip(ws, clause))), ("pdkc", list(zip(ps, ds, clause))),
        ("sk", subj_kind), ("wsk", list(zip(ws, subj_kind))),
        ("q", q), ("sq", sent_quote), ("wsq", list(zip(ws, sent_quote, q))),
        ("pw", prev_w), ("nw", next_w), ("wn", list(zip(ws, next_w))), ("wn2", list(zip(ws, next_w, next2))),
        ("pwp", list(zip(prev_w, ps))), ("suf", [(w[-3:], p) for w, p in zip(ws, ps)]),
    ]
    extra: list[list[tuple[str, Key]]] = [
        [("kd", d) for d in kds] + [("wkd", (w, d)) for d in kds] for w, kds in zip(ws, kid_deps)]
    return columns, extra


def cue_features(t: TokenTable, i: int) -> list[str]:
    return _rows_of(*cue_feature_keys(t, [i]))[0]


class RoleContext:
    """Per-cue precomputation: the window and each token's tree relation to the cue."""

    __slots__ = ("adjacent_quotes", "cue", "cue_clause", "cue_quote", "cue_word", "hi", "lo", "rel")

    def __init__(self, t: TokenTable, c: int) -> None:
        self.cue = c
        sc = t.sent[c]
        lo_s = max(0, sc - SENTENCE_WINDOW)
        hi_s = min(len(t.sent_bounds) - 1, sc + SENTENCE_WINDOW) if t.sent_bounds else 0
        lo = t.sent_bounds[lo_s][0] if t.sent_bounds else 0
        hi = t.sent_bounds[hi_s][1] if t.sent_bounds else t.n - 1
        # Stay inside the cue's paragraph, but keep whole any quote that touches the window.
        para = t.para[c]
        while lo < c and t.para[lo] != para:
            lo += 1
        while hi > c and t.para[hi] != para:
            hi -= 1
        for qn in t.quotes_near(lo, hi):
            qa, qb = t.quote_tokens[qn]
            if qa <= hi and qb >= lo and t.para[qa] == para:
                lo, hi = min(lo, qa), max(hi, qb)
        self.lo = max(lo, c - MAX_WINDOW)
        self.hi = min(hi, c + MAX_WINDOW)
        self.cue_word = t.lower[c]
        self.cue_clause = str(any(t.dep[k] in ("ccomp", "xcomp", "parataxis") for k in t.children[c]))
        self.cue_quote = t.quote[c]
        self.adjacent_quotes = _adjacent_quotes(t, c)
        self.rel = _relations(t, c, self.lo, self.hi)


def _adjacent_quotes(t: TokenTable, c: int) -> frozenset[int]:
    """Quotes that end just before the cue's clause or start just after it."""
    out = set()
    s0, s1 = t.sent_bounds[t.sent[c]] if t.sent_bounds else (0, t.n - 1)
    for qn in t.quotes_near(max(0, min(s0 - 1, c - MAX_WINDOW)), max(s1 + 1, c + 12)):
        qa, qb = t.quote_tokens[qn]
        if qb < c and qb >= s0 - 1 and not any(
            t.quote[k] >= 0 and t.quote[k] != qn for k in range(qb + 1, c)
        ) or qa > c and qa <= s1 + 1 and qa - c <= 12 or qa <= c <= qb:
            out.add(qn)
    return frozenset(out)


def _relations(t: TokenTable, c: int, lo: int, hi: int) -> dict[int, str]:
    """Each window token's place in the tree relative to the cue.

    "D:<dep>" below the cue (the cue's child it hangs from), "U:<up>:<dep>" an
    ancestor, "S:<up>:<dep>:<dep>" a side branch of an ancestor; tokens whose
    lowest common ancestor with the cue is not reached get none.  Each token
    walks up only until it meets the cue's ancestor line, at most _MAX_WALK
    steps, so a cue costs in proportion to its window, never to its sentence.
    """
    line: dict[int, tuple[int, int]] = {c: (0, c)}  # ancestor -> (steps up from the cue, its child toward the cue)
    prev, a, up = c, t.head[c], 1
    while a != prev and up <= _MAX_WALK:
        line[a] = (up, prev)
        prev, a, up = a, t.head[a], up + 1
    rel: dict[int, str] = {}
    for k in range(lo, hi + 1):
        below, node, steps = -1, k, 0
        while node not in line and steps < _MAX_WALK:
            parent = t.head[node]
            if parent == node:
                break
            below, node, steps = node, parent, steps + 1
        if node not in line:
            continue
        up, toward_cue = line[node]
        if node == c:
            rel[k] = "C" if below < 0 else "D:" + t.dep[below]
        else:
            tag = f"{min(up, _MAX_UP)}:{t.dep[toward_cue]}"
            rel[k] = "U:" + tag if below < 0 else "S:" + tag + ":" + t.dep[below]
    return rel


#: Side and distance bucket ("L4-6") for every distance a role window allows, and small
#: sentence distances as strings: made once, so that equal keys are one object.
_SIDE_BUCKETS = {side: tuple(side + _bucket(d) for d in range(MAX_WINDOW + 1)) for side in "LRC"}
_SENTENCE_DISTANCES = {d: str(d) for d in range(-9, 10)}


def role_feature_keys(t: TokenTable, ctx: RoleContext, window: list[int]) -> list[Column]:
    """The role features of each token of ``window`` for the cue of ``ctx``: 20 columns."""
    c = ctx.cue
    cw, cc = ctx.cue_word, ctx.cue_clause
    get = ctx.rel.get
    # One object per distinct relation: the memo then compares keys by identity, not by content.
    rels = [get(k, "X") for k in window]
    same = {r: sys.intern(r) for r in set(rels)}
    rels = [same[r] for r in rels]
    top_of = {r: ":".join(r.split(":")[:3]) for r in set(rels)}
    tops = [top_of[r] for r in rels]
    sent, sc = t.sent, t.sent[c]
    sds = [_SENTENCE_DISTANCES.get(sent[k] - sc) or str(sent[k] - sc) for k in window]
    sides = ["L" if k < c else ("R" if k > c else "C") for k in window]
    dist = [_SIDE_BUCKETS[s][abs(k - c)] if abs(k - c) <= MAX_WINDOW else s + _bucket(k - c)
            for s, k in zip(sides, window)]
    ps = [t.pos[k] for k in window]
    lower = t.lower
    ws = [lower[k] if p in _KEEP_WORD_POS else p for k, p in zip(window, ps)]
    cq, adjacent, quote = ctx.cue_quote, ctx.adjacent_quotes, t.quote
    qs = ["none" if q < 0 else ("same" if q == cq else ("adj" if q in adjacent else "other"))
          for q in (quote[k] for k in window)]
    ent = t.ent
    return [
        ("b", [None] * len(window)), ("r", rels), ("rt", tops), ("rcw", [(r, cw) for r in rels]),
        ("rcc", [(r, cc) for r in rels]), ("sd", sds), ("side", sides), ("dist", dist),
        ("p", ps), ("d", [t.dep[k] for k in window]), ("w", ws), ("pr", list(zip(ps, rels))),
        ("wr", list(zip(ws, tops))), ("q", qs), ("qr", list(zip(qs, tops))), ("qs", list(zip(qs, sides, sds))),
        ("qcc", [(q, cc, s) for q, s in zip(qs, sides)]), ("cw", [(cw, s, q) for s, q in zip(sides, qs)]),
        ("e", [(ent[k] or "-", x) for k, x in zip(window, tops)]), ("sdr", list(zip(sds, tops, qs))),
    ]


def role_features(t: TokenTable, ctx: RoleContext, k: int) -> list[str]:
    return _rows_of(role_feature_keys(t, ctx, [k]))[0]
