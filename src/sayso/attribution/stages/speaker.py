"""Step ``speaker``: who the source is (sayso.attribution.speakers' sieves), else an anonymous source.

Adds ``speaker_id``, ``speaker_rule``, ``described`` and ``source_info`` to the work item and
``speaker``/``speaker_rule`` to the record; adds a pronoun's mention and anonymous sources to the
entity store.
"""

from __future__ import annotations

from dataclasses import replace

from sayso import lexicon
from sayso.attribution.context import ArticleContext, AttributionWork
from sayso.attribution.entities import (
    GPE,
    ORG,
    OTHER_OFFICE,
    OUTLET,
    PERSON,
    ArticleEntities,
    EntityDraft,
    title_words,
)
from sayso.attribution.sources import PRONOUNS, SourceInfo, classify_source, source_head
from sayso.attribution.speakers import (
    AGENT_ENDINGS,
    ORG_ROLES,
    Resolution,
    gender,
    has_role,
    is_described_person,
    record_anonymous_source,
    relative_source,
    resolve_description,
    resolve_source,
)
from sayso.attribution.table import TokenTable
from sayso.records import ANONYMOUS_KINDS, UNNAMED_KINDS, EntityRef

#: The rule the speaker step adds to the sieves (sayso.attribution.speakers.SIEVES) and
#: record_anonymous_source's: "[two Pentagon officials], who", a relative pronoun's described antecedent.
RELATIVE_CLAUSE = "relative_clause"
#: "the Axios report said", "A Global News report cited": a document an outlet or organisation
#: the article names put out speaks for it.
DOCUMENT_OWNER = "document_owner"
#: "An OpenAI spokesperson", "a spokesman for the Washington Post": an unnamed spokesperson speaks
#: on the record for the organisation, which is the speaker (tests/fresh/README-a.md, README-c.md).
SPOKESPERSON = "spokesperson"
#: "Shell denied ... '...,' a spokesperson added": a spokesperson the phrase gives no organisation
#: for speaks for the organisation or outlet that spoke in the attribution just before.
SPOKESPERSON_LAST_SPEAKER = "spokesperson.last_speaker"
#: "The association said ... It also urged ...", "Axios reported ... it added": "it" as the source
#: is the organisation or outlet that spoke in the attribution just before, a sentence or two back.
IT_LAST_SPEAKER = "pronoun.it_last_speaker"
#: "Clarkson released a statement saying ... '...,' it read": "it" as the source is the document
#: the attribution just before had as its source, and speaks for that attribution's speaker.
IT_LAST_DOCUMENT = "pronoun.it_last_document"
#: "The Journal reported that people briefed on the intrusion said ... It quoted them as saying":
#: "it" is no group of people, so the attribution just before is the last one not spoken by one.
IT_PAST_GROUP = "pronoun.it_past_group"
#: Verbs by which a speaker puts out a document of its own.
_ISSUING_VERBS = frozenset({"released", "releases", "issued", "issues", "published", "publishes", "posted",
                            "posts", "sent", "sends", "put"})
#: "Axios reported ... The report continues by saying ...": "the report", "the story", "the article",
#: whose owner the phrase does not name, are the outlet's that spoke in the attribution just before.
LAST_OUTLET_REPORT = "document_owner.last_outlet"
_OUTLET_DOCUMENTS = frozenset({"report", "story", "article"})
#: "The Times swiftly withdrew a story ... The piece alleged": ``_outlet_of_document``.
OUTLET_DOCUMENT = "document_owner.outlet_named"
#: "The club insisting ... The short statement read", "the Prime Minister's Office said ... the
#: statement read": "the statement", whose owner the phrase does not name, is the one put out by
#: whoever spoke in the attribution just before (tests/fresh/README-h5.md: statements resolve to
#: their issuer).
LAST_SPEAKER_STATEMENT = "document_owner.last_speaker"
_ISSUED_DOCUMENTS = frozenset({"statement", "release", "announcement"})
#: "A media report earlier claimed ... A media report claimed", "an internal NYPD memo ... the memo
#: said": a document no one in the text is said to own is the source itself, named by its phrase,
#: and "the report" after it is the same document (tests/fresh/README-h5.md, FORMAT.md).
UNOWNED_DOCUMENT = "unowned_document"
#: Pronoun rules that reach past the last sentences or past who is named at all.
_FAR_PRONOUN_RULES = frozenset({"pronoun.far_subject", "pronoun.gender", "pronoun.story_subject",
                                "pronoun.nobody"})
#: "Paul pitched Elon Musk ..., he told reporters": ``_reported_subject``.
REPORTED_SUBJECT = "pronoun.reported_subject"
#: "Tom Swarbrick asked Mr Taylor if ... '...,' he said": ``_the_one_asked``.
ANSWER_TO_QUESTION = "pronoun.answer_to_question"
#: "Bloomberg eyeing WSJ or WaPo: report", "Government denies report that ...": a headline's "report"
#: that names no one is the report of the outlet the body has report it (``_outlet_of_document``), or
#: of the one outlet the body cites (``_only_outlet_cited``).
HEADLINE_REPORT = "document_owner.headline_report"
#: "Asked by Andrew Marr ..., Mr Gove replied ... Asked if he knows ..., he again said": ``_earlier_asker``.
EARLIER_ASKER = "asked.earlier_asker"
_ASKER_LOOKBACK_SENTENCES = 4
#: A cue with no source found, whose own subject (or inverted name: "Adds Trump:") is the speaker;
#: the rule is this prefix and the sieve's ("cue_subject.mention.name").
CUE_SUBJECT = "cue_subject"
#: How many sentences back "it" looks for the organisation that spoke.
_IT_LOOKBACK_SENTENCES = 2
#: "Watson's agent says ... Watson's agent, David Mulugheta, has informed ...", a headline's "Saudi
#: foreign minister calls for ..." before the body's "Saudi Foreign Minister Prince Faisal bin Farhan":
#: a description that fits no one named before it is the one person the article names later with
#: the same role (a title before the name, or the name in apposition to the role).
NAMED_LATER = "described.named_later"
_PERSON_ROLES = frozenset(lexicon.tagged("person_roles")) | lexicon.words("titles")
_KIN_ROLES = lexicon.with_tag("person_roles", "kin")
#: "A Hong Kong journalist group said ... the Hong Kong Journalists Association": ``_organisation_named_later``.
ORG_NAMED_LATER = "described.organisation_named_later"
#: Words by which a sentence says its source is kept unnamed.
_ANONYMITY = frozenset({"anonymity", "anonymous", "anonymously", "unnamed", "unidentified"})
_SPOKESPEOPLE = {"spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen", "spokeswomen"}


def run(ctx: ArticleContext, w: AttributionWork) -> None:
    t, ents, raw = ctx.table, ctx.entities, w.raw
    speaker, rule = None, None
    # What identifies the source: its words, or for "who" and "which" what they stand for; with no
    # source found, the cue's own subject ("Adds Trump:", "he's clearly indicated he's ...").
    source = raw.source or _cue_subject(t, ents, raw.cue_head, raw.content)
    described = source
    if source:
        exclude = _content_entities(t, ents, raw.content) | ({w.addressee_named} if w.addressee_named else set())
        resolution = resolve_source(t, ents, source, exclude)
        if resolution.rule in _FAR_PRONOUN_RULES and not any(t.quote[k] >= 0 for a, b in raw.content
                                                             for k in range(a, b + 1)):
            resolution = _reported_subject(t, ents, source, exclude, w) or resolution
        speaker, rule = resolution.entity, resolution.rule
        if speaker and rule.startswith("pronoun."):
            asked = _the_one_asked(t, ents, source, speaker)
            if asked:
                speaker, rule = asked, ANSWER_TO_QUESTION
        if not raw.source:
            rule = f"{CUE_SUBJECT}.{rule}"
        relative = relative_source(t, ents, raw.source, exclude) if speaker is None and raw.source else None
        if relative:
            found, phrase = relative
            kind = classify_source(t, phrase, ents.by_id(found).type if found else None).kind
            # Not "those who", "a story that", "a militant group that": no one in particular.
            if found or kind in ANONYMOUS_KINDS or kind == "document" and t.lower[raw.source[0]] != "who":
                speaker, described, rule = found, phrase, RELATIVE_CLAUSE
    # (Not "it was unclear": there "it" stands for nothing.)
    if speaker is None and [t.lower[k] for k in raw.source] == ["it"] and t.pos[raw.cue_head] == "VERB":
        speaker = _last_organisation_speaker(ctx, w)
        rule = IT_LAST_SPEAKER if speaker else rule
        if speaker is None:
            speaker = _last_organisation_speaker(ctx, w, past_groups=True)
            rule = IT_PAST_GROUP if speaker else rule
        if speaker is None:
            speaker = _last_document_speaker(ctx, w)
            rule = IT_LAST_DOCUMENT if speaker else rule
    if speaker is None and described:
        owner, owner_rule = _document_owner(t, ents, described), DOCUMENT_OWNER
        if owner is None and _outlet_document(t, described):
            owner, owner_rule = _last_organisation_speaker(ctx, w, (OUTLET,)), LAST_OUTLET_REPORT
        if owner is None and _outlet_document(t, described, headline_bare=True):
            owner, owner_rule = _outlet_of_document(t, ents, described), OUTLET_DOCUMENT
        if owner is None and _outlet_document(t, described, nouns=_ISSUED_DOCUMENTS):
            last = _attribution_just_before(ctx, w)
            if last is not None and ents.by_id(last.speaker_id).type in (ORG, OUTLET, PERSON, GPE):
                owner, owner_rule = last.speaker_id, LAST_SPEAKER_STATEMENT
        named_later = _named_later(t, ents, described) if owner is None else None
        if owner is None and named_later is None:
            named_later = _organisation_named_later(t, ents, described)
        if owner is not None:
            speaker, rule = owner, owner_rule
        elif named_later is not None:
            speaker, rule = named_later, NAMED_LATER if ents.by_id(named_later).type == PERSON else ORG_NAMED_LATER
        else:
            owner = _spokesperson_for(t, ents, described)
            if owner is not None:
                speaker, rule = owner, SPOKESPERSON
            elif _bare_spokesperson(t, described):
                owner = _last_organisation_speaker(ctx, w)
                speaker, rule = (owner, SPOKESPERSON_LAST_SPEAKER) if owner else (speaker, rule)
    if speaker is None and not raw.source:
        speaker = _earlier_asker(t, ents, raw.cue_head)
        rule = EARLIER_ASKER if speaker else rule
    headline_report = speaker is None and not raw.source and _headline_report(t, raw.cue_head)
    if headline_report:
        speaker = _outlet_of_document(t, ents, (raw.cue_head,)) or _only_outlet_cited(ctx)
        rule = HEADLINE_REPORT if speaker else rule
    speaker_type = ents.by_id(speaker).type if speaker else None
    if speaker_type == PERSON:
        ents.mark_reported_by_person(k for a, b in raw.content for k in range(a, b + 1) if t.quote[k] < 0)
    info = classify_source(t, described, speaker_type) if described else None
    if headline_report and speaker:
        info = SourceInfo("outlet", raw.cue_head)
    if rule in (SPOKESPERSON, SPOKESPERSON_LAST_SPEAKER) and info is not None:
        # On the record for the organisation, though unnamed: the organisation speaks.
        info = replace(info, kind="outlet" if speaker_type == OUTLET else "named_organization",
                       anonymous_count=None, descriptor=None)
    if described and speaker is None and info and info.kind in UNNAMED_KINDS and \
            t.lower[info.head] not in PRONOUNS and \
            not is_described_person(t, described):
        anonymous = record_anonymous_source(t, ents, described)
        speaker, rule = anonymous.entity, anonymous.rule
    elif described and speaker is None and info and info.kind == "document" and _names_one_document(t, described):
        document = record_anonymous_source(t, ents, described, rule=UNOWNED_DOCUMENT)
        speaker, rule = document.entity, document.rule
    elif speaker and source and t.lower[source[0]] in ("he", "she", "him", "her"):
        ents.add_mention(speaker, source[0], source[-1])
    w.speaker_id, w.described, w.source_info = speaker, described, info
    w.speaker_rule = rule if speaker else None
    w.record = replace(w.record, speaker=EntityRef(ents.by_id(speaker).name, speaker) if speaker else None,
                       speaker_rule=w.speaker_rule)


def _reported_subject(t: TokenTable, ents: ArticleEntities, source: tuple[int, ...], exclude: set[str],
                      w: AttributionWork) -> Resolution | None:
    """ "An infamous deficit hawk, Paul pitched Elon Musk on ..., he told reporters": a pronoun that
    finds nobody near but the people its own paraphrase names is the one of them it would find
    (rule ``pronoun.reported_subject``): a paraphrase keeps the speaker's name where a quotation says
    "I", so the rule that its people are someone else's subject holds for quotations only."""
    named = exclude - ({w.addressee_named} if w.addressee_named else set())
    again = resolve_source(t, ents, source, exclude - named)
    if again.entity in named and again.rule not in _FAR_PRONOUN_RULES:
        return Resolution(again.entity, REPORTED_SUBJECT)
    return None


def _the_one_asked(t: TokenTable, ents: ArticleEntities, source: tuple[int, ...], asker: str) -> str | None:
    """ "Tom Swarbrick asked Mr Taylor if the government were 'lying' ... '...,' he said": a pronoun
    the sieves took for someone who asked a person something in the sentence just before stands for
    the one asked, who answers (of the pronoun's gender, when the name tells)."""
    p = source[0]
    if t.lower[p] not in ("he", "she") or t.sent[p] == 0:
        return None
    first, last = t.sent_bounds[t.sent[p] - 1]
    for k in range(first, last + 1):
        if t.lower[k] != "asked" or t.pos[k] != "VERB" or not any(
                ents.token_entity.get(c) == asker and t.dep[c] == "nsubj" for c in t.children[k]):
            continue
        asked = next((ents.token_entity[c] for c in t.children[k] if t.dep[c] == "dobj"
                      and ents.token_entity.get(c) not in (None, asker)), None)
        if asked and ents.by_id(asked).type == PERSON and gender(ents.by_id(asked)) in (
                None, "m" if t.lower[p] == "he" else "f"):
            return asked
    return None


def _earlier_asker(t: TokenTable, ents: ArticleEntities, cue: int) -> str | None:
    """ "Asked by Andrew Marr on the BBC if he leaked the information, Mr Gove replied ... Asked if he
    knows who did leak it, he again said": an "asked" that says not by whom continues the interview
    an "asked by" a few sentences before named; the one who asked then asks again."""
    if t.lower[cue] != "asked" or t.tag[cue] != "VBN" or any(t.dep[c] == "agent" for c in t.children[cue]):
        return None
    for k in range(cue - 1, -1, -1):
        if t.sent[cue] - t.sent[k] > _ASKER_LOOKBACK_SENTENCES:
            return None
        if t.lower[k] != "asked":
            continue
        agent = next((c for c in t.children[k] if t.dep[c] == "agent"), None)
        asker = next((ents.token_entity[g] for g in t.children[agent] if t.dep[g] == "pobj"
                      and g in ents.token_entity), None) if agent is not None else None
        if asker is not None:
            return asker
    return None


def _cue_subject(t: TokenTable, ents: ArticleEntities, cue: int,
                 content: tuple[tuple[int, int], ...]) -> tuple[int, ...]:
    """The source a cue's own grammar gives when none was found: the name right after a cue that
    opens its sentence and before a colon or comma ("Adds Trump: ...", "Said Trump: ..."), or a name
    or personal pronoun the parser made the subject of a passive for a contracted "has" ("he's
    clearly indicated he's considering it").  Not any subject: where the models found none, a
    subject is often the writer's topic ("Mr. Rubio appears to be on the upswing"), and never one
    the content holds."""
    for k in t.children[cue]:
        if any(a <= k <= b for a, b in content):
            continue
        contracted_has = t.dep[k] == "nsubjpass" and t.tag[cue] == "VBN" and any(
            t.dep[c] == "auxpass" and t.lower[c] in ("'s", "\u2019s") for c in t.children[cue])
        if contracted_has and (k in ents.token_entity or t.lower[k] in _SUBJECT_PRONOUNS):
            mention = next(((a, b) for a, b in ents.by_id(ents.token_entity[k]).mentions if a <= k <= b),
                           (k, k)) if k in ents.token_entity else (k, k)
            return tuple(range(mention[0], mention[1] + 1))
    first = t.sent_bounds[t.sent[cue]][0]
    if any(not t.is_punct[k] and not t.is_space[k] for k in range(first, cue)):
        return ()
    named = ents.token_entity.get(cue + 1)
    if named is None:
        return ()
    end = max(b for a, b in ents.by_id(named).mentions if a <= cue + 1 <= b)
    return tuple(range(cue + 1, end + 1)) if end + 1 < t.n and t.words[end + 1] in (":", ",") else ()


_SUBJECT_PRONOUNS = frozenset({"he", "she", "they"})


def _headline_report(t: TokenTable, cue: int) -> bool:
    """A headline's "report" that names no one: "Bloomberg eyeing WSJ or WaPo: report", "Government
    denies report that ..."."""
    return cue < t.body_token and t.lower[cue] in ("report", "reports", "story")


def _only_outlet_cited(ctx: ArticleContext) -> str | None:
    """The one outlet other than the publisher the body names ("According to The Sunday Times, which
    reported ..."), whose report a headline's bare "report" is."""
    t, ents = ctx.table, ctx.entities
    publisher = (ctx.meta.publisher or "").lower().removeprefix("the ")
    cited = {e.id for e in ents.entities if e.type == OUTLET and any(a >= t.body_token for a, _ in e.mentions)
             and e.name.lower().removeprefix("the ") != publisher}
    return cited.pop() if len(cited) == 1 else None


def _outlet_document(t: TokenTable, source: tuple[int, ...], headline_bare: bool = False,
                     nouns: frozenset[str] = _OUTLET_DOCUMENTS) -> bool:
    """ "The report", "the story": a definite outlet's document with no owner in the phrase (given
    ``headline_bare``, also "the piece", and a headline's bare "Report"; given ``nouns``, a definite
    document of those nouns: "the statement")."""
    head = source_head(t, source)
    nouns = nouns | {"piece"} if headline_bare else nouns
    definite = t.lower[source[0]] == "the" or headline_bare and head < t.body_token and source == (head,)
    return t.lower[head] in nouns and definite and not any(
        t.dep[k] in ("compound", "poss", "prep") for k in t.children[head] if k in source)


def _names_one_document(t: TokenTable, source: tuple[int, ...]) -> bool:
    """ "a news report", "the memo", "The lawsuit": a phrase that points at one document, not bare
    "reports" or "multiple reports", which name no document in particular (kind left as found)."""
    head = source_head(t, source)
    determined = any(t.dep[k] in ("det", "poss") and t.lower[k] not in _SOME for k in t.children[head] if k in source)
    return t.tag[head] == "NN" or determined


#: Determiners that leave which documents open ("some reports").
_SOME = frozenset({"some", "many", "several", "multiple", "other", "numerous"})


def _outlet_of_document(t: TokenTable, ents: ArticleEntities, source: tuple[int, ...]) -> str | None:
    """Whose "the story" or "the piece" is when no outlet spoke just before: the outlet the article
    says put out a document ("The Times swiftly withdrew a story ... The piece alleged", "Axios
    published an article ..."), the nearest before it; for a headline's, the first in the body; or,
    when the article names one such outlet only, that one wherever it is named ("Trump Denies Report That Claimed ...", above a body that
    says which outlet's report it was)."""
    owned = _outlet_documents(t, ents)
    zone = t.body_token if source[0] >= t.body_token else 0
    before = [(k, o) for k, o in owned if zone <= k < source[0]]
    if before:
        return max(before)[1]
    outlets = {o for _, o in owned}
    if len(outlets) > 1 and zone == 0 and source[0] < t.body_token:
        # A headline's report is the one the body reports first, as a headline sums up the lede
        # ("Government denies report that ..." above "a Bloomberg report ... The Hindu reported").
        return min(owned)[1]
    return outlets.pop() if len(outlets) == 1 else None


def _outlet_documents(t: TokenTable, ents: ArticleEntities) -> list[tuple[int, str]]:
    """Each document noun whose outlet the text gives, with that outlet: "the Axios report", "Reuters'
    story", "the story by Axios", "Axios published an article", "The Times withdrew a story"; and
    each "<outlet> reported"."""
    def outlet(k: int) -> str | None:
        found = ents.token_entity.get(k)
        return found if found and ents.by_id(found).type == OUTLET else None

    out = []
    for k in range(t.n):
        owner = None
        if t.lower[k] in _OUTLET_DOCUMENTS | {"piece"} and t.pos[k] == "NOUN":
            owner = next((o for c in t.children[k] if t.dep[c] in ("compound", "poss") and (o := outlet(c))), None)
            for c in t.children[k]:
                if owner is None and t.dep[c] == "prep" and t.lower[c] in ("by", "from", "in"):
                    owner = next((o for g in t.children[c] if t.dep[g] == "pobj" and (o := outlet(g))), None)
            verb = t.head[k]
            if owner is None and t.dep[k] == "dobj":
                owner = next((o for c in t.children[verb] if t.dep[c] == "nsubj" and (o := outlet(c))), None)
        elif t.lower[k] == "reported" and t.pos[k] == "VERB":
            owner = next((o for c in t.children[k] if t.dep[c] == "nsubj" and (o := outlet(c))), None)
        if owner:
            out.append((k, owner))
    return out


def _last_organisation_speaker(ctx: ArticleContext, w: AttributionWork,
                               types: tuple[str, ...] = (ORG, OUTLET), past_groups: bool = False) -> str | None:
    """The organisation or outlet (``types``) that spoke in the attribution before w, when it was no
    more than ``_IT_LOOKBACK_SENTENCES`` back (a person in between: "it" is something else); with
    ``past_groups``, passing over attributions a group of people spoke."""
    last = _attribution_just_before(ctx, w, past_groups)
    return last.speaker_id if last and ctx.entities.by_id(last.speaker_id).type in types else None


def _attribution_just_before(ctx: ArticleContext, w: AttributionWork,
                             past_groups: bool = False) -> AttributionWork | None:
    """The resolved attribution whose cue comes last before w's, when it is no more than
    ``_IT_LOOKBACK_SENTENCES`` back; with ``past_groups``, not one spoken by an unnamed group."""
    t = ctx.table
    before = [other for other in ctx.work if other.raw.cue_head < w.raw.cue_head and other.speaker_id
              and not (past_groups and other.source_info is not None
                       and other.source_info.kind == "anonymous_group")]
    if not before:
        return None
    last = max(before, key=lambda other: other.raw.cue_head)
    return None if t.sent[w.raw.cue_head] - t.sent[last.raw.cue_head] > _IT_LOOKBACK_SENTENCES else last


def _last_document_speaker(ctx: ArticleContext, w: AttributionWork) -> str | None:
    """Whose document "it" is: the speaker of the attribution before w, a sentence or two back,
    when it spoke through a document: its source ("The ad says"), what its cue hangs from ("a
    statement saying"), the object of the verb it hangs from ("released a statement ... saying") or
    of a cue that puts one out ("released a statement"); not a document it only cites ("Salceda
    cited a 2001 memorandum ... It says"), whose author is someone else.  "Clarkson ... released a statement
    saying he was shocked ... '...,' it read"."""
    t = ctx.table
    last = _attribution_just_before(ctx, w)
    if last is None:
        return None
    cue = last.raw.cue_head
    # "a statement saying", or "released a statement ... saying" (the cue hangs from the verb).
    holder = t.head[cue]
    carriers = {holder} if t.dep[cue] == "acl" else {
        c for c in t.children[holder] if t.dep[c] == "dobj"} if t.dep[cue] == "advcl" and holder != cue else set()
    if t.lower[cue] in _ISSUING_VERBS:  # "released a statement": its own, as "cited a memo" is not
        carriers |= {c for c in t.children[cue] if t.dep[c] == "dobj"}
    if last.raw.source:
        carriers.add(source_head(t, last.raw.source))
    documents = lexicon.words("documents")
    return last.speaker_id if any(t.lower[k] in documents and t.pos[k] == "NOUN" for k in carriers) else None


def _named_later(t: TokenTable, ents: ArticleEntities, source: tuple[int, ...]) -> str | None:
    """The one person first named after this description who is given its role noun: "agent" in
    "Watson's agent, David Mulugheta", "minister" in "Saudi Foreign Minister Prince Faisal bin
    Farhan", "reporter" in "Axios reporter Jonathan Swan", "adviser" in "Kim Tae-hyo, principal
    deputy national security adviser" (``speakers.roles_beside``); for "the agency's chief" or
    "NHS leader", whoever the article names as heading something ("FAA Administrator Steve
    Dickson"): news often describes its speaker first and names them a sentence later.  "The
    former vice president" needs a vice president; "the president" is not one."""
    head = source_head(t, source)
    role = t.lower[head]
    if t.tag[head] != "NN" and not (t.tag[head] == "NNP" and role in _PERSON_ROLES):
        return None
    if role not in _PERSON_ROLES and not role.endswith(AGENT_ENDINGS):
        return None
    if any(t.tag[k] == "CD" for k in source):
        return None  # "Another 19 percent": a share of people, not a person
    first, last = t.sent_bounds[t.sent[head]]
    if any(t.lower[k] in _ANONYMITY for k in range(first, last + 1)):
        return None  # "a senior official, who spoke on the condition of anonymity": no one to name
    offices = {t.lower[k] for k in source} & OTHER_OFFICE
    # "A national security adviser", or a headline's bare "security adviser" (a headline drops its
    # articles), fits a deputy adviser too when no one holds the office itself.
    indefinite = t.lower[source[0]] in ("a", "an") or head < t.body_token and not any(
        t.dep[k] == "det" for k in source)
    # "A senior official" is anyone's word for an unnamed source; "a national security adviser"
    # names an office, when the person's role has its nouns too.
    # (A place says whose office, not which: "A South Korea's national security adviser".)
    needed = frozenset(t.lower[k] for k in source if k != head and t.tag[k] in ("NN", "NNS", "NNP", "NNPS")
                       and t.ent[k] not in ("GPE", "NORP"))
    anonymous_role = role in lexicon.words("anonymous")

    def given_role(e: EntityDraft, loose: bool) -> bool:
        # "Watson's agent, David Mulugheta": the name in apposition to the role before it.
        nouns = [t.lower[t.head[h]] for h in (source_head(t, tuple(range(a, b + 1))) for a, b in e.mentions)
                 if t.dep[h] == "appos" and t.head[h] < h]
        # "Axios reporter Jonathan Swan": a role noun right before the name, which is no title word.
        nouns += [t.lower[a - 1] for a, b in e.mentions if a > 0 and t.dep[a - 1] == "compound"
                  and a <= t.head[a - 1] <= b and t.tag[a - 1] == "NN"]
        if role in nouns and not offices or any(role in words and set(words) & OTHER_OFFICE == offices
                                                for words in map(title_words, e.titles)):
            return True
        # (Not a relative, who is always someone's: "the father of a slain soldier".)
        return (not anonymous_role or bool(needed)) and role not in _KIN_ROLES and has_role(
            t, e, role, offices, loose, needed if anonymous_role else frozenset())

    # (Named after the whole phrase: "His appointment of James Zogby" is no description of Zogby.)
    later = [e for e in ents.entities if e.type == PERSON and e.mentions[0][0] > source[-1]]
    for loose in (False, True) if indefinite else (False,):
        found = [e.id for e in later if given_role(e, loose)]
        if found:
            return found[0] if len(found) == 1 else None
    return None


def _organisation_named_later(t: TokenTable, ents: ArticleEntities, source: tuple[int, ...]) -> str | None:
    """ "A Hong Kong journalist group said ... 'The Hong Kong Journalists Association is very
    concerned,' the association said": an organisation described by kind before the article names
    it is the one organisation first named later whose name holds every word of the description."""
    head = source_head(t, source)
    if t.lower[head] not in ORG_ROLES or t.lower[source[0]] not in ("a", "an"):
        return None
    words = {t.lower[k].rstrip("s") for k in source if k != head and t.pos[k] in ("PROPN", "NOUN", "ADJ")}
    if not words:
        return None
    found = [e.id for e in ents.entities if e.type in (ORG, OUTLET) and e.mentions and e.mentions[0][0] > head
             and words <= {w.lower().rstrip("s") for w in e.name.split()}]
    return found[0] if len(found) == 1 else None


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


def _document_owner(t: TokenTable, ents: ArticleEntities, source: tuple[int, ...]) -> str | None:
    """The outlet or organisation whose document the source is ("the Axios report", "Reuters' story",
    "a report in The Washington Post", "The police release"): a name, or a description of an
    organisation, compounded with, owning, or after "in", "by" or "from" a document noun that heads
    the source."""
    head = source_head(t, source)
    if t.lower[head] not in lexicon.words("documents"):
        return None
    for k in t.children[head]:
        # (The tagger takes some outlets' names for adjectives: "the Axios report".)
        if k in source and k < head and t.dep[k] in ("compound", "poss", "amod", "nmod") and t.words[k][:1].isupper():
            found = ents.token_entity.get(k)
            if found and ents.by_id(found).type in (OUTLET, ORG):
                return found
        # "The police release said": the release of whichever police force "the police" is.
        if k in source and k < head and t.dep[k] == "compound" and t.lower[k] in ORG_ROLES and k not in ents.token_entity:
            det = tuple(c for c in t.children[head] if t.dep[c] == "det")
            found = resolve_description(t, ents, (*det, k), k, set())
            if found and ents.by_id(found).type in (OUTLET, ORG):
                return found
        # "a report in The Washington Post", "a report by Reuters"
        if k in source and k > head and t.dep[k] == "prep" and t.lower[k] in ("in", "by", "from"):
            for obj in t.children[k]:
                found = ents.token_entity.get(obj) if t.dep[obj] == "pobj" else None
                if found and ents.by_id(found).type in (OUTLET, ORG):
                    return found
    return None


def _bare_spokesperson(t: TokenTable, source: tuple[int, ...]) -> bool:
    """ "a spokesperson", "the spokeswoman": a spokesperson with nothing in the phrase but a
    determiner or an adjective, so no owner ("A machinists spokesman" and "an ICE spokeswoman" have
    one, which the parse may not tie to an entity)."""
    head = source_head(t, source)
    return t.lower[head] in _SPOKESPEOPLE and all(t.pos[k] in ("DET", "ADJ") for k in source if k != head)


def _organisation_at(t: TokenTable, ents: ArticleEntities, k: int, types: tuple[str, ...] = (OUTLET, ORG)) -> str | None:
    """The outlet or organisation the token is a mention of, or whose one-word name it is (the
    recogniser misses some mentions: "An OpenAI spokesperson")."""
    found = ents.token_entity.get(k)
    if found is None:
        found = next((e.id for e in ents.entities if e.name.lower() == t.lower[k]), None)
    return found if found and ents.by_id(found).type in types else None


def _spokesperson_for(t: TokenTable, ents: ArticleEntities, source: tuple[int, ...]) -> str | None:
    """The organisation an unnamed spokesperson speaks for: "An OpenAI spokesperson", "the Post's
    spokesman", "a spokesperson for the Washington Post" (not a person's: "Mueller's spokesman")."""
    head = source_head(t, source)
    if t.lower[head] not in _SPOKESPEOPLE:
        return None
    inside = set(source)
    for k in t.children[head]:
        if k not in inside:
            continue
        if k < head and t.dep[k] in ("compound", "poss", "amod", "nmod") and t.words[k][:1].isupper():
            # A country's spokesman speaks for its government ("Azerbaijan's foreign ministry
            # spokesman"); not so a place that only qualifies a name after "for" ("a spokesman
            # for Texas Gov. Greg Abbott").
            found = _organisation_at(t, ents, k, (OUTLET, ORG, GPE))
            if found:
                return found
        if k > head and t.dep[k] == "prep" and t.lower[k] in ("for", "of", "at"):
            for obj in t.children[k]:
                if t.dep[obj] == "pobj" and obj in inside:
                    found = _organisation_at(t, ents, obj) or next(
                        (f for c in t.children[obj] if (f := _organisation_at(t, ents, c))), None)
                    if found:
                        return found
    return None
