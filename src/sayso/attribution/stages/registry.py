"""The registry: the article's stages in the order they run, and the walk over them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sayso.attribution.context import ArticleContext
from sayso.attribution.stages import (
    action_cues,
    cues_and_roles,
    entities,
    filtering,
    nesting,
    non_responses,
    provenance,
    publisher,
    reader_view,
    records,
    report,
    reported_by,
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
    Stage("action_cues", action_cues.run),
    Stage("reported_by", reported_by.run),
    Stage("records", records.run),
    Stage("resolution", resolution.run),
    Stage("nesting", nesting.run),
    Stage("publisher", publisher.run),
    Stage("provenance", provenance.run),
    Stage("reader_view", reader_view.run),
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
