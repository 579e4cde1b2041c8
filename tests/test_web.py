"""The web app through its HTTP interface (no browser): pages, JSON twins, and the security rules.

The browser tests are in test_web_browser.py.  Here the real model analyses
real text, in fast mode except where the mode is the point (the default app's
contract, the server's mode); the store is a temporary SQLite file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cli_run import invoke
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("fastapi", reason="the web UI needs the web extra: pip install 'sayso[web]'")
from fastapi.testclient import TestClient

import sayso
from sayso.records import Attribution, TextSpan
from sayso.web import (
    create_app,
    view,
)
from sayso.web.security import CSP

BASE = "http://127.0.0.1"

HOSTILE = (
    'The mayor said "<script>window.__pwned = 1</script>" was a joke.\n'
    'Critics said the plan <img src=x onerror="window.__pwned = 2"> would fail, '
    'according to <a href="javascript:window.__pwned=3">a spokesman</a>.\n'
)


def client(**kw: Any) -> TestClient:
    """The app in fast mode unless told otherwise: these tests are about the web layer, not accuracy."""
    return TestClient(create_app(**{"mode": "fast", **kw}), base_url=BASE)


@pytest.fixture(scope="module")
def plain() -> TestClient:
    return client()


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory, example_text: str) -> Iterator[TestClient]:
    """A server with ingest on over a fresh SQLite store holding the example and one Reuters article."""
    db = tmp_path_factory.mktemp("web") / "web.db"
    c = client(db_url=f"sqlite:///{db}", allow_ingest=True)
    r = c.post("/api/analyze", json={"text": example_text, "store": True})
    assert r.status_code == 200, r.text
    r = c.post("/api/analyze", json={
        "text": 'Volodymyr Zelensky said on Monday that Ukraine would not give up territory. '
                '"We will defend every village," Zelensky told reporters in Kyiv. '
                'Zelensky said publicly on Wednesday that it was \u201cnot pleasant\u201d that Trump had '
                'spoken with Putin before him.',
        "publisher": "Reuters", "published": "2025-02-17", "title": "Zelensky rules out giving up land",
        "store": True})
    assert r.status_code == 200, r.text
    yield c


def badges(html: str) -> list[str]:
    return re.findall(r'<a class="badge" href="#card-(a\d+)"', html)


# -- the article view ------------------------------------------------------------------


def test_a_card_names_every_speaker_of_a_joint_source(plain: TestClient) -> None:
    text = ("Senator Charles Grassley of Iowa and Senator Patrick Leahy of Vermont wrote to the department. "
            "Mr. Grassley and Mr. Leahy said the department had failed to answer their questions.")
    r = plain.post("/analyze", data={"text": text})
    assert r.status_code == 200
    who = [re.sub(r"<[^>]+>", "", w) for w in re.findall(r'<span class="who">(.*?)</span>', r.text, re.DOTALL)]
    assert "Charles Grassley and Patrick Leahy" in who, who

def test_analyze_form_shows_every_attribution_and_the_chain(plain: TestClient, example_text: str,
                                                           example_report_fast: sayso.ArticleReport) -> None:
    example_report = example_report_fast
    r = plain.post("/analyze", data={"text": example_text})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    found = badges(r.text)
    assert found == [a.id for a in sorted(example_report.attributions,
                                          key=lambda a: (max(e for _, e in a.cue.spans), a.id))] or \
        sorted(found) == sorted(a.id for a in example_report.attributions)
    assert len(found) == len(example_report.attributions) >= 19
    for a in example_report.attributions:
        assert f'id="card-{a.id}"' in r.text
    # The Daily Beast <- Axios <- sources, drawn as a chain in one card.
    chains = re.findall(r'<ol class="chain".*?</ol>', r.text, flags=re.DOTALL)
    assert any("The Daily Beast" in c and "Axios" in c and c.index("The Daily Beast") < c.index("Axios")
               for c in chains)
    assert "Declined to comment" in r.text and "the White House" in r.text
    assert "rest on unnamed sources" in r.text


def test_article_text_is_kept_exactly(plain: TestClient, example_text: str) -> None:
    r = plain.post("/analyze", data={"text": example_text})
    body = re.search(r'<div class="article-text[^"]*" id="article-text">(.*?)</div>', r.text, flags=re.DOTALL)
    assert body is not None
    shown = re.sub(r'<a class="badge"[^>]*>[^<]*</a>', "", body.group(1))
    shown = re.sub(r"<[^>]+>", "", shown)
    import html as html_mod

    assert html_mod.unescape(shown) == example_text


def test_example_page_needs_one_click(plain: TestClient) -> None:
    home = plain.get("/")
    assert 'href="/example"' in home.text
    r = plain.get("/example")
    assert r.status_code == 200 and len(badges(r.text)) >= 19
    assert "Who said what, on whose say-so" in r.text
    j = plain.get("/api/example").json()
    assert len(j["report"]["attributions"]) == len(badges(r.text))
    # The example's date, as `make run` gives it: its events are dated (the call on Wednesday).
    assert j["report"]["published"] == "2025-02-13" and '<time datetime="2025-02-13">' in r.text
    assert any(e["mode"] == "phone" and e["date"] == "2025-02-12" for e in j["report"]["events"])


def test_nothing_is_stored_without_asking(plain: TestClient, example_text: str) -> None:
    r = plain.post("/analyze", data={"text": example_text})
    assert "stored as" not in r.text


def test_hostile_text_and_metadata_are_escaped(plain: TestClient) -> None:
    r = plain.post("/analyze", data={"text": HOSTILE, "publisher": '<script>alert(1)</script>',
                                     "title": '"><img src=x onerror=alert(2)>'})
    assert r.status_code == 200
    assert "<script>window" not in r.text and "<script>alert" not in r.text
    assert "<img src=x" not in r.text and "<img src=\"x\"" not in r.text
    assert 'href="javascript:' not in r.text
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in r.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text
    # The only scripts are our own static file.
    assert re.findall(r"<script[^>]*>", r.text) == ['<script src="/static/sayso.js" defer>']


def test_upload_txt_and_html(plain: TestClient) -> None:
    txt = b'Jane Doe, the mayor, said the bridge would reopen in May.'
    r = plain.post("/analyze", files={"file": ("note.txt", txt, "text/plain")})
    assert r.status_code == 200 and len(badges(r.text)) >= 1
    page = ("<html><head><title>Bridge to reopen</title></head><body><nav>Home | News</nav><article>"
            "<h1>Bridge to reopen</h1><p>" + "The bridge has been closed since March. " * 3 +
            "</p><p>Jane Doe, the mayor, said the bridge would reopen in May, and officials said "
            "the repairs were nearly done.</p></article></body></html>").encode()
    r = plain.post("/analyze", files={"file": ("bridge.html", page, "text/html")})
    assert r.status_code == 200, r.text
    assert len(badges(r.text)) >= 1
    assert "Home | News" not in r.text


def test_bad_input_is_one_clear_message(plain: TestClient) -> None:
    r = plain.post("/analyze", data={"text": "   "})
    assert r.status_code == 400 and "Paste an article" in r.text
    r = plain.post("/analyze", files={"file": ("latin.txt", "café said".encode("latin-1"), "text/plain")})
    assert r.status_code == 400 and "not valid UTF-8" in r.text
    r = plain.post("/api/analyze", json={"text": ""})
    assert r.status_code == 400 and r.json()["error"]
    r = plain.post("/api/analyze", json={"txt": "oops"})
    assert r.status_code == 422 and "text" in r.json()["error"]


def test_a_date_that_is_no_date_is_refused_and_the_form_kept(plain: TestClient) -> None:
    """The form's "published" took "13/02/2025" as it was, so "Wednesday" resolved to no day."""
    r = plain.post("/analyze", data={"text": "Jane Doe said on Wednesday it rained.", "published": "13/02/2025"})
    assert r.status_code == 400 and "YYYY-MM-DD" in r.text and "Jane Doe said on Wednesday" in r.text
    r = plain.post("/api/analyze", json={"text": "Jane Doe said it rained.", "published": "Feb 13, 2025"})
    assert r.status_code == 400 and "e.g. 2025-02-13" in r.json()["error"]
    r = plain.post("/api/analyze", json={"text": "Jane Doe said it rained.", "published": "2025-02-13"})
    assert r.status_code == 200 and r.json()["report"]["published"] == "2025-02-13"


# -- security -------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/example", "/nope", "/docs", "/static/sayso.css", "/openapi.json"])
def test_security_headers_everywhere(plain: TestClient, path: str) -> None:
    r = plain.get(path)
    assert r.headers["content-security-policy"] == CSP
    assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in CSP
    assert r.headers["x-content-type-options"] == "nosniff"


def test_upload_over_the_limit_is_413_with_a_message() -> None:
    c = client(max_upload_bytes=10_000)
    r = c.post("/analyze", files={"file": ("big.txt", b"word " * 5_000, "text/plain")})
    assert r.status_code == 413
    assert "at most 10,000 bytes" in r.text and "Traceback" not in r.text
    assert r.headers["content-security-policy"] == CSP
    r = c.post("/api/analyze", json={"text": "x " * 10_000})
    assert r.status_code == 413 and "too large" in r.json()["error"]


def test_streamed_body_over_the_limit_is_413() -> None:
    """A chunked upload declares no length: the cap must count what arrives."""
    c = client(max_upload_bytes=10_000)

    def chunks() -> Iterator[bytes]:
        for _ in range(20):
            yield b'{"text": "' + b"a" * 1000 if _ == 0 else b"a" * 1000

    r = c.post("/api/analyze", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413, r.text


def test_writes_are_off_unless_allowed(plain: TestClient, tmp_path: Path) -> None:
    r = plain.post("/api/analyze", json={"text": "Jane Doe said it rained.", "store": True})
    assert r.status_code == 403 and "--allow-ingest" in r.json()["error"]
    r = plain.post("/analyze", data={"text": "Jane Doe said it rained.", "store": "1"})
    assert r.status_code == 403 and "--allow-ingest" in r.text
    ro = client(db_url=f"sqlite:///{tmp_path / 'ro.db'}")
    assert 'name="store"' not in ro.get("/").text
    assert ro.post("/api/analyze", json={"text": "Jane Doe said it rained.", "store": True}).status_code == 403


def test_cross_site_writes_are_refused(tmp_path: Path) -> None:
    c = client(db_url=f"sqlite:///{tmp_path / 'w.db'}", allow_ingest=True)
    r = c.post("/api/analyze", json={"text": "Jane Doe said it rained.", "store": True},
               headers={"origin": "http://evil.example"})
    assert r.status_code == 403
    r = c.post("/api/analyze", json={"text": "Jane Doe said it rained.", "store": True},
               headers={"origin": BASE})
    assert r.status_code == 200 and r.json()["article_id"]


def test_unknown_hosts_are_refused(plain: TestClient) -> None:
    """DNS rebinding: a page on evil.example resolving to 127.0.0.1 must not read the corpus."""
    assert plain.get("/", headers={"host": "evil.example"}).status_code == 400
    assert plain.get("/", headers={"host": "localhost:8000"}).status_code == 200


def test_server_errors_show_no_trace() -> None:
    app = create_app()

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret internal detail")

    c = TestClient(app, base_url=BASE, raise_server_exceptions=False)
    r = c.get("/boom")
    assert r.status_code == 500
    assert "secret internal detail" not in r.text and "Traceback" not in r.text
    assert "the details are in the server" in r.text


def test_pages_load_nothing_from_other_hosts(stored: TestClient) -> None:
    for path in ["/", "/example", "/docs", "/corpus?q=Putin", "/entity/Zelensky", "/outlet/Reuters",
                 "/outlets", "/claims?min_outlets=1"]:
        r = stored.get(path)
        assert r.status_code == 200, (path, r.text[:500])
        assert not re.search(r'(src|href)="(https?:)?//', r.text), path


def test_no_store_means_a_friendly_503(plain: TestClient) -> None:
    r = plain.get("/corpus")
    assert r.status_code == 503 and "--db" in r.text
    assert plain.get("/api/quotes").json()["status"] == 503


# -- corpus pages and their JSON twins ------------------------------------------------


def test_corpus_search_and_paging(stored: TestClient) -> None:
    r = stored.get("/corpus", params={"q": "Putin"})
    assert r.status_code == 200 and "Putin" in r.text
    j = stored.get("/api/quotes", params={"q": "Putin"}).json()
    assert j["total"] >= 1 and all("Putin" in (x["content"] + (x["source"] or "")) for x in j["results"])
    anon = stored.get("/api/quotes", params={"anonymous": "only"}).json()
    assert anon["total"] >= 1 and all(x["anonymous"] for x in anon["results"])
    dated = stored.get("/api/quotes", params={"since": "2025-02-01", "until": "2025-02-28"}).json()
    assert dated["total"] >= 1 and all(x["publisher"] == "Reuters" for x in dated["results"])
    pub = stored.get("/api/quotes", params={"publisher": "The Daily Beast"}).json()
    assert pub["total"] >= 19
    page2 = stored.get("/api/quotes", params={"page": 2}).json()
    assert page2["offset"] == 25 and len(page2["results"]) == max(0, page2["total"] - 25)
    assert stored.get("/api/quotes", params={"anonymous": "maybe"}).status_code == 422


def test_entity_page_has_statements_and_charts(stored: TestClient) -> None:
    r = stored.get("/entity/Zelensky")
    assert r.status_code == 200
    assert "<h1>Volodymyr Zelensky</h1>" in r.text
    assert r.text.count("<svg") >= 2 and "Reuters" in r.text and "The Daily Beast" in r.text
    j = stored.get("/api/entity/Zelensky").json()
    assert j["entity"]["name"] == "Volodymyr Zelensky" and j["statements"]["total"] >= 2
    r = stored.get("/entity/Nobody%20Atall")
    assert r.status_code == 404 and "knows no one" in r.text


def test_article_view_links_speakers_to_entity_pages(stored: TestClient) -> None:
    r = stored.get("/example")
    assert 'href="/entity/Volodymyr%20Zelensky"' in r.text


def test_outlet_and_claims_pages(stored: TestClient) -> None:
    r = stored.get("/outlet/The Daily Beast")
    assert r.status_code == 200 and "Most quoted people" in r.text and "Axios" in r.text
    j = stored.get("/api/outlet/The Daily Beast").json()
    assert j["attributions"] >= 19 and 0 < j["anonymous_share"] < 1 and j["by_month"]
    assert stored.get("/outlets").status_code == 200
    assert any(o["name"] == "Reuters" for o in stored.get("/api/outlets").json())
    # Both outlets carry Zelensky's "not pleasant" quote.
    c = stored.get("/api/claims", params={"min_outlets": 2}).json()
    claim = next(x for x in c["claims"] if "not pleasant" in x["text"])
    assert claim["n_outlets"] == 2 and claim["first"]["publisher"] in ("Reuters", "The Daily Beast")
    r = stored.get("/claims")
    assert r.status_code == 200 and "not pleasant" in r.text and "Carried by" in r.text


def test_stored_article_round_trip(stored: TestClient) -> None:
    rows = stored.get("/api/quotes", params={"publisher": "Reuters"}).json()["results"]
    aid = rows[0]["article_id"]
    r = stored.get(f"/article/{aid}")
    assert r.status_code == 200 and "Zelensky rules out giving up land" in r.text
    assert stored.get(f"/api/articles/{aid}").json()["meta"]["publisher"] == "Reuters"
    assert stored.get("/article/nope").status_code == 404


def test_openapi_describes_the_json_twins(plain: TestClient) -> None:
    spec = plain.get("/openapi.json").json()
    for path in ["/api/analyze", "/api/example", "/api/quotes", "/api/entity/{name}", "/api/outlet/{name}",
                 "/api/outlets", "/api/claims", "/api/articles/{article_id}"]:
        assert path in spec["paths"], path
    docs = plain.get("/docs").text
    assert "/api/quotes" in docs and "cdn" not in docs.lower()


# -- the view's pure parts ------------------------------------------------------------------


def _attr(aid: str, src: tuple[int, int], cue: tuple[int, int], content: tuple[int, int],
          nested_in: str | None = None, text: str = "") -> Attribution:
    def span(s: tuple[int, int]) -> TextSpan:
        return TextSpan(text[s[0]:s[1]], (s,))
    return Attribution(id=aid, source=span(src), cue=span(cue), content=span(content), nested_in=nested_in)


def test_nested_attributions_get_lower_tracks() -> None:
    text = 'Axios reported that Trump told Zelensky "we will win", sources said.'
    outer = _attr("a1", (0, 5), (6, 14), (15, 53), text=text)
    inner = _attr("a2", (20, 25), (26, 30), (40, 53), nested_in="a1", text=text)
    other = _attr("a3", (55, 62), (63, 67), (0, 53), text=text)
    tracks = view.assign_tracks([inner, outer, other], len(text))
    assert tracks["a1"] < tracks["a2"]
    assert len({tracks["a1"], tracks["a2"], tracks["a3"]}) == 3
    segs = view.segments(text, [outer, inner, other])
    assert "".join(s.text for s in segs) == text
    trump = next(s for s in segs if s.text == "Trump")
    assert {(layer.aid, layer.role) for layer in trump.layers} == {("a1", "content"), ("a2", "source"),
                                                                  ("a3", "content")}
    assert trump.top_role == "source"
    assert [s.badge for s in segs if s.badge] == ["a1", "a2", "a3"]


def test_render_text_escapes_and_keeps_offsets() -> None:
    text = '<b>Bob</b> said "<script>x</script>".'
    a = _attr("a1", (0, 10), (11, 15), (16, 37), text=text)
    out = view.render_text(view.segments(text, [a]), {"a1": 'Bob "said"'})
    assert "<script>" not in out and "<b>" not in out
    assert "&lt;script&gt;" in out and 'title="Bob &#34;said&#34;"' in out


def test_colours_are_readable() -> None:
    """WCAG contrast: text at least 4.5:1 on its background, marks and lines at least 3:1."""
    css = (Path(view.__file__).parent / "static" / "sayso.css").read_text()
    colours = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})", css))

    def lum(hex_: str) -> float:
        rgb = [int(hex_[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    def ratio(a: str, b: str) -> float:
        la, lb = sorted((lum(a), lum(b)), reverse=True)
        return (la + 0.05) / (lb + 0.05)

    for bg in ("bg", "paper", "source-bg", "cue-bg"):
        assert ratio(colours["ink"], colours[bg]) >= 7, bg
    for fg in ("muted", "link"):
        assert ratio(colours[fg], colours["bg"]) >= 4.5, fg
        assert ratio(colours[fg], colours["paper"]) >= 4.5, fg
    for line in ("source", "cue", "content"):
        assert ratio(colours[line], colours["bg"]) >= 3, line
    assert ratio(colours["ink"], "#fff1a8") >= 7  # the highlight of the selected attribution
    assert ratio("#ffffff", "#333333") >= 4.5  # the numbered markers


def test_serve_help_and_bad_store(tmp_path: Path) -> None:
    out = invoke("serve", "--help")
    assert out.exit_code == 0 and "Example: sayso serve" in out.stdout and "--allow-ingest" in out.stdout
    bad = invoke("serve", "--db", str(tmp_path / "no" / "such" / "dir.db"))
    assert bad.exit_code != 0 and "Traceback" not in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1


def test_serve_opens_the_store_sayso_db_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without --db, `sayso serve` opens $SAYSO_DB as `sayso ingest` and `sayso quotes` do; it served an
    empty sayso.db in the working folder, so a corpus ingested through $SAYSO_DB looked lost."""
    monkeypatch.setenv("SAYSO_DB", str(tmp_path / "no" / "such" / "named.db"))
    monkeypatch.chdir(tmp_path)
    bad = invoke("serve")
    assert bad.exit_code == 1 and "named.db" in bad.stderr, bad.stderr
    assert not (tmp_path / "sayso.db").exists()


def test_packaged_example_is_the_repository_example(example_text: str) -> None:
    from sayso.web.app import example_text as packaged

    assert packaged() == example_text


def test_the_form_answers_json_when_asked(plain: TestClient) -> None:
    """The Analyze form's own twin: the same POST with Accept: application/json."""
    r = plain.post("/analyze", files={"file": ("a.txt", b"Jane Doe said the bridge would reopen.", "text/plain")},
                   headers={"accept": "application/json"})
    assert r.status_code == 200 and r.json()["report"]["attributions"]
    r = plain.post("/analyze", data={"text": ""}, headers={"accept": "application/json"})
    assert r.status_code == 400 and r.json()["error"]
    r = plain.get("/analyze", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40), st.integers(0, 40), st.integers(0, 40),
                          st.integers(0, 40), st.integers(0, 40), st.booleans()), max_size=6))
def test_segments_cover_the_text_exactly(spans: list[tuple[int, ...]]) -> None:
    text = "abcdefghij klmnopqrst uvwxyz0123 456789ABCD"
    attrs = []
    for i, (a, b, c, d, e, f, nested) in enumerate(spans, 1):
        attrs.append(_attr(f"a{i}", (min(a, b), max(a, b) + 1), (min(c, d), max(c, d) + 1),
                           (min(e, f), max(e, f) + 1), nested_in="a1" if nested and i > 1 else None, text=text))
    segs = view.segments(text, attrs)
    assert "".join(s.text for s in segs) == text
    tracks = view.assign_tracks(attrs, len(text))
    for seg in segs:
        if seg.badge:
            continue
        expected = set()
        for a in attrs:
            for role, span in (("content", a.content), ("source", a.source), ("cue", a.cue)):
                assert span is not None
                s0, e0 = span.spans[0]
                if s0 <= seg.start and seg.start + len(seg.text) <= e0:
                    expected.add((a.id, role, min(tracks[a.id], view.MAX_TRACKS - 1)))
        assert {(x.aid, x.role, x.track) for x in seg.layers} == expected
    # Overlapping attributions never share a row (below the stylesheet's last row).
    for x in attrs:
        for y in attrs:
            if x.id < y.id and tracks[x.id] == tracks[y.id]:
                xs, xe = view._extent(x)
                ys, ye = view._extent(y)
                assert xe <= ys or ye <= xs


def test_contract_post_analyze_with_a_default_test_client(example_text: str) -> None:
    """Outside checks: POST /analyze with form field `text` answers the article-view HTML."""
    c = TestClient(create_app())
    r = c.post("/analyze", data={"text": example_text})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert len(badges(r.text)) >= 19 and 'id="article-text"' in r.text


def test_the_server_analyses_in_the_mode_it_was_started_with(roles_article: str) -> None:
    reports = {}
    for mode in ("fast", "accurate"):
        r = client(mode=mode).post("/api/analyze", json={"text": roles_article})
        assert r.status_code == 200, r.text
        reports[mode] = r.json()["report"]
        assert reports[mode] == json.loads(json.dumps(sayso.analyze(roles_article, mode=mode).to_dict()))
    assert reports["fast"]["attributions"] != reports["accurate"]["attributions"]
