"""Resolve a source or addressee phrase to an entity of the article.

A phrase resolves by its head word, never by a name that only modifies it
("the Vermont senator" is not Vermont):
- a name, or a role noun already tied to a titled person ("the president");
- a pronoun: he/she to the latest salient person subject outside quotation
  marks, of the right gender where the first name tells, skipping people the
  attribution's own content names in the third person (someone who says
  "Putin told you" is not Putin) and its addressee; they to the latest
  organisation or group subject;
- a definite description: "the senator" to a person titled so, else the most
  salient person; "the company", "the agency", "the network" to the latest
  organisation (or outlet); "her campaign" to that person's campaign.
A person mentioned once, inside someone else's reported speech, rarely becomes
the next "he" of the story, so such a candidate needs two earlier mentions
unless it is the subject of its sentence's main verb.
The rules run as ``SIEVES``, an ordered list of small resolvers, most precise
first; each decision names the rule that made it (``Resolution.rule``, kept on
the attribution as ``speaker_rule``; docs/architecture.md lists them).  The
entity store changes only through its own methods (``ents.find_or_add``,
``ents.add_mention``, ...), so the functions here that add entities say so.
tests/test_speakers.py measures this on a hand-checked PolNeAR set;
tests/test_stages.py tests sieves alone.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass

from sayso import lexicon
from sayso.attribution.entities import (
    ANONYMOUS,
    GPE,
    ORG,
    OTHER_OFFICE,
    OUTLET,
    PERSON,
    TYPE_DESCRIBED,
    ArticleEntities,
    EntityDraft,
    is_president_title,
    only_former,
    presidents,
    title_words,
)
from sayso.attribution.knowledge import known_person
from sayso.attribution.sources import source_head, without_dateline
from sayso.attribution.table import TokenTable
from sayso.attribution.tokens import POSSESSIVE_MARKS, SUBJECT_DEPS

MALE_PRONOUNS = {"he", "him", "his", "himself"}
FEMALE_PRONOUNS = {"she", "her", "hers", "herself"}
PERSON_PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS
GROUP_PRONOUNS = {"they", "them", "their"}
_DEFINITE = {"the", "those", "these", "that", "this", "such"}
_ALL_PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS


@dataclass(frozen=True, slots=True)
class Resolution:
    """The entity a phrase refers to (None: no one), and the name of the rule that decided it."""

    entity: str | None
    rule: str


#: How many sentences back a pronoun looks for its antecedent.
_LOOKBACK_SENTENCES = 3
#: How far back a pronoun looks when nobody is named outside quotes in the last sentences.
_FAR_LOOKBACK = 8
#: Head nouns of descriptions that stand for a person ("the GOP nominee"): lexicon/person_roles.txt.
PERSON_ROLES = frozenset(lexicon.tagged("person_roles"))
#: Title words that name the same role: "Sen. Bernie Sanders" is "the senator".
_ROLE_TITLES = {
    "senator": {"sen.", "sen", "senator"},
    "congressman": {"rep.", "rep", "congressman", "representative"},
    "congresswoman": {"rep.", "rep", "congresswoman", "representative"},
    "governor": {"gov.", "gov", "governor"},
    "judge": {"judge", "justice"},
    "justice": {"justice", "judge"},
    "president": {"president"},
    "secretary": {"secretary"},
    "mayor": {"mayor"},
    # "the premier" is the prime minister ("Prime Minister Imran Khan ... the premier said").
    "premier": {"premier", "prime"},
}
#: Last words of newspapers' names ("Orlando Sentinel", "The Des Moines Register").
_NEWSPAPER_NAMES = frozenset(lexicon.tagged("newspaper_endings"))
#: Head nouns of descriptions that stand for an organisation, and which kinds fit.
ORG_ROLES = {
    "company": (ORG,), "organization": (ORG,), "organisation": (ORG,), "agency": (ORG,), "group": (ORG,),
    "firm": (ORG,), "administration": (ORG,), "committee": (ORG,), "department": (ORG,),
    "foundation": (ORG,), "union": (ORG,), "party": (ORG,), "court": (ORG,), "bank": (ORG,),
    "university": (ORG,), "institute": (ORG,), "council": (ORG,), "government": (ORG, GPE),
    "ministry": (ORG,), "office": (ORG,), "board": (ORG,), "commission": (ORG,), "police": (ORG,),
    "bureau": (ORG,), "network": (OUTLET, ORG), "newspaper": (OUTLET,), "paper": (OUTLET,),
    "channel": (OUTLET,), "outlet": (OUTLET,), "publication": (OUTLET,), "magazine": (OUTLET,),
    "station": (OUTLET, ORG), "site": (OUTLET, ORG), "website": (OUTLET, ORG), "country": (GPE,),
    "state": (GPE,), "city": (GPE,),
    "association": (ORG,), "federation": (ORG,), "league": (ORG,), "club": (ORG,), "panel": (ORG,),
    "force": (ORG,),
    # What business news calls a company or institution it named before: "the Finnish telecom
    # major", "the oil and gas giant", "the hospital", "The hospital management".
    "hospital": (ORG,), "giant": (ORG,), "major": (ORG,), "maker": (ORG,), "carrier": (ORG,),
    "lender": (ORG,), "retailer": (ORG,), "insurer": (ORG,), "manufacturer": (ORG,),
    "conglomerate": (ORG,), "airline": (ORG,), "automaker": (ORG,), "management": (ORG,),
}


def gender(e: EntityDraft) -> str | None:
    """'m' or 'f' where a title, the first name or what sayso knows of a public figure says so."""
    words = e.name.lower().split()
    # A title counts as a whole: "a pollster for Mrs. Clinton" makes no one a woman.
    titles = {x.lower().rstrip(".") for x in e.titles}
    if titles & {"mrs", "ms"}:
        return "f"
    if "mr" in titles:
        return "m"
    female, male = words[0] in lexicon.words("names_female"), words[0] in lexicon.words("names_male")
    if len(words) >= 2 and (female or male):
        return "f" if female else "m"
    known = known_person(e.name)
    if known:
        return known.gender
    # A person the article calls by a first name alone ("Melanie said"); one that is also a man's
    # name, or a surname ("Graham", "Jordan"), says nothing.
    if len(words) == 1 and female != male and not e.titles and e.name[:1].isupper():
        return "f" if female else "m"
    return None


_PARTIES = {"republican": "R", "republicans": "R", "gop": "R", "democratic": "D", "democrat": "D",
            "democrats": "D", "independent": "I", "libertarian": "L", "green": "G"}
#: Gendered role nouns: "the businessman" is not Hillary Clinton.
_ROLE_GENDER = {role: g for role, tags in lexicon.tagged("person_roles").items() for g in tags & {"m", "f"}}
#: Lower-case words that may stand in a name's descriptive prefix ("Republican presidential nominee").
_PREFIX_WORDS = {"presidential", "former", "front-runner", "frontrunner", "hopeful", "candidate", "nominee",
                 "rival", "businessman", "billionaire", "of", "the", "sen.", "rep.", "gov."}
_PARTY_STATE = re.compile(r"^\s*[,(]\s*([RDI])\s*[-\u2013.]\s*([A-Z][A-Za-z.]*(?: [A-Z][a-z.]+)?)(?=[\s,);]|$)")
_OF_STATE = re.compile(r"^\s+of\s+([A-Z][a-z]+(?: [A-Z][a-z]+)?)")


@functools.cache
def _states() -> dict[str, str]:
    """Lower-cased state name or abbreviation -> state name."""
    out: dict[str, str] = {}
    for line in lexicon.words("us_states"):
        names = [n.strip() for n in line.split("|") if n.strip()]
        for n in names:
            out.setdefault(n, names[0])
    return out


def _places_parties(words: list[str]) -> tuple[set[str], set[str]]:
    """States and parties named among these words ("Vermont", "New York", "GOP")."""
    states = _states()
    low = [w.lower() for w in words]
    places, parties = set(), set()
    i = 0
    while i < len(low):
        if low[i] in _PARTIES:
            parties.add(_PARTIES[low[i]])
        pair = " ".join(low[i:i + 2])
        if pair in states:
            places.add(states[pair])
            i += 2
            continue
        if len(low[i]) > 3 and "." not in low[i] and low[i] in states:
            places.add(states[low[i]])
        i += 1
    return places, parties


def person_profile(t: TokenTable, e: EntityDraft) -> tuple[set[str], set[str]]:
    """The states and parties the article gives a person: "Vermont Sen.", "(R-Utah)", "of Florida"."""
    words: list[str] = []
    for title in e.titles:
        # "the Republican presidential nominee's eldest daughter" is no Republican by that title.
        words += re.split(r"\S+(?:'s|\u2019s)\s", title)[-1].split()
    titles = lexicon.words("titles")
    states = _states()
    places: set[str] = set()
    parties: set[str] = set()
    for a, b in e.mentions:
        words += t.words[a:b + 1]
        k = a - 1
        while k >= 0 and a - k <= 6 and t.sent[k] == t.sent[a] and not t.is_punct[k] and (
                t.words[k][:1].isupper() or t.lower[k] in titles or t.lower[k] in _PREFIX_WORDS):
            words.append(t.words[k])
            k -= 1
        after = t.text[t.ends[b]:t.ends[b] + 30]
        m = _PARTY_STATE.match(after)
        if m:
            parties.add(m.group(1))
            code = m.group(2).strip().lower()
            state = states.get(code) or states.get(code.rstrip("."))
            if state:
                places.add(state)
        m = _OF_STATE.match(after)
        if m and m.group(1).lower() in states:
            places.add(states[m.group(1).lower()])
    p2, q2 = _places_parties(words)
    return places | p2, parties | q2


def _filled_in(e: EntityDraft, places: set[str], parties: set[str]) -> tuple[set[str], set[str]]:
    """What sayso knows of a public figure, where the article leaves it unsaid ("the GOP nominee"
    with only "Donald Trump")."""
    known = known_person(e.name)
    if known is None:
        return places, parties
    return places or {s.lower() for s in known.states}, parties or set(known.parties)


def _mention_head(t: TokenTable, a: int, b: int) -> int:
    for k in range(b, a - 1, -1):
        if not t.is_punct[k] and t.lower[k] not in ("\u2019s", "'s"):
            return k
    return b


def _is_main_subject(t: TokenTable, h: int) -> bool:
    return t.dep[h] in SUBJECT_DEPS and t.dep[t.head[h]] == "ROOT"


def _is_according_to(t: TokenTable, h: int) -> bool:
    """ "according to the Congressional Budget Office": a source, as salient as a subject."""
    prep = t.head[h]
    return t.dep[h] == "pobj" and t.lower[prep] == "to" and t.lower[t.head[prep]] == "according"


def _count_before(e: EntityDraft, p: int) -> int:
    """How many times the article names e before token p (a titled name is stored twice: count ends)."""
    return len({b for a, b in e.mentions if a < p})


def _last_before(e: EntityDraft, p: int) -> int:
    """Where the article last names e before token p."""
    return max(a for a, _ in e.mentions if a < p)


def _zone_floor(t: TokenTable, p: int) -> int:
    """The first token a pronoun at p may point back to: in the body, the body's first (a
    headline's names never steer the body: sayso.attribution.zones)."""
    return t.body_token if p >= t.body_token else 0


def _candidates(t: TokenTable, ents: ArticleEntities, p: int, types: set[str], excluded: set[str],
                lookback: int = _LOOKBACK_SENTENCES) -> list[tuple[int, str, bool, bool, int, int]]:
    """Earlier mentions outside quotes: (start, entity id, is subject, is main subject, mention count,
    the mention's head word)."""
    first_sentence = max(0, t.sent[p] - lookback)
    floor = _zone_floor(t, p)
    out = []
    for e in ents.entities:
        if e.type not in types or e.id in excluded:
            continue
        count = len({b for a, b in e.mentions if floor <= a < p})
        for a, b in e.mentions:
            if a >= p or a < floor or t.sent[a] < first_sentence or t.quote[a] >= 0:
                continue
            word = _mention_head(t, a, b)
            h = t.head[word] if t.dep[word] == "appos" else word  # "The minister ..., Mr. Guajardo, argues"
            out.append((a, e.id, t.dep[h] in SUBJECT_DEPS or _is_according_to(t, h), _is_main_subject(t, h),
                        count, word))
    out.sort(reverse=True)
    return out


def _narrator_named(t: TokenTable, ents: ArticleEntities, p: int) -> set[str]:
    """Entities named before the quotation that precedes pronoun p in its sentence, outside it.

    In 'Sen. Claire McCaskill scolded him: "...," she said' the quotation is what
    "she said"; McCaskill is named by the narration, so she may be "she" even when
    the parser folds that narration into the content.
    """
    s = t.sent[p]
    opening = next((k for k in range(p - 1, -1, -1) if t.sent[k] != s or t.quote[k] >= 0
                    and (k == 0 or t.quote[k - 1] != t.quote[k])), None)
    if opening is None or t.sent[opening] != s or t.quote[opening] < 0:
        return set()
    return {ents.token_entity[k] for k in range(opening) if t.sent[k] == s and t.quote[k] < 0
            and k in ents.token_entity}


def resolve_pronoun(t: TokenTable, ents: ArticleEntities, p: int, exclude: Iterable[str] = ()) -> str | None:
    """The entity the pronoun at token p stands for, if any (``pronoun_resolution``)."""
    return pronoun_resolution(t, ents, p, exclude).entity


def pronoun_resolution(t: TokenTable, ents: ArticleEntities, p: int, exclude: Iterable[str] = ()) -> Resolution:
    """Who a pronoun stands for, and the rule that says so.

    "they" is the latest organisation or group subject (``_resolve_group``).
    "he"/"she", among the people of the right gender outside ``exclude``: the
    subject of the main clause a fronted clause holding the pronoun leads to;
    else, among the mentions outside quotes in the last sentences (further
    back, subjects only, when there are none; then anyone of the right
    gender), a person named as an owner earlier in the pronoun's sentence,
    the main subject earlier in its sentence, the latest salient subject, the
    latest subject, the latest mention; with nobody named before it, the
    person of that gender the story is most about.
    """
    excluded = set(exclude) - _narrator_named(t, ents, p)
    word = t.lower[p]
    if word in GROUP_PRONOUNS:
        return _resolve_group(t, ents, p, excluded)
    wrong_gender = "f" if word in MALE_PRONOUNS else ("m" if word in FEMALE_PRONOUNS else None)
    excluded |= {e.id for e in ents.entities if e.type == PERSON and wrong_gender and gender(e) == wrong_gender}
    fronted = _subject_after_fronted_clause(t, ents, p)
    if fronted and fronted not in excluded:
        return Resolution(fronted, "pronoun.fronted_clause")
    mentions = _candidates(t, ents, p, {PERSON}, excluded)
    # "..., he noted, so it may be clear whether Trump will be the nominee ... He said": someone a
    # person was reported saying something about is rarely the next speaker, when the narration
    # names another.  (What an outlet reports, "Axios reported", is the story's own narration.)
    narrated = [m for m in mentions if m[0] not in ents.reported_by_person or t.sent[m[0]] == t.sent[p]]
    mentions = narrated or mentions
    reach = ""
    if not mentions:
        # After a run of quoted sentences the speaker was named further back: look further,
        # for a subject only.
        far = _candidates(t, ents, p, {PERSON}, excluded, lookback=_FAR_LOOKBACK)
        mentions, reach = [m for m in far if m[2]], "far_subject"
        if not mentions and wrong_gender:
            # Nobody was the subject: a person the pronoun's gender picks out ("... between Hillary
            # Clinton and Donald Trump. His instincts are rash ... She says he is unqualified").
            right = "m" if wrong_gender == "f" else "f"
            mentions, reach = [m for m in far if gender(ents.by_id(m[1])) == right], "gender"
    if not mentions:
        right = [e for e in ents.entities if e.type == PERSON and e.id not in excluded
                 and wrong_gender and gender(e) not in (None, wrong_gender)]
        if not any(a < p for e in right for a, _ in e.mentions):
            # Nobody it could be is named before it: a lede that names its subject later ("His
            # popularity, even after he criticized President George W. Bush, shows ..."): the
            # person of that gender the story is about.
            return Resolution(_most_mentioned_anywhere(right), "pronoun.story_subject")
        return Resolution(None, "pronoun.nobody")
    # "Bamberg said the videos do not show whether Scott has ..., which he said": the
    # subject of the sentence's main verb, when it comes first, outranks embedded subjects.
    same_sentence_main = [m for m in mentions if m[3] and t.sent[m[0]] == t.sent[p]
                          and not _is_main_subject(t, p)]
    subjects = [m for m in mentions if m[2]]
    # "Given Trump's hardline positions ..., which he views as ...": a person named as an owner earlier
    # in the pronoun's own sentence, when no person is its subject there.
    owners = {m[1] for m in mentions if t.sent[m[0]] == t.sent[p] and t.dep[m[5]] == "poss"}
    if len(owners) == 1 and not any(t.sent[m[0]] == t.sent[p] for m in subjects):
        return Resolution(owners.pop(), "pronoun.owner_in_sentence")
    salient = [m for m in subjects if m[4] >= 2 or m[3]]
    # In the latest sentence, the main verb's subject before an embedded one ("Nancy Worley
    # pledged her vote to Clinton to allow Clinton to focus ... 'We ...,' she said").
    salient.sort(key=lambda m: (t.sent[m[0]], m[3], m[0]), reverse=True)
    for rule, group in (("main_subject_in_sentence", same_sentence_main), ("salient_subject", salient),
                        ("subject", subjects), ("latest_mention", mentions)):
        if group:
            return Resolution(group[0][1], f"pronoun.{reach or rule}")
    return Resolution(None, "pronoun.nobody")


def _subject_after_fronted_clause(t: TokenTable, ents: ArticleEntities, p: int) -> str | None:
    """"As he spoke to accept his party's nomination, Trump ...", "In what he acknowledged as a rant,
    President Obama ...": a pronoun in a clause or phrase put before its sentence's main clause names
    the person who is that main clause's subject."""
    k = p
    while t.head[k] != k and t.dep[k] != "advcl" and not (t.dep[k] == "prep" and k < p):
        k = t.head[k]
    verb = t.head[k]
    if t.dep[k] not in ("advcl", "prep") or verb < k or t.head[verb] != verb:
        return None
    subject = next((c for c in t.children[verb] if t.dep[c] in SUBJECT_DEPS and c > p), None)
    if subject is None or t.quote[subject] >= 0:
        return None
    found = ents.token_entity.get(subject)
    return found if found and ents.by_id(found).type == PERSON else None


def _resolve_group(t: TokenTable, ents: ArticleEntities, p: int, excluded: set[str]) -> Resolution:
    """ "they": the latest organisation, outlet, place or anonymous group that was a subject (or whose
    people were: "ISIS soldiers mock ..."), or a person's campaign that was."""
    mentions = _candidates(t, ents, p, {ORG, OUTLET, GPE, ANONYMOUS}, excluded, lookback=2)
    subjects = [(m[0], m[1]) for m in mentions if m[2] or _names_plural_subject(t, m[5])]
    # "The Clinton campaign attributed ... They can't": a person's campaign is a group too.
    campaign = None
    first = max(0, t.sent[p] - 2)
    for k in range(p - 1, -1, -1):
        if t.sent[k] < first:
            break
        if t.lower[k] in _OWNED and t.dep[k] in SUBJECT_DEPS and t.quote[k] < 0:
            owner = next((ents.token_entity[c] for c in t.children[k] if t.dep[c] in ("compound", "poss")
                          and c in ents.token_entity and ents.by_id(ents.token_entity[c]).type == PERSON), None)
            if owner:
                campaign = (k, _find_or_add_owned(ents, owner, t.lower[k]))
                subjects.append(campaign)
                break
    if not subjects:
        return Resolution(None, "pronoun.nobody")
    best = max(subjects)
    return Resolution(best[1], "pronoun.group_campaign" if best == campaign else "pronoun.group_subject")


def _names_plural_subject(t: TokenTable, h: int) -> bool:
    """Whether the name headed by token h tells whose people a plural subject are: "ISIS soldiers
    mock ...", "members of the Security Council met" (then "they" is that organisation)."""
    noun = t.head[h]
    if t.dep[h] == "pobj" and t.lower[noun] == "of":
        noun = t.head[noun]
    elif t.dep[h] not in ("compound", "poss"):
        return False
    return t.tag[noun] == "NNS" and t.dep[noun] in SUBJECT_DEPS


#: Roles that campaign coverage uses for the person the story is about, titled or not.
_CAMPAIGN_ROLES = lexicon.with_tag("person_roles", "campaign")
#: Roles that stand for someone running for office.
_RUNNER_ROLES = lexicon.with_tag("person_roles", "runner")


def _ran_for_president(e: EntityDraft) -> bool:
    known = known_person(e.name)
    return known is not None and known.served("candidate")


#: How many mentions being the subject of one of the last sentences is worth.
_RECENT_BONUS = 3


def _recent_subject(t: TokenTable, persons: list[EntityDraft], p: int, sentences: int = 2) -> str | None:
    """The person who was last the subject of a verb, outside quotes, in this or the previous sentences."""
    ids = {e.id for e in persons}
    first = max(0, t.sent[p] - sentences)
    floor = _zone_floor(t, p)
    best: tuple[int, bool, int, str] | None = None
    for e in persons:
        for a, b in e.mentions:
            if a >= p or a < floor or t.sent[a] < first or t.quote[a] >= 0 or e.id not in ids:
                continue
            h = _mention_head(t, a, b)
            if t.dep[h] == "appos":  # "the billionaire Robert Mercer wrote"
                h = t.head[h]
            if t.dep[h] not in SUBJECT_DEPS:
                continue
            # The latest sentence first; in it, the main verb's subject before embedded ones
            # ("Paul Ryan says no matter what action President Obama takes").
            key = (t.sent[a], _is_main_subject(t, h), a, e.id)
            if best is None or key > best:
                best = key
    return best[3] if best else None


def _role_description(t: TokenTable, ents: ArticleEntities, toks: tuple[int, ...], head: int,
                      excluded: set[str], role: str) -> Resolution:
    """Who a definite description of a person is ("the senator", "the Vermont senator", "the GOP
    nominee", "the pollster"), among the people named before it, and the rule that says so.

    In order: people of the role's gender (or the one its own clause gives);
    with nobody named yet, the person the story is most about (a lede that
    describes before it names); "the Democrat" for the party's person just
    written about; a place or party in the description ("the Vermont
    senator") for who the article (or sayso's knowledge) places there; a
    title that fits the role ("Sen. Sanders" for "the senator"), else
    sayso's knowledge of who held the office; the person this description
    named last time, unless the story has moved on; then the subject of the
    last sentence, or for campaign roles the person most mentioned.  A
    person found so is remembered for the next description with that role.
    """
    p = toks[0]
    persons = [e for e in ents.entities if e.type == PERSON and e.id not in excluded
               and any(a < p for a, _ in e.mentions)]
    wanted = _ROLE_GENDER.get(role) or _own_gender(t, ents, toks, head)
    if wanted:
        persons = [e for e in persons if gender(e) in (None, wanted)]
    if not persons and (role in _CAMPAIGN_ROLES or role == "president"):
        # A lede that describes before it names ("Declaring that he alone ..., the billionaire
        # real estate mogul offered himself as ..."; "While the president has repeatedly said
        # ..." above a story about President Obama): the person the story is most about.
        later = [e for e in ents.entities if e.type == PERSON and e.id not in excluded
                 and (not wanted or gender(e) in (None, wanted))]
        if role == "president":
            phrase = {t.lower[k] for k in toks}
            if phrase & OTHER_OFFICE:
                return Resolution(None, "role_description.other_office")
            later = presidents(later, [e for e in later if any(map(is_president_title, e.titles))],
                               "former" in phrase, ents.year)
        return Resolution(_most_mentioned_anywhere(later), "role_description.story_subject")
    if role in ("democrat", "republican"):
        # "Former Florida Sen. Bob Graham ... has been pushing the Obama administration. The Democrat
        # told Yahoo! News": the person just written about, unless of another party.
        party = _PARTIES[role]
        fitting = [e for e in persons if party in (_filled_in(e, *person_profile(t, e))[1] or {party})]
        recent = _recent_subject(t, fitting, p, sentences=1)
        if recent:
            return Resolution(recent, "role_description.party_subject")
    # "the Vermont senator", "the GOP front-runner": not a person the article places elsewhere.
    mods = [t.words[k] for k in toks if k != head]
    places, parties = _places_parties(mods)
    if places or parties:
        scored = []
        for e in persons:
            said_pl, said_pa = person_profile(t, e)
            pl, pa = _filled_in(e, said_pl, said_pa)
            if places and pl and not places & pl or parties and pa and not parties & pa:
                continue
            # A state says more than a party: many people in a story share a party. What the
            # article itself says outranks what sayso knows ("Republican nominee Donald Trump"
            # and his running mate, whom sayso knows to be a Republican too).
            scored.append(((2 * bool(places & pl) + bool(parties & pa),
                            2 * bool(places & said_pl) + bool(parties & said_pa)), e))
        persons = [e for _, e in scored]
        top = max((sc for sc, _ in scored), default=(0, 0))
        if top[1]:
            # Several fit ("the Florida Republican" with Jeb Bush and Marco Rubio): the one just
            # written about, since a description stands in for a name the reader has just seen.
            best = [e for sc, e in scored if sc == top]
            return Resolution(_recent_subject(t, best, p) or max(best, key=lambda e: _last_before(e, p)).id,
                              "role_description.place_or_party")
        if top[0]:
            # Only sayso's knowledge places them ("the Republican nominee" with Donald Trump and
            # Mike Pence): the rules for an unplaced description choose among those who fit.
            persons = [e for sc, e in scored if sc == top]
        # Nobody is placed: "Marco Rubio ... stressed defense issues. The Florida senator told": the
        # description names the person just written about, not whoever else holds the title.
        recent = _recent_subject(t, persons, p, sentences=1)
        if recent:
            return Resolution(recent, "role_description.recent_subject")
    if not persons:
        return Resolution(None, "role_description.nobody")
    phrase = {t.lower[k] for k in toks}
    titles = _ROLE_TITLES.get(role, {role})
    # "the premier" is itself the prime minister's office, not another office beside a minister's.
    offices_named = phrase | ({"prime"} if role == "premier" else set())
    if role in _RUNNER_ROLES:
        # "the candidate" in a story that quotes his strategists at length: someone sayso knows
        # ran for president, when the story names one at least twice.
        runners = [e for e in persons if _ran_for_president(e) and _count_before(e, p) >= 2]
        persons = runners or persons

    def title_fits(e: EntityDraft, title: str) -> bool:
        # "the president" is not the Vice President; "the governor" is not a former governor.
        words = set(title_words(title))
        return bool(words & titles) and all((m in words) == (m in offices_named) for m in OTHER_OFFICE) and (
            "former" in phrase or not only_former(e, title))

    titled = [e for e in persons if any(title_fits(e, title) for title in e.titles)]
    if role == "president" and not phrase & OTHER_OFFICE:
        titled = presidents(persons, titled, "former" in phrase, ents.year)
    if not titled:
        # The article never titles them so: who sayso knows held the office ("Chris Christie ...
        # the governor ordered such a quarantine").
        titled = _known_office_holders(persons, role, phrase, ents.year)
    if titled:
        return Resolution(max(titled, key=lambda e: _last_before(e, p)).id, "role_description.titled")
    # "The former pollster said ... Sen. Ted Cruz skipped the meeting. The pollster also predicted":
    # the same description again, unless the story has moved on to someone else, who holds no
    # other title ("Zoe Saldana revealed ... After the news went viral, the "Avatar" star posted",
    # paragraphs after another star).
    memo = ents.described_last(role)
    if memo in {e.id for e in persons}:
        moved_on = _recent_subject(t, persons, p, sentences=1)
        other = ents.by_id(moved_on) if moved_on and moved_on != memo else None
        if not other or other.titles or known_person(other.name) or _last_before(
                ents.by_id(memo), p) > _last_before(other, p):
            return Resolution(memo, "role_description.same_description")
    if role not in _CAMPAIGN_ROLES:
        # "Billionaire Paul Singer changed ... The vulture fund manager wrote": a description stands
        # in for the person the last sentence was about.
        found, rule = _recent_subject(t, persons, p, sentences=1), "recent_subject"
        if not found and len(persons) == 1:
            # Nobody else is named before it: "... the bespectacled, 71-year-old diplomat said" in a
            # story about Ban Ki-moon.
            found, rule = persons[0].id, "only_person"
    else:
        # The person the article is most about, which is who campaign coverage calls "the nominee";
        # the subject of the last sentences counts extra ("Sanders ..., the Vermont senator said").
        found, rule = _salient(persons, t, p), "most_mentioned"
    if found:
        ents.remember_description(role, found)
    return Resolution(found, f"role_description.{rule}" if found else "role_description.nobody")


def _known_office_holders(persons: list[EntityDraft], role: str, phrase: set[str],
                          year: int | None) -> list[EntityDraft]:
    """Those of these people whom sayso knows to hold (or, for "the former ...", to have held) the
    office a description names; in an undated article, anyone who held it."""
    office = role if role in ("governor", "senator") else None
    if role == "secretary" and "state" in phrase:
        office = "secretary of state"
    elif role == "speaker" and "house" in phrase:  # not a speaker at a rally
        office = "speaker"
    if office is None or phrase & OTHER_OFFICE:
        return []
    former = "former" in phrase
    held = []
    for e in persons:
        known = known_person(e.name)
        if known is None or not known.served(office):
            continue
        if year is not None and not (known.former(office, year) if former else known.serving(office, year)):
            continue
        held.append(e)
    return held


def _own_gender(t: TokenTable, ents: ArticleEntities, toks: tuple[int, ...], head: int) -> str | None:
    """The gender of a description that its own clause gives ("the mogul offered himself", "the
    senator started ..., showing more of his personal story").

    Only reflexive and possessive pronouns in the clause the description is the subject of, outside
    what it says and quotes, before any other person is named: "he said" or "she did not" so close,
    or "her server" in what the director said about Clinton, may well be someone else.
    """
    verb = t.head[head]
    if t.dep[head] not in SUBJECT_DEPS or verb == head:
        return None
    said = {k for c in t.children[verb] if t.dep[c] in ("ccomp", "parataxis") for k in t.subtree(c)}
    clause = set(t.subtree(verb)) - set(t.subtree(head)) - said
    named = {k for e in ents.entities if e.type == PERSON for a, b in e.mentions for k in range(a, b + 1)}
    found = set()
    for k in range(toks[-1] + 1, t.n):
        if t.sent[k] != t.sent[head] or k in named:
            break
        word = t.lower[k]
        if k in clause and t.quote[k] < 0 and (
                word in ("himself", "herself") or (word in ("his", "her") and t.dep[k] == "poss")):
            found.add("m" if word in MALE_PRONOUNS else "f")
    return found.pop() if len(found) == 1 else None


def _salient(persons: list[EntityDraft], t: TokenTable, p: int) -> str:
    """The most mentioned of these people before token p; the subject of the last sentences counts extra."""
    return _most_mentioned(persons, p, _recent_subject(t, persons, p))


def _most_mentioned(persons: list[EntityDraft], p: int, recent: str | None = None) -> str:
    """The most mentioned of these people before token p (``recent`` counts extra), latest on a tie."""
    return max(persons, key=lambda e: (_count_before(e, p) + _RECENT_BONUS * (e.id == recent),
                                       _last_before(e, p))).id


#: What a person owns that speaks for them: "the campaign" is a candidate's, "the administration" a president's.
_OWNED = ("campaign", "administration")


def _find_or_add_owned(ents: ArticleEntities, owner: str, word: str) -> str:
    """The "<Surname> campaign" (or administration) entity of a person, made on first use."""
    return ents.find_or_add(ents.by_id(owner).name.split()[-1] + " " + word, ORG)


def _named_owners(t: TokenTable, ents: ArticleEntities, head: int, word: str) -> list[tuple[int, str]]:
    """Each "<Person>('s) campaign" before token head, latest first: (token, person)."""
    named = []
    for k in range(head - 1, -1, -1):
        if t.lower[k] != word:
            continue
        j = k - 1
        if j >= 0 and t.lower[j] in POSSESSIVE_MARKS:
            j -= 1
        owner = ents.token_entity.get(j) if j >= 0 else None
        if owner and ents.by_id(owner).type == PERSON:
            named.append((k, owner))
    return named


def _owner_of(t: TokenTable, ents: ArticleEntities, head: int, word: str, excluded: set[str]) -> str | None:
    """Whose "the campaign" / "the administration" this is.

    The last "<Person>('s) campaign" the article wrote before it; else, for an
    administration, the sitting president (a person titled President, not
    former or vice); for a campaign, the person the story is most about.
    """
    named = _named_owners(t, ents, head, word)
    if named and t.sent[head] - t.sent[named[0][0]] <= _LOOKBACK_SENTENCES:
        return named[0][1]
    persons = [e for e in ents.entities if e.type == PERSON and e.id not in excluded
               and any(a < head for a, _ in e.mentions)]
    # A new item of a live blog ("Hillary Clinton plans ... The campaign says"): its subject,
    # when that is one of the article's main people (three mentions or more).
    recent = _recent_subject(t, [e for e in persons if _count_before(e, head) >= 3], head)
    if word == "campaign" and recent:
        return recent
    if named:
        return named[0][1]
    if word == "administration":
        presidents = [e for e in persons if any(
            "president" in title.lower().split() and not {"former", "vice"} & set(title.lower().split())
            for title in e.titles)]
        if not presidents:
            return None
        # Several presidents ("Much like Mr. Obama, Mr. Reagan ..."): the one the story is about.
        return _most_mentioned(presidents, head)
    if not persons:
        # "The campaign told USA TODAY that Clinton will ...", with nobody else named yet: a campaign
        # speaks of its candidate, so the content's people count here; before any name, the
        # person the story is most about.
        named_before = [e for e in ents.entities if e.type == PERSON and any(a < head for a, _ in e.mentions)]
        if named_before:
            return _most_mentioned(named_before, head)
        return _most_mentioned_anywhere([e for e in ents.entities if e.type == PERSON])
    return _most_mentioned(persons, head, recent)


def _most_mentioned_anywhere(persons: list[EntityDraft]) -> str | None:
    """The person the whole article names most often (the first named on a tie)."""
    if not persons:
        return None
    return max(persons, key=lambda e: (len({b for _, b in e.mentions}), -e.mentions[0][0])).id


@dataclass(frozen=True, slots=True)
class Phrase:
    """A source or addressee phrase as the sieves see it (built once by ``_sieve_input``)."""

    t: TokenTable
    ents: ArticleEntities
    #: The phrase's tokens, with a noun it was cut before ("[The Republican] candidate").
    toks: tuple[int, ...]
    #: The tokens as given (what counts as inside the phrase for an apposition).
    inside: frozenset[int]
    head: int
    exclude: frozenset[str]
    #: The tokens as a description, with a determiner it was cut after ("[the] campaign").
    described: tuple[int, ...]
    #: The head word, lower-cased, and the description's first word.
    word: str
    first: str
    #: "her" in "her campaign"; else a name compounded with the noun ("the Clinton campaign").
    possessor: int | None
    owner_tok: int | None


def _sieve_input(t: TokenTable, ents: ArticleEntities, toks: tuple[int, ...], exclude: Iterable[str],
            head: int | None = None) -> Phrase:
    """The phrase with its head, the noun a cut source lacks and the determiner a cut description
    lacks; given ``head``, the tokens are taken as a description as they are."""
    inside = frozenset(toks)
    described = toks
    if head is None:
        head = next((k for k in toks if t.head[k] not in inside or t.head[k] == k), toks[-1])
        # A source cut before its noun ("[The Republican] candidate said"): the noun is the head.
        noun = toks[-1] + 1
        if noun < t.n and all(t.head[k] in inside or t.head[k] == noun for k in toks) and t.dep[toks[-1]] in (
                "amod", "compound") and (
                t.lower[noun] in PERSON_ROLES or t.lower[noun] in ORG_ROLES or t.lower[noun] in _OWNED):
            toks, head = (*toks, noun), noun
        # A source cut after its determiner ("[the] campaign") is still a definite description.
        described = toks
        det = toks[0] - 1
        if det >= 0 and t.head[det] == head and t.dep[det] in ("det", "poss") and t.lower[toks[0]] not in _DEFINITE:
            described = (det, *toks)
    possessor = next((k for k in t.children[head] if t.dep[k] == "poss"), None)
    owner_tok = possessor if possessor is not None else next(
        (k for k in t.children[head] if t.dep[k] == "compound" and k in ents.token_entity), None)
    return Phrase(t, ents, toks, inside, head, frozenset(exclude), described, t.lower[head],
                  t.lower[described[0]], possessor, owner_tok)


@dataclass(frozen=True, slots=True)
class Sieve:
    """One resolution rule.  ``resolve`` returns None to pass the phrase to the next sieve, or a
    Resolution, which ends the search (its entity may be None: the rule knows it is nobody)."""

    name: str
    resolve: Callable[[Phrase], Resolution | None]


def _mention(d: Phrase) -> Resolution | None:
    """The head is already a mention: a name, a title the entity finder tied to the person who holds
    it ("the president"), a pronoun an earlier attribution resolved."""
    t, ents, head = d.t, d.ents, d.head
    if head not in ents.token_entity:
        return None
    found = ents.token_entity[head]
    # The entity finder attached "the candidate" to whoever holds the title; its own clause may
    # say otherwise ("the candidate discusses ... lessons from her mother").
    own = _own_gender(t, ents, d.toks, head) if d.word in PERSON_ROLES else None
    if own and gender(ents.by_id(found)) not in (None, own):
        return None
    kind = "name" if t.pos[head] == "PROPN" else "pronoun" if d.word in _ALL_PRONOUNS else "role_noun"
    return Resolution(found, f"mention.{kind}")


def _apposition(d: Phrase) -> Resolution | None:
    """ "the billionaire Robert Mercer": the parser heads the phrase with the title, the name in apposition.

    Or the name right after the head noun ends the phrase, however the parser hung it: "American
    news website Axios" (rule ``apposition.name_after_noun``); or the name opens the phrase and a
    comma sets off the role the parser made its head: "Kim Tae-hyo, principal deputy national
    security adviser," (``apposition.name_before_role``); or a person's role "of" an
    organisation ends in the person's name: "The CEO of the NHS Confederation Matthew Taylor"
    (``apposition.name_after_organisation``).
    """
    t, ents = d.t, d.ents
    named = next((k for k in t.children[d.head] if t.dep[k] == "appos" and k in d.inside
                  and k in ents.token_entity), None)
    if named is not None:
        return Resolution(ents.token_entity[named], "apposition")
    after = d.head + 1
    last = max(d.inside)
    if t.pos[d.head] == "NOUN" and after <= last and after in ents.token_entity and ents.by_id(
            ents.token_entity[after]).type != ANONYMOUS and all(
            ents.token_entity.get(k) == ents.token_entity[after] for k in range(after, last + 1)):
        return Resolution(ents.token_entity[after], "apposition.name_after_noun")
    # "Kim Tae-hyo, principal deputy national security adviser, also said": the parser made the role
    # the head and the name its modifier; the name opens the phrase, a comma sets the role off.
    first = min(d.inside)
    named = ents.token_entity.get(first)
    if named is not None and ents.by_id(named).type == PERSON and (
            d.word in PERSON_ROLES or d.word.endswith(AGENT_ENDINGS)):
        end = max(b for a, b in ents.by_id(named).mentions if a <= first <= b)
        if end + 1 < d.head and t.words[end + 1] == "," and t.head[end] == d.head:
            return Resolution(named, "apposition.name_before_role")
    # "The CEO of the NHS Confederation Matthew Taylor": a person's role, an organisation's name and,
    # with no comma between, the person's name, which the parser takes for part of the organisation's.
    named = ents.token_entity.get(last)
    if named is None or d.word not in PERSON_ROLES or ents.by_id(named).type != PERSON:
        return None
    first = min(a for a, b in ents.by_id(named).mentions if a <= last <= b)
    if first - 1 > d.head and t.pos[first - 1] == "PROPN" and t.lower[d.head + 1] == "of":
        return Resolution(named, "apposition.name_after_organisation")
    return None


def _set_off(d: Phrase) -> Resolution | None:
    """ "Apple's chief executive, Tim Cook, called": the name between commas after the head."""
    found = _name_set_off(d.t, d.ents, d.toks, d.head)
    return Resolution(found, "set_off_name") if found is not None else None


#: Endings of nouns for people by what they do ("adviser", "director", "analyst").
AGENT_ENDINGS = ("ent", "er", "or", "ist", "ant")
#: Words that end the names of places and buildings, which speak for whoever is there ("Downing Street").
_NOT_A_SURNAME = frozenset({"street", "house", "hall", "office", "square", "hill", "avenue", "road"})


def _unrecognised_name(d: Phrase) -> Resolution | None:
    """ "Dominic Cummings, a former adviser ..., backed up", "On Monday Downing Street confirmed": a
    source headed by a name of two or more capitalised words the recogniser did not see as one.

    A name that begins with a given name, or that a person's role is set off after, is a person's
    ("Dominic Cummings"); any other one an
    organisation's ("Downing Street" speaks for the government there).  A date before it ("Monday")
    is no part of it.  The name becomes an entity on first use.
    """
    t, ents, head = d.t, d.ents, d.head
    if head in ents.token_entity or not _name_word(t, head):
        return None
    a = head
    while a - 1 in d.inside and _name_word(t, a - 1) and a - 1 not in ents.token_entity:
        a -= 1
    if a == head:
        return None
    words = t.words[a:head + 1]
    if any(w.lower() in PERSON_ROLES or w.lower() in lexicon.words("titles") for w in words):
        return None  # "the Prime Minister": a role, capitalised
    # A person's role set off after the name says it is a person's ("Rosette Pambakian, a Tinder
    # spokeswoman,"), as a given name does.
    role = any(t.dep[k] == "appos" and (t.lower[k] in PERSON_ROLES or t.lower[k].endswith(AGENT_ENDINGS))
               for k in t.children[head] if k in d.inside)
    person = (_is_given(words[0]) or role) and words[-1].lower() not in _NOT_A_SURNAME
    found = ents.find_or_add(t.text[t.starts[a]:t.ends[head]], PERSON if person else ORG)
    ents.add_mention(found, a, head)
    return Resolution(found, "unrecognised_name.person" if person else "unrecognised_name.organisation")


#: "No 10", "No. 10", "Number 10": the British prime minister's office by its door, as "Downing
#: Street" is by its street; it speaks for the government there.
_NUMBER_TEN = frozenset({"no", "no.", "number"})
DOWNING_STREET = "Downing Street"


def _number_ten(d: Phrase) -> Resolution | None:
    """ "No 10 confirms it asked the Times": a source headed by the house number of Downing Street
    after its capitalised "No" or "Number" is the organisation Downing Street."""
    t, head = d.t, d.head
    # The parser heads the two words either way ("10" the number of "No", or "No" of "10").
    door = head if t.words[head] == "10" else head + 1
    if door - 1 not in d.inside or door not in d.inside or t.words[door] != "10" \
            or t.lower[door - 1] not in _NUMBER_TEN or not t.words[door - 1][:1].isupper() \
            or door in d.ents.token_entity:
        return None
    found = d.ents.find_or_add(DOWNING_STREET, ORG)
    d.ents.add_mention(found, door - 1, door)
    return Resolution(found, "number_ten")


def _surname_named_before(d: Phrase) -> Resolution | None:
    """ "Dominic Cummings, a former adviser ... backed up the original story ... The spokesperson
    denied Cummings's claim": a lone name word the recogniser left untied is the surname of the
    one person named before it in full with that last word (rule ``surname.named_before``)."""
    t, ents, head = d.t, d.ents, d.head
    # The tagger may take a capitalised surname for a noun ("Trump hit back at the story, tweeting").
    capitalised = t.words[head][:1].isupper() and not t.words[head].isupper() and t.tag[head] in ("NNP", "NN")
    if head in ents.token_entity or not capitalised or t.ent[head] in ("DATE", "TIME") \
            or _name_word(t, head - 1) and head - 1 in d.inside:
        return None
    found = [e.id for e in ents.entities if e.type == PERSON and len(e.name.split()) >= 2
             and e.name.split()[-1] == t.words[head] and any(b < head for _, b in e.mentions)]
    if len(found) != 1:
        return None
    ents.add_mention(found[0], head, head)
    return Resolution(found[0], "surname.named_before")


def _name_word(t: TokenTable, k: int) -> bool:
    return t.tag[k] == "NNP" and t.words[k][:1].isupper() and t.ent[k] not in ("DATE", "TIME") \
        and not t.words[k].isupper()


def _is_given(word: str) -> bool:
    return word.lower() in lexicon.words("names_female") or word.lower() in lexicon.words("names_male")


def _relative_pronoun(d: Phrase) -> Resolution | None:
    """ "Warren, who said": the name the relative pronoun stands for, or nobody."""
    if d.word not in _RELATIVE_PRONOUNS:
        return None
    return Resolution(_relative_antecedent(d.t, d.ents, d.head), "relative_pronoun")


def _pronoun(d: Phrase) -> Resolution | None:
    """ "he", "she", "they": ``pronoun_resolution``."""
    if d.word not in PERSON_PRONOUNS and d.word not in GROUP_PRONOUNS:
        return None
    return pronoun_resolution(d.t, d.ents, d.head, d.exclude)


def _candidate_team(d: Phrase) -> Resolution | None:
    """ "his team", "the Clinton camp" in campaign coverage: the candidate's campaign, or nobody."""
    if d.word not in ("team", "camp"):
        return None
    t, ents = d.t, d.ents
    owner = _person_behind(t, ents, d.owner_tok) if d.owner_tok is not None else None
    if owner and ents.by_id(owner).type == PERSON and _ran_for_president(ents.by_id(owner)):
        return Resolution(_find_or_add_owned(ents, owner, "campaign"), "candidate_team")
    return Resolution(None, "candidate_team")


def _owned_by(d: Phrase) -> Resolution | None:
    """ "her campaign", "the Clinton campaign", "the Obama administration": that person's, or nobody's."""
    if d.word not in _OWNED or d.owner_tok is None:
        return None
    t, ents, head, word, owner_tok = d.t, d.ents, d.head, d.word, d.owner_tok
    owner = None
    if t.lower[owner_tok] in PERSON_PRONOUNS:
        # "... in the Sanders campaign." But his campaign ...: the campaign just named.
        wrong = "f" if t.lower[owner_tok] in MALE_PRONOUNS else "m"
        named = [(k, o) for k, o in _named_owners(t, ents, head, word)
                 if t.sent[head] - t.sent[k] <= 2 and gender(ents.by_id(o)) != wrong]
        owner = named[0][1] if named else None
        # Unless the pronoun's own antecedent was named since ("... the Sanders campaign.
        # Trump also is set to huddle ... His campaign confirmed").
        person = resolve_pronoun(t, ents, owner_tok)
        if owner and person and person != owner and _last_before(ents.by_id(person), owner_tok) > named[0][0]:
            owner = person
    # Not the people the content names: who says "Trump would meet ..." is not Trump, but may
    # well be his campaign.
    owner = owner or ents.token_entity.get(owner_tok) or resolve_phrase(t, ents, (owner_tok,))
    if owner and ents.by_id(owner).type == PERSON:
        return Resolution(_find_or_add_owned(ents, owner, word), "owned_by")
    return Resolution(None, "owned_by")


def _owner_of_definite(d: Phrase) -> Resolution | None:
    """ "the campaign", "the administration": whose (``_owner_of``), when the article says."""
    if d.word not in _OWNED or d.first not in _DEFINITE:
        return None
    owner = _owner_of(d.t, d.ents, d.head, d.word, set(d.exclude))
    return Resolution(_find_or_add_owned(d.ents, owner, d.word), "owner_of") if owner else None


def _indefinite(d: Phrase) -> Resolution | None:
    """ "a spokesman", "officials": no one in particular (an anonymous source, if anything)."""
    return Resolution(None, "indefinite") if d.first not in _DEFINITE and d.possessor is None else None


def _organisation(d: Phrase) -> Resolution | None:
    """ "the company", "the group", "the newspaper", "the board": the organisation meant, or nobody.

    In order: a name the phrase gives before its noun ("Germany's Verdi labor union"); the latest
    earlier name ending in the same noun ("the department" after "the State
    Department"); for "the party", the party named last; a body's owner ("the board" after "HP's
    board"); an earlier phrase naming it ("a New Hampshire ballot commission"); a paper's title
    ("The Advocate"); the latest organisation of a fitting kind in the last sentences, subjects
    first; the one the story names most.
    """
    t, ents, head, word, toks = d.t, d.ents, d.head, d.word, d.described
    if word not in ORG_ROLES:
        return None
    found = _state_body(t, ents, toks, head, word)
    if found:
        return Resolution(found, "organisation.state_body")
    found = _own_name(t, ents, toks, head, word)
    if found:
        return Resolution(found, "organisation.own_name")
    # "The company" is not the Rockefeller Brothers Fund, "the group" not Sandy Hook Elementary School.
    clashes = _KIND_CLASHES.get(word, frozenset())
    misfits = {e.id for e in ents.entities if e.name.lower().split()[-1] in clashes}
    excluded = set(d.exclude) | misfits
    # "the department" after "the State Department", "the administration" after "the Obama
    # administration": the latest earlier name that ends in the same noun, however far back;
    # "the newspaper" after the "Orlando Sentinel", which the recogniser calls an organisation.
    newspaper = word in _PAPER_NOUNS
    ends = {word} | (_NEWSPAPER_NAMES if newspaper else set())
    # (Not kept out for being named in what it says: "'The Hong Kong Journalists Association is very
    # concerned ...,' the association said" is the association naming itself.)
    # "the hospital" after "Hospital Canselor Tuanku Muhriz", "the university" after "University of
    # Michigan": an institution's noun may stand anywhere in its name.
    anywhere = word in _INSTITUTIONS
    named = [e for e in ents.entities if (e.type in ORG_ROLES[word] or newspaper and e.type == ORG)
             and e.id not in misfits and (e.name.lower().split()[-1] in ends
                                          or anywhere and word in e.name.lower().split())
             and any(a < head for a, _ in e.mentions)]
    if named:
        # "The Kerala police have declared ... ASI Wilson of Tamil Nadu Police ... The police said":
        # the one of them that was the subject in the last sentences, else the one named last.
        acting = {m[1] for m in _candidates(t, ents, head, set(ORG_ROLES[word]) | {ORG}, excluded, lookback=2)
                  if m[2]}
        fitting = [e for e in named if e.id in acting] or named
        return Resolution(max(fitting, key=lambda e: _last_before(e, head)).id, "organisation.same_noun")
    if word == "party":
        found = _party_named_last(t, ents, head, excluded)
        if found:
            return Resolution(found, "organisation.party")
    found = _owned_body(t, ents, toks, head, word, excluded)
    if found:
        return Resolution(found, "organisation.owned_body")
    found = _earlier_phrase(t, ents, toks, head, word)
    if found:
        return Resolution(found, "organisation.earlier_phrase")
    found = _paper_by_title(t, ents, head) if newspaper else None
    if found:
        return Resolution(found, "organisation.paper_title")
    if word in _BODIES:
        # "The city council" is not whichever organisation was named last.
        return Resolution(None, "organisation.body")
    mentions = _candidates(t, ents, head, set(ORG_ROLES[word]), excluded, lookback=4) or \
        _candidates(t, ents, head, set(ORG_ROLES[word]), misfits, lookback=2)
    # (An organisation may name itself in what it says: "The company said ... shifting off Twitter.")
    subjects = [m for m in mentions if m[2]]
    if subjects:
        return Resolution(subjects[0][1], "organisation.recent")
    if mentions:
        # None of them the subject of a sentence: the one the article has named most, not one named
        # in passing ("... interest from suitors, including Samsung. The company disclosed" after
        # three mentions of Nokia); the latest among equals.
        return Resolution(max(mentions, key=lambda m: (m[4], m[0]))[1], "organisation.recent")
    # None in the last sentences: the organisation the story is about, named paragraphs earlier
    # ("The International Federation of Professional and Technical Engineers ... The group asked").
    earlier = [e for e in ents.entities if e.type in ORG_ROLES[word] and e.id not in excluded
               and _count_before(e, head) >= 2]
    return Resolution(_most_mentioned(earlier, head) if earlier else None, "organisation.most_mentioned")


def _own_name(t: TokenTable, ents: ArticleEntities, toks: tuple[int, ...], head: int, word: str) -> str | None:
    """ "Germany's Verdi labor union", "the Reuters news agency": the organisation's own name, written
    before the noun that says what it is (added to the store on first use).  Not a place, a people
    or a person ("the Kerala police", "a Saudi company", "the Clinton campaign" are described by
    them), nor a body, which is someone's ("the Google board")."""
    if word in _BODIES:
        return None
    inside = set(toks)
    names = [k for k in t.children[head] if k in inside and k < head and t.dep[k] == "compound"
             and t.tag[k] == "NNP" and t.words[k][:1].isupper()]
    if not names:
        return None
    last = max(names)
    first = last
    while first - 1 in inside and t.tag[first - 1] == "NNP" and t.dep[first - 1] == "compound" \
            and t.words[first - 1][:1].isupper():
        first -= 1
    if any(not _names_the_kind(t, k) for k in range(last + 1, head)):
        return None  # "a Verdi-backed Berlin group": the name is not the one right before the noun
    known = ents.at(range(first, last + 1))
    if known is not None:
        return known if ents.by_id(known).type in ORG_ROLES[word] + (ORG,) else None
    if any(t.ent[k] not in ("", "ORG") for k in range(first, last + 1)):
        return None
    found = ents.find_or_add(t.text[t.starts[first]:t.ends[last]], ORG)
    ents.add_mention(found, first, last)
    return found


#: Bodies of a state that speak for themselves, not for the country: "The UAE's foreign ministry",
#: "the UK foreign office", "the Chinese embassy".
_STATE_BODIES = frozenset({"ministry", "office", "embassy", "consulate"})


def _state_body(t: TokenTable, ents: ArticleEntities, toks: tuple[int, ...], head: int, word: str) -> str | None:
    """ "The UAE's foreign ministry said", "The UK foreign office has also advised": a body of the state
    a place or people names before the noun is that body, not the country, and not another office the
    article named ("Dubai Media Office"): the organisation named before whose name holds the noun and
    the place ("UAE Ministry of Foreign Affairs"), else one named by the phrase ("UAE foreign
    ministry", added to the store on first use)."""
    if word not in _STATE_BODIES or any(t.dep[k] == "prep" for k in t.children[head] if k in toks):
        return None
    inside = set(toks)
    # A place, or a country the recogniser called an organisation ("The UAE's"); not a person, whose
    # office speaks for them ("Ryan's office").
    owners = [k for k in t.children[head] if k in inside and k < head and t.words[k][:1].isupper()
              and t.dep[k] in ("poss", "compound", "nmod", "amod") and (
                  ents.by_id(ents.token_entity[k]).type == GPE or t.dep[k] == "poss"
                  and ents.by_id(ents.token_entity[k]).type == ORG if k in ents.token_entity
                  else t.ent[k] in ("GPE", "NORP"))]
    if len(owners) != 1:
        return None
    owner = owners[0]
    mention = next(((a, b) for e in ents.entities for a, b in e.mentions if a <= owner <= b), (owner, owner))
    place = t.text[t.starts[mention[0]]:t.ends[mention[1]]]
    place = re.sub(r"^the\s+", "", place, flags=re.IGNORECASE)
    named = [e for e in ents.entities if e.type == ORG and any(a < toks[0] for a, _ in e.mentions)
             and {word, *place.lower().split()} <= set(e.name.lower().split())]
    if named:
        return max(named, key=lambda e: _last_before(e, head)).id
    between = [t.words[k] for k in range(mention[1] + 1, head) if t.tag[k] != "POS" and not t.is_punct[k]]
    found = ents.find_or_add(" ".join([place, *between, t.words[head]]), ORG)
    ents.add_mention(found, mention[0], head)
    return found


def _names_the_kind(t: TokenTable, k: int) -> bool:
    """Whether a word between a name and its noun only says what kind of body it is ("labor" in
    "the Verdi labor union", "news" in "the Reuters news agency")."""
    return t.tag[k] in ("NN", "NNS") and t.dep[k] in ("compound", "amod")


def _place_police(d: Phrase) -> Resolution | None:
    """ "The Kerala police", "Delhi police": the force the phrase names by its place, an organisation
    ("Kerala Police") that later descriptions ("the police") can point back to."""
    t, ents, toks, head = d.t, d.ents, d.toks, d.head
    if t.lower[head] != "police":
        return None
    place = [k for k in t.children[head] if k in toks and k < head and t.dep[k] in ("compound", "amod", "nmod")
             and t.ent[k] in ("GPE", "NORP") and t.words[k][:1].isupper()]
    if not place:
        return None
    a, b = min(place), head
    found = ents.find_or_add(f"{t.text[t.starts[a]:t.ends[place[-1]]]} Police", ORG)
    ents.add_mention(found, a, b)
    return Resolution(found, "place_police")


def _kin(d: Phrase) -> Resolution | None:
    """ "his wife", "Sanders' son": ``_relative``; a relative of no one in particular is nobody."""
    if d.word not in _KIN:
        return None
    found = _relative(d.t, d.ents, d.head, d.possessor, d.word, set(d.exclude)) if d.possessor is not None else None
    return Resolution(found, "kin")


def _person_description(d: Phrase) -> Resolution | None:
    """ "the senator", "the GOP nominee", "the Ukrainian": ``_role_description``."""
    if d.word not in PERSON_ROLES and d.t.ent[d.head] != "NORP":
        return None
    return _role_description(d.t, d.ents, d.described, d.head, set(d.exclude), d.word)


#: Descriptions: a definite noun phrase that names no one ("the campaign", "the company", "his wife").
DESCRIPTION_SIEVES: tuple[Sieve, ...] = (
    Sieve("candidate_team", _candidate_team),
    Sieve("owned_by", _owned_by),
    Sieve("owner_of", _owner_of_definite),
    Sieve("place_police", _place_police),
    Sieve("indefinite", _indefinite),
    Sieve("organisation", _organisation),
    Sieve("kin", _kin),
    Sieve("role_description", _person_description),
)
#: Every phrase, most precise first: what the phrase itself names, then pronouns, then descriptions.
SIEVES: tuple[Sieve, ...] = (
    Sieve("mention", _mention),
    Sieve("apposition", _apposition),
    Sieve("set_off_name", _set_off),
    Sieve("unrecognised_name", _unrecognised_name),
    Sieve("number_ten", _number_ten),
    Sieve("surname", _surname_named_before),
    Sieve("relative_pronoun", _relative_pronoun),
    Sieve("pronoun", _pronoun),
    *DESCRIPTION_SIEVES,
)
_UNRESOLVED = Resolution(None, "unresolved")


def _run_sieves(sieves: tuple[Sieve, ...], d: Phrase) -> Resolution:
    for sieve in sieves:
        found = sieve.resolve(d)
        if found is not None:
            return found
    return _UNRESOLVED


def resolve_source(t: TokenTable, ents: ArticleEntities, toks: tuple[int, ...],
                   exclude: Iterable[str] = ()) -> Resolution:
    """The entity a source or addressee phrase refers to, and the rule (sieve) that found it.

    The sieves of ``SIEVES`` run in order; the first that decides ends the search.
    """
    return _run_sieves(SIEVES, _sieve_input(t, ents, toks, exclude))


def resolve_phrase(t: TokenTable, ents: ArticleEntities, toks: tuple[int, ...],
                   exclude: Iterable[str] = ()) -> str | None:
    """The entity a source/addressee phrase refers to: a name, a role noun or a pronoun."""
    return resolve_source(t, ents, toks, exclude).entity


def resolve_description(t: TokenTable, ents: ArticleEntities, toks: tuple[int, ...], head: int,
                         excluded: set[str]) -> str | None:
    """The entity a definite description with this head refers to ("the bank" in "the bank's board"):
    the description sieves alone, on the tokens as they are."""
    return _run_sieves(DESCRIPTION_SIEVES, _sieve_input(t, ents, toks, excluded, head=head)).entity


#: Last words of organisations' names that say the body is not what a description calls it.
_NOT_A_COMPANY = frozenset({
    "fund", "foundation", "school", "university", "college", "academy", "institute", "department",
    "ministry", "agency", "bureau", "office", "commission", "committee", "council", "party", "court",
    "church", "hospital", "association", "union", "society", "center", "centre", "campaign",
    "administration", "senate", "congress", "police", "army", "navy", "board"})
_NOT_A_GROUP = frozenset({
    "school", "university", "college", "academy", "department", "ministry", "agency", "bureau", "office",
    "court", "hospital", "administration", "house", "senate", "congress", "police", "army", "navy"})
_KIND_CLASHES = {"company": _NOT_A_COMPANY, "firm": _NOT_A_COMPANY, "group": _NOT_A_GROUP}


#: A U.S. party's committees, which news calls "the party" next; and the parties' own names.
_PARTY_COMMITTEES = {
    "rnc": "Republican Party", "republican national committee": "Republican Party",
    "dnc": "Democratic Party", "democratic national committee": "Democratic Party",
}
_PARTY_NAMES = {"gop", "republicans", "democrats", "republican party", "democratic party"}


def _party_named_last(t: TokenTable, ents: ArticleEntities, head: int, excluded: set[str]) -> str | None:
    """ "the RNC and 11 state parties, the party announced": the party named, or whose committee was
    named, last in the sentences before (a committee stands for its party; added to the store as
    "Republican Party" or "Democratic Party" on first use)."""
    for _, e, *_ in _candidates(t, ents, head, {ORG}, excluded, lookback=4):
        name = ents.by_id(e).name.lower().removeprefix("the ")
        if name in _PARTY_COMMITTEES:
            return ents.find_or_add(_PARTY_COMMITTEES[name], ORG)
        if name in _PARTY_NAMES:
            return e
    return None


#: Institutions whose names may hold their noun anywhere ("Hospital Canselor Tuanku Muhriz").
_INSTITUTIONS = frozenset({"hospital", "university", "club", "bank", "institute", "college"})


#: Bodies that belong to an organisation: "the board" is some company's or newspaper's board.
_BODIES = {"board", "commission", "committee", "council"}
#: Descriptions of a newspaper, which may be a name ending in Times, Herald, ... ("the Orlando Sentinel").
_PAPER_NOUNS = {"newspaper", "paper", "outlet", "publication"}
#: Nouns that follow a publication's name ("Family Circle magazine"), which is the name without them.
_PUBLICATION_NOUNS = {"newspaper", "paper", "magazine", "channel", "network", "station", "site", "website"}


def _owned_body(t: TokenTable, ents: ArticleEntities, toks: tuple[int, ...], head: int, word: str,
                excluded: set[str]) -> str | None:
    """"The board" after "HP's board" or "the bank's board": that organisation's board (added to the
    store on first use).

    "The editorial board" with no owner written before: the outlet the article
    names most, whose editorial board it is.
    """
    if word not in _BODIES:
        return None
    modifiers = [t.lower[k] for k in toks if k < head and t.dep[k] in ("amod", "compound")]
    label = " ".join([*modifiers, word])
    for k in range(min(toks) - 1, -1, -1):
        if t.lower[k] != word:
            continue
        body = ents.token_entity.get(k)
        if body and ents.by_id(body).type == ORG and body not in excluded:
            return body  # "the Illinois Board of Elections ... the board"
        for child in t.children[k]:
            if child > k or t.dep[child] not in ("poss", "compound"):
                continue
            owner = ents.token_entity.get(child)
            if owner is None and t.lower[child] in ORG_ROLES and t.lower[child] not in _BODIES:
                # "the bank's board": whichever bank "the bank" is.
                det = tuple(c for c in t.children[child] if t.dep[c] == "det")
                owner = resolve_description(t, ents, (*det, child), child, excluded)
            if owner and ents.by_id(owner).type in (ORG, OUTLET) and owner not in excluded:
                return ents.find_or_add(f"{ents.by_id(owner).name} {label}", ORG)
    if "editorial" in modifiers:
        outlet = _most_mentioned_anywhere([e for e in ents.entities if e.type == OUTLET and e.mentions
                                           and e.id not in excluded])
        if outlet:
            return ents.find_or_add(f"{ents.by_id(outlet).name} {label}", ORG)
    return None


def _earlier_phrase(t: TokenTable, ents: ArticleEntities, toks: tuple[int, ...], head: int,
                    word: str) -> str | None:
    """"The commission" after "a New Hampshire ballot commission", a name the recogniser missed (added
    to the store on first use).

    A publication is its name: "the magazine" after "Family Circle magazine" is Family Circle.
    Only for bodies and publications: "a Koch-backed group" describes a group, it does not name it.
    """
    if word not in _BODIES and word not in _PUBLICATION_NOUNS:
        return None
    for k in range(min(toks) - 1, -1, -1):
        if t.lower[k] != word or t.pos[k] != "NOUN":
            continue
        left = {j for j in t.subtree(k) if j < k and t.dep[j] not in ("det", "poss", "case", "punct")}
        # Only the words right before the noun, which together name it.
        start = k
        while start - 1 in left:
            start -= 1
        span = list(range(start, k))
        # A name is written with capitals: "the global satellite network" names nothing.
        if not any(t.pos[j] == "PROPN" and t.words[j][:1].isupper() for j in span) \
                or any(t.pos[j] not in ("PROPN", "NOUN") for j in span):
            continue
        if word in _PUBLICATION_NOUNS:
            paper = ents.at(span)
            if paper is not None:
                # "a Baton Rouge newspaper" is described by its place, not named.
                if ents.by_id(paper).type in (ORG, OUTLET):
                    return paper
                continue
            return ents.find_or_add(t.text[t.starts[span[0]]:t.ends[span[-1]]], OUTLET)
        return ents.find_or_add(t.text[t.starts[span[0]]:t.ends[k]], ORG)
    return None


_PAPER_TITLE = re.compile(r"\bThe((?: [A-Z][\w.&'-]*){1,4})")
#: Newspaper-name endings that stand alone for other things ("The Constitution says").
_NOT_A_PAPER_ALONE = lexicon.with_tag("newspaper_endings", "not_alone")


def _paper_by_title(t: TokenTable, ents: ArticleEntities, head: int) -> str | None:
    """"The newspaper" after "The Advocate", a paper's name the recogniser did not see as one (added to
    the store on first use)."""
    found = None
    for m in _PAPER_TITLE.finditer(t.text, 0, t.starts[head]):
        words = m.group(1).split()
        last = words[-1].lower()
        if last in _NEWSPAPER_NAMES and (len(words) > 1 or last not in _NOT_A_PAPER_ALONE):
            found = m.group(0)
    return ents.find_or_add(found, OUTLET) if found else None


#: A relative is someone's: "his wife" is never the man himself, whoever the story is about.
_KIN = {role: _ROLE_GENDER[role] for role in lexicon.with_tag("person_roles", "kin")}


def _relative(t: TokenTable, ents: ArticleEntities, head: int, possessor: int, word: str,
              excluded: set[str]) -> str | None:
    """Who "his wife" or "Sanders' son" is: the name the article gave that relative ("his wife,
    Jane," or "Jane Sanders, his wife"), else the one person of that gender who shares the owner's
    surname; nobody when the article never names them."""
    owner = _person_behind(t, ents, possessor)
    persons = {e.id: e for e in ents.entities if e.type == PERSON and e.id != owner and e.id not in excluded
               and gender(e) in (None, _KIN[word])}
    named = []
    for k in range(t.n):
        if t.lower[k] != word or k == head and not t.children[k]:
            continue
        near = [c for c in t.children[k] if t.dep[c] == "appos"] + ([t.head[k]] if t.dep[k] == "appos" else [])
        for c in near:
            found = ents.token_entity.get(c)
            if found in persons:
                named.append((k, found))
    if named:
        before = [n for n in named if n[0] <= head]
        return (before or named)[-1][1]
    if owner is None:
        return None
    surname = ents.by_id(owner).name.split()[-1].lower()
    kin = [e for e in persons.values() if len(e.name.split()) > 1 and e.name.split()[-1].lower() == surname]
    if len(kin) > 1:
        # "his wife" beside Ghazala Khan and their son Humayun Khan, whose gender the article never gives.
        kin = [e for e in kin if gender(e) == _KIN[word]]
    return kin[0].id if len(kin) == 1 else None


def _person_behind(t: TokenTable, ents: ArticleEntities, owner_tok: int) -> str | None:
    """The entity an owner word stands for: a pronoun's antecedent ("his"), else the name's entity."""
    if t.lower[owner_tok] in PERSON_PRONOUNS:
        return resolve_pronoun(t, ents, owner_tok)
    return ents.token_entity.get(owner_tok)


_QUALIFYING_DEPS = frozenset({"prep", "pobj", "compound", "det", "amod", "punct"})


def _name_set_off(t: TokenTable, ents: ArticleEntities, toks: tuple[int, ...], head: int) -> str | None:
    """The person named between commas after the head ("Apple's chief executive, Tim Cook, called",
    "his best friend at Lehigh, Bruce Turry, who").

    An apposition the parser did not see, or hung on the phrase after the head: the phrase ends in
    a comma and the name alone (and perhaps a relative clause).
    """
    words = [k for k in toks if k > head and not t.is_space[k]]
    # "..., Bruce Turry, who remembered ...": the clause after the name is no part of it.
    clause = next((j for j, k in enumerate(words) if t.lower[k] in _RELATIVE_PRONOUNS), len(words))
    words = words[:clause]
    while words and t.is_punct[words[-1]]:
        words.pop()
    comma = max((k for k in words if t.words[k] == ","), default=None)
    rest = [k for k in words if comma is not None and k > comma and not t.is_punct[k]]
    if not rest:
        return None
    # Between the head and the comma, only a phrase that qualifies the noun ("at Lehigh", "for Pagliano").
    if comma != head + 1 and (t.pos[head] != "NOUN" or not all(
            t.dep[k] in _QUALIFYING_DEPS or k in ents.token_entity for k in words if head < k < comma)):
        return None
    who = {ents.token_entity.get(k) for k in rest}
    if len(who) != 1 or None in who:
        return None
    person = who.pop()
    return person if ents.by_id(person).type == PERSON else None


def co_speakers(t: TokenTable, ents: ArticleEntities, toks: tuple[int, ...], speaker: str) -> tuple[str, ...]:
    """The others a source names alongside its speaker ("Mr. Grassley and [Mr. Leahy] said").

    Only names coordinated with the speaker's own: "lawyers for Donald and Ivana Trump" or "a
    strategist for Mrs. Clinton" names no one who speaks.
    """
    inside = set(toks)
    # "Sanders, Clinton or Trump", "the Swiss People's Party, or SVP": alternatives, not a joint voice.
    if any(t.lower[k] == "or" and t.dep[k] == "cc" for k in toks):
        return ()
    found: list[str] = []
    for k in toks:
        other = ents.token_entity.get(k)
        if t.dep[k] != "conj" or other is None or other == speaker or other in found:
            continue
        root = k
        while t.dep[root] == "conj" and t.head[root] in inside and t.head[root] != root:
            root = t.head[root]
        if ents.token_entity.get(root) == speaker and ents.by_id(other).type == ents.by_id(speaker).type:
            found.append(other)
    return tuple(found)


_RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})


def _relative_antecedent(t: TokenTable, ents: ArticleEntities, head: int) -> str | None:
    """The named entity "who" or "which" stands for ("Warren, who said ...").

    Only a name, or a description in apposition to one ("John Bentel, a
    staffer who told ..."); a list ("A, B and C, who ...", which the parser
    attaches to A) is left unresolved rather than guessed: the clause may
    be said of all of them or of C alone.  A list whose names each have a
    clause of their own ("George W. Bush, who signed ..., and his wife,
    Laura, who spoke ...") is not in doubt.  A bare description ("a
    reporter who asked") is ``relative_source``'s to read.
    """
    noun = _antecedent_noun(t, ents, head)
    if noun is None:
        return None
    if _listed_before(t, noun, head, named=ents.token_entity):  # a misparsed list ("A, B and C, who")
        return None
    if t.dep[noun] == "appos":
        noun = t.head[noun]
    if _listed_before(t, noun, head):
        return None
    if t.dep[noun] == "conj":
        first = noun
        while t.dep[first] == "conj" and t.head[first] != first:
            first = t.head[first]
        if not any(t.dep[k] == "relcl" and k < noun for k in t.children[first]):
            return None
    if noun not in ents.token_entity and (t.lower[noun] in PERSON_ROLES or t.lower[noun] in _KIN):
        # "his wife, Laura, who": the name in apposition to the description.
        noun = next((k for k in t.children[noun] if t.dep[k] == "appos" and k < head), noun)
    found = ents.token_entity.get(noun)
    return found if found and _agrees(t, ents, found, head) else None


def _listed_before(t: TokenTable, noun: int, pronoun: int, named: Container[int] | None = None) -> bool:
    """Whether others are joined to the noun before the relative pronoun ("A and B, who"); given
    named, only names count ("a superdelegate and Clinton supporter who" is one person)."""
    return any(t.dep[k] == "conj" and k < pronoun and (named is None or k in named) for k in t.children[noun])


def _agrees(t: TokenTable, ents: ArticleEntities, entity: str, pronoun: int) -> bool:
    """Whether a relative pronoun's verb may have the entity for subject: one person is not "who are"
    or "who say" ("those supporting Clinton, who are growing irritated")."""
    verb = t.head[pronoun]
    words = [k for k in (verb, *t.children[verb]) if k == verb or t.dep[k] in ("aux", "auxpass")]
    # The tagger calls a contracted "who's" VBP now and then.
    plural = any(t.lower[k] in _PLURAL_AUX or t.tag[k] == "VBP" and t.lower[k] not in _SINGULAR_VBP
                 for k in words)
    return not (plural and ents.by_id(entity).type == PERSON)


_PLURAL_AUX = frozenset({"are", "were", "have", "'re", "\u2019re", "'ve", "\u2019ve"})
_SINGULAR_VBP = frozenset({"'s", "\u2019s", "am", "'m", "\u2019m"})


def _antecedent_noun(t: TokenTable, ents: ArticleEntities, pronoun: int) -> int | None:
    """The noun a relative pronoun's clause hangs from, before it ("Warren, who")."""
    verb = t.head[pronoun]
    if t.dep[verb] != "relcl" or t.head[verb] >= pronoun:
        return None
    noun = t.head[verb]
    # "Democrats on Capitol Hill, who argued", "a gynecologist from Englewood, who said": the parser
    # hangs the clause on the nearest noun, but "who" stands for the people the phrase is about
    # (and not for "an attack on Trump, who").
    prep, named = t.head[noun], ents.token_entity.get(noun)
    holder = t.head[prep]
    if t.lower[pronoun] == "who" and t.dep[noun] == "pobj" and t.dep[prep] == "prep" and holder < prep \
            and t.pos[holder] in ("NOUN", "PROPN") and (named is None or ents.by_id(named).type != PERSON) \
            and (_names_people(t, holder) or t.ent[noun] in ("GPE", "LOC", "FAC")):
        noun = holder
    return noun


def _names_people(t: TokenTable, k: int) -> bool:
    """Whether a noun is a kind of person or a group of people ("listeners", "Democrats", "the executive")."""
    return t.lower[k] in PERSON_ROLES or t.lower[k] in lexicon.words("anonymous") or t.tag[k] == "NNPS"


def relative_antecedent_phrase(t: TokenTable, ents: ArticleEntities,
                               toks: tuple[int, ...]) -> tuple[int, ...] | None:
    """The phrase a relative pronoun source stands for: "[some economists] who argue that ...".

    A source that is only "who", "which" or "that" is identified by what it
    refers to, as if that phrase were the source.  Lists and appositions
    ("Bush, who", "John Bentel, a staffer who") are left to
    ``_relative_antecedent``, which resolves the names among them or nothing.
    """
    if len(toks) != 1 or t.lower[toks[0]] not in _RELATIVE_PRONOUNS:
        return None
    pronoun = toks[0]
    noun = _antecedent_noun(t, ents, pronoun)
    if noun is None or any(t.dep[k] in ("appos", "conj") for k in (noun, *t.children[noun])):
        return None
    phrase = [k for k in t.subtree(noun) if k < pronoun and not t.is_space[k]]
    while phrase and t.is_punct[phrase[-1]]:
        phrase.pop()
    return without_dateline(t, tuple(phrase)) if phrase else None


def relative_source(t: TokenTable, ents: ArticleEntities, toks: tuple[int, ...],
                    exclude: Iterable[str] = ()) -> tuple[str | None, tuple[int, ...]] | None:
    """Who a "who" or "which" source stands for, if anyone, and the phrase that says so.

    A name ("the Service Employees International Union, which"), a person
    described as a name would be ("the star journalist, who") or a
    campaign's own body ("Clinton's campaign, which") resolves; other
    descriptions ("the Saudi government, which", "Hispanics who") are
    returned unresolved, for the caller to keep only when the phrase is
    itself an anonymous source ("two Pentagon officials, who").
    """
    phrase = relative_antecedent_phrase(t, ents, toks)
    if phrase is None:
        return None
    head = source_head(t, phrase)
    if head in ents.token_entity:
        found = ents.token_entity[head]
        return (found if _agrees(t, ents, found, toks[0]) else None), phrase
    set_off = _name_set_off(t, ents, phrase, head)  # "his best friend at Lehigh, Bruce Turry, who"
    if set_off is not None:
        return (set_off if _agrees(t, ents, set_off, toks[0]) else None), phrase
    owned_body = t.lower[head] in ORG_ROLES and any(t.dep[k] == "poss" for k in t.children[head])
    if is_described_person(t, phrase) or owned_body:
        return resolve_phrase(t, ents, phrase, exclude), phrase
    return None, phrase


def is_described_person(t: TokenTable, toks: tuple[int, ...]) -> bool:
    """Whether a phrase is a definite description of a person ("the senator"), not an anonymous one."""
    inside = set(toks)
    head = next((k for k in toks if t.head[k] not in inside or t.head[k] == k), toks[-1])
    return t.lower[head] in PERSON_ROLES and t.lower[toks[0]] in _DEFINITE


def record_anonymous_source(t: TokenTable, ents: ArticleEntities, toks: tuple[int, ...],
                            rule: str = "anonymous_source") -> Resolution:
    """An anonymous source: a definite one ("the sources") is the earlier group of the same kind,
    when the words that say whose it is agree ("the prime minister's spokesperson" is not "a
    spokesperson for Carrie Johnson", but "the Pentagon official" is "a senior Pentagon official").
    An unowned document is recorded the same way, under its own ``rule`` ("the memo" after "an
    internal NYPD memo")."""
    first = t.lower[toks[0]]
    inside = set(toks)
    head = next((k for k in toks if t.head[k] not in inside or t.head[k] == k), toks[-1])
    if first in _DEFINITE:
        stem = t.lower[head].rstrip("s")
        qualifiers = _qualifying_nouns(t, toks, head)
        earlier = [e for e in ents.entities if e.type == ANONYMOUS and e.mentions
                   and e.mentions[0][0] < toks[0] and _same_kind(stem, e.name)
                   and qualifiers <= _name_words(e.name)]
        if earlier:
            best = max(earlier, key=lambda e: e.mentions[0][0])
            ents.add_mention(best.id, toks[0], toks[-1])
            return Resolution(best.id, f"{rule}.earlier_group")
    name = t.text[t.starts[toks[0]]:t.ends[toks[-1]]]
    e = ents.add_entity(name, ANONYMOUS, TYPE_DESCRIBED)
    ents.add_mention(e.id, toks[0], toks[-1])
    return Resolution(e.id, rule)


_INTERCHANGEABLE = {"source", "official", "person", "people", "insider", "aide"}


def _qualifying_nouns(t: TokenTable, toks: tuple[int, ...], head: int) -> set[str]:
    """The nouns and names besides the head that say whose or which source a phrase is: "prime" and
    "minister" in "the prime minister's spokesperson" (not "the two senior officials": numbers and
    adjectives only say how many or how senior)."""
    return {t.lower[k].rstrip(".") for k in toks if k != head and t.tag[k] in ("NN", "NNS", "NNP", "NNPS")}


def _name_words(name: str) -> set[str]:
    return {re.sub(r"(?:'s|\u2019s)$", "", w.lower().rstrip(".,")) for w in name.split()}


#: Document nouns that name the same document: "the suit" is "The lawsuit".
_SAME_DOCUMENT = {"suit", "lawsuit"}


def _same_kind(stem: str, name: str) -> bool:
    words = {w.lower().rstrip("s") for w in name.split()}
    if stem in words:
        return True
    return any(stem in same and bool(words & same) for same in (_INTERCHANGEABLE, _SAME_DOCUMENT))


#: Words a description uses for whoever heads an organisation ("the agency's chief", "NHS leader"),
#: and the roles by which an article names such a head ("FAA Administrator Steve Dickson", "The CEO
#: of the NHS Confederation Matthew Taylor"): a reader takes the one for the other.
HEAD_WORDS = frozenset({"chief", "head", "boss", "leader"})
HEADING_ROLES = HEAD_WORDS | frozenset({
    "ceo", "executive", "chairman", "chairwoman", "chair", "chairperson", "director", "administrator",
    "commissioner", "president", "secretary-general", "director-general"})
#: Parts of speech that end the words beside a name: a verb, a clause, a conjunction, a pronoun.
_NOT_BESIDE = frozenset({"VERB", "AUX", "CCONJ", "SCONJ", "PRON"})


def roles_beside(t: TokenTable, e: EntityDraft) -> list[tuple[list[str], list[str]]]:
    """Each role an article gives a person, as the title's words (``title_words``) and all the words
    of its phrase: the titles the entity finder read and, at each mention, the words of its noun phrase right before the name
    ("FAA Administrator Steve Dickson", "The CEO of the NHS Confederation Matthew Taylor") and the
    phrase set off by a comma after it ("Kim Tae-hyo, principal deputy national security adviser,"),
    each as the parse joins it to the name (not "London's Muslim mayor rebuffs Trump", the
    headline's subject)."""
    out = [(title_words(x), x.lower().split()) for x in e.titles]
    for a, b in e.mentions:
        ancestors = _ancestors(t, b)
        joined = set(range(a, b + 1))
        before: list[int] = []
        k = a - 1
        while k >= 0 and t.sent[k] == t.sent[a] and not t.is_punct[k] and t.pos[k] not in _NOT_BESIDE and (
                t.pos[k] != "ADP" or t.lower[k] == "of") and _not_someone_else(t, e, k) and (
                k in ancestors or t.head[k] in joined and t.dep[k] not in SUBJECT_DEPS | {"dobj"}):
            before.insert(0, k)
            joined.add(k)
            k -= 1
        after: list[int] = []
        k = b + 1
        if k < t.n and t.words[k] == ",":
            k += 1
            while k < t.n and t.sent[k] == t.sent[b] and not t.is_punct[k] and t.pos[k] not in _NOT_BESIDE:
                after.append(k)
                k += 1
        set_off = any(k in ancestors or a <= t.head[k] <= b and t.dep[k] == "appos" for k in after)
        # Read as a title ("the campaign's new political director" is a director, not a campaign),
        # beside every word of the phrase ("NHS" in "The CEO of the NHS Confederation").
        out += [(title_words(t.text[t.starts[toks[0]]:t.ends[toks[-1]]]), [t.lower[k] for k in toks])
                for toks in (before, after if set_off else []) if toks]
    return out


def _ancestors(t: TokenTable, k: int) -> set[int]:
    out = set()
    while t.head[k] != k and t.head[k] not in out:
        k = t.head[k]
        out.add(k)
    return out


def _not_someone_else(t: TokenTable, e: EntityDraft, k: int) -> bool:
    """Whether token k is no one's name but possibly e's own (a name before e's ends what is beside it)."""
    return t.ent[k] != "PERSON" or any(a <= k <= b for a, b in e.mentions)


def fits_role(role: str, words: list[str]) -> bool:
    """Whether a role's words say the description's role noun: the noun itself, or for "chief",
    "head", "boss" and "leader" any role of someone heading an organisation."""
    return role in words or role in HEAD_WORDS and bool(HEADING_ROLES & set(words))


def has_role(t: TokenTable, e: EntityDraft, role: str, offices: set[str], indefinite: bool,
             needed: frozenset[str] = frozenset()) -> bool:
    """Whether the article gives person e the description's role, in the same office ("the vice
    president" needs a vice president; "the president" is not one); "a national security adviser"
    (``indefinite``) fits a deputy national security adviser too; every word of ``needed`` must be
    among the role's words."""
    for words, phrase in roles_beside(t, e):
        held = set(words) & OTHER_OFFICE
        if fits_role(role, words) and needed <= set(phrase) and (offices <= held if indefinite else offices == held):
            return True
    return False
