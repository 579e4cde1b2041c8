"""sayso: on whose say-so?  Reported speech and sourcing in news articles, made explicit.

    >>> import sayso
    >>> report = sayso.analyze('"We will win," Jane Doe said.')
    >>> report.attributions[0].speaker.name
    'Jane Doe'
"""

from sayso.errors import InputError, ModelError, SaysoError, StoreError
from sayso.inputs import DEFAULT_MAX_CHARS, Article, validate_text
from sayso.records import (
    ArticleReport,
    Attribution,
    Citation,
    Count,
    Entity,
    EntityRef,
    Event,
    Mention,
    NonResponse,
    Participant,
    PolnearOnly,
    Provenance,
    RouteStep,
    SourcingSummary,
    TextSpan,
)

__version__ = "0.1.0"

#: Loaded on first use: the pipeline imports spaCy (and with it torch, about 2 s), which
#: commands that only read the store (`sayso articles list`, `sayso quotes`) never need.
_PIPELINE = ("analyze", "analyze_many", "parse")


def __getattr__(name: str) -> object:
    if name in _PIPELINE:
        from sayso import pipeline
        return getattr(pipeline, name)
    raise AttributeError(f"module 'sayso' has no attribute {name!r}")


__all__ = [
    "DEFAULT_MAX_CHARS",
    "Article",
    "ArticleReport",
    "Attribution",
    "Citation",
    "Count",
    "Entity",
    "EntityRef",
    "Event",
    "InputError",
    "Mention",
    "ModelError",
    "NonResponse",
    "Participant",
    "PolnearOnly",
    "Provenance",
    "RouteStep",
    "SaysoError",
    "SourcingSummary",
    "StoreError",
    "TextSpan",
    "analyze",
    "analyze_many",
    "parse",
    "validate_text",
]
