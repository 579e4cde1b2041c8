"""Step ``addressee_phrase``: whom the cue says the words were for ("told [Axios]"), and the entity
that phrase names outright (which cannot also be the speaker)."""

from __future__ import annotations

from sayso.attribution.addressees import find_addressee
from sayso.attribution.context import ArticleContext, AttributionWork


def run(ctx: ArticleContext, w: AttributionWork) -> None:
    w.addressee_phrase = find_addressee(ctx.table, w.raw.cue_head) or ()
    w.addressee_named = ctx.entities.at(w.addressee_phrase) if w.addressee_phrase else None
