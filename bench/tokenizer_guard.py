"""Time budget of the tokenizer guard (issue 31): long runs without spaces stay linear.

Three tables:

1. spaCy's own tokenizer on one run of each troublesome mark, 25 to 3,200
   characters: microseconds per character, flat while the cost is linear.
   Where it stops being flat fixes ``sayso.nlp.guard.MAX_RUN_CHARS``.
2. ``guard.tokenize`` on runs of 10,000 to 1,000,000 characters (the size
   limit): microseconds per character must stay under ``TOKENIZE_BUDGET_US``.
3. ``sayso.analyze(mode="fast")`` on a run of quotation marks inside prose,
   4,000 to 64,000 characters: seconds, and milliseconds per character, must
   stay under ``ANALYZE_BUDGET_MS`` (one token a character is the worst case
   for the parser; prose is about 5 characters a token).

    .venv/bin/python bench/tokenizer_guard.py            # about a minute
    .venv/bin/python bench/tokenizer_guard.py --quick    # tables 1 and 2 up to 100,000 characters

Exits 1 when a budget is exceeded.  The machine is shared: budgets are about
three times the figures measured on it (docs/reliability.md).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable

from sayso.nlp.guard import MAX_RUN_CHARS, tokenize
from sayso.nlp.model import load_nlp

#: Each run mixes these characters at random, so that no two runs (and no two
#: pieces of one run) are equal: spaCy's tokenizer caches what it has seen.
MARKS = ['"“”', ")(", "[]", '."', "a."]
#: Guarded tokenizer, worst case per character (measured 20-40 on the shared machine).
TOKENIZE_BUDGET_US = 50.0
#: Whole fast-mode analysis of a punctuation run, per character (measured 0.35-0.55).
ANALYZE_BUDGET_MS = 1.0
RNG = random.Random(31)


def best_of(fn: Callable[[str], object], marks: str, n: int, repeat: int) -> float:
    """The fastest of ``repeat`` calls of ``fn`` on fresh runs of ``n`` characters drawn from ``marks``."""
    best = float("inf")
    for _ in range(repeat):
        text = "".join(RNG.choice(marks) for _ in range(n))
        t = time.perf_counter()
        fn(text)
        best = min(best, time.perf_counter() - t)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 1,000,000-character runs and table 3")
    args = parser.parse_args()
    nlp = load_nlp()
    over = []

    print(f"1. spaCy's tokenizer on one run, microseconds per character (guard cuts at {MAX_RUN_CHARS})")
    sizes = [25, 50, 100, 200, 400, 800, 1600, 3200]
    print("mark  " + "".join(f"{n:>8}" for n in sizes))
    for mark in MARKS:
        cells = []
        for n in sizes:
            cells.append(best_of(nlp.tokenizer, mark, n, 3 if n < 1600 else 1) / n * 1e6)
        print(f"{mark:6}" + "".join(f"{c:8.1f}" for c in cells), flush=True)

    print("\n2. guard.tokenize on one run, microseconds per character "
          f"(budget {TOKENIZE_BUDGET_US:.0f})")
    sizes = [10_000, 100_000] if args.quick else [10_000, 100_000, 1_000_000]
    print("mark  " + "".join(f"{n:>10,}" for n in sizes))
    for mark in MARKS:
        cells = []
        for n in sizes:
            per_char = best_of(lambda text: tokenize(nlp, text), mark, n, 1) / n * 1e6
            cells.append(per_char)
            if per_char > TOKENIZE_BUDGET_US:
                over.append(f"tokenize {mark!r} x {n:,}: {per_char:.1f} us/char")
        print(f"{mark:6}" + "".join(f"{c:10.1f}" for c in cells), flush=True)

    if not args.quick:
        import sayso

        prose = "The minister said on Tuesday that the talks had failed, according to two officials."
        print(f"\n3. sayso.analyze(mode='fast'), prose + a run of '\"' + prose (budget {ANALYZE_BUDGET_MS} ms/char)")
        print(f"{'characters':>10} {'seconds':>8} {'ms/char':>8}")
        sayso.analyze(prose, mode="fast")
        for n in [4_000, 16_000, 64_000]:
            text = prose + "\n\n" + '"' * n + "\n\n" + prose
            t = time.perf_counter()
            sayso.analyze(text, mode="fast")
            seconds = time.perf_counter() - t
            per_char = seconds / n * 1e3
            if per_char > ANALYZE_BUDGET_MS:
                over.append(f"analyze '\"' x {n:,}: {per_char:.2f} ms/char")
            print(f"{n:>10,} {seconds:8.2f} {per_char:8.3f}", flush=True)

    for line in over:
        print(f"over budget: {line}", file=sys.stderr)
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
