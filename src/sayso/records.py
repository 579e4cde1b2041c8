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
    CueType,
    EntityType,
    QuoteKind,
    SourceKind,
)

__all__ = [
    "ANONYMOUS_KINDS", "CUE_TYPES", "ENTITY_TYPES", "KINDS", "SCHEMA_VERSION", "SOURCE_KINDS", "UNNAMED_KINDS",
    "ArticleReport", "Attribution", "Citation", "Count", "CueType", "Entity", "EntityRef", "EntityType",
    "Mention", "NonResponse", "QuoteKind", "Record", "SourceKind", "SourcingSummary", "TextSpan",
]

SCHEMA_VERSION = "1.1"

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
    source_kind: SourceKind
    anonymous_count: int | None = None
    spans: Offsets = ()


@dataclass(frozen=True, slots=True)
class Attribution(Record):
    """One act of reported speech, belief or intention and what it rests on."""

    id: str
    cue: TextSpan
    content: TextSpan
    source: TextSpan | None = None
    kind: QuoteKind = QuoteKind.INDIRECT
    cue_type: CueType = CueType.VERB
    speaker: EntityRef | None = None
    co_speakers: tuple[EntityRef, ...] = ()
    addressee: EntityRef | None = None
    source_kind: SourceKind = SourceKind.NONE
    anonymous_count: int | None = None
    anonymous_descriptor: str | None = None
    hedges: tuple[str, ...] = ()
    on_record: bool | None = None
    nested_in: str | None = None
    citing: tuple[Citation, ...] = ()
    chain: tuple[str, ...] = ()
    rests_on_anonymous: bool = False
    confidence: float = 1.0


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
    type: EntityType
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
    schema_version: str = SCHEMA_VERSION

    def attribution(self, attribution_id: str) -> Attribution | None:
        return next((a for a in self.attributions if a.id == attribution_id), None)

    def entity(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)
