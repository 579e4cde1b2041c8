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
from typing import Any, TypeVar

SCHEMA_VERSION = "1.2"

Offsets = tuple[tuple[int, int], ...]

#: How the source of an attribution is identified.
SOURCE_KINDS = (
    "named_person",
    "named_organization",
    "outlet",
    "document",
    "anonymous_individual",
    "anonymous_group",
    "unspecified",
    "none",
)
#: Source kinds that hide who is speaking.  "unspecified" ("some", an unresolved
#: "they") is vague rather than anonymous and is not counted here.
ANONYMOUS_KINDS = frozenset({"anonymous_individual", "anonymous_group"})
UNNAMED_KINDS = ANONYMOUS_KINDS | {"unspecified"}

#: How much of the content is quoted verbatim.
KINDS = ("direct", "mixed", "indirect")

#: How the publisher knows a statement (Attribution.provenance.basis): through
#: another outlet or report, from a public setting (a statement, a press
#: conference, a post, remarks), told to the publisher itself, or not said.
BASES = ("relayed", "public", "to_publisher", "unknown")

#: Who could witness an event: anyone, only its participants, the publisher.
ACCESS = ("public", "private", "to_publisher", "unknown")

#: The grammatical form of the cue.
CUE_TYPES = ("verb", "according_to", "noun", "punctuation", "other")

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
    return value


@dataclass(frozen=True, slots=True)
class TextSpan(Record):
    """A piece of the text: its fragments (``[[start, end], ...]``) and their words."""

    text: str
    spans: Offsets

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

    name: str
    entity_id: str


@dataclass(frozen=True, slots=True)
class Citation(Record):
    """Whom a relaying source cites: "Axios reported, citing <three sources>"."""

    text: str
    source_kind: str
    anonymous_count: int | None = None
    spans: Offsets = ()


@dataclass(frozen=True, slots=True)
class RouteStep(Record):
    """One link of a statement's route: the publisher, a relay (outlet, report, source), or the speaker."""

    name: str
    role: str  # "publisher", "relay" or "speaker"
    source_kind: str = "none"
    entity_id: str | None = None
    anonymous_count: int | None = None


@dataclass(frozen=True, slots=True)
class Provenance(Record):
    """On whose say-so the publisher knows a statement."""

    basis: str = "unknown"
    route: tuple[RouteStep, ...] = ()
    rests_on_anonymous: bool = False
    #: True when the route is carried over from the rest of the article (a cited
    #: report still in scope, a private call known only through it), not said
    #: in the statement's own sentence.
    inferred: bool = False
    #: The rule that decided the route (docs/schema.md lists them).
    rule: str = ""
    evidence: tuple[TextSpan, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(step.name for step in self.route)


@dataclass(frozen=True, slots=True)
class Participant(Record):
    """Someone who takes part in an event."""

    name: str
    entity_id: str | None = None
    role: str = "participant"


@dataclass(frozen=True, slots=True)
class Event(Record):
    """Something the article reports happening: a call, a meeting, an interview, a statement, a strike."""

    id: str
    what: str
    #: The PLOVER root (CONSULT for calls, meetings, talks and interviews;
    #: ASSAULT for strikes), or None for a one-sided statement.
    plover: str | None = None
    mode: str | None = None
    participants: tuple[Participant, ...] = ()
    when: str | None = None
    #: ISO date, or a span ``start/end``, resolved against the publication date.
    date: str | None = None
    where: str | None = None
    access: str = "unknown"
    triggers: tuple[TextSpan, ...] = ()
    #: How many statements were made in it (attributions whose ``setting`` it is).
    statements: int = 0
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Attribution(Record):
    """One act of reported speech, belief or intention and what it rests on."""

    id: str
    cue: TextSpan
    content: TextSpan
    source: TextSpan | None = None
    kind: str = "indirect"
    cue_type: str = "verb"
    speaker: EntityRef | None = None
    co_speakers: tuple[EntityRef, ...] = ()
    addressee: EntityRef | None = None
    source_kind: str = "none"
    anonymous_count: int | None = None
    anonymous_descriptor: str | None = None
    hedges: tuple[str, ...] = ()
    on_record: bool | None = None
    nested_in: str | None = None
    citing: tuple[Citation, ...] = ()
    chain: tuple[str, ...] = ()
    rests_on_anonymous: bool = False
    confidence: float = 1.0
    provenance: Provenance | None = None
    #: The id of the event the statement was made in (``ArticleReport.events``).
    setting: str | None = None


@dataclass(frozen=True, slots=True)
class NonResponse(Record):
    """Someone who declined to comment, did not reply or could not be reached."""

    text: str
    spans: Offsets
    who: str | None = None
    to: str | None = None
    who_entity_id: str | None = None


@dataclass(frozen=True, slots=True)
class Mention(Record):
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Entity(Record):
    """A person, organisation or outlet, with every way the article refers to it."""

    id: str
    name: str
    type: str
    titles: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True)
class Count(Record):
    key: str
    count: int


@dataclass(frozen=True, slots=True)
class SourcingSummary(Record):
    """How much of the article rests on whom."""

    attributions: int = 0
    by_source_kind: tuple[Count, ...] = ()
    anonymous: int = 0
    anonymous_share: float = 0.0
    on_record: int = 0
    hedged: int = 0
    outlets_relayed: tuple[str, ...] = ()
    speakers: tuple[Count, ...] = ()
    non_responses: int = 0
    #: Attributions by provenance basis (relayed, public, to_publisher, unknown).
    by_basis: tuple[Count, ...] = ()
    #: What the statements rest on, in a sentence: "18 of 21 rest on anonymous
    #: sources via Axios; 2 said in public; 1 with no stated basis".
    rests_on: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleReport(Record):
    """Everything sayso learned from one article."""

    text_length: int
    attributions: tuple[Attribution, ...] = ()
    non_responses: tuple[NonResponse, ...] = ()
    entities: tuple[Entity, ...] = ()
    sourcing_summary: SourcingSummary = field(default_factory=SourcingSummary)
    publisher: str | None = None
    publisher_evidence: str | None = None
    published: str | None = None
    title: str | None = None
    warnings: tuple[str, ...] = ()
    events: tuple[Event, ...] = ()
    schema_version: str = SCHEMA_VERSION

    def attribution(self, attribution_id: str) -> Attribution | None:
        return next((a for a in self.attributions if a.id == attribution_id), None)

    def event(self, event_id: str) -> Event | None:
        return next((e for e in self.events if e.id == event_id), None)

    def entity(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)
