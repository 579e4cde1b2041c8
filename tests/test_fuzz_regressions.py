"""The fuzz targets' seed and crash inputs, replayed without atheris; and a short real fuzz run.

Every file in fuzz/corpus/<target>/ goes through that target's ``one_input``
(the same checks the fuzzer makes).  Inputs that still crash are kept in
fuzz/corpus/known-bugs/<target>/ and are strict xfails: when the bug is fixed
the test turns XPASS and fails, so the file moves into the seed corpus.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import sayso

ROOT = Path(__file__).resolve().parents[1]
FUZZ = ROOT / "fuzz"
CORPUS = FUZZ / "corpus"
sys.path.insert(0, str(FUZZ))

TARGETS = {
    "analyze": "fuzz_analyze",
    "decode_text": "fuzz_decode_text",
    "jsonl": "fuzz_jsonl",
    "html": "fuzz_html",
}


def _target(corpus: str):
    return importlib.import_module(TARGETS[corpus]).one_input


def _seeds() -> list[pytest.param]:
    return [pytest.param(corpus, p, id=f"{corpus}/{p.name}")
            for corpus in TARGETS for p in sorted((CORPUS / corpus).iterdir()) if p.is_file()]


def test_every_target_has_seeds() -> None:
    for corpus in TARGETS:
        assert any((CORPUS / corpus).iterdir()), f"fuzz/corpus/{corpus}/ is empty"


@pytest.mark.parametrize(("corpus", "path"), _seeds())
def test_seed_corpus(corpus: str, path: Path) -> None:
    _target(corpus)(path.read_bytes())


# --- bugs found by fuzzing, fixed: each input stays as a regression test ---

def test_fixed_analyze_lone_surrogate_is_an_input_error() -> None:
    text = json.loads((CORPUS / "known-bugs" / "analyze" / "lone-surrogate.json").read_text())
    with pytest.raises(sayso.InputError, match="surrogate"):
        sayso.analyze(text)


def test_fixed_analyze_citing_a_punctuation_object() -> None:
    _target("analyze")((CORPUS / "known-bugs" / "analyze" / "citing-punct-object.txt").read_bytes())


def test_fixed_jsonl_surrogate_escape_is_reported() -> None:
    _target("jsonl")((CORPUS / "known-bugs" / "jsonl" / "surrogate-escape.jsonl").read_bytes())


# --- a real, bounded fuzz run ---------------------------------------------------------------

@pytest.mark.slow
def test_a_short_atheris_run_finds_no_crash(tmp_path: Path) -> None:
    """fuzz_analyze under atheris for $SAYSO_FUZZ_SECONDS (default 10 s, the suite's budget for it),
    from the seed corpus; any crash fails the test.

    The fixed seed keeps CI repeatable: the mutations are the same every run, so
    a failure here is a new crash (or a regression), not a lucky draw.  Long,
    random-seeded runs are for people: docs/reliability.md.
    """
    try:
        import atheris  # noqa: F401
    except ImportError:
        pytest.skip("atheris is not installed (pip install atheris) - the seed corpus above still ran")
    work = tmp_path / "corpus"
    work.mkdir()
    cmd = [sys.executable, str(FUZZ / "fuzz_analyze.py"), str(work), str(CORPUS / "analyze"),
           f"-max_total_time={os.environ.get('SAYSO_FUZZ_SECONDS', '10')}", "-rss_limit_mb=4096", "-timeout=60", f"-artifact_prefix={tmp_path}/",
           "-print_final_stats=1", "-seed=1"]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=240, env=env, cwd=tmp_path)
    tail = proc.stderr[-4000:]
    crashes = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(("crash-", "timeout-", "oom-")))
    assert proc.returncode == 0 and not crashes, f"exit {proc.returncode}, artifacts {crashes}:\n{tail}"
    assert "stat::number_of_executed_units" in proc.stderr, tail
