"""Feature columns to hashed buckets without building every feature string.

The linear models hash feature strings (``name=key``, see
``sayso.attribution.features``).  Building and hashing about 40,000 strings
an article was a third of fast mode's work after the parse, though most of
them recur: the same word, part of speech or tree relation in every article.
Here each model keeps, per column, the bucket of every key it has met; a key's
string is built and hashed once, and a recurring key costs a dictionary
look-up on the key's parts (strings already hashed).

Most columns come as numbers (``features.CodedKeys``): each string of an
article numbered once, a key of up to three strings packed into one int64 with
numpy, so that a row costs neither a tuple per key nor a tuple's hash per
look-up.  A key's string is still built, from the numbers, the first time the
memo meets it.

The buckets, and their order within each row, are those of the strings, so
the scores are the same to the last bit: ``LinearModel.scores`` sums the same
weight rows in the same order.
"""

from __future__ import annotations

import gc
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from typing import Any

import numpy as np

from sayso.attribution.features import CodedKeys, Column, Key, RowTails, feature_string

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

    __slots__ = ("by_code", "by_column", "generation", "n_buckets", "size")

    def __init__(self, n_buckets: int) -> None:
        self.n_buckets = n_buckets
        self.by_column: dict[str, dict[Key, int]] = {}
        self.by_code: dict[str, dict[int, int]] = {}  # coded keys' buckets, for one numbering
        self.generation = -1
        self.size = 0

    def column(self, name: str, keys: list[Key] | CodedKeys) -> list[int]:
        """The bucket of each key's feature string ``name=key``."""
        coded = isinstance(keys, CodedKeys)
        if self.size > MAX_MEMO_KEYS or coded and keys.generation != self.generation:  # type: ignore[union-attr]
            self.by_column.clear()
            self.by_code.clear()
            self.size = 0
            if coded:
                self.generation = keys.generation  # type: ignore[union-attr]
        if coded:
            memo = self.by_code.setdefault(name, {})
            return self._looked_up(memo, name, keys.codes.tolist(), keys.feature)  # type: ignore[union-attr]
        return self._looked_up(self.by_column.setdefault(name, {}), name, keys, feature_string)  # type: ignore[arg-type]

    def _looked_up(self, memo: dict[Any, int], name: str, keys: list[Any],
                   feature: Callable[[str, Any], str]) -> list[int]:
        """Each key's bucket from ``memo``; a key not in it is hashed (``feature(name, key)``'s string) and kept."""
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
                k = memo[key] = zlib.crc32(feature(name, key).encode("utf-8")) % n
                self.size += 1
            out[j] = k
            try:
                j = out.index(None, j + 1)
            except ValueError:
                return out

    def rows(self, columns: list[Column], tails: RowTails | None = None) -> IndexedRows:
        """Every row's buckets: the columns' in column order, then the row's ``tails``."""
        n_rows = len(columns[0][1])
        width = len(columns)
        fixed = np.fromiter(chain.from_iterable(self.column(name, keys) for name, keys in columns),
                            dtype=np.intp, count=n_rows * width).reshape(width, n_rows).T
        if tails is None:
            return IndexedRows(fixed.ravel(), np.arange(0, n_rows * width, width, dtype=np.intp),
                               np.full(n_rows, width, dtype=np.intp))
        # Row r: its fixed part, then counts[r] buckets of each tail column in turn.
        counts = np.asarray(tails.counts, dtype=np.intp)
        lengths = width + len(tails.columns) * counts
        starts = np.zeros(n_rows, dtype=np.intp)
        np.cumsum(lengths[:-1], out=starts[1:])
        flat = np.empty(int(lengths.sum()), dtype=np.intp)
        flat[(starts[:, None] + np.arange(width, dtype=np.intp)).ravel()] = fixed.ravel()
        row_of = np.repeat(np.arange(n_rows, dtype=np.intp), counts)
        within = np.arange(len(row_of), dtype=np.intp) - (np.cumsum(counts) - counts)[row_of]
        for j, (name, keys) in enumerate(tails.columns):
            flat[starts[row_of] + width + j * counts[row_of] + within] = self.column(name, keys)
        return IndexedRows(flat, starts, lengths)
