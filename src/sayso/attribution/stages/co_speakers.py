"""Step ``co_speakers``: others the source names alongside the speaker ("Grassley and Leahy said").

Reads the work item's ``speaker_id``.  Adds the record's ``co_speakers``.
"""

from __future__ import annotations

from dataclasses import replace

from sayso.attribution.context import ArticleContext, AttributionWork
from sayso.attribution.speakers import co_speakers
from sayso.records import EntityRef


def run(ctx: ArticleContext, w: AttributionWork) -> None:
    ents, source, speaker = ctx.entities, w.raw.source, w.speaker_id
    others = co_speakers(ctx.table, ents, source, speaker) if speaker and source else ()
    w.record = replace(w.record, co_speakers=tuple(EntityRef(ents.by_id(o).name, o) for o in others))
