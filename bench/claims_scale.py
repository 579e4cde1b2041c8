"""How claim grouping grows with the corpus: 100 .. 100,000 synthetic-varied contents.

    .venv/bin/python bench/claims_scale.py [--max 100000] [--embeddings hashed]

Contents are drawn from a vocabulary of 20,000 words (Zipf-like), spread over a
year of dates, with one in ten a reworded copy of an earlier one (another
outlet's paraphrase, a day or two later).  Prints, per size, the seconds
``group_claims`` takes, the candidate pairs it scores and the growth exponent
against the previous size (1 is linear, 2 quadratic).

Measured 2026-12-07 on the shared 2-core machine, about six jobs sharing it (``candidates``
counts the key-word pairs only, not the embedding neighbours).  Lexical rules, no embeddings:

    contents  seconds  candidates  claims  exponent
         100     0.01          14       9         -
       1,000     0.12         227      86      0.99
      10,000     2.34      10,129     853      1.31
      30,000    15.00      83,207   2,476      1.69
     100,000   104.75     900,943   8,184      1.61

With ``--embeddings hashed`` (the neighbour search in date blocks as with the MiniLM, the
stand-in embedder's own cost included):

    contents  seconds  candidates  claims  exponent
         100     0.09          14       9         -
       1,000     0.76         227      87      0.92
      10,000     6.16      10,129     870      0.91
      30,000    34.20      83,207   2,490      1.56
     100,000   146.98     900,943   7,771      1.21

After the claims rules of issue 29's second pass (intention, post and named-report contents, the
closest pairs first, rule verdict), the old and new claims.py run one after the other to 30,000
with ``--embeddings hashed``, twice (the machine busy: wall times swing by half between runs):

    run  version  1,000   10,000   30,000  (seconds)   CPU time of the whole run
    1    before   0.40    6.39     17.14                32.4 s
    1    after    0.47    5.87     28.81                33.9 s
    2    after    0.48    5.62     17.93                33.8 s
    2    before   0.19    7.08     26.30                32.3 s

The same cost within the noise (CPU time 1.05 times), exponent 10,000 -> 30,000 about 1.1-1.5.
After, alone to 100,000 (load average 5 on the 2 cores): 0.49 / 9.86 / 29.35 / 165.92 s at
1,000 / 10,000 / 30,000 / 100,000, exponent 30,000 -> 100,000 1.44, 7,806 claims; the run's
CPU time 2 min 34 s.

Sub-quadratic either way (the first table's 100,000 took 64.7 s on a quieter machine before
the neighbour search and the quote-part rule were added), but the key-word pairs grow faster
than the contents: a word used by up to MAX_POSTING (400) contents of one block still pairs them
all.  MinHash bands, or a lower cap in large blocks, would bring it nearer linear.
"""

from __future__ import annotations

import argparse
import math
import random
import time
import zlib
from datetime import date, timedelta

import numpy as np

from sayso.corpus import claims as C


def corpus(n: int, seed: int = 0) -> list[C.ClaimInput]:
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(20_000)]
    weights = [1 / (i + 1) for i in range(len(vocab))]
    start = date(2024, 1, 1)
    out: list[C.ClaimInput] = []
    for i in range(n):
        if out and rng.random() < 0.1:
            src = rng.choice(out)
            ws = src.content.split()
            rng.shuffle(ws)
            ws = ws[: max(6, len(ws) - 1)]
            day = date.fromisoformat(src.published) + timedelta(days=rng.randint(0, 2))
        else:
            ws = rng.choices(vocab, weights, k=rng.randint(8, 20))
            day = start + timedelta(days=rng.randint(0, 364))
        out.append(C.ClaimInput(article_id=f"a{i}", attr_id="a1", kind="indirect", content=" ".join(ws),
                                speaker=None, publisher_key=f"p{i % 50}", publisher=f"P{i % 50}",
                                published=day.isoformat(), cue="said"))
    return out


def hashed_embedder(texts: list[str]) -> np.ndarray:
    """A stand-in for the MiniLM (which would take most of an hour to embed 100,000 contents on 2
    cores): each word a fixed random 64-d vector, a content their normalised sum.  It costs what
    the neighbour search costs, without the encoder."""
    out = np.zeros((len(texts), 64), dtype="float32")
    for n, t in enumerate(texts):
        for w in t.split():
            out[n] += np.random.default_rng(zlib.crc32(w.encode())).standard_normal(64, dtype="float32")
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--max", type=int, default=100_000)
    ap.add_argument("--embeddings", choices=["none", "hashed"], default="none",
                    help="hashed: also search each content's nearest neighbours in its date block")
    args = ap.parse_args()
    embedder = hashed_embedder if args.embeddings == "hashed" else None
    sizes = [s for s in (100, 1_000, 10_000, 30_000, 100_000) if s <= args.max]
    prev = None
    print(f"{'contents':>9} {'seconds':>8} {'candidates':>11} {'claims':>7} {'exponent':>8}")
    for n in sizes:
        items = corpus(n)
        toks = {i: C.key_words(C.words(x.content)) for i, x in enumerate(items)}
        days = {i: C._day(x.published) for i, x in enumerate(items)}
        t0 = time.perf_counter()
        cands = C._candidate_pairs(list(range(n)), toks, days)
        found = C.group_claims(items, embedder=embedder)
        secs = time.perf_counter() - t0
        exp = f"{math.log(secs / prev[1]) / math.log(n / prev[0]):.2f}" if prev else "-"
        print(f"{n:>9} {secs:>8.2f} {len(cands):>11} {len(found):>7} {exp:>8}", flush=True)
        prev = (n, secs)


if __name__ == "__main__":
    main()
