"""Exports: JSONL, CSV, Parquet (queried with DuckDB), brat round trip, W3C Web Annotation anchors."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from sayso.eval.corpus import parse_ann
from sayso.export import export
from sayso.records import ArticleReport
from sayso.store import open_store
from sayso.store.core import ArticleInfo


@pytest.fixture()
def store(tmp_path: Path, analysed: list):
    s = open_store(f"sqlite:///{tmp_path / 'x.db'}")
    for meta, report in analysed:
        s.ingest_report(ArticleInfo(url=meta["url"], publisher=meta["publisher"], published=meta["published"],
                                    title=meta["title"], source_id=meta["publisher"].replace(" ", "_")),
                        meta["text"], report)
    s.rebuild()
    yield s
    s.close()


def _n_attr(analysed: list) -> int:
    return sum(len(r.attributions) for _, r in analysed)


def test_jsonl_keeps_whole_reports(store, tmp_path: Path, analysed: list) -> None:
    out = tmp_path / "a.jsonl"
    assert export(store, "jsonl", str(out)) == 4
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    by_url = {x["url"]: x for x in lines}
    for meta, report in analysed:
        got = by_url[meta["url"]]
        assert got["text"] == meta["text"] and ArticleReport.from_dict(got["report"]) == report


def test_csv_and_parquet_one_row_per_attribution_and_duckdb(store, tmp_path: Path, analysed: list) -> None:
    assert export(store, "csv", str(tmp_path / "a.csv")) == _n_attr(analysed)
    with open(tmp_path / "a.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == _n_attr(analysed) and {r["publisher"] for r in rows} >= {"Axios", "Reuters"}
    pq = tmp_path / "a.parquet"
    assert export(store, "parquet", str(pq)) == _n_attr(analysed)
    duckdb = pytest.importorskip("duckdb", reason="duckdb is in the test extra")
    # The query docs/corpus.md shows.
    res = duckdb.sql(f"""
        SELECT publisher, count(*) AS attributions,
               round(avg(CASE WHEN anonymous THEN 1 ELSE 0 END), 3) AS anonymous_share
        FROM '{pq}' GROUP BY publisher ORDER BY anonymous_share DESC, publisher""").fetchall()
    assert sum(r[1] for r in res) == _n_attr(analysed)
    reuters = next(r for r in res if r[0] == "Reuters")
    assert 0 < reuters[2] <= 1
    chains = duckdb.sql(f"SELECT chain FROM '{pq}' WHERE publisher = 'The Daily Beast'").fetchall()
    assert any(c[0][:2] == ["The Daily Beast", "Axios"] for c in chains)


def test_brat_round_trips_through_the_polnear_reader(store, tmp_path: Path, analysed: list) -> None:
    out = tmp_path / "brat"
    assert export(store, "brat", str(out)) == 4
    for meta, report in analysed:
        name = meta["publisher"].replace(" ", "_")
        assert (out / "text" / f"{name}.txt").read_text(encoding="utf-8") == meta["text"]
        gold = parse_ann((out / "attributions" / f"{name}_sayso.ann").read_text(encoding="utf-8"))
        want = {(a.source.spans if a.source else (), a.cue.spans, a.content.spans) for a in report.attributions}
        assert {(g.source, g.cue, g.content) for g in gold} == want


def test_webannotation_selectors_anchor_the_text(store, tmp_path: Path, analysed: list) -> None:
    out = tmp_path / "anno.json"
    assert export(store, "webannotation", str(out)) == 4
    doc = json.loads(out.read_text())
    assert doc["type"] == "AnnotationCollection" and doc["@context"] == "http://www.w3.org/ns/anno.jsonld"
    items = doc["first"]["items"]
    assert len(items) == _n_attr(analysed)
    texts = {m["url"]: m["text"] for m, _ in analysed}
    for it in items:
        assert it["type"] == "Annotation"
        for t in it["target"]:
            quote, pos = t["selector"]
            text = texts[t["source"]]
            assert quote["type"] == "TextQuoteSelector" and pos["type"] == "TextPositionSelector"
            assert text[pos["start"]:pos["end"]] == quote["exact"]
            assert text[:pos["start"]].endswith(quote["prefix"]) and text[pos["end"]:].startswith(quote["suffix"])
        assert {t["sayso:role"] for t in it["target"]} >= {"content", "cue"}


def test_unknown_format_and_unwritable_target_are_store_errors(store, tmp_path: Path) -> None:
    from sayso.errors import StoreError

    with pytest.raises(StoreError, match="unknown export format"):
        export(store, "xml", str(tmp_path / "x"))
    with pytest.raises(StoreError, match="cannot write"):
        export(store, "csv", str(tmp_path / "missing" / "x.csv"))
