"""The varied corpus of bench/stories_scale.py gives the same claims and stories on SQLite and
PostgreSQL (issue 29's scale target asks for the same answers on both)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import stories_scale  # the bench's corpus builder, from bench/


def _answers(url: str, bases: list[Any]) -> tuple[list[Any], list[Any]]:
    from sayso.store import open_store

    stories_scale.build(url, 240, bases)
    store = open_store(url)
    store.rebuild()
    claims = [(c["id"], c["text"], c["status"], c["first"], c["first_tied"],
               [(m["article_id"], m["attr_id"], m["stance"]) for m in c["members"]])
              for c in store.claims(min_outlets=0, limit=100_000)]
    stories = [(s["id"], s["n_articles"], s["first_carriers"], s["claims"],
                [(t["article_id"], t["role"], t["claim_id"]) for t in s["timeline"]])
               for s in store.all_stories()]
    store.close()
    return claims, stories


def test_same_claims_and_stories_on_both_backends(analysed: list, tmp_path: Path, postgres_url: str) -> None:
    records = [(meta["text"], report.to_dict(), meta["publisher"], meta["published"], meta["title"])
               for meta, report in analysed]
    bases = stories_scale.bases_of(records)
    on_sqlite = _answers(f"sqlite:///{tmp_path / 'scale.db'}", bases)
    on_postgres = _answers(postgres_url, bases)
    assert on_sqlite[0] and on_sqlite[1]
    assert on_sqlite == on_postgres
