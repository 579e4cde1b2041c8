"""Fine-tune the accurate mode's encoder on PolNeAR train (``sayso train polnear --mode accurate``).

What stays frozen (the embeddings, and any layers below the top
TRAINABLE_LAYERS) is computed once per chunk and cached; each epoch runs the
tuned layers and the heads: about 8 minutes per epoch over PolNeAR train on
two CPU cores with all six layers tuned.  Labels are those of the linear models
(sayso.attribution.train): a cue's syntactic head is the cue token, and each
token of a gold cue's window is SRC, CNT or O.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sayso.attribution.features import RoleContext
from sayso.attribution.table import TokenTable
from sayso.attribution.train import head_token, tokens_overlapping
from sayso.eval.corpus import GoldAttribution


@dataclass
class _Example:
    piece_ids: list[int]
    first_piece: list[int]
    words: list[int]  # token index per word
    cue: list[int]  # 0/1 per word
    roles: list[tuple[int, list[int], list[int]]]  # (cue word position, word positions, labels)
    frozen: object = None  # torch.Tensor [pieces, HIDDEN] float16, filled by _cache_frozen


def examples_of(t: TokenTable, gold: Sequence[GoldAttribution], tokenizer) -> list[_Example]:  # type: ignore[no-untyped-def]
    from sayso.attribution.neural import table_chunks

    heads: dict[int, GoldAttribution] = {}
    for g in gold:
        h = head_token(t, tokens_overlapping(t, g.cue))
        if h is not None:
            heads.setdefault(h, g)
    out = []
    for ch in table_chunks(t, tokenizer):
        pos = {k: j for j, k in enumerate(ch.words)}
        roles = []
        for c, g in heads.items():
            if c not in pos:
                continue
            src = set(tokens_overlapping(t, g.source))
            cnt = set(tokens_overlapping(t, g.content))
            ctx = RoleContext(t, c)
            ws = [j for j, k in enumerate(ch.words) if ctx.lo <= k <= ctx.hi and k != c]
            labels = [1 if ch.words[j] in src else 2 if ch.words[j] in cnt else 0 for j in ws]
            roles.append((pos[c], ws, labels))
        out.append(_Example(list(ch.piece_ids), list(ch.first_piece), list(ch.words),
                            [int(k in heads) for k in ch.words], roles))
    return out


def _batches(examples: Sequence[_Example], pieces: int, rng: random.Random | None) -> list[list[_Example]]:
    """Batches of about ``pieces`` word pieces, of similar lengths; shuffled when rng is given."""
    order = list(examples)
    if rng is not None:
        rng.shuffle(order)
        pools = [sorted(order[i:i + 400], key=lambda e: len(e.piece_ids)) for i in range(0, len(order), 400)]
        order = [e for pool in pools for e in pool]
    else:
        order.sort(key=lambda e: len(e.piece_ids))
    out: list[list[_Example]] = []
    cur: list[_Example] = []
    for e in order:
        if cur and (len(cur) + 1) * max(len(e.piece_ids), max(len(x.piece_ids) for x in cur)) > pieces:
            out.append(cur)
            cur = []
        cur.append(e)
    if cur:
        out.append(cur)
    if rng is not None:
        rng.shuffle(out)
    return out


def _cache_frozen(model, examples: Sequence[_Example], progress: Callable[[int], None]) -> None:  # type: ignore[no-untyped-def]
    import torch

    from sayso.nlp.encoder import attention_mask

    model.eval()
    with torch.no_grad():
        for batch in _batches(examples, 8192, None):
            width = max(len(e.piece_ids) for e in batch)
            ids = torch.zeros((len(batch), width), dtype=torch.long)
            for b, e in enumerate(batch):
                ids[b, : len(e.piece_ids)] = torch.tensor(e.piece_ids)
            x = model.frozen_part(ids, attention_mask([len(e.piece_ids) for e in batch], width))
            for b, e in enumerate(batch):
                e.frozen = x[b, : len(e.piece_ids)].to(torch.float16).clone()
            progress(len(batch))


def _forward(model, batch: Sequence[_Example]):  # type: ignore[no-untyped-def]
    """Loss terms of a batch: (cue logits, cue labels, role logits, role labels)."""
    import torch

    from sayso.nlp.encoder import HIDDEN, attention_mask

    width = max(len(e.piece_ids) for e in batch)
    x = torch.zeros((len(batch), width, HIDDEN))
    for b, e in enumerate(batch):
        x[b, : len(e.piece_ids)] = e.frozen.float()
    y = model.trained_part(x, attention_mask([len(e.piece_ids) for e in batch], width))
    cue_logits, cue_labels, role_logits, role_labels = [], [], [], []
    for b, e in enumerate(batch):
        words = y[b, torch.tensor(e.first_piece)]
        cue_logits.append(model.cue_head(words).squeeze(-1))
        cue_labels.append(torch.tensor(e.cue, dtype=torch.float32))
        for c, ws, labels in e.roles:
            if not ws:
                continue
            w = torch.tensor(ws)
            offsets = torch.tensor([e.words[j] - e.words[c] for j in ws])
            role_logits.append(model.role_head(words[w], words[c][None], offsets))
            role_labels.append(torch.tensor(labels))
    return (torch.cat(cue_logits), torch.cat(cue_labels),
            torch.cat(role_logits) if role_logits else None,
            torch.cat(role_labels) if role_labels else None)


def _dev_figures(model, examples: Sequence[_Example]) -> dict[str, float]:
    """Token-level figures on held-out examples: cue F1 at 0.5, role accuracy on gold cues."""
    import torch

    model.eval()
    tp = fp = fn = 0
    right = total = 0
    with torch.no_grad():
        for batch in _batches(examples, 8192, None):
            cl, cy, rl, ry = _forward(model, batch)
            pred = cl > 0
            tp += int((pred & (cy > 0)).sum())
            fp += int((pred & (cy == 0)).sum())
            fn += int((~pred & (cy > 0)).sum())
            if rl is not None:
                right += int((rl.argmax(-1) == ry).sum())
                total += len(ry)
    p = tp / max(tp + fp, 1)
    r = tp / max(tp + fn, 1)
    return {"cue_p": round(p, 4), "cue_r": round(r, 4), "cue_f1": round(2 * p * r / max(p + r, 1e-9), 4),
            "role_acc": round(right / max(total, 1), 4)}


def train_encoder(train: Sequence[_Example], out_dir: Path, *, dev: Sequence[_Example] = (),
                  epochs: int = 7, seed: int = 0, batch_pieces: int = 4096,
                  log: Callable[[str], None] = print) -> dict[str, object]:
    import torch

    from sayso.nlp.encoder import LAYERS, TRAINABLE_LAYERS, Encoder, base_model_dir

    torch.manual_seed(seed)
    rng = random.Random(seed)
    model = Encoder()
    model.load_base(base_model_dir())
    for p in model.parameters():
        p.requires_grad = False
    tuned = [p for i in range(LAYERS - TRAINABLE_LAYERS, LAYERS) for p in model.layers[i].parameters()]
    heads = list(model.cue_head.parameters()) + list(model.role_head.parameters())
    for p in tuned + heads:
        p.requires_grad = True

    t0 = time.monotonic()
    done = [0]

    def tick(n: int) -> None:
        done[0] += n

    _cache_frozen(model, list(train) + list(dev), tick)
    log(f"cached the frozen layers of {done[0]} chunks in {time.monotonic() - t0:.0f} s")

    steps_per_epoch = len(_batches(train, batch_pieces, random.Random(0)))
    total = steps_per_epoch * epochs
    opt = torch.optim.AdamW([{"params": tuned, "lr": 1e-4}, {"params": heads, "lr": 1e-3}], weight_decay=0.01)
    warmup = max(1, total // 20)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warmup, max(0.0, (total - s) / max(1, total - warmup))))
    history = []
    out_dir.mkdir(parents=True, exist_ok=True)
    step = 0
    for epoch in range(epochs):
        model.train()
        running = 0.0
        epoch_loss = epoch_steps = 0.0
        for batch in _batches(train, batch_pieces, rng):
            cl, cy, rl, ry = _forward(model, batch)
            loss = torch.nn.functional.binary_cross_entropy_with_logits(cl, cy)
            if rl is not None:
                loss = loss + torch.nn.functional.cross_entropy(rl, ry)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(tuned + heads, 1.0)
            opt.step()
            sched.step()
            step += 1
            value = loss.item()
            epoch_loss += value
            epoch_steps += 1
            running = 0.98 * running + 0.02 * value if epoch_steps > 1 else value
            if step % 50 == 0:
                log(f"epoch {epoch + 1} step {step}/{total} loss {running:.4f} {time.monotonic() - t0:.0f} s")
        figures = _dev_figures(model, dev) if dev else {}
        history.append({"epoch": epoch + 1, "seconds": round(time.monotonic() - t0),
                        "train_loss": round(epoch_loss / max(epoch_steps, 1), 4), **figures})
        log(json.dumps(history[-1]))
        save(model, out_dir / "encoder.pt")
    info = {"seed": seed, "epochs": epochs, "batch_pieces": batch_pieces, "train_chunks": len(train),
            "history": history}
    (out_dir / "encoder.json").write_text(json.dumps(info, indent=1))
    return info


def save(model, path: Path) -> None:  # type: ignore[no-untyped-def]
    import torch

    state = {k: v.detach().to(torch.float16).clone() for k, v in model.tuned_state().items()}
    tmp = path.with_suffix(".tmp")
    torch.save(state, tmp)
    tmp.replace(path)


def train_encoder_from_polnear(root: str | Path, out_dir: str | Path, *, seed: int = 0, epochs: int = 7,
                               limit: int | None = None, log: Callable[[str], None] = print) -> dict[str, object]:
    """Parse PolNeAR train (and dev, for per-epoch figures) and fine-tune the encoder into ``out_dir``.

    With the defaults this reproduces ``sayso/models/encoder.pt`` (about an
    hour on two cores; torch's CPU kernels are deterministic for a fixed
    seed and thread count).
    """
    import torch

    from sayso.attribution.table import build_table
    from sayso.eval.corpus import load_split
    from sayso.nlp.encoder import load_tokenizer
    from sayso.nlp.model import load_nlp

    torch.set_num_threads(2)
    nlp = load_nlp()
    tokenizer = load_tokenizer()
    sets: dict[str, list[_Example]] = {}
    for split in ("train", "dev"):
        data = load_split(root, split, limit=limit)
        t0 = time.monotonic()
        examples: list[_Example] = []
        for name, doc in zip(data.ids, nlp.pipe((data.texts[n] for n in data.ids), batch_size=16)):
            examples.extend(examples_of(build_table(doc), data.gold[name], tokenizer))
        log(f"parsed {split}: {len(data.ids)} articles, {len(examples)} chunks in {time.monotonic() - t0:.0f} s")
        sets[split] = examples
    return train_encoder(sets["train"], Path(out_dir), dev=sets["dev"], epochs=epochs, seed=seed, log=log)
