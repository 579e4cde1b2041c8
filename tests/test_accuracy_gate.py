"""Accuracy gate: F1 floors on a fixed PolNeAR dev subset (the first 24 articles by name).

A regression guard, like trafilatura's eval gate: the floors sit just under
what sayso scores today (docs/accuracy.md has the full-dev figures), so a
change that loses accuracy fails here.  Needs the corpus; skips without it.
"""

from __future__ import annotations

import pytest

from sayso.attribution.build import build_report
from sayso.cli.render import polnear_prediction
from sayso.eval import load_split
from sayso.eval.scoring import score
from sayso.nlp.model import load_nlp

SUBSET = 24
#: Per mode, F1 floors just under what the subset scored when they were set (predictions as
#: PolNeAR marks them: no two contents overlap): fast: attribution 0.741, strict 0.520,
#: content_partial 0.827, source_acc_partial 0.908, cue_acc_partial 0.918; accurate: attribution
#: 0.812, strict 0.644, content_partial 0.866, source_acc_partial 0.948, cue_acc_partial 0.950.
FLOORS = {
    "fast": {"attribution": 0.72, "attribution_strict": 0.50, "content_partial": 0.81},
    "accurate": {"attribution": 0.80, "attribution_strict": 0.62, "content_partial": 0.85},
}
ACCURACY_FLOORS = {
    "fast": {"source_acc_partial": 0.89, "cue_acc_partial": 0.90},
    "accurate": {"source_acc_partial": 0.94, "cue_acc_partial": 0.94},
}


@pytest.fixture(scope="module", params=["fast", "accurate"])
def mode(request) -> str:  # type: ignore[no-untyped-def]
    if request.param == "accurate":
        pytest.importorskip("torch", reason="--mode accurate needs the [accurate] extra (torch)")
    return request.param


@pytest.fixture(scope="module")
def subset(polnear_root):  # type: ignore[no-untyped-def]
    """The subset and its parses, made once for both modes (what ``analyze_many`` does, split in two)."""
    split = load_split(polnear_root, "dev", limit=SUBSET)
    return split, list(load_nlp().pipe(split.texts[n] for n in split.ids))


@pytest.fixture(scope="module")
def result(subset, mode):  # type: ignore[no-untyped-def]
    split, docs = subset
    pred = {}
    for name, doc in zip(split.ids, docs):
        pred[name] = polnear_prediction(build_report(doc, mode=mode), name)["attributions"]
    gold = {k: [g.as_json() for g in v] for k, v in split.gold.items()}
    return score(split.texts, gold, pred)


@pytest.mark.corpus
@pytest.mark.parametrize("metric", sorted(FLOORS["fast"]))
def test_f1_floor(result, mode: str, metric: str) -> None:  # type: ignore[no-untyped-def]
    assert result[metric]["f1"] >= FLOORS[mode][metric], f"{mode}: {metric} F1 {result[metric]['f1']:.3f}"


@pytest.mark.corpus
@pytest.mark.parametrize("metric", sorted(ACCURACY_FLOORS["fast"]))
def test_accuracy_floor(result, mode: str, metric: str) -> None:  # type: ignore[no-untyped-def]
    assert result[metric] >= ACCURACY_FLOORS[mode][metric], f"{mode}: {metric} {result[metric]:.3f}"
