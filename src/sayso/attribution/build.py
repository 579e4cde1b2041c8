"""Turn a parsed Doc into an ArticleReport: extraction, then resolution and classification.

The order matters and follows the text: attributions are resolved first to
last, so a definite "the sources" can point back to the sources an earlier
attribution cited, and a pronoun to the people named before it.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc

from sayso import lexicon
from sayso.attribution.addressees import find_addressee
from sayso.attribution.dates import published_date
from sayso.attribution.entities import OUTLET, PERSON, ArticleEntities, find_entities
from sayso.attribution.events import EventContext
from sayso.attribution.extract import ACCURATE_THRESHOLDS, RawAttribution, extract
from sayso.attribution.hedges import hedges, on_record
from sayso.attribution.linear import load_linear
from sayso.attribution.nonresponses import RawNonResponse, find_non_responses
from sayso.attribution.provenance import find_provenance
from sayso.attribution.publisher import infer_publisher
from sayso.attribution.sources import PRONOUNS, classify_source, source_head
from sayso.attribution.speakers import (
    anonymous_entity,
    co_speakers,
    is_described_person,
    relative_source,
    resolve_phrase,
)
from sayso.attribution.table import TokenTable, build_table
from sayso.kinds import Mode
from sayso.nlp.quotes import ALL_MARKS
from sayso.records import (
    ANONYMOUS_KINDS,
    UNNAMED_KINDS,
    ArticleReport,
    Attribution,
    Citation,
    Count,
    Entity,
    EntityRef,
    Mention,
    NonResponse,
    SourcingSummary,
    TextSpan,
)

_CITING_WORDS = {"citing", "quoting", "cites", "cited"}
_NON_RESPONSE_CUES = {"declined", "refused", "reply", "respond", "responded", "replied", "return", "returned",
                      "comment", "reached"}


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    publisher: str | None = None
    published: str | None = None
    title: str | None = None


@dataclass
class _Work:
    """One attribution while it is being resolved."""

    raw: RawAttribution
    record: Attribution
    speaker_id: str | None = None
    addressee_id: str | None = None
    citation_ids: list[str] = field(default_factory=list)


def _kind(t: TokenTable, content: tuple[tuple[int, int], ...]) -> str:
    toks = [k for a, b in content for k in range(a, b + 1) if not t.is_punct[k] and not t.is_space[k]]
    if not toks:
        return "indirect"
    quoted = sum(1 for k in toks if t.quote[k] >= 0)
    if quoted == len(toks):
        return "direct"
    if quoted or any(ch in ALL_MARKS for a, b in content for ch in t.text[t.starts[a]:t.ends[b]]):
        return "mixed"
    return "indirect"


def _cue_type(t: TokenTable, c: int) -> str:
    if t.lower[c] == "according":
        return "according_to"
    if t.pos[c] == "PUNCT":
        return "punctuation"
    if t.pos[c] in ("NOUN", "PROPN"):
        return "noun"
    if t.pos[c] in ("VERB", "AUX"):
        return "verb"
    return "other"


def _runs(toks: tuple[int, ...]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for k in toks:
        if runs and runs[-1][1] == k - 1:
            runs[-1] = (runs[-1][0], k)
        else:
            runs.append((k, k))
    return runs


def _text_span(t: TokenTable, runs: list[tuple[int, int]] | tuple[tuple[int, int], ...]) -> TextSpan:
    return TextSpan.of(t.text, [(t.starts[a], t.ends[b]) for a, b in runs])


def _words(t: TokenTable, toks: tuple[int, ...]) -> str:
    return t.text[t.starts[toks[0]]:t.ends[toks[-1]]] if toks else ""


def _cites_a_source(t: TokenTable, ents: ArticleEntities, toks: tuple[int, ...]) -> bool:
    """Whether what is cited is someone or something that speaks ("a Ukrainian official", "him",
    "internal documents"), not a reason ("low economic growth")."""
    entity = ents.at(toks)
    if entity or t.lower[source_head(t, toks)] in PRONOUNS or is_described_person(t, toks):
        return True
    return classify_source(t, toks, None).kind != "unspecified"


def _is_citing_cue(t: TokenTable, ents: ArticleEntities, raw: RawAttribution) -> bool:
    """ "..., citing a Ukrainian official": a source of the attribution it hangs from, kept as a citation.

    What is cited may instead be a reason ("citing low economic growth"): that is an attribution
    of its own (PolNeAR annotates nearly every "citing" as a cue: 30 of 33 on train).
    """
    if t.lower[raw.cue_head] not in _CITING_WORDS or t.dep[raw.cue_head] not in ("advcl", "xcomp", "conj"):
        return False
    return _cites_a_source(t, ents, tuple(k for a, b in raw.content for k in range(a, b + 1)))


def _is_non_response(t: TokenTable, raw: RawAttribution, verbs: set[int]) -> bool:
    c = raw.cue_head
    return c in verbs or (t.lower[c] in _NON_RESPONSE_CUES and any(
        v in verbs for v in [t.head[c]] + t.children[c]))


def _citations(t: TokenTable, ents: ArticleEntities, c: int) -> list[tuple[int, ...]]:
    """The sources cue c cites ("..., citing a Ukrainian official and three other sources")."""
    out = []
    for k in t.children[c]:
        if t.lower[k] in ("citing", "quoting"):
            for obj in t.children[k]:
                if t.dep[obj] in ("dobj", "pobj", "attr"):
                    sub = t.subtree(obj)
                    toks = tuple(j for j in sub if not (t.is_punct[j] and j == sub[-1]))
                    # A punctuation mark parsed as the object ("citing /") cites no one.
                    if any(not t.is_punct[j] for j in toks) and _cites_a_source(t, ents, toks):
                        out.append(toks)
    return out


def _year(published: str | None) -> int | None:
    """The year of a publication date ("2016-09-12", "12 September 2016"), if it names one."""
    m = re.search(r"\b(1[89]\d\d|20\d\d)\b", published or "")
    return int(m.group(1)) if m else None


def _content_entities(t: TokenTable, ents: ArticleEntities, content: tuple[tuple[int, int], ...]) -> set[str]:
    """Who the content names, and so who is unlikely to be its pronoun speaker.

    When the content quotes, only names inside the quotation count: narration
    around a quote ("McCaskill scolded him: '...,' she said") names the speaker.
    """
    tokens = [k for a, b in content for k in range(a, b + 1)]
    if any(t.quote[k] >= 0 for k in tokens):
        tokens = [k for k in tokens if t.quote[k] >= 0]
    found = set()
    for k in tokens:
        e = ents.token_entity.get(k)
        if not e or t.pos[k] != "PROPN" or (
                k + 1 < t.n and ents.token_entity.get(k + 1) == e and t.pos[k + 1] == "PROPN"):
            continue
        # k ends a name. One that only modifies a noun ("A Clinton presidency, she vowed, would
        # ...") does not show that someone else is speaking of that person.
        if t.dep[k] == "compound" and t.pos[t.head[k]] == "NOUN":
            continue
        found.add(e)
    return found


def _quoted_second_person(t: TokenTable, content: tuple[tuple[int, int], ...]) -> bool:
    return any(t.lower[k] in ("you", "your") and t.quote[k] >= 0 for a, b in content for k in range(a, b + 1))


def _resolve(t: TokenTable, ents: ArticleEntities, work: list[_Work]) -> None:
    last_partner: dict[str, str] = {}
    for w in work:
        raw = w.raw
        c = raw.cue_head
        addr_toks = find_addressee(t, c)
        addr_named = ents.at(addr_toks) if addr_toks else None
        speaker = None
        # What identifies the source: its words, or for "who" and "which" what they stand for.
        described = raw.source
        if raw.source:
            exclude = _content_entities(t, ents, raw.content) | ({addr_named} if addr_named else set())
            speaker = resolve_phrase(t, ents, raw.source, exclude)
            relative = relative_source(t, ents, raw.source, exclude) if speaker is None else None
            if relative:
                found, phrase = relative
                kind = classify_source(t, phrase, ents.by_id(found).type if found else None).kind
                # Not "those who", "a story that", "a militant group that": no one in particular.
                if found or kind in ANONYMOUS_KINDS or kind == "document" and t.lower[raw.source[0]] != "who":
                    speaker, described = found, phrase
        speaker_type = ents.by_id(speaker).type if speaker else None
        if speaker_type == PERSON:
            ents.reported_by_person.update(
                k for a, b in raw.content for k in range(a, b + 1) if t.quote[k] < 0)
        info = classify_source(t, described, speaker_type) if described else None
        if described and speaker is None and info and info.kind in UNNAMED_KINDS and \
                t.lower[info.head] not in PRONOUNS and \
                not is_described_person(t, described):
            speaker = anonymous_entity(t, ents, described)
        elif speaker and raw.source and t.lower[raw.source[0]] in ("he", "she", "him", "her"):
            ents.add_mention(speaker, raw.source[0], raw.source[-1])
        addressee = None
        if addr_toks:
            addressee = resolve_phrase(t, ents, addr_toks, {speaker} if speaker else set())
            if addressee and addr_named is None:
                ents.add_mention(addressee, addr_toks[0], addr_toks[-1])
        if addressee is None and speaker and w.record.kind != "indirect" and _quoted_second_person(t, raw.content):
            addressee = last_partner.get(speaker)
        if speaker and addressee:
            last_partner[speaker] = addressee
            last_partner.setdefault(addressee, speaker)
        citations = []
        for toks in _citations(t, ents, c):
            cinfo = classify_source(t, toks, None)
            cid = anonymous_entity(t, ents, toks) if cinfo.kind in UNNAMED_KINDS else (ents.at(toks) or "")
            if cid:
                w.citation_ids.append(cid)
            citations.append(Citation(text=_words(t, toks), source_kind=cinfo.kind,
                                      anonymous_count=cinfo.anonymous_count,
                                      spans=((t.starts[toks[0]], t.ends[toks[-1]]),)))
        kind = info.kind if info else "none"
        others = co_speakers(t, ents, raw.source, speaker) if speaker and raw.source else ()
        if speaker and ents.by_id(speaker).type == PERSON and kind == "unspecified":
            kind = "named_person"
        anonymous = kind in ANONYMOUS_KINDS
        w.speaker_id, w.addressee_id = speaker, addressee
        w.record = replace(
            w.record,
            source_kind=kind,
            anonymous_count=info.anonymous_count if info and anonymous else None,
            anonymous_descriptor=info.descriptor if info and anonymous else None,
            speaker=EntityRef(ents.by_id(speaker).name, speaker) if speaker else None,
            co_speakers=tuple(EntityRef(ents.by_id(o).name, o) for o in others),
            addressee=EntityRef(ents.by_id(addressee).name, addressee) if addressee else None,
            hedges=hedges(t, c),
            on_record=on_record(t, c, anonymous),
            citing=tuple(citations),
        )


def _nest(t: TokenTable, work: list[_Work]) -> None:
    """nested_in: the innermost attribution whose content holds this one's cue."""
    parents: dict[str, str] = {}
    for w in work:
        cue_start = w.record.cue.start
        best: _Work | None = None
        for other in work:
            if other is w:
                continue
            according = other.record.cue_type == "according_to" and t.head[other.raw.cue_head] == w.raw.cue_head
            inside = any(s <= cue_start < e for s, e in other.record.content.spans)
            if not (inside or according):
                continue
            size = sum(e - s for s, e in other.record.content.spans)
            if best is None or size < sum(e - s for s, e in best.record.content.spans):
                best = other
        if best is not None:
            # Never a cycle: walk up from the candidate parent.
            p: str | None = best.record.id
            while p is not None and p != w.record.id:
                p = parents.get(p)
            if p is None:
                parents[w.record.id] = best.record.id
    for w in work:
        if w.record.id in parents:
            w.record = replace(w.record, nested_in=parents[w.record.id])


def _chains(ents: ArticleEntities, work: list[_Work], publisher: str | None) -> None:
    by_id = {w.record.id: w for w in work}
    cited_by: dict[str, _Work] = {}
    for w in work:
        for cid in w.citation_ids:
            cited_by.setdefault(cid, w)
    memo: dict[str, tuple[list[str], bool]] = {}

    def name_of(entity_id: str | None, w: _Work) -> str:
        if entity_id:
            return ents.by_id(entity_id).name
        return w.record.source.text if w.record.source else "(no source given)"

    def prefix(w: _Work, depth: int = 0) -> tuple[list[str], bool]:
        """Relays before this attribution's speaker, and whether any of them is anonymous."""
        if w.record.id in memo:
            return memo[w.record.id]
        path: list[str] = []
        anon = False
        if depth < 8:
            parent = by_id.get(w.record.nested_in or "")
            source_of = cited_by.get(w.speaker_id or "")
            if parent is not None:
                pp, pa = prefix(parent, depth + 1)
                path = pp + [name_of(parent.speaker_id, parent)]
                anon = pa or parent.record.source_kind in ANONYMOUS_KINDS
                if parent.record.citing and parent.speaker_id != w.speaker_id:
                    path += [c.text for c in parent.record.citing]
                    anon = anon or any(c.source_kind in ANONYMOUS_KINDS for c in parent.record.citing)
            elif source_of is not None and source_of is not w:
                pp, pa = prefix(source_of, depth + 1)
                path = pp + [name_of(source_of.speaker_id, source_of)]
                anon = pa
        if w.addressee_id and ents.by_id(w.addressee_id).type == OUTLET:
            outlet = ents.by_id(w.addressee_id).name
            if outlet != publisher and outlet not in path:
                path = path + [outlet]
        memo[w.record.id] = (path, anon)
        return path, anon

    for w in work:
        path, anon = prefix(w)
        speaker = name_of(w.speaker_id, w)
        chain = ([publisher] if publisher else []) + [p for p in path if p != publisher] + [speaker]
        if w.record.citing:
            chain += [c.text for c in w.record.citing]
        anon = anon or w.record.source_kind in ANONYMOUS_KINDS or any(
            c.source_kind in ANONYMOUS_KINDS for c in w.record.citing)
        w.record = replace(w.record, chain=tuple(_dedupe(chain)), rests_on_anonymous=anon)


def _dedupe(items: list[str]) -> list[str]:
    out: list[str] = []
    for x in items:
        if not out or out[-1] != x:
            out.append(x)
    return out


def _contains(raw: RawAttribution, k: int) -> bool:
    return any(a <= k <= b for a, b in raw.content)


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


def _non_response_records(t: TokenTable, ents: ArticleEntities, raws: list[RawNonResponse]) -> list[NonResponse]:
    out = []
    for r in raws:
        who_id = ents.at(r.who) if r.who else None
        to_text = _words(t, r.to) if r.to else None
        to_id = ents.at(r.to) if r.to else None
        if to_id and ents.by_id(to_id).type == OUTLET:
            to_text = ents.by_id(to_id).name
        elif to_text:
            to_text = lexicon.outlets().get(to_text.lower().removeprefix("the "), to_text)
        a, b = r.tokens
        out.append(NonResponse(
            text=t.text[t.starts[a]:t.ends[b]], spans=((t.starts[a], t.ends[b]),),
            who=_words(t, r.who) or None, to=to_text, who_entity_id=who_id,
        ))
    return out


def _entity_records(t: TokenTable, ents: ArticleEntities) -> tuple[Entity, ...]:
    out = []
    for e in ents.entities:
        mentions = tuple(Mention(t.text[t.starts[a]:t.ends[b]], t.starts[a], t.ends[b]) for a, b in sorted(e.mentions))
        out.append(Entity(id=e.id, name=e.name, type=e.type, titles=tuple(e.titles), mentions=mentions))
    return tuple(out)


def _summary(attrs: list[Attribution], non_responses: list[NonResponse], publisher: str | None,
             ents: ArticleEntities) -> SourcingSummary:
    n = len(attrs)
    kinds = Counter(a.source_kind for a in attrs)
    anonymous = sum(1 for a in attrs if a.rests_on_anonymous)
    outlets = {e.name for e in ents.entities if e.type == OUTLET}
    relayed: list[str] = []
    for a in attrs:
        for link in a.chain[:-1] if a.chain else ():
            if link in outlets and link != publisher and link not in relayed:
                relayed.append(link)
        if a.source_kind == "outlet" and a.speaker and a.speaker.name != publisher and a.speaker.name not in relayed:
            relayed.append(a.speaker.name)
    speakers = Counter(s.name for a in attrs if a.speaker for s in (a.speaker, *a.co_speakers))
    return SourcingSummary(
        attributions=n,
        by_source_kind=tuple(Count(k, v) for k, v in kinds.most_common()),
        anonymous=anonymous,
        anonymous_share=round(anonymous / n, 3) if n else 0.0,
        on_record=sum(1 for a in attrs if a.on_record),
        hedged=sum(1 for a in attrs if a.hedges),
        outlets_relayed=tuple(relayed),
        speakers=tuple(Count(k, v) for k, v in speakers.most_common()),
        non_responses=len(non_responses),
    )


#: Seconds of sayso's own work (after the parse) allowed per article.  Real
#: articles need well under a second; the budget only stops pathological
#: input (a megabyte of quotation marks) from holding a batch for minutes.
DEFAULT_TIME_BUDGET = 60.0


def build_report(doc: Doc, meta: ArticleMeta = ArticleMeta(),
                 time_budget: float | None = DEFAULT_TIME_BUDGET, mode: str = "accurate") -> ArticleReport:
    """The report for one parsed article.

    ``mode`` is "fast" (the linear models alone) or "accurate" (mixed with
    the fine-tuned encoder; needs the [accurate] extra).  If finding
    attributions takes longer than ``time_budget`` seconds, the report keeps
    what was found and says so in ``warnings``.
    """
    mode = Mode(mode)
    started = time.monotonic()
    t = build_table(doc)
    if not t.n:
        return ArticleReport(text_length=len(doc.text), publisher=meta.publisher, published=meta.published,
                             title=meta.title)
    deadline = started + time_budget if time_budget is not None else None
    if mode == "accurate":
        from sayso.attribution.neural import accurate_scores

        # The encoder gets half the budget, so that past it the rest of the
        # article is still read by the linear models.
        neural = accurate_scores(t, deadline=started + time_budget / 2 if time_budget is not None else None)
        extraction = extract(t, load_linear("cue"), load_linear("role"), ACCURATE_THRESHOLDS,
                             deadline=deadline, neural=neural)
    else:
        neural = None
        extraction = extract(t, load_linear("cue"), load_linear("role"), deadline=deadline)
    raws = extraction.attributions
    warnings: list[str] = []
    if neural is not None and not neural.encoded.complete:
        warnings.append(
            f"time budget of {time_budget:g} s reached while encoding: the encoder read "
            f"{neural.encoded.encoded:,} of {neural.encoded.chunks:,} chunks of the article; "
            "the rest was scored by the fast mode's models only")
    if not extraction.complete:
        warnings.append(
            f"time budget of {time_budget:g} s reached: {extraction.cues_scored:,} of "
            f"{extraction.cues_found:,} candidate cues were analysed; the attributions of the "
            "rest of the article are missing (is it prose?)")
    ents = find_entities(t, year=_year(meta.published))
    raw_non = find_non_responses(t)
    non_verbs = {r.verb for r in raw_non}
    raws = [r for r in raws if not _is_citing_cue(t, ents, r) and not _is_non_response(t, r, non_verbs)]
    raws = _untangle(raws)
    raws.sort(key=lambda r: (t.starts[r.content[0][0]], t.starts[r.cue_head]))
    work = []
    for n, raw in enumerate(raws, 1):
        source = _text_span(t, [(raw.source[0], raw.source[-1])]) if raw.source else None
        record = Attribution(
            id=f"a{n}", cue=_text_span(t, _runs(raw.cue)), content=_text_span(t, raw.content), source=source,
            kind=_kind(t, raw.content), cue_type=_cue_type(t, raw.cue_head),
            confidence=round(raw.cue_probability, 3),
        )
        work.append(_Work(raw, record))
    _resolve(t, ents, work)
    _nest(t, work)
    publisher, evidence = meta.publisher, None
    if publisher is None:
        relays = {w.speaker_id for w in work if w.speaker_id} | {w.addressee_id for w in work if w.addressee_id}
        inferred = infer_publisher(t, ents, {r for r in relays if r})
        if inferred:
            publisher, evidence = inferred
    _chains(ents, work, publisher)
    entities = _entity_records(t, ents)
    sentences = [(t.starts[a], t.ends[b]) for a, b in t.sent_bounds]
    attributions = [w.record for w in work]
    event_context = EventContext(t.text, sentences, entities, publisher, published_date(meta.published),
                                 contents=[s for a in attributions for s in a.content.spans])
    provenance = find_provenance(t.text, sentences, attributions, entities, publisher, event_context)
    attributions = list(provenance.attributions)
    non_responses = _non_response_records(t, ents, raw_non)
    summary = replace(_summary(attributions, non_responses, publisher, ents), by_basis=provenance.by_basis,
                      rests_on=provenance.rests_on)
    return ArticleReport(
        text_length=len(doc.text),
        attributions=tuple(attributions),
        non_responses=tuple(non_responses),
        entities=entities,
        sourcing_summary=summary,
        events=provenance.events,
        publisher=publisher,
        publisher_evidence=evidence,
        published=meta.published,
        title=meta.title,
        warnings=tuple(warnings),
    )
