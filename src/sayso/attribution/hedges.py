"""Hedges ("reportedly", "is said to") and whether a statement was made on the record."""

from __future__ import annotations

from sayso import lexicon
from sayso.attribution.table import TokenTable

_ON_RECORD = ("publicly", "on the record", "in a statement", "told reporters", "in an interview",
              "at a news conference", "at a press conference", "in a tweet", "on twitter", "wrote on",
              "said in a speech", "during a speech", "in remarks")
_OFF_RECORD = ("on condition of anonymity", "on the condition of anonymity", "speaking anonymously",
               "not authorized to", "not authorised to", "requested anonymity", "asked not to be named",
               "declined to be named", "on background")
_CHAIN_DEPS = {"advcl", "conj", "xcomp", "ccomp"}


def hedges(t: TokenTable, c: int) -> tuple[str, ...]:
    """Hedge words governing the cue: its own adverbs and those of the verbs it hangs from."""
    words = lexicon.words("hedges")
    found: list[str] = []
    k, steps = c, 0
    while True:
        for ch in t.children[k]:
            if t.lower[ch] in words and t.lower[ch] not in found:
                found.append(t.lower[ch])
        if steps >= 2 or t.dep[k] not in _CHAIN_DEPS or t.head[k] == k:
            break
        k, steps = t.head[k], steps + 1
    # "is said to", "is believed to", "is understood to"
    if t.lower[c] in ("said", "believed", "understood", "thought", "rumored", "rumoured", "alleged") and any(
        t.dep[ch] == "auxpass" for ch in t.children[c]
    ) and any(t.dep[ch] == "xcomp" for ch in t.children[c]):
        found.append("is " + t.lower[c] + " to")
    return tuple(found)


def on_record(t: TokenTable, c: int, anonymous: bool) -> bool | None:
    """True where the text says the statement was public, False for anonymous sources, else unknown."""
    s0, s1 = t.sent_bounds[t.sent[c]]
    sentence = t.text[t.starts[s0]:t.ends[s1]].lower()
    if anonymous or any(p in sentence for p in _OFF_RECORD):
        return False
    near = t.text[t.starts[c]:t.ends[min(t.n - 1, c + 6)]].lower()
    if any(p in near for p in _ON_RECORD):
        return True
    return None
