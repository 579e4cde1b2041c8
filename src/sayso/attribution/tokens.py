"""Small helpers over token indices: runs of consecutive tokens, and the text they cover."""

from __future__ import annotations

from collections.abc import Iterable

from sayso.attribution.table import TokenTable
from sayso.records import TextSpan


def runs(toks: Iterable[int]) -> list[tuple[int, int]]:
    """Consecutive token indices joined into (first, last) runs: 3, 4, 5, 8 -> (3, 5), (8, 8)."""
    out: list[tuple[int, int]] = []
    for k in toks:
        if out and out[-1][1] == k - 1:
            out[-1] = (out[-1][0], k)
        else:
            out.append((k, k))
    return out


def text_span(t: TokenTable, token_runs: list[tuple[int, int]] | tuple[tuple[int, int], ...]) -> TextSpan:
    """The TextSpan these runs of tokens cover."""
    return TextSpan.of(t.text, [(t.starts[a], t.ends[b]) for a, b in token_runs])


def words(t: TokenTable, toks: tuple[int, ...]) -> str:
    """The text from the first of these tokens to the last."""
    return t.text[t.starts[toks[0]]:t.ends[toks[-1]]] if toks else ""
