"""Stage ``reported_by``: the source of "reportedly" is the outlet that reported it.

"Michael Bloomberg is reportedly interested in buying Dow Jones, Axios
reported": the grammatical subject is what the report is about, not who
said it. The extractor takes the subject for the source; this stage gives
a "reportedly" a news outlet (not the publisher) that reports in the article
(the source of another attribution, "according to The Times", or the subject
of a reporting verb or just before one, "Axios reported"): the one in the same sentence nearest
the cue, else the last one named before it, else the first named after it.
With no such outlet the source is left as it was (an outlet the story is
about, "buy The Washington Post", is not one). "Trump reportedly told him" keeps Trump:
a verb of saying makes him the speaker, the outlet only a relay.

Reads ``table``, ``entities``, ``meta``, ``attributions_found``.  Replaces
``attributions_found``.
"""

from __future__ import annotations

from dataclasses import replace

from sayso import lexicon
from sayso.attribution.context import ArticleContext
from sayso.attribution.entities import OUTLET
from sayso.attribution.extract import CORE_REPORTING_VERBS
from sayso.attribution.table import TokenTable
from sayso.attribution.tokens import SUBJECT_DEPS

_REPORTEDLY = frozenset({"reportedly"})


def run(ctx: ArticleContext) -> None:
    t = ctx.table
    publisher = (ctx.meta.publisher or "").lower()
    publisher = lexicon.outlets().get(publisher, publisher).lower()
    mentions = sorted((a, b) for e in ctx.entities.entities if e.type == OUTLET
                      and e.name.lower() != publisher for a, b in e.mentions)
    if not mentions:
        return
    reportedly = [r for r in ctx.attributions_found if any(t.lower[k] in _REPORTEDLY for k in r.cue)
                  and not any(t.lower[k] in CORE_REPORTING_VERBS for k in r.cue)]
    if not reportedly:
        return
    sources = {k for r in ctx.attributions_found if r not in reportedly for k in r.source}
    speaking = [m for m in mentions if sources.intersection(range(m[0], m[1] + 1))
                or any(_reports(t, k) for k in range(m[0], m[1] + 1))
                or m[1] + 1 < t.n and t.lower[m[1] + 1] in CORE_REPORTING_VERBS]
    out = []
    for raw in ctx.attributions_found:
        if raw in reportedly:
            pick = _nearest(t, speaking, raw.cue_head)
            if pick:
                raw = replace(raw, source=tuple(range(pick[0], pick[1] + 1)))
        out.append(raw)
    ctx.attributions_found = out


def _reports(t: TokenTable, k: int) -> bool:
    """Whether token k heads, or names in apposition, the subject of a reporting verb
    ("Axios reported", "news website Axios reported")."""
    for _ in range(3):
        if t.dep[k] in SUBJECT_DEPS:
            return t.lower[t.head[k]] in CORE_REPORTING_VERBS
        if t.dep[k] not in ("compound", "appos", "flat") or t.head[k] == k:
            return False
        k = t.head[k]
    return False


def _nearest(t: TokenTable, mentions: list[tuple[int, int]], c: int) -> tuple[int, int] | None:
    """The mention in the cue's sentence nearest it, else the last one before, else the first one after."""
    if not mentions:
        return None
    same = [m for m in mentions if t.sent[m[0]] == t.sent[c]]
    before = [m for m in mentions if m[1] < c]
    return min(same, key=lambda m: abs(m[0] - c)) if same else before[-1] if before else mentions[0]
