"""Step ``addressee``: the entity the words were for; for "you" in a quote with no addressee
named, the person the speaker last spoke to.

Reads the work item's ``addressee_phrase`` and ``speaker_id``.  Adds ``addressee_id`` and the
record's ``addressee``; keeps ``last_partner`` up to date.
"""

from __future__ import annotations

from dataclasses import replace

from sayso.attribution.addressees import AUDIENCE_NOUNS
from sayso.attribution.context import ArticleContext, AttributionWork
from sayso.attribution.entities import ANONYMOUS
from sayso.attribution.speakers import resolve_phrase
from sayso.attribution.table import TokenTable
from sayso.records import EntityRef


def run(ctx: ArticleContext, w: AttributionWork) -> None:
    t, ents, speaker, addr_toks = ctx.table, ctx.entities, w.speaker_id, w.addressee_phrase
    addressee = None
    if addr_toks:
        addressee = resolve_phrase(t, ents, addr_toks, {speaker} if speaker else set()) \
            or _audience(ctx, addr_toks)
        if addressee and w.addressee_named is None:
            ents.add_mention(addressee, addr_toks[0], addr_toks[-1])
    if addressee is None and speaker and w.record.kind != "indirect" and _quoted_second_person(t, w.raw.content):
        addressee = ctx.last_partner.get(speaker)
    if speaker and addressee:
        ctx.last_partner[speaker] = addressee
        ctx.last_partner.setdefault(addressee, speaker)
    w.addressee_id = addressee
    w.record = replace(w.record,
                       addressee=EntityRef(ents.by_id(addressee).name, addressee) if addressee else None)


def _quoted_second_person(t: TokenTable, content: tuple[tuple[int, int], ...]) -> bool:
    return any(t.lower[k] in ("you", "your") and t.quote[k] >= 0 for a, b in content for k in range(a, b + 1))


def _audience(ctx: ArticleContext, toks: tuple[int, ...]) -> str | None:
    """ "told reporters", "wrote to supporters": an unnamed audience, one entity per wording."""
    t = ctx.table
    if t.lower[toks[-1]] not in AUDIENCE_NOUNS:
        return None
    return ctx.entities.find_or_add(t.text[t.starts[toks[0]]:t.ends[toks[-1]]], ANONYMOUS)
