"""Stories on the web and the outlets' relay graph (issue 29, items 3 and 6), over real text: the
five dev articles on Trump and nuclear bombs in hurricanes (tests/story_corpus.py).

The pages, their JSON twins, the links from claim, outlet and article pages, the relay graph's
counts (the same on SQLite and PostgreSQL), its CSV and GraphML exports and the commands.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest

pytest.importorskip("fastapi", reason="the web UI needs the web extra: pip install 'sayso[web]'")
from cli_run import invoke
from fastapi.testclient import TestClient
from story_corpus import FAST, build

from sayso.web import create_app

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
#: The outlets of the story that cite Axios as the source of what they report.
AXIOS_RELAYS = {"The Daily Caller", "The Hill"}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build(f"sqlite:///{tmp_path_factory.mktemp('stories') / 'story.db'}")


@pytest.fixture(scope="module")
def client(db: str) -> TestClient:
    return TestClient(create_app(db, mode=FAST))


def _story(client: TestClient) -> dict[str, Any]:
    """The largest story (the list is largest first)."""
    stories = client.get("/api/stories").json()["stories"]
    assert stories, "the five articles on one story form no story"
    return stories[0]  # type: ignore[no-any-return]


def test_the_story_list_names_outlets_first_carrier_dates_and_status(client: TestClient) -> None:
    s = _story(client)
    assert len(s["outlets"]) >= 3
    assert s["first_carriers"] and set(s["first_carriers"]) <= set(s["outlets"])
    assert s["first_date"] == "2019-08-26"
    assert s["status"] in ("disputed", "confirmed", "corroborated", "unnamed_sources", "reported")
    page = client.get("/stories")
    assert page.status_code == 200
    assert f'href="/stories/{s["id"]}"' in page.text
    # The articles give dates only: several outlets on the first day are a tie, and say so.
    assert s["tie_for_first"] == (len(s["first_carriers"]) > 1)
    if s["tie_for_first"]:
        assert "a tie" in page.text


def test_the_story_page_has_first_report_relays_wording_and_a_chart(client: TestClient) -> None:
    s = _story(client)
    page = client.get(f"/stories/{s['id']}")
    assert page.status_code == 200
    html = page.text
    assert 'class="chart story-timeline"' in html
    # One row per outlet in the chart, each first carrier starred there.
    svg = html[html.index('<svg class="chart story-timeline"'):]
    svg = svg[:svg.index("</svg>")]
    for name in s["outlets"]:
        assert f">{name}" in svg
    for name in s["first_carriers"]:
        assert re.search(rf"{re.escape(name)} ★", svg), name
    data = client.get(f"/api/stories/{s['id']}").json()
    assert [f["publisher"] for f in data["first_reports"]] == s["first_carriers"]
    assert all(f["rests_on_text"].startswith(f["publisher"]) for f in data["first_reports"])
    for f in data["first_reports"]:  # a report asserts: a denial is not the first report
        own = [t for t in data["timeline"] if t["publisher"] == f["publisher"]]
        assert f["stance"] == "asserts" or all(t["stance"] != "asserts" for t in own)
    # The story's articles cite Axios, which carries none of them here: the origin.
    assert "Axios" in [o["name"] for o in data["origins"]]
    assert AXIOS_RELAYS <= {e["source"] for e in data["relays"] if e["target"] == "Axios"}
    assert "Cited as the source: <strong>Axios</strong>" in html
    # Each outlet's wording of each claim, side by side.
    assert data["wording"] and all(w["outlets"] for w in data["wording"])
    assert html.count('class="side"') == sum(len(w["outlets"]) for w in data["wording"])
    # Denials on the record are listed apart ("Just more FAKE NEWS").
    assert all(t["stance"] != "asserts" for t in data["on_record"])


def test_the_story_list_is_paged(client: TestClient) -> None:
    first = client.get("/api/stories").json()
    assert first["page"] == 1 and first["total"] == len(first["stories"]) and not first["has_more"]
    assert client.get("/api/stories", params={"page": 2}).json()["stories"] == []
    assert client.get("/api/stories", params={"page": 0}).status_code == 422


def test_an_unknown_story_is_a_404(client: TestClient) -> None:
    assert client.get("/stories/s000000000000").status_code == 404
    assert client.get("/api/stories/s000000000000").json()["status"] == 404


def test_claim_outlet_and_article_pages_link_to_their_stories(client: TestClient) -> None:
    s = _story(client)
    story = client.get(f"/api/stories/{s['id']}").json()
    claim_id = story["claims"][0]["id"]
    assert f'href="/stories?claim={claim_id}"' in client.get("/claims?min_outlets=1").text
    by_claim = client.get("/api/stories", params={"claim": claim_id}).json()["stories"]
    assert [x["id"] for x in by_claim] == [s["id"]]
    article_id = story["timeline"][0]["article_id"]
    assert f'href="/stories?article={article_id}"' in client.get(f"/article/{article_id}").text
    assert s["id"] in [x["id"] for x in client.get("/api/stories", params={"article": article_id}).json()["stories"]]
    outlet = s["outlets"][0]
    assert "/stories?outlet=" in client.get(f"/outlet/{outlet}").text
    assert s["id"] in [x["id"] for x in client.get("/api/stories", params={"outlet": outlet}).json()["stories"]]
    assert 'href="/stories"' in client.get("/").text  # in the nav
    assert "part of no story" in client.get("/stories", params={"outlet": "The Nowhere Gazette"}).text


def test_outlet_pages_show_whom_they_cite_and_who_cites_them(client: TestClient) -> None:
    caller = client.get("/api/outlet/The Daily Caller").json()["relay_graph"]
    axios = next(e for e in caller["cites"] if e["target"] == "Axios")
    assert axios["count"] >= 1 and axios["articles"] == 1
    assert sum(b["count"] for b in axios["bases"]) == axios["count"]
    html = client.get("/outlet/The Daily Caller").text
    assert "It cites" in html and "Cited by" in html
    page = client.get("/outlets/relays")
    assert page.status_code == 200 and 'class="chart relay-network"' in page.text
    edges = client.get("/api/outlets/relays").json()["edges"]
    assert AXIOS_RELAYS <= {e["source"] for e in edges if e["target"] == "Axios"}
    assert all(e["source_key"] != e["target_key"] for e in edges)


def test_relay_export_as_csv_and_graphml(db: str, tmp_path: Path) -> None:
    from sayso.store import open_store
    from sayso.store.relays import relay_edges

    with open_store(db) as store:
        edges = relay_edges(store)
    r = invoke("export", "relays", "--db", db, "--format", "csv", str(tmp_path / "relays.csv"), "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == {"exported": len(edges), "what": "relay_edges", "format": "csv",
                                    "out": str(tmp_path / "relays.csv")}
    rows = list(csv.DictReader(io.StringIO((tmp_path / "relays.csv").read_text(encoding="utf-8"))))
    assert list(rows[0])[:4] == ["source", "target", "count", "bases"]
    assert [(x["source"], x["target"], int(x["count"])) for x in rows] == [
        (e["source"], e["target"], e["count"]) for e in edges]
    assert all(re.fullmatch(r"[a-z_]+:\d+(;[a-z_]+:\d+)*", x["bases"]) for x in rows)

    r = invoke("export", "relays", "--db", db, "--format", "graphml", str(tmp_path / "relays.graphml"))
    assert r.exit_code == 0, r.output
    root = ET.parse(tmp_path / "relays.graphml").getroot()
    graph = root.find(f"{GRAPHML}graph")
    assert graph is not None and graph.get("edgedefault") == "directed"
    keys = {k.get("id"): k.get("attr.name") for k in root.findall(f"{GRAPHML}key")}
    names = {n.get("id"): n.find(f"{GRAPHML}data[@key='name']").text for n in graph.findall(f"{GRAPHML}node")}
    got = []
    for e in graph.findall(f"{GRAPHML}edge"):
        data = {keys[d.get("key")]: d.text for d in e.findall(f"{GRAPHML}data")}
        got.append((names[e.get("source")], names[e.get("target")], int(data["count"])))
    assert got == [(e["source"], e["target"], e["count"]) for e in edges]

    nx = pytest.importorskip("networkx")
    g = nx.read_graphml(tmp_path / "relays.graphml")
    assert g.is_directed() and g.number_of_edges() == len(edges)


def test_export_refuses_a_format_that_does_not_fit(db: str, tmp_path: Path) -> None:
    r = invoke("export", "relays", "--db", db, "--format", "parquet", str(tmp_path / "x"))
    assert r.exit_code == 1 and "csv or graphml" in r.output
    r = invoke("export", "--db", db, "--format", "graphml", str(tmp_path / "x"))
    assert r.exit_code == 1 and "export relays" in r.output
    r = invoke("export", "other", str(tmp_path / "x"), "--db", db)
    assert r.exit_code == 1 and "relays OUT" in r.output


def test_export_takes_its_format_from_the_file_name(db: str, tmp_path: Path) -> None:
    """`sayso export quotes.csv` writes CSV, not JSON Lines under a .csv name; a name that says no format
    is refused rather than guessed, and `export relays` without a file name writes no file "relays"."""
    r = invoke("export", "--db", db, str(tmp_path / "quotes.csv"))
    assert r.exit_code == 0, r.output
    assert (tmp_path / "quotes.csv").read_text(encoding="utf-8").startswith("article_id,attr_id,")
    r = invoke("export", "relays", "--db", db, str(tmp_path / "relays.graphml"))
    assert r.exit_code == 0, r.output
    ET.parse(tmp_path / "relays.graphml")
    r = invoke("export", "--db", db, str(tmp_path / "quotes.xlsx"))
    assert r.exit_code == 2 and "--format" in r.output and not (tmp_path / "quotes.xlsx").exists()
    r = invoke("export", "relays", "--db", db)
    assert r.exit_code == 2 and "sayso export relays relays.graphml" in r.output
    r = invoke("export", "--db", db, "--format", "jsonl", str(tmp_path / "reports.csv"))
    assert r.exit_code == 0 and "writing jsonl to" in r.output
    assert json.loads((tmp_path / "reports.csv").read_text(encoding="utf-8").splitlines()[0])["id"]


def test_relays_command_prints_a_table_or_json(db: str) -> None:
    r = invoke("relays", "--db", db, "--outlet", "Axios", "--json")
    assert r.exit_code == 0, r.output
    edges = json.loads(r.stdout)
    assert AXIOS_RELAYS <= {e["source"] for e in edges}
    assert all("Axios" in (e["source"], e["target"]) for e in edges)
    r = invoke("relays", "--db", db)
    assert r.exit_code == 0 and "Axios" in r.stdout
    assert "Example: sayso export relays" in invoke("export", "--help").output.replace("\n", " ")


def test_relay_counts_and_stories_are_the_same_on_sqlite_and_postgresql(db: str) -> None:
    import os
    import uuid

    from sqlalchemy import create_engine, text

    from sayso.store import open_store
    from sayso.store.core import normalise_url
    from sayso.store.relays import relay_edges
    from sayso.store.timelines import story_page, story_summaries

    base = os.environ.get("SAYSO_TEST_POSTGRES_URL")
    if not base:
        if os.environ.get("CI") == "true":
            pytest.fail("SAYSO_TEST_POSTGRES_URL is unset; in CI every backend must be tested")
        pytest.skip("no PostgreSQL: SAYSO_TEST_POSTGRES_URL is unset (run scripts/services/postgres.sh)")
    name = f"sayso_relays_{uuid.uuid4().hex[:10]}"
    admin = create_engine(normalise_url(base), isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f"CREATE DATABASE {name}"))
    try:
        pg = build(base.rsplit("/", 1)[0] + "/" + name)

        def answers(url: str) -> tuple[Any, ...]:
            with open_store(url) as store:
                stories = story_summaries(store)
                return relay_edges(store), stories, [story_page(store, s["id"]) for s in stories]

        on_sqlite, on_postgres = answers(db), answers(pg)
        assert on_sqlite[0], "the story's articles relay Axios: the graph is not empty"
        assert on_postgres == on_sqlite
    finally:
        with admin.connect() as c:
            c.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


def test_openapi_describes_the_story_and_relay_twins(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/stories", "/api/stories/{story_id}", "/api/outlets/relays"} <= set(paths)


def test_the_timeline_chart_places_times_ties_and_undated_statements() -> None:
    from sayso.web.story_charts import timeline

    entries = [
        {"publisher": "The Courier", "published": "2021-03-04T18:00:00+00:00", "stance": "asserts", "content": "x <b>"},
        {"publisher": "The Ledger", "published": "2021-03-04T18:00:00Z", "stance": "asserts", "content": "x"},
        {"publisher": "The Ledger", "published": "2021-03-04T18:00:00Z", "stance": "asserts", "content": "x"},
        {"publisher": "Metro Daily", "published": "2021-03-04T21:30:00+00:00", "stance": "denies", "content": "no"},
        {"publisher": "Radio North", "published": None, "stance": "confirms", "content": "yes"},
    ]
    svg = str(timeline("t", entries, ["The Courier", "The Ledger"]))
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "<b>" not in svg and "&lt;b&gt;" in svg  # article text is escaped
    # Both first carriers starred (a tie), one row per outlet, the same instant at the same x.
    assert svg.count(" ★") == 2 and "(first carrier, a tie)" in svg
    xs = re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)" r="7" fill="#0072B2"><title>(The Courier|The Ledger),', svg)
    assert len(xs) == 2 and xs[0][0] == xs[1][0] and xs[0][1] != xs[1][1]
    # Two statements at one point are one marker with a count; times of one day are labelled by the hour.
    assert ">2</text>" in svg and ">18:00<" in svg and ">21:30<" in svg
    # The undated statement has its own column; a denial is a cross, a confirmation a triangle.
    assert ">undated<" in svg and "<path d=" in svg and "<polygon" in svg
    assert timeline("t", []) == ""
    # Over days: the first, middle and last dates.
    days = [{"publisher": "The Courier", "published": "2019-08-26", "stance": "asserts"},
            {"publisher": "The Ledger", "published": "2019-08-30", "stance": "denies"}]
    assert re.findall(r">(\d{4}-\d\d-\d\d)<", str(timeline("t", days))) == ["2019-08-26", "2019-08-28", "2019-08-30"]


def test_what_a_statement_rests_on_reads_as_a_reader_says_it() -> None:
    from sayso.store.timelines import rests_on

    assert rests_on({"publisher": "Axios", "anonymous": True, "anonymous_count": 4}) == "Axios on 4 unnamed sources"
    assert rests_on({"publisher": "The Ledger", "anonymous": True, "via": "Axios"}) == (
        "The Ledger citing Axios, on unnamed sources")
    assert rests_on({"publisher": "The Ledger", "via": "Axios", "source": "Axios"}) == "The Ledger citing Axios"
    assert rests_on({"publisher": "The Ledger", "source": "he", "source_kind": "named_person",
                     "chain": ["The Ledger", "Donald Trump"]}) == "The Ledger on Donald Trump"
    assert rests_on({"publisher": "The Ledger", "source": None, "source_kind": "none",
                     "chain": ["The Ledger", "(no source given)"]}) == "The Ledger, naming no source"
    assert rests_on({"publisher": "The Ledger", "source": "critics", "source_kind": "unspecified",
                     "chain": ["The Ledger", "critics"]}) == "The Ledger on a source it does not name (“critics”)"


def test_relay_counts_equal_a_recount_of_the_statements(db: str) -> None:
    from collections import Counter

    from sayso.store import open_store
    from sayso.store.core import publisher_key
    from sayso.store.relays import relay_edges

    with open_store(db) as store:
        rows, _ = store.search_quotes(limit=100_000)
        edges = relay_edges(store)
    recount: Counter[tuple[str, str]] = Counter()
    unnamed: Counter[tuple[str, str]] = Counter()
    for r in rows:
        src, dst = publisher_key(r["publisher"]), publisher_key(r["via"])
        if r["via"] and src and src != dst:
            recount[(src, dst)] += 1
            unnamed[(src, dst)] += bool(r["anonymous"])
    assert {(e["source_key"], e["target_key"]): e["count"] for e in edges} == dict(recount)
    assert {(e["source_key"], e["target_key"]): e["unnamed"] for e in edges} == dict(unnamed)


def test_graphml_stays_well_formed_with_hostile_outlet_names() -> None:
    from sayso.export.relays import write_graphml

    edge = {"source": 'Evil <b>&"\x01 News', "source_key": "evil-\x01news", "target": "A&B", "target_key": "a-b",
            "target_in_corpus": False, "count": 2, "articles": 1, "unnamed": 0,
            "bases": [{"basis": "relayed", "count": 2}]}
    out = io.StringIO()
    write_graphml([edge], out)
    root = ET.fromstring(out.getvalue().split("?>", 1)[1])
    names = [d.text for d in root.iter(f"{GRAPHML}data") if d.get("key") == "name"]
    assert sorted(names) == ["A&B", 'Evil <b>&" News']
