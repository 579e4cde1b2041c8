"""Who declined to comment, did not reply, or could not be reached, and to whom."""

from __future__ import annotations

from dataclasses import dataclass

from sayso.attribution.table import TokenTable
from sayso.attribution.tokens import SUBJECT_DEPS, phrase_of

_REFUSE = {"declined", "declines", "decline", "refused", "refuses", "refuse", "declining", "refusing"}
_SPEAK = {"comment", "respond", "reply", "answer", "elaborate", "discuss", "say", "confirm", "address", "speak"}
_NO_REPLY = {"respond", "reply", "return", "answer", "comment", "responded", "replied", "returned"}
_NEGATIONS = {"not", "n't", "never"}


@dataclass(frozen=True, slots=True)
class RawNonResponse:
    verb: int                  # the verb that carries the refusal ("declined", "reply")
    tokens: tuple[int, int]    # the whole clause, for display
    who: tuple[int, ...]       # the subject, if any
    to: tuple[int, ...]        # whom it was addressed to: "to Axios", "the Daily Beast's request"


#: What is not part of who declined: "[a spokesman] for the company, who ...".
_NOT_THE_PHRASE = frozenset({"relcl", "acl", "appos"})


def _who_phrase(t: TokenTable, k: int) -> tuple[int, ...]:
    return tuple(j for j in phrase_of(t, k, _NOT_THE_PHRASE) if not t.is_punct[j])


def _subject(t: TokenTable, v: int) -> tuple[int, ...]:
    k = v
    for _ in range(3):
        subj = [j for j in t.children[k] if t.dep[j] in SUBJECT_DEPS]
        if subj:
            return _who_phrase(t, subj[0])
        if t.dep[k] in ("conj", "xcomp") and t.head[k] != k:
            k = t.head[k]
        else:
            break
    return ()


def _recipient(t: TokenTable, toks: list[int]) -> tuple[int, ...]:
    """"to Axios" or "X's request for comment" within the clause."""
    for k in toks:
        if t.lower[k] == "to" and t.dep[k] in ("prep", "dative"):
            for j in t.children[k]:
                if t.dep[j] == "pobj":
                    if t.lower[j] in ("request", "requests", "inquiry", "inquiries", "email", "emails", "call",
                                      "calls", "message", "messages", "questions"):
                        owner = [p for p in t.children[j] if t.dep[p] == "poss"]
                        if owner:
                            return _who_phrase(t, owner[0])
                        continue
                    return _who_phrase(t, j)
        if t.lower[k] in ("request", "requests", "inquiry", "inquiries", "messages", "calls", "emails"):
            owner = [p for p in t.children[k] if t.dep[p] == "poss"]
            if owner:
                return _who_phrase(t, owner[0])
            by = [p for p in t.children[k] if t.lower[p] in ("from", "by")]
            for p in by:
                objs = [j for j in t.children[p] if t.dep[j] == "pobj"]
                if objs:
                    return _who_phrase(t, objs[0])
    return ()


def find_non_responses(t: TokenTable) -> list[RawNonResponse]:
    out: list[RawNonResponse] = []
    for v in range(t.n):
        w = t.lower[v]
        hit = False
        if w in _REFUSE and any(t.lower[j] in _SPEAK for j in t.children[v] if t.dep[j] == "xcomp") or w in _NO_REPLY and t.pos[v] == "VERB" and any(
            t.lower[j] in _NEGATIONS for j in t.children[v] if t.dep[j] == "neg"
        ) or w == "reached" and any(t.lower[j] in _NEGATIONS for j in t.children[v]) and any(
            t.dep[j] == "auxpass" for j in t.children[v]
        ):
            hit = True
        if not hit:
            continue
        clause = [j for j in t.subtree(v) if t.dep[j] not in ("conj", "cc") or j == v]
        clause = [j for j in clause if not any(t.dep[x] == "conj" and x != v and j in t.subtree(x)
                                               for x in t.children[v])]
        who = _subject(t, v)
        start = min([v] + [j for j in clause if t.dep[j] != "punct"] + list(who))
        end = max(j for j in clause if not t.is_punct[j]) if clause else v
        out.append(RawNonResponse(v, (start, end), who, _recipient(t, clause)))
    return out
