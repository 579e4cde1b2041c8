"""Long articles: stages.nesting looks up the attributions that may hold a cue instead of testing every pair,
and a long text on one line is analysed to its end."""

from __future__ import annotations

import random

from sayso.attribution.stages.nesting import _holding


def test_holding_finds_every_span_around_each_point_as_a_scan_would() -> None:
    rng = random.Random(5)
    for _ in range(200):
        spans = []
        for owner in range(rng.randint(0, 12)):
            for _ in range(rng.randint(1, 3)):
                start = rng.randint(0, 60)
                spans.append((start, start + rng.randint(0, 30), owner))
        points = [rng.randint(0, 95) for _ in range(rng.randint(1, 15))]
        found = _holding(iter(spans), points)
        for p in points:
            assert found[p] == {o for s, e, o in spans if s <= p < e}


def test_a_long_text_on_one_line_is_analysed_to_its_end() -> None:
    from sayso import analyze

    towns = ["Dover", "Leeds", "Bath", "York", "Derby", "Ely", "Wells", "Ripon"] * 8
    text = " ".join(f'"The bridge at {town} will reopen on Monday," the mayor of {town} said on Friday.'
                    for town in towns)
    report = analyze(text, time_budget=None, mode="fast")
    # Every "said" is a cue, the last one too, and the last quotation is its content.
    assert len({a.cue.spans for a in report.attributions if a.cue.text == "said"}) == len(towns)
    last = max(report.attributions, key=lambda a: a.cue.spans)
    assert last.content.text.startswith("The bridge at Ripon") and last.cue.spans[0][0] > len(text) - 30
