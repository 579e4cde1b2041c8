"""Events: the calls, meetings, interviews and statements an article reports, and what else happens in it.

Statements are made somewhere: on a phone call, in an interview, at a press
conference.  Where a statement was made decides how the publisher can know
it (a private call only through someone who was on it, or through a report
that cites them), so events come before provenance.

An event is found from a trigger word in the text ("the call", "spoke on the
phone", "met with", "in an interview with", "airstrikes"), typed with a root
of PLOVER (CONSULT for calls, meetings, talks and interviews; ASSAULT for
strikes), given the people around its trigger as participants, a date
resolved against the publication date, a place, and an access (private,
public, to the publisher).  A definite mention ("the call", "during the
call") is the event mentioned before it; two mentions of a consultation with
the same participants are one event.  Every event records the rule that
found it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from sayso.attribution.dates import find_dates, resolve
from sayso.records import Entity

#: Entity types that take part in events (places are where events happen).
_PARTY_TYPES = frozenset({"PERSON", "ORG", "OUTLET", "NORP"})
#: Clause breaks inside a sentence: the events of "X called Y Wednesday—the
#: same day that Z announced ..." have different participants.
_CLAUSE_BREAK = re.compile(r"[\u2014\u2013;]| - ")
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "this", "that", "our", "my", "your",
                          "phone", "telephone", "video", "first", "second", "last", "latest", "recent",
                          "private", "brief", "lengthy", "hour-long", "tense", "cordial"})
_DEFINITE = frozenset({"the", "that", "this"})
#: Words before an event that make it one wished for, offered or feigned, not one that took place.
UNREALISED = re.compile(r"\b(?:interest in|calls? for|called for|push(?:es|ed)? for|open to|ready for|willing(?:ness)?"
                         r" to hold|wants?|wanted|seeks?|seeking|sought|proposed?|offer(?:s|ed)? of|no)"
                         r"(?:\s+(?:new|more|direct|peace|further|the))*\s*$", re.IGNORECASE)


#: An event that would or could happen, its subject and a modal verb right after the trigger.
_HYPOTHETICAL = re.compile(r"(?:\s+(?:from|by|of|with)\s+(?:the\s+)?[A-Z][\w.\u2019'-]*(?:\s+[A-Z][\w.\u2019'-]*)*)?"
                           r"\s+(?:would|could|might)\b")
_SEEKING_COMMENT = re.compile(r"\s+(?:seeking|requesting|asking for) comment|\s+for comment", re.IGNORECASE)
#: Verbs that make their subject a party to the talks or meeting that follows ("he had entered talks with Putin").
_ENTERING = frozenset({"entered", "enter", "held", "hold", "holding", "began", "begin", "opened", "start",
                       "started", "into", "in"})


#: Families of events an article may mention many times as one: the talks or meeting it is about.
_ONGOING = frozenset({"talks", "meeting"})


#: A name right before a trigger makes it an event of its own: "the Group of Seven meeting", "G7 talks".
_NAMED_BEFORE = re.compile(r"\b(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Today|Yesterday)\b)"
                           r"(?-i:[A-Z0-9][\w&.-]*)\)?[\u2019']?s?\s+$")


def _head(words: str) -> str:
    """The trigger's last word without a plural s: "merger talks" -> "talk", "meetings" -> "meeting"."""
    last = words.lower().split()[-1] if words.split() else ""
    return last.removesuffix("s")


def _same_parties(earlier: list[str], parties: list[str]) -> bool:
    """No party named but the earlier event's, or the earlier event named none but these."""
    return not parties or set(parties) <= set(earlier) or (bool(earlier) and set(earlier) <= set(parties))


@dataclass(frozen=True, slots=True)
class TriggerKind:
    """A family of trigger words and what an event it triggers is."""

    family: str
    plover: str | None
    mode: str | None
    what: str
    access: str
    pattern: re.Pattern[str]
    needs_determiner: bool = False
    communication: bool = True


def _p(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


TRIGGERS: tuple[TriggerKind, ...] = (
    TriggerKind("call", "CONSULT", "phone", "phone call", "private",
                _p(r"\b(?:phone|telephone|video)[ -](?:call|conversation)s?\b"
                   r"|\bspoke (?:on|by|over) (?:the )?(?:tele)?phone\b|\b(?:spoke|talked|speaks|spoken) by phone\b")),
    TriggerKind("call", "CONSULT", "phone", "phone call", "private", _p(r"\bcalls?\b(?! (?:for|on|to)\b)"),
                needs_determiner=True),
    TriggerKind("meeting", "CONSULT", "in person", "meeting", "private",
                _p(r"\bmeetings?\b(?! (?:in|at|over) (?:a|an|the) (?:[\w-]+ )?(?:lunch|luncheon|dinner)\b)|\bsummit\b|\bmet (?:with )?(?=(?-i:[A-Z])|(?:his|her|their) )|\b(?:sat|sit) down with\b"
                   r"|\bhuddle\b"), needs_determiner=False),
    # A meal that is a meeting: "a closed-door lunch", "the dinner" (not "lunch" as a time of day); "meeting in
    # a closed-door lunch" is that lunch.
    TriggerKind("meeting", "CONSULT", "in person", "meeting", "private", _p(r"\b(?:lunch|luncheon|dinner)\b"),
                needs_determiner=True),
    TriggerKind("meeting", "CONSULT", "in person", "meeting", "private", _p(r"\bfundraisers?\b")),
    # A gathering known by its name: "the Xiangshan Forum", "the Munich Security Conference".
    TriggerKind("gathering", "CONSULT", "in person", "gathering", "public",
                _p(r"(?-i:\b(?:[A-Z][\w-]*\s+){1,4}(?:Forum|Conference|Summit|Dialogue|Convention)\b)")),
    # "talks" as a noun: "talks with Putin", "in talks to open its books", "bipartisan talks",
    # "government formation talks"; not "Biden talks about" (a verb after its subject).
    TriggerKind("talks", "CONSULT", None, "talks", "private",
                _p(r"\btalks\b(?= with| between| on| in| to)|(?<=(?-i:[a-z]) )talks\b|\bdiscussions\b")),
    TriggerKind("interview", "CONSULT", "interview", "interview", "public",
                _p(r"\binterviews?\b|\bpodcast(?: appearance| interview)?\b")),
    TriggerKind("press", "CONSULT", "press conference", "press conference", "public",
                _p(r"\b(?:press|news) (?:conference|briefing)s?\b|\bspeaking to the press\b")),
    # A briefing is an event as a noun ("a hurricane briefing"), not as a verb ("officials briefing the president").
    TriggerKind("press", "CONSULT", "press conference", "press conference", "public", _p(r"\bbriefing\b"),
                needs_determiner=True),
    TriggerKind("statement", None, "written", "statement", "public",
                _p(r"\b(?:in|issued|released) (?:a|its|their|his|her) (?:written |joint )?statement\b|\b(?:press|news|police) release\b")),
    TriggerKind("post", None, "post", "post", "public",
                _p(r"\b(?:posted|tweeted|wrote) on (?:X|Twitter|Facebook|Instagram|Truth Social|Telegram|LinkedIn"
                   r"|Threads|Bluesky)\b|\bin a (?:post|tweet|video) on\b"
                   r"|\btook to (?:X|Twitter|Facebook|Instagram|Truth Social|Telegram|social media)\b|\btweet\b")),
    TriggerKind("speech", None, "in person", "speech", "public",
                _p(r"\b(?<!free )(?<!hate )speech\b|\b(?:hearing|testimony|town hall)\b"
                   # a rally of supporters, not of a share price ("The rally for BP shares fell back")
                   r"|\b(?<!share )(?<!stock )(?<!market )(?<!relief )rally\b"
                   r"(?! (?:for|in) (?:[\w-]+ )?(?:shares|stocks?|prices?|markets?|bonds?)\b)"
                   r"|\b(?:farewell|inaugural|keynote|commencement|televised|victory|concession) address\b"
                   r"|\baddress to the nation\b")),
    # A message sent to some people, not published: "In a WhatsApp message seen by the PA news agency".
    TriggerKind("message", None, "written", "message", "private",
                _p(r"\b(?:WhatsApp|text|Signal|Telegram|Slack) messages?\b")),
    TriggerKind("statement", None, "public statement", "announcement", "public", _p(r"\bannouncements?\b"),
                needs_determiner=True),
    TriggerKind("strike", "ASSAULT", None, "strikes", "public",
                _p(r"\b(?:air ?strikes?|(?:missile|drone) (?:strikes?|attacks?)|bombing)\b"), communication=False),
)


#: All triggers in one pattern, so that the text is scanned once; group ``tN`` is TRIGGERS[N].
_ANY_TRIGGER = re.compile("|".join(f"(?P<t{i}>{k.pattern.pattern})" for i, k in enumerate(TRIGGERS)),
                          re.IGNORECASE)


@dataclass
class EventDraft:
    """An event while it is being found."""

    id: str
    family: str
    plover: str | None
    mode: str | None
    what: str
    access: str
    communication: bool
    participants: list[str] = field(default_factory=list)  # entity ids
    when: str | None = None
    date: str | None = None
    where: str | None = None
    triggers: list[tuple[int, int]] = field(default_factory=list)
    rule: str = ""
    #: The outlet an interview was given to, when the text names it.
    outlet: str | None = None
    #: The trigger with the lowercase words just before it ("government formation talks").
    named_as: str = ""


@dataclass(frozen=True, slots=True)
class EventContext:
    """What event finding reads: the text, its sentences, entities and the publication day."""

    text: str
    sentences: Sequence[tuple[int, int]]
    entities: Sequence[Entity]
    publisher: str | None
    published: dt.date | None
    #: Character spans of attribution contents: a trigger inside one is something
    #: said, and never starts a topic on its own.
    contents: Sequence[tuple[int, int]] = ()


def _word_before(text: str, start: int) -> str:
    m = re.search(r"([\w\u2019'-]+)\W*$", text[max(0, start - 40):start])
    return m.group(1).lower() if m else ""


#: Words that open a noun phrase: a trigger after one of them and one lowercase word is still
#: determined ("a hurricane briefing", "the virtual meeting").
_ARTICLES = frozenset({"the", "a", "an", "his", "her", "their", "its", "this", "that", "our", "my", "your"})
_MODIFIED = re.compile(r"\b([\w\u2019'-]+)\s+(?-i:[a-z][\w-]*)\s+$")


def _named_as(text: str, start: int, end: int) -> str:
    """A trigger with the lowercase words right before it: "government formation talks"."""
    m = re.search(r"(?:(?-i:[a-z][\w-]*)\s+){0,2}$", text[max(0, start - 40):start])
    return ((m.group(0) if m else "") + text[start:end]).lower()


def _determined(text: str, start: int, determiners: frozenset[str]) -> bool:
    """Whether the trigger at ``start`` follows a determiner, directly or past lowercase modifiers,
    or a possessive ("Trump's call", "Wednesday's press conference")."""
    if _word_before(text, start) in determiners or re.search(r"[\u2019']s?\s*$", text[max(0, start - 3):start]):
        return True
    m = _MODIFIED.search(text[max(0, start - 40):start])
    return bool(m) and m.group(1).lower() in determiners & _ARTICLES


def _clause(text: str, sentence: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    s0, s1 = sentence
    a, b = s0, s1
    for m in _CLAUSE_BREAK.finditer(text, s0, s1):
        if m.end() <= start:
            a = m.end()
        elif m.start() >= end:
            b = m.start()
            break
    return a, b


def _mentions(ctx: EventContext) -> list[tuple[int, int, Entity]]:
    out = [(m.start, m.end, e) for e in ctx.entities for m in e.mentions]
    out.sort(key=lambda x: (x[0], -x[1]))
    return out


def _parties(ctx: EventContext, mentions: list[tuple[int, int, Entity]], clause: tuple[int, int],
             start: int, end: int, verb: bool) -> tuple[list[str], bool]:
    """Who takes part, and whether the text says so explicitly.

    Explicit: the holder of the trigger ("Trump's call") and whom it is with
    ("call with Putin", "talks between X and Y").  For a verb ("Trump spoke on
    the phone with ...", "met with") the nearest person before it is its
    subject.
    """
    a, b = clause
    inside = [(s, e, ent) for s, e, ent in mentions if a <= s and e <= b and ent.type in _PARTY_TYPES]
    found: list[str] = []
    before = [x for x in inside if x[1] <= start]
    if before and re.match(r"^[\u2019']s?\s+(?:(?-i:[a-z][\w-]*)\s+)?$|^[\u2019']s?$", ctx.text[before[-1][1]:start]) \
            or before and verb:
        found.append(before[-1][2].id)
    after = ctx.text[end:b]
    m = re.match(r"\s*(?:\w+\s+){0,3}?(?:with|between)\s", after)
    explicit = bool(found) and not verb
    if m:
        stop = end + m.end()
        # the people named in the phrase up to the next verb-like break
        tail = re.search(r"[.,;:]|\b(?:that|who|which|about|after|before|when|because)\b", ctx.text[stop:b])
        limit = stop + tail.start() if tail else b
        named = [ent.id for s, e, ent in inside if s >= stop and e <= limit]
        explicit = explicit or bool(named)
        found += named
    out: list[str] = []
    for x in found:
        if x not in out:
            out.append(x)
    return out, explicit


def _where(text: str, clause: tuple[int, int], end: int, entities: Sequence[Entity]) -> str | None:
    places = {e.name for e in entities if e.type in ("GPE", "LOC", "FAC")}
    for m in re.finditer(r"\b(?:in|at)\s+(?:the\s+)?((?:[A-Z][\w.\u2019'-]*)(?:\s+(?:of\s+)?[A-Z][\w.\u2019'-]*)*)",
                         text[end:clause[1]]):
        name = m.group(1)
        if name in places or len(name.split()) > 1:
            return name
    return None


def find_events(ctx: EventContext) -> list[EventDraft]:
    """Every event the text mentions, in order of first mention."""
    events: list[EventDraft] = []
    mentions = _mentions(ctx)
    outlets = {e.name for e in ctx.entities if e.type == "OUTLET"}
    reference: str | None = None
    # Each trigger pattern runs once over the whole text; sentences then take their hits.
    hits: list[tuple[int, int, TriggerKind]] = []
    for m in _ANY_TRIGGER.finditer(ctx.text):
        kind = TRIGGERS[int(m.lastgroup[1:])]  # type: ignore[index]
        if kind.needs_determiner and not _determined(ctx.text, m.start(), _DETERMINERS):
            continue
        if _HYPOTHETICAL.match(ctx.text, m.end()):
            continue  # "A big announcement from Cooper would help": one that may come, not one that came
        if _SEEKING_COMMENT.match(ctx.text, m.end()):
            continue  # "did not return an email and phone call seeking comment": the publisher asking
        hits.append((m.start(), m.end(), kind))
    hits.sort(key=lambda x: x[0])
    starts = [s for s, _ in ctx.sentences]
    by_sentence: dict[int, list[tuple[int, int, TriggerKind]]] = {}
    for hit in hits:
        i = bisect.bisect_right(starts, hit[0]) - 1
        if i < 0 or hit[0] >= ctx.sentences[i][1]:
            continue
        taken = by_sentence.setdefault(i, [])
        if not any(s < hit[1] and hit[0] < e for s, e, _ in taken):
            taken.append(hit)
    for i in sorted(by_sentence):
        sentence = ctx.sentences[i]
        found = by_sentence[i]
        sentence_dates = find_dates(ctx.text, sentence[0], sentence[1], ctx.published, reference)
        previous_date: str | None = None
        for start, end, kind in found:
            clause = _clause(ctx.text, sentence, start, end)
            verb = (not kind.needs_determiner and bool(re.match(r"(?:spoke|talked|speaks|spoken|met)\b",
                                                                 ctx.text[start:end], re.IGNORECASE))) \
                or _word_before(ctx.text, start) in _ENTERING
            parties, explicit = _parties(ctx, mentions, clause, start, end, verb)
            if not kind.communication and not explicit:
                parties = []
            definite = _determined(ctx.text, start, _DEFINITE)
            same = [e for e in events if e.family == kind.family]
            event: EventDraft | None = None
            if definite and same and (not explicit or set(parties) <= set(same[-1].participants)):
                event, rule = same[-1], "definite mention of an earlier event"
            elif kind.communication and len(parties) >= 2:
                event = next((e for e in reversed(events) if e.plover == kind.plover and e.communication
                              and set(e.participants) == set(parties)), None)
                rule = "same participants as an earlier consultation"
            if event is None and not explicit:
                # "government formation talks" three times, "the BCCI top brass is in a huddle" twice:
                # the same words name the same event.
                words = _named_as(ctx.text, start, end)
                event = next((e for e in reversed(same) if e.named_as == words), None)
                rule = "named as an earlier mention"
            dates = [d for d in sentence_dates if clause[0] <= d.start and d.end <= clause[1]]
            date_mention = dates[0] if dates else None
            if event is None and kind.family in _ONGOING \
                    and not _NAMED_BEFORE.search(ctx.text[max(0, start - 40):start]):
                # "merger talks with Commerzbank", "Formal disclosure of talks", "hold talks with
                # Commerzbank": talks or a meeting mentioned again, with none but its own parties and
                # no other day, are the ones the article already told of (not ones only someone's
                # words spoke of: "feigning interest in talks").
                day = date_mention.value if date_mention else None
                head = _head(ctx.text[start:end])
                event = next((e for e in reversed(same) if _head(e.named_as) == head
                              and not UNREALISED.search(ctx.text, max(0, e.triggers[0][0] - 40), e.triggers[0][0])
                              and not _NAMED_BEFORE.search(ctx.text[max(0, e.triggers[0][0] - 40):e.triggers[0][0]])
                              and _same_parties(e.participants, parties)
                              and not (day and e.date and day != e.date)), None)
                rule = "talks mentioned again"
            if event is not None:
                event.rule += f"; {rule}"
                event.triggers.append((start, end))
                if event.mode is None and kind.mode:
                    event.mode = kind.mode
                if event.date is None and date_mention is not None and date_mention.value:
                    event.when, event.date = date_mention.text, date_mention.value  # "Wednesday's press conference"
                for p in parties:
                    if p not in event.participants:
                        event.participants.append(p)
                continue
            when = date_mention.text if date_mention else None
            date = date_mention.value if date_mention else None
            if date_mention and date_mention.text.lower() == "the same day":
                date = previous_date or reference
            event = EventDraft(
                id=f"ev{len(events) + 1}", family=kind.family, plover=kind.plover, mode=kind.mode, what=kind.what,
                access=kind.access, communication=kind.communication, participants=parties, when=when,
                date=date, where=_where(ctx.text, clause, end, ctx.entities), triggers=[(start, end)],
                rule=f"trigger '{ctx.text[start:end]}'", named_as=_named_as(ctx.text, start, end),
            )
            if kind.family == "interview":
                with_outlet = next((name for name in outlets
                                    if name.lower() in ctx.text[end:clause[1]].lower()[:80]), None)
                # "In a podcast appearance": given to a medium the article does not name.
                event.outlet = with_outlet or ("a podcast" if ctx.text[start:end].lower().startswith("podcast")
                                               else None)
                if with_outlet and ctx.publisher and with_outlet.lower() == ctx.publisher.lower() or with_outlet is None and re.search(r"\b(?:with|told)\s+(?:this|our)\b",
                                                        ctx.text[max(sentence[0], start - 30):clause[1]]):
                    event.access = "to_publisher"
            events.append(event)
            if date:
                previous_date = date
                reference = date
    return events


def add_event(events: list[EventDraft], *, family: str, plover: str | None, mode: str | None, what: str,
              access: str, participants: list[str], span: tuple[int, int], rule: str,
              date: str | None = None, when: str | None = None, outlet: str | None = None) -> EventDraft:
    """A new event found from how a statement was made ("said publicly", "told reporters")."""
    event = EventDraft(id=f"ev{len(events) + 1}", family=family, plover=plover, mode=mode, what=what,
                       access=access, communication=True, participants=participants, when=when, date=date,
                       triggers=[span], rule=rule, outlet=outlet)
    events.append(event)
    return event


def date_near(ctx: EventContext, sentence: tuple[int, int], reference: str | None) -> tuple[str | None, str | None]:
    """The first date expression of a sentence and its value."""
    for d in find_dates(ctx.text, sentence[0], sentence[1], ctx.published, reference):
        value = d.value if d.text.lower() != "the same day" else reference
        return d.text, value
    return None, None


__all__ = ["TRIGGERS", "UNREALISED", "EventContext", "EventDraft", "add_event", "date_near", "find_events", "resolve"]
