"""One article at a time (a save from the web): only the changed derived rows are written, and the
result is the full rebuild's, row for row, on SQLite and PostgreSQL.  And the browsing queries'
aggregates (sayso.store.queries), computed in SQL, match the same sums done in Python."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from sayso.store import open_store
from sayso.store import schema as S
from sayso.store.core import ArticleInfo, Store
from sayso.store.ingest import update_derived
from sayso.store.queries import article_list, known_names, monthly_sourcing, set_article_meta


def _info(meta: dict[str, str]) -> ArticleInfo:
    return ArticleInfo(source=meta["url"], url=meta["url"], publisher=meta["publisher"],
                       published=meta["published"], title=meta["title"])


def _derived(store: Store) -> dict[str, list[dict[str, Any]]]:
    out = {}
    with store.engine.connect() as conn:
        for t in (S.entities, S.aliases, S.claims, S.claim_members):
            rows = [dict(r) for r in conn.execute(select(t)).mappings()]
            out[t.name] = sorted(rows, key=lambda r: repr(sorted(r.items())))
    return out


def _stored(db_url: str, analysed: list) -> Store:
    store = open_store(db_url)
    for meta, report in analysed:
        store.ingest_report(_info(meta), meta["text"], report)
    store.rebuild()
    return store


def test_one_new_article_updates_only_what_it_changes_and_equals_a_rebuild(db_url: str, analysed: list) -> None:
    *first, last = analysed
    store = _stored(db_url, first)
    before = _derived(store)
    new_id = store.ingest_report(_info(last[0]), last[0]["text"], last[1])
    reach: dict[str, int] = {}
    written = update_derived(store, articles=[new_id], reach=reach)
    assert reach["incremental"] == 1
    incremental = _derived(store)
    assert store.is_current()
    # Only the rows the new article touches were written, not every row again.
    total_rows = sum(len(v) for v in incremental.values())
    assert 0 < sum(written.values()) < total_rows
    assert incremental != before
    store.rebuild()
    assert _derived(store) == incremental
    # Nothing changed: nothing is written.
    assert sum(update_derived(store).values()) == 0
    store.close()


def test_a_corrected_publisher_updates_claims_like_a_rebuild(db_url: str, analysed: list) -> None:
    store = _stored(db_url, analysed)
    aid = article_list(store, publisher="Reuters")[0][0]["id"]
    set_article_meta(store, aid, publisher="Axios", published="2024-02-01", title="Moved")
    update_derived(store, articles=[aid])
    incremental = _derived(store)
    store.rebuild()
    assert _derived(store) == incremental
    assert article_list(store, publisher="Axios", order="oldest")[0][0]["id"] == aid
    store.close()


def test_monthly_sourcing_is_the_sum_of_the_attributions(db_url: str, analysed: list) -> None:
    store = _stored(db_url, analysed)
    for outlet in ("Axios", "Reuters", "The Daily Beast"):
        rows, _ = store.search_quotes(publisher=outlet, limit=10_000)
        by_month: dict[str, list[int]] = {}
        for r in rows:
            m = by_month.setdefault((r["published"] or "")[:7] or "(undated)", [0, 0])
            m[0] += 1
            m[1] += int(r["anonymous"])
        assert [(m["month"], m["attributions"], m["anonymous"]) for m in monthly_sourcing(store, outlet)] == [
            (k, v[0], v[1]) for k, v in sorted(by_month.items())]
    listed, n = article_list(store, order="newest")
    assert n == len(analysed) and [a["published"] for a in listed] == sorted(
        (a["published"] for a in listed), reverse=True)
    assert sum(a["anonymous"] for a in listed) == store.search_quotes(anonymous=True, limit=1)[1]
    assert known_names(store, {"Volodymyr Zelensky", "some", "critics"}) == {"Volodymyr Zelensky"}
    store.close()


def test_entity_profile_counts_are_the_sums_of_its_statements(db_url: str, analysed: list) -> None:
    """entity_profile's per-outlet and per-month counts (GROUP BY in the database) are what summing
    the entity's statements in Python gives."""
    store = _stored(db_url, analysed)
    for name in ("Zelensky", "Jane Doe"):
        profile = store.entity_profile(name)
        assert profile is not None
        rows, total = store.search_quotes(speaker=profile["entity"]["id"], limit=10_000)
        by_outlet: dict[str, list[int]] = {}
        by_month: dict[str, int] = {}
        for r in rows:
            o = by_outlet.setdefault(r["publisher"] or "(unknown)", [0, 0])
            o[0] += 1
            o[1] += int(r["anonymous"])
            month = (r["published"] or "")[:7] or "(undated)"
            by_month[month] = by_month.get(month, 0) + 1
        st = profile["statements"]
        assert st["total"] == total > 0 and st["via_unnamed"] == sum(o[1] for o in by_outlet.values())
        assert [(o["publisher"], o["count"], o["via_unnamed"]) for o in st["by_outlet"]] == sorted(
            ((p, c[0], c[1]) for p, c in by_outlet.items()), key=lambda r: (-r[1], r[0]))
        assert [(m["month"], m["count"]) for m in st["by_month"]] == sorted(by_month.items())
    store.close()


def _people_report(names: list[str]) -> Any:
    from sayso.records import ArticleReport

    return ArticleReport.from_dict({"text_length": 100, "attributions": [], "entities": [
        {"id": f"e{i}", "name": n, "type": "PERSON", "mentions": [{"text": n, "start": 0, "end": len(n)}]}
        for i, n in enumerate(names, 1)]})


def test_one_article_touches_a_bounded_number_of_entity_rows_whatever_the_corpus_size(db_url: str) -> None:
    """An ingest into a corpus of N articles resolves and writes only the entities its people can
    join (here: one new person and one known one), the same number at N = 10 and N = 40."""
    given = ["Alice", "Brian", "Carla", "Derek", "Elena", "Farid", "Grace", "Hiroshi"]
    family = ["Abbott", "Barros", "Castellanos", "Dubois", "Eriksen", "Fontaine", "Gallagher", "Haddad",
              "Ivanova", "Jablonski", "Kowalczyk", "Lindqvist", "Moreau", "Nakamura", "Okonkwo", "Petrov"]
    people = [f"{g} {f}" for f in family for g in given]   # 128 people, no two surnames alike
    reaches = []
    for n in (10, 40):
        store = open_store(db_url.replace("store.db", f"store{n}.db") if "sqlite" in db_url else db_url)
        from sqlalchemy import delete

        with store._tx() as conn:
            for t in S.TABLES:
                conn.execute(delete(t))
        for i in range(n):
            store.ingest_report(ArticleInfo(source=f"s{i}", published="2024-01-01"), f"article {i}",
                                _people_report(people[(3 * i) % len(people):(3 * i) % len(people) + 3]))
        store.rebuild()
        new_id = store.ingest_report(ArticleInfo(source="new", published="2024-01-02"), "the new one",
                                     _people_report(["Zora Quennell", people[0]]))
        reach: dict[str, int] = {}
        written = update_derived(store, articles=[new_id], reach=reach)
        reaches.append((reach, written["entities"], written["aliases"]))
        assert reach["incremental"] == 1
        assert store.find_entities("Zora Quennell") and store.entity_profile(people[0])["entity"]["n_articles"] == 2
        store.rebuild()
        assert sum(update_derived(store).values()) == 0   # the same rows a rebuild makes
        store.close()
    (small, e_small, a_small), (large, e_large, a_large) = reaches
    assert small == large and (e_small, a_small) == (e_large, a_large) == (2, 1)


def test_a_new_name_reaches_every_entity_a_rebuild_would_join_it_to(db_url: str) -> None:
    """Names found in PolNeAR where an update once missed what a rebuild joined: a bare surname
    close to a full name's across first letters ("Estrada", "Terry Strada"), and spellings."""
    store = open_store(db_url)
    corpus = [["Terry Strada", "John Abbott"], ["Volodymyr Zelensky", "Carla Moreau"], ["Zelenskyy"]]
    for i, names in enumerate(corpus):
        store.ingest_report(ArticleInfo(source=f"s{i}", published="2024-01-01"), f"text {i}", _people_report(names))
    store.rebuild()
    for i, names in enumerate((["Estrada"], ["Volodymyr Zelenskiy"], ["President Zelenskiy"]), len(corpus)):
        new_id = store.ingest_report(ArticleInfo(source=f"s{i}", published="2024-01-02"), f"text {i}",
                                     _people_report(names))
        reach: dict[str, int] = {}
        update_derived(store, articles=[new_id], reach=reach)
        assert reach["incremental"] == 1
        incremental = _derived(store)
        store.rebuild()
        assert _derived(store) == incremental, names
    store.close()


def test_a_save_groups_claims_the_way_the_store_last_did(db_url: str, analysed: list, monkeypatch) -> None:
    """A store ingested with sentence embeddings keeps them when one article is saved from the
    web: ``update_derived`` without an embedder uses the store's last way, so the claims never flip
    between the two rules (and the entities stay on the incremental path)."""
    import numpy as np

    from sayso.corpus import claims as claims_mod

    calls: list[int] = []

    def embed(texts: Any) -> Any:   # a stand-in for the MiniLM: one unit vector a text
        calls.append(len(texts))
        v = np.array([[float(len(t) % 7) + 1.0, float(len(t) % 5) + 1.0] for t in texts], dtype="float32")
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    monkeypatch.setattr(claims_mod, "shared_embedder", lambda: embed)
    *first, last = analysed
    store = open_store(db_url)
    for meta, report in first:
        store.ingest_report(_info(meta), meta["text"], report)
    store.rebuild(embedder=embed)
    assert store.derived_with_embeddings() and store.is_current(embedder=embed)
    calls.clear()
    new_id = store.ingest_report(_info(last[0]), last[0]["text"], last[1])
    reach: dict[str, int] = {}
    update_derived(store, articles=[new_id], reach=reach)
    assert calls, "the claims were grouped without the store's embeddings"
    assert reach["incremental"] == 1
    assert store.is_current(embedder=embed) and store.derived_with_embeddings()
    store.close()
