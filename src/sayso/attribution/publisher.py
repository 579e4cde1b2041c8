"""Who published the article, when the metadata does not say: the outlet that refers to itself.

News reports name their own outlet in a few fixed ways: "did not respond to
the Daily Beast's request for comment", "told The Daily Beast", "The Post has
learned", "reached by CNN".  An outlet the article cites as a source
("Axios reported") is a relay, not the publisher.
"""

from __future__ import annotations

from sayso import lexicon
from sayso.attribution.entities import OUTLET, ArticleEntities
from sayso.attribution.table import TokenTable

_SELF_REFERENCE_NOUNS = {"request", "requests", "inquiry", "inquiries", "questions", "emails", "calls"}


def infer_publisher(t: TokenTable, ents: ArticleEntities, relays: set[str]) -> tuple[str, str] | None:
    """(publisher, the words that show it), or None.  ``relays`` are outlet ids cited as sources."""
    best: tuple[int, str, str] | None = None
    for e in ents.entities:
        if e.type != OUTLET:
            continue
        for a, b in e.mentions:
            nxt = [k for k in range(b + 1, min(t.n, b + 5)) if not t.is_space[k]]
            after = [t.lower[k] for k in nxt]
            evidence_end = None
            strength = 0
            if after[:1] in (["\u2019s"], ["'s"]) and len(after) > 1 and after[1] in _SELF_REFERENCE_NOUNS:
                strength, evidence_end = 3, nxt[1]
                if len(after) > 3 and after[2] == "for":
                    evidence_end = nxt[3]
            elif after[:2] in (["has", "learned"], ["has", "confirmed"], ["has", "obtained"]):
                strength, evidence_end = 3, nxt[1]
            elif a > 0 and t.lower[a - 1] in ("told", "by") and e.id not in relays:
                strength, evidence_end = 1, b
            if strength and (best is None or strength > best[0]):
                start = min(a, a - 1 if strength == 1 else a)
                evidence = t.text[t.starts[start]:t.ends[evidence_end or b]]
                best = (strength, _canonical(e.name), evidence)
    return (best[1], best[2]) if best else None


def _canonical(name: str) -> str:
    return lexicon.outlets().get(name.lower(), name)
