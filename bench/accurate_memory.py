"""Resident memory of accurate mode over many articles, kernel caches at torch's default and capped (issue 30).

    .venv/bin/python bench/accurate_memory.py --articles 300 --out bench/results/accurate-memory.json

Two processes run side by side, so the machine's load hits both alike:
"before" sets ONEDNN_PRIMITIVE_CACHE_CAPACITY and LRU_CACHE_CAPACITY to 1024
(the libraries' defaults, which ``sayso.nlp.model.cap_kernel_caches`` leaves
alone when the environment sets them), "after" leaves them to sayso (8 each).
Each runs ``sayso.analyze_many(texts, mode="accurate")`` over the same PolNeAR
train articles and records, every 20 articles, the resident memory (RSS), the
peak RSS so far and the CPU-seconds since the first article.  No
``malloc_trim``: the figures are what a plain process or batch worker sees.
Model loading and a warm-up sentence come before the first mark.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from results_file import print_and_save

LIBRARY_DEFAULT = "1024"
VARIABLES = ("ONEDNN_PRIMITIVE_CACHE_CAPACITY", "LRU_CACHE_CAPACITY")


def _rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def child(articles: int, every: int) -> None:
    import sayso
    from sayso.eval import find_polnear
    from sayso.eval.corpus import load_split
    from sayso.nlp.model import encoder_precision

    data = load_split(find_polnear(), "train")
    texts = [data.texts[k] for k in data.ids][:articles]
    next(sayso.analyze_many(["Warm-up, the official said."], mode="accurate"))
    marks = []
    cpu0 = time.process_time()
    for i, _ in enumerate(sayso.analyze_many(texts, mode="accurate"), 1):
        if i % every == 0 or i == len(texts):
            marks.append({"articles": i, "rss_mb": round(_rss_mb()),
                          "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                          "cpu_s": round(time.process_time() - cpu0, 2)})
    print(json.dumps({"precision": encoder_precision(), "caches": {v: os.environ.get(v) for v in VARIABLES},
                      "marks": marks}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--every", type=int, default=20)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, default=None)
    a = ap.parse_args()
    if a.child:
        child(a.articles, a.every)
        return
    started = datetime.now(UTC).isoformat(timespec="seconds")
    load = os.getloadavg()[0]
    procs = {}
    for label in ("before", "after"):
        env = {k: v for k, v in os.environ.items() if k not in VARIABLES}
        if label == "before":
            env.update({v: LIBRARY_DEFAULT for v in VARIABLES})
        procs[label] = subprocess.Popen([sys.executable, __file__, "--child", "--articles", str(a.articles),
                                         "--every", str(a.every)], env=env, stdout=subprocess.PIPE, text=True)
    runs = {label: json.loads(p.communicate()[0].strip().splitlines()[-1]) for label, p in procs.items()}
    for run in runs.values():
        last = run["marks"][-1]
        run["cpu_s_per_article"] = round(last["cpu_s"] / last["articles"], 3)
        run["rss_growth_mb_per_article"] = round(
            (last["rss_mb"] - run["marks"][0]["rss_mb"]) / (last["articles"] - run["marks"][0]["articles"]), 2)
    print_and_save({"started": started, "machine": platform.machine(), "cpus": os.cpu_count(),
                    "load_average_start": round(load, 2), "load_average_end": round(os.getloadavg()[0], 2),
                    "articles": a.articles, "runs": runs}, a.out)


if __name__ == "__main__":
    main()
