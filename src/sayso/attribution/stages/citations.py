"""Step ``citations``: the sources the cue cites ("..., citing a Ukrainian official and three other
sources"), each classified, the anonymous ones made entities.

Adds the work item's ``citations`` and ``citation_ids`` and the record's ``citing``.
"""

from __future__ import annotations

from dataclasses import replace

from sayso.attribution.context import ArticleContext, AttributionWork
from sayso.attribution.entities import ArticleEntities
from sayso.attribution.sources import classify_source
from sayso.attribution.speakers import record_anonymous_source
from sayso.attribution.stages.filtering import cites_a_source
from sayso.attribution.table import TokenTable
from sayso.attribution.tokens import words
from sayso.records import UNNAMED_KINDS, Citation


def run(ctx: ArticleContext, w: AttributionWork) -> None:
    t, ents = ctx.table, ctx.entities
    for toks in _cited(t, ents, w.raw.cue_head):
        info = classify_source(t, toks, None)
        cid = record_anonymous_source(t, ents, toks).entity if info.kind in UNNAMED_KINDS else (ents.at(toks) or "")
        if cid:
            w.citation_ids.append(cid)
        w.citations.append(Citation(text=words(t, toks), source_kind=info.kind,
                                    anonymous_count=info.anonymous_count,
                                    spans=((t.starts[toks[0]], t.ends[toks[-1]]),)))
    w.record = replace(w.record, citing=tuple(w.citations))


def _cited(t: TokenTable, ents: ArticleEntities, c: int) -> list[tuple[int, ...]]:
    """The phrases cue c cites."""
    out = []
    for k in t.children[c]:
        if t.lower[k] in ("citing", "quoting"):
            for obj in t.children[k]:
                if t.dep[obj] in ("dobj", "pobj", "attr"):
                    sub = t.subtree(obj)
                    toks = tuple(j for j in sub if not (t.is_punct[j] and j == sub[-1]))
                    # A punctuation mark parsed as the object ("citing /") cites no one.
                    if any(not t.is_punct[j] for j in toks) and cites_a_source(t, ents, toks):
                        out.append(toks)
    return out
