"""Features for the two learned decisions: is this token a cue, and which
role (source, content or neither) does a token play for a given cue.

Features are strings; the linear model hashes them.  The role features rest
on where a token sits in the dependency tree relative to the cue (the branch
of the cue it hangs from: ``ccomp`` is usually content, ``nsubj`` source),
and on quotation marks, which the parser does not see.
"""

from __future__ import annotations

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


def cue_features(t: TokenTable, i: int) -> list[str]:
    w, pos, dep = t.lower[i], t.pos[i], t.dep[i]
    h = t.head[i]
    kids = t.children[i]
    kid_deps = sorted({t.dep[k] for k in kids})
    has_clause = any(t.dep[k] in ("ccomp", "xcomp", "parataxis") for k in kids)
    subj = next((k for k in kids if t.dep[k] in _SUBJECTS), -1)
    subj_kind = "none" if subj < 0 else (t.ent[subj] or t.pos[subj])
    prev_w = t.lower[i - 1] if i > 0 else "<s>"
    next_w = t.lower[i + 1] if i + 1 < t.n else "</s>"
    next2 = t.lower[i + 2] if i + 2 < t.n else "</s>"
    sent_quote = t.sent_has_quote[t.sent[i]] if t.sent_bounds else False
    q = t.quote[i] >= 0
    f = [
        "b", "w=" + w, "p=" + pos, "t=" + t.tag[i], "d=" + dep, "wp=" + w + "|" + pos,
        "wd=" + w + "|" + dep, "hw=" + t.lower[h], "hd=" + t.dep[h], "hp=" + t.pos[h],
        "kc=" + str(has_clause), "wkc=" + w + "|" + str(has_clause),
        "pdkc=" + pos + "|" + dep + "|" + str(has_clause),
        "sk=" + subj_kind, "wsk=" + w + "|" + subj_kind,
        "q=" + str(q), "sq=" + str(sent_quote), "wsq=" + w + "|" + str(sent_quote) + "|" + str(q),
        "pw=" + prev_w, "nw=" + next_w, "wn=" + w + "|" + next_w, "wn2=" + w + "|" + next_w + "|" + next2,
        "pwp=" + prev_w + "|" + pos, "suf=" + w[-3:] + "|" + pos,
    ]
    f.extend("kd=" + d for d in kid_deps)
    f.extend("wkd=" + w + "|" + d for d in kid_deps)
    return f


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


def role_features(t: TokenTable, ctx: RoleContext, k: int) -> list[str]:
    c = ctx.cue
    rel = ctx.rel.get(k, "X")
    sd = t.sent[k] - t.sent[c]
    side = "L" if k < c else ("R" if k > c else "C")
    pos = t.pos[k]
    w = t.lower[k] if pos in _KEEP_WORD_POS else pos
    qk = t.quote[k]
    in_q = qk >= 0
    q_rel = "none" if not in_q else ("same" if qk == ctx.cue_quote else ("adj" if qk in ctx.adjacent_quotes else "other"))
    cw = ctx.cue_word
    top = ":".join(rel.split(":")[:3])
    return [
        "b", "r=" + rel, "rt=" + top, "rcw=" + rel + "|" + cw, "rcc=" + rel + "|" + ctx.cue_clause,
        "sd=" + str(sd), "side=" + side, "dist=" + side + _bucket(k - c),
        "p=" + pos, "d=" + t.dep[k], "w=" + w, "pr=" + pos + "|" + rel, "wr=" + w + "|" + top,
        "q=" + q_rel, "qr=" + q_rel + "|" + top, "qs=" + q_rel + "|" + side + "|" + str(sd),
        "qcc=" + q_rel + "|" + ctx.cue_clause + "|" + side,
        "cw=" + cw + "|" + side + "|" + q_rel, "e=" + (t.ent[k] or "-") + "|" + top,
        "sdr=" + str(sd) + "|" + top + "|" + q_rel,
    ]
