"""Stage ``summary``: the non-response records and the article's sourcing summary.

Reads ``work`` (what the reader's view kept), ``raw_non_responses``, ``entities``, ``publisher``.
Adds ``non_responses`` and ``summary``, its ``by_basis`` and ``rests_on`` counted over those
statements.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from sayso.attribution.context import ArticleContext
from sayso.attribution.entities import OUTLET, ArticleEntities
from sayso.attribution.nonresponses import RawNonResponse
from sayso.attribution.provenance import basis_counts, rests_on_sentence
from sayso.attribution.table import TokenTable
from sayso.attribution.tokens import words
from sayso.records import Attribution, Count, NonResponse, SourcingSummary


def run(ctx: ArticleContext) -> None:
    ctx.non_responses = _non_response_records(ctx, ctx.table, ctx.entities, ctx.raw_non_responses)
    attributions = [w.record for w in ctx.work]
    ctx.summary = replace(_summary(attributions, ctx.non_responses, ctx.publisher, ctx.entities),
                          by_basis=basis_counts(attributions), rests_on=rests_on_sentence(attributions))


def _non_response_records(ctx: ArticleContext, t: TokenTable, ents: ArticleEntities,
                          raws: list[RawNonResponse]) -> list[NonResponse]:
    out = []
    for r in raws:
        who_id = ents.at(r.who) if r.who else None
        to_text = words(t, r.to) if r.to else None
        to_id = ents.at(r.to) if r.to else None
        if to_id and ents.by_id(to_id).type == OUTLET:
            to_text = ents.by_id(to_id).name
        elif to_text:
            to_text = ctx.lexicon.outlets().get(to_text.lower().removeprefix("the "), to_text)
        a, b = r.tokens
        out.append(NonResponse(
            text=t.text[t.starts[a]:t.ends[b]], spans=((t.starts[a], t.ends[b]),),
            who=words(t, r.who) or None, to=to_text, who_entity_id=who_id,
        ))
    return out


def _summary(attrs: list[Attribution], non_responses: list[NonResponse], publisher: str | None,
             ents: ArticleEntities) -> SourcingSummary:
    n = len(attrs)
    kinds = Counter(a.source_kind for a in attrs)
    anonymous = sum(1 for a in attrs if a.rests_on_anonymous)
    outlets = {e.name for e in ents.entities if e.type == OUTLET}
    relayed: list[str] = []
    for a in attrs:
        for link in a.chain[:-1] if a.chain else ():
            if link in outlets and link != publisher and link not in relayed:
                relayed.append(link)
        if a.source_kind == "outlet" and a.speaker and a.speaker.name != publisher and a.speaker.name not in relayed:
            relayed.append(a.speaker.name)
    speakers = Counter(s.name for a in attrs if a.speaker for s in (a.speaker, *a.co_speakers))
    return SourcingSummary(
        attributions=n,
        by_source_kind=tuple(Count(k, v) for k, v in kinds.most_common()),
        anonymous=anonymous,
        anonymous_share=round(anonymous / n, 3) if n else 0.0,
        on_record=sum(1 for a in attrs if a.on_record),
        hedged=sum(1 for a in attrs if a.hedges),
        outlets_relayed=tuple(relayed),
        speakers=tuple(Count(k, v) for k, v in speakers.most_common()),
        non_responses=len(non_responses),
    )
