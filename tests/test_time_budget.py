"""The per-article time budget: pathological input yields a partial report with a warning, not a stall."""

from __future__ import annotations

import sayso


def test_budget_stops_pathological_input_with_a_warning() -> None:
    soup = ("\u201csaid " * 3000)[:18000]  # thousands of cue candidates in one unclosed quotation
    report = sayso.analyze(soup, time_budget=0.05)
    assert report.warnings and "time budget of 0.05 s reached" in report.warnings[0]
    assert "candidate cues were analysed" in report.warnings[0]


def test_real_articles_stay_well_inside_the_default_budget() -> None:
    text = ('"We will win this race," said John Smith, the campaign manager. '
            "Officials said the bridge would reopen next week, according to a statement.")
    report = sayso.analyze(text)
    assert report.warnings == ()
    assert len(report.attributions) >= 2
