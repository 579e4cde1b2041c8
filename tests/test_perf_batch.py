"""Batch partitions sized so every worker works, and the encoder's threads per worker (issue 30)."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("distributed", reason="the [batch] extra (dask.distributed) is not installed")

from sayso.batch.inputs import DEFAULT_PARTITION_SIZE
from sayso.batch.runner import (
    MIN_PARTITION_SIZE,
    PARTITIONS_PER_WORKER,
    _previous_partition_size,
    partition_size_for,
    torch_threads_for,
)


@pytest.mark.parametrize("articles", [1, 3, 15, 100, 150, 999, 1_000, 10_000, 1_000_000])
@pytest.mark.parametrize("workers", [1, 2, 3, 8])
def test_every_worker_gets_a_partition(articles: int, workers: int) -> None:
    size = partition_size_for(articles, workers)
    partitions = -(-articles // size)
    assert 1 <= size <= DEFAULT_PARTITION_SIZE
    assert partitions >= min(workers, articles) or size == MIN_PARTITION_SIZE
    if size < DEFAULT_PARTITION_SIZE and size > MIN_PARTITION_SIZE:
        assert partitions >= workers * PARTITIONS_PER_WORKER - 1


def test_the_issue_30_case_splits_150_articles_for_two_workers() -> None:
    assert -(-150 // partition_size_for(150, 2)) == 8


def test_torch_gets_the_cores_of_each_worker(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("os.cpu_count", lambda: 8)
    assert torch_threads_for(1) == 8
    assert torch_threads_for(2) == 4
    assert torch_threads_for(16) == 1


def test_a_resumed_batch_keeps_its_partition_size(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert _previous_partition_size(tmp_path) is None
    (tmp_path / "_batch.json").write_text(json.dumps({"partition_size": 19}))
    assert _previous_partition_size(tmp_path) == 19
    (tmp_path / "_batch.json").write_text("not json")
    assert _previous_partition_size(tmp_path) is None


@pytest.mark.slow
def test_batch_refuses_an_unknown_device(sayso_cmd, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import subprocess

    src = tmp_path / "a.txt"
    src.write_text("The minister said the plan would go ahead.")
    r = subprocess.run([*sayso_cmd, "batch", str(src), "--out", str(tmp_path / "out"), "--device", "tpu"],
                       capture_output=True, text=True, timeout=120, check=False)
    assert r.returncode == 2
    assert "--device must be one of cpu, cuda" in r.stderr


def test_a_remote_cluster_without_workers_is_sized_by_the_tasks_it_runs_at_once() -> None:
    from sayso.batch.runner import task_slots

    class Cluster:
        def __init__(self, threads: dict[str, int]) -> None:
            self.threads = threads

        def nthreads(self) -> dict[str, int]:
            return self.threads

    assert task_slots(Cluster({"tcp://a:1": 1, "tcp://a:2": 1, "tcp://b:1": 4})) == 6
    assert task_slots(Cluster({})) == 1
