"""Word lists sayso reads: outlets, hedges, document and anonymous-source nouns, titles, public figures,
person roles, newspapers' name endings, name suffixes.

Each file has its provenance at the top; lines starting with '#' are comments.
Each list is defined here once and loaded once (the loaders are cached).
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


@functools.cache
def tagged(name: str) -> dict[str, frozenset[str]]:
    """``<name>.txt`` as word -> its tags: each line is a word followed by tags ("nominee titled runner")."""
    out: dict[str, frozenset[str]] = {}
    for line in lines(name + ".txt"):
        word, *tags = line.lower().split()
        out[word] = frozenset(tags)
    return out


@functools.cache
def with_tag(name: str, tag: str) -> frozenset[str]:
    """The words of the tagged list ``<name>.txt`` that carry ``tag``."""
    return frozenset(w for w, tags in tagged(name).items() if tag in tags)
