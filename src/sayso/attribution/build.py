"""Turn a parsed Doc into an ArticleReport by walking the registry of analysis stages.

The stages, their order and what each reads and adds are in
``sayso.attribution.stages`` (and docs/architecture.md); this module is the
entry point the rest of sayso calls.
"""

from __future__ import annotations

import time

from spacy.tokens import Doc

from sayso.attribution.context import ArticleContext, ArticleMeta
from sayso.attribution.stages.registry import run_stages
from sayso.attribution.table import build_table
from sayso.kinds import Mode
from sayso.records import ArticleReport

__all__ = ["DEFAULT_TIME_BUDGET", "ArticleMeta", "build_report", "build_table"]

#: Seconds of sayso's own work (after the parse) allowed per article.  Real
#: articles need well under a second; the budget only stops pathological
#: input (a megabyte of quotation marks) from holding a batch for minutes.
DEFAULT_TIME_BUDGET = 60.0
#: An article of which nothing is known but its text.
_NO_META = ArticleMeta()


def build_report(doc: Doc, meta: ArticleMeta = _NO_META,
                 time_budget: float | None = DEFAULT_TIME_BUDGET, mode: str = "accurate") -> ArticleReport:
    """The report for one parsed article.

    ``mode`` is "fast" (the linear models alone) or "accurate" (mixed with
    the fine-tuned encoder; needs the [accurate] extra).  If finding
    attributions takes longer than ``time_budget`` seconds, the report keeps
    what was found and says so in ``warnings``.
    """
    ctx = ArticleContext(doc=doc, meta=meta, mode=Mode(mode), time_budget=time_budget, started=time.monotonic())
    return run_stages(ctx)
