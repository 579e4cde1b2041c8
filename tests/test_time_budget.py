"""The per-article time budget: pathological input yields a partial report with a warning, not a stall."""

from __future__ import annotations

import re

import pytest

import sayso


def test_budget_stops_pathological_input_with_a_warning() -> None:
    soup = ("\u201csaid " * 3000)[:18000]  # thousands of cue candidates in one unclosed quotation
    report = sayso.analyze(soup, time_budget=0.05, mode="fast")
    assert report.warnings and "time budget of 0.05 s reached" in report.warnings[0]
    assert "candidate cues were analysed" in report.warnings[0]


def test_budget_bounds_the_encoder_and_the_linear_models_read_the_rest() -> None:
    pytest.importorskip("torch", reason="--mode accurate needs the [accurate] extra (torch)")
    paragraph = ("Officials said the bridge would reopen next week, according to a statement. "
                 '"We will win this race," said John Smith, the campaign manager.\n\n')
    text = paragraph * 800  # about 800 chunks: minutes of encoding
    report = sayso.analyze(text, time_budget=6.0, mode="accurate")
    encoder_warning = [w for w in report.warnings if "while encoding" in w]
    assert encoder_warning, report.warnings
    read, total = (int(x.replace(",", "")) for x in re.findall(r"read ([\d,]+) of ([\d,]+) chunks", encoder_warning[0])[0])
    assert 0 < read < total
    # Attributions past the encoded part still come, from the linear models.
    assert report.attributions
    last_start = max(a.content.spans[0][0] for a in report.attributions)
    assert last_start > len(text) * read / total


def test_real_articles_stay_well_inside_the_default_budget() -> None:
    text = ('"We will win this race," said John Smith, the campaign manager. '
            "Officials said the bridge would reopen next week, according to a statement.")
    report = sayso.analyze(text)
    assert report.warnings == ()
    assert len(report.attributions) >= 2
