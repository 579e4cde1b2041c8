"""A multi-class linear model over hashed string features.

Training (sayso.attribution.train) fits the weights with scikit-learn; running
needs only numpy, so the shipped artifact is a small ``.npz`` file.
"""

from __future__ import annotations

import functools
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from sayso.attribution.feature_index import ColumnMemo, IndexedRows
from sayso.errors import ModelError
from sayso.nlp.model import models_dir


def feature_index(feature: str, n_buckets: int) -> int:
    return zlib.crc32(feature.encode("utf-8")) % n_buckets


#: Feature strings repeat across tokens and articles; their hashed indices are
#: cached per model, up to this many.
_MAX_CACHED_FEATURES = 2_000_000


@dataclass(frozen=True)
class LinearModel:
    """Weights (n_buckets x n_classes) and biases for a hashed linear classifier."""

    weights: np.ndarray
    bias: np.ndarray
    classes: tuple[str, ...]
    _index: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    _memo: dict[str, ColumnMemo] = field(default_factory=dict, compare=False, repr=False)

    @property
    def n_buckets(self) -> int:
        return int(self.weights.shape[0])

    def indices(self, features: Sequence[str]) -> list[int]:
        n = self.n_buckets
        return [zlib.crc32(f.encode("utf-8")) % n for f in features]

    def scores(self, rows: Sequence[Sequence[str]]) -> np.ndarray:
        """Class scores (n_rows x n_classes) for several feature lists at once."""
        if not rows:
            return np.zeros((0, len(self.classes)), dtype=np.float32)
        index = self._index
        n = self.n_buckets
        flat: list[int] = []
        starts: list[int] = []
        for feats in rows:
            starts.append(len(flat))
            for f in feats:
                k = index.get(f)
                if k is None:
                    if len(index) > _MAX_CACHED_FEATURES:
                        index.clear()
                    k = index[f] = zlib.crc32(f.encode("utf-8")) % n
                flat.append(k)
        return self.summed(np.asarray(flat, dtype=np.intp), np.asarray(starts, dtype=np.intp),
                           np.fromiter(map(len, rows), dtype=np.intp, count=len(rows)))

    def summed(self, flat: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Class scores of rows given as buckets: row r is ``flat[starts[r]:starts[r] + lengths[r]]``.

        Each row's weights are added in feature order (float32), whichever way
        its buckets were found, so equal buckets give equal scores to the bit.
        """
        if not len(flat):
            return np.zeros((len(starts), len(self.classes)), dtype=np.float32) + self.bias
        out = np.add.reduceat(self.weights[flat], starts, axis=0)
        # reduceat gives a row for an empty feature list the next row's value: zero those.
        empty = lengths == 0
        if empty.any():
            out[empty] = 0.0
        return out + self.bias

    def memo(self) -> ColumnMemo:
        """This model's buckets of feature columns (``sayso.attribution.feature_index``)."""
        memo = self._memo.get("columns")
        if memo is None:
            memo = self._memo["columns"] = ColumnMemo(self.n_buckets)
        return memo

    def probabilities_of(self, rows: IndexedRows) -> np.ndarray:
        """``probabilities`` of rows given as buckets (``ColumnMemo.rows``)."""
        if not rows.n_rows:
            return self.probabilities([])
        return _softmax(self.summed(rows.flat, rows.starts, rows.lengths))

    def probabilities(self, rows: Sequence[Sequence[str]]) -> np.ndarray:
        return _softmax(self.scores(rows))

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path, weights=self.weights.astype(np.float16), bias=self.bias.astype(np.float32),
            classes=np.asarray(self.classes),
        )

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        try:
            with np.load(path, allow_pickle=False) as z:
                return cls(
                    weights=z["weights"].astype(np.float32), bias=z["bias"],
                    classes=tuple(str(c) for c in z["classes"]),
                )
        except (OSError, KeyError, ValueError) as e:
            raise ModelError(f"cannot load the model artifact {path}: {e}") from e


def _softmax(s: np.ndarray) -> np.ndarray:
    s = s - s.max(axis=1, keepdims=True)
    e = np.exp(s)
    return e / e.sum(axis=1, keepdims=True)


@functools.lru_cache(maxsize=4)
def load_linear(name: str, directory: str | None = None) -> LinearModel:
    """A shipped linear model: ``cue`` or ``role``."""
    path = Path(directory) / f"{name}.npz" if directory else models_dir() / f"{name}.npz"
    if not path.is_file():
        raise ModelError(f"model artifact {path} is missing; reinstall sayso or run `sayso train polnear`")
    return LinearModel.load(path)
