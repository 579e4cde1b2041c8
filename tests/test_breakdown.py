"""Recall by kind: gold scored against itself is found in full; nothing predicted finds nothing."""

from __future__ import annotations

from sayso.eval.breakdown import gold_kind, recall_by_kind

TEXT = ('"We will win this race," said John Smith. She said that taxes would rise. '
        'It is said that rain is coming. The report found "serious flaws" in the plan.')


def _span(sub: str) -> list[int]:
    i = TEXT.index(sub)
    return [i, i + len(sub)]


GOLD = {"a": [
    {"source": [_span("John Smith")], "cue": [_span("said")], "content": [_span('"We will win this race,"')]},
    {"source": [_span("She")], "cue": [_span("said that")], "content": [_span("that taxes would rise")]},
    {"source": [], "cue": [_span("is said")], "content": [_span("that rain is coming")]},
    {"source": [_span("The report")], "cue": [_span("found")], "content": [_span('"serious flaws" in the plan')]},
]}


def test_kinds_of_gold_attributions() -> None:
    kinds = [gold_kind(TEXT, g["content"]) for g in GOLD["a"]]
    assert kinds == ["direct", "indirect", "indirect", "mixed"]


def test_gold_against_itself_and_against_nothing() -> None:
    full = recall_by_kind({"a": TEXT}, GOLD, GOLD)
    assert {k: v["recall"] for k, v in full.items()} == {
        "direct": 1.0, "mixed": 1.0, "indirect": 1.0, "no_source": 1.0}
    assert full["indirect"]["gold"] == 2 and full["no_source"]["gold"] == 1
    empty = recall_by_kind({"a": TEXT}, GOLD, {})
    assert all(v["found"] == 0 for v in empty.values())
