"""Small helpers and constants over token indices, shared by the attribution modules.

Runs of tokens and the text they cover, the phrase a token heads, and the
grammatical labels and marks more than one module tests for; each defined
once here.
"""

from __future__ import annotations

from collections.abc import Iterable

from sayso.attribution.table import TokenTable
from sayso.records import TextSpan

#: The parser's labels for a verb's subject, active and passive.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
#: Possessive endings as the tokenizer splits them off ("Trump's", "Sanders'").
POSSESSIVE_MARKS = ("\u2019s", "'s", "\u2019", "'")
#: Double quotation marks as single tokens: straight, curly, and the doubled ones of typed text.
OPENING_QUOTE_TOKENS = frozenset({'"', "\u201c", "``"})
CLOSING_QUOTE_TOKENS = frozenset({'"', "\u201d", "''"})


def runs(toks: Iterable[int]) -> list[tuple[int, int]]:
    """Consecutive token indices joined into (first, last) runs: 3, 4, 5, 8 -> (3, 5), (8, 8)."""
    out: list[tuple[int, int]] = []
    for k in toks:
        if out and out[-1][1] == k - 1:
            out[-1] = (out[-1][0], k)
        else:
            out.append((k, k))
    return out


def bridged_runs(t: TokenTable, tokens: list[int]) -> list[tuple[int, int]]:
    """Sorted token indices joined into runs across gaps of spaces and punctuation only (inside the
    same quotation); runs of nothing but punctuation and space are dropped."""
    out: list[tuple[int, int]] = []
    for k in tokens:
        if out:
            a, b = out[-1]
            gap = range(b + 1, k)
            if all(t.is_space[g] or (t.is_punct[g] and t.quote[g] == t.quote[k]) for g in gap):
                out[-1] = (a, k)
                continue
        out.append((k, k))
    return [r for r in out if not all(t.is_punct[g] or t.is_space[g] for g in range(r[0], r[1] + 1))]


def phrase_of(t: TokenTable, k: int, without_deps: frozenset[str], within: int | None = None) -> tuple[int, ...]:
    """The tokens of the phrase token k heads, in order: its subtree without the tokens attached by
    ``without_deps`` (a relative clause, an apposition) and, given ``within``, without tokens
    further than that from k."""
    return tuple(sorted(j for j in t.subtree(k) if t.dep[j] not in without_deps
                        and (within is None or abs(j - k) <= within)))


def text_span(t: TokenTable, token_runs: list[tuple[int, int]] | tuple[tuple[int, int], ...]) -> TextSpan:
    """The TextSpan these runs of tokens cover."""
    return TextSpan.of(t.text, [(t.starts[a], t.ends[b]) for a, b in token_runs])


def words(t: TokenTable, toks: tuple[int, ...]) -> str:
    """The text from the first of these tokens to the last."""
    return t.text[t.starts[toks[0]]:t.ends[toks[-1]]] if toks else ""
