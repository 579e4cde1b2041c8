"""Entities across the corpus on real text: the shipped example (examples/call-report.txt) as three
outlets would print it, each with its own spelling of the name (Zelensky, Zelenskyy, Zelenskiy).
The three are one person, and `sayso quotes --speaker` finds every statement under any spelling."""

from __future__ import annotations

from pathlib import Path

import pytest

import sayso
from sayso.store import open_store
from sayso.store.core import ArticleInfo

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "call-report.txt"
SPELLINGS = {"The Daily Beast": "Zelensky", "AP": "Zelenskyy", "Reuters": "Zelenskiy"}


@pytest.fixture(scope="module")
def spelt() -> list[tuple[str, str, sayso.ArticleReport]]:
    text = EXAMPLE.read_text(encoding="utf-8")
    out = []
    for outlet, spelling in SPELLINGS.items():
        t = text.replace("Zelensky", spelling)
        out.append((outlet, t, sayso.analyze(t, publisher=outlet, published="2025-02-13", mode="fast")))
    return out


def test_three_spellings_are_one_person_and_every_spelling_finds_them_all(db_url: str, spelt: list) -> None:
    store = open_store(db_url)
    for outlet, text, report in spelt:
        store.ingest_report(ArticleInfo(source=outlet, publisher=outlet, published="2025-02-13"), text, report)
    store.rebuild()
    people = {e["id"]: e for e in store.list_entities(query="zelensk")}
    assert len(people) == 1, people
    (person,) = people.values()
    assert person["type"] == "person"
    assert {a["key"] for a in person["aliases"]} >= {f"volodymyr {s.lower()}" for s in SPELLINGS.values()}
    assert all(a["rule"] == "exact" or a["rule"].startswith("spelling") for a in person["aliases"])
    found = {}
    for spelling in (*SPELLINGS.values(), "Volodymyr Zelenskyy", "President Zelenskiy"):
        rows, total = store.search_quotes(speaker=spelling, limit=1000)
        found[spelling] = (total, {r["publisher"] for r in rows})
    n = found["Zelensky"][0]
    assert n >= 3 * 5 and all(v == (n, set(SPELLINGS)) for v in found.values()), found
    store.close()
