"""The saved parses the rule tests read (tests/parsed.py) are what the installed pipeline makes.

A parse saved by an older model, or read back differently, would make the rule tests test
something a user never sees; this compares them with a live parse and a live report.
"""

from __future__ import annotations

from parsed import parses_path, report_of, saved_parses

import sayso
from sayso.pipeline import parse


def _annotation(doc) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [(t.text, t.whitespace_, t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.is_sent_start,
             t.lower_, t.is_punct, t.is_space) for t in doc]




def test_the_saved_parses_are_for_the_installed_model() -> None:
    assert parses_path().is_file(), f"{parses_path().name} is missing: run python tests/fixtures/make_parses.py"
    assert len(saved_parses()) >= 50


def test_every_saved_parse_is_the_live_parse() -> None:
    for text in sorted(saved_parses()):
        assert _annotation(saved_parses()[text]) == _annotation(parse(text)), \
            f"the saved parse of {text[:60]!r} is stale: run python tests/fixtures/make_parses.py"


def test_a_report_from_a_saved_parse_is_what_analyze_gives() -> None:
    for text in sorted(saved_parses())[::5]:
        assert report_of(text) == sayso.analyze(text, mode="fast"), text[:60]
