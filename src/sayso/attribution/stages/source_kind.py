"""Step ``source_kind``: how the source is identified (named person, outlet, anonymous group, ...),
and for an anonymous one how many and how described.

Reads the work item's ``source_info`` and ``speaker_id``.  Adds the record's ``source_kind``,
``anonymous_count``, ``anonymous_descriptor``.
"""

from __future__ import annotations

from dataclasses import replace

from sayso.attribution.context import ArticleContext, AttributionWork
from sayso.attribution.entities import PERSON
from sayso.records import ANONYMOUS_KINDS


def run(ctx: ArticleContext, w: AttributionWork) -> None:
    info, speaker = w.source_info, w.speaker_id
    kind = info.kind if info else "none"
    if speaker and ctx.entities.by_id(speaker).type == PERSON and kind == "unspecified":
        kind = "named_person"
    anonymous = kind in ANONYMOUS_KINDS
    w.record = replace(
        w.record,
        source_kind=kind,
        anonymous_count=info.anonymous_count if info and anonymous else None,
        anonymous_descriptor=info.descriptor if info and anonymous else None,
    )
