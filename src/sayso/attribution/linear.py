"""A multi-class linear model over hashed string features.

Training (sayso.attribution.train) fits the weights with scikit-learn; running
needs only numpy, so the shipped artifact is a small ``.npz`` file.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from sayso.errors import ModelError


def feature_index(feature: str, n_buckets: int) -> int:
    return zlib.crc32(feature.encode("utf-8")) % n_buckets


@dataclass(frozen=True)
class LinearModel:
    """Weights (n_buckets x n_classes) and biases for a hashed linear classifier."""

    weights: np.ndarray
    bias: np.ndarray
    classes: tuple[str, ...]

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
        n = self.n_buckets
        flat: list[int] = []
        owner: list[int] = []
        for r, feats in enumerate(rows):
            for f in feats:
                flat.append(zlib.crc32(f.encode("utf-8")) % n)
                owner.append(r)
        gathered = self.weights[np.asarray(flat)]
        out = np.zeros((len(rows), len(self.classes)), dtype=np.float32)
        np.add.at(out, np.asarray(owner), gathered)
        return out + self.bias

    def probabilities(self, rows: Sequence[Sequence[str]]) -> np.ndarray:
        s = self.scores(rows)
        if len(self.classes) == 2 and s.shape[1] == 2:
            pass
        s = s - s.max(axis=1, keepdims=True)
        e = np.exp(s)
        return e / e.sum(axis=1, keepdims=True)

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
