"""Fuzz ``sayso.analyze``: any text gives a sound report or an InputError, never a crash.

    .venv/bin/python fuzz/fuzz_analyze.py -max_total_time=60

The bytes are decoded as UTF-8 (bad bytes become U+FFFD) and cut to
MAX_CHARS characters so each run stays fast; fuzz/invariants.py checks the
report (offsets, fragments, ids, nesting, JSON round trip, JSON Schema).
spaCy's tokenizer is wrapped so that a long run without spaces reaching it
is a crash (issue 31: it is quadratic on such runs; sayso.nlp.guard cuts them).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import instrumented, run

with instrumented():  # type: ignore[attr-defined]
    from invariants import ShortRunsOnly, analyze_checked, load_schema

    import sayso

#: Longest text tried per input: long texts are tested by tests/test_properties.py.
MAX_CHARS = 4000
SCHEMA = load_schema()


def one_input(data: bytes) -> None:
    text = data.decode("utf-8", errors="replace")[:MAX_CHARS]
    analyze_checked(text, SCHEMA)


def setup() -> None:
    sayso.analyze("The model loads before fuzzing starts, the mayor said.")
    from sayso.nlp.model import load_nlp

    nlp = load_nlp()
    nlp.tokenizer = ShortRunsOnly(nlp.tokenizer)


if __name__ == "__main__":
    run(one_input, "analyze", setup)
