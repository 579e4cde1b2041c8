"""`sayso eval polnear` agrees with the reference scorer on the same predictions.

The reference (``<polnear_root>/../../eval/polnear.py``) scores a whole split,
so it gets an export folder holding just the articles sayso scored: their
.txt files and a gold.jsonl written from ``sayso.eval.load_split``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from cli_run import invoke

from sayso.eval import load_split
from sayso.eval.scoring import HEADLINE_METRICS

N = 4
SCALARS = ("n_gold", "n_pred", "matched_pairs", "source_acc_exact", "source_acc_partial", "cue_acc_partial")


@pytest.fixture(scope="module")
def reference(polnear_root: Path) -> Path:
    ref = polnear_root.parent.parent / "eval" / "polnear.py"
    if not ref.is_file():
        pytest.skip(f"reference scorer not found at {ref}")
    return ref


@pytest.fixture(scope="module")
def sayso_run(polnear_root: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, object], Path]:
    """`sayso eval polnear` in fast mode: what is tested is the scoring, not the scores."""
    pred = tmp_path_factory.mktemp("eval") / "pred.jsonl"
    r = invoke("eval", "polnear", str(polnear_root), "--split", "dev", "--limit", str(N), "--json",
               "--pred-out", str(pred), "--mode", "fast")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout), pred


def test_every_metric_agrees_with_the_reference(polnear_root: Path, reference: Path,
                                                sayso_run: tuple[dict[str, object], Path],
                                                tmp_path: Path) -> None:
    ours, pred = sayso_run
    split = load_split(polnear_root, "dev", limit=N)
    folder = tmp_path / "export"
    folder.mkdir()
    with (folder / "gold.jsonl").open("w", encoding="utf-8") as f:
        for name in split.ids:
            (folder / f"{name}.txt").write_bytes(split.texts[name].encode("utf-8"))
            f.write(json.dumps({"id": name, "attributions": [g.as_json() for g in split.gold[name]]}) + "\n")
    r = subprocess.run(check=False, args=[sys.executable, str(reference), "score", "--data", str(folder), "--pred", str(pred),
                        "--json"], capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert r.returncode == 0, r.stderr
    theirs = json.loads(r.stdout)

    assert ours["articles"] == theirs["articles"] == N
    assert ours["n_pred"] > 0
    for key in SCALARS:
        assert round(float(ours[key]), 3) == round(float(theirs[key]), 3), key  # type: ignore[arg-type]
    for metric in HEADLINE_METRICS:
        for part in ("p", "r", "f1", "tp", "pred", "gold"):
            a, b = ours[metric][part], theirs[metric][part]  # type: ignore[index]
            assert round(a, 3) == round(b, 3), f"{metric}.{part}: sayso {a}, reference {b}"


def test_predictions_file_is_the_polnear_format(polnear_root: Path,
                                                sayso_run: tuple[dict[str, object], Path]) -> None:
    _, pred = sayso_run
    split = load_split(polnear_root, "dev", limit=N)
    lines = [json.loads(x) for x in pred.read_text(encoding="utf-8").splitlines()]
    assert [d["id"] for d in lines] == list(split.ids)
    for d in lines:
        n = len(split.texts[d["id"]])
        for a in d["attributions"]:
            assert set(a) == {"source", "cue", "content"} and a["content"]
            assert all(0 <= s < e <= n for role in a.values() for s, e in role)


def test_readable_table(polnear_root: Path) -> None:
    r = invoke("eval", "polnear", str(polnear_root), "--limit", "1", "--mode", "fast")
    assert r.exit_code == 0, r.stderr
    assert "attribution_strict" in r.stdout and "PolNeAR dev" in r.stdout


# Three articles are too few for the fit to converge; what is tested is the command and its files.
@pytest.mark.filterwarnings("ignore:Maximum number of iteration reached")
def test_train_writes_models(polnear_root: Path, tmp_path: Path) -> None:
    pytest.importorskip("sklearn", reason="training needs scikit-learn (the [train] extra)")
    out = tmp_path / "model"
    r = invoke("train", "polnear", str(polnear_root), "--limit", "3", "--out", str(out))
    assert r.exit_code == 0, r.stderr
    assert {p.name for p in out.iterdir()} >= {"cue.npz", "role.npz"}
