"""The closed vocabularies of the records, each defined once.

Every enum is a ``StrEnum`` whose values are the exact strings of the JSON
contract: a member equals its string (``SourceKind.OUTLET == "outlet"``),
hashes like it and serialises as it (``json.dumps(SourceKind.OUTLET)`` is
``'"outlet"'``), so code that compares with plain strings keeps working and
no output changes.  The JSON Schema (``sayso.schema_gen``) takes its ``enum``
lists from here; docs/schema.md explains each value.
"""

from __future__ import annotations

from enum import StrEnum


class SourceKind(StrEnum):
    """How the source is identified: named, an outlet, a document, anonymous, unspecified or none.

    anonymous_individual and anonymous_group are anonymous (``ANONYMOUS_KINDS``); unspecified
    names no one either but is vague rather than anonymous (``UNNAMED_KINDS``).
    """

    NAMED_PERSON = "named_person"
    NAMED_ORGANIZATION = "named_organization"
    OUTLET = "outlet"
    DOCUMENT = "document"
    ANONYMOUS_INDIVIDUAL = "anonymous_individual"
    ANONYMOUS_GROUP = "anonymous_group"
    UNSPECIFIED = "unspecified"
    NONE = "none"


#: Source kinds that hide who is speaking: an attribution whose source (or
#: anyone up its chain) has one of these rests on anonymous sources, and the
#: store counts it in an outlet's anonymous share.
ANONYMOUS_KINDS = frozenset({SourceKind.ANONYMOUS_INDIVIDUAL, SourceKind.ANONYMOUS_GROUP})

#: An attribution's confidence when the rules nested_cue, reportedly.nested or quote_continued found
#: it (sayso.attribution.extract): one PolNeAR never marks (it marks the outermost attribution, and a
#: cue once), so the PolNeAR view (sayso.cli.render.polnear_attributions) leaves it out; below the
#: models' and the quoted cues' confidences, so that it loses every tie.
RULE_NESTED_CONFIDENCE = 0.25
#: Source kinds that name no one: the anonymous ones and "unspecified" ("some",
#: "critics", an unresolved "they"), which is vague rather than anonymous and so
#: does not make an attribution rest on anonymous sources.
UNNAMED_KINDS = ANONYMOUS_KINDS | {SourceKind.UNSPECIFIED}


class QuoteKind(StrEnum):
    """How much of an attribution's content is quoted verbatim."""

    DIRECT = "direct"
    MIXED = "mixed"
    INDIRECT = "indirect"


class CueType(StrEnum):
    """The grammatical form of the cue."""

    VERB = "verb"
    ACCORDING_TO = "according_to"
    NOUN = "noun"
    PUNCTUATION = "punctuation"
    OTHER = "other"


class EntityType(StrEnum):
    """What an entity of a report is.

    spaCy's recogniser labels (PERSON, ORG, GPE) plus sayso's own OUTLET and
    ANONYMOUS.  The corpus store keeps a coarser vocabulary of its own
    (``sayso.corpus.names.CorpusType``) and maps these onto it.
    """

    PERSON = "PERSON"
    ORG = "ORG"
    OUTLET = "OUTLET"
    GPE = "GPE"
    ANONYMOUS = "ANONYMOUS"


class Mode(StrEnum):
    """The two ways of finding attributions (``--mode``, ``analyze(mode=)``).

    ``Mode(value)`` is the one check of a mode a caller gave: an unknown one
    raises ValueError naming the choices.
    """

    FAST = "fast"
    ACCURATE = "accurate"

    @classmethod
    def _missing_(cls, value: object) -> Mode:
        raise ValueError(f"unknown mode {value!r}; choose one of {', '.join(cls)}")


class Basis(StrEnum):
    """How the publisher knows a statement (``Provenance.basis``)."""

    #: Through another outlet, a report or the sources it cites.
    RELAYED = "relayed"
    #: Said in public: a statement, remarks, a press conference, a post, a published interview.
    PUBLIC = "public"
    #: Said to the publisher itself ("told The Daily Beast").
    TO_PUBLISHER = "to_publisher"
    #: The article does not say.
    UNKNOWN = "unknown"


class Access(StrEnum):
    """Who could witness an event (``Event.access``)."""

    PUBLIC = "public"
    PRIVATE = "private"
    TO_PUBLISHER = "to_publisher"
    UNKNOWN = "unknown"


class RouteRole(StrEnum):
    """What a link of a route is: the publisher, a relay between them, or the speaker."""

    PUBLISHER = "publisher"
    RELAY = "relay"
    SPEAKER = "speaker"

