"""Issue 31, reliability of input: long runs without spaces, unreadable folders, FIFOs, exit codes.

Every test here failed before its fix.  None of them times anything: the
tokenizer guard is checked by what reaches spaCy's tokenizer (no run longer
than ``MAX_RUN_CHARS``), and bench/tokenizer_guard.py measures the time.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sayso
from sayso.nlp.guard import MAX_RUN_CHARS, cut_points, long_runs, tokenize
from sayso.nlp.model import load_nlp

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fuzz"))
from invariants import check_report, load_schema

SCHEMA = load_schema()

#: The characters that made spaCy's tokenizer quadratic (issue 31), and a few that do not.
RUN_PIECES = ['"', "“", "”", ")", "(", "[", "]", '."', "'", ",", ".", "-", "—", "a", "Zelensky", "?!", "’s"]
PROSE = "The minister said on Tuesday that the talks had failed, according to two officials."


class _SpyTokenizer:
    """Stands in for spaCy's tokenizer: refuses any text holding a run it would take quadratic time on."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.longest = 0

    def __call__(self, text: str) -> Any:
        runs = [e - s for s, e in long_runs(text)]
        if runs:
            raise AssertionError(f"spaCy's tokenizer was given a run of {max(runs):,} characters without a "
                                 f"space (at most {MAX_RUN_CHARS} keeps it linear)")
        self.longest = max([self.longest, *(len(w) for w in text.split())])
        return self.real(text)


@pytest.fixture()
def spy() -> Iterator[_SpyTokenizer]:
    nlp = load_nlp()
    real = nlp.tokenizer
    nlp.tokenizer = _SpyTokenizer(real)
    try:
        yield nlp.tokenizer
    finally:
        nlp.tokenizer = real


run = st.builds(lambda parts, n: "".join(parts) * n,
                st.lists(st.sampled_from(RUN_PIECES), min_size=1, max_size=4), st.integers(1, 4000))


@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # the spy holds no per-case state
@given(run, st.sampled_from(["", " ", "\n"]), st.booleans())
def test_a_long_run_never_reaches_the_tokenizer_whole(spy: _SpyTokenizer, text: str, glue: str,
                                                      in_prose: bool) -> None:
    """Issue 31: 16,000 quotation marks took 22.6 s in spaCy's tokenizer; now it only sees short runs.

    The report keeps every promise of fuzz/invariants.py (offsets exact in the whole text)."""
    text = text[:8_000]
    full = f"{PROSE}{glue}{text}{glue}{PROSE}" if in_prose else text
    check_report(full, sayso.analyze(full, mode="fast"), SCHEMA)
    assert spy.longest <= MAX_RUN_CHARS


@settings(max_examples=25, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(RUN_PIECES), min_size=1, max_size=3), st.integers(1, 1_000_000),
       st.sampled_from(["", "He said ", "x\n\n"]))
def test_the_cut_plan_bounds_every_piece_up_to_the_size_limit(parts: list[str], size: int, head: str) -> None:
    """Up to the 1,000,000-character limit, every piece handed to spaCy holds at most MAX_RUN_CHARS
    non-space characters in a row, and the pieces are cut only inside long runs."""
    text = (head + "".join(parts) * (size // len("".join(parts)) + 1))[:size]
    cuts = cut_points(text)
    bounds = [0, *cuts, len(text)]
    assert bounds == sorted(bounds)
    for a, b in itertools.pairwise(bounds):
        assert not any(True for _ in long_runs(text[a:b])), (a, b)
    for c in cuts:
        assert not text[c - 1].isspace() and not text[c].isspace()


@settings(max_examples=20, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from([*RUN_PIECES, " ", "\n", PROSE]), min_size=1, max_size=8), st.integers(1, 400))
def test_piecewise_tokens_cover_the_text_exactly(parts: list[str], repeat: int) -> None:
    """The Doc holds the input text character for character, so every offset is true."""
    text = "".join(parts) * repeat
    doc = tokenize(load_nlp(), text)
    if isinstance(doc, str):
        assert doc == text and not cut_points(text)
        return
    assert doc.text == text
    for token in doc:
        assert text[token.idx:token.idx + len(token.text)] == token.text


def test_text_without_a_long_run_is_left_to_spacy() -> None:
    """Ordinary text is tokenized exactly as before: the guard hands the string through."""
    text = PROSE + " https://example.com/" + "a" * (MAX_RUN_CHARS - 20)
    assert tokenize(load_nlp(), text) is text


@pytest.mark.parametrize("mark", ['"', "“", ")", "[", '."'])
def test_the_reported_runs_are_analysed_with_true_offsets(spy: _SpyTokenizer, mark: str) -> None:
    """The issue's reproductions, at 6,000 characters, inside an article with an attribution."""
    text = f"{PROSE}\n\n{mark * (6000 // len(mark))}\n\n{PROSE}"
    found = sayso.analyze(text, mode="fast")
    check_report(text, found, SCHEMA)
    cues = [a.cue.text for a in found.attributions]
    assert cues.count("said") == 2, cues
    last = found.attributions[-1]
    start, end = last.cue.spans[0]
    assert text[start:end] == "said" and start > 6000
