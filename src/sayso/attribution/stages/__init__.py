"""An article's analysis as an ordered registry of named stages over one ArticleContext.

Each stage is a module of this package with one entry point, ``run(ctx)``,
that reads what earlier stages added to the context and adds its own
(docs/architecture.md lists what each reads and adds).  ``build_report``
walks ``STAGES`` in order; a stage that sets ``ctx.report`` ends the walk.
The order is the behaviour: attributions are resolved first to last, so a
definite "the sources" can point back to sources an earlier attribution
cited, and a pronoun to the people named before it.

A new analysis is one module here and one line in ``STAGES``; a new
per-attribution step (one that must see the entity store as the earlier
attributions left it) is one module and one line in
``resolution.STEPS``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sayso.attribution.context import ArticleContext
from sayso.attribution.stages import (
    chains,
    cues_and_roles,
    entities,
    filtering,
    nesting,
    non_responses,
    publisher,
    records,
    report,
    resolution,
    summary,
    table,
)
from sayso.records import ArticleReport


@dataclass(frozen=True, slots=True)
class Stage:
    """One named stage of an article's analysis."""

    name: str
    run: Callable[[ArticleContext], None]


STAGES: tuple[Stage, ...] = (
    Stage("table", table.run),
    Stage("cues_and_roles", cues_and_roles.run),
    Stage("entities", entities.run),
    Stage("non_responses", non_responses.run),
    Stage("filtering", filtering.run),
    Stage("records", records.run),
    Stage("resolution", resolution.run),
    Stage("nesting", nesting.run),
    Stage("publisher", publisher.run),
    Stage("chains", chains.run),
    Stage("summary", summary.run),
    Stage("report", report.run),
)


def stage_names() -> list[str]:
    """The stages in the order they run, each attribution's resolution steps in brackets."""
    return [f"{s.name}[{', '.join(step.name for step in resolution.STEPS)}]" if s.name == "resolution" else s.name
            for s in STAGES]


def run_stages(ctx: ArticleContext) -> ArticleReport:
    """Run the stages in order over ``ctx``; the report the last one (or an early one) made."""
    for stage in STAGES:
        stage.run(ctx)
        if ctx.report is not None:
            return ctx.report
    raise AssertionError("no stage made a report: the registry must end with the report stage")
