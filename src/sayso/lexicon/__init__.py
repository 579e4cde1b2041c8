"""Word lists sayso reads: outlets, hedges, document and anonymous-source nouns, titles, public figures.

Each file has its provenance at the top; lines starting with '#' are comments.
"""

from __future__ import annotations

import functools
from importlib import resources


def lines(name: str) -> list[str]:
    """The non-comment lines of a lexicon file, stripped."""
    text = (resources.files("sayso.lexicon") / name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@functools.cache
def words(name: str) -> frozenset[str]:
    """The lower-cased words of ``<name>.txt``."""
    return frozenset(w.lower() for w in lines(name + ".txt"))


@functools.cache
def outlets() -> dict[str, str]:
    """Lower-cased outlet name or alias -> canonical name."""
    out: dict[str, str] = {}
    for line in lines("outlets.txt"):
        names = [n.strip() for n in line.split("|") if n.strip()]
        for n in names:
            out.setdefault(n.lower(), names[0])
    return out
