"""Features for the two learned decisions: is this token a cue, and which
role (source, content or neither) does a token play for a given cue.

Features are strings; the linear model hashes them.  The role features rest
on where a token sits in the dependency tree relative to the cue (the branch
of the cue it hangs from: ``ccomp`` is usually content, ``nsubj`` source),
and on quotation marks, which the parser does not see.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

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


Key = str | tuple[str, ...] | None

#: Bits of a string's number in a coded key: up to three parts make one int64.
_ID_BITS = 21
_ID_MASK = (1 << _ID_BITS) - 1
#: Strings numbered before a new numbering starts (at the next article's table): the
#: numbers are never reused within one numbering, so their memos stay exact.
MAX_NUMBERED_STRINGS = 500_000


class StringNumbers:
    """Each string met a number, so that a key of up to three strings is one int64.

    A new numbering (``generation``) starts when more than
    ``MAX_NUMBERED_STRINGS`` strings are numbered, only between articles
    (``table_numbers``); the memos of coded keys start again with it.  An
    article adds at most a few strings a token, and the guard caps it at
    300,000 tokens, so its numbers stay under 2**21.  Keys made while another
    thread's article started a new numbering are made again (the feature
    functions compare the generation before and after).
    """

    def __init__(self) -> None:
        self.generation = 0
        self.numbers: dict[str, int] = {}
        self.strings: list[str] = []

    def renew_if_full(self) -> None:
        if len(self.strings) > MAX_NUMBERED_STRINGS:
            self.generation += 1
            self.numbers, self.strings = {}, []

    def of(self, values: list[str]) -> np.ndarray:
        numbers = self.numbers
        out = list(map(numbers.get, values))
        if None in out:
            strings = self.strings
            for j, n in enumerate(out):
                if n is None:
                    v = values[j]
                    n = numbers.get(v)
                    if n is None:
                        n = numbers[v] = len(strings)
                        strings.append(v)
                        if n > _ID_MASK:
                            raise OverflowError("more strings in one article than feature keys can number")
                    out[j] = n
        return np.array(out, dtype=np.int64)

    def one(self, value: str) -> int:
        return int(self.of([value])[0])


NUMBERS = StringNumbers()


class CodedKeys:
    """A column's keys as numbers: each key's parts' string numbers (``StringNumbers``), packed.

    ``keys()`` gives the keys back; ``feature_index.ColumnMemo`` looks the
    buckets up by the numbers, so a recurring key costs an int's dictionary
    look-up, not a tuple's.  (A plain class: a frozen dataclass's constructor
    costs several times more, and a cue makes 20 of these.)
    """

    __slots__ = ("codes", "generation", "parts", "strings")

    def __init__(self, codes: np.ndarray, parts: int, generation: int, strings: list[str]) -> None:
        self.codes = codes  # int64
        self.parts = parts
        self.generation = generation
        self.strings = strings  # the numbering's strings, by number

    def key(self, code: int) -> Key:
        s = self.strings
        if self.parts == 1:
            return s[code]
        if self.parts == 2:
            return (s[code >> _ID_BITS], s[code & _ID_MASK])
        return (s[code >> 2 * _ID_BITS], s[(code >> _ID_BITS) & _ID_MASK], s[code & _ID_MASK])

    def feature(self, name: str, code: int) -> str:
        """``feature_string(name, self.key(code))``, without the key."""
        s = self.strings
        if self.parts == 1:
            return f"{name}={s[code]}"
        if self.parts == 2:
            return f"{name}={s[code >> _ID_BITS]}|{s[code & _ID_MASK]}"
        return f"{name}={s[code >> 2 * _ID_BITS]}|{s[(code >> _ID_BITS) & _ID_MASK]}|{s[code & _ID_MASK]}"

    def keys(self) -> list[Key]:
        return [self.key(c) for c in self.codes.tolist()]

    def __len__(self) -> int:
        return len(self.codes)


def _coded(*parts: np.ndarray | int) -> CodedKeys:
    code = parts[0]
    for p in parts[1:]:
        code = (code << _ID_BITS) | p
    return CodedKeys(np.asarray(code), len(parts), NUMBERS.generation, NUMBERS.strings)


@dataclass(frozen=True, slots=True)
class TableNumbers:
    """A token table's strings as numbers, one array per attribute (made once per table)."""

    generation: int
    lower: np.ndarray
    pos: np.ndarray
    tag: np.ndarray
    dep: np.ndarray
    role_word: np.ndarray  # the role feature "w": the word for closed classes, else its part of speech
    role_ent: np.ndarray  # the role feature "e"'s entity part: the label, or "-"
    head: np.ndarray  # intp
    sent: np.ndarray  # intp
    quote: np.ndarray  # intp
    true_false: np.ndarray  # the numbers of "True" and "False"
    sides: np.ndarray  # "L", "R", "C"
    side_distances: np.ndarray  # [side (L, R, C), distance]: the number of _SIDE_BUCKETS[side][distance]
    sentence_distances: np.ndarray  # [9 + d]: the number of _SENTENCE_DISTANCES[d]
    quote_kinds: np.ndarray  # "none", "same", "adj", "other"


def table_numbers(t: TokenTable) -> TableNumbers:
    """The numbers of ``t``'s strings, kept in ``t.scratch`` for its other cues."""
    got = t.scratch.get("numbers")
    if got is not None and got.generation == NUMBERS.generation:
        return got  # type: ignore[no-any-return]
    NUMBERS.renew_if_full()
    of = NUMBERS.of
    pos = of(t.pos)
    lower = of(t.lower)
    keep = np.fromiter((p in _KEEP_WORD_POS for p in t.pos), dtype=bool, count=t.n)
    ent = of(t.ent)
    blank = np.fromiter((not e for e in t.ent), dtype=bool, count=t.n)
    got = t.scratch["numbers"] = TableNumbers(
        generation=NUMBERS.generation, lower=lower, pos=pos, tag=of(t.tag), dep=of(t.dep),
        role_word=np.where(keep, lower, pos), role_ent=np.where(blank, NUMBERS.one("-"), ent),
        head=np.asarray(t.head, dtype=np.intp), sent=np.asarray(t.sent, dtype=np.intp),
        quote=np.asarray(t.quote, dtype=np.intp), true_false=of(["True", "False"]), sides=of(["L", "R", "C"]),
        side_distances=np.stack([of(list(_SIDE_BUCKETS[side])) for side in "LRC"]),
        sentence_distances=of([_SENTENCE_DISTANCES[d] for d in range(-9, 10)]),
        quote_kinds=of(["none", "same", "adj", "other"]),
    )
    return got


#: A feature column: its name and one key per row, as keys or as ``CodedKeys``.
#: The feature's string is ``name=key``, a key of several parts joined by "|";
#: the bias "b" has no key (None).  The linear models hash the strings
#: (``feature_string``); at run time ``sayso.attribution.feature_index``
#: memoises each column's buckets by key, so that the strings are built only
#: for keys it has not seen.
Column = tuple[str, "list[Key] | CodedKeys"]


#: str() of a bool, one object each.
_BOOL = {True: "True", False: "False"}


def feature_string(name: str, key: Key) -> str:
    if key is None:
        return name
    return name + "=" + (key if key.__class__ is str else "|".join(key))  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class RowTails:
    """Features that a row has any number of, after its fixed columns: row r has ``counts[r]`` keys of
    each of these columns, the first column's keys, then the second's.  A column's keys are every
    row's in turn."""

    counts: list[int]
    columns: list[Column]

    def per_row(self) -> list[list[tuple[str, Key]]]:
        plain = [(name, keys.keys() if isinstance(keys, CodedKeys) else keys) for name, keys in self.columns]
        out: list[list[tuple[str, Key]]] = []
        at = 0
        for count in self.counts:
            out.append([(name, keys[j]) for name, keys in plain for j in range(at, at + count)])
            at += count
        return out


def _rows_of(columns: list[Column], tails: RowTails | None = None) -> list[list[str]]:
    """The feature strings of each row, columns first, then the row's ``tails``."""
    n = len(columns[0][1])
    plain = [(name, keys.keys() if isinstance(keys, CodedKeys) else keys) for name, keys in columns]
    rows = [[feature_string(name, keys[r]) for name, keys in plain] for r in range(n)]
    for row, more in zip(rows, tails.per_row() if tails else ()):
        row.extend(feature_string(name, key) for name, key in more)
    return rows


def cue_feature_keys(t: TokenTable, cands: list[int]) -> tuple[list[Column], RowTails]:
    """The cue features of each candidate token: 24 columns, then each token's ``kd`` and ``wkd``."""
    lower, dep, children, ent, pos = t.lower, t.dep, t.children, t.ent, t.pos
    nums = table_numbers(t)
    of = NUMBERS.of
    m = len(cands)
    at = np.asarray(cands, dtype=np.intp)
    ws, ps, ds = nums.lower[at], nums.pos[at], nums.dep[at]
    heads = nums.head[at]
    kid_deps = [sorted({dep[k] for k in children[i]}) for i in cands]
    true, false = of(["True", "False"])
    clause = np.where(np.fromiter((any(dep[k] in ("ccomp", "xcomp", "parataxis") for k in children[i])
                                   for i in cands), dtype=bool, count=m), true, false)
    subj_kind = []
    for i in cands:
        subj = next((k for k in children[i] if dep[k] in _SUBJECTS), -1)
        subj_kind.append("none" if subj < 0 else (ent[subj] or pos[subj]))
    sk = of(subj_kind)
    start, end = of(["<s>", "</s>"])
    lower_ends = np.concatenate(([start], nums.lower, [end, end]))  # token i at i + 1
    prev_w, next_w, next2 = lower_ends[at], lower_ends[at + 2], lower_ends[at + 3]
    if t.sent_bounds:
        sent_quote = np.where(np.asarray(t.sent_has_quote, dtype=bool)[nums.sent[at]], true, false)
    else:
        sent_quote = np.full(m, false)
    q = np.where(nums.quote[at] >= 0, true, false)
    suffix = of([lower[i][-3:] for i in cands])
    columns: list[Column] = [
        ("b", [None] * m), ("w", _coded(ws)), ("p", _coded(ps)), ("t", _coded(nums.tag[at])), ("d", _coded(ds)),
        ("wp", _coded(ws, ps)), ("wd", _coded(ws, ds)), ("hw", _coded(nums.lower[heads])),
        ("hd", _coded(nums.dep[heads])), ("hp", _coded(nums.pos[heads])),
        ("kc", _coded(clause)), ("wkc", _coded(ws, clause)), ("pdkc", _coded(ps, ds, clause)),
        ("sk", _coded(sk)), ("wsk", _coded(ws, sk)),
        ("q", _coded(q)), ("sq", _coded(sent_quote)), ("wsq", _coded(ws, sent_quote, q)),
        ("pw", _coded(prev_w)), ("nw", _coded(next_w)), ("wn", _coded(ws, next_w)),
        ("wn2", _coded(ws, next_w, next2)), ("pwp", _coded(prev_w, ps)), ("suf", _coded(suffix, ps)),
    ]
    counts = [len(kds) for kds in kid_deps]
    kd = of([d for kds in kid_deps for d in kds])
    tails = RowTails(counts, [("kd", _coded(kd)), ("wkd", _coded(np.repeat(ws, counts), kd))])
    if nums.generation != NUMBERS.generation:  # numbered anew meanwhile (another thread's article): again
        return cue_feature_keys(t, cands)
    return columns, tails


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


#: The row of ``TableNumbers.side_distances`` (L, R, C) for np.sign(k - cue) + 1.
_SIDE_OF_SIGN = np.array([0, 2, 1], dtype=np.intp)


def role_feature_keys(t: TokenTable, ctx: RoleContext, window: list[int]) -> list[Column]:
    """The role features of each token of ``window`` for the cue of ``ctx``: 20 columns."""
    nums = table_numbers(t)
    of = NUMBERS.of
    c = ctx.cue
    at = np.asarray(window, dtype=np.intp)
    get = ctx.rel.get
    rel_strings = [get(k, "X") for k in window]
    top_of = {r: ":".join(r.split(":")[:3]) for r in set(rel_strings)}
    rels, tops = of(rel_strings), of([top_of[r] for r in rel_strings])
    cw = NUMBERS.one(ctx.cue_word)
    cc = int(nums.true_false[0 if ctx.cue_clause == "True" else 1])
    to_cue = at - c
    sd = nums.sent[at] - nums.sent[c]
    if len(sd) and np.abs(sd).max() > 9:
        sds = of([_SENTENCE_DISTANCES.get(d) or str(d) for d in sd.tolist()])
    else:
        sds = nums.sentence_distances[sd + 9]
    side_index = _SIDE_OF_SIGN[np.sign(to_cue) + 1]
    sides = nums.sides[side_index]
    dist = nums.side_distances[side_index, np.abs(to_cue)]  # the window never reaches past MAX_WINDOW
    ps, ws = nums.pos[at], nums.role_word[at]
    # Each quote's kind for this cue ("other" unless adjacent or the cue's own); the last, for -1, "none".
    kind_of_quote = np.full(len(t.quotes) + 1, 3, dtype=np.intp)
    kind_of_quote[list(ctx.adjacent_quotes)] = 2
    if ctx.cue_quote >= 0:
        kind_of_quote[ctx.cue_quote] = 1
    kind_of_quote[-1] = 0
    qs = nums.quote_kinds[kind_of_quote[nums.quote[at]]]
    columns: list[Column] = [
        ("b", [None] * len(window)), ("r", _coded(rels)), ("rt", _coded(tops)), ("rcw", _coded(rels, cw)),
        ("rcc", _coded(rels, cc)), ("sd", _coded(sds)), ("side", _coded(sides)), ("dist", _coded(dist)),
        ("p", _coded(ps)), ("d", _coded(nums.dep[at])), ("w", _coded(ws)), ("pr", _coded(ps, rels)),
        ("wr", _coded(ws, tops)), ("q", _coded(qs)), ("qr", _coded(qs, tops)), ("qs", _coded(qs, sides, sds)),
        ("qcc", _coded(qs, cc, sides)), ("cw", _coded(cw, sides, qs)),
        ("e", _coded(nums.role_ent[at], tops)), ("sdr", _coded(sds, tops, qs)),
    ]
    if nums.generation != NUMBERS.generation:  # numbered anew meanwhile (another thread's article): again
        return role_feature_keys(t, ctx, window)
    return columns


def role_features(t: TokenTable, ctx: RoleContext, k: int) -> list[str]:
    return _rows_of(role_feature_keys(t, ctx, [k]))[0]
