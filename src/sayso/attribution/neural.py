"""Encoder scores for an article: cue logits per token, role logits per (cue, token).

Used by ``--mode accurate``.  The article is cut into chunks (see
``sayso.nlp.encoder.chunk_words``), encoded once, and the heads are applied
on demand; the results are combined with the linear models' scores in
``sayso.attribution.extract``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sayso.attribution.table import TokenTable


def table_chunks(t: TokenTable, tokenizer, *, headline_apart: bool = False):  # type: ignore[no-untyped-def]
    """The article's non-space tokens as encoder chunks; Chunk.words index the TokenTable.

    ``headline_apart`` (a title the caller gave apart from the text, sayso.attribution.title): the
    body is encoded in chunks of its own, so the title cannot change the body's scores (with the
    web example's title above it, its first "told" was no longer a cue; issue 27).  The headline is
    read with the body after it: its chunk comes first, and the body's own chunks write over the
    body words it holds.  A headline that opens the text is read with its body, as the encoder was
    trained on PolNeAR's texts (splitting there too cost PolNeAR dev 0.0004 of attribution F1).
    """
    if not headline_apart or not t.body_token:
        return _chunks_of(t, range(t.n), tokenizer)
    with_body = [c for c in _chunks_of(t, range(t.n), tokenizer) if c.words[0] < t.body_token]
    return with_body + _chunks_of(t, range(t.body_token, t.n), tokenizer)


def _chunks_of(t: TokenTable, tokens: range, tokenizer):  # type: ignore[no-untyped-def]
    from sayso.nlp.encoder import Chunk, chunk_words

    idx = [i for i in tokens if not t.is_space[i]]
    units: list[list[int]] = []
    key = None
    for j, i in enumerate(idx):
        k = (t.para[i], t.sent[i])
        if k != key:
            units.append([])
            key = k
        units[-1].append(j)
    chunks = chunk_words([t.words[i] for i in idx], units, [t.para[i] for i in idx], tokenizer)
    return [Chunk(tuple(idx[j] for j in c.words), c.piece_ids, c.first_piece) for c in chunks]


@dataclass(frozen=True)
class EncodedArticle:
    vectors: object  # torch.Tensor [n, HIDDEN], zeros for tokens not encoded
    chunk_of: np.ndarray  # chunk number per token; -1 for space tokens and chunks not encoded
    cue_logits: np.ndarray  # per token
    chunks: int  # chunks in the article
    encoded: int  # chunks encoded before the deadline (all of them, normally)

    @property
    def complete(self) -> bool:
        return self.encoded == self.chunks


def encode(t: TokenTable, model, tokenizer, batch_pieces: int = 4096,  # type: ignore[no-untyped-def]
           deadline: float | None = None, *, headline_apart: bool = False) -> EncodedArticle:
    """Run the encoder over the article once; word vectors are those of each word's first piece.

    Chunks go in reading order, a batch at a time; past ``deadline`` (a
    time.monotonic() value) the rest of the article is left unencoded, and
    extraction falls back to the linear models there.  The first batch is
    always encoded (a fraction of a second), so however tight the budget the
    head of the article gets the encoder's scores.  (Sorting the chunks by
    length would save 0.5% of the padded pieces on PolNeAR dev, since most
    articles fit one batch: not worth losing the reading order.)
    """
    import time

    import torch

    from sayso.nlp.encoder import HIDDEN, attention_mask, encoder_device

    chunks = table_chunks(t, tokenizer, headline_apart=headline_apart)
    device = encoder_device(model)
    vectors = torch.zeros((t.n, HIDDEN))
    chunk_of = np.full(t.n, -1, dtype=np.int32)
    order = list(range(len(chunks)))
    with torch.inference_mode():
        start = 0
        while start < len(order):
            if start and deadline is not None and time.monotonic() > deadline:
                break
            stop = start + 1
            while stop < len(order) and (stop - start + 1) * len(chunks[order[stop]].piece_ids) <= batch_pieces:
                stop += 1
            batch = [chunks[i] for i in order[start:stop]]
            width = max(len(c.piece_ids) for c in batch)
            ids = torch.zeros((len(batch), width), dtype=torch.long)
            for b, c in enumerate(batch):
                ids[b, : len(c.piece_ids)] = torch.tensor(c.piece_ids)
            mask = attention_mask([len(c.piece_ids) for c in batch], width)
            y = model.piece_vectors(ids.to(device), mask.to(device)).cpu()
            for b, (i, c) in enumerate(zip(order[start:stop], batch)):
                words = torch.tensor(c.words)
                vectors[words] = y[b, torch.tensor(c.first_piece)]
                chunk_of[list(c.words)] = i
            start = stop
        cue_logits = model.cue_head(vectors).squeeze(-1).numpy().astype(np.float64)
    return EncodedArticle(vectors, chunk_of, cue_logits, len(chunks), start)


def role_log_probabilities(enc: EncodedArticle, model, c: int, window: list[int]) -> np.ndarray:  # type: ignore[no-untyped-def]
    """log P(O, SRC, CNT) of each token of ``window`` given the cue token ``c``."""
    import torch

    with torch.inference_mode():
        w = torch.tensor(window)
        offsets = torch.tensor([k - c for k in window])
        logits = model.role_head(enc.vectors[w], enc.vectors[c][None], offsets)  # type: ignore[index]
        return torch.log_softmax(logits, dim=-1).numpy().astype(np.float64)


def accurate_scores(t: TokenTable, directory: str | None = None,  # type: ignore[no-untyped-def]
                    deadline: float | None = None, *, headline_apart: bool = False):
    """The encoder's scores for one article, ready for ``extract(..., neural=...)``
    (``headline_apart``: see ``table_chunks``)."""
    from sayso.attribution.extract import ACCURATE_CUE_WEIGHT, ACCURATE_ROLE_WEIGHT, Neural
    from sayso.nlp.model import encoder_device, encoder_precision, load_encoder

    device = encoder_device()
    model, tokenizer = load_encoder(directory, encoder_precision(device), device)
    return Neural(encode(t, model, tokenizer, deadline=deadline, headline_apart=headline_apart), model,
                  ACCURATE_CUE_WEIGHT, ACCURATE_ROLE_WEIGHT)
