"""Stage ``cues_and_roles``: find cues and their sources and contents, by the mode's models.

Reads ``table``, ``mode``, ``time_budget``.  Adds ``attributions_found`` and, when the time
budget runs out, ``warnings``.
"""

from __future__ import annotations

from sayso.attribution.context import ArticleContext
from sayso.attribution.extract import ACCURATE_THRESHOLDS, extract
from sayso.attribution.linear import load_linear


def run(ctx: ArticleContext) -> None:
    t, deadline, budget = ctx.table, ctx.deadline, ctx.time_budget
    if ctx.mode == "accurate":
        from sayso.attribution.neural import accurate_scores

        # The encoder gets half the budget, so that past it the rest of the
        # article is still read by the linear models.
        neural = accurate_scores(t, deadline=ctx.started + budget / 2 if budget is not None else None,
                                 headline_apart=ctx.meta.title_apart)
        extraction = extract(t, load_linear("cue"), load_linear("role"), ACCURATE_THRESHOLDS,
                             deadline=deadline, neural=neural)
    else:
        neural = None
        extraction = extract(t, load_linear("cue"), load_linear("role"), deadline=deadline)
    if neural is not None and not neural.encoded.complete:
        ctx.warnings.append(
            f"time budget of {budget:g} s reached while encoding: the encoder read "
            f"{neural.encoded.encoded:,} of {neural.encoded.chunks:,} chunks of the article; "
            "the rest was scored by the fast mode's models only")
    if not extraction.complete:
        ctx.warnings.append(
            f"time budget of {budget:g} s reached: {extraction.cues_scored:,} of "
            f"{extraction.cues_found:,} candidate cues were analysed; the attributions of the "
            "rest of the article are missing (is it prose?)")
    ctx.attributions_found = extraction.attributions
