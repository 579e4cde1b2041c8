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

from sayso.corpus import claims as claims_mod
from sayso.errors import InputError
from sayso.ingest.files import InputItem
from sayso.pipeline import DEFAULT_MAX_CHARS, DEFAULT_MODE, Article, analyze_many, validate_text
from sayso.records import ArticleReport
from sayso.store import schema as S
from sayso.store.core import ArticleInfo, Store, content_hash

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
            reports = list(analyze_many(arts, batch_size=batch_size, max_chars=max_chars, mode=mode))
        except Exception:  # noqa: BLE001 - isolate the article that broke the batch, below
            reports = []
        if len(reports) == len(todo):
            for item, report in zip(todo, reports):
                store_one(item, report)
            continue
        # Something in the batch failed: analyse one by one so only the culprit is lost.
        for item, art in zip(todo, arts):
            try:
                report = next(analyze_many([art], max_chars=max_chars, mode=mode))
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


#: The corpus-wide tables and the columns that are each row's identity.
_DERIVED_KEYS: tuple[tuple[Any, tuple[str, ...]], ...] = (
    (S.entities, ("id",)), (S.aliases, ("key",)), (S.claims, ("id",)),
    (S.claim_members, ("article_id", "attr_id")),
)


def update_derived(store: Store, *, paraphrase_threshold: float = claims_mod.DEFAULT_THRESHOLD,
                   embedder: claims_mod.Embedder | None = None) -> dict[str, int]:
    """Bring entities and claims up to date after a few articles changed, writing only what differs.

    The result is the same as ``store.rebuild()`` (the derivation is the
    same, deterministic one; tests/test_web_ingest.py compares them row for
    row), but a row that did not change is neither deleted nor rewritten.
    Returns the number of rows written (inserted, updated or deleted) per table.
    """
    from sqlalchemy import and_, delete, insert, select, text, update

    resolution, found, fingerprint = store.derive(paraphrase_threshold=paraphrase_threshold,
                                                  embedder=embedder)
    wanted = {
        "entities": [e.row() for e in resolution.entities], "aliases": resolution.aliases,
        "claims": [c.row() for c in found], "claim_members": [m for c in found for m in c.member_rows()],
    }
    written: dict[str, int] = {}
    with store._tx() as conn:
        if store.dialect == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(4243)"))  # the lock ``rebuild`` takes
        for table, key_cols in _DERIVED_KEYS:
            cols = [c.name for c in table.columns]
            new = {tuple(r[k] for k in key_cols): {c: r.get(c) for c in cols} for r in wanted[table.name]}
            old = {tuple(r[k] for k in key_cols): dict(r)
                   for r in conn.execute(select(*table.columns)).mappings()}

            def where(key: tuple[Any, ...], table: Any = table, key_cols: tuple[str, ...] = key_cols) -> Any:
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
            written[table.name] = len(gone) + len(changed) + len(added)
        conn.execute(delete(S.store_meta).where(S.store_meta.c.key == "derived_from"))
        conn.execute(insert(S.store_meta).values(key="derived_from", value=fingerprint))
    return written
