"""What the provenance and events stage costs, as a share of fast mode's whole time.

    .venv/bin/python bench/stage_cost.py --articles 200 --out bench/results/stage-cost.json

Parses PolNeAR articles (train then dev, in file order) with sayso's pipeline,
then builds their reports in fast mode, timing the parse, sayso's own work and,
inside it, the provenance stage (events, settings, routes).  Fast mode's time
is the parse plus sayso's own work; the issue's budget for the new stage is 5%
of it.  One process, figures as ratios within the run (the machine is shared).
"""

from __future__ import annotations

import argparse
import platform
import time
from pathlib import Path

from results_file import print_and_save

from sayso.attribution import build
from sayso.attribution.stages import provenance as provenance_stage
from sayso.eval import find_polnear
from sayso.eval.corpus import load_split
from sayso.nlp.model import load_nlp


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    root = find_polnear()
    if root is None:
        raise SystemExit("PolNeAR not found: set $SAYSO_POLNEAR")
    texts: list[str] = []
    for split in ("train", "dev"):
        data = load_split(root, split)
        texts += [data.texts[k] for k in data.ids]
    texts = texts[:args.articles]
    nlp = load_nlp()
    spent = {"provenance": 0.0}
    original = provenance_stage.find_provenance

    def timed(*a, **k):  # type: ignore[no-untyped-def]
        t = time.perf_counter()
        try:
            return original(*a, **k)
        finally:
            spent["provenance"] += time.perf_counter() - t

    provenance_stage.find_provenance = timed  # type: ignore[assignment]
    build.build_report(nlp("Warm-up, the model said."), mode="fast")
    spent["provenance"] = 0.0
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    parse = time.perf_counter() - t0
    t1 = time.perf_counter()
    for doc in docs:
        build.build_report(doc, time_budget=None, mode="fast")
    own = time.perf_counter() - t1
    fast = parse + own
    result = {
        "articles": len(texts), "words": sum(len(d) for d in docs), "python": platform.python_version(),
        "parse_s": round(parse, 2), "sayso_own_s": round(own, 2), "provenance_s": round(spent["provenance"], 3),
        "provenance_share_of_fast_mode": round(spent["provenance"] / fast, 4),
        "provenance_share_of_sayso_own_work": round(spent["provenance"] / own, 4),
        "ms_per_article_provenance": round(1000 * spent["provenance"] / len(texts), 2),
    }
    print_and_save(result, args.out)


if __name__ == "__main__":
    main()
