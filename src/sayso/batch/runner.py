"""Running a batch: plan the partitions, start or attach to a Dask cluster, run the tasks.

The driver never touches article text: it counts lines and rows, sends each
worker a partition (file names and ranges), and collects small summaries.
Each task writes its own Parquet files, so OUT must be a folder every worker
sees at the same path (a local disk for a local cluster, a shared filesystem
for a multi-machine one).
"""

from __future__ import annotations

import json
import logging
import math
import os
import re
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sayso.batch.dataset import DATASET_VERSION, partition_done
from sayso.batch.inputs import DEFAULT_PARTITION_SIZE, InputFile, Partition, discover, plan
from sayso.batch.worker import TORCH_THREADS_VARIABLE, PartitionResult, run_partition, warm_up
from sayso.errors import InputError, SaysoError
from sayso.inputs import DEFAULT_MODE

MANIFEST = "_batch.json"

#: A Dask scheduler address: protocol://host:port.
_ADDRESS_RE = re.compile(r"^(tcp|tls|ws|wss|ucx)://([^\s/:\[\]]+|\[[0-9a-fA-F:]+\]):\d+$")

#: How long to wait for the first worker of a remote cluster.
WORKER_WAIT_SECONDS = 60

#: Memory one worker needs: the parsed model and sayso's tables stay under 1 GB
#: for news-sized articles (docs/scale.md); 1.5 GB leaves room for a long one.
WORKER_MEMORY_BYTES = 1_500_000_000


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """How to run: ``scheduler`` is ``"local"`` or a Dask address like ``tcp://host:8786``."""

    scheduler: str = "local"
    workers: int | None = None
    partition_size: int | None = None  # None: sized from the input and the workers (partition_size_for)
    batch_size: int = 16
    mode: str = DEFAULT_MODE


@dataclass
class BatchSummary:
    out: str
    partitions: int = 0
    skipped_partitions: int = 0
    failed_partitions: list[dict[str, Any]] = field(default_factory=list)
    articles: int = 0
    analysed: int = 0
    errors: int = 0
    attributions: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # spent by the workers on the partitions of this run
    workers: int = 0
    dashboard: str | None = None
    peak_rss_mb: dict[str, float] = field(default_factory=dict)  # per worker, "host:pid"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class BatchError(SaysoError):
    """The batch cannot run (the cluster cannot be reached, OUT holds another batch)."""


#: Partitions per worker when their size comes from the input: several, so that a
#: worker that finishes early takes another and the last one is a small share of the run.
PARTITIONS_PER_WORKER = 4
#: The smallest partition sized from the input (unless there are fewer articles per
#: worker): each task reads its input and writes four Parquet files.
MIN_PARTITION_SIZE = 10


def partition_size_for(articles: int, workers: int) -> int:
    """Articles per partition so that every worker works: PARTITIONS_PER_WORKER each, 10 to 200 articles.

    One partition of 150 articles on two workers left one idle (issue 30).
    """
    size = math.ceil(articles / (max(1, workers) * PARTITIONS_PER_WORKER))
    if size < MIN_PARTITION_SIZE:
        size = min(MIN_PARTITION_SIZE, math.ceil(articles / max(1, workers)))
    return max(1, min(DEFAULT_PARTITION_SIZE, size))


def torch_threads_for(workers: int) -> int:
    """The encoder's threads in each of ``workers`` local workers: the cores each has."""
    return max(1, (os.cpu_count() or 1) // max(1, workers))


def _previous_partition_size(out: Path) -> int | None:
    """The partition size of the batch already in ``out``, so a resumed run cuts the input alike."""
    try:
        size = json.loads((out / MANIFEST).read_text(encoding="utf-8")).get("partition_size")
    except (OSError, json.JSONDecodeError, AttributeError):
        return None
    return size if isinstance(size, int) and size > 0 else None


def default_workers() -> int:
    """One worker per core, fewer if memory would not hold them."""
    import psutil

    cores = os.cpu_count() or 1
    by_memory = max(1, int(psutil.virtual_memory().total // WORKER_MEMORY_BYTES))
    return max(1, min(cores, by_memory))


def _fingerprint(files: Sequence[InputFile]) -> list[dict[str, Any]]:
    return [{"path": str(f.path), "bytes": f.path.stat().st_size} for f in files]


def check_manifest(out: Path, manifest: dict[str, Any]) -> None:
    """Refuse to mix two different batches in one OUT folder."""
    path = out / MANIFEST
    if path.is_file():
        try:
            old = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as e:
            raise BatchError(f"{path}: unreadable ({e}); choose another --out") from None
        for key in ("inputs", "partition_size", "partitions", "articles"):
            if old.get(key) != manifest[key]:
                what = "input files" if key == "inputs" else key.replace("_", " ")
                raise BatchError(
                    f"{out} holds a batch with other {what}; rerun with the same inputs and "
                    "--partition-size to resume it, or choose another --out"
                )
    elif out.is_dir() and any(out.iterdir()):
        raise BatchError(f"{out} is not empty and holds no sayso batch; choose an empty or new --out")


def _connect(address: str) -> Any:
    """A Dask client of the running scheduler at ``address``; BatchError if it cannot be reached."""
    from dask.distributed import Client

    try:
        return Client(address, timeout="20s")  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as e:
        raise BatchError(f"cannot reach the Dask scheduler at {address}: {e}") from None


def _wait_for_a_worker(client: Any, address: str) -> None:
    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
    except TimeoutError:
        raise BatchError(f"no Dask worker joined the scheduler at {address} within "
                         f"{WORKER_WAIT_SECONDS} s; start some with `dask worker ADDRESS`") from None


def task_slots(client: Any) -> int:
    """How many tasks the cluster's workers run at once: their threads, summed over the workers joined so far."""
    return max(1, sum(client.nthreads().values()))


def _dashboard_note(link: str | None) -> str | None:
    try:
        import bokeh  # noqa: F401  (the dashboard needs it)
    except ImportError:
        return None
    return link


def run_batch(inputs: Sequence[str | os.PathLike[str]], out: str | os.PathLike[str],
              options: BatchOptions = BatchOptions(), *,
              on_start: Callable[[BatchSummary, int], None] | None = None,
              on_result: Callable[[PartitionResult], None] | None = None) -> BatchSummary:
    """Analyse every article of ``inputs`` into the Parquet dataset ``out``; resumable.

    ``on_start(summary, articles_to_do)`` is called once the cluster is up and
    ``on_result`` after each partition.  Articles that cannot be analysed go to
    the errors table; a partition whose task fails outright (its worker died) is
    listed in ``summary.failed_partitions`` and is retried by running again.
    Raises InputError for bad inputs and BatchError when the run cannot start.
    """
    started = time.perf_counter()
    if options.scheduler != "local" and not _ADDRESS_RE.match(options.scheduler):
        raise BatchError(f"--scheduler must be 'local' or a Dask address like tcp://HOST:8786, "
                         f"not {options.scheduler!r}")
    files = discover(inputs)
    out_dir = Path(out).expanduser().resolve()
    local_workers = (options.workers or default_workers()) if options.scheduler == "local" else None
    partition_size = options.partition_size or _previous_partition_size(out_dir)
    if partition_size is None:
        articles = sum(p.size for p in plan(files, DEFAULT_PARTITION_SIZE))
        workers = local_workers or options.workers
        if workers is None:
            # A remote cluster without --workers: the tasks its workers run at once, counted when
            # reached (a fixed guess of one left all but 4 workers idle on inputs under 800 per worker).
            with _connect(options.scheduler) as probe:
                _wait_for_a_worker(probe, options.scheduler)
                workers = task_slots(probe)
        partition_size = partition_size_for(articles, workers)
    partitions = plan(files, partition_size)
    manifest: dict[str, Any] = {
        "dataset_version": DATASET_VERSION, "inputs": _fingerprint(files),
        "partition_size": partition_size, "partitions": len(partitions),
        "articles": sum(p.size for p in partitions),
    }
    check_manifest(out_dir, manifest)
    out_dir.mkdir(parents=True, exist_ok=True)
    # Half-written files of a run that was stopped (Ctrl-C, a killed worker).
    for stale in out_dir.glob("*/.part-*.tmp"):
        stale.unlink(missing_ok=True)
    (out_dir / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")

    summary = BatchSummary(out=str(out_dir), partitions=len(partitions), articles=int(manifest["articles"]))
    todo: list[Partition] = []
    for p in partitions:
        if partition_done(out_dir, p.number):
            summary.skipped_partitions += 1
        else:
            todo.append(p)
    if not todo:
        summary.seconds = time.perf_counter() - started
        if on_start:
            on_start(summary, 0)
        return summary

    import dask
    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None
    try:
        if options.scheduler == "local":
            n = min(local_workers or 1, len(todo))
            # Dask's statistical profiler samples every worker's stack every 10 ms:
            # 4.5% of a worker's CPU on sayso's work (docs/scale.md), for a
            # dashboard page few batch users open.  The workers take the config
            # when they start, inside this block.
            with dask.config.set({"distributed.worker.profile.enabled": False}):
                cluster = LocalCluster(  # type: ignore[no-untyped-call]
                    n_workers=n, threads_per_worker=1, processes=True,
                    dashboard_address=":0", silence_logs=logging.ERROR,
                    env={TORCH_THREADS_VARIABLE: str(torch_threads_for(n))})
            client = Client(cluster)  # type: ignore[no-untyped-call]
            summary.dashboard = _dashboard_note(cluster.dashboard_link)
        else:
            client = _connect(options.scheduler)
            summary.dashboard = _dashboard_note(client.dashboard_link)
        with client:
            _wait_for_a_worker(client, options.scheduler)
            # Load the model once in every worker before the tasks are handed out
            # (workers that join later load it with their first task).
            try:
                pids = client.run(warm_up, options.mode)
            except Exception as e:  # noqa: BLE001 - whatever a worker raised, say it in one line
                raise BatchError(f"the Dask workers cannot run sayso ({type(e).__name__}: {e}); install "
                                 "sayso[batch] and its spaCy model on every worker") from None
            summary.workers = len(pids)
            if on_start:
                on_start(summary, sum(p.size for p in todo))
            # Keys unique to this run: on a shared cluster Dask would hand another
            # batch's results to a task with the same key.
            run_id = uuid.uuid4().hex[:12]
            futures = client.map(run_partition, todo, out=str(out_dir), batch_size=options.batch_size,
                                 mode=options.mode,
                                 pure=False, key=[f"sayso-{run_id}-partition-{p.number:05d}" for p in todo])
            by_key = {f.key: p for f, p in zip(futures, todo)}
            for future in as_completed(futures):  # type: ignore[no-untyped-call]
                try:
                    result: PartitionResult = future.result()
                except Exception as e:  # noqa: BLE001 - e.g. KilledWorker: report, go on
                    p = by_key[future.key]
                    summary.failed_partitions.append(
                        {"partition": p.number, "articles": p.size, "error": f"{type(e).__name__}: {e}"})
                    continue
                finally:
                    future.release()
                summary.skipped_partitions += int(result.skipped)
                summary.analysed += result.analysed
                summary.errors += result.errors
                summary.attributions += result.attributions
                summary.cpu_seconds += result.cpu_seconds
                who = result.worker
                summary.peak_rss_mb[who] = max(summary.peak_rss_mb.get(who, 0.0), round(result.peak_rss_mb, 1))
                if on_result:
                    on_result(result)
    finally:
        if cluster is not None:
            cluster.close()
    summary.seconds = time.perf_counter() - started
    return summary


__all__ = ["BatchError", "BatchOptions", "BatchSummary", "InputError", "default_workers", "run_batch"]
