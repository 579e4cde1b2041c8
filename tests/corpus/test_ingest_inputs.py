"""`sayso ingest` on real files: text, HTML (trafilatura), JSON Lines with bad lines, folders; the query commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from corpus_data import ARTICLES
from typer.testing import CliRunner

from sayso.cli import app
from sayso.ingest.files import InputItem, iter_path
from sayso.ingest.jsonl import parse_line

HTML = """<!doctype html><html><head><title>Doe predicts vote | The Capital Ledger</title>
<meta property="og:site_name" content="The Capital Ledger">
<meta property="og:title" content="Doe predicts the aid vote">
<meta name="author" content="Sam Writer">
<meta property="article:published_time" content="2024-03-05T09:00:00Z">
<link rel="canonical" href="https://ledger.example.com/doe-vote"></head>
<body><nav><a href="/">Home</a> <a href="/politics">Politics</a></nav>
<article><h1>Doe predicts the aid vote</h1>
<p>Senator Jane Doe said on Tuesday that the aid bill would pass the Senate by Friday, and that the
leadership had already scheduled the final vote for the afternoon.</p>
<p>"We have the votes and we will use them," Doe told reporters outside the chamber after a closed
meeting with her caucus.</p>
<p>Two aides familiar with the count said at least three Republicans had privately promised support.</p>
</article><footer>Copyright 2024 The Capital Ledger. All rights reserved.</footer></body></html>"""


@pytest.fixture()
def inputs(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "axios.txt").write_text(ARTICLES[0]["text"], encoding="utf-8")
    (d / "sub" / "copy-of-axios.txt").write_text(ARTICLES[0]["text"], encoding="utf-8")   # a duplicate
    (d / "page.html").write_text(HTML, encoding="utf-8")
    (d / "empty.txt").write_text("", encoding="utf-8")
    (d / "notes.pdf").write_bytes(b"%PDF-1.4")                                          # not ours: ignored
    lines = [
        json.dumps({"id": "r1", "text": ARTICLES[2]["text"], "url": ARTICLES[2]["url"],
                    "publisher": "Reuters", "published": "2024-03-03", "title": "Zelensky in Kyiv"}),
        "{this is not json",
        json.dumps({"id": "r2", "title": "no body"}),
        json.dumps({"id": "b1", "html": HTML.replace("Jane Doe", "Janet Doe").replace("doe-vote", "doe-vote-2"),
                    "publisher": "Feed Publisher"}),
        "",
    ]
    (d / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return d


def test_items_from_a_folder(inputs: Path) -> None:
    items = list(iter_path(inputs))
    by = {Path(i.source.split(":")[0]).name + (":" + i.source.split(":")[1] if ":" in i.source else ""): i
          for i in items}
    assert sorted(by) == ["axios.txt", "copy-of-axios.txt", "empty.txt", "feed.jsonl:1", "feed.jsonl:2",
                          "feed.jsonl:3", "feed.jsonl:4", "page.html"]
    page = by["page.html"]
    assert page.error is None and page.publisher == "The Capital Ledger" and page.author == "Sam Writer"
    assert page.published == "2024-03-05" and page.title == "Doe predicts the aid vote"
    assert "would pass the Senate by Friday" in (page.text or "") and "All rights reserved" not in page.text
    assert "not valid JSON" in (by["feed.jsonl:2"].error or "")
    assert "no \"text\" or \"html\"" in (by["feed.jsonl:3"].error or "")
    assert by["feed.jsonl:4"].publisher == "Feed Publisher" and "Janet Doe" in (by["feed.jsonl:4"].text or "")
    assert "empty" in (by["empty.txt"].error or "")


def test_jsonl_line_that_is_not_an_object() -> None:
    item = parse_line("[1, 2]", "f.jsonl:7")
    assert isinstance(item, InputItem) and item.error == "f.jsonl:7: expected a JSON object, got list"


@pytest.mark.slow
def test_ingest_cli_counts_failures_records_them_and_is_idempotent(inputs: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.db'}"
    r = CliRunner().invoke(app, ["ingest", str(inputs), "--db", db, "--json", "--mode", "fast"])
    assert r.exit_code == 1, r.output  # inputs failed (issue 31); the others were stored
    summary = json.loads(r.stdout)
    assert (summary["ingested"], summary["duplicates"], summary["failed"]) == (4, 1, 3)
    assert "4 ingested, 1 skipped as duplicates, 3 failed" in r.stderr
    errs = json.loads(CliRunner().invoke(app, ["errors", "--db", db, "--json"]).stdout)
    assert len(errs) == 3 and any("not valid JSON" in e["reason"] for e in errs)

    again = json.loads(CliRunner().invoke(app, ["ingest", str(inputs), "--db", db, "--json", "--mode", "fast"]).stdout)
    assert (again["ingested"], again["duplicates"], again["failed"]) == (0, 5, 3)
    assert len(json.loads(CliRunner().invoke(app, ["errors", "--db", db, "--json"]).stdout)) == 3

    q = CliRunner().invoke(app, ["quotes", "--db", db, "--speaker", "Zelensky", "--json"])
    rows = json.loads(q.stdout)["rows"]
    assert rows and {r["publisher"] for r in rows} >= {"Reuters"}
    table = CliRunner().invoke(app, ["quotes", "--db", db, "--speaker", "Doe"])
    assert table.exit_code == 0 and "The Capital Ledger" in table.stdout and "2024-03-05" in table.stdout
    out = CliRunner().invoke(app, ["outlet", "Capital Ledger", "--db", db])
    assert out.exit_code == 0 and "resting on anonymous sources" in out.stdout
    ent = CliRunner().invoke(app, ["entity", "Jane Doe", "--db", db, "--json"])
    assert json.loads(ent.stdout)["entity"]["name"] == "Jane Doe"
    merged = CliRunner().invoke(app, ["entities", "merge", "Jane Doe", "Janet Doe", "--db", db])
    assert merged.exit_code == 0, merged.output
    ent = json.loads(CliRunner().invoke(app, ["entity", "Janet Doe", "--db", db, "--json"]).stdout)
    assert ent["entity"]["name"] == "Jane Doe"
    claims = CliRunner().invoke(app, ["claims", "--db", db, "--min-outlets", "2", "--json"])
    assert claims.exit_code == 0 and isinstance(json.loads(claims.stdout), list)


def test_ingest_gives_the_publisher_and_date_to_the_inputs_that_do_not_say(inputs: Path, tmp_path: Path) -> None:
    """A folder of one outlet's .txt files had no way to say whose they are: every claim then counted
    no outlet and the quotes no date.  --publisher and --published fill in; an input's own wins."""
    db = f"sqlite:///{tmp_path / 'p.db'}"
    args = ["--db", db, "--mode", "fast", "--no-embeddings", "--publisher", "Axios", "--published", "2024-03-01"]
    r = CliRunner().invoke(app, ["ingest", str(inputs / "axios.txt"), str(inputs / "page.html"), *args])
    assert r.exit_code == 0, r.output
    rows = json.loads(CliRunner().invoke(app, ["articles", "list", "--db", db, "--json"]).stdout)["articles"]
    assert {(a["publisher"], a["published"]) for a in rows} == {("Axios", "2024-03-01"),
                                                                ("The Capital Ledger", "2024-03-05")}
    r = CliRunner().invoke(app, ["ingest", "--polnear", str(tmp_path), "--publisher", "Axios", "--db", db])
    assert r.exit_code == 2 and "PATH inputs" in r.stderr


def test_quotes_that_find_nothing_say_where_to_look(inputs: Path, tmp_path: Path) -> None:
    """An empty table alone left a user guessing: a store never ingested into (another folder's
    sayso.db) is named, and a speaker the store does not know points to `sayso entities list`."""
    empty = CliRunner().invoke(app, ["quotes", "--db", f"sqlite:///{tmp_path / 'empty.db'}"])
    assert empty.exit_code == 0 and "empty.db holds no articles" in empty.stderr
    db = f"sqlite:///{tmp_path / 'q.db'}"
    r = CliRunner().invoke(app, ["ingest", str(inputs / "page.html"), "--db", db, "--mode", "fast", "--no-embeddings"])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(app, ["quotes", "--db", db, "--speaker", "Jane Smith"])
    assert r.exit_code == 0 and "sayso entities list 'Jane Smith'" in r.stderr
    r = CliRunner().invoke(app, ["quotes", "--db", db, "--speaker", "Doe"])
    assert r.exit_code == 0 and r.stderr == "" and "Jane Doe" in r.stdout


def test_an_undated_outlet_profile_says_so_rather_than_none(inputs: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'o.db'}"
    r = CliRunner().invoke(app, ["ingest", str(inputs / "axios.txt"), "--publisher", "Axios", "--db", db,
                                 "--mode", "fast", "--no-embeddings"])
    assert r.exit_code == 0, r.output
    head = CliRunner().invoke(app, ["outlet", "Axios", "--db", db]).stdout.splitlines()[0]
    assert "1 article (undated)" in head and "None" not in head


def test_no_claims_because_no_publisher_is_said(inputs: Path, tmp_path: Path) -> None:
    """Text files without a publisher make no claim carried by any outlet; `sayso claims` said only
    "0 claims", and the user could not tell an empty story from an unsaid outlet."""
    db = f"sqlite:///{tmp_path / 'c.db'}"
    r = CliRunner().invoke(app, ["ingest", str(inputs / "axios.txt"), "--db", db, "--mode", "fast", "--no-embeddings"])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(app, ["claims", "--db", db])
    assert r.exit_code == 0 and "1 article has no publisher" in r.stderr and "--publisher" in r.stderr


def test_user_errors_are_one_line(tmp_path: Path) -> None:
    r = CliRunner().invoke(app, ["entity", "Nobody", "--db", f"sqlite:///{tmp_path / 'e.db'}"])
    assert r.exit_code == 1 and r.stderr.strip().startswith("sayso: no entity matches")
    r = CliRunner().invoke(app, ["quotes", "--db", f"sqlite:///{tmp_path / 'no' / 'such' / 'x.db'}"])
    assert r.exit_code == 1 and "does not exist" in r.stderr and "Traceback" not in r.output
    r = CliRunner().invoke(app, ["ingest", "--db", f"sqlite:///{tmp_path / 'e.db'}"])
    assert r.exit_code == 2 and "exactly one" in r.stderr


def test_from_parquet_loads_a_batch_dataset_without_reanalysis(tmp_path: Path, analysed: list) -> None:
    dataset = pytest.importorskip("sayso.batch.dataset", reason="the batch extra is not installed")
    out = tmp_path / "batch-out"
    for n, (meta, report) in enumerate(analysed):
        m = {"id": f"doc{n}", "source": f"feed.jsonl:{n + 1}", **{k: meta[k] for k in
                                                                   ("url", "publisher", "published", "title", "text")}}
        dataset.write_partition(out, n, dataset.article_rows(m, report, ordinal=n, partition=n))
    db = f"sqlite:///{tmp_path / 'p.db'}"
    r = CliRunner().invoke(app, ["ingest", "--from-parquet", str(out), "--db", db, "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["ingested"] == 4
    from sayso.store import open_store

    store = open_store(db)
    assert store.counts()["attributions"] == sum(len(rep.attributions) for _, rep in analysed)
    assert store.claims(min_outlets=3)[0]["first"]["publisher"] == "Axios"
    rows, _ = store.search_quotes(publisher="Reuters")
    assert store.article(rows[0]["article_id"])[2] == analysed[2][1]
    store.close()
    again = CliRunner().invoke(app, ["ingest", "--from-parquet", str(out), "--db", db, "--json"])
    assert json.loads(again.stdout)["duplicates"] == 4
