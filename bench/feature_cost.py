"""CPU time of the linear models' steps, one by one, over cached PolNeAR parses.

    .venv/bin/python bench/feature_cost.py --cache /work/main/build/parse-cache --warm 100 --rounds 3

The steps of ``extract.find_cues`` and ``find_roles`` that turn a token table
into probabilities (the table, the candidates' feature keys, their buckets,
the scores; each cue's context, its window's keys, buckets and scores),
each timed with ``time.process_time`` over all of dev's articles, so that a
change to one step can be measured alone.  Every cue candidate's and every
window's probabilities are hashed (``digest``): a change that keeps the
digest keeps every score to the bit.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))


def main() -> None:
    from dump_reports import parsed

    from sayso.attribution.extract import Thresholds, cue_candidates, find_cues
    from sayso.attribution.feature_index import collector_paused
    from sayso.attribution.features import RoleContext, cue_feature_keys, role_feature_keys
    from sayso.attribution.linear import load_linear
    from sayso.attribution.table import build_table
    from sayso.eval import find_polnear

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--splits", default="dev")
    ap.add_argument("--cache", type=Path, default=ROOT / "build" / "parse-cache")
    ap.add_argument("--warm", type=int, default=0, help="train articles scored untimed first (the memos warm)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--gc", default="on", choices=["on", "off"], help="Python's cyclic garbage collector")
    a = ap.parse_args()
    if a.gc == "off":
        gc.disable()
    root = find_polnear()
    if root is None:
        sys.exit("PolNeAR not found: set $SAYSO_POLNEAR")
    cue_model, role_model = load_linear("cue"), load_linear("role")
    thresholds = Thresholds()
    docs = [doc for split in a.splits.split(",") for _, doc in parsed(split, root, a.cache)]
    warm = [doc for _, doc in parsed("train", root, a.cache)[: a.warm]] if a.warm else []

    def one_round(batch: list, spent: dict[str, float] | None) -> str:
        digest = hashlib.sha256()
        clock = time.process_time

        def lap(name: str, since: float) -> float:
            now = clock()
            if spent is not None:
                spent[name] += now - since
            return now

        for doc in batch:
            t0 = clock()
            t = build_table(doc)
            t0 = lap("table", t0)
            with collector_paused():
                cands = cue_candidates(t)
                t0 = lap("cue candidates", t0)
                if not cands:
                    continue
                keys = cue_feature_keys(t, cands)
                t0 = lap("cue keys", t0)
                rows = cue_model.memo().rows(*keys)
                t0 = lap("cue buckets", t0)
                probs = cue_model.probabilities_of(rows)
                t0 = lap("cue scores", t0)
                digest.update(probs.tobytes())
                cues = [c for c, _ in find_cues(t, cue_model, thresholds)]
                t0 = clock()
                for c in cues:
                    ctx = RoleContext(t, c)
                    window = [k for k in range(ctx.lo, ctx.hi + 1) if not t.is_space[k] and k != c]
                    t0 = lap("role context", t0)
                    if not window:
                        continue
                    keys = role_feature_keys(t, ctx, window)
                    t0 = lap("role keys", t0)
                    rows = role_model.memo().rows(keys)
                    t0 = lap("role buckets", t0)
                    probs = role_model.probabilities_of(rows)
                    t0 = lap("role scores", t0)
                    digest.update(probs.tobytes())
        return digest.hexdigest()

    collecting: dict[str, float] = defaultdict(float)

    def on_collection(phase: str, info: dict) -> None:
        # The collector's own time, by generation: it runs wherever an allocation sets it off.
        if phase == "start":
            collecting["since"] = time.process_time()
        else:
            collecting[f"gen{info['generation']}"] += time.process_time() - collecting["since"]
            collecting[f"gen{info['generation']} runs"] += 1

    gc.callbacks.append(on_collection)
    one_round(docs[:1], None)
    one_round(warm, None)
    for r in range(a.rounds):
        spent: dict[str, float] = defaultdict(float)
        collecting.clear()
        digest = one_round(docs, spent)
        total = sum(spent.values())
        n = len(docs)
        print(f"round {r + 1}: {1000 * total / n:.2f} CPU-ms an article, digest {digest[:16]}")
        for k, v in spent.items():
            print(f"  {k:16s} {1000 * v / n:6.2f} ms  {100 * v / total:5.1f}%")
        for g in range(3):
            print(f"  collector gen{g}: {collecting[f'gen{g} runs']:.0f} runs, "
                  f"{1000 * collecting[f'gen{g}'] / n:.2f} ms an article (inside the steps above)")


if __name__ == "__main__":
    main()
