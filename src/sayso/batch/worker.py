"""The task each Dask worker runs: analyse one partition and write its Parquet files.

This lives in a real module (not ``__main__``) on purpose: Dask pickles a
function from ``__main__`` by value, with everything it refers to, and the
worker would load the spaCy model again for every task.  Imported from here,
the function travels by name and ``sayso.analyze_many`` reuses the model the
worker process loaded on its first task (``load_nlp`` is cached per process).
"""

from __future__ import annotations

import os
import resource
import socket
import time
from dataclasses import dataclass
from typing import Any

from sayso.batch.dataset import article_rows, partition_done, write_partition
from sayso.batch.inputs import Item, Partition, read_partition
from sayso.errors import InputError
from sayso.nlp.model import THREADS_VARIABLE as TORCH_THREADS_VARIABLE
from sayso.nlp.model import load_nlp
from sayso.pipeline import DEFAULT_MAX_CHARS, DEFAULT_MODE, Article, analyze_many, validate_text
from sayso.records import ArticleReport


@dataclass(frozen=True, slots=True)
class PartitionResult:
    """What one task did, sent back to the driver for the progress display and summary."""

    number: int
    articles: int
    analysed: int
    errors: int
    attributions: int
    seconds: float
    skipped: bool = False
    size: int = 0  # the partition's input slots (lines, rows, files), blank lines included
    cpu_seconds: float = 0.0
    peak_rss_mb: float = 0.0
    worker: str = ""  # host:pid of the process that ran it
    model_loads: int = 0  # times this process has loaded the spaCy model so far (1 is right)
    torch_threads: int = 0  # the encoder's threads in the task's thread (accurate mode; 0 in fast mode)


def _error_row(item: Item, partition: int, error: BaseException) -> dict[str, Any]:
    return {
        "article_id": item.meta.get("id"), "ordinal": item.ordinal, "partition": partition,
        "source": item.meta.get("source"), "error": type(error).__name__, "message": str(error),
    }


def _article(item: Item) -> Article:
    m = item.meta
    return Article(m["text"], publisher=m.get("publisher"), published=m.get("published"), title=m.get("title"))


def analyse_items(items: list[Item], *, batch_size: int = 16, max_chars: int = DEFAULT_MAX_CHARS,
                  mode: str = DEFAULT_MODE) -> list[tuple[Item, ArticleReport | BaseException]]:
    """Each item with its report, or with the exception that stopped it; never raises for one article.

    The whole list goes through ``analyze_many`` (one ``nlp.pipe``); if something
    fails inside, the rest are analysed one by one so only the culprit is lost.
    """
    results: list[tuple[Item, ArticleReport | BaseException]] = []
    good: list[Item] = []
    for item in items:
        if item.error is not None:
            results.append((item, item.error))
            continue
        try:
            validate_text(item.meta["text"], max_chars)
        except InputError as e:
            results.append((item, InputError(f"{item.meta.get('source')}: {e}")))
            continue
        good.append(item)
    done = 0
    try:
        for report in analyze_many((_article(i) for i in good), batch_size=batch_size, max_chars=max_chars,
                                   mode=mode):
            results.append((good[done], report))
            done += 1
    except Exception:  # noqa: BLE001 - a bug on one article must not lose the partition
        for item in good[done:]:
            try:
                report = next(analyze_many([_article(item)], max_chars=max_chars, mode=mode))
                results.append((item, report))
            except Exception as e:  # noqa: BLE001 - recorded in the errors table
                results.append((item, e))
    results.sort(key=lambda r: r[0].ordinal)
    return results


def _worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def run_partition(partition: Partition, out: str, batch_size: int = 16,
                  max_chars: int = DEFAULT_MAX_CHARS, mode: str = DEFAULT_MODE) -> PartitionResult:
    """Analyse ``partition`` and write ``OUT/<table>/part-<n>.parquet``; skip it if already written."""
    if partition_done(out, partition.number):
        return PartitionResult(partition.number, partition.size, 0, 0, 0, 0.0, skipped=True, size=partition.size,
                               peak_rss_mb=_peak_rss_mb(), worker=_worker_name())
    _fit_torch_threads(mode)
    started, cpu_started = time.perf_counter(), time.process_time()
    items = list(read_partition(partition))
    rows: dict[str, list[dict[str, Any]]] = {"articles": [], "attributions": [], "entities": [], "errors": []}
    analysed = errors = attributions = 0
    for item, outcome in analyse_items(items, batch_size=batch_size, max_chars=max_chars, mode=mode):
        if isinstance(outcome, ArticleReport):
            for table, new in article_rows(item.meta, outcome, ordinal=item.ordinal,
                                           partition=partition.number).items():
                rows[table].extend(new)
            analysed += 1
            attributions += len(outcome.attributions)
        else:
            rows["errors"].append(_error_row(item, partition.number, outcome))
            errors += 1
    write_partition(out, partition.number, rows)
    return PartitionResult(partition.number, len(items), analysed, errors, attributions,
                           time.perf_counter() - started, size=partition.size,
                           cpu_seconds=time.process_time() - cpu_started, peak_rss_mb=_peak_rss_mb(),
                           worker=_worker_name(), model_loads=load_nlp.cache_info().misses,
                           torch_threads=_torch_threads_in_use(mode))


def _torch_threads_in_use(mode: str) -> int:
    """The threads torch's operators use in this thread (OpenMP's count is per thread), 0 in fast mode."""
    if mode != "accurate":
        return 0
    try:
        import torch
    except ImportError:
        return 0
    return int(torch.get_num_threads())


def _fit_torch_threads(mode: str) -> None:
    """In accurate mode, give torch the cores this worker has: $SAYSO_TORCH_THREADS, else its task threads.

    torch otherwise takes every core in each worker process (two workers on
    two cores would run four busy threads and slow each other down), and
    Dask's OMP_NUM_THREADS=1 would leave a lone worker's second core idle.
    """
    if mode != "accurate":
        return
    try:
        import torch
        from distributed import get_worker

        threads = int(os.environ.get(TORCH_THREADS_VARIABLE) or get_worker().state.nthreads)
    except (ImportError, ValueError, AttributeError):
        return
    # load_encoder sets torch's threads from the variable: keep it to this worker's choice.
    os.environ[TORCH_THREADS_VARIABLE] = str(max(1, threads))
    if torch.get_num_threads() != threads:
        torch.set_num_threads(max(1, threads))


def warm_up(mode: str = DEFAULT_MODE) -> int:
    """Load the model in this worker (run on every worker before the tasks); returns the pid.

    Analysing one sentence also loads sayso's own model files and pays spaCy's
    first-call costs, so the first partition runs at full speed.
    """
    _fit_torch_threads(mode)
    next(analyze_many(["Warm-up, the worker said."], mode=mode))
    return os.getpid()
