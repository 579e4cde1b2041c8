"""Whether a predicted speaker name names the gold entity: the matcher every speaker figure uses.

The hand-checked speaker sets (tests/test_speakers.py) and the fresh sets
(``sayso eval fresh``) score a speaker right when its name names the gold
entity: "Clinton" names Hillary Clinton in an article about her, "Bill
Clinton" does not.
"""

from __future__ import annotations

import re

_TITLES = {
    "mr", "mrs", "ms", "dr", "sen", "senator", "gov", "governor", "rep", "president", "former",
    "secretary", "judge", "justice", "chief", "director", "gen", "general", "the", "rev",
}
#: Generational suffixes: "Joseph R. Biden Jr." is "Biden".
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
_PARTICLES = {"de", "van", "von", "la", "le", "del", "da", "di", "du"}
#: A one-word predicted name that is a common noun names nothing ("campaign").
_GENERIC = {"campaign", "administration", "company", "agency", "group", "network", "organization",
            "committee", "department", "president", "senator", "candidate"}


def name_tokens(name: str) -> list[str]:
    """Lower-cased words of a name without titles, possessives and dots; "de Blasio" is one word."""
    name = re.sub(r"[\u2019']s\b", "", name.lower())
    words = [w.strip(".,;:()\"\u201c\u201d").replace(".", "") for w in name.split()]
    words = [w for w in words if w]
    while len(words) > 1 and words[0] in _TITLES:
        words = words[1:]
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words = words[:-1]
    out: list[str] = []
    for w in words:
        if out and out[-1] in _PARTICLES:
            out[-1] = out[-1] + " " + w
        else:
            out.append(w)
    return out


def same_entity(gold: str, predicted: str) -> bool:
    """Whether a predicted speaker name names the gold entity.

    Case-insensitive; the last words (surnames, "campaign") must agree; when
    both names have two or more words the first words must agree too
    ("Hillary Clinton" is not "Bill Clinton"), unless one name ends the other
    ("Security Council" / "U.N. Security Council").
    """
    g, p = name_tokens(gold), name_tokens(predicted)
    if not g or not p:
        return False
    if g == p:
        return True
    if g[-1].split()[-1] != p[-1].split()[-1]:
        return False
    short, long_ = (g, p) if len(g) <= len(p) else (p, g)
    if len(short) == 1:
        return short[0] not in _GENERIC
    return short[0] == long_[0] or long_[-len(short):] == short
