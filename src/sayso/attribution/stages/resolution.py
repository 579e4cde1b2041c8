"""Stage ``resolution``: each attribution, first to last, through the per-attribution steps.

One walk, not one pass per step: resolving an attribution changes the entity
store (an anonymous "two officials" becomes an entity, a "he" a mention), and
the next attribution's speaker may point back to it ("the officials said").
The steps run in this order for one attribution before the next begins.

Reads ``table``, ``entities``, ``work``.  Fills in each AttributionWork and its record; adds
mentions and anonymous sources to ``entities``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sayso.attribution.context import ArticleContext, AttributionWork
from sayso.attribution.stages import (
    addressee,
    addressee_phrase,
    citations,
    co_speakers,
    headline_role,
    hedges,
    quoted_persons,
    source_kind,
    speaker,
)


@dataclass(frozen=True, slots=True)
class Step:
    """One named step of an attribution's resolution."""

    name: str
    run: Callable[[ArticleContext, AttributionWork], None]


#: The order matters: the speaker excludes the addressee the cue names outright; the addressee
#: excludes the speaker; the source kind reads the speaker's type; on_record reads the kind.
STEPS: tuple[Step, ...] = (
    Step("addressee_phrase", addressee_phrase.run),
    Step("speaker", speaker.run),
    Step("quoted_speaker", quoted_persons.run_speaker),
    Step("headline_role", headline_role.run),
    Step("addressee", addressee.run),
    Step("quoted_addressee", quoted_persons.run_addressee),
    Step("citations", citations.run),
    Step("source_kind", source_kind.run),
    Step("co_speakers", co_speakers.run),
    Step("hedges", hedges.run),
)


def run(ctx: ArticleContext) -> None:
    for w in ctx.work:
        for step in STEPS:
            step.run(ctx, w)
