"""Find attributions in a parsed article: cues first, then each cue's source and content.

Pure functions over a TokenTable and the two linear models; the result is
token-level (``RawAttribution``) and is turned into records by
``sayso.attribution.build``.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, replace

import numpy as np

from sayso import lexicon
from sayso.attribution.feature_index import collector_paused
from sayso.attribution.features import RoleContext, cue_feature_keys, role_feature_keys
from sayso.attribution.linear import LinearModel
from sayso.attribution.sources import without_dateline
from sayso.attribution.table import DASHES, TokenTable
from sayso.attribution.tokens import CLOSING_QUOTE_TOKENS, OPENING_QUOTE_TOKENS, SUBJECT_DEPS, bridged_runs
from sayso.attribution.zones import ends_a_sentence
from sayso.kinds import RULE_NESTED_CONFIDENCE

#: Word classes that can carry a cue.  Others are never scored, which keeps
#: the cue model's work proportional to verbs and nouns, not to all tokens.
CUE_POS = frozenset({"VERB", "NOUN", "AUX", "ADP", "PUNCT", "ADJ", "PROPN", "SCONJ", "ADV"})
#: The commonest reporting verbs, and the probability at which they count as cues
#: when they have a subject (see _core_cue).
CORE_REPORTING_VERBS = frozenset({
    "said", "says", "say", "told", "tells", "tell", "reported", "reports", "added", "adds", "stated",
    "announced", "wrote", "tweeted", "claimed", "argued", "insisted", "noted", "explained", "warned",
    "acknowledged",
})
#: Content tokens must beat this probability on balance (see find_roles).
CONTENT_BIAS = 0.5
#: Punctuation that can be a cue: "PENCE: ..." in transcripts, "“...” ― Name" in captions.
_PUNCT_CUES = frozenset({":", "\u2014", "\u2013", "\u2015", "-", "--", "\u201d\u2015"})


@dataclass(frozen=True, slots=True)
class Thresholds:
    #: Tuned on PolNeAR dev (attribution F1 0.687 at 0.4, 0.698 at 0.5).
    cue: float = 0.5
    #: A plain reporting verb with a subject counts from this probability (see _core_cue).
    core_floor: float = 0.3


#: The accurate mode's threshold on the mixed cue probability (tuned on PolNeAR dev).  Its
#: scores need no floor for reporting verbs: the 8 cues the floor added on dev were 1 right.
ACCURATE_THRESHOLDS = Thresholds(cue=0.5, core_floor=0.5)
#: The encoder's share of the mixed log-odds for cues and for roles (tuned on PolNeAR dev with
#: the seven-epoch encoder: attribution F1 0.799 to 0.807 over nine points around these).
ACCURATE_CUE_WEIGHT = 0.8
ACCURATE_ROLE_WEIGHT = 0.8


@dataclass(frozen=True, slots=True)
class Neural:
    """The accurate mode's encoder, its scores for one article, and how they mix with the linear ones.

    Scores are mixed as weighted log-odds: ``weight`` is the encoder's share
    (1.0 would ignore the linear models).
    """

    encoded: object  # sayso.attribution.neural.EncodedArticle
    model: object  # sayso.nlp.encoder.Encoder
    cue_weight: float
    role_weight: float


@dataclass(frozen=True, slots=True)
class RawAttribution:
    cue_head: int
    cue: tuple[int, ...]
    source: tuple[int, ...]
    content: tuple[tuple[int, int], ...]  # token runs, inclusive
    cue_probability: float


def cue_candidates(t: TokenTable) -> list[int]:
    return [i for i in range(t.n) if not t.is_space[i] and t.pos[i] in CUE_POS
            and (t.pos[i] != "PUNCT" or t.words[i] in _PUNCT_CUES)]


def find_cues(t: TokenTable, model: LinearModel, thresholds: Thresholds,
              neural: Neural | None = None) -> list[tuple[int, float]]:
    cands = cue_candidates(t)
    if not cands:
        return []
    probs = model.probabilities_of(model.memo().rows(*cue_feature_keys(t, cands)))[:, 1]
    if neural is not None:
        p = np.clip(probs, 1e-6, 1 - 1e-6)
        linear = np.log(p / (1 - p))
        encoder = neural.encoded.cue_logits[cands]  # type: ignore[attr-defined]
        mixed = (1 - neural.cue_weight) * linear + neural.cue_weight * encoder
        # Words the encoder did not reach (time budget) keep the linear score.
        mixed = np.where(neural.encoded.chunk_of[cands] >= 0, mixed, linear)  # type: ignore[attr-defined]
        probs = 1 / (1 + np.exp(-mixed))
    return [(i, float(p)) for i, p in zip(cands, probs)
            if p >= thresholds.cue or _core_cue(t, i, float(p), thresholds.core_floor)
            or _held_by(t, i, with_clause=True) is not None or quoted_reporting_verb(t, i)]


def quoted_reporting_verb(t: TokenTable, i: int) -> bool:
    """A verb of speech or thought with its own subject inside a quotation: an attribution nested in
    the quote (rule ``quoted_cue``).

    PolNeAR marks only the outermost attribution, so the models trained on it
    score these low (issue 27: "I told Trump that ...", "Trump said to me ...",
    "we were told ...", "I think the public understand ..."). The verbs are
    lexicon/quoted_cue_verbs.txt: one of speech needs a subject (its own, or
    that of the verb it is joined to: "Axios sat back and said ..."), some
    also a clause they hold ("as I wrote [that ...]"), and one of thought a
    clause and a subject who is not the quoted speaker: "I think" and "we
    hope" only hedge what the speaker says. They are
    kept only inside another attribution's content (see ``extract``).
    """
    if t.quote[i] < 0:
        return False
    if t.lower[i] == "according" and i + 1 < t.n and t.lower[i + 1] == "to":
        return True
    kind = lexicon.tagged("quoted_cue_verbs").get(t.lower[i])
    if not kind:
        return False
    # A word with a subject of its own is a verb whatever its tag ("People ... indicate that ...").
    own_subject = any(t.dep[k] in SUBJECT_DEPS for k in t.children[i])
    if t.pos[i] not in ("VERB", "AUX") and not own_subject:
        return False
    verb = t.head[i] if t.dep[i] == "conj" else i
    if not own_subject and t.dep[i] == "xcomp" and any(
            t.dep[k] in SUBJECT_DEPS and t.lower[k] not in _FIRST_AND_SECOND for k in t.children[t.head[i]]):
        # "Shell wishes to clarify that ...", "the CoA has tried its best to deny ...": the subject of
        # the verb it completes, when that is not the quoted speaker or the one spoken to ("I want to
        # say ..." only leads into what the speaker says).
        verb = t.head[i]
    if not own_subject and not any(t.dep[k] in SUBJECT_DEPS for k in t.children[verb]):
        return False
    passive = next((k for k in t.children[i] if t.dep[k] == "nsubjpass"), None)
    if passive is not None and t.lower[passive] not in _TOLD_PERSONS and not any(
            t.dep[k] == "agent" for k in t.children[i]):
        return False  # "whose terrorist nature cannot be denied", "it's assumed that ...": nobody speaks
    if "speech" in kind:
        return True
    if not any(t.dep[k] == "ccomp" for k in t.children[i]):
        return False
    # The quoted speaker's own "I think" hedges what they say; "the public understand" reports.
    return "clause" in kind or not any(t.dep[k] in SUBJECT_DEPS and t.lower[k] in ("i", "we", "you")
                                       for k in t.children[verb])


#: The quoted speaker and the one spoken to, as subjects.
_FIRST_AND_SECOND = frozenset({"i", "we", "you"})
#: Who a passive cue inside a quotation says was told or asked ("we were told ...", "I was asked ...").
_TOLD_PERSONS = frozenset({"i", "we", "you", "he", "she", "they"})


def earlier_parts(t: TokenTable, k: int) -> list[tuple[int, int]]:
    """Token runs of the earlier paragraphs of the quotation that holds token k, nearest first.

    A quotation over several paragraphs re-opens at each one and leaves the one before open (the
    news convention; sayso.nlp.quotes reports each paragraph's part as a quote of its own): an
    attribution of its first part holds the later parts too.
    """
    out: list[tuple[int, int]] = []
    q = t.quote[k]
    while q > 0:
        before, this = t.quotes[q - 1], t.quotes[q]
        gap = t.text[before.end:this.start]
        left_open = t.text[before.start:before.end].rstrip()[-1:] not in _CLOSING_DOUBLE
        if not (left_open and gap.count("\n") >= 1 and not gap.strip()):
            break
        out.append(t.quote_tokens[q - 1])
        q -= 1
    return out


#: Marks that close a double quotation (a paragraph's part ending with one was closed, not left open).
_CLOSING_DOUBLE = frozenset({"\u201d", '"', "\u00bb", "\u2033"})


def holds(t: TokenTable, outer: RawAttribution, k: int) -> bool:
    """Whether an attribution's content holds token k, or an earlier paragraph of k's quotation
    that it says from outside it (not "I told him ..." inside that paragraph)."""
    if holds_token(outer, k):
        return True
    if t.quote[k] < 0:
        return False
    parts = earlier_parts(t, k)
    return not any(a <= outer.cue_head <= b for a, b in parts) and any(
        x <= b and a <= y for a, b in parts for x, y in outer.content)


def _core_cue(t: TokenTable, i: int, p: float, floor: float) -> bool:
    """A plain reporting verb with its own subject is a cue on weaker evidence.

    The model is unsure of a second "told" conjoined to a first ("Zelensky
    told Trump that ..., inside sources told Axios"); on PolNeAR dev this
    floor adds recall at no cost in precision.
    """
    return p >= floor and t.lower[i] in CORE_REPORTING_VERBS and any(
        t.dep[k] in SUBJECT_DEPS for k in t.children[i])


def cue_span(t: TokenTable, c: int) -> tuple[int, ...]:
    """The cue's head plus the nearby words that belong to it, as PolNeAR marks cues.

    "according to", "pointed out", "has not said", "publicly stated", "is
    confident", "the claim of".  Each dependency here is part of the gold cue
    in 70-99% of PolNeAR train (cue token F1 on dev 0.57 -> 0.62).
    """
    toks = {c}
    if t.lower[c] == "according" and c + 1 < t.n and t.lower[c + 1] == "to":
        toks.add(c + 1)
    for k in t.children[c]:
        d = t.dep[k]
        if abs(k - c) > 3 or t.is_punct[k]:
            continue
        verbal = d in ("aux", "auxpass", "neg", "prt") or (d == "advmod" and k < c and t.pos[k] == "ADV")
        copular = t.pos[c] == "AUX" and d in ("acomp", "attr") and k > c
        nominal = t.pos[c] == "NOUN" and ((d in ("amod", "det") and k < c) or (d == "prep" and k == c + 1))
        if verbal or copular or nominal:
            toks.add(k)
    return tuple(sorted(toks))


def _best_segment(values: list[float]) -> tuple[int, int] | None:
    """The contiguous stretch with the largest sum (Kadane), or None when nothing is positive."""
    best, cur, start = 0.0, 0.0, 0
    found = None
    for j, v in enumerate(values):
        if cur <= 0:
            cur, start = v, j
        else:
            cur += v
        if cur > best:
            best, found = cur, (start, j)
    return found


def find_roles(t: TokenTable, model: LinearModel, c: int,
               neural: Neural | None = None) -> tuple[tuple[int, ...], list[tuple[int, int]]]:
    """The cue's source (one run of tokens) and content (runs of tokens).

    The content is the stretch of the window where content is most likely
    (a maximum-sum segment of P(content) - 0.5), with the source, the cue and
    punctuation as neutral gaps: tagging tokens one by one leaves ragged,
    fragmented spans; this keeps them whole (content exact F1 on PolNeAR dev
    0.43 -> 0.47, attribution F1 unchanged within 0.003).
    """
    ctx = RoleContext(t, c)
    window = [k for k in range(ctx.lo, ctx.hi + 1) if not t.is_space[k] and k != c]
    if not window:
        return (), []
    probs = model.probabilities_of(model.memo().rows(role_feature_keys(t, ctx, window)))
    if neural is not None and neural.encoded.chunk_of[c] >= 0:  # type: ignore[attr-defined]
        from sayso.attribution.neural import role_log_probabilities

        w = neural.role_weight
        linear = np.log(np.clip(probs, 1e-9, 1.0))
        mixed = (1 - w) * linear + w * role_log_probabilities(
            neural.encoded, neural.model, c, window)  # type: ignore[arg-type]
        reached = neural.encoded.chunk_of[window] >= 0  # type: ignore[attr-defined]
        mixed = np.where(reached[:, None], mixed, linear)
        mixed = np.exp(mixed - mixed.max(axis=1, keepdims=True))
        probs = mixed / mixed.sum(axis=1, keepdims=True)
    labels = probs.argmax(axis=1)
    source_runs = bridged_runs(t, [k for k, lab in zip(window, labels) if lab == 1])
    source: tuple[int, ...] = ()
    if source_runs:
        p_src = {k: float(p) for k, p in zip(window, probs[:, 1])}
        best = max(source_runs, key=lambda r: sum(p_src.get(k, 0.0) for k in range(r[0], r[1] + 1)))
        source = tuple(range(best[0], best[1] + 1))
        source = _tidy_source(t, without_dateline(t, _whole_name(t, source, c)), c)
    if source and _impersonal_passive_subject(t, c, source):
        source = ()
    elif not source:
        source = _inherited_subject(t, c)
    in_source = set(source)
    values = [0.0 if k in in_source or t.is_punct[k] else float(p) - CONTENT_BIAS
              for k, p in zip(window, probs[:, 2])]
    segment = _best_segment(values)
    if segment is None:
        return source, []
    content = [window[j] for j in range(segment[0], segment[1] + 1) if window[j] not in in_source]
    return source, bridged_runs(t, _to_quotation_ends(t, c, _without_interruption(t, c, content)))


def _without_interruption(t: TokenTable, c: int, content: list[int]) -> list[int]:
    """Drop the cue's own words from between the two halves of a split quotation.

    In "“...,” he told reporters on Monday, “...”" the content is both quoted
    halves; the maximum-sum segment bridges them and takes in the addressee
    and the time, which belong to the cue.
    """
    before = [k for k in content if k < c and t.quote[k] >= 0]
    after = [k for k in content if k > c and t.quote[k] >= 0]
    if not before or not after:
        return content
    lo, hi = before[-1], after[0]
    own = set(t.subtree(c))
    return [k for k in content if not (lo < k < hi and t.quote[k] < 0 and k in own)]


def _to_quotation_ends(t: TokenTable, c: int, content: list[int]) -> list[int]:
    """Carry a content that holds one end of a quotation on to the other end.

    The encoder and the linear model score tokens one by one and often stop a
    long quotation at a sentence break inside it ("“... governance. It would be
    better if ...”"); a quotation is one utterance, so the content takes it
    whole unless the cue itself stands inside it.  PolNeAR strict F1 +0.002
    (accurate) and +0.009 (fast) on dev, +0.003 (fast) on 300 train articles.
    """
    words = [k for k in content if not t.is_punct[k]]
    if not words:
        return content
    have = set(content)
    last, first = words[-1], words[0]
    if t.quote[last] >= 0:
        opening, closing = _quoted_words(t, t.quote[last])
        if opening in have and closing > last and not last < c <= closing:
            have.update(j for j in range(last + 1, closing + 1) if not t.is_space[j])
    if t.quote[first] >= 0:
        opening, closing = _quoted_words(t, t.quote[first])
        if closing in have and opening < first and not opening <= c < first:
            have.update(j for j in range(opening, first) if not t.is_space[j])
    return sorted(have)


#: Nouns for what people voice or feel, as in "raised concerns among experts that ...".
_VOICED_NOUNS = frozenset({
    "concern", "concerns", "fear", "fears", "worry", "worries", "doubt", "doubts", "criticism",
    "complaint", "complaints", "speculation", "alarm", "objection", "objections", "outrage",
    "praise", "condemnation", "warning", "warnings", "skepticism", "scepticism", "opposition",
})
#: Verbs that bring such a noun about or meet it: "drew criticism from", "faces opposition among".
_RAISING_VERBS = frozenset({
    "raise", "raised", "raises", "raising", "spark", "sparked", "sparks", "sparking", "prompt",
    "prompted", "prompts", "prompting", "fuel", "fueled", "fuelled", "fuels", "fueling", "fuelling",
    "stoke", "stoked", "stokes", "stoking", "trigger", "triggered", "triggers", "triggering",
    "draw", "drew", "drawn", "draws", "drawing", "provoke", "provoked", "provokes", "provoking",
    "elicit", "elicited", "elicits", "attract", "attracted", "attracts", "receive", "received",
    "receives", "face", "faced", "faces", "facing", "renew", "renewed", "heighten", "heightened",
})


def _held_by(t: TokenTable, c: int, with_clause: bool = False) -> tuple[int, tuple[int, ...]] | None:
    """"X raised concerns from some that ...": the noun and the people who hold it ("some").

    Whatever raised the concerns (a call, a remark) is not their source: in
    PolNeAR train the source of "drew criticism from Y", "raised concerns
    among Y" and the like is Y, every time the pattern occurs (5 of 5).
    ``with_clause``: only when the noun also has its "that ..." clause.
    """
    if t.lower[c] in _VOICED_NOUNS:
        nouns = [c]
    elif t.lower[c] in _RAISING_VERBS:
        nouns = [k for k in t.children[c] if t.dep[k] == "dobj" and t.lower[k] in _VOICED_NOUNS]
    else:
        return None
    for n in nouns:
        if with_clause and not any(
                t.dep[k] in ("acl", "relcl", "ccomp") and t.lower[t.subtree(k)[0]] == "that" for k in t.children[n]):
            continue
        for prep in t.children[n]:
            if t.dep[prep] != "prep" or t.lower[prep] not in ("from", "among") or prep < n:
                continue
            for obj in t.children[prep]:
                if t.dep[obj] != "pobj":
                    continue
                # Not "experts [and criticism]", "employees [about his leadership]", "... [who ...]".
                aside = {k for r in t.children[obj]
                         if t.dep[r] == "relcl" or (t.dep[r] == "prep" and t.lower[r] in ("about", "over", "on"))
                         or (t.dep[r] == "conj" and t.lower[r] in _VOICED_NOUNS)
                         for k in t.subtree(r)}
                words = [k for k in t.subtree(obj) if k not in aside and not t.is_space[k]]
                while words and (t.is_punct[words[-1]] or t.dep[words[-1]] == "cc"):
                    words.pop()
                if not words or (words[-1] + 1 < t.n and t.lower[words[-1] + 1] == "to"):  # "from Paris to Prague"
                    continue
                return n, tuple(range(words[0], words[-1] + 1))
    return None


def _quoted_words(t: TokenTable, q: int) -> tuple[int, int]:
    """The first and last word (not punctuation) of quotation ``q``, which holds at least one word."""
    a, b = t.quote_tokens[q]
    words = [j for j in range(a, b + 1) if not t.is_punct[j] and not t.is_space[j]]
    return words[0], words[-1]


def _whole_name(t: TokenTable, source: tuple[int, ...], c: int) -> tuple[int, ...]:
    """Widen a source that stops at a title ("Mr.") to the name, and take in its left modifiers.

    The encoder sometimes marks only "Mr." of "Mr. Clarke" (strict F1 on dev +0.001,
    but the speaker "Mr." is useless to a reader).  The cue ``c`` is never taken in
    (the parser reads "Said Ellis" as a two-word name).
    """
    lo, hi = source[0], source[-1]
    while (t.dep[hi] == "compound" and t.pos[t.head[hi]] == "PROPN" and hi < t.head[hi] <= hi + 3
           and not hi < c <= t.head[hi] and not any(t.is_space[k] for k in range(hi, t.head[hi]))):
        hi = t.head[hi]
    while (lo > 0 and lo - 1 != c and t.dep[lo - 1] in ("compound", "det", "amod")
           and lo <= t.head[lo - 1] <= hi):
        lo -= 1
    return tuple(range(lo, hi + 1))


_JOINING_TAGS = frozenset({"IN", "CC", "WDT", "WP", "TO"})
_SEPARATORS = DASHES | {",", ";", ":"}
_NEGATABLE = frozenset({"everyone", "everybody", "all", "every", "many", "most"})
#: What "of" can belong to at a source's start: a noun, or "one of", "most of", "some of".
_OF_HEAD_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "CD", "JJS", "PRP", "DT"})


def _tidy_source(t: TokenTable, source: tuple[int, ...], c: int) -> tuple[int, ...]:
    """Mend a source run that the role models cut at a joining word.

    "of black parents" takes in the noun it belongs to ("a group of black
    parents"); "Mr. Obama, who", "Harry Reid, in" and "which RT" lose the
    joining word; "most of" takes in its "whom"; "everyone" takes in its
    "Not".  A source that is only a joining word ("who") is left to the
    relative-pronoun rules.
    """
    lo, hi = source[0], source[-1]
    if t.lower[lo] == "of" and lo > 0:
        h = t.head[lo]
        if h < lo and t.tag[h] in _OF_HEAD_TAGS and not h <= c < lo and t.sent[h] == t.sent[lo]:
            below = set(t.subtree(h))
            lo = h
            while lo - 1 in below and lo - 1 != c:
                lo -= 1
    if lo > 0 and t.lower[lo - 1] == "not" and t.lower[lo] in _NEGATABLE and lo - 1 != c:
        lo -= 1
    if t.lower[hi] == "of" and hi + 1 < t.n and t.dep[hi + 1] == "pobj" and t.tag[hi + 1] in ("WP", "WDT"):
        hi += 1
    else:
        last = hi
        while last > lo and (t.is_punct[last] or t.is_space[last]):
            last -= 1
        if last > lo and t.tag[last] in _JOINING_TAGS and t.dep[last] != "pobj":
            while last > lo and (t.tag[last] in _JOINING_TAGS or t.words[last] in _SEPARATORS
                                 or t.is_space[last]):
                last -= 1
            hi = last
    while lo < hi and t.tag[lo] in ("WDT", "WP") and t.dep[lo] != "nsubj":
        lo += 1
    if any(not t.is_punct[k] and not t.is_space[k] for k in range(lo, hi + 1)):
        return tuple(range(lo, hi + 1))
    return source


def _impersonal_passive_subject(t: TokenTable, c: int, source: tuple[int, ...]) -> bool:
    """Whether ``source`` is the subject of a passive cue without a "by" agent.

    "Peacekeepers have been blamed for ...": the subject is what the claim is
    about, and nobody is named as saying it.  On PolNeAR train such cues have
    no source 375 times and their subject as source 64 times; the encoder's
    role head tends to take the subject (dev attribution F1 +0.002).
    """
    kids = t.children[c]
    if any(t.dep[k] == "agent" for k in kids):
        return False
    subject = [k for k in kids if t.dep[k] == "nsubjpass"]
    return bool(subject) and bool(set(source) & set(t.subtree(subject[0])))


#: Cues without a subject of their own whose speaker is the subject of the verb they hang
#: from: "Trump lashed out, saying ...", "... and told reporters ...", "by arguing ...".
#: On PolNeAR train that subject is the gold source 1,113 times, another source 234
#: times, and there is no source 64 times (dev attribution F1 +0.003 accurate, +0.006 fast).
_SUBJECTLESS_CUES = frozenset({("VBG", "advcl"), ("VBD", "conj"), ("VBG", "pcomp"), ("VBG", "conj"),
                               ("VBZ", "conj"), ("VB", "advcl")})


def _inherited_subject(t: TokenTable, c: int) -> tuple[int, ...]:
    """The subject of the verb a subjectless cue hangs from (a few hops up), as a name span."""
    if (t.tag[c], t.dep[c]) not in _SUBJECTLESS_CUES or any(t.dep[k] in SUBJECT_DEPS for k in t.children[c]):
        return ()
    x = t.head[c]
    for _ in range(4):
        subjects = [k for k in t.children[x] if t.dep[k] in SUBJECT_DEPS]
        if subjects:
            s = subjects[0]
            if t.pos[s] not in ("NOUN", "PROPN", "PRON") or t.lower[s] in ("it", "that", "this", "which"):
                return ()
            left = [k for k in t.subtree(s) if k <= s]
            lo = s
            while lo - 1 in left and not t.is_space[lo - 1]:
                lo -= 1
            return tuple(range(lo, s + 1))
        if t.head[x] == x:
            break
        x = t.head[x]
    return ()


@dataclass(frozen=True, slots=True)
class Extraction:
    attributions: list[RawAttribution]
    cues_scored: int
    cues_found: int

    @property
    def complete(self) -> bool:
        return self.cues_scored == self.cues_found


def extract(t: TokenTable, cue_model: LinearModel, role_model: LinearModel,
            thresholds: Thresholds = Thresholds(), deadline: float | None = None,
            neural: Neural | None = None) -> Extraction:
    """Attributions of the article; stops at ``deadline`` (a time.monotonic() value) if given."""
    out = []
    with collector_paused():
        cues = find_cues(t, cue_model, thresholds, neural)
    done = 0
    for c, p in cues:
        if deadline is not None and time.monotonic() > deadline:
            break
        done += 1
        with collector_paused():
            source, content = find_roles(t, role_model, c, neural)
        if not content:
            content = _paragraph_after_colon(t, c)
        if t.lower[c] in _IMPRESSION_VERBS and source and content:
            # "Republicans seem confident ...": whose impression that is, the text does not say; the
            # subject is part of what seems so.
            content = bridged_runs(t, sorted({*source, *(k for a, b in content for k in range(a, b + 1))}))
            source = ()
        if not content:
            continue
        cue = cue_span(t, c)
        held = _held_by(t, c)
        if held is not None:
            noun, source = held
            cue = tuple(sorted({*cue, noun}))
            taken_out = {*source, noun}
            content = bridged_runs(t, [k for a, b in content for k in range(a, b + 1) if k not in taken_out])
            if not content:
                continue
        out.append(RawAttribution(c, cue, source, tuple(content), p))
    # "raised concerns from some": the verb's attribution already holds the noun "concerns".
    claimed = {k for a in out for k in a.cue if k != a.cue_head}
    out = [a for a in out if a.cue_head not in claimed]
    out = _nested_only_inside_another(t, out, model_cues={c for c, p in cues if p >= thresholds.cue
                                                           or not quoted_reporting_verb(t, c)})
    taken = {a.cue_head for a in out}
    out.extend(a for a in signed_quotes(t) + speaker_lines(t) if a.cue_head not in taken)
    headline = [a for a in headline_attributions(t) if not asks_a_question(t, a.cue_head)]
    out = without_misread_headline_cues(t, out, headline)
    taken = {k for a in out for k in a.cue}
    out.extend(a for a in headline if a.cue_head not in taken)
    # "..., according to The Times": a sentence that names its source says "reportedly" of it again.  One in
    # another attribution's words ("said it was concerned about a reporter who was reportedly missing") is
    # nested there (rule reportedly.nested), left out of the PolNeAR view; one in another's cue is that
    # one's, and one in what a report says ("... is reportedly interested ..., Axios reported") says it again.
    in_cues = {k for a in out for k in a.cue}
    reports = {k for a in out if t.lower[a.cue_head] in _REPORT_CUES for x, y in a.content for k in range(x, y + 1)}
    taken = in_cues | {k for a in out for x, y in a.content for k in range(x, y + 1)}
    out.extend(a if a.cue_head not in taken else replace(a, cue_probability=RULE_NESTED_CONFIDENCE)
               for a in reportedly_clauses(t) if a.cue_head not in in_cues | reports)
    out.extend(reported_speech_inside(t, out))
    out.extend(continued_quotations(t, out))
    in_cues = {k for a in out for k in a.cue}
    out.extend(a for a in per_clauses(t) + denials_of_reports(t) if not in_cues & set(a.cue))
    return Extraction(within_their_zone(t, out), done, len(cues))


#: Cues of a report: a "reportedly" in what they hold is the report said again.
_REPORT_CUES = frozenset({"reported", "reports", "report", "reporting", "according", "continued"})


def within_their_zone(t: TokenTable, found: list[RawAttribution]) -> list[RawAttribution]:
    """Rule ``zone_boundary``: an attribution lies wholly in the headline and dek or wholly in the body.

    The headline is parsed apart from the body, but the role models read a window of words that
    reaches across the line break: a body cue took its source from a title given apart from the
    text ("..., inside sources told Axios" / "Trump indicated to Zelensky ..."). The source and
    content keep only the words on the cue's side; one left with no content is dropped.
    """
    if not t.body_token:
        return found
    out = []
    for a in found:
        in_body = a.cue_head >= t.body_token

        def side(k: int, in_body: bool = in_body) -> bool:
            return (k >= t.body_token) == in_body

        if all(side(k) for k in a.source) and all(side(x) and side(y) for x, y in a.content):
            out.append(a)
            continue
        content = bridged_runs(t, [k for x, y in a.content for k in range(x, y + 1) if side(k)])
        if content:
            out.append(replace(a, source=tuple(k for k in a.source if side(k)), content=tuple(content)))
    return out


#: Rule ``quoted_cue``: the highest confidence of a cue found inside a quotation.  At or below every
#: outer attribution's, so that the PolNeAR view (the most confident of overlapping contents) keeps
#: the outer one, as PolNeAR marks it.
NESTED_CONFIDENCE = 0.3


def reported_speech_inside(t: TokenTable, found: list[RawAttribution]) -> list[RawAttribution]:
    """Rule ``nested_cue``: what someone is reported, in another attribution's words, to have said.

    "The Journal reported that [people briefed on the intrusion said it appeared ...]", "Two people
    told the Times that [McGahn told officials that ...]", "a report that [claimed he ...]", "cited
    anonymous sources [alleging CSIS had urged ...]".  The models, trained on PolNeAR, which marks
    only the outermost attribution (2 of 11 such inner verbs on train), leave these; a reader of the
    report needs them: they say who is said to have said what.  A verb of speech or thought
    (lexicon/quoted_cue_verbs.txt) outside quotation marks (inside them ``quoted_reporting_verb``
    decides), with a subject of its own (or the noun it describes: "sources alleging") and a
    clause it holds, which is its content; only inside another attribution's content.
    """
    taken = {k for a in found for k in a.cue}
    out = []
    for i in range(t.n):
        if i in taken:
            continue
        if t.pos[i] == "NOUN" and t.lower[i] in lexicon.words("speech_nouns"):
            out.extend(_said_by_noun(t, i, found))
            continue
        if t.quote[i] >= 0 or t.pos[i] not in ("VERB", "AUX"):
            continue
        kind = lexicon.tagged("quoted_cue_verbs").get(t.lower[i])
        if not kind:
            continue
        # What a verb of speech asks or urges is said too: "urged him to ...", "suggested using ...".
        clause_deps = ("ccomp", "xcomp") if "speech" in kind else ("ccomp",)
        clause = next((k for k in t.children[i] if t.dep[k] in clause_deps), None)
        if clause is None or not any(holds_token(a, i) for a in found):
            continue
        subject = next((k for k in t.children[i] if t.dep[k] == "nsubj"), None)
        if "thought" in kind and _own_or_open_thought(t, i, clause, subject):
            continue
        if subject is not None:
            source = tuple(sorted(t.subtree(subject)))
        elif t.dep[i] == "acl" and t.tag[i] == "VBG" and t.head[i] < i:
            own = set(t.subtree(i))
            source = tuple(k for k in t.subtree(t.head[i]) if k not in own and not t.is_punct[k])
        else:
            continue
        content = _without_edge_punct(t, [k for k in t.subtree(clause) if not t.is_space[k] and t.sent[k] == t.sent[i]])
        nested = RawAttribution(i, cue_span(t, i), source, tuple(bridged_runs(t, content)), RULE_NESTED_CONFIDENCE)
        # A source that takes in another cue is a misparse ("Trump denies report he ...": "Trump denies").
        if source and content and not taken & set(source) and _held_within(nested, found):
            out.append(nested)
    return out


def _held_within(nested: RawAttribution, found: list[RawAttribution]) -> bool:
    """Whether an attribution's content holds the nested cue, and the nested content not that one's cue
    (the other way round is a misreading: "Even my own folks say ... people think ...")."""
    return any(holds_token(a, nested.cue_head) and not holds_token(nested, a.cue_head) for a in found)


def without_orphans(t: TokenTable, found: list[RawAttribution]) -> list[RawAttribution]:
    """A rule's nested find (``RULE_NESTED_CONFIDENCE``: rules nested_cue, quote_continued,
    reportedly.nested, citing) goes with the attribution that held it when a later rule drops that
    one ("a statement saying ..." once its holder is found to be a citation; a "citing" with the cue
    it hangs from)."""
    return [a for a in found if a.cue_probability != RULE_NESTED_CONFIDENCE or stands_alone(t, a) or any(
        b is not a and (holds(t, b, a.cue_head) or (b.cue_head == a.cue_head and b.cue_probability > a.cue_probability)
                        or (t.head[a.cue_head] == b.cue_head and a.content == b.content))
        for b in found)]


#: Verbs whose subject makes what their object says: "a conservative website published accusations that ...".
_MAKING_VERBS = frozenset({"made", "make", "makes", "making", "published", "publish", "publishes", "issued",
                           "issue", "issues", "levelled", "leveled", "levels", "aired", "repeated"})


#: Rule ``report_noun``: nouns of a report or rumour that are an attribution with their "that" clause
#: wherever they stand, whoever made them ("denied reports that ...", "There were reports that ...").
_REPORT_NOUNS = frozenset({"report", "reports", "rumour", "rumours", "rumor", "rumors", "allegation",
                           "allegations", "accusation", "accusations"})


def stands_alone(t: TokenTable, a: RawAttribution) -> bool:
    """Whether a rule's find left out of the PolNeAR view is an outer attribution, held by no other: a
    report noun with its clause (rule ``report_noun``), a "per" (rule ``per``), a denial of a report
    (rule ``report_denied``)."""
    return t.lower[a.cue_head] == "per" or (t.pos[a.cue_head] == "VERB" and t.lower[a.cue_head].startswith(
        _DENYING_STARTS)) or (
        a.cue == (a.cue_head,) and t.pos[a.cue_head] == "NOUN" and t.lower[a.cue_head] in _REPORT_NOUNS)


def _said_by_noun(t: TokenTable, i: int, found: list[RawAttribution]) -> list[RawAttribution]:
    """Rule ``nested_cue``, nouns: "denied Cummings's claim that [Johnson tried ...]", "“The story by
    Axios that [President Trump wanted ...] is ridiculous”" (lexicon/speech_nouns.txt), inside another
    attribution's words; whose it is: the owner ("Cummings's"), "by"/"from" someone, or who made it ("a
    website published accusations that ..."); a claim nobody is said to have made is none.

    Rule ``report_noun``: a report, rumour or allegation with its "that" clause is an attribution
    wherever it stands and whether or not the text says whose it is ("Shell denied media reports
    that ...", "There were reports that ...", "responding to rumours that ..."): the fresh sets'
    annotators marked 31 of 35 such nouns on dev (the speaker "reports" where no report is named),
    and a reader needs them: they are what a denial denies.  Left out of the PolNeAR view like the
    nested ones."""
    clause = next((k for k in t.children[i] if t.dep[k] in ("acl", "ccomp", "relcl") and k > i and any(
        t.lower[m] == "that" and t.dep[m] == "mark" for m in t.children[k])), None)
    reported = t.lower[i] in _REPORT_NOUNS
    if clause is None or not reported and not any(holds_token(a, i) for a in found if a.cue_head != i):
        return []
    source: tuple[int, ...] = ()
    owner = next((k for k in t.children[i] if t.dep[k] == "poss"), None)
    if owner is not None:
        source = tuple(k for k in t.subtree(owner) if t.dep[k] != "case" and t.words[k] not in ("'s", "\u2019s", "'"))
    else:
        by = next((k for k in t.children[i] if t.dep[k] == "prep" and t.lower[k] in ("by", "from")), None)
        obj = next((k for k in t.children[by] if t.dep[k] == "pobj"), None) if by is not None else None
        source = tuple(sorted(t.subtree(obj))) if obj is not None else ()
    if not source and t.dep[i] == "dobj" and t.lower[t.head[i]] in _MAKING_VERBS:
        subject = next((k for k in t.children[t.head[i]] if t.dep[k] == "nsubj"), None)
        source = tuple(sorted(t.subtree(subject))) if subject is not None else ()
    if not source and not reported:
        return []  # "wanted assurances that ...": no one is said to have said it
    content = [k for k in t.subtree(clause) if not t.is_space[k] and t.sent[k] == t.sent[i]]
    while content and t.is_punct[content[-1]]:
        content.pop()
    nested = RawAttribution(i, (i,), source, tuple(bridged_runs(t, content)), RULE_NESTED_CONFIDENCE)
    return [nested] if content and (reported or _held_within(nested, found)) else []


#: What opens a clause that asks rather than tells: "he doesn't know whether ...".
_OPEN_CLAUSE_WORDS = frozenset({"if", "whether", "who", "what", "when", "where", "why", "how", "which"})


def _own_or_open_thought(t: TokenTable, i: int, clause: int, subject: int | None) -> bool:
    """A thought that reports no one's claim: the outer speaker's own ("he said he believes ...", a
    pronoun for the speaker, as "I think" in a quotation only hedges), one denied ("they still don't
    know what ..."), or one about an open question ("nor does he know who the source might be")."""
    if subject is not None and t.lower[subject] in _PERSONAL_PRONOUNS:
        return True
    if any(t.dep[k] == "neg" for k in t.children[i]):
        return True
    return t.lower[t.subtree(clause)[0]] in _OPEN_CLAUSE_WORDS


_PERSONAL_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "they"})


#: How many quotations on from an attribution its speaker is read to go on speaking (rule ``quote_continued``).
_MAX_CONTINUED = 3


def continued_quotations(t: TokenTable, found: list[RawAttribution]) -> list[RawAttribution]:
    """Rule ``quote_continued``: a quotation that goes on after its speaker's cue, in a sentence of its
    own or opening the next paragraph, with no cue of its own, is the same speaker's, under the same cue.

    "“It is a strange way to live,” Altman said. “I don't know of any private company ...”", "He
    said: “Once again ...” / “I'll try and make sure ...”": the news convention gives the speaker once
    and lets the quotation run on; a reader counts each such part as an attribution (the fresh sets'
    annotators did, 10 times on dev), the models read one sentence.  The part is left out of the
    PolNeAR view, which gives a cue one attribution (sayso.cli.render.polnear_attributions).  Only
    after a quotation the attribution holds, and stopped by any other cue, by a sentence that is not
    quoted, and after a few parts.
    """
    held = {k for a in found for x, y in a.content for k in range(x, y + 1)}
    cues = sorted({k for a in found for k in a.cue})
    out = []
    for a in found:
        c = a.cue_head
        quoted = sorted({t.quote[k] for x, y in a.content for k in range(x, y + 1) if t.quote[k] >= 0})
        if not a.source or c < t.body_token or not quoted:
            continue
        out.extend(_continued_within(t, a, quoted, found))
        end = max(c, *(y for _, y in a.content))
        q = quoted[-1] + 1
        for _ in range(_MAX_CONTINUED):
            if q >= len(t.quotes):
                break
            lo, hi = t.quote_tokens[q]
            gap = [k for k in range(end + 1, lo) if not t.is_space[k] and not t.is_punct[k]]
            if lo <= end or any(k in held for k in range(lo, hi + 1)) or any(end < k < lo for k in cues):
                break
            # Between: only the rest of the cue's own sentence; the part starts a sentence, in the cue's
            # paragraph or at the head of the next one.
            if any(t.sent[k] != t.sent[c] for k in gap) or t.sent[lo] == t.sent[c] or \
                    t.para[lo] > t.para[end] + 1 or (t.para[lo] > t.para[end] and gap_has_words_before(t, lo)):
                break
            # A quotation over paragraphs (each left open but the last) is one part.
            while q + 1 < len(t.quotes) and earlier_parts(t, t.quote_tokens[q + 1][0])[:1] == [t.quote_tokens[q]]:
                q += 1
                hi = t.quote_tokens[q][1]
            words = _without_edge_punct(t, [k for k in range(lo, hi + 1) if not t.is_space[k]])
            if not words or any(
                    b.cue_head != c and t.quote[b.cue_head] == q for b in found):
                break
            out.append(RawAttribution(c, a.cue, a.source, tuple(bridged_runs(t, words)),
                                      RULE_NESTED_CONFIDENCE))
            end, q = hi, q + 1
    return out


def _continued_within(t: TokenTable, a: RawAttribution, quoted: list[int],
                      found: list[RawAttribution]) -> list[RawAttribution]:
    """Rule ``quote_continued``, where the models' content already runs on: "“It is a strange way to
    live,” Altman said. “I don't know ...”" read as one content.  A quotation it holds that opens a
    sentence after the cue's, after a quotation before the cue, is the part that runs on: an
    attribution of its own under the same cue.  The models' content stays whole (PolNeAR gives the cue
    one attribution, and the part is left out of its view).  The speaker is the one whose cue comes
    first after the quotation ("“...” Trump said once, according to a source, Axios reported. “...”" is
    Trump's)."""
    c = a.cue_head
    before = [t.quote_tokens[q][1] for q in quoted if t.quote_tokens[q][1] < c]
    if not before or any(b.cue_head != c and max(before) < b.cue_head < c and holds_token(b, max(before))
                         for b in found):
        return []
    out = []
    for q in quoted:
        lo, hi = t.quote_tokens[q]
        if lo < c or t.sent[lo] == t.sent[c] or earlier_parts(t, lo):
            continue
        if any(c < b.cue_head < lo and t.sent[b.cue_head] != t.sent[c] for b in found):
            break  # "... He added, ''It will be ...''": a cue of its own takes what follows
        if any(b.cue_head > hi and t.sent[b.cue_head] == t.sent[lo] and any(holds_token(b, k) for k in range(lo, hi + 1))
               for b in found):
            break  # "“They will lose,” Jones said.": the quotation's own cue, after it, takes it
        while q + 1 < len(t.quotes) and earlier_parts(t, t.quote_tokens[q + 1][0])[:1] == [t.quote_tokens[q]]:
            q += 1
            hi = t.quote_tokens[q][1]
        words = _without_edge_punct(t, [k for k in range(lo, hi + 1) if not t.is_space[k] and holds_token(a, k)])
        if words:
            out.append(RawAttribution(c, a.cue, a.source, tuple(bridged_runs(t, words)), RULE_NESTED_CONFIDENCE))
    if out:
        # What comes before the first part is the cue's own attribution for a reader, who would
        # otherwise read the parts twice; the whole content stays PolNeAR's (reader_view.quote_parts).
        first = min(x for p in out for x, _ in p.content)
        head = _without_edge_punct(t, [k for x, y in a.content for k in range(x, min(y, first - 1) + 1)
                                       if not t.is_space[k]])
        if head:
            out.insert(0, RawAttribution(c, a.cue, a.source, tuple(bridged_runs(t, head)), RULE_NESTED_CONFIDENCE))
    return out


def gap_has_words_before(t: TokenTable, k: int) -> bool:
    """Whether words of k's paragraph come before token k (the paragraph does not open with it)."""
    j = k - 1
    while j >= 0 and t.para[j] == t.para[k]:
        if not t.is_space[j] and t.words[j] not in OPENING_QUOTE_TOKENS:
            return True
        j -= 1
    return False


def _without_edge_punct(t: TokenTable, tokens: list[int]) -> list[int]:
    """The tokens without the punctuation at either end (a content's words, not its commas or quote marks)."""
    lo, hi = 0, len(tokens)
    while hi > lo and t.is_punct[tokens[hi - 1]]:
        hi -= 1
    while lo < hi and t.is_punct[tokens[lo]]:
        lo += 1
    return tokens[lo:hi]


def holds_token(a: RawAttribution, k: int) -> bool:
    """Whether token k lies in the attribution's content."""
    return any(x <= k <= y for x, y in a.content)


def per_clauses(t: TokenTable) -> list[RawAttribution]:
    """Rule ``per``: "Per Wickersham, multiple players told Belichick ...", "As per the report, the
    premier said ...", "..., per ESPN": "(as) per" gives its clause a source, as "according to" does.

    The fresh sets' annotators marked all 4 on dev (4 articles, 4 outlets); the models, trained on
    PolNeAR, find none.  Only opening its sentence or, after a comma, with a name ("per ESPN"): "$5
    per share" and "5 per cent" name no one.  Left out of the PolNeAR view (``RULE_NESTED_CONFIDENCE``)
    like the other rules a reader needs and PolNeAR's models did not learn.
    """
    out = []
    for k in range(t.n):
        if t.lower[k] != "per" or t.dep[k] != "prep" or t.quote[k] >= 0:
            continue
        obj = next((j for j in t.children[k] if t.dep[j] == "pobj"), None)
        if obj is None:
            continue
        before = _previous_word(t, k)
        # "As per": the parser hangs "per" from "as", and "as" from the clause.
        top = before if before >= 0 and t.lower[before] == "as" and t.head[k] == before else k
        cue = (top, k) if top != k else (k,)
        first = _previous_word(t, top)
        opens = first < 0 or t.sent[first] != t.sent[k]
        if not opens and not (t.words[first] == "," and t.pos[obj] == "PROPN" and obj > k):
            continue
        head = t.head[top]
        own = set(t.subtree(top))
        clause = _without_edge_punct(t, [j for j in t.subtree(head) if j not in own and t.sent[j] == t.sent[k]
                                          and not t.is_space[j]])
        # The clause's subject outside the source: "As per a senior board functionary one of the ...
        # members had spoken" parsed as one phrase would give the source the clause's subject.
        subject = any(t.dep[j] in SUBJECT_DEPS and j not in own for j in t.children[head])
        if len(clause) >= 3 and t.pos[head] in ("VERB", "AUX") and subject:
            source = tuple(j for j in t.subtree(obj) if not t.is_space[j])
            out.append(RawAttribution(k, cue, source, tuple(bridged_runs(t, clause)), RULE_NESTED_CONFIDENCE))
    return out


#: Rule ``report_denied``: verbs of denying whose object is a report ("took to Twitter to deny the report").
_DENYING_STARTS = ("deny", "deni", "refut", "dismiss", "reject", "slam", "debunk", "rubbish")
#: What is denied when it is a report, rumour or story.
_DENIED_NOUNS = _REPORT_NOUNS | {"story", "stories", "speculation", "claim", "claims"}


def denials_of_reports(t: TokenTable) -> list[RawAttribution]:
    """Rule ``report_denied``: a denial whose object is a report, rumour or story, "took to Twitter to
    deny the report, saying ...", "tried its best to deny any rumours of rift", "Trump's latest tweet
    denying the report": what the denial denies is its content.

    On the fresh dev set the annotators marked 28 of the 29 such verbs (the one left, "I refute any
    allegation", inside a quotation); the models find most, not those whose denier is a verb or a
    noun away ("took to Twitter to deny", "tweet denying"): 5 on dev, in 5 articles.  Outside
    quotations; the subject the verb has, or the one it hangs from, or the noun it describes, is
    the source.  Left out of the PolNeAR view.
    """
    out = []
    for i in range(t.n):
        if t.pos[i] != "VERB" or t.quote[i] >= 0 or not t.lower[i].startswith(_DENYING_STARTS):
            continue
        obj = next((k for k in t.children[i] if t.dep[k] == "dobj" and t.lower[k] in _DENIED_NOUNS), None)
        if obj is None:
            continue
        content = _without_edge_punct(t, [k for k in t.subtree(obj) if not t.is_space[k] and t.sent[k] == t.sent[i]])
        own = set(t.subtree(i))
        source: tuple[int, ...] = ()
        if t.dep[i] == "acl" and t.head[i] < i:
            source = tuple(k for k in t.subtree(t.head[i]) if k not in own and not t.is_punct[k])
        x = i
        for _ in range(4):
            if source:
                break
            subject = next((k for k in t.children[x] if t.dep[k] in SUBJECT_DEPS), None)
            if subject is not None:
                if t.lower[subject] not in ("it", "that", "this", "which", "who"):
                    source = tuple(sorted(t.subtree(subject)))
                break
            if t.head[x] == x or t.dep[x] not in ("xcomp", "advcl", "conj", "ccomp"):
                break
            x = t.head[x]
        if content and source:
            out.append(RawAttribution(i, cue_span(t, i), source, tuple(bridged_runs(t, content)),
                                      RULE_NESTED_CONFIDENCE))
    return out


def _previous_word(t: TokenTable, k: int) -> int:
    """The token before k that is not white space (-1 at the start)."""
    j = k - 1
    while j >= 0 and t.is_space[j]:
        j -= 1
    return j


def reportedly_clauses(t: TokenTable) -> list[RawAttribution]:
    """"Mueller is reportedly aware of the incident": "reportedly" attributes its clause to a report
    the sentence does not name (stage reported_by finds the outlet when the article names it).

    The models find most of them; these are the ones they leave, in the body and outside quotations.
    """
    out = []
    for k in range(t.body_token, t.n):
        if t.lower[k] != "reportedly" or t.quote[k] >= 0 or t.dep[k] != "advmod":
            continue
        verb = t.head[k]
        clause = [j for j in t.subtree(verb) if j != k and t.sent[j] == t.sent[k] and not t.is_space[j]]
        while clause and t.is_punct[clause[-1]]:
            clause.pop()
        if len(clause) >= 3:
            out.append(RawAttribution(k, (k,), (), tuple(bridged_runs(t, clause)), 0.5))
    return out


def _nested_only_inside_another(t: TokenTable, found: list[RawAttribution],
                                model_cues: set[int]) -> list[RawAttribution]:
    """Keep a cue found only by ``quoted_reporting_verb`` when another attribution's content holds it
    (or holds an earlier paragraph of its quotation: ``holds``).

    A quotation nobody is reported to have said is no nesting; such a cue is
    left to the models.  A nested one's probability is held at 0.3 or below, so
    that the PolNeAR view (the most confident of overlapping contents) keeps
    the outer one.
    """
    out = []
    for a in found:
        if a.cue_head in model_cues:
            out.append(a)
        elif any(b is not a and holds(t, b, a.cue_head) for b in found):
            # The role models run on past the quoted sentence ("I told him ... And I said ...").
            sentence = t.sent[a.cue_head]
            content = bridged_runs(t, [k for x, y in a.content for k in range(x, y + 1) if t.sent[k] == sentence])
            if content:
                out.append(replace(a, source=quoted_cue_source(t, a), content=tuple(content),
                                   cue_probability=min(a.cue_probability, NESTED_CONFIDENCE)))
    return out


def quoted_cue_source(t: TokenTable, a: RawAttribution) -> tuple[int, ...]:
    """Who speaks in a nested attribution: the cue's own subject, never a word outside its quotation.

    The role models, trained on outer attributions, miss the subject ("Putin told you ...") or
    reach out of the quote to its speaker ("'I think the public understands,' she added" gave
    "understands" the source "she"). A passive's subject is who was told ("We were told ...": no
    source, or the agent of "by"); a verb joined to another, or completing it ("Shell wishes to
    clarify ..."), takes that one's subject.
    """
    c = a.cue_head
    for verb in (c, t.head[c]) if t.dep[c] in ("conj", "xcomp") else (c,):
        subject = next((k for k in t.children[verb] if t.dep[k] in SUBJECT_DEPS), None)
        if subject is None:
            continue
        if t.dep[subject] == "nsubj":
            return tuple(sorted(t.subtree(subject)))
        agent = next((k for k in t.children[verb] if t.dep[k] == "agent"), None)
        return tuple(sorted(j for j in t.subtree(agent) if j != agent)) if agent is not None else ()
    return tuple(k for k in a.source if t.quote[k] == t.quote[c])


#: A line that is a quotation signed after a dash: “...” ― Name (captions, testimonials, epigraphs).
_SIGNED = re.compile(
    r"^[ \t\u00a0]*(?P<content>[\"\u201c\u201d].*[\"\u201d\u201c][.,]?)[ \t\u00a0]*"
    r"(?P<cue>\u2015|\u2014|\u2013|--)[ \t\u00a0]*"
    r"(?P<source>[A-Z\u00c0-\u00de][\w\u00c0-\u024f'\u2019.-]*(?:[ \t\u00a0]+[A-Z\u00c0-\u00de][\w\u00c0-\u024f'\u2019.-]*){0,5}?)"
    r"\.?[ \t\u00a0]*$", re.MULTILINE)


def signed_quotes(t: TokenTable) -> list[RawAttribution]:
    """Quotations signed by a name after a dash, one per line.

    The cue model rarely takes a dash for a cue (on PolNeAR dev it found none
    of the 24 such attributions, all in one article of readers' comments).
    """
    out = []
    for m in _SIGNED.finditer(t.text):
        cue = _tokens_in(t, *m.span("cue"))
        source = _tokens_in(t, *m.span("source"))
        while source and t.is_punct[source[-1]]:
            source.pop()
        content = [k for k in _tokens_in(t, *m.span("content")) if not t.is_space[k]]
        if cue and source and content:
            out.append(RawAttribution(cue[0], tuple(cue), tuple(source), tuple(bridged_runs(t, content)) or
                                      ((content[0], content[-1]),), 0.9))
    return out


#: A line led by a name and a colon: transcripts ("PENCE: Well, look, ...") and headlines
#: ("Sanders: Clinton needs to get away from ...").
_SPEAKER_LINE = re.compile(
    r"^[ \t\u00a0\"\u201c']*(?P<source>[A-Z][\w.'\u2019-]*(?:[ \t\u00a0]+[A-Z][\w.'\u2019-]*){0,4})"
    r"[ \t\u00a0]*(?P<cue>:)[ \t\u00a0]+(?P<content>\S.*?)[ \t\u00a0]*$", re.MULTILINE)
_NAME_TITLES = frozenset({"mr.", "mrs.", "ms.", "dr.", "sen.", "rep.", "gov.", "president", "senator"})
_NAME_ENTITIES = ("PERSON", "ORG")
#: Editorial labels that the entity recogniser sometimes takes for organisations.
_LINE_LABELS = frozenset({"correction", "corrections", "clarification", "update", "updated", "note",
                          "contributing", "source", "sources", "related", "watch", "read", "photo", "video"})


def speaker_lines(t: TokenTable) -> list[RawAttribution]:
    """Lines led by a speaker's name and a colon, the whole line being what they said.

    Only when every word before the colon is a word of a person or organisation
    the article names somewhere ("PENCE" for Mike Pence), which keeps out
    "Correction:", "The Latest:" and "Source: NATO".  On PolNeAR train, 68 of
    the 86 lines this keeps are gold attributions; the misses are mostly
    lists ("Kasich: Now or never.") and running heads.
    """
    named = {t.lower[k] for k in range(t.n) if t.ent[k] in _NAME_ENTITIES and t.lower[k] not in ("the", "of", "and")}
    out = []
    for m in _SPEAKER_LINE.finditer(t.text):
        source = [k for k in _tokens_in(t, *m.span("source")) if not t.is_punct[k] and not t.is_space[k]]
        words = [k for k in source if t.lower[k] not in _NAME_TITLES]
        if not words or t.lower[source[0]] in _LINE_LABELS or not all(t.lower[k] in named for k in words):
            continue
        content = [k for k in _tokens_in(t, *m.span("content")) if not t.is_space[k]]
        if not any(t.words[k][:1].isalpha() for k in content):
            continue  # a tally, "Clinton: 2,316."
        cue = _tokens_in(t, *m.span("cue"))
        out.append(RawAttribution(cue[0], tuple(cue), tuple(range(source[0], source[-1] + 1)),
                                  tuple(bridged_runs(t, content)), 0.9))
    return out


#: Verbs a headline reports with ("Trump Denies Report ...", "NHS leader brands pledge 'misleading'").
HEADLINE_CUES = frozenset({
    "says", "say", "said", "tells", "told", "denies", "denied", "slams", "brands", "warns", "claims",
    "suggested", "suggests", "confirms", "insists", "admits", "vows", "urges", "accuses", "blasts",
    "reports", "report", "sources", "reportedly", "stands", "responds", "calls", "vents", "hits", "comments", "announce", "announces",
})


def headline_lines(t: TokenTable) -> list[tuple[int, int]]:
    """Character spans of the headline and the dek, as sayso.attribution.zones decided them (the table
    keeps its zones: one owner of where the body begins)."""
    return [(z.start, z.end) for z in t.zones]


def headline_attributions(t: TokenTable) -> list[RawAttribution]:
    """Attributions in the headline and dek the models miss in their capitals and short forms.

    "Trump: 'Ridiculous'" (a person or organisation, a colon, what they said); "'Ridiculous':
    Trump Hits Back" and "Trump Denies Report ...: 'Just More Fake News'" (a quotation set off by
    the colon, said by the headline's subject); "Trump Denies Report He Ordered Mueller Fired"
    (who, the headline verb, what); "..., Zelenskyy says"; "... - sources"; "X reportedly ...".
    A kicker that names no one ("Ukraine:") is not a source.
    """
    out = []
    for start, end in headline_lines(t):
        if ends_a_sentence(t.text[start:end].strip()):
            continue  # a dek written as a sentence: the models read it as they read the body
        words = [k for k in _tokens_in(t, start, end) if not t.is_space[k]]
        trailing = headline_trailing_source(t, words)
        if trailing is not None:
            out.append(trailing)
            continue
        colon = next((i for i, k in enumerate(words) if t.words[k] == ":"), None)
        if colon:
            before, after = words[:colon], words[colon + 1:]
            if before and after and (all(t.ent[k] in _NAME_ENTITIES or t.is_punct[k] for k in before)
                                     or _names_an_outlet(t, before)):
                out.append(RawAttribution(words[colon], (words[colon],), tuple(before),
                                          tuple(bridged_runs(t, after)), 0.6))
                continue
            quoted_after = after and t.words[after[0]] in OPENING_QUOTE_TOKENS | {"'", "\u2018"}
            quoted_before = before and t.words[before[-1]] in CLOSING_QUOTE_TOKENS | {"'", "\u2019"}
            subject_side = before if quoted_after else after if quoted_before else []
            subject = _headline_subject(t, subject_side)
            if subject:
                said = after if quoted_after else before
                out.append(RawAttribution(words[colon], (words[colon],), tuple(subject),
                                          tuple(bridged_runs(t, said)), 0.6))
            if len(before) <= 3:
                words = after
        for clause in _headline_clauses(t, words):
            found = _headline_clause(t, clause)
            if found is not None:
                out.append(found)
                out.extend(_headline_nested(t, [k for a, b in found.content for k in range(a, b + 1)
                                                if not t.is_space[k]]))
    return out


#: Separators before a source a headline names at its end ("...: source", "... - Axios").
_TRAILING_SEPARATORS = DASHES | {"-", ":"}
#: Words of a source named at a headline's end that are themselves the cue: "... - sources", "...: report".
_SOURCE_WORD_CUES = frozenset({"source", "sources", "report", "reports"})
#: Editorial labels that open a headline ("Scoop:", "Exclusive:", "The Latest:"): never a source.
HEADLINE_KICKERS = frozenset({"scoop", "exclusive", "breaking", "update", "updated", "analysis", "opinion",
                              "latest", "the", "explainer", "factbox", "live", "editorial", "watch", "video"})


def headline_trailing_source(t: TokenTable, words: list[int]) -> RawAttribution | None:
    """Rule ``headline.trailing_source``: a headline that names its source last, after a colon or a
    dash, is that source's ("Deutsche Bank set to announce merger talks: source", "... - Axios",
    "No evidence shows ill intentions ...: security adviser", "... - sources", "...: report").

    The source is one to four words: an unnamed source's noun (lexicon/anonymous.txt), a role
    (lexicon/person_roles.txt), an outlet sayso knows, or a name the recogniser tags.  What the line
    says is all before the separator, after a kicker ("Exclusive:").
    """
    seps = [i for i, k in enumerate(words) if t.words[k] in _TRAILING_SEPARATORS and (
        t.words[k] == ":" or _spaced(t, k))]
    if not seps:
        return None
    sep = seps[-1]
    source = [k for k in words[sep + 1:] if not t.is_punct[k]]
    said = words[:sep]
    kicker = next((i for i, k in enumerate(said) if t.words[k] == ":"), None)
    if kicker is not None and kicker <= 3:
        said = said[kicker + 1:]
    said = [k for k in said if not (t.is_punct[k] and t.words[k] not in CLOSING_QUOTE_TOKENS)] if said else said
    if not 1 <= len(source) <= 4 or len([k for k in said if not t.is_punct[k]]) < 3:
        return None
    head = t.lower[source[-1]]
    anonymous, roles = lexicon.words("anonymous"), lexicon.tagged("person_roles")
    named = _names_an_outlet(t, source) or all(t.ent[k] in _NAME_ENTITIES for k in source)
    if not (head in anonymous or head in roles or head in _SOURCE_WORD_CUES or named):
        return None
    content = tuple(bridged_runs(t, said))
    if len(source) == 1 and head in _SOURCE_WORD_CUES:
        # "- sources": the word is both the cue and who; "...: report" names no one.
        return RawAttribution(source[0], (source[0],), () if head.startswith("report") else (source[0],), content, 0.6)
    return RawAttribution(words[sep], (words[sep],), tuple(source), content, 0.6)


def asks_a_question(t: TokenTable, k: int) -> bool:
    """Whether token k lies in a sentence, outside quotation marks, that asks whether something is so:
    it opens with an auxiliary and ends with a question mark ("Did Trump want to ...?").  A question
    with a question word takes its clause as given ("Why Does Israel Refuse to Recognize ...?" says
    Israel refuses; PolNeAR marks it), so it is not one."""
    if t.quote[k] >= 0:
        return False
    first, last = t.sent_bounds[t.sent[k]] if t.sent_bounds else (0, t.n - 1)
    words = [j for j in range(first, last + 1) if not t.is_space[j]]
    return bool(words) and t.words[words[-1]] == "?" and t.quote[words[-1]] < 0 and t.pos[words[0]] == "AUX"


def _spaced(t: TokenTable, k: int) -> bool:
    """Whether token k has white space on one side at least (a dash, not the hyphen of "op-ed")."""
    return t.text[t.starts[k] - 1:t.starts[k]].isspace() or t.text[t.ends[k]:t.ends[k] + 1].isspace()


def _names_an_outlet(t: TokenTable, words: list[int]) -> bool:
    """Whether the words are an outlet's name sayso knows ("NYT", "Axios", "The New York Times")."""
    phrase = " ".join(t.words[k] for k in words if not t.is_punct[k]).lower().removeprefix("the ")
    return bool(phrase) and phrase in lexicon.outlets()


def without_misread_headline_cues(t: TokenTable, found: list[RawAttribution],
                                  headline: list[RawAttribution]) -> list[RawAttribution]:
    """The models' attributions in a headline, without those its own forms read better.

    Rule ``headline.question``: a headline that asks whether ("Did Donald Trump want to set off nuclear
    bombs inside hurricanes?") says nobody said anything.  Rule ``headline.kicker``: a kicker
    ("Scoop:", "The Latest:") is a label, not a source.  Rule
    ``headline.inside_said_line``: in a line a source named before a colon or at its end says ("NYT:
    Trump ordered Mueller fired", "...: source"), a verb the models took that reports no speech
    ("Bloomberg eyeing ...: report") or reaches over to the source ("Deutsche Bank set to announce
    merger talks: source") is part of what the source says; a verb of speech stays, nested
    ("Zelenskyy: Trump told me ...").
    """
    whole_lines = [a for a in headline if t.words[a.cue_head] in _TRAILING_SEPARATORS | {":"}
                   or t.lower[a.cue_head] in _SOURCE_WORD_CUES]
    out = []
    for a in found:
        if a.cue_head >= t.body_token or a.cue_head >= t.n:
            out.append(a)
            continue
        if asks_a_question(t, a.cue_head):
            continue
        if a.source and all(t.lower[k] in HEADLINE_KICKERS or t.is_punct[k] for k in a.source) and \
                t.words[a.cue_head] == ":":
            continue
        outer = next((h for h in whole_lines if holds_token(h, a.cue_head)), None)
        if outer is not None:
            reaches = holds_token(a, outer.cue_head) or bool(set(a.source) & set(outer.source))
            speech = t.lower[a.cue_head] in lexicon.tagged("quoted_cue_verbs")
            if reaches or not speech:
                continue
        out.append(a)
    return out


#: Nouns for a report a headline names before what it says ("Report That Claimed ...", "Axios Scoop That ...").
_HEADLINE_REPORTS = frozenset({"report", "reports", "scoop", "story", "claim", "claims"})
_HEADLINE_PRONOUNS = frozenset({"he", "she", "they", "i", "we"})
#: Prepositions and conjunctions a title-case headline capitalises.
_HEADLINE_LINKS = frozenset({"over", "on", "about", "of", "for", "to", "at", "by", "in", "from", "with", "and", "as"})


def _headline_nested(t: TokenTable, words: list[int]) -> list[RawAttribution]:
    """What a headline's report says, inside what its subject denies: "Trump Denies Report That Claimed
    He Suggested Nuking Hurricanes" holds "Report That Claimed [He Suggested ...]" and "He Suggested
    [Nuking Hurricanes]"; "Axios Scoop That He Suggested ..." holds "Scoop".  A report noun counts only
    before "that" and a clause, not "report on the idea".
    """
    out = []
    for i, k in enumerate(words):
        rest = words[i + 1:]
        if t.lower[k] in _HEADLINE_REPORTS and rest:
            # (Not "Denies Reports He Ordered Mueller Fired": a report only denied is no attribution of its own.)
            if t.lower[rest[0]] != "that":
                continue
            rest = rest[1:]
            if len(rest) >= 2 and t.lower[rest[0]] in HEADLINE_CUES | {"claimed"}:
                out.append(RawAttribution(rest[0], (rest[0],), (k,), tuple(bridged_runs(t, rest[1:])), 0.3))
            elif len(rest) >= 2:
                # Whose report: the capitalised words right before it ("Over Axios Scoop").
                owner: list[int] = []
                for j in reversed(words[max(0, i - 2):i]):
                    if not (t.words[j][:1].isupper() and t.words[j].isalpha()) or t.lower[j] in HEADLINE_CUES \
                            or t.lower[j] in _HEADLINE_LINKS:
                        break
                    owner.insert(0, j)
                out.append(RawAttribution(k, (k,), tuple(owner), tuple(bridged_runs(t, rest)), 0.3))
        elif t.lower[k] in _HEADLINE_PRONOUNS and len(rest) >= 2 and t.lower[rest[0]] in HEADLINE_CUES:
            out.append(RawAttribution(rest[0], (rest[0],), (k,), tuple(bridged_runs(t, rest[1:])), 0.3))
    return out


def _headline_subject(t: TokenTable, words: list[int]) -> list[int]:
    """The capitalised words a headline opens with, up to its verb ("Trump" of "Trump Hits Back")."""
    subject = []
    for k in words:
        # The tagger reads title case badly ("Trump" a verb): the first word is always the subject's.
        verb = t.pos[k] in ("VERB", "AUX") and bool(subject)
        if verb or t.lower[k] in HEADLINE_CUES or not t.words[k][:1].isupper():
            break
        subject.append(k)
    return subject if 0 < len(subject) <= 4 else []


def _headline_clauses(t: TokenTable, words: list[int]) -> list[list[int]]:
    """A headline's clauses: "Did Trump want ...? Trump denies it, reporter stands by story"."""
    if words and t.lower[words[-1]] in HEADLINE_CUES:
        return [words]  # "..., Zelenskyy says"
    clauses, current = [], []
    for k in words:
        if t.words[k] in ("?", ",", ";"):
            if current:
                clauses.append(current)
            current = []
        else:
            current.append(k)
    return [*clauses, current] if current else clauses


def _headline_clause(t: TokenTable, words: list[int]) -> RawAttribution | None:
    for i, k in enumerate(words):
        if t.lower[k] not in HEADLINE_CUES:
            continue
        before, after = words[:i], words[i + 1:]
        if t.lower[k] == "reportedly":
            content = [j for j in words if j != k]
            return RawAttribution(k, (k,), (), tuple(bridged_runs(t, content)), 0.6) if content else None
        if i == 0:
            return None
        if not after and t.lower[k] in ("sources", "report", "reports") and t.words[before[-1]] in DASHES | {"-"}:
            return RawAttribution(k, (k,), (k,), tuple(bridged_runs(t, before[:-1])), 0.6) if before[:-1] else None
        if t.lower[k] == "sources":
            continue  # a noun: "The Tamil Nadu police sources have released ..." names who, not a cue
        if not after and "," in [t.words[j] for j in before]:
            comma = max(j for j, x in enumerate(before) if t.words[x] == ",")
            source, content = before[comma + 1:], before[:comma]
        else:
            source, content = before, after
        while content and t.lower[content[0]] in ("that", "to", "by", "on", "over", "back"):
            content = content[1:]
        source = [j for j in source if not t.is_punct[j]]
        if source and any(not t.is_punct[j] for j in content) and len(source) <= 6:
            cue = (k, *([words[i + 1]] if after and t.lower[words[i + 1]] in ("by", "to", "for") else []))
            return RawAttribution(k, cue, tuple(source), tuple(bridged_runs(t, content)), 0.6)
        return None
    return None


#: "seem" and "appear" report an impression without its holder: on PolNeAR train, 190 gold cues
#: with these words have no source and 48 have one.
_IMPRESSION_VERBS = frozenset({"seem", "seems", "seemed", "seeming", "appear", "appears", "appeared", "appearing"})
#: A quotation re-opened at each paragraph may be opened with two apostrophes in typed text.
_OPENING = OPENING_QUOTE_TOKENS | {"''"}


def _paragraph_after_colon(t: TokenTable, c: int) -> list[tuple[int, int]]:
    """The paragraph that a cue ending its own paragraph with a colon introduces.

    "He said:" / "“In all the administrations I've served in, ...”": the role
    models read only the cue's own paragraph, so they find no content here.
    A quotation that runs on over paragraphs (each re-opened, closed only in
    the last) is taken whole.
    """
    para = t.para[c]
    last = c
    k = c + 1
    while k < t.n and t.para[k] == para:
        if not t.is_space[k]:
            last = k
        k += 1
    if last == c or t.words[last] != ":" or t.sent[last] != t.sent[c]:
        return []
    block: list[int] = []
    k = _next_word(t, k)
    while k < t.n:
        end = k
        while end < t.n and t.para[end] == t.para[k]:
            end += 1
        part = [j for j in range(k, end) if not t.is_space[j]]
        block += part
        k = _next_word(t, end)
        if not (k < t.n and t.words[part[0]] in _OPENING and t.words[part[-1]] not in CLOSING_QUOTE_TOKENS
                and t.words[k] in _OPENING):
            break
    while block and t.is_punct[block[-1]]:
        block.pop()
    while block and t.is_punct[block[0]]:
        block.pop(0)
    return bridged_runs(t, block)


def _next_word(t: TokenTable, k: int) -> int:
    """The first token from k on that is not white space (t.n if none)."""
    while k < t.n and t.is_space[k]:
        k += 1
    return k


def _tokens_in(t: TokenTable, start: int, end: int) -> list[int]:
    k = t.token_at(start)
    out = []
    while k < t.n and t.starts[k] < end:
        if t.ends[k] > start:
            out.append(k)
        k += 1
    return out


