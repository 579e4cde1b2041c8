"""On whose say-so: each statement's setting and its route from the publisher to the speaker.

Read sentence by sentence, "Trump told Zelensky ..." says who spoke, not how
The Daily Beast knows it.  A careful reader carries what the article said
before: the call was private, so its details reach the publisher only
through someone who was on it, and the article named Axios and its four
unnamed sources for that.  The rules, in the order they are tried for each
statement (each route records the rule that made it):

1. ``nested``: inside another statement's content, the route is the outer
   statement's route (with the sources it cites), then the speaker.
2. ``outlet_reports``: an outlet's own report ("Axios reported, citing ...")
   is relayed by the publisher; it brings a report into scope with the
   sources it cites.
3. ``told_outlet``: said to another outlet ("sources told Axios") is relayed
   through it; that report comes into scope.
4. ``told_publisher``: said to the publisher itself ("told The Daily Beast").
5. ``public_setting``: said in public (a statement, remarks, a press
   conference, a post, an interview that was broadcast or published); it goes
   through the outlet the article names for it.
6. ``report_sources``: unnamed sources with no relay of their own ("one
   source said", "according to the sources") belong to the report in scope.
7. ``hedged``: "reportedly", "allegedly" relay the report in scope.
8. ``private_setting``: a statement made in a private event (a call, a
   meeting) is known through the report in scope.
9. ``no_relay``: otherwise the publisher is the only relay and the basis is
   unknown.

Between them sit the rules for what the words near a cue say ("Speaking to
The Pat Kenny Show", "(via Schefter)", "obtained by The Associated Press")
and the defaults for statements whose sentence says nothing (a named speaker
on the record, unnamed sources told the publisher, a pronoun continuing the
statement before it); docs/provenance.md lists every rule in order.  A route
of three or more links is relayed, whatever its last hop.

A statement's setting (the event it was made in) is found before its route:
from an explicit mention ("During the call", "said publicly", "told
reporters", "in an interview with"), from its participants (the speaker and
addressee had a private call), or from the flow of the discourse (the event
the last statements were made in, while its participants go on speaking).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sayso import lexicon
from sayso.attribution.events import UNREALISED, EventContext, EventDraft, add_event, date_near, find_events
from sayso.records import (
    ANONYMOUS_KINDS,
    Attribution,
    Count,
    Entity,
    EntityRef,
    Event,
    Participant,
    Provenance,
    QuoteKind,
    RouteStep,
    TextSpan,
)

#: Words that say a statement is relayed from a report not named in its sentence.
_HEDGES = frozenset({"reportedly", "allegedly", "according to reports", "is said to", "is believed to",
                     "is understood to", "purportedly", "supposedly"})
#: How a statement made in public is marked near its cue, and the event it makes.
_PUBLIC_MARKERS: tuple[tuple[re.Pattern[str], str, str | None, str], ...] = (
    (re.compile(r"\bpublicly\b", re.IGNORECASE), "public remarks", None, "public statement"),
    (re.compile(r"\b(?:told|speaking to|spoke to|talking to) (?:reporters|journalists|the press|the media"
                r"|a news conference|a press conference)\b", re.IGNORECASE),
     "remarks to reporters", "CONSULT", "press conference"),
    (re.compile(r"\b(?:told|testified (?:to|before)|appearing before|speaking to) (?:a|the) (?:[\w-]+\s+){0,4}?"
                r"(?:committee|hearing|inquiry|parliament|senate|congress|legislature)\b|\btold (?:lawmakers|legislators"
                r"|MPs|senators|Congress|Parliament)\b", re.IGNORECASE),
     "hearing", "CONSULT", "in person"),
    (re.compile(r"\b(?:in|issued|released) (?:a|its|their|his|her) (?:written |joint )?statement\b", re.IGNORECASE),
     "statement", None, "written"),
    (re.compile(r"\bon the record\b", re.IGNORECASE), "public remarks", None, "public statement"),
    (re.compile(r"\b(?:in a speech|during a speech|in remarks|at a rally|at a news conference"
                r"|at a press conference|at a briefing)\b", re.IGNORECASE), "public remarks", None, "in person"),
    (re.compile(r"\b(?:posted|tweeted|wrote) on\b|\bin a (?:post|tweet)\b|\b(?:on|took to) (?:X|Twitter|Facebook"
                r"|Instagram|Truth Social|Telegram|social media)\b", re.IGNORECASE), "post", None, "post"),
)
_ANY_PUBLIC_MARKER = re.compile("|".join(f"(?P<m{i}>{p.pattern})" for i, (p, *_) in enumerate(_PUBLIC_MARKERS)),
                                re.IGNORECASE)
#: Whom a statement was said to, near its cue: "told ABC radio", "Speaking to The Pat Kenny Show",
#: "In a statement to The Canadian Press", "in an interview with NBC's Meet the Press".
_SPOKEN_TO = re.compile(
    r"\b(?i:told|telling|speaking (?:to|with|on)|spoke (?:to|with|on)|talking to|appearing on|interview(?:ed)? (?:with|on|by)"
    r"|(?:in|during) (?:an?|the|one) (?:(?:phone|video) )?(?:call|conversation|chat) with"
    r"|(?:statement|comments?|remarks|email|message)s? (?:to|sent to|emailed to))\s+"
    r"(?P<name>(?:the\s+)?(?:(?-i:[a-z]+)\s+){0,2}[A-Z][\w&.\u2019'-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w&.\u2019'-]*)*"
    r"(?:\s+(?:radio|television|TV|online))?)")
#: Said on the air of a broadcaster: "Asked by Andrew Marr on the BBC", "said on CNN's State of the Union".
_ON_AIR = re.compile(r"\b(?i:asked|interviewed|questioned|speaking|spoke|said|says|told|added|appearing)\b[^.;:\u201c\"]{0,40}?"
                     r"\b(?i:on)\s+(?P<name>(?:the\s+)?[A-Z][\w&.\u2019'-]*(?:\s+[A-Z][\w&.\u2019'-]*)*)")
#: Words that say a statement was published on an outlet, not said on its air.
_PUBLISHED_ON = re.compile(r"\b(?:statement|published|carried|posted)\b", re.IGNORECASE)
#: A programme of a named outlet: "ITV\u2019s Good Morning Britain", "CNN's State of the Union".
_OUTLET_PROGRAMME = re.compile(r"^(?P<outlet>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*)[\u2019']s\s+[A-Z]")
#: Who passed a statement on: "(via Schefter)", "a statement ... obtained by The Associated Press".
_PASSED_ON = re.compile(r"\((?i:via)\s+(?P<name>[A-Z][\w&.\u2019'-]*(?:\s+[A-Z][\w&.\u2019'-]*)*)\)"
                        r"|\b(?i:obtained by)\s+(?P<name2>(?:the\s+)?[A-Z][\w&.\u2019'-]*(?:\s+[A-Z][\w&.\u2019'-]*)*)")
#: A report named with its outlet: "The report from the news website Axios", "a Washington Post report".
_NAME = r"(?:the\s+)?(?:[a-z]+\s+){0,2}[A-Z][\w&.\u2019'-]*(?:\s+[A-Z][\w&.\u2019'-]*)*"
_REPORT_MENTION = re.compile(rf"\b(?i:report|story|scoop|article)\s+(?:from|by|in)\s+(?P<a>{_NAME})"
                             rf"|\b(?!(?:The|A|An|This|That|Its|His|Her|Their)\b)(?P<b>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*)(?:[\u2019']s?)?\s+(?i:report|story|scoop)\b"
                             rf"|(?P<c>(?:The\s+)?[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*)\s+(?:is\s+|was\s+|has\s+)?(?i:reporting|reported)\b")
#: The name of a programme ("The Pat Kenny Show", "Newstalk Breakfast"): named without its
#: broadcaster, it is the publisher's own.
_PROGRAMME = re.compile(r"\b(?:Show|Programme|Program|Podcast|Breakfast|Tonight|Hour|Live|Drive|Hardtalk)$")
#: An interview given to a medium the article does not name ("In a podcast appearance").
_UNNAMED_MEDIUM = re.compile(r"\b(?:in|on|during) (?P<name>an? (?:podcast|radio|television|TV)"
                             r"(?: (?:appearance|interview|show|programme))?)\b", re.IGNORECASE)
#: An unnamed spokesperson of a named organisation: "A spokesperson for the Post", "An OpenAI spokesperson".
_SPOKES = r"(?:spokes(?:person|man|woman)|representative|press office|press secretary)"
_SPOKESPERSON_FOR = re.compile(
    rf"^(?i:an?|the)\s+(?P<org>(?:[A-Z][\w.&\u2019'-]*\s+)+){_SPOKES}\b"
    rf"|\b{_SPOKES} (?:for|of|at) (?:the\s+)?(?P<org2>[A-Z][\w.&\u2019'-]*(?:\s+[A-Z][\w.&\u2019'-]*)*)")
#: Cues that are themselves public acts.
_PUBLIC_CUES = {"announced": "announcement", "announces": "announcement", "announce": "announcement",
                "declared": "declaration", "proclaimed": "declaration", "tweeted": "post", "posted": "post",
                "tweeting": "post", "tweets": "post", "tweet": "post",
                "testified": "testimony", "testifies": "testimony"}
#: ("said after the lunch" was not said at the lunch: "after" names no setting.)
_SETTING_PREPOSITIONS = re.compile(r"\b(?:during|in|on|at|over)\s+(?:the|a|an|this|that|their|his|her)"
                                   r"(?:\s+[\w-]+){0,2}\s*$", re.IGNORECASE)
#: A negation just before a public marker: nothing was said there.
_NEGATED = re.compile(r"\b(?:not|never|n[\u2019']t)\s+$", re.IGNORECASE)
#: Words that open a sentence with a subordinate clause, whose acts are not the main clause's.
_SUBORDINATE_OPENING = re.compile(r"\s*(?:While|Whilst|As|Although|Though|Since|When|After|Before|Because|If|Whereas"
                                  r"|Even as|Even though)\b")
#: Addressees that make a statement public rather than a private exchange.
_THE_PUBLIC = frozenset({"reporters", "journalists", "the press", "the public", "supporters", "the crowd",
                         "the audience", "lawmakers", "congress", "parliament", "the senate", "the house"})
#: What a report says of its own sourcing ("The story comes from unnamed sources", "he spoke with
#: more than a dozen people for the story").
_SOURCING = re.compile(r"\b(?:(?:comes?|came|based|relies|relied|draws?|drew) (?:from|on) (?:[\w-]+\s+){0,3}?"
                       r"(?:unnamed|anonymous|confidential)|(?:spoke|talked|spoken) (?:with|to) (?:more than |at least )?"
                       r"(?:a dozen|dozens|\d+|two|three|four|five|six|seven|eight|nine|ten|several|many) (?:people|sources))\b",
                       re.IGNORECASE)
#: Bodies that hear what is said to them in public session ("Mayor Apologizes to City Council").
_PUBLIC_BODY = re.compile(r"\b(?:council|committee|commission|assembly|legislature|court|jury|judge|board|hearing)s?\b",
                          re.IGNORECASE)
#: Rules that say where a named speaker spoke; the speaker's other statements nearby share it.
_SPOKEN_WHERE = frozenset({"told_outlet", "told_publisher", "public_setting", "journalist_reports"})
#: Credit to the outlet that broke a story: "The Washington Post first reported", "was first to report".
_SCOOP_CREDIT = re.compile(r"\b(?:first|initially|originally)\s+(?:to\s+)?(?:report|reveal|broke|break|publish)\w*",
                           re.IGNORECASE)
#: Cues that deny what they are about: what is named inside a denial is someone else's account.
_DENIAL = re.compile(r"\b(?:den(?:y|ies|ied|ying|ial)|refut\w*|dismiss\w*|reject\w*|rebut\w*)\b", re.IGNORECASE)
#: The rules of a statement inside another's content.
_NESTED_RULES = frozenset({"nested", "nested_in_public"})
#: Documents issued to the public: what they say is their issuer's public statement.  Papers filed
#: in court are public record ("The lawsuit says", "the filing states"); an internal memo is not.
_PUBLIC_DOCUMENT = re.compile(r"\b(?:statement|release|communiqu[e\u00e9]|announcement|notice|post|tweet"
                              r"|lawsuit|court (?:filing|document|paper)|indictment|ruling|judgment)s?\b",
                              re.IGNORECASE)
#: The unnamed sources a report's account of its sourcing names ("comes from unnamed sources").
_SOURCES_NAMED = re.compile(r"\b(?:unnamed|anonymous|confidential)\s+(?:[\w-]+\s+){0,2}?(?:sources|officials|people)\b",
                            re.IGNORECASE)
#: Unnamed sources as reports describe them: "people briefed on the intrusion", "a person familiar with ...".
_UNNAMED_SOURCE = re.compile(r"\b(?:people|persons?|sources?|officials?|insiders?)\s+(?:familiar|briefed|with(?:\s+direct)?"
                             r"\s+knowledge|close\s+to|aware|involved|knowledgeable|who\s+(?:spoke|asked|requested))\b",
                             re.IGNORECASE)
#: A statement introduced as what a report says: "the outlet's report that the president suggested".
_REPORT_THAT = re.compile(r"\b(?:report|reports|story|article|scoop)\s+that\s+(?:the\s+)?$", re.IGNORECASE)
#: Said in private, the opposite of "publicly".
_PRIVATELY = re.compile(r"\b(?:privately|in private|behind closed doors)\b", re.IGNORECASE)
#: A headline's source beside its claim: "...: source", "...: report", "... - Axios"; "NYT: ...".
_HEADLINE_TAIL = re.compile(r"(?::|\s?[-\u2013\u2014])\s+(?P<name>(?:[A-Za-z][\w.&'\u2019-]*\s?){1,3})$")
_HEADLINE_HEAD = re.compile(r"(?P<name>[A-Z][\w.&'\u2019-]*(?:\s[A-Z][\w.&'\u2019-]*){0,2}):\s")
#: A source that is a statement issued: "A statement on the dialogue", "The police release".
_STATEMENT_WORD = re.compile(r"\b(?:statement|press release|release|communiqu[e\u00e9])\b", re.IGNORECASE)
#: How an outlet says it found something out from people it does not name ("has learnt", "understands").
_LEARNED = re.compile(r"\b(?:learn(?:ed|t|s)?|understands?|understood)$", re.IGNORECASE)
#: Words that say a report obtained someone's words: "leaked internal communications", "seen by".
_LEAKED = re.compile(r"\b(?:leak(?:ed|s)?|internal (?:messages|communications|emails|memos?|documents)|obtained by"
                     r"|seen by|reviewed by)\b", re.IGNORECASE)
#: The outlet a journalist reports for, right after the cue: "reports for The Wall Street Journal".
_WRITES_FOR = re.compile(r"\s+(?:for|in)\s+(?P<name>(?:the\s+)?[A-Z][\w&.\u2019'-]*(?:\s+[A-Z][\w&.\u2019'-]*)*)")
#: Cues that make a person's statement a report of their own ("reported", "is reporting", "revealed").
_REPORTING_CUE = re.compile(r"\b(?:report(?:s|ed|ing)?|revealed|scooped)$", re.IGNORECASE)
#: Unnamed groups who give their own view, not a report's sources ("Antitrust experts agreed").
_NOT_SOURCES = re.compile(r"\b(?:experts?|analysts?|economists?|critics?|observers?|commentators?|scholars?"
                          r"|authors?|academics?|investors?)\b", re.IGNORECASE)
#: Roles whose holder speaks for someone on the record, named or not.
_ON_RECORD_ROLE = re.compile(r"\b(?:spokes(?:person|man|woman|people|men|women)|agent|representative|lawyer|attorney"
                             r"|press secretary)\b", re.IGNORECASE)
#: A dateline's credit: "MIAMI (CBSMiami/CNN) --", "WASHINGTON (AP) \u2014".  An outlet it names
#: besides the publisher wrote the copy the publisher carries.
_DATELINE_CREDIT = re.compile(r"(?m)^[A-Z][\w.\u2019'-]*(?:[ ,]+[A-Z][\w.\u2019'-]*){0,4},?\s*"
                              r"\((?P<credit>[^()\n]{2,60})\)\s*(?:--|[\u2014\u2013-])\s")
#: Rules that give a statement no relay of its own: in another outlet's copy, that outlet is its relay.
_NO_RELAY_OF_ITS_OWN = frozenset({"named_on_record", "no_relay", "unnamed_told_publisher", "described_on_record",
                                  "role_on_record", "public_document", "document", "unnamed_view",
                                  "private_setting_no_relay", "continues_previous", "same_speaker_setting",
                                  "public_setting", "headline_source"})
_PRONOUNS = frozenset({"it", "they", "he", "she", "this", "that"})
_DEFINITE_SOURCES = re.compile(r"^(?:the|those|these)\b", re.IGNORECASE)


#: How an outlet's name ends when sayso's outlet list lacks it ("the Kitsap Sun",
#: "Global News", "the Australian Broadcasting Corp.", "NFL Network").
_OUTLET_SHAPE = re.compile(
    r"\b(?:News|Network|Radio|Times|Post|Journal|Sun|Star|Herald|Tribune|Gazette|Examiner|Chronicle|Telegraph"
    r"|Broadcasting Corp(?:oration|\.)?|Press|TV|Television|Magazine|Daily|Wire|Kyodo|Xinhua|Yonhap|Interfax"
    r"|Reuters|AFP|Agence France-Presse)$")
#: A source that names a report rather than a person: "the Axios report", "A Global News report", "the story".
_REPORT_WORDS = re.compile(r"\b(?:report|reports|story|article|scoop|piece|investigation|broadcast)\b", re.IGNORECASE)
_POSSESSOR = re.compile(r"([A-Z][\w&.\u2019'-]*(?:\s+[A-Z][\w&.\u2019'-]*)*)[\u2019']s\s+(?:[a-z-]+\s+){0,2}$")


def _source_head(source: str) -> str:
    """A source phrase without the clause that describes it: "Axios reporter Jonathan Swan" of
    "Axios reporter Jonathan Swan, who wrote the piece with Margaret Talev,"."""
    return re.split(r",|\s(?:who|which|that|whose)\s", source, maxsplit=1)[0]


def is_outlet_name(name: str) -> bool:
    """Whether a name is an outlet's: on sayso's list, or shaped like one."""
    plain = name.strip().rstrip(".,")
    return plain.lower().removeprefix("the ") in lexicon.outlets() or bool(_OUTLET_SHAPE.search(plain))


#: Words that say what kind of medium an outlet or its part is ("ABC radio", "news website Axios").
_MEDIUM_WORDS = frozenset({"radio", "television", "tv", "online", "website", "site", "news", "agency", "outlet",
                           "newspaper", "paper", "broadsheet", "tabloid", "network", "channel", "station",
                           "magazine", "daily", "weekly", "wire", "service", "broadcaster", "public", "state",
                           "state-run", "state-owned"})


def outlet_in_name(name: str) -> str | None:
    """The outlet a name is or names with a medium word: "Axios", "ABC radio" (as written),
    "American news website Axios" and "Japanese news agency Kyodo" (the outlet's own name)."""
    plain = name.strip().rstrip(".,")
    if is_outlet_name(plain):
        return lexicon.outlets().get(plain.lower().removeprefix("the "), plain)
    words = plain.split()
    known = lexicon.outlets()
    for k in range(len(words) - 1, 0, -1):
        head, rest = " ".join(words[:k]), words[k:]
        if head.lower().removeprefix("the ") in known and all(w.lower() in _MEDIUM_WORDS for w in rest):
            return plain  # "ABC radio": the part of the outlet the text names
        tail, before = " ".join(words[-k:]), words[:-k]
        if tail.lower().removeprefix("the ") in known and any(w.lower() in _MEDIUM_WORDS for w in before):
            return known[tail.lower().removeprefix("the ")]
    return None


@dataclass
class _Report:
    """A cited report in scope: the outlet, and the sources it cites (or that told it)."""

    outlet: RouteStep
    sources: tuple[RouteStep, ...]
    #: The statement that brought it into scope.
    by: str


@dataclass(frozen=True, slots=True)
class ProvenanceResult:
    attributions: tuple[Attribution, ...]
    events: tuple[Event, ...]


def _span_text(text: str, spans: Sequence[tuple[int, int]]) -> TextSpan:
    return TextSpan.of(text, spans)


def _sentence_of(sentences: Sequence[tuple[int, int]], offset: int) -> tuple[int, int]:
    for s in sentences:
        if s[0] <= offset < s[1]:
            return s
    return (offset, offset)


def _outside(a: Attribution, start: int, end: int) -> bool:
    return all(end <= s or e <= start for s, e in a.content.spans)


#: The speaker step of a statement with no source ("it was reported that"): no party of the route.
NO_SOURCE = "(no source given)"


def _step_for(a: Attribution) -> RouteStep:
    if a.speaker is not None:
        return RouteStep(a.speaker.name, "speaker", a.source_kind, a.speaker.entity_id, a.anonymous_count)
    name = a.source.text if a.source is not None else NO_SOURCE
    return RouteStep(name, "speaker", a.source_kind, None, a.anonymous_count)


def _citation_steps(a: Attribution) -> tuple[RouteStep, ...]:
    return tuple(RouteStep(c.text, "relay", c.source_kind, None, c.anonymous_count) for c in a.citing)


#: The cues of rule ``citing``'s finds (stages/filtering.py): the cited sources' own statement.
_CITING_CUE_WORDS = frozenset({"citing", "quoting"})


def _overlaps(xs: Sequence[tuple[int, int]], ys: Sequence[tuple[int, int]]) -> bool:
    return any(a < d and c < b for a, b in xs for c, d in ys)


#: The provenance rules of an outlet's own report that the article relays.
_OUTLET_REPORT_RULES = frozenset({"outlet_reports", "journalist_reports"})
#: A report noun as a cue (rule ``report_noun``); the ones that stand as an unnamed source when no
#: outlet's report says the same thing.
_REPORT_NOUN_CUE = re.compile(r"(?:(?P<unnamed>\b(?:reports?|rumou?rs?))|\b(?:allegations?|speculation))$",
                              re.IGNORECASE)


def _content_words(text: str) -> set[str]:
    """The words that say what a report is about: "talks", "bp", not "that" or "is"."""
    return {w for w in re.findall(r"[a-z0-9]{2,}", text.lower()) if w not in lexicon.words("function_words")}


def _as_relay(step: RouteStep) -> RouteStep:
    return replace(step, role="relay")


#: "also" before or in a cue: the statement adds to what was just told ("Trump also cited").
_ALSO = re.compile(r"\balso\b", re.IGNORECASE)


def _anonymous(steps: Sequence[RouteStep]) -> bool:
    return any(s.source_kind in ANONYMOUS_KINDS for s in steps)


def _plain_name(name: str) -> str:
    return re.sub(r"^the\s+", "", name.lower().strip())


def _same_name(a: str | None, b: str | None) -> bool:
    """"The Daily Beast" and "the Daily Beast" are one outlet."""
    return bool(a) and bool(b) and _plain_name(a or "") == _plain_name(b or "")


def _same_person(a: EntityRef, b: EntityRef) -> bool:
    """One entity, or one name within the other ("Leo Varadkar", "Taoiseach Leo Varadkar")."""
    if a.entity_id == b.entity_id:
        return True
    x, y = set(a.name.lower().split()), set(b.name.lower().split())
    return len(min(x, y, key=len)) >= 2 and (x <= y or y <= x)


@functools.cache
def _citing_unnamed() -> re.Pattern[str]:
    """ "citing sources", "quoting sources", "according to a source familiar with ...", "he spoke
    with more than a dozen people for the story"."""
    heads = "|".join(sorted(map(re.escape, lexicon.words("anonymous")), key=len, reverse=True))
    return re.compile(rf"\b(?:citing|cites|cited|quoting|quotes|quoted|according to|(?:spoke|talked|spoken) (?:with|to)"
                      rf"|interviewed)\s+"
                      rf"(?P<phrase>(?:[\w-]+\s+){{0,4}}?(?:{heads}))\b", re.IGNORECASE)


class _Reader:
    """Walks the statements in text order, keeping the report in scope and the topic event."""

    def __init__(self, text: str, sentences: Sequence[tuple[int, int]], attributions: Sequence[Attribution],
                 entities: Sequence[Entity], publisher: str | None, ctx: EventContext) -> None:
        self.text = text
        self.sentences = sentences
        self.attrs = list(attributions)
        self.by_id = {a.id: a for a in self.attrs}
        self.entities = {e.id: e for e in entities}
        self.publisher = publisher
        self.ctx = ctx
        self.events = find_events(ctx)
        self.by_event = {e.id: e for e in self.events}
        self.report: _Report | None = None
        self.event_report: dict[str, _Report] = {}
        self.topic: EventDraft | None = None
        self.reference: str | None = None
        self.settings: dict[str, str | None] = {}
        #: Journalists named with their outlet ("ESPN's Seth Wickersham"): entity id -> outlet.
        self.journalists: dict[str, RouteStep] = {}
        self.provenance: dict[str, Provenance] = {}
        #: Outlets (plain names) whose report the article says cites unnamed sources.
        self.cites_unnamed: set[str] = set()
        #: The unnamed sources the article says a report cites, by the outlet's plain name.
        self.report_sources: dict[str, tuple[RouteStep, ...]] = {}
        #: Report nouns with no source that are an outlet's report the article relays: attribution id ->
        #: that report's speaker (rule ``report_noun_outlet``).
        self.reports_named: dict[str, EntityRef] = {}

    # -- settings -------------------------------------------------------------------------------------

    def _entity_type(self, entity_id: str | None) -> str | None:
        e = self.entities.get(entity_id or "")
        return e.type if e else None

    def _explicit_event(self, a: Attribution, sentence: tuple[int, int]) -> EventDraft | None:
        """An event whose trigger is the cue, or set off by a preposition outside the content."""
        for e in self.events:
            for s, t in e.triggers:
                if not (sentence[0] <= s < sentence[1]) or not _outside(a, s, t):
                    continue
                if any(s < ce and cs < t for cs, ce in a.cue.spans):
                    return e
                if _SETTING_PREPOSITIONS.search(self.text[max(sentence[0], s - 40):s]):
                    return e
        return None

    def _public_event(self, a: Attribution, sentence: tuple[int, int]) -> EventDraft | None:
        """A public setting said near the cue ("said publicly", "told reporters", "in a statement")."""
        cue_start, cue_end = a.cue.spans[0][0], a.cue.spans[-1][1]
        window = (max(sentence[0], cue_start - 60), min(sentence[1], cue_end + 60))
        speaker = [a.speaker.entity_id] if a.speaker else []
        for m in _ANY_PUBLIC_MARKER.finditer(self.text, *window):
            _, what, plover, mode = _PUBLIC_MARKERS[int(m.lastgroup[1:])]  # type: ignore[index]
            if self._in_clause_before_source(a, sentence, m.start()):
                continue
            if _NEGATED.search(self.text, max(sentence[0], m.start() - 12), m.start()):
                continue  # "have not publicly commented": no public statement was made
            if _outside(a, m.start(), m.end()):
                found = next((e for e in self.events if any(s < m.end() and m.start() < t for s, t in e.triggers)),
                             None)
                if found is not None:  # "in a statement" that event finding already found
                    for p in speaker:
                        if p not in found.participants:
                            found.participants.append(p)
                    return found
                when, date = date_near(self.ctx, sentence, self.reference)
                event = add_event(self.events, family="public", plover=plover, mode=mode, what=what,
                                  access="public", participants=speaker, span=(m.start(), m.end()),
                                  rule=f"public marker '{m.group(0)}'", date=date, when=when)
                # The act of saying is the event's trigger too ("responded ... on Twitter").
                event.triggers.append(a.cue.spans[0])
                return event
        cue_word = a.cue.text.lower().split()[-1]
        if cue_word in _PUBLIC_CUES:
            posted = _PUBLIC_CUES[cue_word] == "post"
            found = next((e for e in self.events if e.access == "public" and e.communication and any(
                sentence[0] <= s < sentence[1] and (_outside(a, s, t) or (
                    posted and e.family == "post" and cue_end <= s <= cue_end + 40)) for s, t in e.triggers)), None)
            if found is not None:
                # "posted a 'thank you' tweet": the post that event finding already found, the act's
                # object (which parsers may take into the content)
                found.triggers.append((cue_start, cue_end))
                for p in speaker:
                    if p not in found.participants:
                        found.participants.append(p)
                return found
            when, date = date_near(self.ctx, sentence, self.reference)
            return add_event(self.events, family="public", plover=None, mode="public statement",
                             what=_PUBLIC_CUES[cue_word],
                             access="public", participants=speaker, span=(cue_start, cue_end),
                             rule=f"public cue '{a.cue.text}'", date=date, when=when)
        return None

    def _in_clause_before_source(self, a: Attribution, sentence: tuple[int, int], at: int) -> bool:
        """Whether ``at`` lies in a subordinate clause that opens the sentence before the statement's
        source: "While teammates have been posting tributes on social media, multiple reports suggest"
        is about the teammates' posts, not where the reports were made."""
        if a.source is None or at >= a.source.start:
            return False
        return bool(_SUBORDINATE_OPENING.match(self.text, sentence[0])) and "," in self.text[at:a.source.start]

    def _by_participants(self, a: Attribution) -> EventDraft | None:
        if a.speaker is None:
            return None
        who = a.speaker.entity_id
        if a.addressee is not None and self._entity_type(a.addressee.entity_id) != "OUTLET":
            pair = {who, a.addressee.entity_id}
            matching = [e for e in self.events if e.communication and e.access == "private"
                        and pair <= set(e.participants)]
            if matching:
                if self.topic in matching:
                    return self.topic
                return matching[0]
        if self.topic is not None and self.topic.communication and who in self.topic.participants \
                and not _DENIAL.search(a.cue.text):
            # A denial is said about the talks or call in question, not in them: "But on Wednesday,
            # Shell denied talks are taking place" is Shell's public word, not the private talks'.
            return self.topic
        return None

    def setting(self, a: Attribution) -> EventDraft | None:
        sentence = _sentence_of(self.sentences, a.cue.spans[0][0])
        event = self._explicit_event(a, sentence) or self._public_event(a, sentence) or self._by_participants(a)
        if event is not None:
            if event.date:
                self.reference = event.date
            if a.speaker and a.speaker.entity_id not in event.participants and event.communication \
                    and self._entity_type(a.speaker.entity_id) in ("PERSON", "ORG"):
                event.participants.append(a.speaker.entity_id)
        return event

    def _topic_from_text(self, upto: int, since: int) -> None:
        """A communication event mentioned between two statements, outside every content, becomes the topic."""
        for e in self.events:
            if not e.communication:
                continue
            for s, t in e.triggers:
                if since <= s < upto and all(all(t <= cs or ce <= s for cs, ce in x.content.spans)
                                              for x in self.attrs):
                    self.topic = e

    def _report_from_text(self, upto: int, since: int) -> None:
        """A report named between two statements, outside every content ("The report from the news
        website Axios hit the internet"), comes into scope as if it had been cited."""
        for m in _REPORT_MENTION.finditer(self.text, since, upto):
            if not all(_outside(x, m.start(), m.end()) for x in self.attrs):
                continue
            if m.group("c") and any(x.source is not None and x.source.start < m.end() and m.start() < x.source.end
                                    for x in self.attrs):
                continue  # "Axios reported": a statement of its own, whose route brings its report into scope
            outlet = outlet_in_name(m.group("a") or m.group("b") or m.group("c"))
            if outlet is not None and not _same_name(outlet, self.publisher):
                self.report = _Report(RouteStep(outlet, "relay", "outlet"), (), "")
                self._report_mentioned(outlet, m.start(), m.end())

    def _report_mentioned(self, outlet: str, start: int, end: int) -> None:
        """The named report is an event, published when its sentence says ("The report from the news
        website Axios hit the internet like a nuclear bomb on Sunday")."""
        word = re.search(r"(?i)\b(?:report|story|scoop|article)\b", self.text[start:end])
        span = (start + word.start(), start + word.end()) if word else (start, end)
        # Named as the statements that relay it will name it ("the ABC report", "the ABC reported").
        named = next((self._outlet_of(e.id, e.name) for e in self.entities.values()
                      if any(x.start < end and start < x.end for x in e.mentions)), None)
        outlet = named.name if named is not None else outlet
        name = f"{outlet} report"
        event = next((e for e in self.events if e.family == "relay" and e.what == name), None)
        if event is not None:
            event.triggers.append(span)
            return
        when, date = date_near(self.ctx, _sentence_of(self.sentences, start), self.reference)
        entity = named.entity_id if named is not None else None
        add_event(self.events, family="relay", plover=None, mode="written", what=name, access="public",
                  participants=[entity] if entity else [], span=span, rule=f"report named '{self.text[start:end]}'",
                  date=date, when=when, outlet=outlet)

    # -- routes ---------------------------------------------------------------------------------------

    def _outlet_of(self, entity_id: str | None, name: str | None) -> RouteStep | None:
        """The outlet an entity is, by type, sayso's list or the shape of its name."""
        if name is None:
            return None
        kind = self._entity_type(entity_id)
        if kind == "OUTLET":
            canonical = lexicon.outlets().get(name.lower().removeprefix("the ").rstrip(".,"), name)
            return RouteStep(canonical, "relay", "outlet", entity_id)
        outlet = outlet_in_name(name) if kind in ("ORG", None) else None
        return RouteStep(outlet, "relay", "outlet", entity_id) if outlet else None

    def _outlet_before(self, start: int) -> RouteStep | None:
        """"ESPN's Seth Wickersham", "NFL Network's Tom Pelissero": the outlet a journalist writes for."""
        m = _POSSESSOR.search(self.text[max(0, start - 60):start])
        if m and is_outlet_name(m.group(1)):
            name = m.group(1)
            return RouteStep(lexicon.outlets().get(name.lower().removeprefix("the "), name), "relay", "outlet")
        return None

    def _outlet_in_source(self, a: Attribution) -> RouteStep | None:
        """A source that is a report ("the Axios report said", "A Global News report cited"), or an
        outlet sayso did not resolve ("American news website Axios reported")."""
        if a.source is not None and (a.speaker is None or is_outlet_name(a.source.text)
                                     and _plain_name(a.source.text) not in a.speaker.name.lower()):
            # "NYT: Trump ordered Mueller fired": a source that is an outlet's name, whoever the
            # headline is about.
            outlet = outlet_in_name(a.source.text)
            if outlet is not None:
                return RouteStep(outlet, "relay", "outlet")
        if a.source is None or not _REPORT_WORDS.search(_source_head(a.source.text)):
            # "Axios reporter Jonathan Swan, who wrote the piece": a report named only in a clause
            # about the source does not make the source a report.
            return None
        for e in self.entities.values():
            for m in e.mentions:
                if a.source.start <= m.start and m.end <= a.source.end:
                    outlet = self._outlet_of(e.id, e.name)
                    if outlet is not None:
                        return outlet
        for name in re.findall(r"[A-Z][\w&.\u2019'-]*(?:\s+[A-Z][\w&.\u2019'-]*)*", a.source.text):
            if is_outlet_name(name):
                return RouteStep(lexicon.outlets().get(name.lower().removeprefix("the "), name), "relay", "outlet")
        if _DEFINITE_SOURCES.match(a.source.text) and self.report is not None:
            return self.report.outlet
        return None

    def _spoken_to(self, a: Attribution, sentence: tuple[int, int]) -> tuple[RouteStep | None, tuple[int, int]] | None:
        """Whom the statement was said to, by the words near its cue: the publisher (an interview
        with it, a statement to it, one of its programmes), another outlet, or an unnamed medium.
        Returns the relay (None for the publisher) and the evidence span."""
        cue_start, cue_end = a.cue.spans[0][0], a.cue.spans[-1][1]
        lo, hi = max(sentence[0], cue_start - 80), min(sentence[1], cue_end + 80)
        for m in _SPOKEN_TO.finditer(self.text, lo, sentence[1]):
            if m.start() >= hi:
                break  # the name may run past the window ("telling ITV's Good Morning Britain")
            span = (m.start(), m.end())
            if not _outside(a, m.start(), m.start("name")):
                continue  # the verb outside the content: parsers often begin it at the addressee
            name = m.group("name").rstrip(".,")
            if self.publisher and _plain_name(name).startswith(_plain_name(self.publisher)):
                return None, span
            outlet = outlet_in_name(name)
            if outlet is not None:
                return RouteStep(outlet, "relay", "outlet"), span
            if _PROGRAMME.search(name):
                return None, span
            programme = _OUTLET_PROGRAMME.match(name)
            if programme and is_outlet_name(programme.group("outlet")):
                # "telling ITV's Good Morning Britain": a programme of another outlet, named as the text names it.
                return RouteStep(name, "relay", "outlet"), span
        for m in _ON_AIR.finditer(self.text, lo, hi):
            if _PUBLISHED_ON.search(self.text, m.start(), m.start("name")):
                continue  # "said in its statement, published on WAM": where a public statement was published
            outlet = outlet_in_name(re.sub(r"[\u2019']s$", "", m.group("name").rstrip(".,")))  # "on CNN's"
            if outlet is not None and _outside(a, m.start("name"), m.end("name")) \
                    and not _same_name(outlet, self.publisher):
                # "Asked by Andrew Marr on the BBC": said on the air of another outlet, which relays it.
                return RouteStep(outlet, "relay", "outlet"), (m.start(), m.end())
        for m in _PASSED_ON.finditer(self.text, lo, hi):
            name = (m.group("name") or m.group("name2")).rstrip(".,")
            if self.publisher and _same_name(name, self.publisher):
                return None, (m.start(), m.end())
            outlet = outlet_in_name(name)
            step = RouteStep(outlet, "relay", "outlet") if outlet else RouteStep(name, "relay", "named_person")
            return step, (m.start(), m.end())
        for m in _UNNAMED_MEDIUM.finditer(self.text, lo, hi):
            if _outside(a, m.start(), m.end()):
                return RouteStep(m.group("name"), "relay", "outlet"), (m.start(), m.end())
        return None

    def _note_unnamed_citation(self, a: Attribution, outlet: RouteStep) -> None:
        """A report said to cite unnamed sources in the sentence that relays it ("CNBC reported,
        citing sources"; "according to four sources who were briefed ..., the New York Times reported")."""
        sentence = _sentence_of(self.sentences, a.cue.spans[0][0])
        cites = any(b.id != a.id and b.source_kind in ANONYMOUS_KINDS and sentence[0] <= b.cue.spans[0][0] < sentence[1]
                    for b in self.attrs)
        # Not only outside the content: parsers often take "citing sources, that ..." into it.
        m = _citing_unnamed().search(self.text, *sentence)
        # "The Journal reported that people briefed on the intrusion said": sources its content cites.
        cites = cites or bool(_UNNAMED_SOURCE.search(a.content.text))
        if not cites and m is None:
            return
        self.cites_unnamed.add(_plain_name(outlet.name))
        if m is not None and self.report is not None and self.report.outlet is outlet and not self.report.sources:
            # "according to four sources who were briefed on the incident, the New York Times reported": the
            # report's sources, through whom the private acts it reports reach it (tests/fresh/README-a.md:
            # "[publisher, outlet, its unnamed sources, speaker]").
            phrase = re.split(r"[,.;:\u2014]|\s(?:as saying|saying)\b", self.text[m.start("phrase"):sentence[1]],
                              maxsplit=1)[0].strip()
            self.report.sources = (RouteStep(phrase[:100], "relay", "anonymous_group"),)
            self.report_sources[_plain_name(outlet.name)] = self.report.sources

    def _voice_of(self, a: Attribution) -> RouteStep | None:
        """The organisation an unnamed spokesperson speaks for ("A spokesperson for the Post", "An OpenAI
        spokesperson"): the statement is the organisation's, on the record, not an unnamed source's, and
        when the organisation is an outlet, not a report it published.  A named spokesperson speaks as
        themselves ("Ty Trippet, a spokesman for Bloomberg")."""
        if a.source is None or a.source_kind == "named_person":
            return None
        m = _SPOKESPERSON_FOR.search(a.source.text)
        if m is None:
            return None
        group = "org" if m.group("org") else "org2"
        start, end = a.source.start + m.start(group), a.source.start + m.end(group)
        for e in self.entities.values():
            # "the Washington Post" is mentioned with its article, which the pattern leaves out.
            if e.type in ("ORG", "OUTLET", "GPE") and any(start <= x.end and x.start <= end
                                                          and x.end - x.start <= end - start + 4 for x in e.mentions):
                return RouteStep(e.name, "speaker", "named_organization", e.id)
        return RouteStep(m.group(group).strip(), "speaker", "named_organization")

    def _paragraphs_apart(self, earlier: str | None, a: Attribution) -> int:
        """How many paragraph breaks lie between an earlier statement's cue and this one's."""
        b = self.by_id.get(earlier or "")
        if b is None:
            return 1 << 30
        return len(re.findall(r"\n\s*\n|\n", self.text[b.cue.spans[0][0]:a.cue.spans[0][0]]))

    def _publisher_step(self) -> list[RouteStep]:
        return [RouteStep(self.publisher, "publisher", "outlet")] if self.publisher else []

    def content_route(self, a: Attribution) -> list[RouteStep]:
        """The route to what a statement's content says: its own route, then the sources it cites."""
        p = self.provenance[a.id]
        route = list(p.route)
        if route:
            route[-1] = _as_relay(route[-1])
        return route + [_as_relay(c) for c in _citation_steps(a)]

    def _after_report_colon(self, at: int) -> bool:
        """Whether ``at`` opens the paragraph after one that names a report and ends with a colon ("The
        report from the news website Axios hit the internet like a nuclear bomb on Sunday:"): that
        paragraph is the report's content."""
        start = self.text.rfind("\n", 0, at)
        before = self.text[:start].rstrip()
        if start < 0 or not before.endswith(":"):
            return False
        previous = before[before.rfind("\n") + 1:]
        return any(outlet_in_name(m.group("a") or m.group("b") or m.group("c") or "") for m in _REPORT_MENTION.finditer(previous))

    def _article_sources(self) -> RouteStep | None:
        """The unnamed sources the article itself cites first ("according to people familiar with the
        matter"), outside any statement and any report's scope."""
        for b in sorted(self.attrs, key=lambda x: x.cue.spans[0][0]):
            if b.nested_in is None and b.source_kind in ANONYMOUS_KINDS and b.source is not None \
                    and not _NOT_SOURCES.search(b.source.text) and not _ON_RECORD_ROLE.search(b.source.text) \
                    and _UNNAMED_SOURCE.search(b.source.text):
                return _as_relay(_step_for(b))
        return None

    def _about_report(self, a: Attribution, report: _Report) -> bool:
        """Whether a statement speaks of the report itself ("A Downing Street source described it as a
        'grubby, discredited story'", "sources said the original story is correct"): whoever judges a
        report is not one of its sources."""
        words = a.content.text
        return bool(_REPORT_WORDS.search(words)) or _plain_name(report.outlet.name) in words.lower()

    def _report_route(self, report: _Report) -> list[RouteStep]:
        return self._publisher_step() + [report.outlet, *report.sources]

    def route(self, a: Attribution, setting: EventDraft | None) -> Provenance:
        voiced = self._voice_of(a)
        speaker = voiced or _step_for(a)
        kind = speaker.source_kind  # a spokesperson's statement is the organisation's
        pub = self._publisher_step()
        cue = (a.cue.spans[0][0], a.cue.spans[-1][1])
        evidence: list[tuple[int, int]] = [cue]
        parent = self.by_id.get(a.nested_in or "")
        hedged = any(h in _HEDGES for h in a.hedges)

        def done(basis: str, route: list[RouteStep], rule: str, inferred: bool = False,
                 extra: Sequence[tuple[int, int]] = ()) -> Provenance:
            # An unnamed spokesperson, agent or lawyer speaks for someone on the record: the
            # statement is theirs, not an anonymous source's ("the prime minister's spokesperson said").
            if len(route) > 1 and route[-1].name == NO_SOURCE:
                # Said by no one the text names: the route ends with whoever relays it, as the
                # fresh sets read it ("amid fresh allegations that ...": the publisher alone).
                route = route[:-1]
            own = route[:-1] if rule == "role_on_record" else route
            anonymous = _anonymous(own) or _anonymous(_citation_steps(a))
            if len(route) - (0 if pub else -1) >= 3 and (rule not in _NESTED_RULES or inferred or basis != "public"):
                # Words that reach the publisher through someone else's account are relayed, even
                # when the last hop was public (tests/fresh/README-c.md: "a route of three or more links").
                # Words inside a quotation the text says was public have its basis: what Trump imagines
                # Axios saying, inside the tweet he posted, is as public as the tweet (tests/fresh/README-a.md).
                basis = "relayed"
            spans = sorted({*evidence, *extra})
            return Provenance(basis=basis, route=tuple(route), rests_on_anonymous=anonymous, inferred=inferred,
                              rule=rule, evidence=tuple(_span_text(self.text, [s]) for s in spans))

        if parent is not None and parent.id in self.provenance and parent.kind == QuoteKind.INDIRECT \
                and a.speaker is not None and voiced is None and kind not in ANONYMOUS_KINDS:
            outlet = self._outlet_of(a.speaker.entity_id, a.speaker.name)
            if outlet is not None and not _same_name(outlet.name, self.publisher):
                # "Trump Hits Back Over Axios Scoop That He Suggested ...": a report named in the
                # article's own paraphrase of someone's words reaches the publisher from the outlet
                # itself, not through the one who spoke of it (inside a quotation it stays theirs).
                return done("relayed", pub + [replace(outlet, role="speaker")], "report_spoken_of")
        if parent is not None and parent.id in self.provenance:
            outer = self.provenance[parent.id]
            route = self.content_route(parent)
            if route and route[-1].entity_id and route[-1].entity_id == speaker.entity_id:
                route = route[:-1]  # "Trump reportedly acknowledged ..., adding ...": one speaker
            if outer.basis == "public" and outer.inferred and kind in ("named_person", "named_organization") \
                    and not _DENIAL.search(parent.cue.text):
                # A person or body named inside a public statement is as public as the statement, even
                # where the article does not say where the statement was made (a stated public setting
                # already keeps its basis below):
                # "The short statement read, '... Olympique Lyonnais categorically denies ...'", Swan
                # writing "He said this in at least two meetings" (tests/fresh: public in 8 articles).
                # What a denial denies is someone else's account, and an outlet or report named inside
                # the statement still relays its own story.
                if len(route) > 1 and route[-1].source_kind == "document" and kind == "named_organization":
                    route = route[:-1]  # an unsigned statement naming a body is that body's own
                return done("public", route + [speaker], "nested_in_public")
            return done(outer.basis, route + [speaker], "nested", outer.inferred)
        speaker_outlet = None if voiced else (
            self._outlet_of(a.speaker.entity_id, a.speaker.name) if a.speaker is not None else None
        ) or self._outlet_in_source(a)
        if speaker_outlet is not None:
            if _same_name(speaker_outlet.name, self.publisher):
                if _LEARNED.search(a.cue.text):
                    # "India Today has learnt", "The Post has learned": the publisher's own unnamed sources.
                    return done("to_publisher", pub + [RouteStep("unnamed sources", "speaker", "anonymous_group")],
                                "publisher_learned", True)
                return done("to_publisher", pub, "outlet_reports")
            if setting is not None and setting.family == "public":
                # "The Post announced last week that it would cut jobs": the outlet as an organisation
                # speaking in public, not a report it published.
                return done("public", pub + [replace(speaker_outlet, role="speaker")], "public_setting",
                            extra=setting.triggers)
            told = self._outlet_of(a.addressee.entity_id, a.addressee.name) if a.addressee is not None else None
            if told is not None and not _same_name(told.name, speaker_outlet.name):
                # "The SCMP told Kyodo that ...": one outlet speaking to another, which relays it.
                speaking = replace(speaker_outlet, role="speaker")
                if _same_name(told.name, self.publisher):
                    return done("to_publisher", pub + [speaking], "told_publisher")
                return done("relayed", pub + [told, speaking], "told_outlet")
            sentence = _sentence_of(self.sentences, cue[0])
            if self.report is not None and _same_name(self.report.outlet.name, speaker_outlet.name) \
                    and self.report.sources and all(s.source_kind == "named_person" for s in self.report.sources) \
                    and (a.source is None or not sentence[0] <= a.source.start < sentence[1]):
                # "Brady reportedly wanted assurances", after "ESPN's Seth Wickersham reported": the
                # outlet named outside the sentence is its journalist's report in scope.
                return done("relayed", self._report_route(self.report), "journalist_reports", True)
            if kind in ANONYMOUS_KINDS:
                # "sources in a Washington Post report confirmed": the report's unnamed sources speak,
                # relayed by the report.
                self.report = _Report(speaker_outlet, (_as_relay(speaker),), a.id)
                self.cites_unnamed.add(_plain_name(speaker_outlet.name))
                self._scope_events(a)
                self._relay_event(a, speaker_outlet, "report", "written", [])
                return done("relayed", pub + [speaker_outlet, speaker], "sources_in_report")
            cited = tuple(_as_relay(c) for c in _citation_steps(a)) or self.report_sources.get(
                _plain_name(speaker_outlet.name), ())  # the sources the article said this report cites
            if self.report is None or not _SCOOP_CREDIT.search(self.text, max(0, cue[0] - 20), cue[1]):
                # "CNN has learned ... The Washington Post first reported on the call": crediting the
                # outlet that broke the story does not make it the account the article follows.
                self.report = _Report(speaker_outlet, cited, a.id)
            self._note_unnamed_citation(a, speaker_outlet)
            self._scope_events(a)
            self._relay_event(a, speaker_outlet, "report", "written", [])
            return done("relayed", pub + [replace(speaker_outlet, role="speaker")], "outlet_reports",
                        extra=[s for c in a.citing for s in c.spans])
        journalist_outlet = None
        if a.speaker is not None and a.source is not None:
            named_at = min((m.start for m in self.entities[a.speaker.entity_id].mentions
                            if a.source.start <= m.start < a.source.end), default=a.source.start) \
                if a.speaker.entity_id in self.entities else a.source.start
            journalist_outlet = (self._outlet_before(named_at) if self._entity_type(a.speaker.entity_id) == "PERSON"
                                 else None) or self.journalists.get(a.speaker.entity_id)
        if journalist_outlet is not None and a.speaker is not None:
            self.journalists[a.speaker.entity_id] = journalist_outlet
            if not _same_name(journalist_outlet.name, self.publisher):
                self.report = _Report(journalist_outlet, (_as_relay(speaker),), a.id)
                self._note_unnamed_citation(a, journalist_outlet)
                self._scope_events(a)
                self._relay_event(a, journalist_outlet, "report", "written", [a.speaker.entity_id])
                return done("relayed", pub + [journalist_outlet, speaker], "journalist_reports")
        told = None
        if a.addressee is not None:
            told = self._outlet_of(a.addressee.entity_id, a.addressee.name)
            if told is None:
                start = min((m.start for e in self.entities.values() if e.id == a.addressee.entity_id
                             for m in e.mentions if m.start > cue[0] and m.start - cue[1] < 80), default=None)
                told = self._outlet_before(start) if start is not None else None
        if told is None and a.addressee is not None and self.publisher and \
                _plain_name(a.addressee.name).startswith(_plain_name(self.publisher)):
            return done("to_publisher", pub + [speaker], "told_publisher")  # "told Newstalk Breakfast"
        if told is None:
            spoken_to = self._spoken_to(a, _sentence_of(self.sentences, cue[0]))
            if spoken_to is not None:
                told, span = spoken_to
                evidence.append(span)
                if told is None:
                    if setting is None and a.speaker is not None:
                        # "Speaking to The Pat Kenny Show": an interview the publisher itself was given.
                        event = add_event(self.events, family="relay", plover=None, mode="interview",
                                          what=f"interview with {self.publisher or 'the publisher'}",
                                          access="to_publisher", participants=[a.speaker.entity_id], span=span,
                                          rule=f"said to the publisher '{self.text[span[0]:span[1]]}'")
                        self.settings[a.id] = event.id
                    return done("to_publisher", pub + [speaker], "told_publisher")
                if told.source_kind != "outlet":  # "(via Schefter)": a person who passed it on
                    return done("relayed", pub + [told, speaker], "passed_on")
        if told is not None:
            if _same_name(told.name, self.publisher):
                return done("to_publisher", pub + [speaker], "told_publisher")
            if kind in ANONYMOUS_KINDS or voiced is not None or a.speaker is None:
                # Unnamed sources telling an outlet make its report, which relays what follows; an
                # interview a named person gave it ("Rubio said on CNN") is no report in scope.
                sources = (_as_relay(speaker),) if kind in ANONYMOUS_KINDS else ()
                self.report = _Report(told, sources, a.id)
                self._scope_events(a)
            if a.speaker is not None and kind not in ANONYMOUS_KINDS and voiced is None:
                # Unnamed sources telling an outlet are a leak, not an interview the reader could find; a
                # spokesperson's line to it ("A spokesperson for the Post told Axios") is no interview either.
                self._relay_event(a, told, "interview", "interview", [a.speaker.entity_id])
            return done("relayed", pub + [told, speaker], "told_outlet")
        if setting is not None and setting.access == "to_publisher":
            return done("to_publisher", pub + [speaker], "told_publisher", extra=setting.triggers)
        if setting is not None and setting.access == "public" and hedged and self.report is not None:
            # "the president reportedly said in a briefing": "reportedly" says the publisher has it from
            # the report in scope, whatever the setting was.
            return done("relayed", self._report_route(self.report) + [speaker], "hedged", True)
        if setting is None and speaker.entity_id is None and a.source is not None \
                and _REPORT_WORDS.search(a.source.text) and kind not in ("named_person", "named_organization"):
            # "multiple reports suggest": reports the article does not name, relayed.
            return done("relayed", pub + [speaker], "unnamed_reports", True)
        if setting is not None and setting.access == "public":
            # A public statement in between does not end a cited report's scope:
            # the report still relays the unnamed and hedged statements after it.
            via = [RouteStep(setting.outlet, "relay", "outlet")] if setting.outlet and not _same_name(
                setting.outlet, self.publisher) else []
            if via and setting.mode == "interview":
                # An interview given to another outlet reaches the publisher through it.
                return done("relayed", pub + via + [speaker], "told_outlet", extra=setting.triggers)
            return done("public", pub + via + [speaker], "public_setting", extra=setting.triggers)
        report = self.report
        if setting is not None and setting.id in self.event_report:
            report = self.event_report[setting.id]
        if kind in ANONYMOUS_KINDS and report is not None and not (
                a.source is not None and (_NOT_SOURCES.search(a.source.text) or _ON_RECORD_ROLE.search(a.source.text))
        ) and not self._about_report(a, report):
            own = [s for s in report.sources if (s.entity_id and s.entity_id == speaker.entity_id)
                   or _same_name(s.name, speaker.name)]
            if own:
                return done("relayed", pub + [report.outlet, speaker], "report_sources", True)
            if a.source is not None and _DEFINITE_SOURCES.match(a.source.text) and report.sources:
                cited = replace(report.sources[-1], role="speaker")
                return done("relayed", pub + [report.outlet, *report.sources[:-1], cited], "report_sources", True)
            return done("relayed", pub + [report.outlet, speaker], "report_sources", True)
        opening = a.source.start if a.source is not None else cue[0]
        if report is not None and (_REPORT_THAT.search(self.text, max(0, opening - 40), opening)
                                   or self._after_report_colon(cue[0])):
            # "over the outlet's report that the president suggested ...": what the report says.
            return done("relayed", self._report_route(report) + [speaker], "report_content", True)
        sentence = _sentence_of(self.sentences, cue[0])
        private = _PRIVATELY.search(self.text, max(sentence[0], cue[0] - 30), min(sentence[1], cue[1] + 30))
        if private is not None and _outside(a, private.start(), private.end()) and kind not in ANONYMOUS_KINDS \
                and (setting is None or setting.access != "public"):
            # "Gillibrand is privately indicating": private speech reaches the publisher through the
            # report in scope, or through the unnamed sources the article cites.
            if report is not None:
                return done("relayed", self._report_route(report) + [speaker], "said_privately", True,
                            extra=[private.span()])
            sources = self._article_sources()
            if sources is not None:
                return done("relayed", pub + [sources, speaker], "said_privately", True, extra=[private.span()])
        if hedged:
            if report is not None:
                return done("relayed", self._report_route(report) + [speaker], "hedged", True)
            return done("relayed", pub + [RouteStep("unnamed reports", "relay", "unspecified"), speaker], "hedged")
        if setting is not None and setting.access == "private":
            if report is not None:
                self.event_report.setdefault(setting.id, report)
                return done("relayed", self._report_route(report) + [speaker], "private_setting", True,
                            extra=setting.triggers)
            return done("unknown", pub + [speaker], "private_setting_no_relay", extra=setting.triggers)
        if report is not None and a.addressee is not None and a.addressee.name.lower() not in _THE_PUBLIC:
            # "Trump suggested to officials", "McGahn told senior White House officials": an exchange
            # between people, which the publisher knows only through the report in scope.
            if setting is None:
                self._exchange_event(a)
            return done("relayed", self._report_route(report) + [speaker], "private_exchange", True)
        if report is not None and a.source_kind == "none":
            # "it was reported that": the report itself, not a source it cites.
            return done("relayed", self._publisher_step() + [report.outlet], "report_in_scope", True)
        # Nothing in the article says how the publisher knows it.  What careful
        # readers infer (tests/fresh): unnamed sources told the publisher, a
        # document is relayed, a named person or body spoke on the record.
        if kind in ANONYMOUS_KINDS:
            words = a.source.text if a.source is not None else ""
            if _NOT_SOURCES.search(words):
                return done("unknown", pub + [speaker], "unnamed_view", True)  # "Antitrust experts agreed"
            if _ON_RECORD_ROLE.search(words):
                # "spokesman says", "Watson's agent says": speaking for someone, on the record.
                return done("public", pub + [speaker], "role_on_record", True)
            return done("to_publisher", pub + [speaker], "unnamed_told_publisher", True)
        if kind == "document":
            if a.source is not None and _PUBLIC_DOCUMENT.search(a.source.text):
                # "The police release said", "A statement from the ministry said": issued to the public.
                return done("public", pub + [speaker], "public_document", True)
            if a.source is not None and _REPORT_WORDS.search(a.source.text):
                # "A newspaper report published today ... claimed": a report the article does not name is
                # its own speaker now (speakers: unowned documents), and is still relayed as one.
                return done("relayed", pub + [speaker], "unnamed_reports", True)
            return done("relayed", pub + [speaker], "document", True)
        writes_for = _WRITES_FOR.match(self.text, cue[1]) if kind == "named_person" and _REPORTING_CUE.search(
            a.cue.text) else None
        outlet = outlet_in_name(writes_for.group("name").rstrip(".,")) if writes_for else None
        if outlet is not None and not _same_name(outlet, self.publisher):
            # "Jennifer Maloney reports for The Wall Street Journal, citing people familiar with the
            # matter": the outlet's report, in scope with the sources it cites.
            step = RouteStep(outlet, "relay", "outlet")
            self.report = _Report(step, tuple(_as_relay(c) for c in _citation_steps(a)), a.id)
            self._note_unnamed_citation(a, step)
            self._scope_events(a)
            self._relay_event(a, step, "report", "written", [a.speaker.entity_id] if a.speaker else [])
            return done("relayed", pub + [replace(step, role="speaker")], "outlet_reports",
                        extra=[(writes_for.start(), writes_for.end())])
        if kind == "named_person" and _REPORTING_CUE.search(a.cue.text):
            # "Radio host Dan Sileo reported on Monday that ...": a journalist's report, relayed.  It
            # names no sources, so it does not take in the unnamed sources that follow.
            self._relay_event(a, _as_relay(speaker), "report", "written", [])
            return done("relayed", pub + [speaker], "reporter_reports")
        continued = self._continues_account(a) if kind in ("named_person", "named_organization") else None
        if continued is not None:
            # "Two people told the Times that Trump expressed concerns ... Trump also cited ...": the
            # same account goes on, and reaches the publisher the way the sentence before did.
            return done("relayed", continued + [speaker], "continues_account", True)
        if kind in ("named_person", "named_organization"):
            if voiced is not None and voiced.entity_id and a.id not in self.settings:
                self._statement_event(a, voiced)
            return done("public", pub + [speaker], "named_on_record", True)
        if kind == "unspecified" and a.source is not None:
            previous = self.provenance.get(self._previous_top or "")
            pronoun = a.source.text.lower() in _PRONOUNS
            # The statement before must have a speaker to go on with: after "It was soon suggested that
            # ..." (no one's), "The club gave its side ..., insisting" is not its continuation.
            if previous is not None and len(previous.route) > len(pub) and self._paragraphs_apart(self._previous_top, a) <= 1 \
                    and (pronoun or _DEFINITE_SOURCES.match(a.source.text)):
                # "It also urged ...", "The panel noted ...", "it added": the source the discourse is
                # on, said where and as the statement before it was.
                # A bare pronoun no sieve resolved is the speaker before it.
                last = [previous.route[-1]] if pronoun else [speaker]
                return done(previous.basis, list(previous.route[:-1]) + last, "continues_previous", True)
            if re.search(r"\b[A-Z]", a.source.text):
                # "Saudi foreign minister calls for ...", "reporter stands by story": a described
                # official or person, on the record.
                return done("public", pub + [speaker], "described_on_record", True)
        if a.source is None and _REPORTING_CUE.search(a.cue.text):
            # "were reported to have told", "it was reported": reports the article does not name.
            return done("relayed", pub + [speaker], "unnamed_reports", True)
        return done("unknown", pub + [speaker], "no_relay")

    def _continues_account(self, a: Attribution) -> list[RouteStep] | None:
        """The route of the account a named speaker's "also" statement goes on with: the statement
        before it, in the sentence before, relayed someone else's account whose content opens with
        this speaker ("Two people told the Times that Trump expressed concerns ..." before "Trump
        also cited ...")."""
        cue = a.cue.spans[0][0]
        if a.speaker is None or a.speaker.entity_id not in self.entities \
                or not _ALSO.search(self.text, max(0, cue - 12), a.cue.spans[-1][1]):
            return None
        b = self.by_id.get(self._previous_top or "")
        if b is None or self.provenance[b.id].basis != "relayed" or len(self.provenance[b.id].route) < 2:
            return None
        previous = _sentence_of(self.sentences, b.cue.spans[0][0])
        here = _sentence_of(self.sentences, cue)
        if previous == here or self.text[previous[1]:here[0]].count("\n") > 2 or not b.content.spans:
            return None
        opening = b.content.spans[0][0]
        if not any(opening <= m.start <= opening + 6 for m in self.entities[a.speaker.entity_id].mentions):
            return None
        return self.content_route(b)

    def _exchange_event(self, a: Attribution, access: str = "private") -> None:
        """What someone said to people, not the public or an outlet ("multiple players told Belichick",
        "Trump suggested to officials"): a conversation, an event of its own, private when a report
        tells of it (an interviewer's question is a conversation too, but not a private one)."""
        assert a.addressee is not None
        people = ([a.speaker.entity_id] if a.speaker is not None else []) + [a.addressee.entity_id]
        event = next((e for e in self.events if e.family == "exchange" and (
            set(e.participants) <= set(people) or set(people) <= set(e.participants))), None)
        if event is not None:  # "Tom Swarbrick asked Mr Taylor" after "Taylor told Swarbrick": one conversation
            event.triggers.append(a.cue.spans[0])
            event.participants += [p for p in people if p not in event.participants]
        else:
            event = add_event(self.events, family="exchange", plover="CONSULT", mode=None, what="conversation",
                              access=access, participants=people, span=a.cue.spans[0],
                              rule=f"{'private exchange' if access == 'private' else 'said to a person'} '{a.cue.text}'")
        self.settings[a.id] = event.id

    def _document_event(self, a: Attribution) -> None:
        """A statement or release that speaks ("A statement on the dialogue from the Japanese foreign
        ministry said", "The police release said") is a public statement event, the one it was said in."""
        if a.source is None:
            return
        m = _STATEMENT_WORD.search(_source_head(a.source.text))
        if m is None:
            return
        span = (a.source.start + m.start(), a.source.start + m.end())
        event = next((e for e in self.events if any(s < span[1] and span[0] < t for s, t in e.triggers)), None)
        if event is None:
            when, date = date_near(self.ctx, _sentence_of(self.sentences, a.cue.spans[0][0]), self.reference)
            who = [a.speaker.entity_id] if a.speaker is not None and a.speaker.entity_id in self.entities else []
            event = add_event(self.events, family="statement", plover=None, mode="written", what="statement",
                              access="public", participants=who, span=span,
                              rule=f"statement as source '{a.source.text[:40]}'", date=date, when=when)
        self.settings[a.id] = event.id

    def _statement_event(self, a: Attribution, organisation: RouteStep) -> None:
        """A spokesperson speaking for an organisation makes the organisation's statement, an event of
        its own ("A spokesperson for the Washington Post said on Friday it was not for sale")."""
        when, date = date_near(self.ctx, _sentence_of(self.sentences, a.cue.spans[0][0]), self.reference)
        event = add_event(self.events, family="statement", plover=None, mode="statement",
                          what=f"{organisation.name} statement", access="public",
                          participants=[organisation.entity_id or ""], span=a.cue.spans[0],
                          rule=f"spokesperson's statement '{a.cue.text}'", date=date, when=when)
        self.settings[a.id] = event.id

    def _relay_event(self, a: Attribution, outlet: RouteStep, what: str, mode: str, people: list[str]) -> None:
        """An outlet's report, or an interview it was given, as a published communication event."""
        name = f"{outlet.name} {what}"
        event = next((e for e in self.events if e.family == "relay" and e.what == name), None)
        if event is None:
            sentence = _sentence_of(self.sentences, a.cue.spans[0][0])
            when, date = date_near(self.ctx, sentence, self.reference)
            event = add_event(self.events, family="relay", plover="CONSULT" if mode == "interview" else None,
                              mode=mode, what=name, access="public", participants=[], span=a.cue.spans[0],
                              rule=f"relay rule for '{a.cue.text}'", date=date, when=when, outlet=outlet.name)
        else:
            event.triggers.append(a.cue.spans[0])
            if event.date is None:
                event.when, event.date = date_near(self.ctx, _sentence_of(self.sentences, a.cue.spans[0][0]),
                                                   self.reference)
        if a.source is not None and _REPORT_WORDS.search(a.source.text):
            event.triggers.append((a.source.start, a.source.end))  # "a Washington Post report"
        if mode == "interview" and a.id not in self.settings:
            self.settings[a.id] = event.id  # said in the interview
        for p in ([outlet.entity_id] if outlet.entity_id else []) + people:
            if p and p not in event.participants:
                event.participants.append(p)

    def _scope_events(self, a: Attribution) -> None:
        """Events the report's statement or its citations mention ("sources with knowledge of the call")."""
        sentence = _sentence_of(self.sentences, a.cue.spans[0][0])
        assert self.report is not None
        for e in self.events:
            if any(sentence[0] <= s < sentence[1] for s, _ in e.triggers) and e.access == "private":
                self.event_report[e.id] = self.report
                self.topic = e

    def _visit(self, a: Attribution, done: set[str]) -> None:
        """Resolve one statement, after the statement it is nested in (whose route it extends)."""
        if a.id in done:
            return
        done.add(a.id)
        parent = self.by_id.get(a.nested_in or "")
        if parent is not None:
            self._visit(parent, done)
        self._topic_from_text(a.cue.spans[0][0], self._previous_end)
        self._report_from_text(a.cue.spans[0][0], self._previous_end)
        setting = self.setting(a)
        self.provenance[a.id] = self.route(a, setting)
        if setting is None and a.id not in self.settings and self._said_in_private_to(a):
            self._exchange_event(a, access="unknown")
        if setting is None and a.id not in self.settings:
            self._document_event(a)
        if setting is not None:
            self.settings[a.id] = setting.id
            self.topic = setting
        self._previous_end = max(self._previous_end, a.cue.spans[-1][1])
        if parent is None:
            self._previous_top = a.id

    def _said_in_private_to(self, a: Attribution) -> bool:
        """Whether the statement was said to people who are neither the public nor an outlet, with
        nothing saying it was said in public or to the press ("multiple players told Belichick")."""
        return a.addressee is not None and a.addressee.name.lower() not in _THE_PUBLIC \
            and not _PUBLIC_BODY.search(a.addressee.name) \
            and self._entity_type(a.addressee.entity_id) == "PERSON" \
            and (a.speaker is None or a.source_kind in ANONYMOUS_KINDS
                 or self._entity_type(a.speaker.entity_id) == "PERSON") \
            and self.provenance[a.id].rule not in _SPOKEN_WHERE | {"passed_on", "outlet_reports"}

    def _share_settings_by_speaker(self) -> None:
        """A named speaker's plain statements share where the speaker was said to speak in the same
        or the next paragraph ("he told ABC radio on Wednesday" covers "Joyce said" before it)."""
        paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n+", self.text)]

        def paragraph(a: Attribution) -> int:
            return bisect.bisect_right(paragraph_starts, a.cue.spans[0][0])

        for a in self.attrs:
            p = self.provenance[a.id]
            if p.rule != "named_on_record" or a.speaker is None:
                continue
            located = [b for b in self.attrs if b.id != a.id and b.speaker is not None
                       and _same_person(b.speaker, a.speaker) and self.provenance[b.id].rule in _SPOKEN_WHERE]
            near = [b for b in located if abs(paragraph(b) - paragraph(a)) <= 1]
            if not near and len({(self.provenance[b.id].basis, self.provenance[b.id].names[:-1])
                                 for b in located}) == 1:
                # Said in one place only, as far as the article says: the speaker's other
                # statements, the headline's among them, were said there too.
                near = located
            if not near:
                continue
            b = min(near, key=lambda b: abs(b.cue.spans[0][0] - a.cue.spans[0][0]))
            q = self.provenance[b.id]
            route = q.route[:-1] + ((replace(q.route[-1], name=a.speaker.name),) if q.route else ())
            self.provenance[a.id] = replace(q, route=route, rule="same_speaker_setting", inferred=True,
                                            evidence=p.evidence + q.evidence)
            if b.id in self.settings:
                self.settings[a.id] = self.settings[b.id]

    def _report_content_named_later(self) -> None:
        """A statement introduced as a report's ("over the outlet's report that the president
        suggested ...") before the article names the report is that report's content: the first
        outlet the article cites as reporting relays it."""
        reports = [self.provenance[b.id] for b in sorted(self.attrs, key=lambda x: x.cue.spans[0][0])
                   if self.provenance[b.id].rule in ("outlet_reports", "journalist_reports", "sources_in_report")]
        first = next((q for q in reports if q.basis == "relayed"), None)
        if first is None:
            return
        for a in self.attrs:
            p = self.provenance[a.id]
            opening = a.source.start if a.source is not None else a.cue.spans[0][0]
            if p.rule in ("named_on_record", "same_speaker_setting") and a.nested_in is None \
                    and _REPORT_THAT.search(self.text, max(0, opening - 40), opening):
                route = first.route[:-1] + (_as_relay(first.route[-1]),) + p.route[-1:]
                self.provenance[a.id] = replace(p, basis="relayed", route=route, rule="report_content", inferred=True,
                                                rests_on_anonymous=first.rests_on_anonymous)

    def _headline_sources_from_body(self) -> None:
        """Unnamed sources in the headline ("WH official says", "...: sources") are the ones the body
        names in full ("A White House official says", "according to people familiar with the
        matter"): the first unnamed source of the body, one where the headline has one, gives the
        headline statement its route; a headline report ("...: report", "reportedly") is the first
        report the body relays."""
        line_end = self.text.find("\n")
        if line_end < 0:
            return
        titled = any(a.in_title for a in self.attrs)  # a title given apart: its statements say so

        def in_headline(a: Attribution) -> bool:
            return a.in_title if titled else a.cue.spans[0][0] < line_end

        body = [b for b in self.attrs if not in_headline(b) and b.nested_in is None
                and b.source_kind in ANONYMOUS_KINDS
                and self.provenance[b.id].rule in ("unnamed_told_publisher", "told_publisher")]
        first_report = next((self.provenance[b.id] for b in sorted(self.attrs, key=lambda x: x.cue.spans[0][0])
                             if not in_headline(b) and self.provenance[b.id].basis == "relayed"
                             and self.provenance[b.id].rule in ("outlet_reports", "journalist_reports")), None)
        if first_report is not None:  # the report itself: the publisher and the outlet
            upto = next((k for k, step in enumerate(first_report.route) if k and step.source_kind == "outlet"), 0)
            first_report = replace(first_report, route=first_report.route[:upto + 1])
        named = self._headline_names_source(line_end, body, first_report)
        for a in self.attrs:
            p = self.provenance[a.id]
            if named is not None and in_headline(a) and a.nested_in is None and not a.in_title:
                # "NYT: Trump ordered Mueller fired", "...: source", "... - Axios": the source the
                # headline names beside its claim.
                self.provenance[a.id] = replace(named, rule="headline_source", inferred=True,
                                                evidence=p.evidence + named.evidence)
                continue
            if first_report is not None and in_headline(a) and p.rule in ("no_relay", "named_on_record") \
                    and a.nested_in is None and (_REPORT_WORDS.fullmatch(a.cue.text.lower()) or "reportedly" in a.hedges
                                                 or a.cue.text.lower() == "reportedly"):
                # "Bloomberg eyeing Dow Jones or WaPo: report", "Juul is reportedly planning": the report
                # the body cites.
                self.provenance[a.id] = replace(first_report, rule="headline_report", inferred=True,
                                                evidence=p.evidence + first_report.evidence)
                continue
            if not body or not in_headline(a) or a.source_kind not in ANONYMOUS_KINDS \
                    or p.rule != "unnamed_told_publisher":
                continue
            one = a.anonymous_count == 1 or (a.source is not None and not a.source.text.lower().endswith("s"))
            same = [b for b in body if (b.anonymous_count == 1) == one] or body
            q = self.provenance[same[0].id]
            self.provenance[a.id] = replace(q, rule="headline_source", inferred=True, evidence=p.evidence + q.evidence)

    def _reports_spoken_of(self) -> None:
        """A report the article's own paraphrase of someone's words names without its outlet ("Trump
        Denies Report That Claimed He Suggested ...") is the first report the body relays, reaching the
        publisher from that outlet; what it says reaches it through the sources the report cites."""
        first = next((self.provenance[b.id] for b in sorted(self.attrs, key=lambda x: x.cue.spans[0][0])
                      if self.provenance[b.id].rule in ("outlet_reports", "journalist_reports")
                      and self.provenance[b.id].basis == "relayed"), None)
        if first is None:
            return
        upto = next((k for k, step in enumerate(first.route) if k and step.source_kind == "outlet"), 0)
        if not upto:
            return
        for a in sorted(self.attrs, key=lambda x: x.cue.spans[0][0]):
            parent = self.by_id.get(a.nested_in or "")
            p = self.provenance[a.id]
            if parent is None or parent.kind != QuoteKind.INDIRECT or p.rule not in ("nested", "report_spoken_of") \
                    or a.source is None or not _REPORT_WORDS.fullmatch(a.source.text.lower().removeprefix("the ")):
                continue
            if p.rule == "nested":
                route = first.route[:upto + 1]
                self.provenance[a.id] = replace(p, route=route, rule="report_spoken_of", inferred=True,
                                                rests_on_anonymous=p.rests_on_anonymous or first.rests_on_anonymous)
            else:
                # The report's outlet was already found for it ("Report" resolved to the outlet whose
                # report the body relays): its route stands, and what it says still goes through its sources.
                route = p.route
            sources = self.report_sources.get(_plain_name(route[-1].name), ())
            for b in self.attrs:
                q = self.provenance[b.id]
                # The parser may nest it beside the report, in the same words; a quotation is its
                # speaker's own words, not the report's.
                inside = b.nested_in == a.id or (b.nested_in == a.nested_in and any(
                    x <= b.cue.spans[0][0] < y for x, y in a.content.spans))
                if b.id != a.id and inside and b.kind == QuoteKind.INDIRECT and q.rule == "nested" and q.route:
                    self.provenance[b.id] = replace(q, route=(*route[:-1], _as_relay(route[-1]), *sources, q.route[-1]),
                                                    basis="relayed", rests_on_anonymous=q.rests_on_anonymous
                                                    or first.rests_on_anonymous or bool(sources))

    def _sources_of_the_report_named_next(self) -> None:
        """Unnamed people quoted before any outlet is named, with a report of leaked or obtained words
        named in the next paragraph ("One employee, who labeled Musk an 'a**hole,' wrote: ..." before
        "The New York Post reports that leaked internal communications ..."): the opening quotes what the
        report obtained before naming it, and they reach the publisher through it.  Not people whose
        view a report merely follows ("Sanders aides argue ..." before "according to a Washington Post
        analysis")."""
        ordered = sorted(self.attrs, key=lambda x: x.cue.spans[0][0])
        outlets_at = sorted(m.start for e in self.entities.values() if e.type == "OUTLET"
                            and not _same_name(e.name, self.publisher) for m in e.mentions)
        for a in ordered:
            p = self.provenance[a.id]
            if p.rule != "unnamed_told_publisher" or a.nested_in is not None or len(p.route) != 2:
                continue
            if outlets_at and outlets_at[0] < a.cue.spans[0][0]:
                return  # an outlet named before: the article says whose sources these are where it means to
            b = next((b for b in ordered if b.cue.spans[0][0] > a.cue.spans[0][0] and b.nested_in is None
                      and self.provenance[b.id].rule == "outlet_reports" and self.provenance[b.id].basis == "relayed"),
                     None)
            if b is None or self._paragraphs_apart(a.id, b) > 2 \
                    or not _LEAKED.search(self.text, *_sentence_of(self.sentences, b.cue.spans[0][0])):
                continue
            outlet = _as_relay(self.provenance[b.id].route[-1])
            self.provenance[a.id] = replace(p, basis="relayed", route=(p.route[0], outlet, p.route[1]),
                                            rule="report_named_next", inferred=True,
                                            evidence=(*p.evidence, *self.provenance[b.id].evidence))

    def _report_acts_through_its_sources(self) -> None:
        """What an outlet's report tells a named person said or did ("The Axios story wrote Trump 'has
        suggested ...'", "Axios Scoop That He Suggested") reaches the report through the unnamed
        sources the article says it rests on: publisher, outlet, those sources, the person (the issue's
        rule: what a report tells of private acts rests on the sources it cites).  Not a document an
        outlet saw ("A redacted copy of the memo seen by Reuters"), which speaks for itself."""
        for a in sorted(self.attrs, key=lambda x: x.cue.spans[0][0]):
            parent = self.by_id.get(a.nested_in or "")
            p = self.provenance[a.id]
            if parent is None or p.rule != "nested" or a.source_kind in ANONYMOUS_KINDS or a.speaker is None:
                continue
            outer = self.provenance[parent.id].route
            if len(outer) != 2 or outer[0].role != "publisher" or outer[1].source_kind != "outlet" \
                    or re.search(r"\b(?!(?:the|of|and)\b)(?-i:[a-z])", outer[1].name) \
                    or len(p.route) != 3 or not _same_name(p.route[1].name, outer[1].name) \
                    or self._outlet_of(a.speaker.entity_id, a.speaker.name) is not None:
                continue
            sources = self.report_sources.get(_plain_name(outer[1].name), ()) or self._sources_said_of(outer[1])
            if sources:
                self.provenance[a.id] = replace(p, route=(*p.route[:2], *sources, p.route[-1]), basis="relayed",
                                                rests_on_anonymous=p.rests_on_anonymous or _anonymous(sources))

    def _sources_said_of(self, outlet: RouteStep) -> tuple[RouteStep, ...]:
        """The unnamed sources the article says an outlet's report rests on, where it gives no
        "citing": what the report says of its sourcing ("The story comes from unnamed sources,
        according to Axios"), or the unnamed source that speaks inside the report ("Axios reported
        Sunday that sources said Trump has suggested ..."), whichever comes first."""
        for b in sorted(self.attrs, key=lambda x: x.cue.spans[0][0]):
            p = self.provenance[b.id]
            if not p.route or not _same_name(p.route[-1].name, outlet.name) or p.route[-1].source_kind != "outlet":
                continue
            m = _SOURCES_NAMED.search(b.content.text)
            if _SOURCING.search(b.content.text) and m is not None:
                return (RouteStep(m.group(0), "relay", "anonymous_group"),)
            inner = next((c for c in self.attrs if c.nested_in == b.id and c.source_kind in ANONYMOUS_KINDS
                          and c.source is not None and not _NOT_SOURCES.search(c.source.text)), None)
            if inner is not None:
                return (_as_relay(_step_for(inner)),)
        return ()

    def _headline_names_source(self, line_end: int, body: Sequence[Attribution],
                               first_report: Provenance | None) -> Provenance | None:
        """The route of the source a headline names beside its claim, after a colon or dash
        ("...: source", "...: report", "... - Axios") or before a colon ("NYT: ...")."""
        line = self.text[:line_end]
        m = _HEADLINE_TAIL.search(line) or _HEADLINE_HEAD.match(line)
        if m is None:
            return None
        name = m.group("name").strip()
        outlet = outlet_in_name(name)
        if outlet is not None and not (self.publisher and _plain_name(outlet).startswith(_plain_name(self.publisher))):
            # (not the publisher's own programme or newsletter: "Breitbart News Daily: A World at War")
            step = RouteStep(outlet, "speaker", "outlet")
            return Provenance(basis="relayed", route=tuple(self._publisher_step()) + (step,), rule="headline_source",
                              evidence=(_span_text(self.text, [m.span("name")]),))
        if _REPORT_WORDS.fullmatch(name.lower()) and first_report is not None:
            return first_report
        if name.lower() in lexicon.words("anonymous") and body:
            one = not name.lower().endswith("s")
            same = [b for b in body if (b.anonymous_count == 1) == one] or list(body)
            return self.provenance[same[0].id]
        return None

    def _reports_resting_on_unnamed_sources(self) -> None:
        """A report that cites unnamed sources anywhere in the article rests on them wherever it is relayed.

        "Axios reported on Friday, citing a source familiar with the matter" makes
        "Axios said Bloomberg would be interested" rest on that source too.
        """
        for a in self.attrs:
            p = self.provenance[a.id]
            if p.basis == "relayed" and not p.rests_on_anonymous and any(
                    b.nested_in == a.id and b.source_kind in ANONYMOUS_KINDS for b in self.attrs):
                # "A growing number of sources were reported to have told how ...": a report of what
                # unnamed sources said rests on them.
                self.provenance[a.id] = replace(p, rests_on_anonymous=True)
        unnamed_reports = {a.id for a in self.attrs if self.provenance[a.id].rule == "unnamed_reports"}
        if any(_citing_unnamed().search(self.text, *_sentence_of(self.sentences, a.cue.spans[0][0]))
               for a in self.attrs if a.id in unnamed_reports):
            # "A newspaper report published today claimed ... Quoting sources, the report said": a report
            # the article does not name, said to quote unnamed sources, rests on them wherever it is
            # relayed, as a named outlet's does.
            for a in self.attrs:
                if a.id in unnamed_reports or a.nested_in in unnamed_reports:
                    self.provenance[a.id] = replace(self.provenance[a.id], rests_on_anonymous=True)
        relays: set[str] = set(self.cites_unnamed)
        for p in self.provenance.values():
            steps = p.route[1:] if self.publisher else p.route
            for k, step in enumerate(steps):
                if step.source_kind == "outlet" and (_anonymous(steps[k + 1:]) or (
                        k == len(steps) - 1 and p.rests_on_anonymous)):
                    relays.add(_plain_name(step.name))
        if not relays:
            return
        nesting = {a.nested_in for a in self.attrs if a.nested_in}
        about_sourcing = {a.id for a in self.attrs if a.id not in nesting and _SOURCING.search(a.content.text)}
        for key, p in self.provenance.items():
            steps = p.route[1:] if self.publisher else p.route
            if p.rule == "told_outlet" and not _anonymous(steps):
                continue  # "The SCMP told Kyodo": a named speaker's own words, whatever else Kyodo cites
            if key in about_sourcing:
                continue
            if p.rule == "nested" and steps and steps[-1].source_kind == "outlet" and len(steps) > 1:
                continue  # "Axios ... said GEEEEE" inside Trump's tweet: the outlet spoken of, not relaying  # "The story comes from unnamed sources, according to Axios": the outlet on its method
            if not p.rests_on_anonymous and any(_plain_name(s.name) in relays for s in steps):
                self.provenance[key] = replace(p, rests_on_anonymous=True)

    def _wire(self) -> tuple[RouteStep, tuple[int, int]] | None:
        """The outlet whose copy the publisher carries, by the dateline's credit ("MIAMI (CBSMiami/CNN)
        --" on CBS Miami's site is CNN's copy), and the credit's span; None when it credits only the
        publisher or nothing."""
        m = _DATELINE_CREDIT.search(self.text, 0, min(len(self.text), 1500))
        if m is None or not self.publisher:
            return None
        squashed = re.sub(r"\W|^the", "", self.publisher.lower())
        for name in re.split(r"\s*(?:/|,|&|\band\b)\s*", m.group("credit")):
            outlet = outlet_in_name(name)
            if outlet is None or _same_name(outlet, self.publisher) \
                    or re.sub(r"\W|^the", "", outlet.lower()) == squashed:
                continue
            return RouteStep(outlet, "relay", "outlet"), m.span("credit")
        return None

    def _cited_through_their_report(self) -> None:
        """Rule ``citing`` gives the sources a report cites a statement of their own ("The Wall Street
        Journal, citing a number of sources, reported that ..."): it reaches the publisher through that
        report, whose last step relays it (publisher, the Journal, the sources), wherever the report
        stands in the text; the citation's own step is the speaker, once.  Before this pass the find
        took the route of an unnamed source told to the publisher when the citation came before the
        report's cue, or repeated the sources when nested under it."""
        for a in self.attrs:
            if a.source is None or a.cue.text.lower() not in _CITING_CUE_WORDS:
                continue
            report = next((b for b in self.attrs if b.id != a.id and any(
                _overlaps(c.spans, a.source.spans) for c in b.citing)), None)
            if report is None:
                continue
            p, outer = self.provenance[a.id], self.provenance[report.id]
            speaker = self._voice_of(a) or _step_for(a)
            cited = [c.text for c in report.citing] + [speaker.name]
            base = list(outer.route)
            while len(base) > 1 and any(_same_name(base[-1].name, c) for c in cited):
                base.pop()  # the report's route already ends with the sources it cites ("it said, quoting ...")
            if len(base) < 2:
                continue
            route = (*base[:-1], _as_relay(base[-1]), speaker)
            self.provenance[a.id] = replace(p, basis="relayed", route=route, rule="cited_by_report",
                                            rests_on_anonymous=_anonymous(route),
                                            evidence=(*p.evidence, *outer.evidence[:1]))

    def _wire_copy(self) -> None:
        """In another outlet's copy ("MIAMI (CBSMiami/CNN) --"), a statement with no relay of its own
        reached the publisher through that outlet, which reported it: "Trump said" is CNN's account
        (tests/fresh/README-h4.md: wire copy carried by other sites).  What is nested in such a
        statement goes through the outlet too."""
        wire = self._wire()
        if wire is None:
            return
        outlet, credit = wire
        evidence = _span_text(self.text, [credit])
        carried: set[str] = set()
        for a in sorted(self.attrs, key=lambda x: x.cue.spans[0][0]):
            p = self.provenance[a.id]
            route = p.route
            if len(route) < 2 or route[0].role != "publisher" or _same_name(route[1].name, outlet.name):
                continue
            if (p.rule in _NO_RELAY_OF_ITS_OWN and len(route) == 2 and route[1].role == "speaker") \
                    or (p.rule in _NESTED_RULES and a.nested_in in carried):
                carried.add(a.id)
                self.provenance[a.id] = replace(p, basis="relayed", route=(route[0], outlet, *route[1:]),
                                                rule="wire_copy" if p.rule not in _NESTED_RULES else p.rule, inferred=True,
                                                evidence=(*p.evidence, evidence))

    def _report_nouns(self) -> None:
        """A report noun with no source (rule ``report_noun``: "Shell denied media reports that it is in
        talks to buy BP", "despite reports that Likud will not agree") is the report itself, not whoever
        denies or speaks of it.  Where the article relays an outlet's own report of the same thing ("The
        Wall Street Journal reported that Shell was in early talks to acquire BP": two or more content
        words shared), it is that report, with its route and its speaker (rule ``report_noun_outlet``);
        otherwise "reports" or "rumours" reach the publisher as themselves, unnamed (rule
        ``unnamed_report_noun``; the fresh sets' annotators: [Hamodia, reports], [QNS, reports]).  An
        allegation or speculation no outlet is said to have reported stays as it was."""
        pub = self._publisher_step()
        wire = self._wire()
        ours = [self.publisher] + ([wire[0].name] if wire else [])  # the publisher, and whose copy it carries
        reports = [b for b in self.attrs if b.speaker is not None and b.source_kind == "outlet"
                   and self.provenance[b.id].rule in _OUTLET_REPORT_RULES
                   and len(self.provenance[b.id].route) == len(pub) + 1
                   and self.provenance[b.id].route[-1].source_kind == "outlet"]
        for a in self.attrs:
            m = _REPORT_NOUN_CUE.search(a.cue.text)
            if a.source is not None or a.speaker is not None or m is None:
                continue
            p = self.provenance[a.id]
            words = _content_words(a.content.text)
            shared = [(len(words & _content_words(b.content.text)), b) for b in reports
                      if not any(_same_name(self.provenance[b.id].route[-1].name, own) for own in ours)]
            best = max(shared, key=lambda x: x[0], default=(0, None))
            if best[1] is not None and best[0] >= 2:
                q = self.provenance[best[1].id]
                self.reports_named[a.id] = best[1].speaker
                self.provenance[a.id] = replace(p, basis="relayed", route=q.route, rule="report_noun_outlet",
                                                rests_on_anonymous=q.rests_on_anonymous, inferred=True,
                                                evidence=(*p.evidence, *q.evidence[:1]))
            elif m.group("unnamed"):
                noun = RouteStep(m.group(0), "speaker", "unspecified")
                self.provenance[a.id] = replace(p, basis="unknown", route=(*pub, noun), rule="unnamed_report_noun",
                                                rests_on_anonymous=False)

    def read(self) -> tuple[list[Attribution], list[EventDraft]]:
        self._previous_end = 0
        self._previous_top: str | None = None
        done: set[str] = set()
        for a in sorted(self.attrs, key=lambda x: x.cue.spans[0][0]):
            self._visit(a, done)
        self._share_settings_by_speaker()
        self._headline_sources_from_body()
        self._report_content_named_later()
        self._reports_spoken_of()
        self._report_acts_through_its_sources()
        self._sources_of_the_report_named_next()
        self._reports_resting_on_unnamed_sources()
        self._cited_through_their_report()
        self._wire_copy()
        self._report_nouns()
        out: list[Attribution] = []
        for a in self.attrs:
            p = self.provenance[a.id]
            if a.id in self.reports_named:
                a = replace(a, speaker=self.reports_named[a.id], speaker_rule=p.rule, source_kind="outlet")
            out.append(replace(a, provenance=p, setting=self.settings.get(a.id), chain=p.names,
                               rests_on_anonymous=p.rests_on_anonymous))
        return out, self.events


#: Words after an event that leave open whether it took place ("private discussions that the
#: president may or may not have had").
_UNASSERTED = re.compile(r"\s+(?:that|which)\s+(?:[\w\u2019'-]+\s+){0,5}?(?:may or may not|might or might not)\b",
                         re.IGNORECASE)


#: Words right before an event that say it did not take place, or was only asked for or warned
#: against: "didn't sit down for an interview", "didn't return phone calls", "was not a no10
#: briefing", "requested an interview", "discouraging speaking to the press"; or denied.
_NEVER_HELD = re.compile(
    r"(?:(?:\bnot|\bnever|n[\u2019']t)\s+(?:sit down for|return(?:ed)?|h[oe]ld|grant(?:ed)?|give|gave|attend(?:ed)?)"
    r"|\bnot|\b(?:request(?:ed|ing|s)?|asked for|discourag\w+|against)"
    # Talks denied: "No talks are taking place", "not engaged in any discussions", "denied it is in
    # talks", "denies report of BP takeover talks" ("No 10" is Downing Street).
    r"|\bno(?!\s*\d)|\bnot\s+engaged\s+in|\bden(?:y|ies|ied|ying)\s+(?:(?:that\s+)?(?:it|they|he|she)\s+"
    r"(?:is|was|are|were)\s+in|(?:the\s+|a\s+)?reports?\s+of(?:\s+[\w-]+)?))"
    r"\s+(?:(?:an?|the|any|his|her|their)\s+)?(?:[\w-]+\s+)?$", re.IGNORECASE)


def _never_held(text: str, e: EventDraft) -> bool:
    """An event every mention of which says it did not happen or was only requested (its day, if it
    has one, is that of the sentences around it)."""
    return bool(e.triggers) and all(
        _NEVER_HELD.search(text, max(0, start - 40), start) for start, _ in e.triggers)


def _only_wished_for(text: str, e: EventDraft, contents: Sequence[tuple[int, int]]) -> bool:
    """An event someone's words only wish for, offer, feign or leave open, with no statement, day or
    second party.

    "Putin is only feigning interest in talks" is Zelensky's claim about what Putin
    pretends to want, not talks the article reports took place; "We don't comment on
    private discussions that the president may or may not have had" asserts none.
    """
    return len(e.participants) < 2 and e.date is None and all(
        any(s <= start and end <= t for s, t in contents) and (
            UNREALISED.search(text, max(0, start - 40), start) or _UNASSERTED.match(text, end))
        for start, end in e.triggers)


def _event_record(text: str, e: EventDraft, entities: dict[str, Entity], statements: int) -> Event:
    participants = tuple(Participant(entities[i].name, i) for i in e.participants if i in entities)
    return Event(id=e.id, what=e.what, plover=e.plover, mode=e.mode, participants=participants, when=e.when,
                 date=e.date, where=e.where, access=e.access,
                 triggers=tuple(TextSpan.of(text, [t]) for t in e.triggers), statements=statements, rule=e.rule)


def rests_on_sentence(attributions: Sequence[Attribution]) -> str | None:
    """What the statements rest on, in one sentence a reader can check."""
    n = len(attributions)
    if not n:
        return None
    parts: list[str] = []
    anonymous = [a for a in attributions if a.rests_on_anonymous]
    if anonymous:
        via = Counter(a.provenance.via for a in anonymous if a.provenance is not None)
        outlets = [o for o, _ in via.most_common() if o]
        where = f" via {', '.join(outlets)}" if outlets else ""
        parts.append(f"{len(anonymous)} of {n} rest on anonymous sources{where}")
    basis = Counter(a.provenance.basis for a in attributions if a.provenance is not None)
    if basis["public"]:
        parts.append(f"{basis['public']} said in public")
    if basis["to_publisher"]:
        parts.append(f"{basis['to_publisher']} told the publisher")
    named_relays = sum(1 for a in attributions if a.provenance and a.provenance.basis == "relayed"
                       and not a.rests_on_anonymous)
    if named_relays:
        parts.append(f"{named_relays} relayed from named sources")
    unknown = sum(1 for a in attributions if a.provenance and a.provenance.basis == "unknown"
                  and not a.rests_on_anonymous)
    if unknown:
        parts.append(f"{unknown} with no stated basis")
    return "; ".join(parts)


def find_provenance(text: str, sentences: Sequence[tuple[int, int]], attributions: Sequence[Attribution],
                    entities: Sequence[Entity], publisher: str | None, ctx: EventContext) -> ProvenanceResult:
    """Settings, routes and events for an article's attributions (in text order of their cues)."""
    reader = _Reader(text, sentences, attributions, entities, publisher, ctx)
    attrs, drafts = reader.read()
    counts = Counter(a.setting for a in attrs if a.setting)
    by_entity = {e.id: e for e in entities}
    kept = [e for e in drafts if counts[e.id] or not (_only_wished_for(text, e, ctx.contents)
                                                      or _never_held(text, e))]
    # Ids stay ev1, ev2, ... in order of mention once the wished-for events are gone.
    renamed = {e.id: f"ev{k}" for k, e in enumerate(kept, 1)}
    events = tuple(replace(_event_record(text, e, by_entity, counts[e.id]), id=renamed[e.id]) for e in kept)
    attrs = [replace(a, setting=renamed[a.setting]) if a.setting else a for a in attrs]
    return ProvenanceResult(attributions=tuple(attrs), events=events)


def basis_counts(attributions: Sequence[Attribution]) -> tuple[Count, ...]:
    """How many attributions rest on each basis, in the order relayed, public, to_publisher, unknown."""
    basis = Counter(a.provenance.basis for a in attributions if a.provenance is not None)
    return tuple(Count(k, basis[k]) for k in ("relayed", "public", "to_publisher", "unknown") if basis[k])
