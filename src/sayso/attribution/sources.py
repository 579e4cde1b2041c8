"""How a source is identified: named person, organisation, outlet, document or anonymous.

Also the number of anonymous sources when the text gives it ("a Ukrainian
official and three other sources" = 4) and the descriptor that qualifies them
("with knowledge of the call").
"""

from __future__ import annotations

from dataclasses import dataclass

from sayso import lexicon
from sayso.attribution.entities import ANONYMOUS, GPE, ORG, OUTLET, PERSON, ArticleEntities
from sayso.attribution.table import DASHES, TokenTable

_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "another": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12,
    "both": 2, "single": 1,
}
_UNSPECIFIED = {"some", "others", "many", "several", "few", "critics", "observers", "someone", "somebody",
                "skeptics", "opponents", "supporters"}
PRONOUNS = {"he", "she", "they", "i", "we", "him", "her", "them", "it", "you", "who", "which", "that"}
_ORG_NOUNS = {"campaign", "administration", "office", "department", "ministry", "committee", "government",
              "party", "company", "agency", "police", "court", "embassy", "kremlin", "pentagon",
              "council", "commission", "university", "union", "group", "organization", "organisation",
              "foundation", "institute", "center", "team", "staff", "bureau", "house", "senate", "congress",
              "army", "military", "firm", "board", "spokesman", "spokeswoman", "spokesperson"}
_DESCRIPTOR_DEPS = {"prep", "acl", "relcl", "amod"}


@dataclass(frozen=True, slots=True)
class SourceInfo:
    kind: str
    head: int
    anonymous_count: int | None = None
    descriptor: str | None = None


def source_head(t: TokenTable, toks: tuple[int, ...]) -> int:
    if not toks:
        raise ValueError("a source phrase needs at least one token")
    inside = set(toks)
    for k in toks:
        if (t.head[k] not in inside or t.head[k] == k) and not t.is_punct[k]:
            return k
    return toks[-1]


def without_dateline(t: TokenTable, source: tuple[int, ...]) -> tuple[int, ...]:
    """"BRUSSELS - European leaders": a dateline that opens the paragraph is not part of its source."""
    before = source[0] - 1
    while before >= 0 and t.is_space[before] and t.para[before] == t.para[source[0]]:
        before -= 1
    if before >= 0 and t.para[before] == t.para[source[0]]:
        return source
    dash = next((j for j, k in enumerate(source) if t.words[k] in DASHES), None)
    if dash is None:
        return source
    place = [k for k in source[:dash] if not t.is_space[k] and not t.is_punct[k]]
    rest = [k for k in source[dash + 1:] if not t.is_space[k]]
    if not place or not rest or not all(t.words[k].isupper() or t.words[k] == "Reuters" for k in place):
        return source
    return tuple(range(rest[0], source[-1] + 1))


def _count(t: TokenTable, head: int) -> int | None:
    """How many people a source phrase names: "three officials" 3, "a source" 1, "sources" None."""
    total = 0
    known = True
    for h in [head] + [k for k in t.children[head] if t.dep[k] == "conj"]:
        n: int | None = None
        for k in t.children[h]:
            if t.dep[k] in ("nummod", "det", "amod", "quantmod") and t.lower[k] in _NUMBERS:
                n = _NUMBERS[t.lower[k]]
            elif t.dep[k] == "nummod" and t.words[k].isdigit():
                n = int(t.words[k])
        if n is None and t.tag[h] in ("NN", "NNP"):
            n = 1 if any(t.dep[k] == "det" for k in t.children[h]) else None
        if n is None:
            known = False
        else:
            total += n
    return total if known and total else None


def _descriptor(t: TokenTable, head: int) -> str | None:
    parts = []
    for h in [head] + [k for k in t.children[head] if t.dep[k] == "conj"]:
        for k in t.children[h]:
            if t.dep[k] in _DESCRIPTOR_DEPS and k > h and t.dep[k] != "amod":
                toks = t.subtree(k)
                parts.append(t.text[t.starts[toks[0]]:t.ends[toks[-1]]])
    return "; ".join(parts) or None


def classify_source(t: TokenTable, toks: tuple[int, ...], entity_type: str | None) -> SourceInfo:
    """The source kind of the source tokens, given the type of the entity it resolved to (if any)."""
    head = source_head(t, toks)
    word = t.lower[head]
    if entity_type == OUTLET:
        return SourceInfo("outlet", head)
    if entity_type == PERSON:
        return SourceInfo("named_person", head)
    # "officials" heads an anonymous source even when it resolves to their organisation; a name
    # that ends in such a word ("The Charlotte Observer") is still a name.
    # A document an organisation put out speaks for it ("the foreign ministry statement read":
    # tests/fresh/README-h5.md), as an outlet's report speaks for the outlet.
    if entity_type in (ORG, GPE) and (word not in lexicon.words("anonymous") or t.tag[head] == "NNP"):
        return SourceInfo("named_organization", head)
    if word in PRONOUNS:
        return SourceInfo("unspecified", head)
    if word in lexicon.words("documents"):
        return SourceInfo("document", head)
    if word in _UNSPECIFIED and not any(t.ent[k] in ("PERSON", "ORG") for k in toks):
        return SourceInfo("unspecified", head)
    if word in lexicon.words("anonymous") or entity_type == ANONYMOUS:
        count = _count(t, head)
        plural = t.tag[head] in ("NNS", "NNPS") or any(t.dep[k] == "conj" for k in t.children[head])
        kind = "anonymous_group" if (count or 2) > 1 and plural or (count or 1) > 1 else "anonymous_individual"
        return SourceInfo(kind, head, count, _descriptor(t, head))
    partitive = _partitive_people(t, toks, head)
    if partitive is not None:
        count = _NUMBERS.get(word)
        kind = "anonymous_individual" if count == 1 else "anonymous_group"
        return SourceInfo(kind, head, count, _descriptor(t, partitive))
    if entity_type is None and _person_word(t, head) and any(t.ent[k] in ("ORG", "GPE") for k in toks) \
            and not any(t.ent[k] == "PERSON" for k in toks):
        # "Al Arabiya's correspondent", "The AP reporter in attendance": the organisation only says
        # whose; the source is a person the article does not name.
        plural = t.tag[head] == "NNS"
        return SourceInfo("anonymous_group" if plural else "anonymous_individual", head,
                          None if plural else 1, _descriptor(t, head))
    if word in _ORG_NOUNS or any(t.ent[k] in ("ORG", "GPE") for k in toks):
        return SourceInfo("named_organization", head)
    if t.pos[head] == "PROPN":
        return SourceInfo("named_person" if any(t.ent[k] == "PERSON" for k in toks) else "named_organization", head)
    if _counted_people(t, head):
        count = _count(t, head)
        kind = "anonymous_group" if t.tag[head] == "NNS" or (count or 1) > 1 else "anonymous_individual"
        return SourceInfo(kind, head, count, _descriptor(t, head))
    return SourceInfo("unspecified", head)


#: Endings of nouns for people by what they do ("player", "engineer", "investor", "economist").
_AGENT_ENDINGS = ("er", "ers", "or", "ors", "ist", "ists", "ant", "ants", "ent", "ents", "ee", "ees")


def _person_word(t: TokenTable, k: int) -> bool:
    """A common noun for a person by what they do: "correspondent", "reporter", "members" (not
    "number", "papers" or "precedents", which only end as such nouns do)."""
    word = t.lower[k]
    return t.tag[k] in ("NN", "NNS") and word not in lexicon.words("documents") and word not in _ORG_NOUNS | _NOT_PEOPLE \
        and (word.endswith(_PERSON_ENDINGS) or word.rstrip("s") in _PEOPLE_IN_ENT
             or word in lexicon.tagged("person_roles") or word in lexicon.words("anonymous"))


#: Endings of nouns for people by what they do, without "-ent", which ends more things than people.
_PERSON_ENDINGS = ("er", "ers", "or", "ors", "ist", "ists", "ee", "ees")
_PEOPLE_IN_ENT = frozenset({"correspondent", "resident", "student", "agent", "opponent", "proponent", "dissident",
                            "respondent", "constituent", "president", "parent", "client", "patient"})
#: Words that end as a person's do but are none ("Other papers, including The Daily Mail").
_NOT_PEOPLE = frozenset({"paper", "papers", "newspaper", "newspapers", "number", "numbers", "order", "orders",
                         "letter", "letters", "center", "centre", "matter", "matters", "error", "errors"})
#: Heads of a share of people: "one of the CoA members", "the majority of the office bearers".
_SHARES = frozenset(set(_NUMBERS) - {"a", "an", "another", "single"}) | {
    "majority", "number", "half", "percent", "dozens", "hundreds", "thousands"}


def _partitive_people(t: TokenTable, toks: tuple[int, ...], head: int) -> int | None:
    """The people a share is taken of ("members" in "one of the CoA members"), or None: a number or
    "majority" heading the phrase with "of" after it, and a word for people after the "of"."""
    if t.lower[head] not in _SHARES or not any(t.lower[c] == "of" for c in t.children[head] if c in toks):
        return None
    after = [k for k in toks if k > head and _person_word(t, k)]
    return after[-1] if after else None


def _counted_people(t: TokenTable, head: int) -> bool:
    """Unnamed people the text counts: "One player", "a senior staff engineer", "multiple players".

    A reader is told how many, and what they are, but not who: an anonymous source, though no
    word of the anonymous list heads it (rule tests: tests/test_stages.py).
    """
    word = t.lower[head]
    if t.tag[head] not in ("NN", "NNS") or word in lexicon.words("documents") or word in _ORG_NOUNS:
        return False
    if not (word.endswith(_AGENT_ENDINGS) or word in lexicon.tagged("person_roles")):
        return False
    return any(t.dep[k] in ("det", "nummod", "amod", "quantmod") and k < head
               and (t.lower[k] in _NUMBERS or t.lower[k] == "multiple" or t.words[k].isdigit())
               for k in t.children[head])


def is_anonymous_phrase(t: TokenTable, toks: tuple[int, ...], ents: ArticleEntities) -> bool:
    head = source_head(t, toks)
    return ents.at(toks) is None and (t.lower[head] in lexicon.words("anonymous") or t.lower[head] in _UNSPECIFIED)
