"""Steps ``quoted_speaker`` and ``quoted_addressee``: I, we, me and you inside someone's quotation.

In “I told Trump that ...,” Zelensky said, "I" is the quoted speaker; in “Trump said to me ...”
the addressee is; a "you" is the one the quoted speaker spoke to.  The outer attribution is the
innermost one resolved before this one whose content holds this one's cue (the stage
``nesting`` later records it as ``nested_in``).  Rules ``quoted_speaker.first_person`` and
``quoted_speaker.second_person``.

``quoted_speaker`` runs after ``speaker`` (it replaces a speaker the sieves could not find) and
reads the outer item's ``speaker_id`` and ``addressee_id``; ``quoted_addressee`` runs after
``addressee``.
"""

from __future__ import annotations

from dataclasses import replace

from sayso.attribution.context import ArticleContext, AttributionWork
from sayso.attribution.sources import source_head
from sayso.records import EntityRef

FIRST_PERSON = frozenset({"i", "we", "me", "us"})
SECOND_PERSON = frozenset({"you"})


def _outer(ctx: ArticleContext, w: AttributionWork) -> AttributionWork | None:
    """The innermost already resolved attribution whose content holds w's cue, if w's cue is quoted."""
    t, c = ctx.table, w.raw.cue_head
    if t.quote[c] < 0:
        return None
    best: AttributionWork | None = None
    for other in ctx.work:
        if other is w:
            break
        if other.speaker_id and any(a <= c <= b for a, b in other.raw.content) and (
                best is None or _size(other) < _size(best)):
            best = other
    return best


def _size(w: AttributionWork) -> int:
    return sum(b - a + 1 for a, b in w.raw.content)


def _person(ctx: ArticleContext, outer: AttributionWork, toks: tuple[int, ...]) -> tuple[str | None, str] | None:
    word = ctx.table.lower[source_head(ctx.table, toks)] if toks else ""
    if word in FIRST_PERSON:
        return outer.speaker_id, "first_person"
    if word in SECOND_PERSON:
        return outer.addressee_id, "second_person"
    return None


def run_speaker(ctx: ArticleContext, w: AttributionWork) -> None:
    outer = _outer(ctx, w)
    found = _person(ctx, outer, w.raw.source) if outer else None
    if not found or not found[0]:
        return
    speaker, branch = found
    w.speaker_id, w.speaker_rule = speaker, f"quoted_speaker.{branch}"
    w.record = replace(w.record, speaker=EntityRef(ctx.entities.by_id(speaker).name, speaker),
                       speaker_rule=w.speaker_rule)


def run_addressee(ctx: ArticleContext, w: AttributionWork) -> None:
    outer = _outer(ctx, w)
    found = _person(ctx, outer, w.addressee_phrase) if outer else None
    if not found or not found[0] or found[0] == w.speaker_id:
        return
    w.addressee_id = found[0]
    w.record = replace(w.record, addressee=EntityRef(ctx.entities.by_id(found[0]).name, found[0]))
