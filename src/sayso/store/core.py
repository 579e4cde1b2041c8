"""``Store``: one SQLAlchemy engine over the schema in ``sayso.store.schema``."""

from __future__ import annotations

import copy
import datetime as _dt
import hashlib
import os
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from rapidfuzz import fuzz
from sqlalchemy import (
    Connection,
    Engine,
    and_,
    case,
    create_engine,
    delete,
    event,
    func,
    insert,
    or_,
    select,
    text,
    true,
    union_all,
    update,
)
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from sayso import __version__
from sayso.corpus import claims as claims_mod
from sayso.corpus import entities as entities_mod
from sayso.corpus.names import (
    CorpusType,
    fold,
    guess_type,
    is_resolvable,
    name_key,
    names_no_one,
    slug,
    spelling_variant,
    split_title,
    surname,
)
from sayso.errors import StoreError
from sayso.lexicon import outlets
from sayso.records import ANONYMOUS_KINDS, ArticleReport, Attribution, EntityType, SourceKind
from sayso.store import schema as S

#: The store used when no ``--db`` is given: an SQLite file in the working folder.
DEFAULT_URL = "sqlite:///sayso.db"

#: Bump when the entity or claim rules change, so stores recompute their derived rows.
RULES_VERSION = "9"


def normalise_url(url: str | os.PathLike[str] | None) -> str:
    """A SQLAlchemy URL from what a user typed: a URL, or a path to an SQLite file."""
    if url is None:
        return os.environ.get("SAYSO_DB") or DEFAULT_URL
    u = os.fspath(url)
    if u.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + u.split("://", 1)[1]
    if "://" in u:
        return u
    return "sqlite:///" + u


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat()


def content_hash(text_: str) -> str:
    """The SHA-256 of the article's text (UTF-8): its identity in the store."""
    return hashlib.sha256(text_.encode("utf-8")).hexdigest()


def publisher_key(publisher: str | None) -> str | None:
    """A publisher's key: the slug of its canonical outlet name ("wash-post" -> "the-washington-post")."""
    if not publisher or not publisher.strip():
        return None
    f = fold(publisher)
    canonical = outlets().get(f) or outlets().get(f.removeprefix("the "))
    return slug(canonical or publisher)


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """What is known about an article besides its text (all optional)."""

    source: str | None = None       # where it was read from
    source_id: str | None = None    # the input's own id
    url: str | None = None
    publisher: str | None = None
    published: str | None = None
    title: str | None = None
    author: str | None = None


def trusted_publisher(report: ArticleReport) -> str | None:
    """The publisher the report found in the body, unless its only evidence is "by <outlet>":
    "first reported by the Tampa Bay Times" names a source, and a real byline sits in the
    header lines, which ``sayso.ingest.text.text_metadata`` reads."""
    if (report.publisher_evidence or "").strip().lower().startswith("by "):
        return None
    return report.publisher


def _co_spoken_by(entity_ids: list[str] | None = None, *, name_like: str | None = None) -> Any:
    """Whether the attribution's source names one of these entities (or a name like this) as a co-speaker."""
    CO, L2, A = S.co_speakers, S.aliases.alias("co_alias"), S.attributions
    q = select(CO.c.attr_id).where(CO.c.article_id == A.c.article_id, CO.c.attr_id == A.c.attr_id)
    if entity_ids is not None:
        q = q.where(CO.c.key.in_(select(L2.c.key).where(L2.c.entity_id.in_(entity_ids))))
    else:
        q = q.where(func.lower(CO.c.name).like(name_like))
    return q.exists()


def _speaker_of(a: Attribution) -> str | None:
    if a.speaker is not None and a.speaker.name:
        return a.speaker.name
    if a.source is not None and is_resolvable(a.source.text):
        return a.source.text
    return None


@dataclass(frozen=True, slots=True)
class LocalEntities:
    """Entities resolved again for a few articles: the rows that replace those of ``entity_ids``
    (the old ids and the new) and ``keys`` (every alias they cover)."""

    resolution: entities_mod.Resolution
    entity_ids: list[str]
    keys: list[str]


class Store:
    """A sayso corpus in SQLite or PostgreSQL.  Open with ``open_store``; close with ``close()``."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.dialect = engine.dialect.name
        # (derived generation, every story): grouping stories reads every claim-carrying
        # article's events, too slow to repeat for each page of a web reader.
        self._stories: tuple[str, list[dict[str, Any]]] | None = None

    # -- lifecycle -----------------------------------------------------------------

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:  # noqa: PYI034 - Store is not subclassed
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        try:
            with self.engine.begin() as conn:
                yield conn
        except OperationalError as e:
            raise StoreError(f"the store could not be written: {e.orig}") from None

    def migrate(self) -> list[int]:
        """Apply the migrations not yet recorded; returns the versions applied."""
        applied: list[int] = []
        with self._tx() as conn:
            self._lock_for_migration(conn)
            S.schema_migrations.create(conn, checkfirst=True)
        for m in S.MIGRATIONS:
            with self._tx() as conn:
                # Two processes opening a fresh store at once must not both migrate.
                self._lock_for_migration(conn)
                done = conn.execute(select(S.schema_migrations.c.version).where(
                    S.schema_migrations.c.version == m.version)).first()
                if done:
                    continue
                m.apply(conn)
                conn.execute(insert(S.schema_migrations).values(version=m.version, name=m.name,
                                                               applied_at=_now()))
                applied.append(m.version)
        return applied

    def _lock_for_migration(self, conn: Connection) -> None:
        """Hold the store's migration lock until ``conn``'s transaction ends.

        Two ingests opening a fresh store at once raced between "does the table
        exist?" and "create it" ("table schema_migrations already exists").
        PostgreSQL: an advisory lock.  SQLite: BEGIN IMMEDIATE takes the write
        lock up front (the driver issues no BEGIN before DDL, so without it the
        migration was not even one transaction); busy_timeout makes the second wait.
        """
        if self.dialect == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(4242)"))
        elif self.dialect == "sqlite" and not conn.connection.dbapi_connection.in_transaction:  # type: ignore[union-attr]
            conn.exec_driver_sql("BEGIN IMMEDIATE")

    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.max(S.schema_migrations.c.version))).scalar() or 0)

    # -- writing -----------------------------------------------------------------

    def find_article(self, hash_: str, url: str | None = None) -> str | None:
        """The id of the stored article with this content hash (or URL), or None."""
        cond = S.articles.c.content_hash == hash_
        if url:
            cond = or_(cond, S.articles.c.url == url)
        with self.engine.connect() as conn:
            return conn.execute(select(S.articles.c.id).where(cond).limit(1)).scalar()

    def ingest_report(self, info: ArticleInfo, text_: str, report: ArticleReport) -> str | None:
        """Store one article with everything from its report, in one transaction.

        Returns the new article id, or None when an article with the same text
        (or URL) is already stored.  Publisher, date and title default to the
        report's when ``info`` lacks them.
        """
        h = content_hash(text_)
        article_id = "a" + h[:16]
        # PostgreSQL text cannot hold a NUL, and one in a title or publisher (a JSON Lines
        # "\u0000") stopped the whole ingest there with a DataError: drop it from the metadata.
        info = replace(info, **{f: _no_nul(getattr(info, f)) for f in
                                ("url", "source_id", "source", "publisher", "published", "title", "author")})
        publisher = _no_nul(info.publisher or trusted_publisher(report))
        published = _no_nul(info.published or report.published)
        rows = self._attribution_rows(article_id, report)
        mention_rows = self._mention_rows(article_id, report)
        co_rows = self._co_speaker_rows(article_id, report)
        nr_rows = [
            {"article_id": article_id, "seq": i, "text": n.text, "who": n.who, "to": n.to,
             "start": n.spans[0][0] if n.spans else None, "end": n.spans[-1][1] if n.spans else None}
            for i, n in enumerate(report.non_responses, 1)
        ]
        try:
            with self._tx() as conn:
                if self.find_article_in(conn, h, info.url):
                    return None
                conn.execute(insert(S.articles).values(
                    id=article_id, content_hash=h, url=info.url or None, source_id=info.source_id,
                    source=info.source, publisher=publisher, publisher_key=publisher_key(publisher),
                    published=published, title=_no_nul(info.title or report.title), author=info.author,
                    text=text_, report=report.to_dict(), n_attributions=len(report.attributions),
                    ingested_at=_now(),
                ))
                if rows:
                    conn.execute(insert(S.attributions), rows)
                    if self.dialect == "sqlite":
                        conn.execute(text(
                            "INSERT INTO attributions_fts(content_text, source_text, article_id, attr_id) "
                            "VALUES (:content_text, :source_text, :article_id, :attr_id)"),
                            [{k: r[k] for k in ("content_text", "source_text", "article_id", "attr_id")}
                             for r in rows])
                if co_rows:
                    conn.execute(insert(S.co_speakers), co_rows)
                if mention_rows:
                    conn.execute(insert(S.mentions), mention_rows)
                if nr_rows:
                    conn.execute(insert(S.non_responses), nr_rows)
                # A success clears an earlier failure of the same input.
                if info.source:
                    conn.execute(delete(S.errors).where(S.errors.c.source == info.source))
        except IntegrityError:
            # Another process stored the same article between our check and insert.
            return None
        return article_id

    @staticmethod
    def find_article_in(conn: Connection, hash_: str, url: str | None) -> bool:
        cond = S.articles.c.content_hash == hash_
        if url:
            cond = or_(cond, S.articles.c.url == url)
        return conn.execute(select(S.articles.c.id).where(cond).limit(1)).first() is not None

    @staticmethod
    def _attribution_rows(article_id: str, report: ArticleReport) -> list[dict[str, Any]]:
        """One row per attribution, holding what the record says: its source kind, whether it rests
        on anonymous sources (``anonymous``) and its chain are the report's, never re-derived here."""
        rows = []
        events = {e.id: e.what for e in report.events}
        for seq, a in enumerate(report.attributions, 1):
            speaker = _speaker_of(a) if a.source_kind not in ANONYMOUS_KINDS else None
            key = name_key(split_title(speaker)[1]) if speaker else None
            rows.append({
                "article_id": article_id, "attr_id": a.id, "seq": seq, "kind": a.kind,
                "cue_type": a.cue_type, "source_text": a.source.text if a.source else None,
                "cue_text": a.cue.text, "content_text": a.content.text,
                "content_start": a.content.start if a.content.spans else None,
                "content_end": a.content.end if a.content.spans else None,
                "speaker_name": speaker, "speaker_key": key or None, "source_kind": a.source_kind,
                "anonymous": a.rests_on_anonymous, "anonymous_count": a.anonymous_count,
                "hedges": list(a.hedges), "on_record": a.on_record, "nested_in": a.nested_in,
                "citing": [c.to_dict() for c in a.citing], "chain": list(a.chain),
                "confidence": a.confidence,
                "basis": a.provenance.basis if a.provenance else None,
                "provenance_rule": (a.provenance.rule or None) if a.provenance else None,
                "via": a.provenance.via if a.provenance else None,
                "setting": a.setting, "setting_what": events.get(a.setting) if a.setting else None,
            })
        return rows

    @staticmethod
    def _co_speaker_rows(article_id: str, report: ArticleReport) -> list[dict[str, Any]]:
        rows = []
        for a in report.attributions:
            if a.source_kind in ANONYMOUS_KINDS:
                continue
            for position, co in enumerate(a.co_speakers, 1):
                key = name_key(split_title(co.name)[1])
                if key:
                    rows.append({"article_id": article_id, "attr_id": a.id, "position": position,
                                 "name": co.name, "key": key})
        return rows

    @staticmethod
    def _mention_rows(article_id: str, report: ArticleReport) -> list[dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for e in report.entities:
            title, name = split_title(e.name)
            key = name_key(name)
            if (not key or not is_resolvable(name) or e.type == EntityType.ANONYMOUS
                    or names_no_one(e.name)):
                continue
            titles = sorted(set(e.titles) | ({title} if title else set()))
            row = out.setdefault(key, {"article_id": article_id, "local_id": e.id, "name": name,
                                       "key": key, "type": guess_type(name, e.type), "titles": [],
                                       "count": 0})
            row["titles"] = sorted(set(row["titles"]) | set(titles))
            row["count"] += max(1, len(e.mentions))
        for a in report.attributions:
            speaker = _speaker_of(a)
            if not speaker or (a.source_kind in ANONYMOUS_KINDS):
                continue
            title, name = split_title(speaker)
            key = name_key(name)
            if not key or key in out:
                if key in out and title:
                    out[key]["titles"] = sorted(set(out[key]["titles"]) | {title})
                continue
            if names_no_one(speaker):
                continue
            out[key] = {"article_id": article_id, "local_id": f"src:{key}"[:40], "name": name, "key": key,
                        "type": guess_type(name), "titles": [title] if title else [], "count": 1}
        return list(out.values())

    def record_error(self, source: str, reason: str, input_hash: str = "") -> None:
        """Record (or re-record) that ``source`` could not be ingested and why."""
        now = _now()
        for attempt in (1, 2):
            try:
                with self._tx() as conn:
                    row = conn.execute(select(S.errors.c.id).where(and_(
                        S.errors.c.source == source, S.errors.c.input_hash == input_hash))).first()
                    if row:
                        conn.execute(update(S.errors).where(S.errors.c.id == row[0]).values(
                            reason=reason, last_seen=now, attempts=S.errors.c.attempts + 1))
                    else:
                        conn.execute(insert(S.errors).values(source=source, input_hash=input_hash,
                                                             reason=reason, first_seen=now, last_seen=now,
                                                             attempts=1))
                return
            except IntegrityError:
                # Another process recorded the same failure between our select and insert:
                # the second attempt finds its row and updates it.
                if attempt == 2:
                    raise

    # -- corpus-wide derivations ---------------------------------------------------------

    def _fingerprint(self, paraphrase_threshold: float, embedder: object | None, articles_less: int = 0) -> str:
        """What the derived tables depend on: rules, settings, articles and overrides (only ever added).
        ``articles_less``: the fingerprint of the store as it was that many articles ago."""
        with self.engine.connect() as conn:
            n_art = conn.execute(select(func.count()).select_from(S.articles)).scalar() or 0
            n_ovr = conn.execute(select(func.count()).select_from(S.entity_overrides)).scalar()
        return (f"sayso {__version__}; rules {RULES_VERSION}; threshold {paraphrase_threshold}; "
                f"embeddings {embedder is not None}; articles {n_art - articles_less}; overrides {n_ovr}")

    def _derived_generation(self) -> str | None:
        """A token that changes at every write of the derived rows (``mark_derived``), or None."""
        with self.engine.connect() as conn:
            return conn.execute(select(S.store_meta.c.value)
                                .where(S.store_meta.c.key == "derived_generation")).scalar()

    def _derived_from(self) -> str | None:
        """The fingerprint the derived rows were last made from (``_fingerprint``), or None."""
        with self.engine.connect() as conn:
            return conn.execute(select(S.store_meta.c.value).where(S.store_meta.c.key == "derived_from")).scalar()

    def derived_with_embeddings(self) -> bool:
        """Whether the derived rows were last made with sentence embeddings (their fingerprint says)."""
        done = self._derived_from()
        return bool(done) and "; embeddings True;" in done

    def is_current(self, *, paraphrase_threshold: float = claims_mod.DEFAULT_THRESHOLD,
                   embedder: object | None = None) -> bool:
        """Whether entities and claims were last computed from exactly the stored articles and overrides."""
        return self._derived_from() == self._fingerprint(paraphrase_threshold, embedder)

    def rebuild(self, *, paraphrase_threshold: float = claims_mod.DEFAULT_THRESHOLD,
                embedder: claims_mod.Embedder | None = None) -> dict[str, int]:
        """Recompute entities, aliases and claims from every stored article (one transaction).

        Deterministic: the same articles and overrides always give the same rows.
        Returns counts: entities, aliases, claims.

        Safe with concurrent ingests: if articles arrived while it ran, it runs
        again, so the last rebuild to finish reflects every stored article.
        """
        for _ in range(10):
            counts, fingerprint = self._rebuild_once(paraphrase_threshold, embedder)
            if self._fingerprint(paraphrase_threshold, embedder) == fingerprint:
                break
        return counts

    def _rebuild_once(self, paraphrase_threshold: float,
                      embedder: claims_mod.Embedder | None) -> tuple[dict[str, int], str]:
        resolution, found, fingerprint = self.derive(paraphrase_threshold=paraphrase_threshold,
                                                     embedder=embedder)
        with self._tx() as conn:
            if self.dialect == "postgresql":
                # Two concurrent rebuilds both inserted the same entity ids (UniqueViolation): one
                # at a time; the second's deletes then see the first's committed rows.
                conn.execute(text("SELECT pg_advisory_xact_lock(4243)"))
            for t in (S.claim_members, S.claims, S.aliases, S.entities):
                conn.execute(delete(t))
            if resolution.entities:
                conn.execute(insert(S.entities), [e.row() for e in resolution.entities])
            if resolution.aliases:
                conn.execute(insert(S.aliases), resolution.aliases)
            if found:
                conn.execute(insert(S.claims), [c.row() for c in found])
                conn.execute(insert(S.claim_members), [m for c in found for m in c.member_rows()])
            mark_derived(conn, fingerprint)
        return ({"entities": len(resolution.entities), "aliases": len(resolution.aliases),
                 "claims": len(found)}, fingerprint)

    def derive(self, *, paraphrase_threshold: float = claims_mod.DEFAULT_THRESHOLD,
               embedder: claims_mod.Embedder | None = None,
               ) -> tuple[entities_mod.Resolution, list[claims_mod.Claim], str]:
        """Entities and claims computed from the stored articles, not written; and the fingerprint
        of what they were computed from (``rebuild`` writes them all, ``update_derived`` only
        the rows that changed)."""
        fingerprint = self._fingerprint(paraphrase_threshold, embedder)
        with self.engine.connect() as conn:
            resolution = self.derive_entities(conn)
            found = self.derive_claims(conn, resolution.alias_entity, paraphrase_threshold, embedder)
        return resolution, found, fingerprint

    @staticmethod
    def _mention_rows_for(conn: Connection, keys: Sequence[str] | None = None) -> list[entities_mod.MentionRow]:
        M = S.mentions
        q = (select(M.c.article_id, M.c.key, M.c.name, M.c.type, M.c.titles, M.c.count, S.articles.c.published)
             .join(S.articles, S.articles.c.id == M.c.article_id).order_by(M.c.article_id, M.c.key))
        chunks = [q] if keys is None else [q.where(M.c.key.in_(list(c))) for c in iter_chunks(sorted(keys), 500)]
        rows = [entities_mod.MentionRow(*r) for c in chunks for r in conn.execute(c)]
        return sorted(rows, key=lambda r: (r.article_id, r.key))

    @staticmethod
    def _overrides(conn: Connection) -> list[entities_mod.Override]:
        O = S.entity_overrides
        return [entities_mod.Override(*o) for o in conn.execute(select(O.c.action, O.c.a, O.c.b).order_by(O.c.id))]

    def derive_entities(self, conn: Connection) -> entities_mod.Resolution:
        """Every entity, resolved from every stored mention."""
        return entities_mod.resolve(self._mention_rows_for(conn), self._overrides(conn))

    def derive_entities_for(self, conn: Connection, article_ids: Sequence[str], paraphrase_threshold: float,
                            embedder: object | None) -> LocalEntities | None:
        """The entities these (new or corrected) articles can change, resolved again from their
        mentions only; None when that cannot be bounded and everything must be derived again.

        The affected aliases are found in SQL (``affected_keys``), whole entities at a time, so the
        rows the result replaces are exactly those entities' and aliases'.  None when the store was
        not current before these articles, or when a resolved id would take an unaffected entity's.
        """
        done = conn.execute(select(S.store_meta.c.value).where(S.store_meta.c.key == "derived_from")).scalar()
        if done not in (self._fingerprint(paraphrase_threshold, embedder),
                        self._fingerprint(paraphrase_threshold, embedder, articles_less=len(article_ids))):
            return None
        M, L, E = S.mentions, S.aliases, S.entities
        start = set(conn.execute(select(M.c.key).where(M.c.article_id.in_(list(article_ids)))).scalars())
        keys = self.affected_keys(conn, start)
        if keys is None:
            return None
        resolution = entities_mod.resolve(self._mention_rows_for(conn, sorted(keys)), self._overrides(conn))
        old_ids = {i for c in iter_chunks(sorted(keys), 500)
                   for i in conn.execute(select(L.c.entity_id).where(L.c.key.in_(list(c)))).scalars()}
        outside = {k for c in iter_chunks(sorted(old_ids), 500)
                   for k in conn.execute(select(L.c.key).where(L.c.entity_id.in_(list(c)))).scalars()} - keys
        new_ids = {e.id for e in resolution.entities}
        taken = conn.execute(select(E.c.id).where(E.c.id.in_(sorted(new_ids - old_ids))).limit(1)).first()
        if outside or taken:
            return None
        return LocalEntities(resolution, sorted(old_ids | new_ids), sorted(keys))

    @staticmethod
    def affected_keys(conn: Connection, start: set[str], rounds: int = 8) -> set[str] | None:
        """The alias keys whose entities a mention under one of ``start`` can change: the same key,
        names whose surname (or one-word name) is that surname or close to it (the fuzzy and
        ``spelling`` rules' reach), and every alias of the entities those belong to, repeated until
        nothing is added.  Found in SQL by the surname's first letter and length, or by its end
        (the surname rule's fuzzy match crosses first letters: "Estrada", "Terry Strada"); None
        when it does not settle in ``rounds`` (PolNeAR's widest article settles in 6)."""
        L = S.aliases
        keys: set[str] = set()
        frontier = set(start)
        for _ in range(rounds):
            frontier -= keys
            if not frontier:
                return keys
            keys |= frontier
            words = sorted({surname(k) for k in frontier} - {""})
            hits: set[str] = set()
            for chunk in iter_chunks(words, 8):
                # A ratio of 90 across first letters needs five letters or more ("smith", "asmith").
                cond = or_(*(or_(spelt_like(L.c.key, w, max(1, len(w) // 4)),
                                 L.c.key.like(f"% {_like_escape(w)} %", escape="\\"),
                                 L.c.key.like(("%" if len(w) >= 5 else _like_escape(w[:1])) + _like_escape(w[1:]), escape="\\"))
                             for w in chunk))
                for k in conn.execute(select(L.c.key).where(cond)).scalars():
                    last = surname(k)
                    if any(last == w or fuzz.ratio(last, w) >= entities_mod.FUZZY_SURNAME
                           or spelling_variant(last, w) for w in chunk):
                        hits.add(k)
            found = sorted(hits | frontier)
            eids = {i for c in iter_chunks(found, 500)
                    for i in conn.execute(select(L.c.entity_id).where(L.c.key.in_(list(c)))).scalars()}
            members = {k for c in iter_chunks(sorted(eids), 500)
                       for k in conn.execute(select(L.c.key).where(L.c.entity_id.in_(list(c)))).scalars()}
            frontier = hits | members
        return keys if not frontier - keys else None

    @staticmethod
    def alias_entities(conn: Connection) -> dict[str, str]:
        """Alias key -> entity id, as stored."""
        return dict(conn.execute(select(S.aliases.c.key, S.aliases.c.entity_id)).all())

    def derive_claims(self, conn: Connection, alias_entity: dict[str, str], paraphrase_threshold: float,
                      embedder: claims_mod.Embedder | None) -> list[claims_mod.Claim]:
        """Claims over every stored attribution, speakers named by their entities."""
        return claims_mod.group_claims(self.iter_claim_inputs(conn, alias_entity), threshold=paraphrase_threshold,
                                       embedder=embedder)

    @classmethod
    def claim_inputs(cls, conn: Connection, alias_entity: dict[str, str]) -> list[claims_mod.ClaimInput]:
        """Every stored attribution as claims read it, speakers named by their entities."""
        return list(cls.iter_claim_inputs(conn, alias_entity))

    @staticmethod
    def iter_claim_inputs(conn: Connection, alias_entity: dict[str, str]) -> Iterator[claims_mod.ClaimInput]:
        """Every stored attribution as claims read it, speakers named by their entities, one at a time.

        Read row by row, never all rows at once, and every repeated value (article id, publisher,
        date, kind, cue, speaker) held once: 100,000 articles give about 2 million inputs, and a
        fresh string per cell took gigabytes."""
        one: dict[str, str] = {}

        def shared(s: str | None) -> str | None:
            return None if s is None else one.setdefault(s, s)

        co_keys: dict[tuple[str, str], list[str]] = defaultdict(list)
        for art, attr, key in conn.execute(select(S.co_speakers.c.article_id, S.co_speakers.c.attr_id,
                                                  S.co_speakers.c.key)
                                           .order_by(S.co_speakers.c.article_id, S.co_speakers.c.attr_id,
                                                     S.co_speakers.c.position)):
            co_keys[(art, attr)].append(alias_entity.get(key, key))
        A, R = S.attributions, S.articles
        rows = conn.execute(
            select(A.c.article_id, A.c.attr_id, A.c.kind, A.c.content_text, A.c.speaker_key, A.c.cue_text,
                   A.c.anonymous, R.c.publisher_key, R.c.publisher, R.c.published)
            .join(R, R.c.id == A.c.article_id)
            .order_by(A.c.article_id, A.c.seq).execution_options(yield_per=5000))
        for art, attr, kind, content, key, cue, anon, pkey, pub, published in rows:
            yield claims_mod.ClaimInput(
                article_id=shared(art), attr_id=shared(attr), kind=shared(kind or "indirect"), content=content,
                speaker=shared(alias_entity.get(key or "", key)), publisher_key=shared(pkey or ""),
                publisher=shared(pub), published=shared(published), cue=shared(cue),
                co_speakers=tuple(co_keys.get((art, attr), ())), anonymous=bool(anon))

    def merge_entities(self, a: str, b: str) -> tuple[str, str]:
        """Record that entity ``b`` is the same as ``a`` (by name, alias or id) and rebuild.

        The override is stored by alias key, so it survives re-ingest and rebuilds.
        Returns the two alias keys.  StoreError if either name is unknown.
        """
        ka, kb = self._alias_key_for(a), self._alias_key_for(b)
        self._add_override("merge", ka, kb)
        self.rebuild()
        return ka, kb

    def split_entity(self, name: str) -> str:
        """Record that the alias ``name`` is its own entity, not joined by any rule; rebuild."""
        k = self._alias_key_for(name)
        self._add_override("split", k, k)
        self.rebuild()
        return k

    def _add_override(self, action: str, a: str, b: str) -> None:
        with self._tx() as conn:
            exists = conn.execute(select(S.entity_overrides.c.id).where(and_(
                S.entity_overrides.c.action == action, S.entity_overrides.c.a == a,
                S.entity_overrides.c.b == b))).first()
            if not exists:
                conn.execute(insert(S.entity_overrides).values(action=action, a=a, b=b, created_at=_now()))

    def _alias_key_for(self, name_or_id: str) -> str:
        with self.engine.connect() as conn:
            ent = conn.execute(select(S.entities.c.name).where(S.entities.c.id == name_or_id)).first()
            key = name_key(split_title(ent[0] if ent else name_or_id)[1])
            if conn.execute(select(S.aliases.c.key).where(S.aliases.c.key == key)).first():
                return key
        raise StoreError(f"no entity or alias named {name_or_id!r} in the store (see `sayso entities`)")

    # -- reading ---------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        with self.engine.connect() as conn:
            return {t.name: int(conn.execute(select(func.count()).select_from(t)).scalar() or 0)
                    for t in reversed(S.TABLES)}

    def errors(self, limit: int = 100) -> list[dict[str, Any]]:
        """Inputs that could not be ingested: source, reason, first_seen, last_seen, attempts."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(S.errors).order_by(S.errors.c.id).limit(limit)).mappings().all()
        return [{k: r[k] for k in ("source", "reason", "first_seen", "last_seen", "attempts")} for r in rows]

    def find_entities(self, name_or_id: str) -> list[str]:
        """Entity ids matching an id, an alias (titles stripped), a surname or partial name, or
        another spelling of one (``names.spelling_variant``: "Zelenskiy" finds "Zelenskyy"), best first."""
        E, L = S.entities, S.aliases
        with self.engine.connect() as conn:
            if conn.execute(select(E.c.id).where(E.c.id == name_or_id)).first():
                return [name_or_id]
            key = name_key(split_title(name_or_id)[1])
            if not key:
                return []
            hit = conn.execute(select(L.c.entity_id).where(L.c.key == key)).scalar()
            if hit:
                return [hit]
            ranked = select(E.c.id, E.c.n_mentions).join(L, L.c.entity_id == E.c.id).distinct().order_by(
                E.c.n_mentions.desc(), E.c.id)
            # A surname or partial name: the entities with an alias that ends with it, most mentioned first.
            ids = list(conn.execute(ranked.where(L.c.key.like(f"% {_like_escape(key)}", escape="\\"))).scalars())
            if ids:
                return ids
            # Another spelling of the name (its last word): the same words before it, if any.
            *first, last = key.split()
            near = [k for k in conn.execute(select(L.c.key).where(spelt_like(L.c.key, last))).scalars()
                    if spelling_variant(k.split()[-1], last) and (not first or k.split()[:-1] == first)]
            if not near:
                return []
            return list(conn.execute(ranked.where(L.c.key.in_(near))).scalars())

    def search_quotes(self, *, speaker: str | None = None, publisher: str | None = None,
                      anonymous: bool | None = None, since: str | None = None, until: str | None = None,
                      contains: str | None = None, via: str | None = None, basis: str | None = None,
                      setting: str | None = None, limit: int = 50,
                      offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        """Attributions matching every filter given, newest first, and how many match in all.

        speaker: an entity id, a name (titles ignored) or a surname; publisher: a
        name or key ("breitbart", "The Washington Post"); anonymous: True for
        attributions resting on unnamed sources, False for the rest; since/until:
        ISO dates (inclusive); contains: words that must all occur in the content
        or source (full-text search: FTS5 on SQLite, tsvector on PostgreSQL);
        via: the first outlet the route passes through ("Axios"); basis: relayed,
        public, to_publisher or unknown; setting: the setting event's what ("phone
        call", words it contains) or "any" for statements made in any event.
        Each row: article_id, attr_id, publisher, published, title, url, speaker,
        entity_id, entity_name, source, source_kind, anonymous, anonymous_count,
        cue, content, kind, hedges, chain, basis, provenance_rule, via, setting,
        setting_what, claim_id.
        """
        A, R, L, E, M = S.attributions, S.articles, S.aliases, S.entities, S.claim_members
        conds: list[Any] = []
        if speaker:
            ids = self.find_entities(speaker)
            if ids:
                chosen = ids[:1] if len(ids) > 1 and ids[0] != speaker else ids
                conds.append(or_(L.c.entity_id.in_(chosen), _co_spoken_by(chosen)))
            else:
                pattern = _contains_pattern(fold(speaker))
                conds.append(or_(func.lower(A.c.speaker_name).like(pattern),
                                 _co_spoken_by(name_like=pattern)))
        if publisher:
            key = publisher_key(publisher)
            conds.append(or_(R.c.publisher_key == key,
                             func.lower(R.c.publisher).like(_contains_pattern(fold(publisher)))))
        if anonymous is not None:
            conds.append(A.c.anonymous.is_(anonymous))
        if since:
            conds.append(R.c.published >= since)
        if until:
            # Compare only as many characters as given: "2016-10" includes 2016-10-31T23:59.
            conds.append(func.substr(R.c.published, 1, len(until)) <= until)
        if contains:
            conds.append(self._fts_condition(contains))
        if via:
            conds.append(func.lower(A.c.via) == fold(via))
        if basis:
            conds.append(A.c.basis == basis)
        if setting:
            conds.append(A.c.setting.is_not(None) if setting == "any"
                         else func.lower(A.c.setting_what).like(_contains_pattern(fold(setting))))
        base = (select(A.c.article_id).select_from(A.join(R, R.c.id == A.c.article_id)
                                                   .outerjoin(L, L.c.key == A.c.speaker_key))
                .where(and_(true(), *conds)))
        cols = [A.c.article_id, A.c.attr_id, R.c.publisher, R.c.published, R.c.title, R.c.url,
                A.c.speaker_name.label("speaker"), L.c.entity_id, E.c.name.label("entity_name"),
                A.c.source_text.label("source"), A.c.source_kind, A.c.anonymous, A.c.anonymous_count,
                A.c.cue_text.label("cue"), A.c.content_text.label("content"), A.c.kind, A.c.hedges,
                A.c.chain, A.c.basis, A.c.provenance_rule, A.c.via, A.c.setting, A.c.setting_what,
                M.c.claim_id]
        q = (select(*cols).select_from(
            A.join(R, R.c.id == A.c.article_id).outerjoin(L, L.c.key == A.c.speaker_key)
            .outerjoin(E, E.c.id == L.c.entity_id)
            .outerjoin(M, and_(M.c.article_id == A.c.article_id, M.c.attr_id == A.c.attr_id)))
            .where(and_(true(), *conds))
            .order_by(R.c.published.desc().nulls_last(), R.c.id, A.c.seq).limit(limit).offset(offset))
        with self.engine.connect() as conn:
            total = int(conn.execute(select(func.count()).select_from(base.subquery())).scalar() or 0)
            rows = [dict(r) for r in conn.execute(q).mappings().all()]
            co = self._co_speaker_names(conn, rows)
        for r in rows:
            r["anonymous"] = bool(r["anonymous"])
            r["co_speakers"] = co.get((r["article_id"], r["attr_id"]), [])
        return rows, total

    @staticmethod
    def _co_speaker_names(conn: Connection, rows: list[dict[str, Any]]) -> dict[tuple[str, str], list[str]]:
        CO = S.co_speakers
        articles = sorted({r["article_id"] for r in rows})
        out: dict[tuple[str, str], list[str]] = defaultdict(list)
        if articles:
            for art, attr, name in conn.execute(select(CO.c.article_id, CO.c.attr_id, CO.c.name)
                                                .where(CO.c.article_id.in_(articles))
                                                .order_by(CO.c.article_id, CO.c.attr_id, CO.c.position)):
                out[(art, attr)].append(name)
        return out

    def _fts_condition(self, contains: str) -> Any:
        A = S.attributions
        # A NUL ends the FTS5 query string early in SQLite ("unterminated string") and PostgreSQL
        # text cannot hold one: it is never part of a word, so it separates words like a space.
        contains = contains.replace("\x00", " ")
        if self.dialect == "sqlite":
            terms = [t.replace('"', '""') for t in contains.split() if t.strip('"')]
            query = " ".join(f'"{t}"' for t in terms) or '""'
            sub = text("SELECT article_id || ':' || attr_id FROM attributions_fts "
                       "WHERE attributions_fts MATCH :q").bindparams(q=query)
            return (A.c.article_id + ":" + A.c.attr_id).in_(sub)
        if self.dialect == "postgresql":
            return text("attributions.content_tsv @@ plainto_tsquery('english', :q)").bindparams(q=contains)
        like = f"%{contains.lower()}%"
        return or_(func.lower(A.c.content_text).like(like), func.lower(A.c.source_text).like(like))

    def article(self, article_id: str) -> tuple[dict[str, Any], str, ArticleReport] | None:
        """``(meta, text, report)`` of one article, or None.  meta: id, url, publisher, published,
        title, author, source, source_id, content_hash, ingested_at."""
        R = S.articles
        with self.engine.connect() as conn:
            row = conn.execute(select(R).where(R.c.id == article_id)).mappings().first()
        if row is None:
            return None
        meta = {k: row[k] for k in ("id", "url", "publisher", "published", "title", "author", "source",
                                    "source_id", "content_hash", "ingested_at")}
        return meta, row["text"], ArticleReport.from_dict(row["report"])

    def articles(self, *, publisher: str | None = None, limit: int = 50,
                 offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        """Stored articles (id, url, publisher, published, title, n_attributions), newest first."""
        R = S.articles
        cond = R.c.publisher_key == publisher_key(publisher) if publisher else true()
        with self.engine.connect() as conn:
            total = int(conn.execute(select(func.count()).select_from(R).where(cond)).scalar() or 0)
            rows = conn.execute(
                select(R.c.id, R.c.url, R.c.publisher, R.c.published, R.c.title, R.c.n_attributions)
                .where(cond).order_by(R.c.published.desc().nulls_last(), R.c.id)
                .limit(limit).offset(offset)).mappings().all()
        return [dict(r) for r in rows], total

    def iter_articles(self, batch: int = 200) -> Iterator[tuple[dict[str, Any], str, ArticleReport]]:
        """Every article as ``(meta, text, report)``, in id order (for exports)."""
        last = ""
        while True:
            with self.engine.connect() as conn:
                ids = conn.execute(select(S.articles.c.id).where(S.articles.c.id > last)
                                   .order_by(S.articles.c.id).limit(batch)).scalars().all()
            if not ids:
                return
            for i in ids:
                got = self.article(i)
                if got:
                    yield got
            last = ids[-1]

    def list_entities(self, *, query: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
        """Entities (id, name, type, n_mentions, n_articles, aliases), most mentioned first."""
        E, L = S.entities, S.aliases
        q = select(E).order_by(E.c.n_mentions.desc(), E.c.id).limit(limit)
        if query:
            q = q.where(func.lower(E.c.name).like(_contains_pattern(fold(query))))
        with self.engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(q).mappings().all()]
            al = defaultdict(list)
            if rows:
                for k, e, n, rule in conn.execute(select(L.c.key, L.c.entity_id, L.c.name, L.c.rule)
                                                  .where(L.c.entity_id.in_([r["id"] for r in rows]))
                                                  .order_by(L.c.key)):
                    al[e].append({"key": k, "name": n, "rule": rule})
        for r in rows:
            r["aliases"] = al[r["id"]]
        return rows

    def entity_profile(self, name_or_id: str) -> dict[str, Any] | None:
        """Everything the corpus says by and about one entity, or None if unknown.

        Keys: entity (id, name, type, titles over time, n_mentions, n_articles),
        aliases (key, name, rule), statements (total, on_record, via_unnamed,
        by_outlet [{publisher, count, via_unnamed}], by_month [{month, count}],
        recent [quote rows]), about (total, recent [quote rows]: attributions
        by others whose content names the entity).
        """
        ids = self.find_entities(name_or_id)
        if not ids:
            return None
        eid = ids[0]
        E, L, A, R = S.entities, S.aliases, S.attributions, S.articles
        with self.engine.connect() as conn:
            ent = dict(conn.execute(select(E).where(E.c.id == eid)).mappings().one())
            aliases = [dict(r) for r in conn.execute(select(L.c.key, L.c.name, L.c.rule)
                                                    .where(L.c.entity_id == eid).order_by(L.c.key))
                       .mappings()]
            # Its statements: those whose speaker is one of its aliases, and those it made together
            # with others ("Grassley and Leahy said"), each once; counted by GROUP BY in the database.
            CO = S.co_speakers
            own_keys = select(L.c.key).where(L.c.entity_id == eid)
            statements = union_all(
                select(R.c.publisher, R.c.published, A.c.anonymous)
                .select_from(A.join(R, R.c.id == A.c.article_id))
                .where(A.c.speaker_key.in_(own_keys)),
                select(R.c.publisher, R.c.published, A.c.anonymous)
                .select_from(CO.join(A, and_(A.c.article_id == CO.c.article_id, A.c.attr_id == CO.c.attr_id))
                             .join(R, R.c.id == A.c.article_id))
                .where(and_(CO.c.key.in_(own_keys),
                            or_(A.c.speaker_key.is_(None), A.c.speaker_key.not_in(own_keys)))),
            ).subquery()
            n_anon = func.coalesce(func.sum(case((statements.c.anonymous.is_(True), 1), else_=0)), 0)
            outlet = func.coalesce(func.nullif(statements.c.publisher, ""), "(unknown)")
            month = func.coalesce(func.substr(statements.c.published, 1, 7), "")
            per_outlet = conn.execute(select(outlet, func.count(), n_anon).group_by(outlet)).all()
            per_month = conn.execute(select(month, func.count()).group_by(month)).all()
        total = sum(int(n) for _, n, _ in per_outlet)
        via = sum(int(an) for _, _, an in per_outlet)
        by_outlet = sorted(((p, int(n), int(an)) for p, n, an in per_outlet), key=lambda r: (-r[1], r[0]))
        by_month = sorted((m or "(undated)", int(n)) for m, n in per_month)
        recent, _ = self.search_quotes(speaker=eid, limit=10)
        about_terms = sorted({a["name"] for a in aliases if len(a["key"]) > 3}, key=len, reverse=True)[:5]
        about_rows: list[dict[str, Any]] = []
        about_total = 0
        if about_terms:
            cond = or_(*[func.lower(A.c.content_text).like(_contains_pattern(fold(t))) for t in about_terms])
            not_self = or_(L.c.entity_id.is_(None), L.c.entity_id != eid)
            with self.engine.connect() as conn:
                base = (A.join(R, R.c.id == A.c.article_id).outerjoin(L, L.c.key == A.c.speaker_key))
                about_total = int(conn.execute(select(func.count()).select_from(base)
                                               .where(and_(cond, not_self))).scalar() or 0)
                about_rows = [dict(r) for r in conn.execute(
                    select(A.c.article_id, A.c.attr_id, R.c.publisher, R.c.published,
                           A.c.speaker_name.label("speaker"), A.c.source_text.label("source"),
                           A.c.content_text.label("content"), A.c.anonymous)
                    .select_from(base).where(and_(cond, not_self))
                    .order_by(R.c.published.desc().nulls_last(), A.c.article_id, A.c.seq).limit(10))
                    .mappings()]
        return {
            "entity": ent, "aliases": aliases,
            "statements": {
                "total": total, "on_record": total - via, "via_unnamed": via,
                "by_outlet": [{"publisher": p, "count": n, "via_unnamed": an} for p, n, an in by_outlet],
                "by_month": [{"month": m, "count": n} for m, n in by_month],
                "recent": recent,
            },
            "about": {"total": about_total, "recent": about_rows},
        }

    def outlets(self) -> list[dict[str, Any]]:
        """Every publisher: key, name, articles, attributions, anonymous, anonymous_share."""
        R, A = S.articles, S.attributions
        with self.engine.connect() as conn:
            arts = conn.execute(select(R.c.publisher_key, func.min(R.c.publisher), func.count())
                                .group_by(R.c.publisher_key)).all()
            att = {k: (n, an) for k, n, an in conn.execute(
                select(R.c.publisher_key, func.count(), func.sum(case((A.c.anonymous.is_(True), 1), else_=0)))
                .select_from(A.join(R, R.c.id == A.c.article_id)).group_by(R.c.publisher_key)).all()}
        out = []
        for key, name, n in arts:
            na, anon = att.get(key, (0, 0))
            anon = int(anon or 0)
            out.append({"key": key, "name": name, "articles": n, "attributions": na, "anonymous": anon,
                        "anonymous_share": round(anon / na, 4) if na else 0.0})
        return sorted(out, key=lambda o: (-o["anonymous_share"], str(o["key"])))

    def outlet_profile(self, name: str) -> dict[str, Any] | None:
        """One publisher's sourcing, or None if it has no articles in the store.

        Keys: key, name, articles, attributions, anonymous, anonymous_share,
        by_source_kind [{source_kind, count}], top_speakers [{entity_id, name,
        count}], relays [{name, count}] (outlets and documents it cites),
        first_reports (claims it carried before any other outlet), period (first, last date).
        """
        key = publisher_key(name)
        R, A, L, E = S.articles, S.attributions, S.aliases, S.entities
        with self.engine.connect() as conn:
            cond = R.c.publisher_key == key
            n_art = int(conn.execute(select(func.count()).select_from(R).where(cond)).scalar() or 0)
            if not n_art:
                like = f"%{fold(name)}%"
                key = conn.execute(select(R.c.publisher_key).where(func.lower(R.c.publisher).like(like))
                                   .limit(1)).scalar()
                if key is None:
                    return None
                cond = R.c.publisher_key == key
                n_art = int(conn.execute(select(func.count()).select_from(R).where(cond)).scalar() or 0)
            pub_name, first, last = conn.execute(select(func.min(R.c.publisher), func.min(R.c.published),
                                                        func.max(R.c.published)).where(cond)).one()
            join = A.join(R, R.c.id == A.c.article_id)
            kinds = conn.execute(select(A.c.source_kind, func.count()).select_from(join).where(cond)
                                 .group_by(A.c.source_kind).order_by(func.count().desc(), A.c.source_kind)
                                 ).all()
            n_attr = sum(int(c) for _, c in kinds)
            n_anon = int(conn.execute(select(func.count()).select_from(join)
                                      .where(and_(cond, A.c.anonymous.is_(True)))).scalar() or 0)
            # Who is quoted: speakers and the co-speakers named with them ("Grassley and Leahy said").
            voices: Counter[str] = Counter()
            names: dict[str, str] = {}
            for key_col, frm in ((A.c.speaker_key, join),
                                 (S.co_speakers.c.key, join.join(S.co_speakers, and_(
                                     S.co_speakers.c.article_id == A.c.article_id,
                                     S.co_speakers.c.attr_id == A.c.attr_id)))):
                for eid, ename, n in conn.execute(
                        select(L.c.entity_id, func.min(E.c.name), func.count())
                        .select_from(frm.join(L, L.c.key == key_col).join(E, E.c.id == L.c.entity_id))
                        .where(and_(cond, E.c.type == CorpusType.PERSON.value)).group_by(L.c.entity_id)).all():
                    voices[eid] += int(n)
                    names[eid] = ename
            ranked = sorted(voices.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
            speakers = [(i, names[i], c) for i, c in ranked]
            relay_rows = conn.execute(
                select(A.c.source_kind, A.c.speaker_name, A.c.source_text, A.c.citing).select_from(join)
                .where(cond)).all()
            # Claims it carried before any other outlet (a claim only it repeated does not count).
            firsts = int(conn.execute(select(func.count()).select_from(S.claims).where(and_(
                S.claims.c.first_publisher == pub_name, S.claims.c.n_outlets >= 2))).scalar() or 0)
        relayed_kinds = (SourceKind.OUTLET, SourceKind.DOCUMENT)
        relays: Counter[str] = Counter()
        for kind, spk, src, citing in relay_rows:
            names = [c.get("text") for c in (citing or []) if c.get("source_kind") in relayed_kinds]
            if kind in relayed_kinds:
                names.append(spk or src)
            for n in names:
                if n:
                    f = fold(n)
                    relays[outlets().get(f) or outlets().get(f.removeprefix("the ")) or n] += 1
        return {
            "key": key, "name": pub_name, "articles": n_art, "attributions": n_attr, "anonymous": n_anon,
            "anonymous_share": round(n_anon / n_attr, 4) if n_attr else 0.0,
            "by_source_kind": [{"source_kind": k, "count": int(c)} for k, c in kinds],
            "top_speakers": [{"entity_id": i, "name": n, "count": int(c)} for i, n, c in speakers],
            "relays": [{"name": n, "count": c} for n, c in relays.most_common(10)],
            "first_reports": firsts, "period": {"first": first, "last": last},
        }

    def claims(self, *, min_outlets: int = 2, speaker: str | None = None,
               limit: int | None = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Claims carried by at least ``min_outlets`` publishers, most widely carried first
        (``limit=None``: every one).

        ``speaker`` keeps the claims whose statements it made, alone or as one of several
        people a source names ("Grassley and Leahy said").

        Each: id, text, kind (quote|paraphrase), speaker_entity_id, first
        {article_id, publisher, published}, n_articles, n_outlets, rule, and
        members [{article_id, attr_id, publisher, published, title, source,
        content, chain, score}] earliest first (members after the first relayed it).
        """
        C, M, A, R = S.claims, S.claim_members, S.attributions, S.articles
        q = select(C).where(C.c.n_outlets >= min_outlets)
        if speaker:
            chosen = self.find_entities(speaker)[:1] or ["-"]
            # A claim is also the speaker's when one of its statements names them as a co-speaker.
            voiced = select(M.c.claim_id).select_from(
                M.join(A, and_(A.c.article_id == M.c.article_id, A.c.attr_id == M.c.attr_id))).where(or_(
                    A.c.speaker_key.in_(select(S.aliases.c.key).where(S.aliases.c.entity_id.in_(chosen))),
                    _co_spoken_by(chosen)))
            q = q.where(or_(C.c.speaker_entity_id.in_(chosen), C.c.id.in_(voiced)))
        q = q.order_by(C.c.n_outlets.desc(), C.c.n_articles.desc(), C.c.first_published, C.c.id)
        with self.engine.connect() as conn:
            claims = [dict(r) for r in conn.execute(q.limit(limit).offset(offset) if limit is not None else q.offset(offset)).mappings()]
            members: dict[str, list[dict[str, Any]]] = defaultdict(list)
            # In chunks: every claim of a large store is more ids than SQLite takes in one statement.
            for chunk in iter_chunks([c["id"] for c in claims], 500):
                rows = conn.execute(
                    select(M.c.claim_id, M.c.article_id, M.c.attr_id, M.c.score, M.c.stance, R.c.publisher,
                           R.c.published, R.c.title, A.c.source_text.label("source"),
                           A.c.content_text.label("content"), A.c.chain, A.c.anonymous)
                    .select_from(M.join(A, and_(A.c.article_id == M.c.article_id, A.c.attr_id == M.c.attr_id))
                                 .join(R, R.c.id == M.c.article_id))
                    .where(M.c.claim_id.in_(list(chunk)))
                    # Never by publisher: a same-day tie is no order of the outlets' names.
                    .order_by(R.c.published.nulls_last(), M.c.article_id, M.c.attr_id)
                ).mappings()
                for r in rows:
                    members[r["claim_id"]].append({k: r[k] for k in r if k != "claim_id"})
        for c in claims:
            c["first"] = {"article_id": c.pop("first_article_id"), "attr_id": c.pop("first_attr_id"),
                          "publisher": c.pop("first_publisher"), "published": c.pop("first_published")}
            c["first_tied"] = (c.get("first_tied") or "").split()
            c["members"] = members[c["id"]]
        return claims

    def stories(self, *, limit: int = 50) -> list[dict[str, Any]]:
        """Stories: articles joined by the claims they share or the events they report
        (``sayso.corpus.stories``), largest first."""
        return copy.deepcopy(self.all_stories()[:limit])

    def all_stories(self) -> list[dict[str, Any]]:
        """Every story, largest first, computed once for each generation of the derived rows
        (another process's ingest writes a new one, so a long-running server never shows stale
        stories).  Shared and read-only: change a copy (``stories``, ``story``), never these."""
        generation = self._derived_generation()
        cached = self._stories
        if generation is not None and cached is not None and cached[0] == generation:
            return cached[1]
        every = self._group_stories()
        if generation is not None:
            self._stories = (generation, every)
        return every

    def _group_stories(self) -> list[dict[str, Any]]:
        from sayso.corpus.stories import group_stories

        claims = self.claims(min_outlets=0, limit=None)  # every claim: a story may take any
        carrying = sorted({m["article_id"] for c in claims for m in c["members"]})
        events: dict[str, list[dict[str, Any]]] = {}
        with self.engine.connect() as conn:
            for n in range(0, len(carrying), 500):
                # Only the reports' events, taken out by the database: the whole reports of 100,000
                # articles are gigabytes of JSON to read and parse.
                rows = conn.execute(select(S.articles.c.id, S.articles.c.report["events"])
                                    .where(S.articles.c.id.in_(carrying[n:n + 500]))).all()
                events.update({r[0]: r[1] or [] for r in rows})
        return group_stories(claims, events)

    def story(self, story_id: str) -> dict[str, Any] | None:
        """One story with its timeline, or None."""
        found = next((s for s in self.all_stories() if s["id"] == story_id), None)
        return copy.deepcopy(found)


def mark_derived(conn: Connection, fingerprint: str) -> None:
    """Record that the derived rows were just written from ``fingerprint``, with a new generation
    token (what cached stories are checked against)."""
    conn.execute(delete(S.store_meta).where(S.store_meta.c.key.in_(("derived_from", "derived_generation"))))
    conn.execute(insert(S.store_meta), [{"key": "derived_from", "value": fingerprint},
                                        {"key": "derived_generation", "value": uuid.uuid4().hex}])


def _like_escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def spelt_like(column: Any, word: str, slack: int = 1) -> Any:
    """A condition on a name-key column: its last word starts with ``word``'s letter and is within
    ``slack`` letters of its length (the candidates ``spelling_variant`` and the fuzzy surname
    rules can accept; the caller checks them).  One LIKE per length, so the database filters."""
    first = _like_escape(word[:1])
    lengths = range(max(1, len(word) - slack), len(word) + slack + 1)
    return or_(*(cond for n in lengths for cond in (
        column.like(first + "_" * (n - 1), escape="\\"),
        column.like("% " + first + "_" * (n - 1), escape="\\"))))


def _no_nul(value: str | None) -> str | None:
    return value.replace("\x00", "") if isinstance(value, str) else value


#: SQLite refuses LIKE patterns over 50,000 bytes ("LIKE or GLOB pattern too complex"): a stored
#: 100 KB publisher name made its outlet page fail.  10,000 characters is at most 40,000 bytes.
MAX_LIKE_CHARS = 10_000


def _contains_pattern(needle: str) -> str:
    """A LIKE pattern for "contains ``needle``", cut to a length every backend accepts."""
    return f"%{needle[:MAX_LIKE_CHARS]}%"


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        # WAL: readers never block the ingest's writer; NORMAL sync is safe against a
        # killed process (only a power cut can lose the last commits).
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()


def open_store(url: str | os.PathLike[str] | None = None, *, migrate: bool = True) -> Store:
    """Open (creating and migrating if needed) the store at ``url``.

    ``url``: ``sqlite:///path.db``, ``postgresql://user@host/db``, or a plain
    path to an SQLite file; None means ``$SAYSO_DB`` or ``sqlite:///sayso.db``.
    Raises StoreError when the database cannot be reached or migrated.
    """
    u = normalise_url(url)
    try:
        if u.startswith("sqlite"):
            path = u.split(":///", 1)[1] if ":///" in u else ""
            if path and path != ":memory:":
                parent = os.path.dirname(os.path.abspath(path))
                if not os.path.isdir(parent):
                    raise StoreError(f"cannot create the store {path}: folder {parent} does not exist")
            engine = create_engine(u)
            _configure_sqlite(engine)
        else:
            engine = create_engine(u, pool_pre_ping=True)
        store = Store(engine)
        if migrate:
            store.migrate()
        return store
    except StoreError:
        raise
    except (SQLAlchemyError, ImportError, ValueError) as e:
        detail = getattr(e, "orig", None) or e
        raise StoreError(f"cannot open the store {u.split('@')[-1]}: {str(detail).strip().splitlines()[0]}") from None


def iter_chunks(seq: Sequence[Any], n: int) -> Iterable[Sequence[Any]]:
    for i in range(0, len(seq), n):
        yield seq[i:i + n]
