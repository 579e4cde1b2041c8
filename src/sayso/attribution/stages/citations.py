"""Step ``citations``: the sources the cue cites ("..., citing a Ukrainian official and three other
sources"), each classified, the anonymous ones made entities.

Adds the work item's ``citations`` and ``citation_ids`` and the record's ``citing``.
"""

from __future__ import annotations

from dataclasses import replace

from sayso.attribution.context import ArticleContext, AttributionWork
from sayso.attribution.sources import classify_source
from sayso.attribution.speakers import record_anonymous_source
from sayso.attribution.stages.filtering import cited_phrases
from sayso.attribution.tokens import words
from sayso.records import UNNAMED_KINDS, Citation


def run(ctx: ArticleContext, w: AttributionWork) -> None:
    t, ents = ctx.table, ctx.entities
    for _, toks in cited_phrases(t, ents, w.raw.cue_head):
        info = classify_source(t, toks, None)
        cid = record_anonymous_source(t, ents, toks).entity if info.kind in UNNAMED_KINDS else (ents.at(toks) or "")
        if cid:
            w.citation_ids.append(cid)
        w.citations.append(Citation(text=words(t, toks), source_kind=info.kind,
                                    anonymous_count=info.anonymous_count,
                                    spans=((t.starts[toks[0]], t.ends[toks[-1]]),)))
    w.record = replace(w.record, citing=tuple(w.citations))
