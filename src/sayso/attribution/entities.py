"""The people, organisations and outlets of one article, and every way it refers to them.

Names come from spaCy's entity recogniser plus the outlet lexicon (the small
model often calls "Axios" a nationality).  Mentions of one person are joined
by surname ("Zelensky" -> "Ukrainian President Volodymyr Zelensky"); a name
the recogniser labels PERSON anywhere is a person everywhere (it sometimes
calls "Trump" an ORG).  Titles are the title words just before a name
("Treasury Secretary") or an apposition after it.  Role nouns ("the
president", "the Ukrainian leader", "the Ukrainian") are resolved to the
titled person they fit, most recent first.  Pronouns are resolved later, per
attribution (sayso.attribution.speakers), because the right antecedent depends
on the attribution.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from sayso import lexicon
from sayso.attribution.knowledge import LEXICON_YEAR, known_person, known_surname
from sayso.attribution.table import DASHES, TokenTable
from sayso.attribution.tokens import (
    CLOSING_QUOTE_TOKENS,
    OPENING_QUOTE_TOKENS,
    POSSESSIVE_MARKS,
    SUBJECT_DEPS,
)

PERSON, ORG, OUTLET, GPE, ANONYMOUS = "PERSON", "ORG", "OUTLET", "GPE", "ANONYMOUS"
#: How an entity's type was decided (``EntityDraft.type_rule``).  The recogniser's label for the mention
#: that made the entity, unless one of the rules below says otherwise for the whole article.
TYPE_RECOGNISER = "type.recogniser"
#: The recogniser labels the name PERSON in another mention ("Trump" tagged ORG once, PERSON elsewhere).
TYPE_PERSON_ELSEWHERE = "type.person_elsewhere"
#: The surname of a full name the article gives a person ("Emerald" after "Marti Emerald").
TYPE_PERSON_SURNAME = "type.person_surname"
#: An organisation's or place's name the recogniser also gives another label: the label most of its
#: mentions carry ("Hong Kong" as GPE four times and ORG once), the first on a tie.
TYPE_MAJORITY = "type.majority"
#: An entity a description added ("the Clinton campaign", "the Kerala police"): its type is the sieve's.
TYPE_DESCRIBED = "type.described"
#: Prefix of the rules of ``_people_by_article`` (type.person_by_article.title, ...).
TYPE_PERSON_BY_ARTICLE = "type.person_by_article"
#: A name the recogniser called a person's that the article calls a company by the noun before it
#: ("digital payments company Paytm", "Indian edtech startup Byju's"), and nothing calls a person's.
TYPE_ORGANISATION_BY_ARTICLE = "type.organisation_by_article.noun_before"
_NAME_LABELS = {"PERSON": PERSON, "ORG": ORG, "GPE": GPE}
#: Verbs a title-case headline puts right after a name, which the recogniser takes for part of it.
_HEADLINE_VERBS = {
    "says", "said", "tells", "told", "sees", "urges", "warns", "calls", "vows", "slams", "blasts", "rips",
    "hits", "praises", "defends", "admits", "denies", "claims", "wants", "backs", "touts", "attacks",
    "accuses", "rejects", "responds", "insists", "pledges", "promises", "asks", "writes", "wins", "loses",
}
_PARTY_NOUNS = {"republican", "democrat", "republicans", "democrats", "independent", "libertarian"}
#: First words of organisation names that do not name the organisation alone.
_GENERIC_FIRST = {
    "the", "national", "united", "american", "new", "democratic", "republican", "federal", "state", "u.s.",
    "us", "general", "first", "international", "world", "global", "north", "south", "east", "west",
    "central", "southern", "northern", "royal", "supreme", "white", "department", "office", "bureau",
    "house", "senate", "university", "institute", "council", "committee", "association", "center",
    "centre", "church", "bank", "city", "county", "big", "great", "public", "free", "independent",
}
#: Role nouns that stand for a head of state or government.
_LEADER_ROLES = lexicon.with_tag("person_roles", "leader")
#: Role nouns that "the <role>" ties at once to the person the article titles so.
_ROLE_NOUNS = lexicon.with_tag("person_roles", "titled")


@dataclass
class EntityDraft:
    id: str
    name: str
    type: str
    titles: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)  # token ranges, inclusive
    nationality: str = ""
    #: Lower-cased titles the article gives with "former" ("former President Bill Clinton") and without.
    former_titles: set[str] = field(default_factory=set)
    sitting_titles: set[str] = field(default_factory=set)
    #: The rule that decided ``type`` (one of the TYPE_* names above).
    type_rule: str = TYPE_RECOGNISER

    @property
    def surname(self) -> str:
        return self.name.split()[-1].lower() if self.name else ""


class ArticleEntities:
    """The article's entities, indexed by id, and an index from token to the entity mentioned there.

    The one place the store changes: every change is a method below named as
    one (``add_entity``, ``add_mention``, ``merge``, ...); everything else
    only reads (``by_id``, ``at``, ``entities``, ``token_entity``).  So a
    function that takes an ArticleEntities and calls none of these methods
    leaves it as it was, and one that does says so by the names it calls.
    """

    def __init__(self, year: int | None = None) -> None:
        self._entities: list[EntityDraft] = []
        self._by_id: dict[str, EntityDraft] = {}
        self._token_entity: dict[int, str] = {}
        #: Role noun -> the person a description with it was last resolved to ("the pollster").
        self._described: dict[str, str] = {}
        self._reported_by_person: set[int] = set()
        #: The year the article was published, when the caller says so (it dates "the president").
        self.year = year

    # Reading.

    @property
    def entities(self) -> Sequence[EntityDraft]:
        """The entities, in order of first mention once ``find_entities`` is done."""
        return self._entities

    @property
    def token_entity(self) -> Mapping[int, str]:
        """Token index -> the id of the entity mentioned there."""
        return self._token_entity

    @property
    def reported_by_person(self) -> AbstractSet[int]:
        """Words a person's attribution reports outside quotation marks (paraphrases), as resolved so far."""
        return self._reported_by_person

    def by_id(self, entity_id: str) -> EntityDraft:
        return self._by_id[entity_id]

    def at(self, tokens: range | list[int] | tuple[int, ...]) -> str | None:
        """The entity mentioned by these tokens (the last named one, which is the head in English NPs)."""
        found = [self._token_entity[k] for k in tokens if k in self._token_entity]
        return found[-1] if found else None

    def described_last(self, role: str) -> str | None:
        """The person a description with this role noun was last resolved to ("the pollster")."""
        return self._described.get(role)

    # Changing.

    def add_entity(self, name: str, type_: str, type_rule: str = TYPE_RECOGNISER) -> EntityDraft:
        """A new entity, with no mentions yet; ``type_rule`` names the rule that decided its type."""
        e = EntityDraft(id=f"e{len(self._entities) + 1}", name=name, type=type_, type_rule=type_rule)
        self._entities.append(e)
        self._by_id[e.id] = e
        return e

    def find_or_add(self, name: str, type_: str) -> str:
        """The id of the entity of this name and type, added on first use (one the article never
        names as such: "Clinton campaign", "The Advocate")."""
        existing = next((e for e in self._entities if e.type == type_ and e.name.lower() == name.lower()), None)
        return (existing or self.add_entity(name, type_, TYPE_DESCRIBED)).id

    def add_mention(self, entity_id: str, a: int, b: int) -> None:
        """Tokens a..b mention the entity; tokens already tied to another entity stay so."""
        e = self._by_id[entity_id]
        if (a, b) not in e.mentions:
            e.mentions.append((a, b))
            e.mentions.sort()
        for k in range(a, b + 1):
            self._token_entity.setdefault(k, entity_id)

    def claim_tokens(self, entity_id: str, a: int, b: int) -> None:
        """Tokens a..b mention the entity, whatever they were tied to before."""
        for k in range(a, b + 1):
            self._token_entity[k] = entity_id

    def merge(self, kept_id: str, dropped_id: str, *, sort_mentions: bool) -> None:
        """The dropped entity was another name for the kept one: its mentions and tokens move over.

        (``sort_mentions``: one caller never sorted the merged mentions; their order decides
        which mention counts as first, so it stays as it was.)
        """
        kept, dropped = self._by_id[kept_id], self._by_id.pop(dropped_id)
        for a, b in dropped.mentions:
            self.claim_tokens(kept_id, a, b)
        kept.mentions.extend(dropped.mentions)
        if sort_mentions:
            kept.mentions.sort()
        self._entities.remove(dropped)

    def keep_mentions(self, entity_id: str, mentions: list[tuple[int, int]]) -> None:
        """Replace the entity's mentions (a subset of them); its tokens are left to the caller."""
        self._by_id[entity_id].mentions = mentions

    def drop_unmentioned(self) -> None:
        """Remove the entities left without mentions, and their tokens."""
        self._entities = [e for e in self._entities if e.mentions]
        self._by_id = {e.id: e for e in self._entities}
        self._token_entity = {k: v for k, v in self._token_entity.items() if v in self._by_id}

    def renumber_by_first_mention(self) -> None:
        """Ids e1, e2, ... in order of first mention: stable and readable."""
        self._entities.sort(key=lambda e: e.mentions[0])
        renumber = {e.id: f"e{n}" for n, e in enumerate(self._entities, 1)}
        for e in self._entities:
            e.id = renumber[e.id]
        self._by_id = {e.id: e for e in self._entities}
        self._token_entity = {k: renumber[v] for k, v in self._token_entity.items()}

    def rename(self, entity_id: str, name: str) -> None:
        self._by_id[entity_id].name = name

    def add_title(self, entity_id: str, title: str) -> bool:
        """Give the entity a title ("Treasury Secretary"); whether it is new to them."""
        e = self._by_id[entity_id]
        if title in e.titles:
            return False
        e.titles.append(title)
        return True

    def mark_title_held(self, entity_id: str, title: str, former: bool) -> None:
        """The article gives this title as a former one ("former President ...") or a sitting one."""
        e = self._by_id[entity_id]
        (e.former_titles if former else e.sitting_titles).add(title.lower())

    def note_nationality(self, entity_id: str, nationality: str) -> None:
        """The entity's nationality, unless it already has one."""
        e = self._by_id[entity_id]
        e.nationality = e.nationality or nationality

    def remember_description(self, role: str, entity_id: str) -> None:
        """A description with this role noun was resolved to this person ("the pollster")."""
        self._described[role] = entity_id

    def mark_reported_by_person(self, tokens: Iterable[int]) -> None:
        """These words are reported by a person (outside quotation marks)."""
        self._reported_by_person.update(tokens)


def _strip_possessive(t: TokenTable, a: int, b: int) -> tuple[int, int]:
    # Also a dangling "of" or "and" the recogniser took in ("Office of the Secretary of").
    while b > a and (t.words[b] in POSSESSIVE_MARKS or t.is_punct[b] or t.lower[b] in ("of", "and")):
        b -= 1
    while a < b and (t.lower[a] == "the" or t.is_punct[a]):
        a += 1
    return a, b


def _recogniser_spans(t: TokenTable) -> list[tuple[int, int]]:
    """The recogniser's entity spans, first and last token, in text order."""
    spans, i = [], 0
    while i < t.n:
        j = i
        if t.ent_iob[i] == "B":
            while j + 1 < t.n and t.ent_iob[j + 1] == "I":
                j += 1
            spans.append((i, j))
        i = j + 1
    return spans


def _name_between_breaks(t: TokenTable, a: int, b: int, recognised: set[str],
                         surnames: set[str]) -> tuple[int, int]:
    """The name in a span the recogniser ran across a spaced dash ("Donald Trump - and", "Weak - Rubio",
    "NEW YORK - Presidential") or a comma between people ("at Lehigh, Bruce Turry", "Carson,
    Huckabee, Fiorina earned"; not "King, Jr." nor "University of California, Berkeley"): the part
    that is a name elsewhere in the article, else the longest part that starts with a capital, else
    the first."""
    person = t.ent[a] == "PERSON"

    def spaced_dash(k: int) -> bool:
        return t.words[k] in DASHES and t.starts[k] > t.ends[k - 1]

    def comma_between_people(k: int) -> bool:
        if t.words[k] != "," or t.lower[k + 1].rstrip(".") in lexicon.words("name_suffixes"):
            return False
        surnames_around = t.lower[k - 1] in surnames and t.lower[k + 1] in surnames
        # "at Lehigh, Bruce Turry": a given name and a capitalised last word close the span.
        given_name_last = b - k == 2 and _is_given_name(t.words[k + 1]) and t.words[b][:1].isupper()
        return person or surnames_around or given_name_last

    cuts = [k for k in range(a + 1, b) if spaced_dash(k) or comma_between_people(k)]
    if not cuts:
        return a, b
    parts = [(lo, hi) for lo, hi in zip([a] + [k + 1 for k in cuts], [k - 1 for k in cuts] + [b]) if lo <= hi]
    named = [(lo, hi) for lo, hi in parts if t.words[lo][:1].isupper()] or parts[:1]
    return max(named, key=lambda p: (t.text[t.starts[p[0]]:t.ends[p[1]]] in recognised, p[1] - p[0], -p[0]))


#: A nickname may be set off in single quotation marks too ("Robert 'Bobby' Scott").
_OPENING_QUOTES = OPENING_QUOTE_TOKENS | {"\u2018"}
_CLOSING_QUOTES = CLOSING_QUOTE_TOKENS | {"\u2019"}


def _with_nickname(t: TokenTable, a: int, b: int) -> tuple[int, int]:
    """A name with a nickname in quotation marks after a given name ('Robert C. "Bobby" Scott'), which
    the recogniser stops inside or just after the quotation: the name runs on to the surname after it,
    else stops before the quotation ('Trump's "Make' is Trump)."""
    opening = next((k for k in range(a + 1, b + 1) if t.words[k] in _OPENING_QUOTES), None)
    if opening is None or not any(t.tag[k] == "NNP" for k in range(a, opening)):
        return a, b
    closing = next((k for k in range(opening + 1, min(b + 2, t.n)) if t.words[k] in _CLOSING_QUOTES), None)
    if closing is None:
        return a, opening - 1
    end = closing
    while end + 1 < t.n and t.tag[end + 1] == "NNP" and t.words[end + 1][:1].isupper():
        end += 1
    if end > closing or closing < b:
        return a, max(b, end)
    return a, opening - 1


def _outlet_mentions(t: TokenTable) -> list[tuple[int, int, str]]:
    """Token ranges that name a news outlet, with its canonical name."""
    names = lexicon.outlets()
    found: list[tuple[int, int, str]] = []
    i = 0
    while i < t.n:
        hit = None
        if t.words[i][:1].isupper():
            for j in range(min(t.n - 1, i + 4), i - 1, -1):
                surface = t.text[t.starts[i]:t.ends[j]]
                key = surface.lower()
                # Single capitalised words must match exactly ("Time" the word is not TIME).
                # An abbreviation in capitals is the outlet ("WASHINGTON (AP) --").
                # Several words end in a capital: "in India today" is not India Today.
                if key in names and (j > i and not t.words[j][:1].islower()
                                     or surface in (names[key], names[key].upper()) or (
                        len(surface) > 3 and surface[0].isupper() or len(surface) > 1 and surface.isupper())
                        and key not in ("time", "insider", "fox")):
                    hit = (i, j, names[key])
                    break
        if hit:
            a = hit[0] - 1 if hit[0] > 0 and t.lower[hit[0] - 1] == "the" else hit[0]
            found.append((a, hit[1], hit[2]))
            i = hit[1] + 1
        else:
            i += 1
    return _by_initials(found)


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.replace("-", " ").split() if w[:1].isupper())


def _by_initials(found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """An outlet's initials stand for the outlet the article names in full: "the ABC" after "the
    Australian Broadcasting Corp." is that broadcaster, not the list's ABC News."""
    named = {name for _, _, name in found}
    out = []
    for a, b, name in found:
        short = name.split()[0] if name.split()[0].isupper() else ""
        full = [n for n in named if n != name and len(short) >= 2 and _initials(n).startswith(short)]
        out.append((a, b, full[0] if len(full) == 1 else name))
    return out


def _title_before(t: TokenTable, a: int) -> tuple[str, str, int, bool]:
    """Title words just before token ``a`` ("Ukrainian President"), nationality, start token, and
    whether the title is a former one ("former President Bill Clinton")."""
    titles = lexicon.words("titles")
    k = a - 1
    while k >= 0 and t.sent[k] == t.sent[a] and not t.is_punct[k] and (
        t.lower[k] in titles or t.ent[k] in ("NORP", "ORG", "GPE") and t.words[k][:1].isupper()
        or (t.lower[k] == "of" and k - 1 >= 0 and t.lower[k - 1] in titles)
    ):
        k -= 1
    start = k + 1
    former = False
    while start < a and t.lower[start] in ("of", "former"):
        former = former or t.lower[start] == "former"
        start += 1
    words = t.words[start:a]
    nationality = next((t.lower[j] for j in range(start, a) if t.ent[j] in ("NORP", "GPE")), "")
    has_title_word = any(w.lower() in titles for w in words)
    title = " ".join(words) if has_title_word else ""
    return (title, nationality, start, former and bool(title))


def _apposition_title(t: TokenTable, b: int) -> str:
    """ "Steve Witkoff, special envoy to the Middle East" -> "special envoy to the Middle East"."""
    head = b
    for k in t.children[head]:
        if t.dep[k] == "appos" and t.ent[k] != "PERSON":
            toks = t.subtree(k)
            return t.text[t.starts[toks[0]]:t.ends[toks[-1]]]
    return ""


def _person_surnames(t: TokenTable, recognised: list[tuple[int, int]]) -> set[str]:
    """Last words of the full names (two words or more) the recogniser labels PERSON."""
    out = set()
    for i, j in recognised:
        if t.ent[i] == "PERSON":
            a, b = _strip_possessive(t, i, j)
            if b > a and t.words[a][:1].isupper():
                out.add(t.lower[b])
    return out


#: Companies the recogniser sometimes takes for a person or a place.
_COMPANIES = frozenset({
    "twitter", "facebook", "instagram", "youtube", "google", "apple", "amazon", "microsoft", "snapchat",
    "reddit", "tiktok", "linkedin", "verizon", "uber", "tesla", "netflix", "walmart", "exxon", "boeing",
    "openai", "nvidia", "anthropic", "spacex", "airbnb", "lyft", "spotify", "paypal", "intel", "oracle",
})


#: Last words that make an organisation's name a newspaper's; not "Star", "Sun", "Mail", "Globe" or
#: "Record", which end other names too ("Royal Mail", "Golden Globe").
_NEWSPAPER_ENDINGS = frozenset(lexicon.tagged("newspaper_endings")) - lexicon.with_tag("newspaper_endings", "ambiguous")


def _corrected(label: str, text: str) -> tuple[str, str]:
    """The recogniser's label (and name), put right where sayso knows better.

    It tags some well-known people as organisations ("Carly Fiorina: 'Bill
    Clinton's fair game.'"): a full name sayso knows is a person's. It tags
    some companies as people or places ("revealed her bias on Twitter. In
    fact, she ...").
    """
    if label in (ORG, GPE) and len(text.split()) >= 2 and known_person(text):
        return PERSON, text
    outlet = _site_outlet(text)
    if outlet:  # "Breitbart.com" is Breitbart News
        return OUTLET, outlet
    words = text.split()
    if label == ORG and len(words) >= 2 and words[-1].lower() in _NEWSPAPER_ENDINGS and words[-1][:1].isupper():
        return OUTLET, text  # "The Charlotte Observer", "the Sacramento Bee": a newspaper sayso's list lacks
    return ORG if text.lower() in _COMPANIES else label, text


#: Every newspaper ending, the ambiguous ones too: after "the", a one-word name ending so is a paper.
_ANY_NEWSPAPER_ENDING = frozenset(lexicon.tagged("newspaper_endings"))
#: "Channel 13", "Channel 4 News": a broadcaster named by its channel number.
_CHANNEL = re.compile(r"^Channel \d+(?: News)?$")


def _papers_and_channels(t: TokenTable, a: int, label: str, text: str) -> tuple[str, str]:
    """An organisation whose name has a newspaper's or a channel's shape is an outlet: "the Sun",
    "The Times", "The Courier-Mail" (one word after "the" that ends as newspapers' names do; not
    "Royal Mail"), "Channel 13". The recogniser calls them organisations, and an outlet's words
    then count as a company's (tests/fresh/README-h5.md: a cited paper or channel is an outlet)."""
    if label != ORG:
        return label, text
    if _CHANNEL.match(text):
        return OUTLET, text
    last = re.split(r"[-\s]", text)[-1].lower()
    if len(text.split()) == 1 and last in _ANY_NEWSPAPER_ENDING and a > 0 and t.lower[a - 1] == "the":
        return OUTLET, text
    return label, text


def _known_full_name(text: str) -> bool:
    """Whether text is the full name of a person sayso knows, as sayso writes it ("Carly Fiorina")."""
    person = known_person(text)
    return person is not None and person.name.lower() == text.lower()


def _is_given_name(word: str) -> bool:
    return word.lower() in lexicon.words("names_female") or word.lower() in lexicon.words("names_male")


Span = tuple[int, int, str, str]  # first token, last token, label, name


def _known_names_inside(t: TokenTable, spans: list[Span]) -> list[Span]:
    """A person's span that ends in the full name of a person sayso knows, after words that are no given
    name, is that name: headlines make "Cheeto Donald Trump", "Telling Jeb Bush", "Kentuckian Rand Paul"."""
    out = []
    for a, b, label, text in spans:
        if label == PERSON and b - a >= 2 and not _known_full_name(text):
            for start in range(a + 1, b):
                rest = t.text[t.starts[start]:t.ends[b]]
                if _known_full_name(rest) and not any(_is_given_name(t.words[k]) for k in range(a, start)):
                    a, text = start, rest
                    break
        out.append((a, b, label, text))
    return out


def _headline_words_before_surnames(t: TokenTable, spans: list[Span]) -> list[Span]:
    """A headline's capitals make "Derelict Obama", "Denounces Clinton", "Will Sanders" look like names.

    In the first line only, a two-word name whose second word is the surname of a public figure sayso
    knows, whose first is no given name, and which the article never writes again, is the surname.
    """
    head_end = t.text.find("\n")
    if head_end < 0:
        return spans
    body = t.text[head_end:]
    out = []
    for a, b, label, text in spans:
        words = text.split()
        if (label == PERSON and t.starts[a] < head_end and len(words) == 2 and b > a
                and known_surname(t.words[b]) and not _is_given_name(words[0].rstrip(","))
                and known_person(text) is None and text not in body):
            a, text = b, t.words[b]
        out.append((a, b, label, text))
    return out


def _with_known_names(t: TokenTable, spans: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Add the full names of people sayso knows that the recogniser missed ("Carly Fiorina: What ...").

    A span the recogniser gave a part of the name ("Carly" as a place) gives way.
    """
    people = [(a, b) for a, b, label, _ in spans if label == PERSON]
    added = []
    for a in range(t.n - 1):
        for b in (a + 2, a + 1):
            if b >= t.n or not all(t.pos[k] == "PROPN" and t.words[k][:1].isupper() for k in range(a, b + 1)):
                continue
            if any(x <= b and a <= y for x, y in people):
                continue
            text = t.text[t.starts[a]:t.ends[b]]
            if _known_full_name(text):
                added.append((a, b, PERSON, text))
                people.append((a, b))
                break
    if not added:
        return spans
    kept = [s for s in spans if not any(s[0] <= b and a <= s[1] for a, b, _, _ in added)]
    return sorted(kept + added)


def find_entities(t: TokenTable, year: int | None = None) -> ArticleEntities:
    ents = ArticleEntities(year=year)
    titles = lexicon.words("titles")
    spans: list[tuple[int, int, str, str]] = []  # a, b, label, canonical-or-text
    outlet_tokens: set[int] = set()
    recognised = _recogniser_spans(t)
    # "Bloomberg" in a story about Michael Bloomberg is the man, not the news agency.
    surnames = _person_surnames(t, recognised)
    for a, b, name in _outlet_mentions(t):
        if t.text[t.starts[a]:t.ends[b]].lower().removeprefix("the ") in surnames:
            continue
        spans.append((a, b, OUTLET, name))
        outlet_tokens.update(range(a, b + 1))
    recognised_names = {t.text[t.starts[i]:t.ends[j]] for i, j in recognised}
    for i, j in recognised:
        if t.ent[i] not in _NAME_LABELS:
            continue
        nationality_noun = i == j and t.ent[i] in ("GPE", "NORP") and i > 0 and t.lower[i - 1] == "the" \
            and re.search(r"(ian|ean|ese|ish)$", t.lower[i]) is not None
        if outlet_tokens.intersection(range(i, j + 1)) or nationality_noun:
            continue
        a, b = _name_between_breaks(t, i, j, recognised_names, surnames)
        a, b = _strip_possessive(t, *_with_nickname(t, a, b))
        # A title-case headline: "Obama Says African-American Museum ..." names Obama, and "Trump
        # Denies Report He ..." names Trump: the name ends before a capitalised headline verb.
        # And "The Australian Football League (AFL)" names the league, not "Australian Football League (AFL".
        b = next((k - 1 for k in range(a + 1, b + 1)
                  if t.lower[k] in _HEADLINE_VERBS and t.words[k][:1].isupper() or t.words[k] == "("), b)
        while b > a and t.lower[b] in _HEADLINE_VERBS:
            b -= 1
        # "Impeach AG Lynch", "AG Mukasey": the recogniser took the title (and what came
        # before it) into the name; the name is what follows the last title word.
        last_title = max((k for k in range(a, b) if t.lower[k] in titles), default=None)
        if last_title is not None and (t.ent[i] == "PERSON" or t.lower[b] in surnames):
            a = last_title + 1
        if a == b and t.lower[a] in _ROLE_NOUNS:
            continue  # "The Taoiseach" is a role, which _resolve_role_nouns ties to the person titled so
        if t.words[a][:1].isupper() or t.words[a][:1].isdigit():
            spans.append((a, b, _NAME_LABELS[t.ent[i]], t.text[t.starts[a]:t.ends[b]]))
    spans = sorted((a, b, *_corrected(label, text)) for a, b, label, text in spans)
    # The recogniser's spans, mended: headline words and other words before a name sayso knows, names
    # it missed, web addresses, couples.
    spans = _known_names_inside(t, _headline_words_before_surnames(t, spans))
    spans = _abbreviations_in_parentheses(t, _couples_named(t, _with_sites(t, _with_known_names(t, spans))))
    organisations_by_article = _organisations_by_article(t, spans)
    spans = [(a, b, ORG, text) if label == PERSON and text.lower() in organisations_by_article else (a, b, label, text)
             for a, b, label, text in spans]
    recognised_people = {s[3].lower() for s in spans if s[2] == PERSON}
    outlet_endings: dict[str, set[str]] = {}
    for _, _, label, name in spans:
        if label == OUTLET:
            outlet_endings.setdefault(name.lower().split()[-1], set()).add(name)
    people_by_article = _people_by_article(t, spans)
    person_names = recognised_people | set(people_by_article)
    person_surnames = {n.split()[-1] for n in person_names}
    majority = _majority_labels(spans)
    by_key: dict[tuple[str, str], EntityDraft] = {}
    # "Mr. Obama" is not Michelle Obama: the genders the titles give each bare surname.
    title_genders: dict[str, set[str]] = {}
    for a, b, label, text in spans:
        if label == PERSON and a == b:
            g = _title_gender(t, a)
            if g:
                title_genders.setdefault(text.lower(), set()).add(g)
    # Longest names first, so surnames join the full name.
    for a, b, label, text in sorted(spans, key=lambda s: -(s[1] - s[0])):
        low = text.lower()
        type_rule = TYPE_ORGANISATION_BY_ARTICLE if low in organisations_by_article else TYPE_RECOGNISER
        if label in (ORG, GPE) and (low in person_names or low in person_surnames or (
                label == ORG and 2 <= len(low.split()) <= 3 and low.split()[-1] in person_surnames
                and all(w[:1].isupper() for w in text.split()))):
            label = PERSON
            type_rule = people_by_article.get(low) or (
                TYPE_PERSON_ELSEWHERE if low in recognised_people else TYPE_PERSON_SURNAME)
        elif label in (ORG, GPE) and majority.get(low, label) != label:
            label, type_rule = majority[low], TYPE_MAJORITY
        if label == ORG and a == b and len(outlet_endings.get(low, ())) == 1:
            # "The Journal" after "The Wall Street Journal": the one outlet whose name ends so.
            label, text = OUTLET, next(iter(outlet_endings[low]))
            low = text.lower()
        elif label == ORG:
            label, text = _papers_and_channels(t, a, label, text)
        key = (label, low)
        genders = title_genders.get(low, set()) if label == PERSON and a == b else set()
        if len(genders) > 1:  # "Mr. Clinton" and "Mrs. Clinton" in one article: each mention's title decides
            genders = {g for g in [_title_gender(t, a)] if g}
            key = (label, low + "|" + "".join(genders))
        ent = by_key.get(key)
        if ent is None and label == PERSON:
            same = [e for e in ents.entities if e.type == PERSON and _same_person(e.name.lower(), low)
                    and (not genders or _draft_gender(e) in genders | {None})]
            if len(same) > 1:
                # "Obama" with Barack and Michelle Obama in the article: the title decides
                # ("President Obama"), else the one the article names first.
                title = _title_before(t, a)[0].lower()
                same.sort(key=lambda e: (not (title and any(title in x.lower() for x in e.titles)),
                                         min(m[0] for m in e.mentions)))
            ent = same[0] if same else None
        if ent is None:
            ent = ents.add_entity(text, label, type_rule)
        by_key[key] = ent
        ents.add_mention(ent.id, a, b)
        if label == PERSON:
            title, nationality, start, former = _title_before(t, a)
            if title and ents.add_title(ent.id, title):
                ents.add_mention(ent.id, start, b)
            if title:
                ents.mark_title_held(ent.id, title, former)
            ents.note_nationality(ent.id, nationality)
            appos = _apposition_title(t, b)
            if appos:
                ents.add_title(ent.id, appos)
    _unlabelled_name_mentions(t, ents)
    _drop_title_parts(ents)
    _first_names_of_families(ents)
    _first_names_of_relatives(t, ents)
    ents.renumber_by_first_mention()
    _resolve_role_nouns(t, ents)
    return ents


def _organisations_by_article(t: TokenTable, spans: list[Span]) -> set[str]:
    """Names the recogniser labelled a person's that the article calls an organisation by a noun just
    before one of their mentions ("salt-to-software conglomerate Tata Sons", "payments company
    Paytm"), when no mention has a person's title or given name before or in it and sayso knows no
    person so called."""
    titles = lexicon.words("titles")
    called: set[str] = set()
    personal: set[str] = set()
    for a, b, label, text in spans:
        if label != PERSON:
            continue
        low = text.lower()
        before = a - 1
        if before >= 0 and t.pos[before] == "NOUN" and t.lower[before] in _ORGANISATION_NOUNS | _BUSINESS_NOUNS:
            called.add(low)
        if before >= 0 and t.lower[before].rstrip(".") in titles or _is_given_name(text.split()[0]) \
                or known_person(text) is not None:
            personal.add(low)
    return called - personal


#: Nouns business news puts before a company's name ("conglomerate Tata Sons", "fintech Paytm").
_BUSINESS_NOUNS = frozenset({"conglomerate", "fintech", "edtech", "retailer", "carrier", "lender", "insurer",
                             "manufacturer", "automaker", "airline", "giant", "major", "brand", "chain"})


def _people_by_article(t: TokenTable, spans: list[Span]) -> dict[str, str]:
    """Names the recogniser labelled organisation or place that the article shows are people's, each
    with the rule that shows it (``TYPE_PERSON_BY_ARTICLE`` + one of the words below).

    The small model tags "Zelenskyy", "Trump" or "Councilwoman Marti Emerald" as organisations in
    some sentences. A name is a person's when any of its mentions has a person's title before it
    ("President Trump": ``title``), when it is two or three capitalised words beginning with a given
    name ("Marti Emerald": ``given_name``), or when it is one word, the surname of a public figure
    sayso knows, and no longer name in the article ends in it ("Trump", but not "Trump" of "Trump
    Organization": ``known_surname``).  Otherwise its mentions vote (``_type_votes``): what the
    article says of a person ("he", "who", "a spokeswoman") against what it says of an organisation
    ("it", "which", "a company"), and the person wins on more votes (``votes``).
    """
    titles = lexicon.words("titles")
    longer = {s[3].lower().split()[-1] for s in spans if len(s[3].split()) > 1 and s[2] != PERSON}
    out: dict[str, str] = {}
    votes: dict[str, list[int]] = {}
    for a, b, label, text in spans:
        if label not in (ORG, GPE):
            continue
        words = text.split()
        low = text.lower()
        titled = a > 0 and t.lower[a - 1].rstrip(".") in titles and t.words[a - 1][:1].isupper()
        given = 2 <= len(words) <= 3 and _is_given_name(words[0]) and all(w[:1].isupper() for w in words)
        # ("UN" is no one's surname, though Kim Jong Un's is Un: a short word in capitals is an acronym.)
        acronym = text.isupper() and len(text) <= 3
        surname = len(words) == 1 and known_surname(text) and low not in longer and not acronym
        for evidence, rule in ((titled, "title"), (given, "given_name"), (surname, "known_surname")):
            if evidence:
                out.setdefault(low, f"{TYPE_PERSON_BY_ARTICLE}.{rule}")
        person, organisation = _type_votes(t, a, b, label)
        tally = votes.setdefault(low, [0, 0])
        tally[0] += person
        tally[1] += organisation
    for low, (person, organisation) in votes.items():
        if person > organisation:
            out.setdefault(low, f"{TYPE_PERSON_BY_ARTICLE}.votes")
    return out


#: Role nouns said of organisations too ("CNN, the debate's host", "the market leader"): no vote.
_ROLES_OF_ORGANISATIONS = frozenset({"host", "leader", "star", "republican", "democrat", "incumbent",
                                     "challenger", "contender", "investor", "runner", "front-runner",
                                     "frontrunner", "general", "founder"})
#: Nouns an apposition calls an organisation by ("Hamas, the militant group").
_ORGANISATION_NOUNS = frozenset({
    "company", "firm", "group", "agency", "organization", "organisation", "party", "network", "newspaper",
    "outlet", "site", "website", "startup", "maker", "union", "association", "bank", "fund", "team",
    "ministry", "department", "government", "country", "city", "state", "body", "club", "league", "council",
    "committee", "movement", "militia", "coalition", "charity", "foundation", "university", "institute"})


def _person_role(word: str) -> bool:
    return word in lexicon.tagged("person_roles") and word not in _ROLES_OF_ORGANISATIONS


def _type_votes(t: TokenTable, a: int, b: int, label: str) -> tuple[int, int]:
    """What the article says of one mention a..b: (votes for a person, votes for an organisation).

    A careful reader's signs, each a vote:
    - "Zelenskyy said he would ...": the name is the subject of a verb whose clause goes on with
      "he" or "she" as its subject, and nobody else is named between them ("it" votes for an
      organisation).  A verb of saying alone is no vote ("Hamas said", "Boeing told Reuters"), nor
      one by a name in capitals ("FBI said that she did nothing illegal" is about someone else).
    - "Zelenskyy, who ...": a relative clause with "who" ("which": an organisation).
    - "Marti Emerald, a spokeswoman for ...", "the group's spokeswoman, Marti Emerald", "lawyer Jane
      Doe": a person's role beside the name ("Hamas, the militant group": an organisation).
    Not for a name inside a phrase ("a broker based in Tampa, Fla., who ...", "born in Japan, the son
    of ..."): the parser hangs the clause or apposition on the place, and the person is the phrase's.
    Nor for a plural name ("Mormons, who"): a people is not a person; nor one after "the" ("The
    Congressional Black Caucus, former governor L. Douglas Wilder, ..."), which no person's name has;
    nor one the recogniser called a place ("the country, California, with ..."): only a name it
    called an organisation votes.
    """
    head = next((k for k in range(a, b + 1) if not a <= t.head[k] <= b or t.head[k] == k), b)
    if label != ORG or t.dep[head] in ("pobj", "compound", "poss") or t.tag[head] == "NNPS" or (
            a > 0 and t.lower[a - 1] == "the"):
        return 0, 0
    person = organisation = 0
    if not t.words[head].isupper() and t.dep[head] in SUBJECT_DEPS:
        verb = t.head[head]
        for clause in t.children[verb]:
            subject = next((c for c in t.children[clause] if t.dep[c] in SUBJECT_DEPS), None)
            if t.dep[clause] != "ccomp" or subject is None or subject < head or any(
                    t.ent[k] in ("PERSON", "ORG") for k in range(b + 1, subject)):
                continue
            person += t.lower[subject] in ("he", "she")
            organisation += t.lower[subject] == "it"
    for c in t.children[head]:
        if t.dep[c] == "relcl" and c > head:
            pronouns = {t.lower[k] for k in t.children[c]}
            person += "who" in pronouns
            organisation += "which" in pronouns
        elif t.dep[c] == "appos" and c > b:
            person += _person_role(t.lower[c])
            organisation += t.lower[c] in _ORGANISATION_NOUNS
    if t.dep[head] == "appos" and t.head[head] < a:
        person += _person_role(t.lower[t.head[head]])
        organisation += t.lower[t.head[head]] in _ORGANISATION_NOUNS
    before = a - 1
    if before >= 0 and t.dep[before] == "compound" and a <= t.head[before] <= b:
        person += _person_role(t.lower[before])
    return person, organisation


def _majority_labels(spans: list[Span]) -> dict[str, str]:
    """Names the recogniser labels both organisation and place: the label most of their mentions carry,
    the first one's on a tie (the same name is never two kinds of thing in one article)."""
    counts: dict[str, dict[str, int]] = {}
    for _, _, label, text in spans:
        if label in (ORG, GPE):
            counts.setdefault(text.lower(), {}).setdefault(label, 0)
            counts[text.lower()][label] += 1
    return {low: max(c, key=lambda label: c[label]) for low, c in counts.items() if len(c) > 1}


def _title_gender(t: TokenTable, a: int) -> str | None:
    """'m' for "Mr. Obama", 'f' for "Mrs. Obama" or "Ms. Clinton", else None."""
    if a > 0 and t.lower[a - 1].rstrip(".") == "mr":
        return "m"
    if a > 0 and t.lower[a - 1].rstrip(".") in ("mrs", "ms"):
        return "f"
    return None


_SITE = re.compile(r"^[A-Z][A-Za-z0-9-]*\.(?:com|org|net)$")


def _with_sites(t: TokenTable, spans: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Websites named by their address ("GunBroker.com"), which the recogniser leaves out: organisations
    (news outlets when sayso knows the name: "Breitbart.com"), so that "the company" can be one."""
    taken = {k for a, b, _, _ in spans for k in range(a, b + 1)}
    added = []
    for k in range(t.n):
        if k not in taken and _SITE.match(t.words[k]):
            outlet = _site_outlet(t.words[k])
            added.append((k, k, OUTLET, outlet) if outlet else (k, k, ORG, t.words[k]))
    return sorted(spans + added) if added else spans


def _site_outlet(address: str) -> str | None:
    """The news outlet a web address is ("Breitbart.com" is Breitbart News), if sayso knows it."""
    if not _SITE.match(address):
        return None
    outlets = lexicon.outlets()
    return outlets.get(address.lower().rsplit(".", 1)[0]) or outlets.get(address.lower())


_ABBREVIATION = re.compile(r"^[A-Z][A-Z0-9&.]{1,5}$")


def _abbreviations_in_parentheses(t: TokenTable, spans: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """ "Hospital Canselor Tuanku Muhriz (HCTM)", "Nokia (NOK)": capitals in parentheses right after an
    organisation's name are its short name or ticker, the same organisation wherever the article
    uses them, not a second one the recogniser may type as anything."""
    short: dict[str, tuple[str, str]] = {}
    starts = {a for a, *_ in spans}
    added = []
    for a, b, label, text in spans:
        k = b + 2
        if label in (ORG, OUTLET) and k + 1 < t.n and t.words[b + 1] == "(" and t.words[k + 1] == ")" \
                and _ABBREVIATION.match(t.words[k]) and t.words[k] not in short:
            short[t.words[k]] = (label, text)
            if k not in starts:  # the recogniser left it untagged ("Nokia (NOK)")
                added.append((k, k, label, t.words[k]))
    # The name itself untagged here, but tagged elsewhere in the article: "(RTTNews) - Nokia (NOK)".
    names = {text: label for _, _, label, text in spans if label in (ORG, OUTLET)}
    for a, b, _, text in spans:
        if a == b and _ABBREVIATION.match(text) and text not in short and a >= 2 and b + 1 < t.n \
                and t.words[a - 1] == "(" and t.words[b + 1] == ")":
            before = next((t.text[t.starts[j]:t.ends[a - 2]] for j in range(max(0, a - 6), a - 1)
                           if t.text[t.starts[j]:t.ends[a - 2]] in names), None)
            if before is not None and before != text:
                short[text] = (names[before], before)
    if not short:
        return spans
    return sorted((a, b, *short[text]) if text in short else (a, b, label, text) for a, b, label, text in spans + added)


def _couples_named(t: TokenTable, spans: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """"Khizr and Ghazala Khan", "Bill and Hillary Clinton": the first given name takes the surname.

    Otherwise "Khizr" stays a person of one name, and "Mr. Khan" later joins the one full name there
    is, his wife's.  A surname is not a given name: "Mr. Podesta and Todd Stern", "President Obama and
    Hillary Clinton" (a title before it, the surname of a full name in the article, or of a public
    figure sayso knows).
    """
    surnames = {text.split()[-1].lower() for a, b, label, text in spans if label == PERSON and b > a}
    out = list(spans)
    for n, (a, b, label, text) in enumerate(spans[:-1]):
        a2, b2, label2, _ = spans[n + 1]
        if label == PERSON == label2 and a == b and a2 == a + 2 and t.lower[a + 1] == "and" \
                and b2 > a2 and t.words[a][:1].isupper() and t.lower[a] not in lexicon.words("titles") \
                and not _title_before(t, a)[0] and t.lower[a] not in surnames and not known_surname(text):
            out[n] = (a, b, label, f"{text} {t.words[b2]}")
    return out


def _draft_gender(e: EntityDraft) -> str | None:
    """The gender the titles given so far ("Ms. Khan"), the first name or sayso's list of public
    figures say this person has.

    Not speakers.gender: while entities are still being merged, a one-word name, which may be a
    surname, counts only by its titles.
    """
    titles = {x.lower().rstrip(".") for x in e.titles}
    if titles & {"mrs", "ms"}:
        return "f"
    if "mr" in titles:
        return "m"
    known = known_person(e.name) if len(e.name.split()) >= 2 else None
    return _first_name_gender(e.name) or (known.gender if known else None)


def _first_name_gender(name: str) -> str | None:
    words = name.lower().split()
    if len(words) < 2:
        return None
    if words[0] in lexicon.words("names_female"):
        return "f"
    if words[0] in lexicon.words("names_male"):
        return "m"
    return None


def _nicknames(name: str) -> set[str]:
    """The nicknames a name gives in quotation marks: {"bobby"} for 'Robert C. "Bobby" Scott'."""
    return {w.strip("\"\u201c\u201d").lower() for w in name.split()[1:-1] if w[:1] in "\"\u201c"}


def _same_person(full: str, other: str) -> bool:
    """"Zelensky" and "Volodymyr Zelensky" are one person, as are "Bobby Scott" and 'Robert C. "Bobby"
    Scott'; "Rakeyia Scott" and "Lamont Scott" are two.

    So are "bin Laden" and "Osama bin Laden": a surname with its particle is a surname.
    """
    a, b = full.split(), other.split()
    if a[-1] != b[-1]:
        return False
    if len(a) == 1 or len(b) == 1 or a[0] == b[0]:
        return True
    short, long_ = sorted((a, b), key=len)
    if short[0] in _nicknames(" ".join(long_)):
        return True
    return short[0] in lexicon.words("surname_particles") and len(short) < len(long_) \
        and long_[-len(short):] == short


def _first_names_of_families(ents: ArticleEntities) -> None:
    """A first name alone in a story about a relative is that relative, when sayso knows them:
    "her husband, Bill" beside Hillary Clinton is Bill Clinton, "Melania" beside Donald Trump."""
    people = [e for e in ents.entities if e.type == PERSON]
    surnames = {e.name.split()[-1] for e in people if len(e.name.split()) >= 2}
    lower_surnames = {s.lower() for s in surnames}
    for e in people:
        if len(e.name.split()) != 1 or e.name.lower() in lower_surnames:
            continue
        found = {f"{e.name} {s}" for s in surnames if _known_full_name(f"{e.name} {s}")}
        if len(found) == 1:
            ents.rename(e.id, found.pop())


_RELATIVES = lexicon.with_tag("person_roles", "kin")


def _first_names_of_relatives(t: TokenTable, ents: ArticleEntities) -> None:
    """"his wife, Jane" in a story about Bernie Sanders is Jane Sanders: a given name set off after a
    relative of a named person takes that person's surname (for "his" and "her", the nearest person
    named before whom the pronoun fits)."""
    people = [e for e in ents.entities if e.type == PERSON]
    for e in people:
        if len(e.name.split()) != 1 or not _is_given_name(e.name):
            continue
        for a, b in e.mentions:
            relative = t.head[a]
            if a != b or t.dep[a] != "appos" or t.lower[relative] not in _RELATIVES or relative >= a:
                continue
            owner = next((k for k in t.children[relative] if t.dep[k] == "poss"), None)
            kin = _named_owner(t, ents, owner, e) if owner is not None else None
            if kin is not None:
                ents.rename(e.id, f"{e.name} {kin.name.split()[-1]}")
                break


def _named_owner(t: TokenTable, ents: ArticleEntities, owner: int, relative: EntityDraft) -> EntityDraft | None:
    """The person a possessive names ("Trump's", "his"), when their full name is known."""
    if owner in ents.token_entity:
        found = ents.by_id(ents.token_entity[owner])
    elif t.lower[owner] in ("his", "her"):
        wanted = "m" if t.lower[owner] == "his" else "f"
        before = (ents.by_id(ents.token_entity[k]) for k in range(owner - 1, -1, -1) if k in ents.token_entity)
        found = next((x for x in before if x.type == PERSON and x is not relative
                      and _draft_gender(x) in (None, wanted)), None)
    else:
        return None
    if found is None or found.type != PERSON or found is relative or len(found.name.split()) < 2:
        return None
    return found


def _unlabelled_name_mentions(t: TokenTable, ents: ArticleEntities) -> None:
    """The recogniser misses some mentions of a name it found elsewhere ("Trump spoke ...")."""
    first_names: dict[str, list[str]] = {}
    for e in ents.entities:
        if e.type == PERSON and len(e.name.split()) >= 2:
            for given in {e.name.split()[0].lower(), *_nicknames(e.name)}:
                first_names.setdefault(given, []).append(e.id)
    surnames = {e.surname for e in ents.entities if e.type == PERSON and len(e.name.split()) >= 2}
    for e in list(ents.entities):
        # "James" alone, in an article about James Murdoch, is James Murdoch.
        if e.type == PERSON and len(e.name.split()) == 1 and e.name.lower() not in surnames:
            owners = first_names.get(e.name.lower(), [])
            if len(owners) == 1 and owners[0] != e.id:
                ents.merge(owners[0], e.id, sort_mentions=False)
    names: dict[str, str] = {}
    for e in ents.entities:
        if e.type in (PERSON, ORG, OUTLET) and e.name:
            names.setdefault(e.surname if e.type == PERSON else e.name.lower(), e.id)
    # "Valeant" after "Valeant Pharmaceuticals International": a company's short name is its
    # first word, when that word is distinctive (not "National", "American", ...).
    short: dict[str, set[str]] = {}
    for e in ents.entities:
        words = e.name.split()
        if e.type == ORG and len(words) >= 2 and words[0][:1].isupper() and words[0].lower() not in _GENERIC_FIRST:
            short.setdefault(words[0].lower(), set()).add(e.id)
    full_surnames = {e.surname for e in ents.entities if e.type == PERSON and len(e.name.split()) >= 2}
    for word, ids in short.items():
        if word in lexicon.words("titles"):
            continue
        # (Spelling variants, "Valeant Pharmaceutical International": the first one named.)
        org = min(ids, key=lambda i: ents.by_id(i).mentions[0])
        lone = next((e for e in ents.entities if e.type == PERSON and e.name.lower() == word), None)
        if lone is not None and word not in full_surnames and not known_surname(word):
            # The recogniser called the short name a person somewhere: it is the company (but "Trump"
            # beside "the Trump Train" is the man).
            ents.merge(org, lone.id, sort_mentions=True)
            names[word] = org
        elif word not in names:
            names[word] = org
    for k in range(t.n):
        # A title-case headline's capitals are no part of speech the tagger can be sure of ("Trump
        # Hits Back"): there a capitalised word that is a name the article uses counts as one.
        headline_name = k < t.body_token and t.words[k][:1].isupper()
        if k in ents.token_entity or (t.pos[k] != "PROPN" and not headline_name):
            continue
        e_id = names.get(t.lower[k])
        if e_id is not None:
            ents.add_mention(e_id, k, k)


def _drop_title_parts(ents: ArticleEntities) -> None:
    """"State" in "Secretary of State Marco Rubio" is part of a title, not an organisation."""
    covered = {k for e in ents.entities if e.type == PERSON for a, b in e.mentions for k in range(a, b + 1)}
    for e in ents.entities:
        if e.type != PERSON:
            ents.keep_mentions(e.id, [(a, b) for a, b in e.mentions if not set(range(a, b + 1)) <= covered])
    ents.drop_unmentioned()
    for e in ents.entities:
        if e.type == PERSON:
            for a, b in e.mentions:
                ents.claim_tokens(e.id, a, b)


#: Words after which a title in apposition stops naming the role: "allies of the candidate who ...".
_TITLE_STOPS = frozenset({"who", "whom", "which", "that", "of", "for", "to", "with", "at", "in", "on", "and", ","})


def title_words(title: str) -> list[str]:
    """The lower-cased words of a title up to where it stops naming the person's own role.

    "the executive chairman of Breitbart News" -> the, executive, chairman; "conservative donors
    who have become allies of the candidate" is not a candidate.
    """
    words: list[str] = []
    for w in title.lower().replace(",", " , ").split():
        if w in _TITLE_STOPS and words:
            break
        if w.endswith(POSSESSIVE_MARKS[:2]) and w not in POSSESSIVE_MARKS:
            # "the Republican presidential nominee's eldest daughter" is a daughter, not a nominee.
            words = words[:1] if words[:1] == ["the"] else []
            continue
        words.append(w)
    return words


def only_former(e: EntityDraft, title: str) -> bool:
    """Whether the article gives e this title only as a former one ("former Florida Gov. Jeb Bush")."""
    return title.lower() in e.former_titles and title.lower() not in e.sitting_titles


def _role_fits(e: EntityDraft, role: str, nationality: str, modifiers: frozenset[str] = frozenset()) -> bool:
    titles = " ".join(e.titles).lower()
    if nationality and nationality not in titles and nationality != e.nationality:
        return False
    if role == "":  # "the Ukrainian": any titled person of that nationality
        return bool(nationality)
    wanted = _LEADER_ROLES if role == "leader" else {role}
    for title in e.titles:
        words = title_words(title)
        # "the president" is not the vice president, "the minister" not the prime minister; "the
        # governor" is not a former governor.
        if any((m in words) != (m in modifiers) for m in ("vice", "deputy", "acting", "special", "prime")) or (
                only_former(e, title) and "former" not in modifiers):
            continue
        if wanted.intersection(words):
            return True
    return False


#: Modifiers that make a title another office: a vice president is not "the president".
OTHER_OFFICE = frozenset({"vice", "deputy", "acting", "assistant", "prime"})


def is_president_title(title: str) -> bool:
    """ "President", "Ukrainian President"; not "Vice President", nor "allies of the president"."""
    words = set(title_words(title))
    return "president" in words and not words & OTHER_OFFICE


def president_status(e: EntityDraft, year: int | None) -> str | None:
    """Whether e is, in ``year``, the "sitting" president, a "former" one, or neither (None).

    What sayso knows of a U.S. president's terms decides when there is a year
    (see ``presidents``: in an article that says "President Obama", "President
    Clinton" is Bill Clinton looking back, not the president); otherwise the
    article's titles ("former President ...").
    """
    known = known_person(e.name)
    if known is not None and year is not None:
        if known.serving("president", year):
            return "sitting"
        if known.former("president", year):
            return "former"
    if any(is_president_title(x) for x in e.sitting_titles):
        return "sitting"
    if any(is_president_title(x) for x in e.former_titles):
        return "former"
    return None


def _year_of_titled_president(persons: list[EntityDraft]) -> int | None:
    """An undated article's year, as far as it matters here: the term of the president it titles so.

    "President Obama" dates an article to 2009-2016, which is all it takes to
    tell that Bill Clinton is a former president and Donald Trump not yet one.
    """
    for e in persons:
        known = known_person(e.name)
        if known is not None and any(is_president_title(x) for x in e.sitting_titles) and not e.former_titles:
            starts = [start for office, start, _ in known.terms if office == "president"]
            if starts:
                return max(starts)
    return None


def presidents(persons: list[EntityDraft], titled: list[EntityDraft], former: bool,
               year: int | None = None) -> list[EntityDraft]:
    """Who "the president" (or "the former president") can be among the people named so far.

    ``titled`` are those the article titles President: they stay candidates
    when nobody's status is known, except that a former president is not "the
    president". ``year`` is when the article was published, if known; an
    undated article is dated by the president it titles so, and one that
    titles no known president is taken to be from the year of sayso's list of
    public figures when it speaks of "the former president": whoever has left
    the office by then.
    """
    wanted = "former" if former else "sitting"
    year = year or _year_of_titled_president(persons) or (LEXICON_YEAR if former else None)
    status = {e.id: president_status(e, year) for e in persons}
    fitting = [e for e in persons if status[e.id] == wanted]
    if fitting:
        return fitting
    return [e for e in titled if status[e.id] != ("sitting" if former else "former")]


def _resolve_role_nouns(t: TokenTable, ents: ArticleEntities) -> None:
    """Attach "the president", "the Ukrainian leader", "the Ukrainian" to the person they fit."""
    persons = [e for e in ents.entities if e.type == PERSON]
    if not persons:
        return
    person_ids = {e.id for e in persons}
    for k in range(t.n):
        if k in ents.token_entity or t.lower[k] not in ("the", "this", "that"):
            continue
        j = k + 1
        nationality = ""
        while j < t.n and (t.ent[j] in ("NORP", "GPE") or t.pos[j] == "ADJ") and j - k <= 3:
            if t.ent[j] in ("NORP", "GPE"):
                nationality = t.lower[j]
            j += 1
        if j < t.n and t.lower[j] in _ROLE_NOUNS and t.pos[j] in ("NOUN", "PROPN"):
            role, last = t.lower[j], j
            # "the president of Russia"
            if j + 2 < t.n and t.lower[j + 1] == "of" and t.ent[j + 2] == "GPE":
                nationality = nationality or t.lower[j + 2]
        elif nationality and (j >= t.n or t.pos[j] not in ("NOUN", "PROPN")) and t.ent[j - 1] in ("NORP", "GPE"):
            role, last = "", j - 1  # "the Ukrainian" used as a noun
            if t.lower[last] in _PARTY_NOUNS:  # "the Florida Republican" is a party member, not a nationality
                continue
            if t.dep[last] not in SUBJECT_DEPS and t.dep[last] not in ("pobj", "dobj", "conj", "appos", "attr"):
                continue
        else:
            continue
        # "Luis Osuna, the president of the lawyers association, said": a title of the name it
        # stands beside, not another mention of the president.
        beside = [t.head[last]] if t.dep[last] == "appos" else []
        beside += [c for c in t.children[last] if t.dep[c] == "appos"]
        if any(ents.token_entity.get(c) in person_ids for c in beside):
            continue
        modifiers = frozenset(t.lower[x] for x in range(k + 1, last))
        fits = [e for e in persons if e.mentions[0][0] < k
                and _role_fits(e, role, _adjective_to_match(nationality), modifiers)]
        if role == "president" and not nationality and not modifiers & OTHER_OFFICE:
            fits = presidents([e for e in persons if e.mentions[0][0] < k], fits, "former" in modifiers, ents.year)
        if not nationality and role:
            unqualified = [e for e in fits if not e.nationality]
            fits = unqualified or fits
        if fits:
            best = max(fits, key=lambda e: max(a for a, _ in e.mentions if a < k))
            ents.add_mention(best.id, k, last)


def _adjective_to_match(nationality: str) -> str:
    return re.sub(r"s$", "", nationality) if nationality.endswith("ns") else nationality
