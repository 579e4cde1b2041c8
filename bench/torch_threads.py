"""Accurate mode with torch on 1 thread against torch on every core, in one process (issue 30).

    .venv/bin/python bench/torch_threads.py --articles 16 --rounds 2 --out bench/results/torch-threads.json

``sayso.analyze_many(texts, mode="accurate")`` over the same PolNeAR train
articles, rounds alternating ``torch.set_num_threads(1)`` and
``torch.set_num_threads(os.cpu_count())``, so that a change of load hits both
settings.  Each round records articles per second (the clock), CPU-seconds
per article (the process, all its threads: ``time.process_time``) and the
load average.  Model loading and a warm-up article are not timed.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from datetime import UTC, datetime
from pathlib import Path

from results_file import print_and_save


def main() -> None:
    import torch

    import sayso
    from sayso.eval import find_polnear
    from sayso.eval.corpus import load_split

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=16)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--out", type=Path, default=None)
    a = ap.parse_args()
    root = find_polnear()
    if root is None:
        raise SystemExit("PolNeAR not found: set $SAYSO_POLNEAR")
    data = load_split(root, "train")
    texts = [data.texts[k] for k in data.ids][: a.articles]
    cores = os.cpu_count() or 1
    settings = sorted({1, cores})
    for threads in settings:  # models loaded, torch's pools started, outside the timing
        torch.set_num_threads(threads)
        list(sayso.analyze_many(texts[:1], mode="accurate"))
    rows = []
    for r in range(a.rounds):
        for threads in settings if r % 2 == 0 else settings[::-1]:
            torch.set_num_threads(threads)
            load = os.getloadavg()[0]
            cpu, wall = time.process_time(), time.perf_counter()
            list(sayso.analyze_many(texts, mode="accurate"))
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            rows.append({"round": r, "torch_threads": threads, "load_1min": round(load, 2), "wall_s": round(wall, 2),
                         "cpu_s": round(cpu, 2), "articles_per_s": round(len(texts) / wall, 3),
                         "cpu_s_per_article": round(cpu / len(texts), 3)})
            print(rows[-1], flush=True)
    summary = {}
    for threads in settings:
        mine = [x for x in rows if x["torch_threads"] == threads]
        summary[str(threads)] = {
            "articles_per_s_median": sorted(x["articles_per_s"] for x in mine)[len(mine) // 2],
            "cpu_s_per_article_median": sorted(x["cpu_s_per_article"] for x in mine)[len(mine) // 2]}
    result = {"when": datetime.now(UTC).isoformat(timespec="seconds"), "python": platform.python_version(),
              "torch": torch.__version__, "cores": cores, "articles": len(texts),
              "words": sum(len(t.split()) for t in texts), "rounds": rows, "summary": summary}
    print_and_save(result, a.out)


if __name__ == "__main__":
    main()
