"""The per-article time budget: pathological input yields a partial report with a warning, not a stall."""

from __future__ import annotations

import re
import time

import numpy as np
import pytest

import sayso


@pytest.mark.slow
def test_budget_stops_pathological_input_with_a_warning() -> None:
    soup = ("\u201csaid " * 3000)[:18000]  # thousands of cue candidates in one unclosed quotation
    report = sayso.analyze(soup, time_budget=0.05, mode="fast")
    assert report.warnings and "time budget of 0.05 s reached" in report.warnings[0]
    assert "candidate cues were analysed" in report.warnings[0]


PARAGRAPH = ("Officials said the bridge would reopen next week, according to a statement. "
             '"We will win this race," said John Smith, the campaign manager.\n\n')


def _chunks_read(warning: str) -> tuple[int, int]:
    found = re.findall(r"read ([\d,]+) of ([\d,]+) chunks", warning)
    assert found, warning
    read, total = (int(x.replace(",", "")) for x in found[0])
    return read, total


# A budget that has run out before the work starts makes these tests exact on
# any machine: the encoder still reads its first batch, and nothing more.
@pytest.mark.slow
def test_an_exhausted_budget_is_reported_for_the_encoder_and_for_the_cues() -> None:
    pytest.importorskip("torch", reason="--mode accurate needs the [accurate] extra (torch)")
    report = sayso.analyze(PARAGRAPH * 200, time_budget=1e-9, mode="accurate")
    encoder_warning = [w for w in report.warnings if "while encoding" in w]
    assert len(encoder_warning) == 1, report.warnings
    read, total = _chunks_read(encoder_warning[0])
    assert 0 < read < total
    assert any("candidate cues were analysed" in w for w in report.warnings), report.warnings


@pytest.mark.slow
def test_past_the_encoded_part_the_linear_models_read_the_rest() -> None:
    pytest.importorskip("torch", reason="--mode accurate needs the [accurate] extra (torch)")
    from sayso.attribution.build import build_table
    from sayso.attribution.extract import ACCURATE_THRESHOLDS, extract
    from sayso.attribution.linear import load_linear
    from sayso.attribution.neural import accurate_scores
    from sayso.nlp.model import load_nlp

    t = build_table(load_nlp()(PARAGRAPH * 200))
    neural = accurate_scores(t, deadline=time.monotonic())
    assert 0 < neural.encoded.encoded < neural.encoded.chunks
    last_encoded = int(np.flatnonzero(neural.encoded.chunk_of >= 0).max())
    extraction = extract(t, load_linear("cue"), load_linear("role"), ACCURATE_THRESHOLDS, neural=neural)
    assert extraction.complete
    paragraphs = [int(t.starts[a.cue_head]) // len(PARAGRAPH) for a in extraction.attributions]
    # Every paragraph keeps its attributions, on both sides of the encoded part.
    assert sorted(set(paragraphs)) == list(range(200))
    first_unencoded = (int(t.starts[last_encoded]) // len(PARAGRAPH)) + 1
    said_after = [p for p, a in zip(paragraphs, extraction.attributions)
                  if p >= first_unencoded and t.words[a.cue_head] == "said"]
    assert 0 < first_unencoded < 200
    assert len(said_after) == 2 * (200 - first_unencoded)


def test_real_articles_stay_well_inside_the_default_budget() -> None:
    text = ('"We will win this race," said John Smith, the campaign manager. '
            "Officials said the bridge would reopen next week, according to a statement.")
    report = sayso.analyze(text)
    assert report.warnings == ()
    assert len(report.attributions) >= 2
