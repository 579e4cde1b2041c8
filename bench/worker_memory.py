"""Resident memory and CPU of one batch worker over a long run, partition by partition (issue 30).

    nice .venv/bin/python bench/worker_memory.py --articles 840 --variants baseline,trim,freeze \
        --out bench/results/worker-memory.json

Each variant is a child process that does what a local Dask worker does,
without Dask: the environment Dask's nanny gives its workers
(``MALLOC_TRIM_THRESHOLD_=65536``, ``OMP_NUM_THREADS=1``, one torch thread),
``sayso.batch.worker.warm_up`` in the main thread, then
``sayso.batch.worker.run_partition`` for each partition in one other thread
(Dask runs tasks in a thread pool, so glibc serves them from another malloc
arena than the model's), in accurate mode, over the first ``--articles``
PolNeAR train articles written to one JSON Lines file.  The partitions are
the runner's for ``--plan-workers`` workers (``partition_size_for``), all run
by this one process, so it sees ``--plan-workers`` times a worker's share.

Variants (several may be combined with ``+``):

- ``baseline``: the worker as it is;
- ``trim``: ``malloc_trim(0)`` in the task's thread after each partition;
- ``freeze``: ``gc.freeze()`` after the warm-up;
- ``arena1`` / ``arena2``: ``MALLOC_ARENA_MAX`` 1 or 2.

After each partition the child records the resident memory (RSS), the
highest RSS seen during the partition (sampled every 0.1 s), the peak RSS so
far, CPU-seconds since the first partition, glibc's heap (``mallinfo2``: in
use, free inside the heap, mmapped), pyarrow's pool, the spaCy StringStore's
size and the number of objects the garbage collector tracks.  The variants
run side by side, so the machine's load hits them alike; the load average is
recorded at the start and end.
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from results_file import print_and_save

#: What Dask's nanny puts in each worker's environment (distributed.nanny.pre-spawn-environ).
DASK_WORKER_ENV = {"MALLOC_TRIM_THRESHOLD_": "65536", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
                   "OPENBLAS_NUM_THREADS": "1", "SAYSO_TORCH_THREADS": "1"}
ARENA_ENV = {"arena1": {"MALLOC_ARENA_MAX": "1"}, "arena2": {"MALLOC_ARENA_MAX": "2"}}
PARTS = ("baseline", "trim", "freeze", *ARENA_ENV)


class _Mallinfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks",
                 "keepcost")]


_LIBC = ctypes.CDLL("libc.so.6")
_LIBC.mallinfo2.restype = _Mallinfo2
MB = 2**20


def _rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / MB


class _Sampler(threading.Thread):
    """The highest RSS since the last ``take()``, read every 0.1 s."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.high = 0.0
        self.lock = threading.Lock()

    def run(self) -> None:
        while True:
            rss = _rss_mb()
            with self.lock:
                self.high = max(self.high, rss)
            time.sleep(0.1)

    def take(self) -> float:
        with self.lock:
            high, self.high = self.high, 0.0
        return high


def child(jsonl: str, partition_size: int, variant: str) -> None:
    from sayso.batch.inputs import discover, plan
    from sayso.batch.worker import run_partition, warm_up
    from sayso.nlp.model import load_nlp

    parts = set(variant.split("+"))
    warm_up("accurate")
    if "freeze" in parts:
        gc.freeze()
    partitions = plan(discover([jsonl]), partition_size)
    strings = load_nlp().vocab.strings
    sampler = _Sampler()
    sampler.start()
    marks = []
    out = tempfile.mkdtemp(prefix="sayso-worker-memory-")

    def task(p):  # type: ignore[no-untyped-def]
        result = run_partition(p, out, mode="accurate")
        if "trim" in parts:
            _LIBC.malloc_trim(0)
        return result

    cpu0 = time.process_time()
    done = 0
    marks.append({"partition": 0, "articles": 0, "rss_mb": round(_rss_mb()), "high_rss_mb": round(sampler.take()),
                  "cpu_s": 0.0})
    with ThreadPoolExecutor(1) as pool:
        for p in partitions:
            result = pool.submit(task, p).result()
            done += result.articles
            info = _LIBC.mallinfo2()
            mark = {"partition": p.number + 1, "articles": done, "rss_mb": round(_rss_mb()),
                    "high_rss_mb": round(max(sampler.take(), _rss_mb())),
                    "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                    "cpu_s": round(time.process_time() - cpu0, 1),
                    "heap_in_use_mb": round(info.uordblks / MB), "heap_free_mb": round(info.fordblks / MB),
                    "heap_mmapped_mb": round(info.hblkhd / MB), "strings": len(strings),
                    "gc_objects": len(gc.get_objects())}
            try:
                import pyarrow

                mark["pyarrow_mb"] = round(pyarrow.total_allocated_bytes() / MB)
            except ImportError:
                pass
            marks.append(mark)
            print(json.dumps({"variant": variant, **mark}), file=sys.stderr, flush=True)
    print(json.dumps({"variant": variant, "partition_size": partition_size, "partitions": len(partitions),
                      "env": {k: os.environ.get(k) for k in (*DASK_WORKER_ENV, "MALLOC_ARENA_MAX")},
                      "marks": marks}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=840)
    ap.add_argument("--plan-workers", type=int, default=2, help="partitions as the runner cuts them for N workers")
    ap.add_argument("--partition-size", type=int, default=0, help="override the runner's size")
    ap.add_argument("--variants", default="baseline,trim")
    ap.add_argument("--label", default="")
    ap.add_argument("--child", nargs=3, metavar=("JSONL", "SIZE", "VARIANT"), help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, default=None)
    a = ap.parse_args()
    if a.child:
        child(a.child[0], int(a.child[1]), a.child[2])
        return
    from sayso.batch.runner import partition_size_for
    from sayso.eval import find_polnear
    from sayso.eval.corpus import load_split

    variants = [v for v in a.variants.split(",") if v]
    for v in variants:
        if not set(v.split("+")) <= set(PARTS):
            raise SystemExit(f"unknown variant {v!r}; parts: {', '.join(PARTS)}")
    data = load_split(find_polnear(), "train")
    texts = [data.texts[k] for k in data.ids][:a.articles]
    size = a.partition_size or partition_size_for(len(texts), a.plan_workers)
    started = datetime.now(UTC).isoformat(timespec="seconds")
    load_start = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "train.jsonl"
        with jsonl.open("w", encoding="utf-8") as f:
            for k, t in zip(data.ids, texts):
                f.write(json.dumps({"id": k, "text": t}) + "\n")
        procs = {}
        for v in variants:
            env = {**os.environ, **DASK_WORKER_ENV}
            for part in v.split("+"):
                env.update(ARENA_ENV.get(part, {}))
            procs[v] = subprocess.Popen([sys.executable, __file__, "--child", str(jsonl), str(size), v],
                                        env=env, stdout=subprocess.PIPE, text=True)
        runs = {v: json.loads(p.communicate()[0].strip().splitlines()[-1]) for v, p in procs.items()}
    for run in runs.values():
        marks = run["marks"]
        last = marks[-1]
        run["cpu_s_per_article"] = round(last["cpu_s"] / last["articles"], 3)
        run["peak_rss_mb"] = last["peak_rss_mb"]
        # Growth from the end of the second partition to the end of the run (the first holds the
        # longest articles' first high-water mark).
        second = marks[min(2, len(marks) - 1)]
        if last["articles"] > second["articles"]:
            run["rss_growth_mb_per_100_articles"] = round(
                100 * (last["rss_mb"] - second["rss_mb"]) / (last["articles"] - second["articles"]), 1)
    print_and_save({"label": a.label, "started": started, "ended": datetime.now(UTC).isoformat(timespec="seconds"),
                    "machine": platform.machine(), "cpus": os.cpu_count(),
                    "load_average_start": [round(x, 2) for x in load_start],
                    "load_average_end": [round(x, 2) for x in os.getloadavg()],
                    "articles": len(texts), "partition_size": size, "runs": runs}, a.out)


if __name__ == "__main__":
    main()
