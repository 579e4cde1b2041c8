"""Provenance in the store, on SQLite and PostgreSQL: columns from the report, filters, the migration."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from test_store_backends import _fill as fill_store

from sayso.store import schema as S
from sayso.store.core import Store


def _fill(url: str, analysed: list) -> Store:
    store = fill_store(url, analysed)
    assert isinstance(store, Store)
    return store


def _expected(analysed: list) -> set[tuple[str, str, str | None, str | None, str | None, str | None]]:
    """(publisher, basis, rule, via, setting, setting's what) of every attribution, from the reports."""
    out = set()
    for meta, report in analysed:
        events = {e.id: e.what for e in report.events}
        for a in report.attributions:
            out.add((meta["publisher"], a.id, a.provenance.basis, a.provenance.rule, a.provenance.via,
                     a.setting, events.get(a.setting)))
    return out


def test_the_columns_hold_the_reports_provenance(db_url: str, analysed: list) -> None:
    store = _fill(db_url, analysed)
    rows, total = store.search_quotes(limit=100)
    got = {(r["publisher"], r["attr_id"], r["basis"], r["provenance_rule"], r["via"], r["setting"],
            r["setting_what"]) for r in rows}
    assert got == _expected(analysed) and total == len(got)
    store.close()


def test_quotes_filter_by_via_basis_and_setting(db_url: str, analysed: list) -> None:
    store = _fill(db_url, analysed)
    rows, total = store.search_quotes(via="axios")          # any case
    # "Axios reported, citing four unnamed sources, that ...": Axios's report, and its sources' words
    # through it (rule citing), both relayed to The Daily Beast by Axios.
    assert total == 2 and {r["publisher"] for r in rows} == {"The Daily Beast"}
    assert all(r["via"] == "Axios" and "Axios" in r["chain"] for r in rows)
    rows, total = store.search_quotes(basis="to_publisher")
    assert total == 2 and {r["publisher"] for r in rows} == {"Axios", "Reuters"}
    rows, total = store.search_quotes(setting="remarks")     # words of the setting's what
    assert total == 5 and all(r["setting_what"] == "remarks to reporters" for r in rows)
    assert store.search_quotes(setting="any")[1] == 5
    assert store.search_quotes(setting="phone call")[1] == 0
    rows, total = store.search_quotes(basis="public", publisher="Breitbart", setting="any")
    assert total == 2
    store.close()


def test_migration_4_adds_and_fills_the_columns_of_an_older_store(db_url: str, analysed: list) -> None:
    store = _fill(db_url, analysed)
    with store.engine.begin() as conn:                      # the store as migration 3 left it
        conn.execute(text("DROP INDEX ix_attributions_basis"))
        for name in S.PROVENANCE_COLUMNS:
            conn.execute(text(f"ALTER TABLE attributions DROP COLUMN {name}"))
        # Migration 5 (claim stances) came after; it finds its columns there and adds nothing.
        conn.execute(S.schema_migrations.delete().where(S.schema_migrations.c.version >= 4))
    assert store.schema_version() == 3
    assert store.migrate() == [4, 5]
    assert store.schema_version() == 5
    with store.engine.connect() as conn:
        names = [r[1] for r in conn.execute(select(S.schema_migrations.c.version, S.schema_migrations.c.name))
                 if r[0] == 4]
    assert names and "basis" in names[0]
    rows, _ = store.search_quotes(limit=100)
    got = {(r["publisher"], r["attr_id"], r["basis"], r["provenance_rule"], r["via"], r["setting"],
            r["setting_what"]) for r in rows}
    assert got == _expected(analysed)
    assert store.migrate() == []
    store.close()


@pytest.mark.parametrize("args, total", [(["--via", "Axios"], 2), (["--basis", "relayed"], 2),
                                         (["--setting", "remarks to reporters"], 5)])
def test_sayso_quotes_filters(db_url: str, analysed: list, args: list[str], total: int) -> None:
    import json

    from typer.testing import CliRunner

    from sayso.cli import app

    _fill(db_url, analysed).close()
    result = CliRunner().invoke(app, ["quotes", "--db", db_url, "--json", *args])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["total"] == total and all(r["basis"] for r in out["rows"])


def test_csv_and_web_annotations_carry_the_provenance(db_url: str, analysed: list, tmp_path) -> None:
    import csv
    import json

    from sayso.export import export

    store = _fill(db_url, analysed)
    export(store, "csv", str(tmp_path / "a.csv"))
    with open(tmp_path / "a.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    relayed = next(r for r in rows if r["via"] == "Axios")
    assert relayed["basis"] == "relayed" and relayed["provenance_rule"] == "outlet_reports"
    assert relayed["route"] == "The Daily Beast <- Axios"
    remarks = [r for r in rows if r["setting_what"] == "remarks to reporters"]
    # Each names its article's event (its id depends on what else the article mentions: "the talks").
    assert len(remarks) == 5 and all(r["setting"].startswith("ev") for r in remarks)
    export(store, "webannotation", str(tmp_path / "anno.json"))
    bodies = [json.loads(it["body"]["value"]) for it in json.loads((tmp_path / "anno.json").read_text())
              ["first"]["items"]]
    relayed_body = next(b for b in bodies if b["basis"] == "relayed")
    assert [s["name"] for s in relayed_body["route"]] == ["The Daily Beast", "Axios"]
    assert relayed_body["route"][0]["role"] == "publisher" and relayed_body["provenance_rule"] == "outlet_reports"
    store.close()
