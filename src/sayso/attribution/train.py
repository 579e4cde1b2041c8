"""Fit the cue and role models on PolNeAR's train split (``sayso train polnear``).

Gold attributions are aligned to spaCy tokens: the cue's syntactic head is
the positive cue token; for each gold cue every token of its window is
labelled SRC, CNT or O.  Both models are logistic regressions over hashed
features, fitted with scikit-learn (the ``[train]`` extra) and saved as
numpy arrays, so running sayso needs no scikit-learn.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from sayso.attribution.features import RoleContext, cue_features, role_features
from sayso.attribution.linear import LinearModel, feature_index
from sayso.attribution.table import TokenTable
from sayso.eval.corpus import GoldAttribution

CUE_BUCKETS = 1 << 19
ROLE_BUCKETS = 1 << 20
ROLE_CLASSES = ("O", "SRC", "CNT")


def tokens_overlapping(t: TokenTable, frags: Iterable[tuple[int, int]]) -> list[int]:
    out: set[int] = set()
    for s, e in frags:
        if e <= s:
            continue
        k = t.token_at(s)
        while k < t.n and t.starts[k] < e:
            if t.ends[k] > s and not t.is_space[k]:
                out.add(k)
            k += 1
    return sorted(out)


def head_token(t: TokenTable, toks: Sequence[int]) -> int | None:
    """The token of ``toks`` whose syntactic head lies outside them (the span's root)."""
    if not toks:
        return None
    inside = set(toks)
    words = [k for k in toks if not t.is_punct[k]] or list(toks)
    for k in words:
        if t.head[k] not in inside or t.head[k] == k:
            return k
    return words[0]


@dataclass
class _Matrix:
    rows: list[int]
    cols: list[int]
    labels: list[int]
    n: int = 0

    def add(self, features: list[str], label: int, n_buckets: int) -> None:
        for f in features:
            self.rows.append(self.n)
            self.cols.append(feature_index(f, n_buckets))
        self.labels.append(label)
        self.n += 1

    def csr(self, n_buckets: int):  # type: ignore[no-untyped-def]
        from scipy.sparse import csr_matrix

        data = np.ones(len(self.rows), dtype=np.float32)
        m = csr_matrix((data, (self.rows, self.cols)), shape=(self.n, n_buckets), dtype=np.float32)
        m.sum_duplicates()
        return m


def collect(tables: Sequence[TokenTable], golds: Sequence[Sequence[GoldAttribution]]) -> tuple[_Matrix, _Matrix]:
    cue_m = _Matrix([], [], [])
    role_m = _Matrix([], [], [])
    for t, gold in zip(tables, golds):
        cue_heads: dict[int, list[GoldAttribution]] = {}
        for g in gold:
            h = head_token(t, tokens_overlapping(t, g.cue))
            if h is not None:
                cue_heads.setdefault(h, []).append(g)
        for i in range(t.n):
            if t.is_space[i]:
                continue
            cue_m.add(cue_features(t, i), int(i in cue_heads), CUE_BUCKETS)
        for c, gs in cue_heads.items():
            g = gs[0]
            src = set(tokens_overlapping(t, g.source))
            cnt = set(tokens_overlapping(t, g.content))
            ctx = RoleContext(t, c)
            for k in range(ctx.lo, ctx.hi + 1):
                if t.is_space[k]:
                    continue
                label = 1 if k in src else (2 if k in cnt else 0)
                role_m.add(role_features(t, ctx, k), label, ROLE_BUCKETS)
    return cue_m, role_m


def fit(m: _Matrix, n_buckets: int, classes: tuple[str, ...], alpha: float, seed: int = 0) -> LinearModel:
    from sklearn.linear_model import SGDClassifier

    x = m.csr(n_buckets)
    y = np.asarray(m.labels)
    clf = SGDClassifier(loss="log_loss", alpha=alpha, max_iter=15, tol=1e-4, random_state=seed)
    clf.fit(x, y)
    coef = clf.coef_.astype(np.float32)
    bias = clf.intercept_.astype(np.float32)
    if coef.shape[0] == 1:  # binary: express as two classes (0 score for the negative)
        coef = np.vstack([np.zeros_like(coef), coef])
        bias = np.asarray([0.0, bias[0]], dtype=np.float32)
    return LinearModel(weights=np.ascontiguousarray(coef.T), bias=bias, classes=classes)


def train_models(tables: Sequence[TokenTable], golds: Sequence[Sequence[GoldAttribution]],
                 out_dir: Path, seed: int = 0) -> dict[str, int]:
    cue_m, role_m = collect(tables, golds)
    cue = fit(cue_m, CUE_BUCKETS, ("O", "CUE"), alpha=2e-6, seed=seed)
    role = fit(role_m, ROLE_BUCKETS, ROLE_CLASSES, alpha=1e-6, seed=seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    cue.save(out_dir / "cue.npz")
    role.save(out_dir / "role.npz")
    info = {"cue_instances": cue_m.n, "role_instances": role_m.n, "seed": seed}
    (out_dir / "training.json").write_text(json.dumps(info, indent=1))
    return info


def train_from_polnear(root: str | Path, out_dir: str | Path, *, seed: int = 0,
                       limit: int | None = None, progress: bool = True) -> dict[str, int]:
    """Parse PolNeAR's train split with the pinned pipeline and fit both models into ``out_dir``.

    With the default seed this reproduces the artifacts shipped in ``sayso/models``.
    """
    from sayso.attribution.table import build_table
    from sayso.eval.corpus import load_split
    from sayso.nlp.model import load_nlp

    split = load_split(root, "train", limit=limit)
    nlp = load_nlp()
    texts = [split.texts[n] for n in split.ids]
    docs = nlp.pipe(texts, batch_size=16)
    if progress:
        from rich.progress import track

        docs = track(docs, total=len(texts), description="parsing train", transient=True)
    tables = [build_table(d) for d in docs]
    return train_models(tables, [split.gold[n] for n in split.ids], Path(out_dir), seed=seed)
