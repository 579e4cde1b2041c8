"""Co-speakers in the store, on SQLite and PostgreSQL: who is quoted counts everyone a source names."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from parsed import report_of

import sayso
from sayso.export import export_csv, export_parquet
from sayso.store import open_store
from sayso.store.core import ArticleInfo, Store

ARTICLES = [
    ("Roll Call", "2024-05-01", "https://example.com/rc/1",
     ("Senators Charles Grassley and Patrick Leahy met on Monday. Mr. Grassley and Mr. Leahy said the "
      "visa program needed new rules.")),
    ("Roll Call", "2024-05-02", "https://example.com/rc/2",
     "Senator Patrick Leahy of Vermont said on Tuesday that the bill would pass."),
]


def _stored(db_url: str, articles: list[tuple[str, str, str, str]],
            reports: list[sayso.ArticleReport]) -> Store:
    """A store holding these articles, entities and claims rebuilt."""
    store = open_store(db_url)
    for (publisher, published, url, text), report in zip(articles, reports):
        store.ingest_report(ArticleInfo(source=url, url=url, publisher=publisher, published=published),
                            text, report)
    store.rebuild()
    return store


@pytest.fixture(scope="module")
def reports() -> list[sayso.ArticleReport]:
    return [report_of(text) for _, _, _, text in ARTICLES]


def test_a_co_speaker_is_quoted_in_the_corpus(db_url: str, reports: list[sayso.ArticleReport],
                                               tmp_path: Path) -> None:
    joint = [a for a in reports[0].attributions if a.co_speakers]
    assert [c.name for a in joint for c in a.co_speakers] == ["Patrick Leahy"], reports[0].attributions
    store = _stored(db_url, ARTICLES, reports)
    try:
        assert store.counts()["co_speakers"] == 1
        rows, total = store.search_quotes(speaker="Patrick Leahy")
        assert total == 2, rows
        joint_row = next(r for r in rows if r["co_speakers"])
        assert joint_row["speaker"] == "Charles Grassley" and joint_row["co_speakers"] == ["Patrick Leahy"]
        assert store.search_quotes(speaker="Leahy")[1] == 2
        assert store.search_quotes(speaker="Grassley")[1] == 1
        profile = store.entity_profile("Patrick Leahy")
        assert profile is not None and profile["statements"]["total"] == 2
        top = {s["name"]: s["count"] for s in store.outlet_profile("Roll Call")["top_speakers"]}
        assert top.get("Patrick Leahy") == 2 and top.get("Charles Grassley") == 1, top
        out = io.StringIO()
        export_csv(store, out)
        exported = list(csv.DictReader(io.StringIO(out.getvalue())))
        assert [r["co_speakers"] for r in exported if r["co_speakers"]] == ["Patrick Leahy"], exported
        pq = pytest.importorskip("pyarrow.parquet", reason="the Parquet export needs pyarrow")
        export_parquet(store, tmp_path / "quotes.parquet")
        column = pq.read_table(tmp_path / "quotes.parquet").column("co_speakers").to_pylist()
        assert sorted(column, key=len) == [[]] * (len(column) - 1) + [["Patrick Leahy"]]
    finally:
        store.close()


CLAIM_ARTICLES = [
    ("Roll Call", "2024-05-01", "https://example.com/rc/3",
     ("Senators Charles Grassley and Patrick Leahy met on Monday. Mr. Grassley and Mr. Leahy said that the "
      "visa program was broken beyond repair and needed new rules this year.")),
    ("Axios", "2024-05-02", "https://example.com/ax/1",
     ("Senator Patrick Leahy said on Tuesday that the visa program was broken beyond repair and needed new "
     "rules this year.")),
    ("Fox News", "2024-05-03", "https://example.com/fox/1",
     ("Senator Ted Cruz said on Wednesday that the visa program was broken beyond repair and needed new "
     "rules this year.")),
]


def test_a_joint_statement_and_one_of_its_speakers_make_one_claim(db_url: str) -> None:
    reports = [report_of(text) for _, _, _, text in CLAIM_ARTICLES]
    joint = [a for a in reports[0].attributions if a.co_speakers]
    assert [(a.speaker.name if a.speaker else None, [c.name for c in a.co_speakers]) for a in joint] == [
        ("Charles Grassley", ["Patrick Leahy"])], reports[0].attributions
    store = _stored(db_url, CLAIM_ARTICLES, reports)
    try:
        claims = store.claims()
        # A reported proposition is one claim whoever states it (issue 29): Leahy's words, the
        # joint statement and Ted Cruz saying the same; each is found by its speaker.
        assert [(c["first"]["publisher"], c["n_articles"]) for c in claims] == [("Roll Call", 3)], claims
        assert [c["id"] for c in store.claims(speaker="Charles Grassley")] == [claims[0]["id"]]
        assert [c["id"] for c in store.claims(speaker="Patrick Leahy")] == [claims[0]["id"]]
        assert [c["id"] for c in store.claims(speaker="Ted Cruz")] == [claims[0]["id"]]
    finally:
        store.close()
