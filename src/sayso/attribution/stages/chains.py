"""Stage ``chains``: each attribution's relay chain, publisher to speaker to what it cites, and
whether anything along it is anonymous.

Reads ``work`` (speakers, addressees, citations, nesting), ``entities``, ``publisher``.  Adds each
record's ``chain`` and ``rests_on_anonymous``.
"""

from __future__ import annotations

from dataclasses import replace

from sayso.attribution.context import ArticleContext, AttributionWork
from sayso.attribution.entities import OUTLET
from sayso.records import ANONYMOUS_KINDS

#: How many relays back a chain is followed (a guard against pathological nesting).
_MAX_DEPTH = 8


def run(ctx: ArticleContext) -> None:
    ents, work, publisher = ctx.entities, ctx.work, ctx.publisher
    by_id = {w.record.id: w for w in work}
    cited_by: dict[str, AttributionWork] = {}
    for w in work:
        for cid in w.citation_ids:
            cited_by.setdefault(cid, w)
    memo: dict[str, tuple[list[str], bool]] = {}

    def name_of(entity_id: str | None, w: AttributionWork) -> str:
        if entity_id:
            return ents.by_id(entity_id).name
        return w.record.source.text if w.record.source else "(no source given)"

    def prefix(w: AttributionWork, depth: int = 0) -> tuple[list[str], bool]:
        """Relays before this attribution's speaker, and whether any of them is anonymous."""
        if w.record.id in memo:
            return memo[w.record.id]
        path: list[str] = []
        anon = False
        if depth < _MAX_DEPTH:
            parent = by_id.get(w.record.nested_in or "")
            source_of = cited_by.get(w.speaker_id or "")
            if parent is not None:
                pp, pa = prefix(parent, depth + 1)
                path = pp + [name_of(parent.speaker_id, parent)]
                anon = pa or parent.record.source_kind in ANONYMOUS_KINDS
                if parent.record.citing and parent.speaker_id != w.speaker_id:
                    path += [c.text for c in parent.record.citing]
                    anon = anon or any(c.source_kind in ANONYMOUS_KINDS for c in parent.record.citing)
            elif source_of is not None and source_of is not w:
                pp, pa = prefix(source_of, depth + 1)
                path = pp + [name_of(source_of.speaker_id, source_of)]
                anon = pa
        if w.addressee_id and ents.by_id(w.addressee_id).type == OUTLET:
            outlet = ents.by_id(w.addressee_id).name
            if outlet != publisher and outlet not in path:
                path = path + [outlet]
        memo[w.record.id] = (path, anon)
        return path, anon

    for w in work:
        path, anon = prefix(w)
        speaker = name_of(w.speaker_id, w)
        chain = ([publisher] if publisher else []) + [p for p in path if p != publisher] + [speaker]
        if w.record.citing:
            chain += [c.text for c in w.record.citing]
        anon = anon or w.record.source_kind in ANONYMOUS_KINDS or any(
            c.source_kind in ANONYMOUS_KINDS for c in w.record.citing)
        w.record = replace(w.record, chain=tuple(_dedupe(chain)), rests_on_anonymous=anon)


def _dedupe(items: list[str]) -> list[str]:
    """Without a link repeated right after itself."""
    out: list[str] = []
    for x in items:
        if not out or out[-1] != x:
            out.append(x)
    return out
