"""The store on SQLite and PostgreSQL: the same articles give the same answers on both."""

from __future__ import annotations

import pytest

from sayso.records import ArticleReport
from sayso.store import open_store
from sayso.store.core import ArticleInfo


def _fill(url: str, analysed: list) -> object:
    store = open_store(url)
    for meta, report in analysed:
        store.ingest_report(ArticleInfo(source=meta["url"], url=meta["url"], publisher=meta["publisher"],
                                        published=meta["published"], title=meta["title"]),
                            meta["text"], report)
    store.rebuild()
    return store


def test_migrations_are_recorded_once(db_url: str) -> None:
    from sayso.store.schema import SCHEMA_VERSION

    store = open_store(db_url)
    assert store.schema_version() == SCHEMA_VERSION == 5
    assert store.migrate() == []          # reopening applies nothing
    store.close()


def test_an_old_store_is_migrated_forward(db_url: str) -> None:
    from sqlalchemy import insert

    from sayso.store import schema as S
    from sayso.store.core import Store
    from sayso.store.core import open_store as _open

    store = _open(db_url, migrate=False)
    assert isinstance(store, Store)
    with store.engine.begin() as conn:          # a store as version 1 left it
        S.schema_migrations.create(conn)
        S.MIGRATIONS[0].apply(conn)
        conn.execute(insert(S.schema_migrations).values(version=1, name=S.MIGRATIONS[0].name,
                                                        applied_at="2026-01-01T00:00:00+00:00"))
    assert store.schema_version() == 1
    assert store.migrate() == [2, 3, 4, 5]
    assert store.schema_version() == 5 and store.counts()["store_meta"] == 0 == store.counts()["co_speakers"]
    store.close()


def test_rebuild_is_skipped_only_when_nothing_changed(db_url: str, analysed: list) -> None:
    store = _fill(db_url, analysed)
    assert store.is_current()
    store.merge_entities("Jane Doe", "Tom Lee")     # an override rebuilds and is current again
    assert store.is_current()
    meta, report = analysed[3]
    assert store.ingest_report(ArticleInfo(url="https://example.com/new"), meta["text"] + "\nMore.", report)
    assert not store.is_current()
    store.close()


def test_reingest_adds_nothing_and_reports_round_trip(db_url: str, analysed: list) -> None:
    store = _fill(db_url, analysed)
    before = store.counts()
    assert before["articles"] == 4
    assert before["attributions"] == sum(len(r.attributions) for _, r in analysed)
    meta, report = analysed[0]
    assert store.ingest_report(ArticleInfo(url=meta["url"]), meta["text"], report) is None
    # Same text under another URL is still the same article (content hash).
    assert store.ingest_report(ArticleInfo(url="https://example.com/other"), meta["text"], report) is None
    store.rebuild()
    assert store.counts() == before
    rows, _total = store.search_quotes(publisher="Axios")
    got = store.article(rows[0]["article_id"])
    assert got is not None
    m, text, rep = got
    assert text == meta["text"] and isinstance(rep, ArticleReport) and rep == report
    assert m["publisher"] == "Axios" and m["published"] == "2024-03-01"
    store.close()


def test_one_entity_for_three_spellings_with_titles(db_url: str, analysed: list) -> None:
    store = _fill(db_url, analysed)
    ids = {store.find_entities(n)[0] for n in
           ("Zelensky", "Volodymyr Zelenskyy", "Ukrainian President Volodymyr Zelensky")}
    assert len(ids) == 1
    prof = store.entity_profile("Zelensky")
    assert prof is not None
    assert prof["entity"]["name"] == "Volodymyr Zelensky"
    assert {a["key"] for a in prof["aliases"]} >= {"volodymyr zelensky", "volodymyr zelenskyy"}
    assert any(t["title"] == "Ukrainian President" and t["first"] == "2024-03-01"
               for t in prof["entity"]["titles"])
    by_outlet = {o["publisher"] for o in prof["statements"]["by_outlet"]}
    assert by_outlet == {"Axios", "The Daily Beast", "Reuters"}
    store.close()


def test_quote_carried_by_three_outlets_is_one_claim_first_in_axios(db_url: str, analysed: list) -> None:
    store = _fill(db_url, analysed)
    claims = store.claims(min_outlets=3)
    assert len(claims) == 1
    c = claims[0]
    assert "inch of our land" in c["text"]
    assert c["first"]["publisher"] == "Axios" and c["first"]["published"] == "2024-03-01"
    assert [m["publisher"] for m in c["members"]] == ["Axios", "The Daily Beast", "Reuters"]
    assert store.claims(min_outlets=4) == []
    store.close()


def test_a_claim_axios_broke_and_the_daily_beast_relayed(db_url: str, analysed: list) -> None:
    store = _fill(db_url, analysed)
    aid = [c for c in store.claims(min_outlets=2) if "aid package" in c["text"]]
    assert len(aid) == 1
    first, relay = aid[0]["members"]
    assert aid[0]["first"]["publisher"] == "Axios" and aid[0]["kind"] == "paraphrase"
    assert first["chain"][0] == "Axios" and "Four people familiar with the talks" in first["chain"]
    # The route of "Axios reported, citing four unnamed sources": the outlet is the speaker; the
    # sources it cites are on the routes of what its report says (docs/provenance.md).
    assert relay["chain"] == ["The Daily Beast", "Axios"]
    store.close()


def test_filters_and_full_text_search(db_url: str, analysed: list) -> None:
    store = _fill(db_url, analysed)
    rows, total = store.search_quotes(speaker="Zelensky")
    assert total >= 3 and all(r["entity_name"] == "Volodymyr Zelensky" for r in rows)
    rows, total = store.search_quotes(speaker="Zelensky", since="2024-03-02")
    assert {r["publisher"] for r in rows} == {"The Daily Beast", "Reuters"}
    rows, _ = store.search_quotes(speaker="Zelensky", until="2024-03-01")
    assert {r["publisher"] for r in rows} == {"Axios"}
    rows, total = store.search_quotes(contains="aid package")
    assert total >= 2 and all("aid package" in r["content"].lower() for r in rows)
    rows, total = store.search_quotes(contains="inch land", publisher="reuters")
    assert total == 1 and rows[0]["publisher"] == "Reuters"
    anon, _ = store.search_quotes(anonymous=True)
    assert anon and all(r["anonymous"] for r in anon)
    assert any("senior official" in (r["source"] or "") for r in anon)
    on_record, _ = store.search_quotes(anonymous=False)
    assert not any(r["anonymous"] for r in on_record)
    rows, total = store.search_quotes(speaker="Zelensky", limit=1, offset=1)
    assert len(rows) == 1 and total >= 3
    store.close()


def test_outlet_profile_anonymous_share(db_url: str, analysed: list) -> None:
    store = _fill(db_url, analysed)
    prof = store.outlet_profile("reuters")
    assert prof is not None and prof["articles"] == 1
    assert prof["anonymous"] >= 1
    assert prof["anonymous_share"] == pytest.approx(prof["anonymous"] / prof["attributions"], abs=1e-4)
    beast = store.outlet_profile("Daily Beast")
    assert beast is not None and any(r["name"] == "Axios" for r in beast["relays"])
    assert store.outlet_profile("No Such Gazette") is None
    axios = store.outlet_profile("axios")
    # Axios broke both claims others carried: the quote and the aid package.
    assert axios is not None and axios["first_reports"] == 2 and prof["first_reports"] == 0
    names = {o["name"] for o in store.outlets()}
    assert names == {"Axios", "The Daily Beast", "Reuters", "Breitbart"}
    store.close()


def test_manual_merge_and_split_survive_reingest(db_url: str, analysed: list) -> None:
    store = _fill(db_url, analysed)
    store.merge_entities("Jane Doe", "Tom Lee")
    assert store.find_entities("Tom Lee") == store.find_entities("Jane Doe")
    store.split_entity("Volodymyr Zelenskyy")
    assert store.find_entities("Volodymyr Zelenskyy") != store.find_entities("Volodymyr Zelensky")
    store.close()
    store = _fill(db_url, analysed)      # re-ingest: nothing new, derived rows recomputed
    assert store.find_entities("Tom Lee") == store.find_entities("Jane Doe")
    assert store.find_entities("Volodymyr Zelenskyy") != store.find_entities("Volodymyr Zelensky")
    with pytest.raises(Exception, match="no entity or alias"):
        store.merge_entities("Jane Doe", "Nobody At All")
    store.close()


def test_errors_are_recorded_once_per_input(db_url: str) -> None:
    store = open_store(db_url)
    store.record_error("feed.jsonl:3", "feed.jsonl:3: not valid JSON", "abc")
    store.record_error("feed.jsonl:3", "feed.jsonl:3: not valid JSON", "abc")
    errs = store.errors()
    assert len(errs) == 1 and errs[0]["attempts"] == 2
    store.close()
