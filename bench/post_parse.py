"""CPU time of sayso's own work after the parse, per stage and per hot function.

    .venv/bin/python bench/post_parse.py --cache /work/main/build/parse-cache --rounds 3
    .venv/bin/python bench/post_parse.py --splits dev,train --limit 300 --out bench/results/post-parse.json

Loads the DocBin cache that scripts/dump_reports.py writes, then builds every
article's report (``build_report``, time budget off) ``--rounds`` times, with
``time.process_time`` around each registry stage and around the functions
inside ``cues_and_roles`` that issue 30's profile named.  CPU time, not the
clock: other jobs on a shared machine disturb it far less.  Per-round figures
are kept; the summary is the minimum over rounds (the least disturbed).
Unlike cProfile, the wrappers cost one call each, so builtins are not inflated.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))


def _timed(fn: Callable[..., Any], spent: dict[str, float], name: str) -> Callable[..., Any]:
    def wrapper(*a: Any, **k: Any) -> Any:
        t = time.process_time()
        try:
            return fn(*a, **k)
        finally:
            spent[name] += time.process_time() - t

    return wrapper


def instrument(spent: dict[str, float], detail: bool) -> None:
    """Wrap every stage, and with ``detail`` the cue and role scoring inside extraction, with CPU timers.

    A stage's wrapper runs once an article; the detailed ones run once a cue or
    a token and add their own cost, so compare versions without ``detail``.
    """
    from sayso.attribution import extract, linear
    from sayso.attribution.stages import registry

    registry.STAGES = tuple(registry.Stage(s.name, _timed(s.run, spent, "stage:" + s.name)) for s in registry.STAGES)
    if not detail:
        return
    # Functions that extract calls by their module-level names.
    for name in ("find_cues", "find_roles", "signed_quotes", "speaker_lines", "headline_attributions",
                 "cue_features", "role_features", "cue_feature_keys", "role_feature_keys", "RoleContext"):
        if hasattr(extract, name):
            setattr(extract, name, _timed(getattr(extract, name), spent, "fn:" + name))
    for name in ("scores", "summed"):
        if hasattr(linear.LinearModel, name):
            setattr(linear.LinearModel, name, _timed(getattr(linear.LinearModel, name), spent, "fn:LinearModel." + name))


def main() -> None:
    from dump_reports import parsed

    from sayso.attribution.build import ArticleMeta, build_report
    from sayso.eval import find_polnear

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mode", default="fast", choices=["fast", "accurate"])
    ap.add_argument("--splits", default="dev")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--cache", type=Path, default=ROOT / "build" / "parse-cache")
    ap.add_argument("--warm", type=int, default=0,
                    help="first build the reports of this many train articles, untimed, so that the models' "
                         "memos hold what a long run would (the timed articles are then unseen)")
    ap.add_argument("--gc", default="on", choices=["on", "off", "freeze"],
                    help="Python's cyclic garbage collector during the timed rounds")
    ap.add_argument("--detail", action="store_true", help="also time the functions inside extraction")
    ap.add_argument("--label", default="")
    ap.add_argument("--out", type=Path, default=None)
    a = ap.parse_args()
    root = find_polnear()
    if root is None:
        sys.exit("PolNeAR not found: set $SAYSO_POLNEAR")
    docs = [doc for split in a.splits.split(",") for _, doc in parsed(split, root, a.cache)][: a.limit]
    build_report(docs[0], ArticleMeta(), time_budget=None, mode=a.mode)  # models loaded before timing
    if a.warm:
        for _, doc in parsed("train", root, a.cache)[: a.warm]:
            build_report(doc, ArticleMeta(), time_budget=None, mode=a.mode)  # type: ignore[arg-type]
    if a.gc == "off":
        gc.disable()
    elif a.gc == "freeze":
        gc.collect()
        gc.freeze()
    spent: dict[str, float] = defaultdict(float)
    instrument(spent, a.detail)
    rounds = []
    for _ in range(a.rounds):
        spent.clear()
        load = os.getloadavg()[0]
        cpu, wall = time.process_time(), time.perf_counter()
        for doc in docs:
            build_report(doc, ArticleMeta(), time_budget=None, mode=a.mode)  # type: ignore[arg-type]
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        rounds.append({"cpu_s": round(cpu, 3), "wall_s": round(wall, 3), "load_1min": load,
                       "parts_cpu_s": {k: round(v, 4) for k, v in sorted(spent.items())}})
    best = min(rounds, key=lambda r: r["cpu_s"])
    n = len(docs)
    print(f"{n} articles, mode {a.mode}, splits {a.splits}, gc {a.gc}, warm {a.warm}: CPU-s per round "
          f"{[r['cpu_s'] for r in rounds]} (load {[round(r['load_1min'], 1) for r in rounds]})")
    print(f"best round: {1000 * best['cpu_s'] / n:.1f} CPU-ms an article")
    for k, v in sorted(best["parts_cpu_s"].items(), key=lambda kv: -kv[1]):
        print(f"  {k:32s} {1000 * v / n:7.2f} ms/article  {100 * v / best['cpu_s']:5.1f}%")
    if a.out:
        result = {"label": a.label, "warm_train_articles": a.warm, "gc": a.gc, "detail": a.detail, "when": datetime.now(UTC).isoformat(timespec="seconds"),
                  "python": platform.python_version(), "mode": a.mode, "splits": a.splits, "articles": n,
                  "words": sum(len(d) for d in docs), "rounds": rounds,
                  "best_cpu_ms_per_article": round(1000 * best["cpu_s"] / n, 2)}
        a.out.parent.mkdir(parents=True, exist_ok=True)
        a.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
