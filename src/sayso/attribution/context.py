"""The one object an article's analysis stages read and add to.

``build_report`` makes an ``ArticleContext`` from the parsed Doc and the
article's metadata, then hands it to each stage of
``sayso.attribution.stages.registry.STAGES`` in turn.  Fields below the line are
added by stages: each is declared here, with the stage that adds it, and is
unset (reading it raises AttributeError) until that stage has run, so a
stage put before what it reads fails at once instead of reading a default.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import ModuleType

from spacy.tokens import Doc

from sayso import lexicon
from sayso.attribution.entities import ArticleEntities
from sayso.attribution.extract import RawAttribution
from sayso.attribution.nonresponses import RawNonResponse
from sayso.attribution.sources import SourceInfo
from sayso.attribution.table import TokenTable
from sayso.kinds import Mode
from sayso.records import (
    ArticleReport,
    Attribution,
    Citation,
    Entity,
    Event,
    NonResponse,
    PolnearOnly,
    SourcingSummary,
)


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    publisher: str | None = None
    published: str | None = None
    title: str | None = None
    #: The text's headline is a title the caller gave apart from it (sayso.attribution.title):
    #: the encoder then reads it apart from the body (sayso.attribution.neural.table_chunks).
    title_apart: bool = False


@dataclass
class AttributionWork:
    """One attribution while it is being resolved: the extractor's find, its record so far, and
    what the per-attribution steps of the resolution stage found for it."""

    raw: RawAttribution
    record: Attribution
    #: The addressee phrase ("told [Axios]") and the entity it names outright, if any.
    addressee_phrase: tuple[int, ...] = ()
    addressee_named: str | None = None
    #: The phrase that identifies the source: its words, or for "who"/"which" what they stand for.
    described: tuple[int, ...] = ()
    source_info: SourceInfo | None = None
    speaker_id: str | None = None
    #: The name of the speaker sieve (or the anonymous-source rule) that chose the speaker.
    speaker_rule: str | None = None
    addressee_id: str | None = None
    citation_ids: list[str] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)


@dataclass
class ArticleContext:
    """A parsed article and everything its analysis has found so far."""

    doc: Doc
    meta: ArticleMeta
    mode: Mode
    #: Seconds of sayso's own work allowed (None: no limit), counted from ``started``.
    time_budget: float | None
    started: float
    #: The word lists (sayso.lexicon: files loaded once, cached).
    lexicon: ModuleType = lexicon
    warnings: list[str] = field(default_factory=list)
    #: Set by a stage that ends the analysis early (an empty text); the walk stops there.
    report: ArticleReport | None = None

    # Added by stages, in registry order.
    table: TokenTable = field(init=False)                    # table
    attributions_found: list[RawAttribution] = field(init=False)  # cues_and_roles, then filtering
    entities: ArticleEntities = field(init=False)            # entities
    raw_non_responses: list[RawNonResponse] = field(init=False)  # non_responses
    work: list[AttributionWork] = field(init=False)          # records, then every later stage
    #: Per speaker, the last person they spoke to ("you" in a later quote): resolution.
    last_partner: dict[str, str] = field(default_factory=dict)
    publisher: str | None = field(init=False)                # publisher
    publisher_evidence: str | None = field(init=False)       # publisher
    entity_records: tuple[Entity, ...] = field(init=False)   # provenance
    events: tuple[Event, ...] = field(init=False)            # provenance
    polnear_only: tuple[PolnearOnly, ...] = field(init=False)  # reader_view
    non_responses: list[NonResponse] = field(init=False)     # summary
    summary: SourcingSummary = field(init=False)             # summary

    @property
    def deadline(self) -> float | None:
        """When the time budget runs out (time.monotonic()), if there is one."""
        return self.started + self.time_budget if self.time_budget is not None else None
