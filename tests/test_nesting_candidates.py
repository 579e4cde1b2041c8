"""stages.nesting looks up the attributions that may hold a cue instead of testing every pair."""

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
