"""Stage ``filtering``: drop what is not an attribution of its own, untangle, put in text order.

"..., citing a Ukrainian official" is a citation of the attribution it hangs from (and, for a
reader, the cited source's own attribution of the same words: rule ``citing``), and "declined
to comment" a non-response; two contents that hold each other's cues are cut apart.

Reads ``table``, ``entities``, ``raw_non_responses``, ``attributions_found``.  Replaces
``attributions_found``.
"""

from __future__ import annotations

from dataclasses import replace

from sayso import lexicon
from sayso.attribution.context import ArticleContext
from sayso.attribution.entities import ArticleEntities
from sayso.attribution.extract import RawAttribution, without_orphans
from sayso.attribution.sources import PRONOUNS, classify_source, source_head
from sayso.attribution.speakers import is_described_person
from sayso.attribution.table import TokenTable
from sayso.attribution.tokens import bridged_runs
from sayso.kinds import RULE_NESTED_CONFIDENCE

#: The words of a citation that a cue hangs its cited sources from.
_CITING_WORDS = frozenset({"citing", "quoting"})
_CITING_CUES = _CITING_WORDS | {"cites", "cited"}
_NON_RESPONSE_CUES = {"declined", "refused", "reply", "respond", "responded", "replied", "return", "returned",
                      "comment", "reached"}


def run(ctx: ArticleContext) -> None:
    t, ents = ctx.table, ctx.entities
    non_verbs = {r.verb for r in ctx.raw_non_responses}
    raws = [r for r in ctx.attributions_found
            if not _is_citing_cue(t, ents, r) and not _is_non_response(t, r, non_verbs)]
    raws = without_orphans(t, _without_cues_inside_sources(t, raws))
    raws = _untangle(raws)
    raws.extend(_said_by_the_cited(t, ents, raws))
    raws.sort(key=lambda r: (t.starts[r.content[0][0]], t.starts[r.cue_head]))
    ctx.attributions_found = raws


def cites_a_source(t: TokenTable, ents: ArticleEntities, toks: tuple[int, ...]) -> bool:
    """Whether what is cited is someone or something that speaks ("a Ukrainian official", "him",
    "internal documents"), not a reason ("low economic growth")."""
    entity = ents.at(toks)
    if entity or t.lower[source_head(t, toks)] in PRONOUNS or is_described_person(t, toks):
        return True
    return classify_source(t, toks, None).kind != "unspecified"


def cited_phrases(t: TokenTable, ents: ArticleEntities, c: int) -> list[tuple[int, tuple[int, ...]]]:
    """(citing word, phrase) for each source cue c cites ("..., citing a Ukrainian official")."""
    return [(k, toks) for k in t.children[c] if t.lower[k] in _CITING_WORDS for toks in _cited_by(t, ents, k)]


def _cited_by(t: TokenTable, ents: ArticleEntities, k: int) -> list[tuple[int, ...]]:
    """The sources the citing word k cites."""
    out = []
    for obj in t.children[k]:
        if t.dep[obj] in ("dobj", "pobj", "attr"):
            sub = t.subtree(obj)
            toks = tuple(j for j in sub if not (t.is_punct[j] and j == sub[-1]))
            # A punctuation mark parsed as the object ("citing /") cites no one.
            if any(not t.is_punct[j] for j in toks) and cites_a_source(t, ents, toks):
                out.append(toks)
    return out


def _cited_inside(t: TokenTable, ents: ArticleEntities, r: RawAttribution) -> list[tuple[int, tuple[int, ...]]]:
    """A citation set off by a comma that the parser hung inside the report's content ("said Shell was
    holding talks to acquire BP, citing people familiar with the matter", "CNBC reported, citing
    sources, that Sony is ..."): the report's, by where it stands."""
    words = {j for a, b in r.content for j in range(a, b + 1)}
    last = max(words)
    out = []
    for k in sorted(words | {last + 1, last + 2}):
        if k >= t.n or t.lower[k] not in _CITING_WORDS or t.head[k] not in words or t.head[k] == r.cue_head:
            continue
        j = k - 1
        while j >= 0 and t.is_space[j]:
            j -= 1
        if j >= 0 and t.words[j] == ",":
            out.extend((k, toks) for toks in _cited_by(t, ents, k))
    return out


def _said_by_the_cited(t: TokenTable, ents: ArticleEntities, raws: list[RawAttribution]) -> list[RawAttribution]:
    """Rule ``citing``: "The Wall Street Journal, citing a number of sources, reported that ...": the
    sources are said to have said it too, an attribution of its own under the cue "citing", with
    the report's content.

    A reader counts it (the fresh sets' annotators marked 20 of 26 "citing"/"quoting" this way, in
    16 articles of 13 outlets): it is who the report rests on. PolNeAR marks "citing" with what is
    cited as its content, which the citation already records, so the find is left out of its view
    (``RULE_NESTED_CONFIDENCE``) and the report's own attribution keeps its ``citing``.
    """
    taken = {k for r in raws for k in r.cue}
    out = []
    for r in raws:
        if r.cue_probability == RULE_NESTED_CONFIDENCE:
            continue
        for k, toks in cited_phrases(t, ents, r.cue_head) + _cited_inside(t, ents, r):
            if k not in taken and _speaks(t, toks):
                taken.add(k)
                out.append(RawAttribution(k, (k,), toks, _after_citation(t, r.content, k), RULE_NESTED_CONFIDENCE))
    return out


#: Words of quantity whose "of" names who is cited ("a number of sources", "a group of officials").
_QUANTITY_WORDS = frozenset({"number", "group", "couple", "handful", "dozen", "dozens", "pair", "series"})


def _speaks(t: TokenTable, toks: tuple[int, ...]) -> bool:
    """Whether what is cited is someone or something that says things, by its head word: a name, an
    unnamed source's noun or a document's (lexicon/anonymous.txt, documents.txt), a pronoun; not what
    a citation also gives as a reason ("citing Trump's blue-collar appeal", "citing the release of
    political prisoners", which a citation keeps but no one says the report's words)."""
    head = source_head(t, toks)
    of = next((j for j in t.children[head] if t.lower[j] == "of"), None)
    if t.lower[head] in _QUANTITY_WORDS and of is not None:
        head = next((j for j in t.children[of] if t.dep[j] == "pobj"), head)
    return t.pos[head] == "PROPN" or t.lower[head] in PRONOUNS or t.lower[head] in lexicon.words("anonymous") \
        or t.lower[head] in lexicon.words("documents")


def _after_citation(t: TokenTable, content: tuple[tuple[int, int], ...], k: int) -> tuple[tuple[int, int], ...]:
    """The report's content without its citation, where the models took it in ("reported on Monday,
    [citing three sources,] that ..."): what follows it."""
    cited = set(t.subtree(k))
    words = [j for a, b in content for j in range(a, b + 1)]
    if not any(j in cited for j in words):
        return content
    after = [j for j in words if j > max(cited) and not t.is_space[j]]
    while after and t.is_punct[after[0]]:
        after.pop(0)
    if not after:  # the citation closes the content: what comes before it
        after = [j for j in words if j < min(cited) and not t.is_space[j]]
        while after and t.is_punct[after[-1]]:
            after.pop()
    return tuple(bridged_runs(t, after)) if after else content


def _is_citing_cue(t: TokenTable, ents: ArticleEntities, raw: RawAttribution) -> bool:
    """ "..., citing a Ukrainian official": a source of the attribution it hangs from, kept as a citation.

    What is cited may instead be a reason ("citing low economic growth"): that is an attribution
    of its own (PolNeAR annotates nearly every "citing" as a cue: 30 of 33 on train).
    """
    if t.lower[raw.cue_head] not in _CITING_CUES or t.dep[raw.cue_head] not in ("advcl", "xcomp", "conj"):
        return False
    return cites_a_source(t, ents, tuple(k for a, b in raw.content for k in range(a, b + 1)))


def _is_non_response(t: TokenTable, raw: RawAttribution, verbs: set[int]) -> bool:
    c = raw.cue_head
    return c in verbs or (t.lower[c] in _NON_RESPONSE_CUES and any(
        v in verbs for v in [t.head[c]] + t.children[c]))


def _contains(raw: RawAttribution, k: int) -> bool:
    return any(a <= k <= b for a, b in raw.content)


def _without_cues_inside_sources(t: TokenTable, raws: list[RawAttribution]) -> list[RawAttribution]:
    """Rule ``cue_inside_a_source``: a noun of another attribution's source is not a noun cue.

    "..., inside sources told Axios": "sources" is the head of who told Axios, not a noun cue
    with "inside" as its source and "told Axios" as what was said.  Only nouns: a verb cue
    inside a candidate's wide source span is a clause of its own.
    """
    held = {k for r in raws for k in r.source}
    return [r for r in raws
            if r.cue_head not in held or r.cue_head in r.source or t.pos[r.cue_head] not in ("NOUN", "PROPN")]


def _untangle(raws: list[RawAttribution]) -> list[RawAttribution]:
    """Where two contents hold each other's cues, the later cue is the outer one.

    "Zelensky told Trump that ..., inside sources told Axios": the first
    content must stop where the second attribution's source begins.
    """
    out = list(raws)
    for i, a in enumerate(out):
        for b in out:
            if b.cue_head <= a.cue_head or not (_contains(a, b.cue_head) and _contains(b, a.cue_head)):
                continue
            stop = min([b.cue_head, *b.source])
            runs = tuple((x, min(y, stop - 1)) for x, y in a.content if x < stop)
            if runs:
                a = replace(a, content=runs)
                out[i] = a
    return out
