"""Feature columns to hashed buckets without building every feature string.

The linear models hash feature strings (``name=key``, see
``sayso.attribution.features``).  Building and hashing about 40,000 strings
an article was a third of fast mode's work after the parse, though most of
them recur: the same word, part of speech or tree relation in every article.
Here each model keeps, per column, the bucket of every key it has met; a key's
string is built and hashed once, and a recurring key costs a dictionary
look-up on the key's parts (strings already hashed).

The buckets, and their order within each row, are those of the strings, so
the scores are the same to the last bit: ``LinearModel.scores`` sums the same
weight rows in the same order.
"""

from __future__ import annotations

import gc
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain

import numpy as np

from sayso.attribution.features import Column, Key, feature_string

#: Keys remembered per model, over all its columns; past this the memo starts again
#: (keys made of three words rarely recur, and a batch worker must not grow without end).
MAX_MEMO_KEYS = 500_000


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the block, on again after (if it was on).

    Feature keys are tuples, which the collector tracks: the tens of thousands
    an article makes set off collections that each walk the whole heap, and
    they doubled the cost of building the keys (1.7 against 3.8 CPU-ms an
    article on PolNeAR dev).  The keys hold only strings, so they form no
    cycles and reference counting frees them; pausing the collector delays
    nothing that it would have freed.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


@dataclass(frozen=True, slots=True)
class IndexedRows:
    """Rows of features as buckets: ``flat`` holds every row's buckets in turn, row r from ``starts[r]``."""

    flat: np.ndarray  # intp
    starts: np.ndarray  # intp, one per row
    lengths: np.ndarray  # intp, one per row

    @property
    def n_rows(self) -> int:
        return len(self.starts)


class ColumnMemo:
    """One model's bucket of each (column, key) it has met."""

    __slots__ = ("by_column", "n_buckets", "size")

    def __init__(self, n_buckets: int) -> None:
        self.n_buckets = n_buckets
        self.by_column: dict[str, dict[Key, int]] = {}
        self.size = 0

    def column(self, name: str, keys: list[Key]) -> list[int]:
        """The bucket of each key's feature string ``name=key``."""
        if self.size > MAX_MEMO_KEYS:
            self.by_column.clear()
            self.size = 0
        memo = self.by_column.get(name)
        if memo is None:
            memo = self.by_column[name] = {}
        out = list(map(memo.get, keys))
        try:
            j = out.index(None)
        except ValueError:
            return out
        n = self.n_buckets
        while True:
            key = keys[j]
            k = memo.get(key)
            if k is None:
                k = memo[key] = zlib.crc32(feature_string(name, key).encode("utf-8")) % n
                self.size += 1
            out[j] = k
            try:
                j = out.index(None, j + 1)
            except ValueError:
                return out

    def rows(self, columns: list[Column], extra: list[list[tuple[str, Key]]] | None = None) -> IndexedRows:
        """Every row's buckets: the columns' in column order, then the row's ``extra`` features'."""
        n_rows = len(columns[0][1])
        matrix = np.array([self.column(name, keys) for name, keys in columns], dtype=np.intp).T
        if not extra:
            width = len(columns)
            return IndexedRows(matrix.ravel(), np.arange(0, n_rows * width, width, dtype=np.intp),
                               np.full(n_rows, width, dtype=np.intp))
        # Extra features differ in number per row: bucket them by column name, then splice each
        # row's after its fixed part.
        more: dict[str, list[Key]] = {}
        for row in extra:
            for name, key in row:
                more.setdefault(name, []).append(key)
        buckets = {name: iter(self.column(name, keys)) for name, keys in more.items()}
        tails = [[next(buckets[name]) for name, _ in row] for row in extra]
        width = len(columns)
        tail_lengths = np.fromiter(map(len, tails), dtype=np.intp, count=n_rows)
        lengths = width + tail_lengths
        starts = np.zeros(n_rows, dtype=np.intp)
        np.cumsum(lengths[:-1], out=starts[1:])
        flat = np.empty(int(lengths.sum()), dtype=np.intp)
        flat[(starts[:, None] + np.arange(width, dtype=np.intp)).ravel()] = matrix.ravel()
        tail_flat = np.fromiter(chain.from_iterable(tails), dtype=np.intp, count=int(tail_lengths.sum()))
        row_of = np.repeat(np.arange(n_rows, dtype=np.intp), tail_lengths)
        tail_starts = np.cumsum(tail_lengths) - tail_lengths
        within = np.arange(len(tail_flat), dtype=np.intp) - tail_starts[row_of]
        flat[starts[row_of] + width + within] = tail_flat
        return IndexedRows(flat, starts, lengths)
