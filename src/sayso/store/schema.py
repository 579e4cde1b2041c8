"""The store's tables (SQLAlchemy Core) and its versioned migrations.

One schema serves SQLite and PostgreSQL.  Each migration is named, runs in
its own transaction and is recorded in ``schema_migrations`` (the
sqlite-utils pattern), so opening an older store brings it up to date and
opening a current one changes nothing.

Rows that come from one article (``articles``, ``attributions``,
``mentions``, ``non_responses``) are written together in one transaction and
never updated.  Rows derived from the whole corpus (``entities``,
``aliases``, ``claims``, ``claim_members``) are recomputed, deterministically,
at the end of every ingest; ``entity_overrides`` holds the hand-made merges
and splits that recomputation re-applies.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    inspect,
    select,
    text,
    update,
)

metadata = MetaData()

schema_migrations = Table(
    "schema_migrations", metadata,
    Column("version", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("applied_at", String(40), nullable=False),
)

articles = Table(
    "articles", metadata,
    # "a" + the first 16 hex digits of the SHA-256 of the text: stable across runs and machines.
    Column("id", String(40), primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("url", Text, unique=True),
    Column("source_id", Text),          # the input's own id (JSONL "id", PolNeAR file name)
    Column("source", Text),             # where it was read from (path, path:line)
    Column("publisher", Text),
    Column("publisher_key", String(200), index=True),
    Column("published", String(40), index=True),   # ISO 8601 date or date-time, as given
    Column("title", Text),
    Column("author", Text),
    Column("text", Text, nullable=False),
    Column("report", JSON, nullable=False),         # ArticleReport.to_dict(), whole
    Column("n_attributions", Integer, nullable=False),
    Column("ingested_at", String(40), nullable=False),
)

attributions = Table(
    "attributions", metadata,
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("attr_id", String(40), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("kind", String(20)),
    Column("cue_type", String(20)),
    Column("source_text", Text),
    Column("cue_text", Text),
    Column("content_text", Text, nullable=False),
    Column("content_start", Integer),
    Column("content_end", Integer),
    Column("speaker_name", Text),       # the report's speaker, else the named source's words
    Column("speaker_key", String(200), index=True),  # normalised name: joins to aliases.key
    Column("source_kind", String(40)),
    Column("anonymous", Boolean, nullable=False),
    Column("anonymous_count", Integer),
    Column("hedges", JSON),
    Column("on_record", Boolean),
    Column("nested_in", String(40)),
    Column("citing", JSON),
    Column("chain", JSON),
    Column("confidence", Float),
    # Provenance (docs/provenance.md), added by migration 4: how the publisher knows the statement,
    # the first outlet its route passes through, and the event it was made in.
    Column("basis", String(20), index=True),
    Column("provenance_rule", String(40)),
    Column("via", Text),
    Column("setting", String(40)),
    Column("setting_what", Text),        # the setting event's `what` ("phone call"): for filtering
    PrimaryKeyConstraint("article_id", "attr_id"),
)

mentions = Table(
    "mentions", metadata,
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("local_id", String(40), nullable=False),   # the report's entity id, or "a<N>" for a source
    Column("name", Text, nullable=False),
    Column("key", String(200), nullable=False, index=True),
    Column("type", String(40)),
    Column("titles", JSON),
    Column("count", Integer, nullable=False),
    PrimaryKeyConstraint("article_id", "local_id"),
)

non_responses = Table(
    "non_responses", metadata,
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("who", Text),
    Column("to", Text),
    Column("start", Integer),
    Column("end", Integer),
    PrimaryKeyConstraint("article_id", "seq"),
)

errors = Table(
    "errors", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False),
    Column("input_hash", String(64), nullable=False),  # of the input's bytes/text, "" when unreadable
    Column("reason", Text, nullable=False),
    Column("first_seen", String(40), nullable=False),
    Column("last_seen", String(40), nullable=False),
    Column("attempts", Integer, nullable=False),
    UniqueConstraint("source", "input_hash", name="uq_errors_source_hash"),
)

entities = Table(
    "entities", metadata,
    Column("id", String(200), primary_key=True),   # "person:donald-trump": a slug of the canonical name
    Column("name", Text, nullable=False),
    Column("type", String(40), nullable=False),
    Column("titles", JSON),                         # [{"title", "first", "last", "count"}]
    Column("n_mentions", Integer, nullable=False),
    Column("n_articles", Integer, nullable=False),
    Column("rule", Text),                           # why the aliases were joined
)

aliases = Table(
    "aliases", metadata,
    Column("key", String(200), primary_key=True),
    Column("entity_id", String(200), nullable=False, index=True),
    Column("name", Text, nullable=False),            # the most frequent surface form
    Column("rule", String(80), nullable=False),      # exact | fuzzy NN | surname | manual merge | ...
)

entity_overrides = Table(
    "entity_overrides", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("action", String(20), nullable=False),    # merge | split
    Column("a", Text, nullable=False),
    Column("b", Text, nullable=False),
    Column("created_at", String(40), nullable=False),
    UniqueConstraint("action", "a", "b", name="uq_overrides"),
)

claims = Table(
    "claims", metadata,
    Column("id", String(40), primary_key=True),
    Column("text", Text, nullable=False),            # the earliest wording
    Column("kind", String(20), nullable=False),      # quote | paraphrase
    Column("speaker_entity_id", String(200)),
    Column("first_article_id", String(40), nullable=False),
    Column("first_attr_id", String(40), nullable=False),
    Column("first_publisher", Text),
    Column("first_published", String(40)),
    Column("n_attributions", Integer, nullable=False),
    Column("n_articles", Integer, nullable=False),
    Column("n_outlets", Integer, nullable=False),
    Column("rule", Text),
    Column("first_tied", Text),                      # article ids published first together, space-separated
    Column("status", String(20)),                    # disputed | confirmed | unnamed_sources | corroborated | reported
)

claim_members = Table(
    "claim_members", metadata,
    Column("claim_id", String(40), nullable=False, index=True),
    Column("article_id", String(40), nullable=False),
    Column("attr_id", String(40), nullable=False),
    Column("score", Float, nullable=False),
    Column("stance", String(20)),                    # asserts | confirms | denies
    PrimaryKeyConstraint("article_id", "attr_id"),
)

#: Others an attribution's source names as speaking with its speaker ("Mr. Grassley and [Mr. Leahy]
#: said"): each gets a voice in who-is-quoted counts and entity pages.
co_speakers = Table(
    "co_speakers", metadata,
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("attr_id", String(40), nullable=False),
    Column("position", Integer, nullable=False),     # 1 for the first co-speaker the source names
    Column("name", Text, nullable=False),
    Column("key", String(200), nullable=False, index=True),  # normalised name: joins to aliases.key
    PrimaryKeyConstraint("article_id", "attr_id", "position"),
)

store_meta = Table(
    "store_meta", metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)

Index("ix_attributions_anonymous", attributions.c.anonymous)

#: Where each field of a report's records is kept as columns: record -> field -> (table, columns).
#: Every field is also in ``articles.report`` (the whole report as JSON); an empty column list means
#: that is the only place it is kept.  The values are the record's, never re-derived (the store's
#: own additions are keys and names for joining: speaker_key, mentions.key).  tests/test_schema.py
#: fails when a record gains a field this does not place or names a column a table lacks.
RECORD_COLUMNS: dict[str, dict[str, tuple[str, tuple[str, ...]]]] = {
    "ArticleReport": {
        "text_length": ("articles", ()),
        "attributions": ("articles", ("n_attributions",)),
        "polnear_only": ("articles", ()),                    # in the report JSON: readers' rows leave it out
        "non_responses": ("non_responses", ()),              # one row each
        "entities": ("mentions", ()),                        # one row each (named entities only)
        "sourcing_summary": ("articles", ()),
        "publisher": ("articles", ("publisher", "publisher_key")),   # when the input gives none
        "publisher_evidence": ("articles", ()),
        "published": ("articles", ("published",)),          # when the input gives none
        "title": ("articles", ("title",)),                  # when the input gives none
        "warnings": ("articles", ()),
        "events": ("articles", ()),
        "schema_version": ("articles", ()),
    },
    "Attribution": {
        "id": ("attributions", ("attr_id", "seq")),
        "cue": ("attributions", ("cue_text",)),
        "content": ("attributions", ("content_text", "content_start", "content_end")),
        "source": ("attributions", ("source_text",)),
        "kind": ("attributions", ("kind",)),
        "cue_type": ("attributions", ("cue_type",)),
        # The speaker's name, else the source's words when they name someone.
        "speaker": ("attributions", ("speaker_name", "speaker_key")),
        "speaker_rule": ("attributions", ()),
        "co_speakers": ("co_speakers", ("attr_id", "position", "name", "key")),
        "addressee": ("attributions", ()),
        "source_kind": ("attributions", ("source_kind",)),
        "anonymous_count": ("attributions", ("anonymous_count",)),
        "anonymous_descriptor": ("attributions", ()),
        "hedges": ("attributions", ("hedges",)),
        "on_record": ("attributions", ("on_record",)),
        "nested_in": ("attributions", ("nested_in",)),
        "citing": ("attributions", ("citing",)),
        "chain": ("attributions", ("chain",)),
        "rests_on_anonymous": ("attributions", ("anonymous",)),
        "confidence": ("attributions", ("confidence",)),
        # The route stays in the report; its basis, rule and first outlet are columns.
        "provenance": ("attributions", ("basis", "provenance_rule", "via")),
        "setting": ("attributions", ("setting", "setting_what")),
        # Only in the report JSON: an attribution in a separate title keeps its row, whose
        # content_start/end then index the title (sayso.attribution.title).
        "in_title": ("attributions", ()),
    },
    "NonResponse": {
        "text": ("non_responses", ("text",)),
        "spans": ("non_responses", ("start", "end")),
        "who": ("non_responses", ("who",)),
        "to": ("non_responses", ("to",)),
        "who_entity_id": ("non_responses", ()),
    },
    "Entity": {
        "id": ("mentions", ("local_id",)),
        "name": ("mentions", ("name", "key")),
        "type": ("mentions", ("type",)),                     # mapped to the corpus's CorpusType
        "titles": ("mentions", ("titles",)),
        "mentions": ("mentions", ("count",)),
    },
}

#: Every table in the order rows must be deleted (children first).
TABLES = (claim_members, claims, aliases, entities, entity_overrides, non_responses, mentions,
          co_speakers, attributions, errors, articles, store_meta)


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    apply: Callable[[Connection], None]


def _m1_initial(conn: Connection) -> None:
    metadata.create_all(conn, tables=[t for t in metadata.sorted_tables
                                      if t.name not in ("schema_migrations", "store_meta", "co_speakers")])
    if conn.dialect.name == "sqlite":
        # External-content-free FTS5 table; rows are written with the attributions.
        conn.execute(text(
            "CREATE VIRTUAL TABLE attributions_fts USING fts5("
            "content_text, source_text, article_id UNINDEXED, attr_id UNINDEXED, "
            "tokenize='porter unicode61')"
        ))
    elif conn.dialect.name == "postgresql":
        conn.execute(text(
            "ALTER TABLE attributions ADD COLUMN content_tsv tsvector GENERATED ALWAYS AS "
            "(to_tsvector('english', coalesce(content_text, '') || ' ' || coalesce(source_text, ''))) STORED"
        ))
        conn.execute(text("CREATE INDEX ix_attributions_tsv ON attributions USING GIN (content_tsv)"))


def _m2_store_meta(conn: Connection) -> None:
    store_meta.create(conn)


def _m3_co_speakers(conn: Connection) -> None:
    co_speakers.create(conn)


#: The attribution columns migration 4 adds; a store created since has them from migration 1.
PROVENANCE_COLUMNS = ("basis", "provenance_rule", "via", "setting", "setting_what")


def provenance_values(attribution: dict[str, Any], events: dict[str, str]) -> dict[str, Any]:
    """The provenance columns of one attribution of a report as JSON (``events``: id -> what)."""
    provenance = attribution.get("provenance") or {}
    route = provenance.get("route") or ()
    setting = attribution.get("setting")
    return {"basis": provenance.get("basis"), "provenance_rule": provenance.get("rule") or None,
            "via": next((s.get("name") for s in route[1:] if s.get("source_kind") == "outlet"), None),
            "setting": setting, "setting_what": events.get(setting) if setting else None}


def _m4_provenance(conn: Connection) -> None:
    have = {c["name"] for c in inspect(conn).get_columns("attributions")}
    for name in PROVENANCE_COLUMNS:
        if name not in have:
            column = attributions.c[name]
            conn.execute(text(f"ALTER TABLE attributions ADD COLUMN {name} "
                              f"{column.type.compile(dialect=conn.dialect)}"))
    if not inspect(conn).has_index("attributions", "ix_attributions_basis"):
        next(i for i in attributions.indexes if i.name == "ix_attributions_basis").create(conn)
    # Fill them in from the reports already stored, which hold provenance when they were made
    # by a sayso that had it (older reports leave the columns null).
    for article_id, report in conn.execute(select(articles.c.id, articles.c.report)).all():
        report = json.loads(report) if isinstance(report, str) else report
        events = {e["id"]: e.get("what") for e in report.get("events") or ()}
        for a in report.get("attributions") or ():
            if a.get("provenance") or a.get("setting"):
                conn.execute(update(attributions)
                             .where(attributions.c.article_id == article_id, attributions.c.attr_id == a["id"])
                             .values(**provenance_values(a, events)))


def _m5_claim_stances(conn: Connection) -> None:
    # Stores created at this version already have the columns (version 1 creates the tables as
    # defined above).
    have = {(t, c["name"]) for t in ("claims", "claim_members") for c in inspect(conn).get_columns(t)}
    for table, column, type_ in (("claims", "first_tied", "TEXT"), ("claims", "status", "VARCHAR(20)"),
                                 ("claim_members", "stance", "VARCHAR(20)")):
        if (table, column) not in have:
            conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {column} {type_}"))


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial: articles, attributions, mentions, non_responses, errors, entities, claims",
              _m1_initial),
    Migration(2, "store_meta: what the derived tables were computed from, to skip needless rebuilds",
              _m2_store_meta),
    Migration(3, "co_speakers: others a source names as speaking with its speaker", _m3_co_speakers),
    Migration(4, "attributions: basis, provenance_rule, via, setting, setting_what", _m4_provenance),
    Migration(5, "claim stances: each statement's stance, each claim's status and first-carrier ties",
              _m5_claim_stances),
)

SCHEMA_VERSION = MIGRATIONS[-1].version
