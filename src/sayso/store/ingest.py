"""The ingest loop: items in, analysed, stored one article per transaction, then the corpus rebuilt.

Resumable by construction: an article is stored with all its rows in one
transaction keyed by its content hash, so a run killed at any moment leaves
only whole articles, and the next run skips them and does the rest.  The
corpus-wide rows (entities, claims) are recomputed in one transaction at the
end of every run, so they always match the articles stored.

One article at a time (a save from the web, a corrected date) uses
``update_derived``: the same derivation, but only the rows it changes are
written, so a save touches the new article's entities and claims and leaves
the rest of the corpus's rows alone.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import sayso  # sayso.analyze_many loads the pipeline (spaCy) on first use, not at import
from sayso.corpus import claims as claims_mod
from sayso.errors import InputError
from sayso.ingest.files import InputItem
from sayso.inputs import DEFAULT_MAX_CHARS, DEFAULT_MODE, Article, validate_text
from sayso.records import ArticleReport
from sayso.store import schema as S
from sayso.store.core import ArticleInfo, Store, content_hash, mark_derived

#: Called after each input with (done, total or None, outcome) where outcome is
#: "ingested", "duplicate" or "failed".
Progress = Callable[[int, "int | None", str], None]


@dataclass(slots=True)
class IngestSummary:
    ingested: int = 0
    duplicates: int = 0
    failed: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    rebuilt: dict[str, int] = field(default_factory=dict)

    @property
    def seen(self) -> int:
        return self.ingested + self.duplicates + self.failed

    def rate(self) -> float:
        """Articles analysed and stored per second of wall time."""
        return self.ingested / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"ingested": self.ingested, "duplicates": self.duplicates, "failed": self.failed,
                "failures": [{"source": s, "reason": r} for s, r in self.failures],
                "seconds": round(self.seconds, 2), "articles_per_second": round(self.rate(), 2),
                "rebuilt": self.rebuilt}


def _info(item: InputItem) -> ArticleInfo:
    return ArticleInfo(source=item.source, source_id=item.source_id, url=item.url, publisher=item.publisher,
                       published=item.published, title=item.title, author=item.author)


def _chunks(items: Iterable[InputItem], n: int) -> Iterator[list[InputItem]]:
    chunk: list[InputItem] = []
    for it in items:
        chunk.append(it)
        if len(chunk) >= n:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def ingest_items(store: Store, items: Iterable[InputItem], *, total: int | None = None,
                 batch_size: int = 16, max_chars: int = DEFAULT_MAX_CHARS, rebuild: bool = True,
                 progress: Progress | None = None, mode: str = DEFAULT_MODE) -> IngestSummary:
    """Analyse and store every item; failures are recorded in the store, never raised."""
    summary = IngestSummary()
    start = time.perf_counter()
    seen_hashes: set[str] = set()
    done = 0

    def tick(outcome: str) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total, outcome)

    def fail(item: InputItem, reason: str) -> None:
        store.record_error(item.source, reason, item.input_hash)
        summary.failed += 1
        summary.failures.append((item.source, reason))
        tick("failed")

    def store_one(item: InputItem, report: ArticleReport) -> None:
        assert item.text is not None
        if store.ingest_report(_info(item), item.text, report) is None:
            summary.duplicates += 1
            tick("duplicate")
        else:
            summary.ingested += 1
            tick("ingested")

    def pending(chunk: list[InputItem]) -> list[InputItem]:
        keep = []
        for item in chunk:
            if item.error is not None or item.text is None:
                fail(item, item.error or f"{item.source}: no text")
                continue
            try:
                validate_text(item.text, max_chars)
            except InputError as e:
                fail(item, f"{item.source}: {e}")
                continue
            h = content_hash(item.text)
            if h in seen_hashes or store.find_article(h, item.url):
                summary.duplicates += 1
                tick("duplicate")
                continue
            seen_hashes.add(h)
            keep.append(item)
        return keep

    for chunk in _chunks(items, batch_size):
        todo = pending(chunk)
        if not todo:
            continue
        arts = [Article(i.text or "", i.publisher, i.published, i.title) for i in todo]
        try:
            reports = list(sayso.analyze_many(arts, batch_size=batch_size, max_chars=max_chars, mode=mode))
        except Exception:  # noqa: BLE001 - isolate the article that broke the batch, below
            reports = []
        if len(reports) == len(todo):
            for item, report in zip(todo, reports):
                store_one(item, report)
            continue
        # Something in the batch failed: analyse one by one so only the culprit is lost.
        for item, art in zip(todo, arts):
            try:
                report = next(sayso.analyze_many([art], max_chars=max_chars, mode=mode))
            except Exception as e:  # noqa: BLE001 - a bad article is data: record it, go on
                fail(item, f"{item.source}: analysis failed ({type(e).__name__}: {e})")
                continue
            store_one(item, report)

    if rebuild:
        summary.rebuilt = store.rebuild()
    summary.seconds = time.perf_counter() - start
    return summary


def ingest_reports(store: Store, pairs: Iterable[tuple[dict[str, Any], ArticleReport]], *,
                   rebuild: bool = True, progress: Progress | None = None) -> IngestSummary:
    """Store reports analysed elsewhere (``sayso batch``'s Parquet dataset), no analysis here."""
    summary = IngestSummary()
    start = time.perf_counter()
    for n, (meta, report) in enumerate(pairs, 1):
        text = meta.get("text")
        source = str(meta.get("source") or meta.get("id") or f"record {n}")
        if not isinstance(text, str) or not text.strip():
            store.record_error(source, f"{source}: the record has no text")
            summary.failed += 1
            summary.failures.append((source, "the record has no text"))
            outcome = "failed"
        else:
            info = ArticleInfo(source=source, source_id=meta.get("id"), url=meta.get("url") or None,
                               publisher=meta.get("publisher"), published=meta.get("published"),
                               title=meta.get("title"), author=meta.get("author"))
            if store.ingest_report(info, text, report) is None:
                summary.duplicates += 1
                outcome = "duplicate"
            else:
                summary.ingested += 1
                outcome = "ingested"
        if progress:
            progress(n, None, outcome)
    if rebuild:
        summary.rebuilt = store.rebuild()
    summary.seconds = time.perf_counter() - start
    return summary


def _write_changes(conn: Any, table: Any, key_cols: tuple[str, ...], wanted: list[dict[str, Any]],
                   scope: Any = None) -> int:
    """Make ``table``'s rows (those ``scope`` selects, all when None) equal ``wanted``, writing only
    the rows that differ; returns how many were inserted, updated or deleted."""
    from sqlalchemy import and_, delete, insert, select, update

    cols = [c.name for c in table.columns]
    new = {tuple(r[k] for k in key_cols): {c: r.get(c) for c in cols} for r in wanted}
    q = select(*table.columns)
    old = {tuple(r[k] for k in key_cols): dict(r)
           for r in conn.execute(q if scope is None else q.where(scope)).mappings()}

    def where(key: tuple[Any, ...]) -> Any:
        return and_(*(table.c[k] == v for k, v in zip(key_cols, key)))

    gone = [k for k in old if k not in new]
    changed = [k for k in new if k in old and old[k] != new[k]]
    added = [new[k] for k in new if k not in old]
    for k in gone:
        conn.execute(delete(table).where(where(k)))
    for k in changed:
        conn.execute(update(table).where(where(k)).values(**new[k]))
    if added:
        conn.execute(insert(table), added)
    return len(gone) + len(changed) + len(added)


#: ``update_derived``'s default: group claims the way the store last did (see there).
AS_LAST_DERIVED = object()


def update_derived(store: Store, *, articles: Iterable[str] | None = None,
                   paraphrase_threshold: float = claims_mod.DEFAULT_THRESHOLD,
                   embedder: claims_mod.Embedder | None | object = AS_LAST_DERIVED,
                   reach: dict[str, int] | None = None) -> dict[str, int]:
    """Bring entities and claims up to date after a few articles changed, writing only what differs.

    ``articles``: the ids of the articles added or corrected since the derived rows were last
    current.  Their people are then matched against the stored entities in SQL (by alias key,
    surname and spelling: ``Store.affected_entities``), and only those entities are resolved
    again and rewritten; the rest of the corpus's entities are neither read nor written.
    Without ``articles``, or when the store was not current before them, every entity is
    derived again (``Store.derive``).  Claims are always grouped over the whole corpus:
    ``sayso.corpus.claims`` joins quotes across any dates, so no date window bounds what one
    article can touch.  The result is ``store.rebuild()``'s (tests/corpus/test_incremental_derived.py
    compares them row for row).  Returns the rows written (inserted, updated or deleted) per
    table.  ``reach``, when given, is filled with what the entity step read: ``mentions_read``,
    ``aliases_resolved`` and ``incremental`` (1 when only the affected entities were resolved).
    ``embedder``: by default the way the store's claims were last grouped (with sentence
    embeddings when ``sayso ingest`` used them, else the lexical rule), so a web save or a
    metadata correction never flips the claims between the two rules.
    """
    from sqlalchemy import text

    if embedder is AS_LAST_DERIVED:
        embedder = claims_mod.shared_embedder() if store.derived_with_embeddings() else None

    fingerprint = store._fingerprint(paraphrase_threshold, embedder)
    changed = sorted(set(articles or ()))
    written: dict[str, int] = {}
    with store._tx() as conn:
        if store.dialect == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(4243)"))  # the lock ``rebuild`` takes
        local = store.derive_entities_for(conn, changed, paraphrase_threshold, embedder) if changed else None
        if local is None:
            resolution = store.derive_entities(conn)
            written["entities"] = _write_changes(conn, S.entities, ("id",),
                                                 [e.row() for e in resolution.entities])
            written["aliases"] = _write_changes(conn, S.aliases, ("key",), resolution.aliases)
            read = (resolution.rows_read, len(resolution.aliases), 0)
        else:
            written["entities"] = _write_changes(conn, S.entities, ("id",),
                                                 [e.row() for e in local.resolution.entities],
                                                 S.entities.c.id.in_(local.entity_ids))
            written["aliases"] = _write_changes(conn, S.aliases, ("key",), local.resolution.aliases,
                                                S.aliases.c.key.in_(local.keys))
            read = (local.resolution.rows_read, len(local.keys), 1)
        if reach is not None:
            reach.update(zip(("mentions_read", "aliases_resolved", "incremental"), read))
        found = store.derive_claims(conn, store.alias_entities(conn), paraphrase_threshold, embedder)
        written["claims"] = _write_changes(conn, S.claims, ("id",), [c.row() for c in found])
        written["claim_members"] = _write_changes(conn, S.claim_members, ("article_id", "attr_id"),
                                                  [m for c in found for m in c.member_rows()])
        mark_derived(conn, fingerprint)
    return written
