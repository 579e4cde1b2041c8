"""Resolve a source or addressee phrase to an entity of the article.

Names and role nouns are resolved when the entities are found.  Pronouns are
resolved here, per attribution, to the most recent *subject* that names a
person outside quotation marks, skipping people the attribution's own content
names in the third person (someone who says "Putin told you" is not Putin)
and its addressee.  People mentioned once, inside someone else's reported
speech, rarely become the next "he" of the story, so a candidate needs two
earlier mentions unless it is the only one.
"""

from __future__ import annotations

from collections.abc import Iterable

from sayso.attribution.entities import ANONYMOUS, PERSON, ArticleEntities
from sayso.attribution.table import TokenTable

PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_DEFINITE = {"the", "those", "these", "that", "this", "such"}
#: How many sentences back a pronoun looks for its antecedent.
_LOOKBACK_SENTENCES = 3


def _mention_head(t: TokenTable, a: int, b: int) -> int:
    for k in range(b, a - 1, -1):
        if not t.is_punct[k] and t.lower[k] not in ("\u2019s", "'s"):
            return k
    return b


def resolve_pronoun(t: TokenTable, ents: ArticleEntities, p: int, exclude: Iterable[str] = ()) -> str | None:
    excluded = set(exclude)
    first_sentence = max(0, t.sent[p] - _LOOKBACK_SENTENCES)
    mentions: list[tuple[int, str, bool]] = []
    counts: dict[str, int] = {}
    for e in ents.entities:
        if e.type != PERSON:
            continue
        # A titled name is stored twice ("CIA Director John Ratcliffe", "John Ratcliffe"): count ends.
        counts[e.id] = len({b for a, b in e.mentions if a < p})
        for a, b in e.mentions:
            if a >= p:
                continue
            if t.sent[a] < first_sentence or t.quote[a] >= 0 or e.id in excluded:
                continue
            mentions.append((a, e.id, t.dep[_mention_head(t, a, b)] in _SUBJECT_DEPS))
    if not mentions:
        return None
    mentions.sort(reverse=True)
    subjects = [m for m in mentions if m[2]]
    salient = [m for m in subjects if counts[m[1]] >= 2]
    for group in (salient, subjects, mentions):
        if group:
            return group[0][1]
    return None


def resolve_phrase(t: TokenTable, ents: ArticleEntities, toks: tuple[int, ...],
                   exclude: Iterable[str] = ()) -> str | None:
    """The entity a source/addressee phrase refers to: a name, a role noun or a pronoun."""
    named = ents.at(toks)
    if named is not None:
        return named
    head = next((k for k in toks if t.head[k] not in toks or t.head[k] == k), toks[-1])
    if t.lower[head] in PERSON_PRONOUNS:
        return resolve_pronoun(t, ents, head, exclude)
    return None


def anonymous_entity(t: TokenTable, ents: ArticleEntities, toks: tuple[int, ...]) -> str:
    """An anonymous source: a definite one ("the sources") is the group last mentioned; others are new."""
    first = t.lower[toks[0]]
    if first in _DEFINITE:
        earlier = [e for e in ents.entities if e.type == ANONYMOUS and e.mentions and e.mentions[0][0] < toks[0]]
        if earlier:
            best = max(earlier, key=lambda e: e.mentions[0][0])
            ents.add_mention(best.id, toks[0], toks[-1])
            return best.id
    name = t.text[t.starts[toks[0]]:t.ends[toks[-1]]]
    e = ents.new(name, ANONYMOUS)
    ents.add_mention(e.id, toks[0], toks[-1])
    return e.id
