"""Step ``source_kind``: how the source is identified (named person, outlet, anonymous group, ...),
and for an anonymous one how many and how described.

Reads the work item's ``source_info`` and ``speaker_id``.  Adds the record's ``source_kind``,
``anonymous_count``, ``anonymous_descriptor``.
"""

from __future__ import annotations

from dataclasses import replace

from sayso.attribution.context import ArticleContext, AttributionWork
from sayso.attribution.entities import ANONYMOUS, ORG, OUTLET, PERSON
from sayso.records import ANONYMOUS_KINDS, Attribution

#: The kind of a source whose words leave it unspecified ("they", "we") but whose speaker is named.
_KIND_OF_NAMED = {PERSON: "named_person", OUTLET: "outlet", ORG: "named_organization"}


def run(ctx: ArticleContext, w: AttributionWork) -> None:
    info, speaker = w.source_info, w.speaker_id
    kind = info.kind if info else "none"
    speaker_type = ctx.entities.by_id(speaker).type if speaker else None
    if kind == "unspecified" and speaker_type in _KIND_OF_NAMED:
        # "they" or "we" that stands for a named person, outlet or organisation is of its kind.
        kind = _KIND_OF_NAMED[speaker_type]
    anonymous = kind in ANONYMOUS_KINDS
    count = info.anonymous_count if info and anonymous else None
    descriptor = info.descriptor if info and anonymous else None
    earlier = _introduced(ctx, w) if speaker and kind == "unspecified" else None
    if earlier is not None:
        # "A senior staff engineer ... stated: '...' They added: '...'": a pronoun for an anonymous
        # source is that source, as the attribution that introduced it described it.
        kind, count, descriptor = earlier.source_kind, earlier.anonymous_count, earlier.anonymous_descriptor
    w.record = replace(w.record, source_kind=kind, anonymous_count=count, anonymous_descriptor=descriptor)


def _introduced(ctx: ArticleContext, w: AttributionWork) -> Attribution | None:
    """The earlier attribution that introduced w's speaker as an anonymous source, if it is one."""
    if w.speaker_id is None or ctx.entities.by_id(w.speaker_id).type != ANONYMOUS:
        return None
    for other in ctx.work:
        if other is w:
            return None
        if other.speaker_id == w.speaker_id and other.record.source_kind in ANONYMOUS_KINDS:
            return other.record
    return None
