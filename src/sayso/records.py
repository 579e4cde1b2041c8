"""The data model: frozen, slotted records with character offsets.

Every record turns into plain JSON-able data with ``to_dict()`` and back with
``from_dict()``; ``ArticleReport.from_dict(json.loads(json.dumps(r.to_dict())))``
equals ``r``.  Offsets are Python ``str`` indices into the analysed text, end
exclusive.  docs/schema.md documents every field.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, TypeVar

from sayso.kinds import (
    ANONYMOUS_KINDS,
    UNNAMED_KINDS,
    Access,
    Basis,
    CueType,
    EntityType,
    QuoteKind,
    RouteRole,
    SourceKind,
)

__all__ = [
    "ANONYMOUS_KINDS",
    "CUE_TYPES",
    "ENTITY_TYPES",
    "KINDS",
    "SCHEMA_VERSION",
    "SOURCE_KINDS",
    "UNNAMED_KINDS",
    "Access",
    "ArticleReport",
    "Attribution",
    "Basis",
    "Citation",
    "Count",
    "CueType",
    "Entity",
    "EntityRef",
    "EntityType",
    "Event",
    "Mention",
    "NonResponse",
    "Participant",
    "PolnearOnly",
    "Provenance",
    "QuoteKind",
    "Record",
    "RouteRole",
    "RouteStep",
    "SourceKind",
    "SourcingSummary",
    "TextSpan",
]

SCHEMA_VERSION = "1.3"

Offsets = tuple[tuple[int, int], ...]

#: The vocabularies as tuples, in schema order (kept for callers that list them).
SOURCE_KINDS = tuple(SourceKind)
KINDS = tuple(QuoteKind)
CUE_TYPES = tuple(CueType)
ENTITY_TYPES = tuple(EntityType)

R = TypeVar("R", bound="Record")


class Record:
    """Mixin giving frozen dataclasses a JSON round trip."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _dump(getattr(self, f.name)) for f in dataclasses.fields(self)}  # type: ignore[arg-type]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> typing.Self:
        hints = typing.get_type_hints(cls)
        kwargs = {}
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            if f.name in data:
                kwargs[f.name] = _load(hints[f.name], data[f.name])
        return cls(**kwargs)


def _dump(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, tuple):
        return [_dump(v) for v in value]
    if isinstance(value, Enum):
        return value.value  # a plain str, whoever reads the dict (JSON, SQL drivers, msgpack)
    return value


def _load(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _load(options[0], value)
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_load(args[0], v) for v in value)
        return tuple(_load(a, v) for a, v in zip(args, value))
    if isinstance(hint, type) and issubclass(hint, Record):
        return hint.from_dict(value)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(value)
    return value


def _doc(description: str, **schema: Any) -> dict[str, Any]:
    """A record field's metadata: what the JSON Schema says of it beyond its type.

    ``description`` documents the field in src/sayso/schema.json and docs/schema.md;
    ``schema`` holds extra JSON Schema keywords (``minimum``, ``maximum``, ``min_items``
    for minItems, ``const``).  ``sayso.schema_gen`` reads both.
    """
    return {"description": description, "schema": schema}


_FRAGMENTS = "Fragments, in text order."


@dataclass(frozen=True, slots=True)
class TextSpan(Record):
    """A piece of the text: its fragments and their words.

    Fragments are ``[[start, end], ...]`` so that an interrupted quote is one span.
    """

    text: str = field(metadata=_doc(
        "The words of the fragments, joined with ' ... ' when there are several."))
    spans: Offsets = field(metadata=_doc(_FRAGMENTS, min_items=1))

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]

    @classmethod
    def of(cls, text: str, fragments: typing.Iterable[tuple[int, int]]) -> TextSpan:
        frags = tuple(sorted((int(s), int(e)) for s, e in fragments if e > s))
        return cls(text=" ... ".join(text[s:e] for s, e in frags), spans=frags)


@dataclass(frozen=True, slots=True)
class EntityRef(Record):
    """A pointer to one of the article's entities."""

    name: str = field(metadata=_doc("The entity's canonical name (its fullest name in the article)."))
    entity_id: str = field(metadata=_doc("The id of an entry in the report's entities."))


@dataclass(frozen=True, slots=True)
class Citation(Record):
    """Whom a relaying source cites: 'Axios reported, citing <three sources>'."""

    text: str = field(metadata=_doc("The words naming the cited sources."))
    source_kind: SourceKind
    anonymous_count: int | None = field(default=None, metadata=_doc(
        "How many anonymous sources the text says there are, when it says so.", minimum=1))
    spans: Offsets = field(default=(), metadata=_doc(_FRAGMENTS))


@dataclass(frozen=True, slots=True)
class RouteStep(Record):
    """One link of a statement's route: the publisher, a relay (outlet, report, source) or the speaker."""

    name: str = field(metadata=_doc("The name, or the words of an unnamed source ('one source')."))
    role: RouteRole = field(metadata=_doc("publisher, relay or speaker."))
    source_kind: SourceKind = field(default=SourceKind.NONE, metadata=_doc(
        "How this link is identified (an outlet, a named person, anonymous sources, ...)."))
    entity_id: str | None = field(default=None, metadata=_doc("The entity id, when the link is one."))
    anonymous_count: int | None = field(default=None, metadata=_doc(
        "How many unnamed sources this link is, when the text says so.", minimum=1))


@dataclass(frozen=True, slots=True)
class Provenance(Record):
    """On whose say-so the publisher knows a statement (docs/provenance.md)."""

    basis: Basis = field(default=Basis.UNKNOWN, metadata=_doc(
        "relayed (through another outlet or report), public, to_publisher or unknown."))
    route: tuple[RouteStep, ...] = field(default=(), metadata=_doc(
        "The publisher first, each relay, the speaker last."))
    rests_on_anonymous: bool = field(default=False, metadata=_doc(
        "true when any link of the route, or a source its report cites, is unnamed."))
    inferred: bool = field(default=False, metadata=_doc(
        "true when the route is carried over from the rest of the article (a cited report in scope, a "
        "private call known only through it), not said in the statement's own sentence."))
    rule: str = field(default="", metadata=_doc("The rule that decided the route (docs/provenance.md)."))
    evidence: tuple[TextSpan, ...] = field(default=(), metadata=_doc(
        "The words the route rests on: the cue, 'reportedly', 'During the call', a citation."))

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(step.name for step in self.route)

    @property
    def via(self) -> str | None:
        """The first outlet the route passes through after the publisher ("Axios"), or None."""
        return next((step.name for step in self.route[1:] if step.source_kind == SourceKind.OUTLET), None)


@dataclass(frozen=True, slots=True)
class Participant(Record):
    """Someone who takes part in an event."""

    name: str = field(metadata=_doc("The entity's name."))
    entity_id: str | None = field(default=None, metadata=_doc("The entity id."))
    role: str = field(default="participant", metadata=_doc("The part taken (participant)."))


@dataclass(frozen=True, slots=True)
class Event(Record):
    """Something the article reports happening: a call, a meeting, an interview, a report, a strike."""

    id: str = field(metadata=_doc("ev1, ev2, ... in order of first mention."))
    what: str = field(metadata=_doc("What happened: phone call, meeting, Axios report, public remarks."))
    plover: str | None = field(default=None, metadata=_doc(
        "The PLOVER root: CONSULT for calls, meetings, talks and interviews, ASSAULT for strikes; null for a "
        "one-sided statement, report or post."))
    mode: str | None = field(default=None, metadata=_doc(
        "For communication: phone, in person, written, post, press conference, interview, public statement."))
    participants: tuple[Participant, ...] = field(default=(), metadata=_doc("Who took part."))
    when: str | None = field(default=None, metadata=_doc("The words that date it ('Wednesday')."))
    date: str | None = field(default=None, metadata=_doc(
        "ISO date, or a span start/end, resolved against the publication date."))
    where: str | None = field(default=None, metadata=_doc("Where it happened, when the text says."))
    access: Access = field(default=Access.UNKNOWN, metadata=_doc(
        "Who could witness it: public, private (only its participants), to_publisher, unknown."))
    triggers: tuple[TextSpan, ...] = field(default=(), metadata=_doc("The words that mention it."))
    statements: int = field(default=0, metadata=_doc(
        "How many attributions were made in it (whose setting it is).", minimum=0))
    rule: str = field(default="", metadata=_doc("How it was found."))


@dataclass(frozen=True, slots=True)
class Attribution(Record):
    """One act of reported speech, belief or intention and what it rests on."""

    id: str = field(metadata=_doc("a1, a2, ... in text order of the content's start (then the cue's)."))
    cue: TextSpan = field(metadata=_doc(
        "The words that signal the attribution: said, according to, a colon."))
    content: TextSpan = field(metadata=_doc(
        "What was said, believed or intended (may be several fragments)."))
    source: TextSpan | None = field(default=None, metadata=_doc(
        "The words in the text naming who said it; null when the text names no one."))
    kind: QuoteKind = field(default=QuoteKind.INDIRECT, metadata=_doc(
        "direct: all quoted; mixed: partly quoted; indirect: paraphrase."))
    cue_type: CueType = field(default=CueType.VERB, metadata=_doc("The grammatical form of the cue."))
    speaker: EntityRef | None = field(default=None, metadata=_doc(
        "The entity the source refers to (pronouns and titles resolved)."))
    speaker_rule: str | None = field(default=None, metadata=_doc(
        "The rule that chose the speaker: the name of the speaker sieve that decided (`mention.name`, "
        "`pronoun.salient_subject`, `role_description.titled`, ...), `relative_clause`, or "
        "`anonymous_source`; null when there is no speaker. docs/architecture.md lists every rule in order. "
        "A report without it reads as null."))
    co_speakers: tuple[EntityRef, ...] = field(default=(), metadata=_doc(
        'Others the source names as speaking together with the speaker ("Mr. Grassley and [Mr. Leahy] '
        'said"), in the order the text names them; `[]` for a source of one.'))
    addressee: EntityRef | None = field(default=None, metadata=_doc(
        "To whom it was said, when the text says so."))
    source_kind: SourceKind = SourceKind.NONE
    anonymous_count: int | None = field(default=None, metadata=_doc(
        "How many anonymous sources, when the text says so ('one source': 1).", minimum=1))
    anonymous_descriptor: str | None = field(default=None, metadata=_doc(
        "How an anonymous source is described ('a senior official')."))
    hedges: tuple[str, ...] = field(default=(), metadata=_doc(
        "Words that distance the publisher from the claim: reportedly, allegedly, claimed."))
    on_record: bool | None = field(default=None, metadata=_doc(
        "true: said publicly; false: anonymous or off the record; null: the text does not tell."))
    nested_in: str | None = field(default=None, metadata=_doc(
        "The id of the attribution this one is reported inside ('X said that Y told him ...')."))
    citing: tuple[Citation, ...] = field(default=(), metadata=_doc("Sources a relaying source cites."))
    chain: tuple[str, ...] = field(default=(), metadata=_doc(
        "Who relays to whom, from the publisher down to the speaker: the names of provenance.route "
        "(kept for readers of schema 1.1)."))
    rests_on_anonymous: bool = field(default=False, metadata=_doc(
        "true when the speaker or anyone up the route is anonymous (anonymous_individual or "
        "anonymous_group), or the report it comes through cites anonymous sources; equals "
        "provenance.rests_on_anonymous."))
    confidence: float = field(default=1.0, metadata=_doc(
        "The cue model's probability.", minimum=0, maximum=1))
    provenance: Provenance | None = field(default=None, metadata=_doc(
        "On whose say-so the publisher knows it: basis, route, the rule (docs/provenance.md)."))
    setting: str | None = field(default=None, metadata=_doc(
        "The id of the event it was said in (an entry of the report's events)."))
    in_title: bool = field(default=False, metadata=_doc(
        "true when it is in the title the caller gave apart from the text, which sayso reads as the "
        "article's headline; its offsets then index the title, not the text (docs/architecture.md, Zones). "
        "A report without it reads as false."))


@dataclass(frozen=True, slots=True)
class PolnearOnly(Record):
    """A find PolNeAR's scheme counts as an attribution but a reader would not take for one.

    PolNeAR marks acts with no content said ("responded AFP's requests for comment"), plans and
    wishes, and statements with no one saying them ("is expected to grow"); the models learn them
    from it.  They are kept here, out of the reader's list, so that the PolNeAR view
    (sayso.cli.render.polnear_attributions) can still count them.
    """

    rule: str = field(metadata=_doc(
        "The rule that moved it out of the reader's attributions (docs/architecture.md, Reader view)."))
    attribution: Attribution = field(metadata=_doc(
        "The find, as analysed: its id is unique among the report's attributions and these."))


@dataclass(frozen=True, slots=True)
class NonResponse(Record):
    """Someone who declined to comment, did not reply or could not be reached."""

    text: str = field(metadata=_doc("The sentence part that says so."))
    spans: Offsets = field(metadata=_doc(_FRAGMENTS))
    who: str | None = field(default=None, metadata=_doc("Who did not respond."))
    to: str | None = field(default=None, metadata=_doc("To whom they did not respond (the outlet asking)."))
    who_entity_id: str | None = field(default=None, metadata=_doc("The entity id of who, when resolved."))


@dataclass(frozen=True, slots=True)
class Mention(Record):
    """One place the article refers to an entity."""

    text: str = field(metadata=_doc("The words."))
    start: int = field(metadata=_doc("Start offset.", minimum=0))
    end: int = field(metadata=_doc("End offset (exclusive).", minimum=0))


@dataclass(frozen=True, slots=True)
class Entity(Record):
    """A person, organisation or outlet, with every way the article refers to it."""

    id: str = field(metadata=_doc("e1, e2, ..."))
    name: str = field(metadata=_doc("The canonical name."))
    type: EntityType = field(metadata=_doc(
        "What the entity is; GPE: a place or its government; ANONYMOUS: unnamed sources."))
    titles: tuple[str, ...] = field(default=(), metadata=_doc(
        "Titles seen before the name: President, Secretary of State."))
    mentions: tuple[Mention, ...] = field(default=(), metadata=_doc("Every mention, pronouns included."))


@dataclass(frozen=True, slots=True)
class Count(Record):
    """A key and how often it occurs."""

    key: str = field(metadata=_doc("What is counted."))
    count: int = field(metadata=_doc("How often.", minimum=0))


@dataclass(frozen=True, slots=True)
class SourcingSummary(Record):
    """How much of the article rests on whom."""

    attributions: int = field(default=0, metadata=_doc("Number of attributions.", minimum=0))
    by_source_kind: tuple[Count, ...] = field(default=(), metadata=_doc(
        "Attributions per source_kind, most frequent first."))
    anonymous: int = field(default=0, metadata=_doc(
        "Attributions resting on an anonymous source (rests_on_anonymous).", minimum=0))
    anonymous_share: float = field(default=0.0, metadata=_doc(
        "anonymous / attributions.", minimum=0, maximum=1))
    on_record: int = field(default=0, metadata=_doc("Attributions with on_record true.", minimum=0))
    hedged: int = field(default=0, metadata=_doc("Attributions with at least one hedge.", minimum=0))
    outlets_relayed: tuple[str, ...] = field(default=(), metadata=_doc(
        "Other outlets whose reporting the article relays."))
    speakers: tuple[Count, ...] = field(default=(), metadata=_doc(
        "Attributions per speaker name, most frequent first; a co-speaker counts as a speaker."))
    non_responses: int = field(default=0, metadata=_doc("Number of non-responses.", minimum=0))
    by_basis: tuple[Count, ...] = field(default=(), metadata=_doc(
        "Attributions per provenance basis (relayed, public, to_publisher, unknown)."))
    rests_on: str | None = field(default=None, metadata=_doc(
        "What the statements rest on, in a sentence: '18 of 21 rest on anonymous sources via Axios; 2 said "
        "in public; 1 with no stated basis'."))


@dataclass(frozen=True, slots=True)
class ArticleReport(Record):
    """Everything sayso learned from one article (sayso.ArticleReport.to_dict(), `sayso analyze --json`)."""

    text_length: int = field(metadata=_doc(
        "Length of the analysed text in characters (Python str length).", minimum=0))
    attributions: tuple[Attribution, ...] = ()
    polnear_only: tuple[PolnearOnly, ...] = field(default=(), metadata=_doc(
        "Finds only PolNeAR's scheme counts as attributions, each with the rule that moved it out of "
        "attributions; readers' views leave them out. A report without it reads as none."))
    non_responses: tuple[NonResponse, ...] = ()
    entities: tuple[Entity, ...] = ()
    sourcing_summary: SourcingSummary = field(default_factory=SourcingSummary)
    publisher: str | None = field(default=None, metadata=_doc(
        "The outlet that published the article: given by the caller, else found in the text."))
    publisher_evidence: str | None = field(default=None, metadata=_doc(
        "The words the publisher was found from; null when given by the caller or unknown."))
    published: str | None = field(default=None, metadata=_doc("Publication date as given by the caller."))
    title: str | None = field(default=None, metadata=_doc("Headline as given by the caller."))
    warnings: tuple[str, ...] = field(default=(), metadata=_doc(
        "Problems met while analysing (the article is still reported)."))
    events: tuple[Event, ...] = field(default=(), metadata=_doc(
        "What the article reports happening, communication first of all: calls, meetings, interviews, "
        "reports, statements (docs/provenance.md)."))
    schema_version: str = field(default=SCHEMA_VERSION, metadata=_doc(
        "The version of this contract.", const=SCHEMA_VERSION))

    def event(self, event_id: str) -> Event | None:
        return next((e for e in self.events if e.id == event_id), None)

    def attribution(self, attribution_id: str) -> Attribution | None:
        return next((a for a in self.attributions if a.id == attribution_id), None)

    def entity(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)
